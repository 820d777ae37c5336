# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Read OpenPGP certificates (RFC 9580) well enough to manage apt keyrings.

Signatures are read, not verified: apt's own verifier checks them when it
uses the keyring. This module decides which keys a keyring holds, which of
them are expired or revoked, what algorithms and hashes bind them (for
apt_key_policy), and rewrites keyrings packet by packet.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import binascii
import datetime
import hashlib
import re
import struct
from collections import namedtuple


class OpenPGPError(ValueError):
    """Key material that cannot be used, with a message for the user."""


TAG_SIGNATURE = 2
TAG_SECRET_KEY = 5
TAG_PUBLIC_KEY = 6
TAG_SECRET_SUBKEY = 7
TAG_MARKER = 10
TAG_TRUST = 12
TAG_USER_ID = 13
TAG_PUBLIC_SUBKEY = 14
TAG_USER_ATTRIBUTE = 17

# The packets of a transferable public key; anything else (trust packets of
# a local keyring, markers, unknown packets) stays out of a keyring we write.
CERTIFICATE_TAGS = frozenset([TAG_PUBLIC_KEY, TAG_PUBLIC_SUBKEY, TAG_USER_ID,
                              TAG_USER_ATTRIBUTE, TAG_SIGNATURE])

SIG_KEY_REVOCATION = 0x20
SIG_SUBKEY_REVOCATION = 0x28
SIG_DIRECT_KEY = 0x1F
SIG_SUBKEY_BINDING = 0x18
SIG_PRIMARY_KEY_BINDING = 0x19
SIG_CERTIFICATIONS = frozenset([0x10, 0x11, 0x12, 0x13])

SUBPACKET_CREATION_TIME = 2
SUBPACKET_KEY_EXPIRATION = 9
SUBPACKET_ISSUER = 16
SUBPACKET_KEY_FLAGS = 27
SUBPACKET_EMBEDDED_SIGNATURE = 32
SUBPACKET_ISSUER_FINGERPRINT = 33

KEY_FLAG_SIGN = 0x02

# RFC 9580 section 9.5; names as Sequoia and apt's policy files spell them.
HASH_ALGORITHMS = {1: 'MD5', 2: 'SHA1', 3: 'RIPEMD160', 8: 'SHA256', 9: 'SHA384', 10: 'SHA512',
                   11: 'SHA224', 12: 'SHA3-256', 14: 'SHA3-512'}

# RFC 9580 section 9.1: algorithm id -> (name, can sign).
PUBLIC_KEY_ALGORITHMS = {1: ('RSA', True), 2: ('RSA', False), 3: ('RSA', True),
                         16: ('ElGamal', False), 17: ('DSA', True), 18: ('ECDH', False),
                         19: ('ECDSA', True), 20: ('ElGamal', False), 22: ('EdDSA', True),
                         25: ('X25519', False), 26: ('X448', False), 27: ('Ed25519', True),
                         28: ('Ed448', True)}

# Curve OIDs (RFC 9580 section 9.2) -> the policy name of the curve.
CURVES = {
    b'\x2a\x86\x48\xce\x3d\x03\x01\x07': 'nistp256',
    b'\x2b\x81\x04\x00\x22': 'nistp384',
    b'\x2b\x81\x04\x00\x23': 'nistp521',
    b'\x2b\x24\x03\x03\x02\x08\x01\x01\x07': 'brainpoolp256',
    b'\x2b\x24\x03\x03\x02\x08\x01\x01\x0b': 'brainpoolp384',
    b'\x2b\x24\x03\x03\x02\x08\x01\x01\x0d': 'brainpoolp512',
    b'\x2b\x06\x01\x04\x01\xda\x47\x0f\x01': 'ed25519',
    b'\x2b\x06\x01\x04\x01\x97\x55\x01\x05\x01': 'cv25519',
    b'\x2b\x65\x71': 'ed448',
    b'\x2b\x65\x6f': 'x448',
}

ARMOR_BLOCK_TYPES = ('PUBLIC KEY BLOCK',)

