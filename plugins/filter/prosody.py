# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compare a password with a prosody account file, so that a user's
password is set again only when it changed (idempotence without ever
reading a password back)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import re

from ansible.errors import AnsibleFilterError


def _lua_field(text, name):
    match = re.search(r'\[?"?' + re.escape(name) + r'"?\]?\s*=\s*("((?:\\.|[^"\\])*)"|([0-9]+))', text)
    if not match:
        return None
    return match.group(2) if match.group(2) is not None else match.group(3)


def prosody_password_matches(account, password):
    """True when the account file of prosody's internal_hashed storage
    (the text of accounts/<user>.dat) was made from this password: its
    SCRAM-SHA-1 stored key is derived again from the password, the salt and
    the iteration count.  False for any other file content."""
    if not isinstance(password, str):
        raise AnsibleFilterError("prosody_password_matches expects the password as a string")
    text = account if isinstance(account, str) else ""
    salt = _lua_field(text, "salt")
    iterations = _lua_field(text, "iteration_count")
    stored = _lua_field(text, "stored_key")
    if salt is None or stored is None or iterations is None:
        return False
    salt = re.sub(r"\\(.)", r"\1", salt)
    salted = hashlib.pbkdf2_hmac("sha1", password.encode("utf-8"), salt.encode("utf-8"), int(iterations))
    client_key = hmac.new(salted, b"Client Key", hashlib.sha1).digest()
    return hmac.compare_digest(hashlib.sha1(client_key).hexdigest(), stored.lower())


class FilterModule(object):
    def filters(self):
        return {"prosody_password_matches": prosody_password_matches}
