# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The test keys in tests/unit/fixtures and their fingerprints (see the README there)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures')

ED25519 = '5A5D8B2BAE0CB7B623EE4C7F37AF9086A1C1B7A5'
RSA2048 = 'A016E057ED176C317AC4E514E54E06CF454E268A'
EXPIRED = 'E63750F9A9E02E0D4A5F28028567E07C4B375EFF'
REVOKED = '4B936D2D1693A70F3314988B02432DCD8304428B'
EXTENDED = '7A3A874C707596B80D8AD30A460EE9C79740FAE2'
RFC9580_V6 = 'CB186C4F0609A697E4D52DFA6C722B0C1F1E27C18A56708F6525EC27BAD9ACC9'


def fixture(name, mode='rb'):
    with open(os.path.join(FIXTURES, name), mode) as handle:
        return handle.read()