SIGNATURE_DAMAGED = ('a signature %s is truncated: the key is damaged. Fetch it again from its '
                     'publisher.')

_ARMOR_BEGIN = re.compile(r'^-----BEGIN PGP ([A-Z0-9 ,/]+)-----\s*$')
_ARMOR_END = re.compile(r'^-----END PGP ([A-Z0-9 ,/]+)-----\s*$')
_ARMOR_HEADER = re.compile(r'^[A-Za-z0-9-]+: ')

Packet = namedtuple('Packet', ['tag', 'body', 'raw', 'offset'])
Signature = namedtuple('Signature', ['version', 'sig_type', 'created', 'issuer_key_ids',
                                     'issuer_fingerprints', 'key_expiration', 'pubkey_algorithm',
                                     'hash_algorithm', 'key_flags', 'embedded'])
# What a key is made of, as the verifiers' policies name it: algorithm
# "RSA", "DSA", "ECDSA", ...; bits for RSA, DSA and ElGamal; curve for ECC.
KeyMaterial = namedtuple('KeyMaterial', ['algorithm', 'can_sign', 'bits', 'curve'])


def crc24(data):
    """The CRC-24 of RFC 9580 section 6.1 used by ASCII armor."""
    crc = 0xB704CE
    for byte in bytearray(data):
        crc ^= byte << 16
        for dummy in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def is_armored(data):
    if isinstance(data, bytes):
        return b'-----BEGIN PGP ' in data
    return '-----BEGIN PGP ' in data


def dearmor(data):
    """Decode every ASCII-armored block in data and return the joined bytes.

    A checksum line is optional (RFC 9580 dropped it) but, when present, must
    match: a mismatch means the text was damaged on its way here.
    """
    if isinstance(data, bytes):
        text = data.decode('utf-8', 'replace')
    else:
        text = data
    lines = text.splitlines()
    decoded = []
    index = 0
    while index < len(lines):
        begin = _ARMOR_BEGIN.match(lines[index].strip())
        index += 1
        if not begin:
            continue
        block_type = begin.group(1)
        if block_type == 'PRIVATE KEY BLOCK':
            raise OpenPGPError('the key material is a PRIVATE KEY BLOCK: it holds secret keys, '
                               'which must never be given to apt. Export the public key only '
                               '(gpg --export --armor FINGERPRINT) and use that.')
        if block_type not in ARMOR_BLOCK_TYPES:
            raise OpenPGPError('expected an armored PUBLIC KEY BLOCK, found a %s; '
                               'give the public key of the repository instead' % block_type)
        # Armor headers run until the first blank line; some producers omit
        # both, so a line that does not look like a header starts the body.
        while index < len(lines) and _ARMOR_HEADER.match(lines[index]):
            index += 1
        if index < len(lines) and not lines[index].strip():
            index += 1
        body = []
        checksum = None
        end = None
        while index < len(lines):
            line = lines[index].strip()
            index += 1
            end = _ARMOR_END.match(line)
            if end:
                break
            if line.startswith('=') and len(line) == 5:
                checksum = line[1:]
            elif line:
                body.append(line)
        else:
            end = None
        if end is None:
            raise OpenPGPError('the armored %s is truncated: no "-----END PGP %s-----" line '
                               'follows it. Fetch the complete key file again.' % (block_type, block_type))
        if end.group(1) != block_type:
            raise OpenPGPError('the armored block starts as %s but ends as %s; the file is '
                               'damaged or two blocks were mixed' % (block_type, end.group(1)))
        try:
            payload = base64.b64decode(''.join(body).encode('ascii'), validate=True)
        except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
            raise OpenPGPError('the armored %s is not valid base64 (%s); the key file is damaged'
                               % (block_type, exc))
        if checksum is not None:
            try:
                expected = struct.unpack('>I', b'\0' + base64.b64decode(checksum.encode('ascii'), validate=True))[0]
            except (binascii.Error, ValueError, UnicodeEncodeError, struct.error):
                raise OpenPGPError('the armor checksum line "=%s" is not 4 base64 characters; '
                                   'the key file is damaged' % checksum)
            found = crc24(payload)
            if found != expected:
                raise OpenPGPError('the armor checksum does not match: the line says %06X, the data '
                                   'gives %06X. The key file was altered or damaged; fetch it again.'
                                   % (expected, found))
        if not payload:
            raise OpenPGPError('the armored %s is empty' % block_type)
        decoded.append(payload)
    if not decoded:
        raise OpenPGPError('expected an armored "-----BEGIN PGP PUBLIC KEY BLOCK-----", found no armor '
                           'header at all')
    return b''.join(decoded)


