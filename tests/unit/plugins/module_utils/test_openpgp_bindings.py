# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the parser reads for the key policy: signature versions, hashes, key
flags and back-signatures, and each key's algorithm and size."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import struct

from ansible_collections.selfhosted.jitsi.plugins.module_utils.openpgp import (
    SIG_PRIMARY_KEY_BINDING,
    describe_material,
    key_material,
    parse_signature,
    read_certificates,
)
from ansible_collections.selfhosted.jitsi.tests.unit.keys import fixture


def only(certificates):
    assert len(certificates) == 1
    return certificates[0]


def binding_hashes(certificate, kind):
    return [signature.hash_algorithm for component in certificate.components() if component.kind == kind
            for signature in component.signatures]


def test_user_id_binding_hash_is_read(gpg_keys):
    assert binding_hashes(only(read_certificates(gpg_keys['good'][1])), 'user') == [10]
    assert binding_hashes(only(read_certificates(gpg_keys['sha1'][1])), 'user') == [2]


def test_signature_fields_of_a_gpg_binding(gpg_keys):
    certificate = only(read_certificates(gpg_keys['good'][1]))
    user = [component for component in certificate.components() if component.kind == 'user'][0]
    signature = user.signatures[0]
    assert signature.version == 4 and signature.sig_type == 0x13
    assert signature.pubkey_algorithm == 1
    assert signature.key_flags & 0x02
    assert user.label == 'user ID "Test good key <good@example.invalid>"'


def test_key_material_of_rsa_dsa_and_curves(gpg_keys):
    assert describe_material(only(read_certificates(gpg_keys['good'][1])).material) == 'RSA 3072'
    assert describe_material(only(read_certificates(gpg_keys['rsa1024'][1])).material) == 'RSA 1024'
    assert describe_material(only(read_certificates(gpg_keys['dsa2048'][1])).material) == 'DSA 2048'
    assert describe_material(only(read_certificates(gpg_keys['dsa1024'][1])).material) == 'DSA 1024'
    ed25519 = only(read_certificates(fixture('ed25519.asc')))
    assert ed25519.material.curve == 'ed25519' and ed25519.material.can_sign
    subkey = [component for component in ed25519.components() if component.kind == 'subkey'][0]
    material = key_material(subkey.packet.body)
    assert (material.algorithm, material.curve, material.can_sign) == ('ECDH', 'cv25519', False)


def test_version_6_key_material():
    certificate = only(read_certificates(fixture('rfc9580-v6.asc')))
    assert certificate.material.algorithm == 'Ed25519'
    subkeys = [key_material(c.packet.body) for c in certificate.components() if c.kind == 'subkey']
    assert [material.algorithm for material in subkeys] == ['X25519']


def test_subkey_bindings_and_back_signature(gpg_keys):
    certificate = only(read_certificates(gpg_keys['sha1_encryption_subkey'][1]))
    subkeys = [component for component in certificate.components() if component.kind == 'subkey']
    assert len(subkeys) == 2
    encryption, signing = subkeys
    assert [s.hash_algorithm for s in encryption.signatures] == [2]
    assert encryption.signatures[0].key_flags & 0x0C and not encryption.signatures[0].embedded
    binding = signing.signatures[0]
    assert binding.key_flags & 0x02
    assert [back.sig_type for back in binding.embedded] == [SIG_PRIMARY_KEY_BINDING]
    assert binding.embedded[0].hash_algorithm == 10


def test_components_leave_out_other_keys_certifications(gpg_keys):
    good = gpg_keys['good'][1]
    other = only(read_certificates(gpg_keys['sha1'][1]))
    # A third-party certification: the sha1 key's user ID signature, put
    # after the good key's user ID, is not a self-signature of the good key.
    foreign = [packet for packet in other.packets if packet.tag == 2][0]
    certificate = only(read_certificates(good))
    certificate.packets.insert(3, foreign)
    user = [component for component in certificate.components() if component.kind == 'user'][0]
    assert [signature.hash_algorithm for signature in user.signatures] == [10]


def v3_signature(sig_type, created, key_id, pubkey_algorithm, hash_algorithm):
    """A version 3 signature packet body (RFC 9580 section 5.2.2), unsigned."""
    return (struct.pack('>BBBI', 3, 5, sig_type, created) + bytes(bytearray.fromhex(key_id))
            + struct.pack('>BB', pubkey_algorithm, hash_algorithm) + b'\x00\x00' + b'\x00\x08\xff')


def test_version_3_signature_is_read():
    signature = parse_signature(v3_signature(0x13, 1000, '0123456789ABCDEF', 17, 2))
    assert (signature.version, signature.sig_type, signature.created) == (3, 0x13, 1000)
    assert (signature.pubkey_algorithm, signature.hash_algorithm) == (17, 2)
    assert signature.issuer_key_ids == frozenset(['0123456789ABCDEF'])
