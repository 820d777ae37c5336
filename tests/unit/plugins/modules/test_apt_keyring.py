# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools
import os
import stat
import threading
import http.server as http_server

import pytest

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.selfhosted.jitsi.plugins.module_utils.openpgp import dearmor
from ansible_collections.selfhosted.jitsi.plugins.modules import apt_keyring
from ansible_collections.selfhosted.jitsi.tests.unit.keys import ED25519, EXPIRED, REVOKED, RSA2048, fixture


def read(path):
    with open(str(path), 'rb') as handle:
        return handle.read()


def mode_of(path):
    return stat.S_IMODE(os.stat(str(path)).st_mode)


@pytest.fixture(autouse=True)
def debian_12_host(tmp_path, monkeypatch):
    """A host without sqv, whatever the machine running the tests has."""
    root = tmp_path / 'host'
    root.mkdir()
    monkeypatch.setattr(apt_keyring, 'HOST_ROOT', str(root))


@pytest.fixture
def legacy(tmp_path, monkeypatch):
    """Point the module's legacy stores at an empty temporary tree."""
    keyring = tmp_path / 'trusted.gpg'
    keyring_dir = tmp_path / 'trusted.gpg.d'
    keyring_dir.mkdir()
    monkeypatch.setattr(apt_keyring, 'LEGACY_KEYRING', str(keyring))
    monkeypatch.setattr(apt_keyring, 'LEGACY_KEYRING_DIR', str(keyring_dir))
    return keyring, keyring_dir


@pytest.fixture
def keyrings(tmp_path, legacy):
    return tmp_path / 'keyrings'


def args(keyrings, **extra):
    result = dict(name='jitsi', dir=str(keyrings))
    result.update(extra)
    return result


def test_writes_binary_keyring_with_mode_0644(run_module, keyrings):
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'),
                                                       fingerprints=[ED25519]))
    assert not failed and result['changed']
    path = keyrings / 'jitsi.gpg'
    assert result['path'] == str(path) and result['exists'] is True
    assert result['fingerprints'] == [ED25519]
    assert read(path) == fixture('ed25519.gpg')
    assert mode_of(path) == 0o644 and mode_of(keyrings) == 0o755
    assert ED25519 in result['diff'][0]['after'] and result['diff'][0]['before'] == ''
    assert os.listdir(str(keyrings)) == ['jitsi.gpg']


def test_second_run_is_unchanged(run_module, keyrings):
    run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'), fingerprints=[ED25519]))
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'),
                                                       fingerprints=[ED25519]))
    assert not failed and not result['changed']


def test_wrong_mode_is_fixed(run_module, keyrings):
    run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'), fingerprints=[ED25519]))
    os.chmod(str(keyrings / 'jitsi.gpg'), 0o600)
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'),
                                                       fingerprints=[ED25519]))
    assert result['changed'] and mode_of(keyrings / 'jitsi.gpg') == 0o644


def test_check_mode_reports_but_writes_nothing(run_module, keyrings):
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'),
                                                       fingerprints=[ED25519]), check_mode=True)
    assert not failed and result['changed'] and result['fingerprints'] == [ED25519]
    assert not keyrings.exists() and result['exists'] is False


def test_check_mode_on_a_written_keyring_says_it_exists(run_module, keyrings):
    run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'), fingerprints=[ED25519]))
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'),
                                                       fingerprints=[ED25519]), check_mode=True)
    assert not failed and not result['changed'] and result['exists'] is True


def test_unpinned_key_warns(run_module, keyrings, monkeypatch):
    # Record warnings at the source: where they end up depends on what else
    # the test process has imported (controller code routes them to Display).
    warnings = []
    monkeypatch.setattr(AnsibleModule, 'warn', lambda self, warning: warnings.append(warning))
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r')))
    assert not failed
    assert len(warnings) == 1 and 'not pinned' in warnings[0] and ED25519 in warnings[0]
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'),
                                                       fingerprints=[ED25519]))
    assert len(warnings) == 1