def armor(data, block_type='PUBLIC KEY BLOCK'):
    """Encode data as ASCII armor with a CRC-24 checksum line."""
    encoded = base64.b64encode(data).decode('ascii')
    lines = ['-----BEGIN PGP %s-----' % block_type, '']
    lines.extend(encoded[i:i + 64] for i in range(0, len(encoded), 64))
    checksum = base64.b64encode(struct.pack('>I', crc24(data))[1:]).decode('ascii')
    lines.append('=' + checksum)
    lines.append('-----END PGP %s-----' % block_type)
    return '\n'.join(lines) + '\n'


def load_key_material(data):
    """Return binary OpenPGP data from armored or binary input."""
    if is_armored(data):
        return dearmor(data)
    if not isinstance(data, bytes):
        data = data.encode('utf-8', 'surrogateescape')
    return data


def _truncated(offset, tag, wanted, left):
    return OpenPGPError('the packet at byte %d (tag %d) needs %d bytes but only %d remain: '
                        'the key material is truncated' % (offset, tag, wanted, left))


def parse_packets(data):
    """Split binary OpenPGP data into packets (old and new framing)."""
    data = bytes(data)
    size = len(data)
    packets = []
    pos = 0
    while pos < size:
        start = pos
        ctb = bytearray(data[pos:pos + 1])[0]
        pos += 1
        if not ctb & 0x80:
            raise OpenPGPError('byte %d (0x%02X) does not start an OpenPGP packet: the data is not '
                               'an OpenPGP key or keyring' % (start, ctb))
        if ctb & 0x40:
            tag = ctb & 0x3F
            chunks = []
            while True:
                if pos >= size:
                    raise _truncated(start, tag, 1, 0)
                first = bytearray(data[pos:pos + 1])[0]
                partial = False
                if first < 192:
                    length, pos = first, pos + 1
                elif first < 224:
                    if pos + 2 > size:
                        raise _truncated(start, tag, 2, size - pos)
                    length = ((first - 192) << 8) + bytearray(data[pos + 1:pos + 2])[0] + 192
                    pos += 2
                elif first == 255:
                    if pos + 5 > size:
                        raise _truncated(start, tag, 5, size - pos)
                    length = struct.unpack('>I', data[pos + 1:pos + 5])[0]
                    pos += 5
                else:
                    length, pos, partial = 1 << (first & 0x1F), pos + 1, True
                if pos + length > size:
                    raise _truncated(start, tag, length, size - pos)
                chunks.append(data[pos:pos + length])
                pos += length
                if not partial:
                    break
            body = b''.join(chunks)
        else:
            tag = (ctb >> 2) & 0x0F
            length_type = ctb & 0x03
            if length_type == 3:
                length = size - pos
            else:
                width = (1, 2, 4)[length_type]
                if pos + width > size:
                    raise _truncated(start, tag, width, size - pos)
                length = int(binascii.hexlify(data[pos:pos + width]), 16)
                pos += width
            if pos + length > size:
                raise _truncated(start, tag, length, size - pos)
            body = data[pos:pos + length]
            pos += length
        packets.append(Packet(tag, body, data[start:pos], start))
    return packets


