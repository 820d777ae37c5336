# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import struct
import time

import pytest

from ansible_collections.selfhosted.jitsi.plugins.module_utils.openpgp import (
    OpenPGPError,
    armor,
    check_fingerprints,
    check_usable,
    crc24,
    dearmor,
    describe_keyring,
    key_fingerprint,
    keyring_bytes,
    normalize_fingerprint,
    parse_packets,
    parse_signature,
    read_certificates,
    remove_certificates,
    split_certificates,
)
from ansible_collections.selfhosted.jitsi.tests.unit.keys import (
    ED25519,
    EXPIRED,
    EXTENDED,
    REVOKED,
    RFC9580_V6,
    RSA2048,
    fixture,
)


def old_format(tag, body):
    """Frame a packet with an old-format header and a two-octet length."""
    return struct.pack('>BH', 0x80 | (tag << 2) | 1, len(body)) + body


def new_format(tag, body, length_bytes):
    return bytes(bytearray([0xC0 | tag])) + length_bytes + body


# --- ASCII armor ------------------------------------------------------------

def test_crc24_of_empty_input_is_the_initial_value():
    assert crc24(b'') == 0xB704CE


def test_armor_reproduces_gpg_output_byte_for_byte():
    # gpg wrote both fixtures; equal text means CRC-24, base64 wrapping and
    # the header lines all agree with gpg's.
    assert armor(fixture('ed25519.gpg')) == fixture('ed25519.asc', 'r')


def test_dearmor_gives_the_binary_export():
    assert dearmor(fixture('ed25519.asc')) == fixture('ed25519.gpg')
    assert dearmor(fixture('ed25519.asc', 'r')) == fixture('ed25519.gpg')


def test_dearmor_accepts_armor_without_checksum_line():
    text = fixture('rfc9580-v6.asc', 'r')
    assert '\n=' not in text
    assert len(dearmor(text)) > 100


def test_dearmor_accepts_headers_and_crlf_line_ends():
    text = fixture('ed25519.asc', 'r').replace(
        '-----\n\n', '-----\nComment: test key\nVersion: 1\n\n', 1).replace('\n', '\r\n')
    assert dearmor(text) == fixture('ed25519.gpg')


def test_truncated_armor_is_refused():
    text = fixture('ed25519.asc', 'r')
    cut = text[:text.index('-----END')]
    with pytest.raises(OpenPGPError, match='truncated'):
        dearmor(cut)


def test_checksum_mismatch_is_refused():
    text = fixture('ed25519.asc', 'r')
    lines = text.splitlines()
    checksum_index = [i for i, line in enumerate(lines) if line.startswith('=')][0]
    lines[checksum_index] = '=AAAA'
    with pytest.raises(OpenPGPError, match='checksum does not match'):
        dearmor('\n'.join(lines))


def test_damaged_body_is_caught_by_the_checksum():
    text = fixture('ed25519.asc', 'r')
    lines = text.splitlines()
    body = lines[3]
    lines[3] = body[:10] + ('A' if body[10] != 'A' else 'B') + body[11:]
    with pytest.raises(OpenPGPError, match='checksum does not match'):
        dearmor('\n'.join(lines))


def test_invalid_base64_is_refused():
    text = fixture('rfc9580-v6.asc', 'r').replace('xioGY4d', 'xi!GY4d')
    with pytest.raises(OpenPGPError, match='not valid base64'):
        dearmor(text)


def test_private_key_block_is_refused():
    text = '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nAAAA\n-----END PGP PRIVATE KEY BLOCK-----\n'
    with pytest.raises(OpenPGPError, match='secret keys'):
        dearmor(text)


def test_other_armor_types_are_refused():
    text = '-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n'
    with pytest.raises(OpenPGPError, match='found a SIGNATURE'):
        dearmor(text)


def test_mismatched_end_line_is_refused():
    text = fixture('ed25519.asc', 'r').replace('END PGP PUBLIC KEY BLOCK', 'END PGP MESSAGE')
    with pytest.raises(OpenPGPError, match='ends as MESSAGE'):
        dearmor(text)


def test_text_without_armor_is_refused():
    with pytest.raises(OpenPGPError, match='no armor header'):
        dearmor('<html>404 Not Found</html>')


