# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.selfhosted.jitsi.plugins.module_utils.legacy_keyrings import (
    change_diff,
    legacy_keyring_files,
    plan_legacy_cleanup,
)
from ansible_collections.selfhosted.jitsi.plugins.module_utils.openpgp import dearmor
from ansible_collections.selfhosted.jitsi.tests.unit.keys import ED25519, RSA2048, fixture


def write(path, data):
    with open(str(path), 'wb') as handle:
        handle.write(data)
    return str(path)


def test_legacy_files_are_the_main_keyring_then_gpg_and_asc_files(tmp_path):
    keyring_dir = tmp_path / 'trusted.gpg.d'
    keyring_dir.mkdir()
    main = write(tmp_path / 'trusted.gpg', b'')
    b_file = write(keyring_dir / 'b.gpg', b'')
    a_file = write(keyring_dir / 'a.asc', b'')
    write(keyring_dir / 'notes.txt', b'')
    write(keyring_dir / 'c.gpg~', b'')
    (keyring_dir / 'dir.gpg').mkdir()
    assert legacy_keyring_files(main, str(keyring_dir)) == [main, b_file, a_file]


def test_missing_legacy_stores_give_no_files(tmp_path):
    assert legacy_keyring_files(str(tmp_path / 'trusted.gpg'), str(tmp_path / 'none')) == []


def test_plan_removes_the_key_and_keeps_the_rest(tmp_path):
    rsa = dearmor(fixture('rsa2048.asc'))
    only_ed = write(tmp_path / 'only.gpg', fixture('ed25519.gpg'))
    mixed = write(tmp_path / 'mixed.gpg', fixture('ed25519.gpg') + rsa)
    armored = write(tmp_path / 'mixed.asc', fixture('two-keys.asc'))
    other = write(tmp_path / 'other.gpg', rsa)
    empty = write(tmp_path / 'empty.gpg', b'')
    changes, warnings = plan_legacy_cleanup([ED25519], [only_ed, mixed, armored, other, empty])
    assert warnings == []
    by_path = dict((change.path, change) for change in changes)
    assert sorted(by_path) == sorted([only_ed, mixed, armored])
    assert by_path[only_ed].new_data is None
    assert by_path[mixed].new_data == rsa
    assert dearmor(by_path[armored].new_data) == rsa
    assert all(change.removed == [ED25519] for change in changes)
    with open(mixed, 'rb') as handle:
        assert handle.read() == fixture('ed25519.gpg') + rsa


def test_plan_leaves_unreadable_files_alone_with_a_warning(tmp_path):
    keybox = write(tmp_path / 'pubring.gpg', b'\x00\x00\x00\x20\x01\x02\x00\x00KBXf' + b'\x00' * 20)
    changes, warnings = plan_legacy_cleanup([ED25519], [keybox])
    assert changes == []
    assert len(warnings) == 1 and keybox in warnings[0] and 'left alone' in warnings[0]


def test_change_diff_summarises_keys(tmp_path):
    mixed = write(tmp_path / 'mixed.gpg', fixture('ed25519.gpg') + dearmor(fixture('rsa2048.asc')))
    only = write(tmp_path / 'only.gpg', fixture('ed25519.gpg'))
    changes, warnings = plan_legacy_cleanup([ED25519], [mixed, only])
    kept = change_diff(changes[0])
    assert ED25519 in kept['before'] and RSA2048 in kept['before']
    assert ED25519 not in kept['after'] and RSA2048 in kept['after']
    gone = change_diff(changes[1])
    assert gone['after'] == '' and gone['after_header'].endswith('(removed)')