def key_fingerprint(body):
    """Return (version, fingerprint hex) of a public-key packet body."""
    if not body:
        raise OpenPGPError('an empty public-key packet is not a key')
    version = bytearray(body[:1])[0]
    if version == 4:
        digest = hashlib.sha1(b'\x99' + struct.pack('>H', len(body)) + body).hexdigest()
    elif version == 5:
        digest = hashlib.sha256(b'\x9a' + struct.pack('>I', len(body)) + body).hexdigest()
    elif version == 6:
        digest = hashlib.sha256(b'\x9b' + struct.pack('>I', len(body)) + body).hexdigest()
    else:
        raise OpenPGPError('a version %d key is not supported (expected version 4 or 6); '
                           'apt does not accept such keys either' % version)
    return version, digest.upper()


def _subpackets(data):
    pos = 0
    size = len(data)
    while pos < size:
        first = bytearray(data[pos:pos + 1])[0]
        if first < 192:
            length, pos = first, pos + 1
        elif first < 255:
            if pos + 2 > size:
                raise OpenPGPError(SIGNATURE_DAMAGED % 'subpacket')
            length = ((first - 192) << 8) + bytearray(data[pos + 1:pos + 2])[0] + 192
            pos += 2
        else:
            if pos + 5 > size:
                raise OpenPGPError(SIGNATURE_DAMAGED % 'subpacket')
            length = struct.unpack('>I', data[pos + 1:pos + 5])[0]
            pos += 5
        if length == 0 or pos + length > size:
            raise OpenPGPError(SIGNATURE_DAMAGED % 'subpacket')
        yield bytearray(data[pos:pos + 1])[0] & 0x7F, data[pos + 1:pos + length]
        pos += length


def hash_name(algorithm):
    return HASH_ALGORITHMS.get(algorithm, 'hash algorithm %d' % algorithm)


def parse_signature(body, nested=False):
    """Read the fields of a signature packet that decide key validity.

    Returns None for signature versions this code does not know: such a
    signature is left for apt's verifier to judge. An embedded signature
    (the back-signature of a signing subkey) is read one level deep.
    """
    if len(body) < 2:
        raise OpenPGPError(SIGNATURE_DAMAGED % 'packet')
    version = bytearray(body[:1])[0]
    if version == 3:
        if len(body) < 19:
            raise OpenPGPError(SIGNATURE_DAMAGED % 'version 3 packet')
        fields = bytearray(body[:17])
        created = struct.unpack('>I', body[3:7])[0]
        return Signature(3, fields[2], created,
                         frozenset([binascii.hexlify(body[7:15]).decode('ascii').upper()]),
                         frozenset(), None, fields[15], fields[16], None, ())
    if version not in (4, 5, 6):
        return None
    if len(body) < 4:
        raise OpenPGPError(SIGNATURE_DAMAGED % 'packet')
    sig_type, pubkey_algorithm, hash_algorithm = bytearray(body[1:4])
    width = 2 if version == 4 else 4
    fmt = '>H' if width == 2 else '>I'
    pos = 4
    if len(body) < pos + width:
        raise OpenPGPError(SIGNATURE_DAMAGED % 'packet')
    hashed_len = struct.unpack(fmt, body[pos:pos + width])[0]
    pos += width
    hashed = body[pos:pos + hashed_len]
    pos += hashed_len
    if len(hashed) != hashed_len or len(body) < pos + width:
        raise OpenPGPError(SIGNATURE_DAMAGED % 'packet')
    unhashed_len = struct.unpack(fmt, body[pos:pos + width])[0]
    pos += width
    unhashed = body[pos:pos + unhashed_len]
    if len(unhashed) != unhashed_len:
        raise OpenPGPError(SIGNATURE_DAMAGED % 'packet')

    created = None
    expiration = None
    key_flags = None
    embedded = []
    key_ids = set()
    fingerprints = set()
    for area, trusted in ((hashed, True), (unhashed, False)):
        for kind, value in _subpackets(area):
            if kind == SUBPACKET_CREATION_TIME and trusted and len(value) == 4:
                created = struct.unpack('>I', value)[0]
            elif kind == SUBPACKET_KEY_EXPIRATION and trusted and len(value) == 4:
                expiration = struct.unpack('>I', value)[0]
            elif kind == SUBPACKET_KEY_FLAGS and trusted and value:
                key_flags = bytearray(value[:1])[0]
            elif kind == SUBPACKET_EMBEDDED_SIGNATURE and not nested:
                # A back-signature is itself signed, so either area may carry it.
                signature = parse_signature(value, nested=True)
                if signature is not None:
                    embedded.append(signature)
            elif kind == SUBPACKET_ISSUER and len(value) == 8:
                key_ids.add(binascii.hexlify(value).decode('ascii').upper())
            elif kind == SUBPACKET_ISSUER_FINGERPRINT and len(value) > 1:
                fingerprints.add(binascii.hexlify(value[1:]).decode('ascii').upper())
    return Signature(version, sig_type, created, frozenset(key_ids), frozenset(fingerprints), expiration,
                     pubkey_algorithm, hash_algorithm, key_flags, tuple(embedded))


