# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The key policy judges keys as apt was measured to: sqv (Debian 13) and
gpgv (Debian 12), see tests/unit/generated_keys.py."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import time

import pytest

from ansible_collections.selfhosted.jitsi.plugins.module_utils import apt_key_policy as policy
from ansible_collections.selfhosted.jitsi.plugins.module_utils.openpgp import (
    Packet,
    read_certificates,
)
from ansible_collections.selfhosted.jitsi.tests.unit.plugins.module_utils.test_openpgp_bindings import v3_signature

# The keys are made when the tests run, so their bindings are from now.
NOW = int(time.time()) + 60
DEFAULT = '/usr/share/apt/default-sequoia.config'


def day(text):
    year, month, mday = (int(part) for part in text.split('-'))
    return calendar.timegm((year, month, mday, 0, 0, 0))


def debian():
    return policy.parse_policy(policy.DEBIAN_13_DEFAULT, 'Debian 13', DEFAULT)


def certificates(gpg_keys, *names):
    found = []
    for name in names:
        found.extend(read_certificates(gpg_keys[name][1]))
    return found


def judge(gpg_keys, names, verifier='sqv', host=None, exceptions=()):
    host = host or (debian() if verifier == 'sqv' else policy.gpgv_policy())
    return policy.assess(certificates(gpg_keys, *names), verifier, host, debian(), NOW, exceptions)


# --- policy files -------------------------------------------------------------

def test_debian_13_default_file_is_read():
    parsed = debian()
    assert parsed.cutoff('hash_algorithms', 'sha1.second_preimage_resistance') == day('2026-02-01')
    assert parsed.cutoff('hash_algorithms', 'sha224.collision_resistance') == day('2026-02-01')
    assert parsed.cutoff('asymmetric_algorithms', 'dsa2048') == day('2024-02-01')
    assert parsed.cutoff('asymmetric_algorithms', 'rsa2048') == day('2030-02-01')
    assert parsed.cutoff('packets', 'signature.v3') == day('2026-02-01')


def test_what_a_file_leaves_out_falls_back_to_sequoia_defaults():
    parsed = policy.parse_policy('[hash_algorithms]\nsha1.second_preimage_resistance = 2027-02-01\n', 'x', 'x')
    assert parsed.cutoff('hash_algorithms', 'sha1.collision_resistance') == day('2013-02-01')
    assert parsed.cutoff('asymmetric_algorithms', 'rsa1024') == day('2014-02-01')
    assert parsed.cutoff('asymmetric_algorithms', 'dsa2048') is None
    assert parsed.cutoff('packets', 'signature.v3') == day('2007-02-01')


def test_always_never_tables_and_default_disposition():
    text = '\n'.join([
        '# a comment',
        '[hash_algorithms.sha1]',
        'second_preimage_resistance = "always"',
        '[hash_algorithms]',
        'ignore_invalid = ["sha4"]',
        'sha4 = "never"',
        '[asymmetric_algorithms]',
        'default_disposition = "never"',
        'rsa3072 = "always"',
        'rsa4096 = 2099-01-01T00:00:00Z',
        '[symmetric_algorithms]',
        'idea = "never"',
    ])
    parsed = policy.parse_policy(text, 'x', 'x')
    assert parsed.cutoff('hash_algorithms', 'sha1.second_preimage_resistance') is None
    assert parsed.cutoff('asymmetric_algorithms', 'rsa3072') is None
    assert parsed.cutoff('asymmetric_algorithms', 'rsa4096') == day('2099-01-01')
    assert parsed.cutoff('asymmetric_algorithms', 'ed25519') == policy.NEVER


def test_a_whole_hash_setting_covers_both_resistances():
    parsed = policy.parse_policy('[hash_algorithms]\nsha1 = "always"\n', 'x', 'x')
    assert parsed.cutoff('hash_algorithms', 'sha1.second_preimage_resistance') is None
    assert parsed.cutoff('hash_algorithms', 'sha1.collision_resistance') is None


@pytest.mark.parametrize('text', ['sha1 = 2026-02-01\n', '[hash_algorithms]\nsha1 = soon\n', '[x]\nnot a line\n'])
def test_unreadable_policy_file_is_refused(text):
    with pytest.raises(policy.PolicyConfigError, match='line'):
        policy.parse_policy(text, 'x', 'x')


def files(present):
    return (lambda path: path in present), (lambda path: present[path])


