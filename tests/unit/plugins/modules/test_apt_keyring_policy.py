# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""apt_keyring refuses, before writing, the keys the host's apt would refuse,
and warns of those Debian 13's apt refuses while the host still accepts them."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.selfhosted.jitsi.plugins.module_utils import apt_key_policy
from ansible_collections.selfhosted.jitsi.plugins.modules import apt_keyring

SHA1_SETTING = 'sha1.second_preimage_resistance'


def place(root, path, text):
    target = os.path.join(str(root), path.lstrip('/'))
    if not os.path.isdir(os.path.dirname(target)):
        os.makedirs(os.path.dirname(target))
    with open(target, 'w') as handle:
        handle.write(text)


@pytest.fixture
def host(tmp_path, monkeypatch):
    """An empty host root: gpgv, until a test adds sqv and its policy files."""
    root = tmp_path / 'host'
    root.mkdir()
    monkeypatch.setattr(apt_keyring, 'HOST_ROOT', str(root))
    for name in ('LEGACY_KEYRING', 'LEGACY_KEYRING_DIR'):
        monkeypatch.setattr(apt_keyring, name, str(root / name.lower()))
    return root


@pytest.fixture
def warnings(monkeypatch):
    """The warnings of each run, recorded at the source (see test_apt_keyring)."""
    recorded = []
    monkeypatch.setattr(AnsibleModule, 'warn', lambda self, warning: recorded.append(warning))
    return recorded


@pytest.fixture
def trixie(host):
    place(host, apt_key_policy.SQV, '')
    place(host, apt_key_policy.DEBIAN_DEFAULT_FILE, apt_key_policy.DEBIAN_13_DEFAULT)
    return host


def relax_sha1(root):
    place(root, apt_key_policy.OVERRIDE_FILE, apt_key_policy.DEBIAN_13_DEFAULT.replace(
        SHA1_SETTING + ' = 2026-02-01', SHA1_SETTING + ' = 2099-02-01'))


def keyring_args(tmp_path, gpg_keys, names, **extra):
    result = dict(name='vendor', dir=str(tmp_path / 'keyrings'),
                  data=''.join(gpg_keys[name][1].decode('ascii') for name in names),
                  fingerprints=[gpg_keys[name][0] for name in names])
    result.update(extra)
    return result


@pytest.mark.parametrize('check_mode', [False, True])
def test_sha1_bound_key_is_refused_on_debian_13_before_anything_is_written(
        run_module, tmp_path, trixie, gpg_keys, check_mode):
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['sha1']), check_mode=check_mode)
    assert failed
    message = result['msg']
    assert 'nothing was written' in message and gpg_keys['sha1'][0] in message
    assert 'uses SHA1' in message and 'since 2026-02-01' in message
    assert 'apt\'s sqv on this host (policy %s)' % apt_key_policy.DEBIAN_DEFAULT_FILE in message
    assert apt_key_policy.OVERRIDE_FILE in message
    assert result['verifier'] == 'sqv'
    assert not (tmp_path / 'keyrings').exists()


def test_refused_key_leaves_an_installed_keyring_alone(run_module, tmp_path, trixie, gpg_keys):
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['good']))
    assert not failed and result['changed']
    before = (tmp_path / 'keyrings' / 'vendor.gpg').read_bytes()
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['dsa2048']))
    assert failed and 'DSA 2048' in result['msg'] and 'since 2024-02-01' in result['msg']
    assert (tmp_path / 'keyrings' / 'vendor.gpg').read_bytes() == before
    assert os.listdir(str(tmp_path / 'keyrings')) == ['vendor.gpg']


def test_good_key_on_debian_13_reports_verifier_and_policy(run_module, tmp_path, trixie, gpg_keys, warnings):
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['good']))
    assert not failed and not warnings
    assert result['verifier'] == 'sqv' and result['policy'] == apt_key_policy.DEBIAN_DEFAULT_FILE


def test_sha1_bound_key_installs_on_debian_12_with_a_warning(run_module, tmp_path, host, gpg_keys, warnings):
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['sha1']))
    assert not failed and result['changed']
    assert result['verifier'] == 'gpgv' and result['policy'] == 'gpgv'
    assert len(warnings) == 1 and 'after an upgrade to Debian 13 apt-get update fails' in warnings[0]
    assert (tmp_path / 'keyrings' / 'vendor.gpg').exists()


def test_relaxed_apt_policy_needs_the_exception_too(run_module, tmp_path, trixie, gpg_keys, warnings):
    relax_sha1(trixie)
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['sha1']))
    assert failed and 'List %s in policy_exceptions' % SHA1_SETTING in result['msg']
    assert result['policy'] == apt_key_policy.OVERRIDE_FILE
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['sha1'],
                                                               policy_exceptions=[SHA1_SETTING]))
    assert not failed and result['changed']
    assert len(warnings) == 1 and 'installed because policy_exceptions lists' in warnings[0]
    # Never silently: the next run warns again.
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['sha1'],
                                                               policy_exceptions=[SHA1_SETTING]))
    assert not failed and not result['changed'] and len(warnings) == 2


def test_exception_without_the_apt_policy_file_fails_saying_how(run_module, tmp_path, trixie, gpg_keys):
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['sha1'],
                                                               policy_exceptions=[SHA1_SETTING]))
    assert failed
    assert 'apt on this host still refuses it' in result['msg']
    assert 'copy %s to %s' % (apt_key_policy.DEBIAN_DEFAULT_FILE, apt_key_policy.OVERRIDE_FILE) in result['msg']


def test_exceptions_are_limited_to_what_apt_can_relax(run_module, tmp_path, trixie, gpg_keys):
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['rsa1024'],
                                                               policy_exceptions=['rsa1024']))
    assert failed and 'policy_exceptions' in result['msg'] and 'rsa1024' in result['msg']


def test_legacy_and_modern_key_in_one_file_need_both_pins(run_module, tmp_path, trixie, gpg_keys, warnings):
    both = keyring_args(tmp_path, gpg_keys, ['sha1', 'good'])
    failed, result = run_module(apt_keyring.main, dict(both, fingerprints=[gpg_keys['good'][0]]))
    assert failed and 'not pinned %s' % gpg_keys['sha1'][0] in result['msg']
    assert 'verify %s with its publisher and add it to fingerprints' % gpg_keys['sha1'][0] in result['msg']
    assert not (tmp_path / 'keyrings').exists()
    failed, result = run_module(apt_keyring.main, both)
    assert not failed and result['changed']
    assert result['fingerprints'] == [gpg_keys['sha1'][0], gpg_keys['good'][0]]
    assert len(warnings) == 1
    assert 'ignores signatures by %s' % gpg_keys['sha1'][0] in warnings[0]


def test_file_of_refused_keys_only_fails(run_module, tmp_path, trixie, gpg_keys):
    failed, result = run_module(apt_keyring.main, keyring_args(tmp_path, gpg_keys, ['sha1', 'dsa2048']))
    assert failed
    assert gpg_keys['sha1'][0] in result['msg'] and gpg_keys['dsa2048'][0] in result['msg']