# --- packets ------------------------------------------------------------------

def test_old_format_packets_of_a_gpg_export():
    packets = parse_packets(fixture('ed25519.gpg'))
    assert [packet.tag for packet in packets] == [6, 13, 2, 14, 2]
    assert b''.join(packet.raw for packet in packets) == fixture('ed25519.gpg')
    assert packets[1].body == b'Test Signing Key (ed25519) <ed25519@example.invalid>'


def test_new_format_packets_of_the_rfc9580_sample():
    packets = parse_packets(dearmor(fixture('rfc9580-v6.asc')))
    assert [packet.tag for packet in packets] == [6, 2, 14, 2]
    assert all(bytearray(packet.raw)[0] & 0x40 for packet in packets)


def test_new_format_two_and_five_octet_lengths():
    body = b'x' * 300
    two = bytes(bytearray([((300 - 192) >> 8) + 192, (300 - 192) & 0xFF]))
    five = b'\xff' + struct.pack('>I', 300)
    packets = parse_packets(new_format(13, body, two) + new_format(13, body, five))
    assert [(packet.tag, packet.body) for packet in packets] == [(13, body), (13, body)]


def test_new_format_partial_lengths_are_joined():
    data = new_format(13, b'abcd', b'\xe2') + b'ef'[:0] + b'\x02ef'
    packets = parse_packets(data)
    assert packets[0].body == b'abcdef'
    assert packets[0].raw == data


def test_old_format_one_and_four_octet_and_open_lengths():
    one = bytes(bytearray([0x80 | (13 << 2) | 0, 3])) + b'abc'
    four = bytes(bytearray([0x80 | (13 << 2) | 2])) + struct.pack('>I', 2) + b'de'
    open_ended = bytes(bytearray([0x80 | (13 << 2) | 3])) + b'rest'
    packets = parse_packets(one + four + open_ended)
    assert [packet.body for packet in packets] == [b'abc', b'de', b'rest']


def test_truncated_binary_key_is_refused():
    data = fixture('ed25519.gpg')
    with pytest.raises(OpenPGPError, match='truncated'):
        parse_packets(data[:-7])


def test_non_packet_byte_is_refused():
    with pytest.raises(OpenPGPError, match='does not start an OpenPGP packet'):
        parse_packets(b'\x00\x00\x00\x20KBXf')


# --- certificates -----------------------------------------------------------

@pytest.mark.parametrize('name, fingerprints', [
    ('ed25519.asc', [ED25519]),
    ('ed25519.gpg', [ED25519]),
    ('rsa2048.asc', [RSA2048]),
    ('two-keys.asc', [ED25519, RSA2048]),
    ('rfc9580-v6.asc', [RFC9580_V6]),
])
def test_fingerprints_match_the_ones_gpg_and_the_rfc_state(name, fingerprints):
    assert [c.fingerprint for c in read_certificates(fixture(name))] == fingerprints


def test_key_ids_of_v4_and_v6_keys():
    assert read_certificates(fixture('ed25519.asc'))[0].key_id == '37AF9086A1C1B7A5'
    assert read_certificates(fixture('rfc9580-v6.asc'))[0].key_id == 'CB186C4F0609A697'


def test_version_3_keys_are_refused():
    with pytest.raises(OpenPGPError, match='version 3 key'):
        key_fingerprint(b'\x03' + b'\0' * 20)


def test_user_ids_and_creation_time():
    certificate = read_certificates(fixture('expired.asc'))[0]
    assert certificate.user_ids == ['Test Expired Key <expired@example.invalid>']
    assert certificate.created == 1577836800


def test_valid_keys_have_no_problems():
    now = time.time()
    for name in ('ed25519.asc', 'rsa2048.asc', 'rfc9580-v6.asc', 'extended.asc'):
        for certificate in read_certificates(fixture(name)):
            assert certificate.problems(now) == [], name


def test_expired_key_is_named_with_its_date():
    certificate = read_certificates(fixture('expired.asc'))[0]
    assert certificate.expires == 1577836800 + 86400
    assert certificate.problems(time.time()) == ['expired on 2020-01-02 00:00:00 UTC']
    assert certificate.problems(1577836800 + 3600) == []