def test_host_without_sqv_uses_gpgv():
    exists, read = files({DEFAULT: policy.DEBIAN_13_DEFAULT})
    assert policy.host_verifier(exists) == 'gpgv'
    assert policy.host_policy(exists, read)[0].source == 'gpgv'


@pytest.mark.parametrize('present, chosen', [
    ([DEFAULT], DEFAULT),
    ([DEFAULT, policy.OVERRIDE_FILE], policy.OVERRIDE_FILE),
    ([DEFAULT, '/etc/crypto-policies/back-ends/sequoia.config'], '/etc/crypto-policies/back-ends/sequoia.config'),
    ([DEFAULT, '/etc/crypto-policies/back-ends/sequoia.config', policy.OVERRIDE_FILE], policy.OVERRIDE_FILE),
])
def test_sqv_reads_the_first_policy_file_apt_reads(present, chosen):
    exists, read = files(dict((path, policy.DEBIAN_13_DEFAULT) for path in present + [policy.SQV]))
    assert policy.host_verifier(exists) == 'sqv'
    found, warning = policy.host_policy(exists, read)
    assert found.source == chosen and warning is None


def test_broken_policy_file_is_reported_and_debian_default_used():
    exists, read = files({policy.SQV: '', policy.OVERRIDE_FILE: 'garbage\n'})
    found, warning = policy.host_policy(exists, read)
    assert policy.OVERRIDE_FILE in warning and 'fails to verify anything' in warning
    assert found.cutoff('asymmetric_algorithms', 'dsa2048') == day('2024-02-01')


def test_debian_policy_without_the_packaged_file_is_debian_13s():
    exists, read = files({})
    assert policy.debian_policy(exists, read).cutoff('packets', 'signature.v3') == day('2026-02-01')


# --- keys on Debian 13 (sqv) and Debian 12 (gpgv), as apt was measured -------

@pytest.mark.parametrize('name, sqv_refuses, gpgv_refuses', [
    ('good', False, False),
    ('sha1', True, False),
    ('dsa2048', True, False),
    ('dsa1024', True, False),
    ('rsa1024', True, False),
    ('sha1_encryption_subkey', False, False),
])
def test_keys_are_refused_where_apt_refuses_them(gpg_keys, name, sqv_refuses, gpgv_refuses):
    errors, warnings = judge(gpg_keys, [name], 'sqv')
    assert bool(errors) == sqv_refuses, errors
    errors, warnings = judge(gpg_keys, [name], 'gpgv')
    assert bool(errors) == gpgv_refuses, errors
    # Debian 12 hosts are told what Debian 13 will do.
    assert bool([text for text in warnings if 'Debian 13' in text]) == sqv_refuses, warnings


def test_sha1_message_names_key_signature_reason_date_and_remedies(gpg_keys):
    fingerprint = gpg_keys['sha1'][0]
    errors, warnings = judge(gpg_keys, ['sha1'], 'sqv')
    assert len(errors) == 1 and not warnings
    message = errors[0]
    assert fingerprint in message
    assert 'user ID "Test sha1 key <sha1@example.invalid>"' in message
    assert 'uses SHA1' in message and 'since 2026-02-01' in message
    assert '[hash_algorithms] sha1.second_preimage_resistance' in message
    assert 'the vendor must renew the key\'s self-signatures' in message
    assert policy.OVERRIDE_FILE in message and 'list sha1.second_preimage_resistance in policy_exceptions' in message


def test_dsa_message_asks_for_a_new_key(gpg_keys):
    errors = judge(gpg_keys, ['dsa2048'], 'sqv')[0]
    assert len(errors) == 1
    assert 'primary key %s is DSA 2048' % gpg_keys['dsa2048'][0] in errors[0]
    assert 'since 2024-02-01' in errors[0] and 'make a new key' in errors[0]


def test_1024_bit_keys_get_no_exception(gpg_keys):
    errors = judge(gpg_keys, ['rsa1024'], 'sqv')[0]
    assert 'since 2014-02-01' in errors[0] and 'No exception is offered for rsa1024' in errors[0]


def test_gpgv_host_is_warned_of_debian_13(gpg_keys):
    errors, warnings = judge(gpg_keys, ['sha1'], 'gpgv')
    assert not errors
    assert len(warnings) == 1
    assert 'gpgv accepts it here, but after an upgrade to Debian 13 apt-get update fails' in warnings[0]
    assert 'since 2026-02-01' in warnings[0]


