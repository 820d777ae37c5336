# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import hmac

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.filter.prosody import prosody_password_matches


def account(password, salt="8c9e1a62-2f3d-4b6f-9d0e-1f2a3b4c5d6e", iterations=10000):
    """An accounts/<user>.dat as prosody's internal_hashed writes it (SCRAM-SHA-1)."""
    salted = hashlib.pbkdf2_hmac("sha1", password.encode(), salt.encode(), iterations)
    stored = hashlib.sha1(hmac.new(salted, b"Client Key", hashlib.sha1).digest()).hexdigest()
    server = hmac.new(salted, b"Server Key", hashlib.sha1).hexdigest()
    return ('return {\n\t["iteration_count"] = %d;\n\t["salt"] = "%s";\n\t["server_key"] = "%s";\n'
            '\t["stored_key"] = "%s";\n};\n' % (iterations, salt, server, stored))


def test_same_password_matches():
    assert prosody_password_matches(account("correct horse"), "correct horse") is True


def test_changed_password_does_not_match():
    assert prosody_password_matches(account("correct horse"), "battery staple") is False


def test_iteration_count_and_salt_are_read_from_the_file():
    assert prosody_password_matches(account("pw-123456", salt="other-salt", iterations=4096), "pw-123456") is True


@pytest.mark.parametrize("text", ["", "return {};\n", None, 'return { ["salt"] = "x"; };'])
def test_files_without_scram_keys_never_match(text):
    assert prosody_password_matches(text, "anything") is False


def test_password_must_be_a_string():
    with pytest.raises(AnsibleFilterError):
        prosody_password_matches(account("x"), None)