def test_revoked_key_is_detected():
    certificate = read_certificates(fixture('revoked.asc'))[0]
    assert certificate.revoked
    assert 'revoked' in certificate.problems(time.time())
    assert not read_certificates(fixture('ed25519.asc'))[0].revoked


def test_check_usable_names_every_bad_key():
    certificates = read_certificates(fixture('expired.asc')) + read_certificates(fixture('revoked.asc'))
    with pytest.raises(OpenPGPError) as error:
        check_usable(certificates, time.time())
    assert EXPIRED in str(error.value) and REVOKED in str(error.value)
    check_usable(read_certificates(fixture('two-keys.asc')), time.time())


def _signatures(name):
    return [packet for packet in parse_packets(dearmor(fixture(name))) if packet.tag == 2]


def test_latest_self_signature_decides_expiry_whatever_its_position():
    before = parse_packets(dearmor(fixture('extended-before.asc')))
    old_signature = _signatures('extended-before.asc')[0]
    new_signature = _signatures('extended.asc')[0]
    assert parse_signature(old_signature.body).key_expiration == 86400
    assert parse_signature(new_signature.body).key_expiration is None
    key_and_uid = b''.join(packet.raw for packet in before if packet.tag != 2)
    for order in ((old_signature, new_signature), (new_signature, old_signature)):
        data = key_and_uid + b''.join(packet.raw for packet in order)
        certificate = read_certificates(data)[0]
        assert certificate.fingerprint == EXTENDED
        assert certificate.expires is None
    only_old = read_certificates(fixture('extended-before.asc'))[0]
    assert only_old.problems(time.time()) == ['expired on 2020-01-02 00:00:00 UTC']


def test_signatures_by_other_keys_do_not_revoke():
    revocation = _signatures('revoked.asc')[0]
    assert parse_signature(revocation.body).sig_type == 0x20
    ed_packets = parse_packets(fixture('ed25519.gpg'))
    data = ed_packets[0].raw + revocation.raw + b''.join(packet.raw for packet in ed_packets[1:])
    assert not read_certificates(data)[0].revoked


def test_secret_key_material_is_refused():
    public = parse_packets(fixture('ed25519.gpg'))
    secret_primary = old_format(5, public[0].body)
    with pytest.raises(OpenPGPError, match='secret key material'):
        read_certificates(secret_primary + b''.join(packet.raw for packet in public[1:]))
    secret_subkey = old_format(7, public[3].body)
    with pytest.raises(OpenPGPError, match='secret key material'):
        read_certificates(public[0].raw + public[1].raw + public[2].raw + secret_subkey)


def test_data_that_starts_with_a_signature_is_refused():
    with pytest.raises(OpenPGPError, match='expected a public-key packet first'):
        read_certificates(_signatures('ed25519.asc')[0].raw)


def test_trust_packets_stay_out_of_written_keyrings():
    packets = parse_packets(fixture('ed25519.gpg'))
    trust = old_format(12, b'\x00\x78')
    data = packets[0].raw + trust + b''.join(packet.raw for packet in packets[1:])
    certificate = read_certificates(data)[0]
    assert certificate.raw == data
    assert certificate.public_bytes == fixture('ed25519.gpg')
    assert keyring_bytes([certificate]) == fixture('ed25519.gpg')


# --- fingerprints -------------------------------------------------------------

def test_normalize_fingerprint_ignores_spaces_case_and_prefix():
    assert normalize_fingerprint('5a5d 8b2b ae0c b7b6 23ee  4c7f 37af 9086 a1c1 b7a5') == ED25519
    assert normalize_fingerprint('0x' + ED25519.lower()) == ED25519
    assert normalize_fingerprint(RFC9580_V6.lower()) == RFC9580_V6


@pytest.mark.parametrize('value', ['37AF9086A1C1B7A5', ED25519 + '0', 'G' * 40, ''])
def test_normalize_fingerprint_refuses_short_ids_and_junk(value):
    with pytest.raises(OpenPGPError, match='not a key fingerprint'):
        normalize_fingerprint(value)