def test_key_material_is_filtered_to_certificate_packets(run_module, keyrings):
    trust = b'\xb0\x02\x00\x78'
    packets = fixture('ed25519.gpg')
    source = keyrings.parent / 'with-trust.gpg'
    source.write_bytes(packets[:53] + trust + packets[53:])
    failed, result = run_module(apt_keyring.main, args(keyrings, src=str(source), fingerprints=[ED25519]))
    assert not failed and read(keyrings / 'jitsi.gpg') == packets


@pytest.mark.parametrize('key, fingerprints, message', [
    ('rsa2048.asc', [ED25519], 'missing %s' % ED25519),
    ('two-keys.asc', [ED25519], 'not pinned %s' % RSA2048),
    ('expired.asc', [EXPIRED], 'expired on 2020-01-02'),
    ('revoked.asc', [REVOKED], 'revoked'),
    ('expired.asc', [], 'expired on 2020-01-02'),
])
def test_refused_keys_leave_the_existing_keyring_alone(run_module, keyrings, key, fingerprints, message):
    run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'), fingerprints=[ED25519]))
    before = read(keyrings / 'jitsi.gpg')
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture(key, 'r'),
                                                       fingerprints=fingerprints))
    assert failed and message in result['msg']
    assert read(keyrings / 'jitsi.gpg') == before
    assert os.listdir(str(keyrings)) == ['jitsi.gpg']


@pytest.mark.parametrize('mangle, message', [
    (lambda text: text[:text.index('-----END')], 'truncated'),
    (lambda text: text.replace('=LnWX', '=AAAA'), 'checksum does not match'),
    (lambda text: 'not a key at all', 'not an OpenPGP key'),
])
def test_damaged_key_material_writes_nothing(run_module, keyrings, mangle, message):
    failed, result = run_module(apt_keyring.main, args(keyrings, data=mangle(fixture('ed25519.asc', 'r')),
                                                       fingerprints=[ED25519]))
    assert failed and message in result['msg']
    assert not keyrings.exists()


def test_secret_key_is_refused(run_module, keyrings):
    public = fixture('ed25519.gpg')
    # Re-frame the primary key packet (old format, tag 6) as a secret key (tag 5).
    secret = bytes(bytearray([0x80 | (5 << 2) | (bytearray(public[:1])[0] & 3)])) + public[1:]
    source = keyrings.parent / 'secret.gpg'
    source.write_bytes(secret)
    failed, result = run_module(apt_keyring.main, args(keyrings, src=str(source), fingerprints=[ED25519]))
    assert failed and 'secret key material' in result['msg']
    assert not keyrings.exists()


def test_bad_fingerprint_and_name_are_refused(run_module, keyrings):
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'),
                                                       fingerprints=['B4D2D216F1FD7806']))
    assert failed and 'short key ID' in result['msg']
    failed, result = run_module(apt_keyring.main, dict(name='../jitsi', dir=str(keyrings),
                                                       data=fixture('ed25519.asc', 'r')))
    assert failed and 'file base name' in result['msg']
    failed, result = run_module(apt_keyring.main, dict(name='jitsi.gpg', dir=str(keyrings),
                                                       data=fixture('ed25519.asc', 'r')))
    assert failed and 'without the .gpg suffix' in result['msg']
    assert not keyrings.exists()


def test_missing_src_is_refused(run_module, keyrings):
    failed, result = run_module(apt_keyring.main, args(keyrings, src=str(keyrings.parent / 'nope.asc')))
    assert failed and 'cannot be read on the managed host' in result['msg']


def test_key_source_is_required_and_exclusive(run_module, keyrings):
    failed, result = run_module(apt_keyring.main, args(keyrings))
    assert failed and 'url, data, src' in result['msg']
    failed, result = run_module(apt_keyring.main, args(keyrings, data='x', src='/x'))
    assert failed and 'mutually exclusive' in result['msg']


@pytest.fixture
def http_dir(tmp_path):
    served = tmp_path / 'www'
    served.mkdir()
    handler = functools.partial(QuietHandler, directory=str(served))
    server = http_server.HTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever)
    thread.daemon = True
    thread.start()
    yield served, 'http://127.0.0.1:%d' % server.server_address[1]
    server.shutdown()
    server.server_close()


