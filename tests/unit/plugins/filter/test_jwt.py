# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import hashlib
import hmac
import json

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.filter.jwt import jwt_token

SECRET = "a-test-secret-of-some-length"
CLAIMS = {"iss": "app", "aud": "app", "sub": "meet.example.org", "room": "standup"}


def decode(part):
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_token_is_three_base64url_parts_with_hs256_header():
    header, payload, signature = jwt_token(CLAIMS, SECRET).split(".")
    # The header every HS256 library writes in compact JSON (jwt.io's example).
    assert header == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    assert decode(payload) == CLAIMS
    assert "=" not in signature and "+" not in signature and "/" not in signature


def test_signature_is_hmac_sha256_of_header_and_payload():
    token = jwt_token(CLAIMS, SECRET)
    signing_input, signature = token.rsplit(".", 1)
    expected = hmac.new(SECRET.encode(), signing_input.encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)) == expected


def test_another_secret_gives_another_signature():
    assert jwt_token(CLAIMS, SECRET).rsplit(".", 1)[1] != jwt_token(CLAIMS, SECRET + "x").rsplit(".", 1)[1]


def test_lifetime_sets_the_time_claims():
    payload = decode(jwt_token(CLAIMS, SECRET, lifetime=600, now=1000).split(".")[1])
    assert (payload["iat"], payload["nbf"], payload["exp"]) == (1000, 1000, 1600)


def test_lifetime_keeps_claims_given():
    payload = decode(jwt_token(dict(CLAIMS, exp=5), SECRET, lifetime=600, now=1000).split(".")[1])
    assert payload["exp"] == 5 and payload["nbf"] == 1000


def test_same_claims_give_the_same_token():
    assert jwt_token(CLAIMS, SECRET) == jwt_token(dict(reversed(list(CLAIMS.items()))), SECRET)


@pytest.mark.parametrize("claims, secret, kwargs, message", [
    ("room=x", SECRET, {}, "must be a mapping"),
    (CLAIMS, "", {}, "non-empty string"),
    (CLAIMS, None, {}, "non-empty string"),
    (CLAIMS, SECRET, {"lifetime": 0}, "lifetime is 0"),
    (CLAIMS, SECRET, {"lifetime": "1h"}, "whole number of seconds"),
    (dict(CLAIMS, exp="tomorrow"), SECRET, {}, "exp is 'tomorrow'"),
    (dict(CLAIMS, user=object()), SECRET, {}, "cannot be written as JSON"),
])
def test_bad_input_is_refused_with_what_was_expected(claims, secret, kwargs, message):
    with pytest.raises(AnsibleFilterError, match=message):
        jwt_token(claims, secret, **kwargs)
