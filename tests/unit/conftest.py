# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.selfhosted.jitsi.tests.unit import generated_keys


@pytest.fixture(scope='session')
def gpg_keys():
    """Keys made by gpg for this run (see tests/unit/generated_keys.py)."""
    if generated_keys.GPG is None:
        pytest.skip('gpg is not installed; the tests of key policies need it to make their keys')
    return generated_keys.make_keys()