class QuietHandler(http_server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_url_download(run_module, keyrings, http_dir):
    served, base = http_dir
    (served / 'key.asc').write_bytes(fixture('two-keys.asc'))
    failed, result = run_module(apt_keyring.main, args(keyrings, url=base + '/key.asc',
                                                       fingerprints=[RSA2048, ED25519]))
    assert not failed and result['fingerprints'] == [ED25519, RSA2048]
    assert read(keyrings / 'jitsi.gpg') == dearmor(fixture('two-keys.asc'))
    failed, result = run_module(apt_keyring.main, args(keyrings, url=base + '/missing.asc',
                                                       fingerprints=[ED25519]))
    assert failed and 'could not download' in result['msg'] and '404' in result['msg']


def test_legacy_cleanup_removes_only_those_keys(run_module, keyrings, legacy):
    keyring, keyring_dir = legacy
    rsa = dearmor(fixture('rsa2048.asc'))
    keyring.write_bytes(fixture('ed25519.gpg') + rsa)
    (keyring_dir / 'jitsi.gpg').write_bytes(fixture('ed25519.gpg'))
    (keyring_dir / 'mixed.asc').write_bytes(fixture('two-keys.asc'))
    (keyring_dir / 'debian.gpg').write_bytes(rsa)
    args_ = args(keyrings, data=fixture('ed25519.asc', 'r'), fingerprints=[ED25519])

    failed, result = run_module(apt_keyring.main, args_, check_mode=True)
    assert sorted(result['legacy_removed']) == sorted([str(keyring), str(keyring_dir / 'jitsi.gpg'),
                                                       str(keyring_dir / 'mixed.asc')])
    assert read(keyring) == fixture('ed25519.gpg') + rsa

    failed, result = run_module(apt_keyring.main, args_)
    assert not failed and len(result['legacy_removed']) == 3
    assert read(keyring) == rsa
    assert not (keyring_dir / 'jitsi.gpg').exists()
    assert dearmor(read(keyring_dir / 'mixed.asc')) == rsa
    assert read(keyring_dir / 'debian.gpg') == rsa
    assert read(keyrings / 'jitsi.gpg') == fixture('ed25519.gpg')

    failed, result = run_module(apt_keyring.main, args_)
    assert not result['changed'] and result['legacy_removed'] == []


def test_legacy_cleanup_can_be_turned_off(run_module, keyrings, legacy):
    keyring, keyring_dir = legacy
    keyring.write_bytes(fixture('ed25519.gpg'))
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'),
                                                       fingerprints=[ED25519], legacy_cleanup=False))
    assert result['legacy_removed'] == [] and read(keyring) == fixture('ed25519.gpg')


def test_absent_removes_keyring_and_legacy_copies(run_module, keyrings, legacy):
    keyring, keyring_dir = legacy
    run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'), fingerprints=[ED25519]))
    keyring.write_bytes(fixture('ed25519.gpg'))
    failed, result = run_module(apt_keyring.main, args(keyrings, state='absent', fingerprints=[ED25519]),
                                check_mode=True)
    assert result['changed'] and (keyrings / 'jitsi.gpg').exists() and keyring.exists()
    assert result['exists'] is True
    failed, result = run_module(apt_keyring.main, args(keyrings, state='absent', fingerprints=[ED25519]))
    assert not failed and result['changed'] and result['legacy_removed'] == [str(keyring)]
    assert result['exists'] is False
    assert not (keyrings / 'jitsi.gpg').exists() and not keyring.exists()
    failed, result = run_module(apt_keyring.main, args(keyrings, state='absent'))
    assert not failed and not result['changed']


def test_dir_that_is_a_file_is_refused(run_module, keyrings):
    keyrings.write_bytes(b'not a directory')
    failed, result = run_module(apt_keyring.main, args(keyrings, data=fixture('ed25519.asc', 'r'),
                                                       fingerprints=[ED25519]))
    assert failed and 'exists but is not a directory' in result['msg']
    assert read(keyrings) == b'not a directory'