def _mpi_bits(data, pos):
    if pos + 2 > len(data):
        return None
    return struct.unpack('>H', data[pos:pos + 2])[0]


def key_material(body):
    """The algorithm, size or curve of a public-key or public-subkey packet."""
    version = bytearray(body[:1])[0] if body else 0
    if len(body) < 6:
        raise OpenPGPError('a public-key packet of %d bytes is truncated' % len(body))
    algorithm_id = bytearray(body[5:6])[0]
    # Version 5 and 6 keys put a four-byte length before the key material.
    pos = 6 if version == 4 else 10
    name, can_sign = PUBLIC_KEY_ALGORITHMS.get(algorithm_id, ('algorithm %d' % algorithm_id, False))
    bits = None
    curve = None
    if name in ('RSA', 'DSA', 'ElGamal'):
        bits = _mpi_bits(body, pos)
    elif name in ('ECDH', 'ECDSA', 'EdDSA'):
        size = bytearray(body[pos:pos + 1])[0] if len(body) > pos else 0
        oid = body[pos + 1:pos + 1 + size]
        curve = CURVES.get(oid, 'curve %s' % binascii.hexlify(oid).decode('ascii'))
    elif name in ('X25519', 'X448', 'Ed25519', 'Ed448'):
        curve = name.lower()
    return KeyMaterial(name, can_sign, bits, curve)


def describe_material(material):
    if material.bits:
        return '%s %d' % (material.algorithm, material.bits)
    if material.curve:
        return '%s %s' % (material.algorithm, material.curve)
    return material.algorithm


# A user ID or a subkey with the self-signatures that bind it.
Component = namedtuple('Component', ['kind', 'label', 'packet', 'signatures', 'revocations'])