def test_sha1_bound_encryption_subkey_only_warns(gpg_keys):
    errors, warnings = judge(gpg_keys, ['sha1_encryption_subkey'], 'sqv')
    assert not errors
    assert len(warnings) == 1 and 'apt does not verify with that part of the key' in warnings[0]


# --- several primary keys in one file ---------------------------------------

def test_legacy_key_next_to_a_good_one_only_warns(gpg_keys):
    errors, warnings = judge(gpg_keys, ['sha1', 'good'], 'sqv')
    assert not errors
    assert len(warnings) == 1
    assert 'ignores signatures by %s' % gpg_keys['sha1'][0] in warnings[0]
    assert 'only while it is also signed by %s' % gpg_keys['good'][0] in warnings[0]


def test_file_where_every_key_is_refused_fails_for_each(gpg_keys):
    errors = judge(gpg_keys, ['sha1', 'dsa2048'], 'sqv')[0]
    assert len(errors) == 2
    assert gpg_keys['sha1'][0] in errors[0] and gpg_keys['dsa2048'][0] in errors[1]


# --- exceptions ---------------------------------------------------------------

def relaxed():
    text = policy.DEBIAN_13_DEFAULT.replace('sha1.second_preimage_resistance = 2026-02-01',
                                            'sha1.second_preimage_resistance = 2027-06-01')
    return policy.parse_policy(text, 'apt\'s sqv on this host', policy.OVERRIDE_FILE)


def test_relaxed_host_policy_alone_is_not_enough(gpg_keys):
    errors, warnings = judge(gpg_keys, ['sha1'], 'sqv', host=relaxed())
    assert len(errors) == 1
    assert 'accepts it only because %s relaxes [hash_algorithms] sha1.second_preimage_resistance' % (
        policy.OVERRIDE_FILE) in errors[0]
    assert 'List sha1.second_preimage_resistance in policy_exceptions' in errors[0]


def test_exception_with_relaxed_host_policy_installs_with_a_warning(gpg_keys):
    errors, warnings = judge(gpg_keys, ['sha1'], 'sqv', host=relaxed(),
                             exceptions=['sha1.second_preimage_resistance'])
    assert not errors
    assert any('installed because policy_exceptions lists sha1.second_preimage_resistance' in text
               for text in warnings), warnings


def test_exception_the_host_does_not_share_still_fails(gpg_keys):
    errors = judge(gpg_keys, ['sha1'], 'sqv', exceptions=['sha1.second_preimage_resistance'])[0]
    assert len(errors) == 1
    assert 'policy_exceptions lists sha1.second_preimage_resistance, but apt on this host still refuses it' in errors[0]


def test_exception_for_another_setting_does_not_help(gpg_keys):
    errors = judge(gpg_keys, ['sha1'], 'sqv', host=relaxed(), exceptions=['dsa2048'])[0]
    assert len(errors) == 1


# --- what comes within a year -------------------------------------------------

def test_cutoff_within_a_year_warns_with_its_date(gpg_keys):
    cutoff = time.strftime('%Y-%m-%d', time.gmtime(NOW + 100 * 86400))
    soon = policy.parse_policy('[asymmetric_algorithms]\nrsa3072 = %s\n' % cutoff, 'apt\'s sqv on this host', 'x')
    errors, warnings = judge(gpg_keys, ['good'], 'sqv', host=soon)
    assert not errors
    assert len(warnings) == 1 and 'will refuse from %s' % cutoff in warnings[0], warnings


# --- version 3 bindings -------------------------------------------------------

def with_v3_binding(gpg_keys):
    certificate = read_certificates(gpg_keys['good'][1])[0]
    body = v3_signature(0x13, NOW - 86400, certificate.key_id, 1, 10)
    packet = Packet(2, body, b'', 0)
    certificate.packets = [p for p in certificate.packets if p.tag != 2] + [packet]
    return certificate


def test_version_3_binding_is_refused_by_sqv_only(gpg_keys):
    certificate = with_v3_binding(gpg_keys)
    errors = policy.assess([certificate], 'sqv', debian(), debian(), NOW)[0]
    assert len(errors) == 1 and 'is a version 3 signature' in errors[0] and 'since 2026-02-01' in errors[0]
    errors, warnings = policy.assess([certificate], 'gpgv', policy.gpgv_policy(), debian(), NOW)
    assert not errors and 'version 3' in warnings[0]


def test_binding_made_in_the_future_does_not_count(gpg_keys):
    certificate = read_certificates(gpg_keys['sha1'][1])[0]
    findings = policy.evaluate(certificate, debian(), day('2000-01-01'))
    assert findings == []