def test_check_fingerprints_accepts_the_exact_set():
    certificates = read_certificates(fixture('two-keys.asc'))
    assert check_fingerprints(certificates, [RSA2048.lower(), ED25519]) == [RSA2048, ED25519]


def test_check_fingerprints_refuses_a_wrong_key():
    with pytest.raises(OpenPGPError) as error:
        check_fingerprints(read_certificates(fixture('rsa2048.asc')), [ED25519])
    message = str(error.value)
    assert 'missing %s' % ED25519 in message and 'not pinned %s' % RSA2048 in message


def test_check_fingerprints_refuses_an_extra_primary_key():
    with pytest.raises(OpenPGPError, match='not pinned %s' % RSA2048):
        check_fingerprints(read_certificates(fixture('two-keys.asc')), [ED25519])


def test_check_fingerprints_refuses_a_missing_key():
    with pytest.raises(OpenPGPError, match='missing %s' % RSA2048):
        check_fingerprints(read_certificates(fixture('ed25519.asc')), [ED25519, RSA2048])


# --- rewriting keyrings -----------------------------------------------------

def test_remove_certificates_keeps_other_keys_byte_for_byte():
    ed = fixture('ed25519.gpg')
    rsa = dearmor(fixture('rsa2048.asc'))
    trust = old_format(12, b'\x00\x78')
    keyring = ed + trust + rsa + trust
    new_data, removed, remaining = remove_certificates(keyring, [ED25519])
    assert removed == [ED25519] and remaining == 1
    assert new_data == rsa + trust


def test_remove_certificates_from_armored_file_keeps_it_armored():
    new_data, removed, remaining = remove_certificates(fixture('two-keys.asc'), [RSA2048])
    assert removed == [RSA2048] and remaining == 1
    assert new_data.startswith(b'-----BEGIN PGP PUBLIC KEY BLOCK-----')
    assert dearmor(new_data) == fixture('ed25519.gpg')


def test_remove_every_certificate_leaves_nothing():
    new_data, removed, remaining = remove_certificates(fixture('ed25519.gpg'), [ED25519])
    assert (new_data, removed, remaining) == (b'', [ED25519], 0)


def test_remove_absent_certificate_changes_nothing():
    data = fixture('two-keys.asc')
    assert remove_certificates(data, [EXPIRED]) == (data, [], 2)


def test_split_keeps_a_leading_marker_packet():
    marker = old_format(10, b'PGP')
    preamble, certificates = split_certificates(parse_packets(marker + fixture('ed25519.gpg')))
    assert [packet.tag for packet in preamble] == [10]
    assert [c.fingerprint for c in certificates] == [ED25519]


def test_describe_keyring_lists_fingerprints_and_user_ids():
    text = describe_keyring(fixture('two-keys.asc'))
    assert text.splitlines() == [
        ED25519 + ' Test Signing Key (ed25519) <ed25519@example.invalid>',
        RSA2048 + ' Test Signing Key (rsa2048) <rsa2048@example.invalid>',
    ]
    assert describe_keyring(None) == ''
    assert 'not a readable keyring' in describe_keyring(b'\x00garbage')


def test_damaged_signature_is_reported_when_validity_is_checked():
    packets = parse_packets(fixture('ed25519.gpg'))
    signature = packets[2].body
    # Claim a hashed area longer than the packet holds.
    damaged = signature[:4] + struct.pack('>H', 0xFFFF) + signature[6:]
    data = packets[0].raw + packets[1].raw + old_format(2, damaged)
    certificate = read_certificates(data)[0]
    with pytest.raises(OpenPGPError, match='signature packet is truncated'):
        check_usable([certificate], time.time())


def test_damaged_subpacket_is_reported():
    # hashed area of 3 bytes whose only subpacket claims 9 bytes
    body = b'\x04\x13\x16\x08' + struct.pack('>H', 3) + b'\x09\x02\x00' + struct.pack('>H', 0) + b'\x00\x00'
    with pytest.raises(OpenPGPError, match='signature subpacket is truncated'):
        parse_signature(body)


def test_unknown_signature_versions_are_left_to_apt():
    assert parse_signature(b'\x07\x13rest') is None