class Certificate(object):
    """One transferable public key: a primary key and the packets after it."""

    def __init__(self, primary):
        self.packets = [primary]
        self.version, self.fingerprint = key_fingerprint(primary.body)
        if len(primary.body) < 5:
            raise OpenPGPError('the public-key packet at byte %d is truncated' % primary.offset)
        self.created = struct.unpack('>I', primary.body[1:5])[0]

    @property
    def key_id(self):
        if self.version == 4:
            return self.fingerprint[-16:]
        return self.fingerprint[:16]

    @property
    def raw(self):
        """Every packet as found, byte for byte."""
        return b''.join(packet.raw for packet in self.packets)

    @property
    def public_bytes(self):
        """The certificate's own packets, without local trust or unknown packets."""
        return b''.join(packet.raw for packet in self.packets if packet.tag in CERTIFICATE_TAGS)

    @property
    def user_ids(self):
        return [packet.body.decode('utf-8', 'replace') for packet in self.packets
                if packet.tag == TAG_USER_ID]

    def _issued_by_self(self, signature):
        if self.fingerprint in signature.issuer_fingerprints:
            return True
        return self.key_id in signature.issuer_key_ids

    def _self_signatures(self):
        """Yield (component, signature) for signatures this key made on itself."""
        component = 'primary'
        for packet in self.packets[1:]:
            if packet.tag in (TAG_USER_ID, TAG_USER_ATTRIBUTE):
                component = 'user'
            elif packet.tag == TAG_PUBLIC_SUBKEY:
                component = 'subkey'
            elif packet.tag == TAG_SIGNATURE:
                signature = parse_signature(packet.body)
                if signature is not None and self._issued_by_self(signature):
                    yield component, signature

    @property
    def material(self):
        return key_material(self.packets[0].body)

    def components(self):
        """The primary key, each user ID and each subkey, with the self-signatures
        that bind them (list of Component). Signatures made by other keys
        (certifications of the web of trust) are left out: apt ignores them."""
        found = [Component('primary', 'primary key', self.packets[0], [], [])]
        for packet in self.packets[1:]:
            if packet.tag == TAG_USER_ID:
                found.append(Component('user', 'user ID "%s"' % packet.body.decode('utf-8', 'replace'),
                                       packet, [], []))
            elif packet.tag == TAG_USER_ATTRIBUTE:
                found.append(Component('attribute', 'user attribute', packet, [], []))
            elif packet.tag == TAG_PUBLIC_SUBKEY:
                found.append(Component('subkey', 'subkey %s' % key_fingerprint(packet.body)[1],
                                       packet, [], []))
            elif packet.tag == TAG_SIGNATURE:
                signature = parse_signature(packet.body)
                if signature is None or not self._issued_by_self(signature):
                    continue
                component = found[-1]
                if signature.sig_type in (SIG_KEY_REVOCATION, SIG_SUBKEY_REVOCATION, 0x30):
                    component.revocations.append(signature)
                elif ((component.kind == 'primary' and signature.sig_type == SIG_DIRECT_KEY)
                      or (component.kind in ('user', 'attribute') and signature.sig_type in SIG_CERTIFICATIONS)
                      or (component.kind == 'subkey' and signature.sig_type == SIG_SUBKEY_BINDING)):
                    component.signatures.append(signature)
        return found

    @property
    def revoked(self):
        for component, signature in self._self_signatures():
            if component == 'primary' and signature.sig_type == SIG_KEY_REVOCATION:
                return True
        return False

    @property
    def expires(self):
        """Expiry time of the primary key (epoch seconds), or None for never.

        The newest self-signature that can carry the key's expiry decides,
        so a key whose owner extended it counts as extended.
        """
        latest = None
        for component, signature in self._self_signatures():
            eligible = ((component == 'primary' and signature.sig_type == SIG_DIRECT_KEY)
                        or (component == 'user' and signature.sig_type in SIG_CERTIFICATIONS))
            if not eligible or signature.created is None:
                continue
            if latest is None or signature.created >= latest.created:
                latest = signature
        if latest is None or not latest.key_expiration:
            return None
        return self.created + latest.key_expiration

    def problems(self, now):
        """Reasons apt would refuse this key at time now (epoch seconds)."""
        found = []
        if self.revoked:
            found.append('revoked')
        expires = self.expires
        if expires is not None and expires <= now:
            found.append('expired on %s' % format_time(expires))
        return found

    def summary(self):
        text = self.fingerprint
        if self.user_ids:
            text += ' ' + ', '.join(self.user_ids)
        return text


def format_time(epoch):
    moment = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=epoch)
    return moment.strftime('%Y-%m-%d %H:%M:%S UTC')


def split_certificates(packets):
    """Group packets into certificates.

    Returns (preamble, certificates): preamble holds packets found before the
    first primary key that a keyring may legitimately carry (markers, trust).
    """
    preamble = []
    certificates = []
    for packet in packets:
        if packet.tag in (TAG_SECRET_KEY, TAG_SECRET_SUBKEY):
            raise OpenPGPError('the key material holds secret key material (packet at byte %d): '
                               'a private key must never be given to apt. Export the public key '
                               'only (gpg --export --armor FINGERPRINT) and use that.' % packet.offset)
        if packet.tag == TAG_PUBLIC_KEY:
            certificates.append(Certificate(packet))
        elif certificates:
            certificates[-1].packets.append(packet)
        elif packet.tag in (TAG_MARKER, TAG_TRUST):
            preamble.append(packet)
        else:
            raise OpenPGPError('expected a public-key packet first, found a packet with tag %d at '
                               'byte %d: the data is not an OpenPGP key' % (packet.tag, packet.offset))
    return preamble, certificates


