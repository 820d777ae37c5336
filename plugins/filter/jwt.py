# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sign a JSON Web Token with HS256, the way Jitsi's token authentication
expects one: so that operators can mint a test token for their deployment
with the application secret, without a third-party tool or service."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import hashlib
import hmac
import json
import time

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_bytes


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt_token(claims, secret, lifetime=None, now=None):
    """The compact HS256 JWT of `claims` (a mapping), signed with `secret`.

    With `lifetime` (seconds), `iat` and `nbf` are set to `now` (default:
    the current time) and `exp` to `now + lifetime`, unless the claims set
    them.  Keys are sorted, so the same claims give the same token."""
    if not isinstance(claims, dict):
        raise AnsibleFilterError("jwt_token: the input must be a mapping of claims, got %s" % type(claims).__name__)
    if not isinstance(secret, str) or not secret:
        raise AnsibleFilterError("jwt_token: the secret must be a non-empty string (the application secret)")
    payload = dict(claims)
    if lifetime is not None:
        if not isinstance(lifetime, int) or isinstance(lifetime, bool) or lifetime < 1:
            raise AnsibleFilterError("jwt_token: lifetime is %r; expected a whole number of seconds, 1 or more" % (lifetime,))
        issued = int(time.time()) if now is None else int(now)
        payload.setdefault("iat", issued)
        payload.setdefault("nbf", issued)
        payload.setdefault("exp", issued + lifetime)
    for claim in ("iat", "nbf", "exp"):
        if claim in payload and (not isinstance(payload[claim], int) or isinstance(payload[claim], bool)):
            raise AnsibleFilterError("jwt_token: %s is %r; expected seconds since the epoch" % (claim, payload[claim]))
    header = {"alg": "HS256", "typ": "JWT"}
    try:
        signing_input = "%s.%s" % (
            _b64url(json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")),
            _b64url(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")),
        )
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("jwt_token: the claims cannot be written as JSON: %s" % exc)
    signature = hmac.new(to_bytes(secret), signing_input.encode("ascii"), hashlib.sha256).digest()
    return "%s.%s" % (signing_input, _b64url(signature))


class FilterModule(object):
    def filters(self):
        return {"jwt_token": jwt_token}