def read_certificates(data):
    """Certificates from armored or binary key material; at least one."""
    preamble, certificates = split_certificates(parse_packets(load_key_material(data)))
    if not certificates:
        raise OpenPGPError('the key material holds no public key')
    return certificates


def normalize_fingerprint(value):
    """Upper-case hex without spaces; accepts the way gpg prints them."""
    text = re.sub(r'\s+', '', str(value)).upper()
    if text.startswith('0X'):
        text = text[2:]
    if not re.match(r'^([0-9A-F]{40}|[0-9A-F]{64})$', text):
        raise OpenPGPError('"%s" is not a key fingerprint: expected 40 hex digits (version 4 key) '
                           'or 64 (version 6 key), as printed by "gpg --show-keys KEYFILE"; a short '
                           'key ID is not enough to pin a key' % value)
    return text


def check_fingerprints(certificates, expected):
    """Fail unless the certificates' primary keys are exactly the expected ones."""
    wanted = [normalize_fingerprint(value) for value in expected]
    found = [certificate.fingerprint for certificate in certificates]
    missing = [value for value in wanted if value not in found]
    extra = [value for value in found if value not in wanted]
    if missing or extra:
        parts = []
        if missing:
            parts.append('missing %s' % ', '.join(missing))
        if extra:
            parts.append('not pinned %s' % ', '.join(extra))
        advice = ('Check that the URL serves the key you meant, or update fingerprints after '
                  'verifying the new key.')
        if extra and not missing:
            advice = ('A key file may hold several keys, as when a vendor changes keys and publishes '
                      'the old and the new one together: verify %s with its publisher and add it to '
                      'fingerprints.' % ', '.join(extra))
        raise OpenPGPError('the key material does not match the pinned fingerprints: expected %s, '
                           'found %s (%s). %s'
                           % (', '.join(wanted), ', '.join(found) or 'none', '; '.join(parts), advice))
    return wanted


def check_usable(certificates, now):
    """Fail naming every certificate that is expired or revoked at time now."""
    bad = []
    for certificate in certificates:
        problems = certificate.problems(now)
        if problems:
            bad.append('%s (%s)' % (certificate.summary(), ', '.join(problems)))
    if bad:
        raise OpenPGPError('apt would refuse these keys: %s. Get the current key of the '
                           'repository and pin its fingerprint.' % '; '.join(bad))


def keyring_bytes(certificates):
    return b''.join(certificate.public_bytes for certificate in certificates)


def describe_keyring(data):
    """Human summary of a keyring's content for diffs."""
    if data is None:
        return ''
    try:
        preamble, certificates = split_certificates(parse_packets(load_key_material(data)))
    except OpenPGPError as exc:
        return '(%d bytes that are not a readable keyring: %s)\n' % (len(data), exc)
    return ''.join(certificate.summary() + '\n' for certificate in certificates)


def remove_certificates(data, fingerprints):
    """Remove the certificates with the given primary fingerprints.

    Returns (new_data, removed_fingerprints, remaining_count). Every other
    packet, including local trust packets, is kept byte for byte. Armored
    input is returned armored.
    """
    armored = is_armored(data)
    binary = dearmor(data) if armored else data
    preamble, certificates = split_certificates(parse_packets(binary))
    wanted = set(fingerprints)
    kept = [certificate for certificate in certificates if certificate.fingerprint not in wanted]
    removed = [certificate.fingerprint for certificate in certificates if certificate.fingerprint in wanted]
    if not removed:
        return data, [], len(certificates)
    new_binary = b''.join(packet.raw for packet in preamble) + b''.join(c.raw for c in kept)
    if armored:
        new_data = armor(new_binary).encode('ascii') if kept else b''
    else:
        new_data = new_binary
    return new_data, removed, len(kept)
