# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Judge repository keys the way the host's apt will when it verifies with them.

Debian 13's apt verifies with sqv (Sequoia) under a policy file; Debian 12's
apt with gpgv. Both are modelled here from what they were measured to do:

- sqv reads the first policy file found in APT_POLICY_FILES (a file there
  replaces apt's default as a whole; settings it leaves out fall back to
  Sequoia's built-in defaults, SEQUOIA_DEFAULTS).
- Key bindings (user ID, subkey and back-signatures) need a hash with second
  pre-image resistance; the key's own algorithm and size must be accepted;
  a cutoff is compared with the time of verification, not the time the
  signature claims to have been made.
- gpgv (GnuPG 2.2) accepts SHA-1 bindings, DSA and RSA-1024 keys; it refuses
  MD5.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import re
import struct
from collections import namedtuple

from ansible_collections.selfhosted.jitsi.plugins.module_utils.openpgp import (
    KEY_FLAG_SIGN,
    SIG_PRIMARY_KEY_BINDING,
    describe_material,
    format_time,
    hash_name,
    key_material,
)

SQV = '/usr/bin/sqv'
DEBIAN_DEFAULT_FILE = '/usr/share/apt/default-sequoia.config'
OVERRIDE_FILE = '/etc/crypto-policies/back-ends/apt-sequoia.config'
# apt 3.0's sqv method uses the first of these that exists (after the
# APT_SEQUOIA_CRYPTO_POLICY and SEQUOIA_CRYPTO_POLICY variables of apt's own
# environment, which a module cannot see).
APT_POLICY_FILES = (
    OVERRIDE_FILE,
    '/var/lib/crypto-config/profiles/current/apt-sequoia.config',
    '/etc/crypto-policies/back-ends/sequoia.config',
    '/var/lib/crypto-config/profiles/current/sequoia.config',
    DEBIAN_DEFAULT_FILE,
)

# /usr/share/apt/default-sequoia.config of apt 3.0 (Debian 13), used to tell
# a Debian 12 host what Debian 13 will refuse.
DEBIAN_13_DEFAULT = """\
[asymmetric_algorithms]
dsa2048 = 2024-02-01
dsa3072 = 2024-02-01
dsa4096 = 2024-02-01
brainpoolp256 = 2028-02-01
brainpoolp384 = 2028-02-01
brainpoolp512 = 2028-02-01
rsa2048  = 2030-02-01

[hash_algorithms]
sha1.second_preimage_resistance = 2026-02-01    # Extend the expiry for legacy repositories
sha224 = 2026-02-01

[packets]
signature.v3 = 2026-02-01   # Extend the expiry
"""

HASH_SECTION = 'hash_algorithms'
ASYMMETRIC_SECTION = 'asymmetric_algorithms'
PACKETS_SECTION = 'packets'
SECOND_PREIMAGE = 'second_preimage_resistance'
COLLISION = 'collision_resistance'

NEVER = 0
YEAR = 365 * 24 * 3600


def _day(text):
    year, month, day = (int(part) for part in text.split('-'))
    return calendar.timegm((year, month, day, 0, 0, 0))


# Sequoia's StandardPolicy (sequoia-openpgp 1.x): what a policy file does not
# mention. Anything not listed here is accepted.
SEQUOIA_DEFAULTS = {
    HASH_SECTION: {
        'md5.' + COLLISION: _day('1997-02-01'), 'md5.' + SECOND_PREIMAGE: _day('2004-02-01'),
        'sha1.' + COLLISION: _day('2013-02-01'), 'sha1.' + SECOND_PREIMAGE: _day('2023-02-01'),
        'ripemd160.' + COLLISION: _day('2013-02-01'), 'ripemd160.' + SECOND_PREIMAGE: _day('2013-02-01'),
    },
    ASYMMETRIC_SECTION: {
        'rsa1024': _day('2014-02-01'), 'dsa1024': _day('2014-02-01'), 'elgamal1024': _day('2014-02-01'),
    },
    PACKETS_SECTION: {'signature.v3': _day('2007-02-01')},
}

# What an operator may accept with policy_exceptions: the settings Debian's
# apt tightened or extended in its own policy file, so that apt can be told
# to accept them too. 1024-bit keys and MD5 are left out on purpose: they
# are breakable, and Sequoia has refused them since 2014.
EXCEPTIONS = {
    'sha1.second_preimage_resistance': HASH_SECTION,
    'sha224': HASH_SECTION,
    'signature.v3': PACKETS_SECTION,
    'dsa2048': ASYMMETRIC_SECTION,
    'dsa3072': ASYMMETRIC_SECTION,
    'dsa4096': ASYMMETRIC_SECTION,
    'rsa2048': ASYMMETRIC_SECTION,
    'brainpoolp256': ASYMMETRIC_SECTION,
    'brainpoolp384': ASYMMETRIC_SECTION,
    'brainpoolp512': ASYMMETRIC_SECTION,
}

RENEW_BINDINGS = ('the vendor must renew the key\'s self-signatures with SHA-256 or stronger (with GnuPG 2.2 '
                  'or later: gpg --quick-set-expire FINGERPRINT EXPIRY, and for the subkeys '
                  'gpg --quick-set-expire FINGERPRINT EXPIRY \'*\') and publish the key again')
NEW_KEY = ('the vendor must make a new key (RSA 3072 or larger, or Ed25519), sign the repository with it '
           'as well (apt accepts an InRelease signed by both keys) and publish both keys in one file '
           'while the change lasts')


class PolicyConfigError(ValueError):
    """A policy file this parser cannot read."""


class Policy(object):
    """Cutoffs by section and setting: None accepts, an epoch refuses from then on."""

    def __init__(self, label, source, settings=None, base=None):
        self.label = label
        self.source = source
        self.settings = settings or {HASH_SECTION: {}, ASYMMETRIC_SECTION: {}, PACKETS_SECTION: {}}
        self.dispositions = {}
        self.base = SEQUOIA_DEFAULTS if base is None else base

    def cutoff(self, section, setting):
        explicit = self.settings.get(section, {})
        if setting in explicit:
            return explicit[setting]
        if section == HASH_SECTION:
            algorithm = setting.split('.')[0]
            if algorithm in explicit:
                return explicit[algorithm]
        if section in self.dispositions:
            return self.dispositions[section]
        return self.base.get(section, {}).get(setting)

    def refuses(self, section, setting, now):
        cutoff = self.cutoff(section, setting)
        if cutoff is None or cutoff > now:
            return None
        return cutoff


def gpgv_policy():
    """GnuPG 2.2's gpgv, as Debian 12's apt runs it: only MD5 is refused."""
    refused = {'md5.' + COLLISION: NEVER, 'md5.' + SECOND_PREIMAGE: NEVER}
    return Policy('gpgv (Debian 12\'s apt)', 'gpgv',
                  {HASH_SECTION: refused, ASYMMETRIC_SECTION: {}, PACKETS_SECTION: {}}, base={})


_TABLE = re.compile(r'^\[\s*([A-Za-z0-9_.-]+)\s*\]$')
_ASSIGNMENT = re.compile(r'^([A-Za-z0-9_."-]+)\s*=\s*(.+)$')
_DATE = re.compile(r'^"?(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.Z+-]*)?"?$')


def _value(text, where):
    text = text.strip()
    match = _DATE.match(text)
    if match:
        return _day(match.group(1))
    word = text.strip('"\'').lower()
    if word == 'always':
        return None
    if word == 'never':
        return NEVER
    raise PolicyConfigError('%s: expected a date (YYYY-MM-DD), "always" or "never", found %s' % (where, text))


def parse_policy(text, label, source):
    """A Policy from a Sequoia policy file (the TOML subset these files use)."""
    policy = Policy(label, source)
    table = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split('#', 1)[0].strip()
        if not line:
            continue
        where = '%s line %d' % (source, number)
        header = _TABLE.match(line)
        if header:
            table = header.group(1).split('.')
            continue
        assignment = _ASSIGNMENT.match(line)
        if not assignment or not table:
            raise PolicyConfigError('%s: expected "[section]" or "setting = value", found %r' % (where, raw))
        key = table[1:] + assignment.group(1).replace('"', '').split('.')
        section = table[0]
        if section not in policy.settings or key[0] == 'ignore_invalid':
            continue
        if key == ['default_disposition']:
            policy.dispositions[section] = _value(assignment.group(2), where)
            continue
        policy.settings[section]['.'.join(key)] = _value(assignment.group(2), where)
    return policy


def host_verifier(exists):
    """sqv where Sequoia's verifier is installed (apt 2.9.19 and later use it
    then), gpgv otherwise."""
    return 'sqv' if exists(SQV) else 'gpgv'


def host_policy(exists, read):
    """The Policy apt uses on this host, and a warning when it cannot be read."""
    if host_verifier(exists) == 'gpgv':
        return gpgv_policy(), None
    for path in APT_POLICY_FILES:
        if exists(path):
            try:
                return parse_policy(read(path), 'apt\'s sqv on this host (policy %s)' % path, path), None
            except PolicyConfigError as exc:
                return (parse_policy(DEBIAN_13_DEFAULT, 'Debian 13\'s apt (sqv, default policy)', DEBIAN_DEFAULT_FILE),
                        'cannot read the apt policy %s (%s); judging keys by Debian 13\'s default '
                        'policy instead. apt itself fails to verify anything while that file is '
                        'broken.' % (path, exc))
    return Policy('apt\'s sqv on this host (Sequoia\'s built-in policy, no policy file)', SQV), None


def debian_policy(exists, read):
    """Debian's own policy: the host's packaged file, or Debian 13's."""
    if exists(DEBIAN_DEFAULT_FILE):
        try:
            return parse_policy(read(DEBIAN_DEFAULT_FILE), 'Debian\'s apt (sqv, default policy %s)'
                                % DEBIAN_DEFAULT_FILE, DEBIAN_DEFAULT_FILE)
        except PolicyConfigError:
            pass
    return parse_policy(DEBIAN_13_DEFAULT, 'Debian 13\'s apt (sqv, default policy)', DEBIAN_DEFAULT_FILE)


# --- judging a certificate --------------------------------------------------

# One reason a verifier refuses part of a certificate.
Finding = namedtuple('Finding', ['certificate', 'component', 'what', 'section', 'setting', 'since',
                                 'remedy', 'fatal'])


def asymmetric_setting(material):
    """Sequoia's name for the key's algorithm and size, or None if unknown."""
    prefix = {'RSA': 'rsa', 'DSA': 'dsa', 'ElGamal': 'elgamal'}.get(material.algorithm)
    if prefix and material.bits:
        for limit, bucket in ((2048, 1024), (3072, 2048), (4096, 3072)):
            if material.bits < limit:
                return '%s%d' % (prefix, bucket)
        return prefix + '4096'
    if material.curve and not material.curve.startswith('curve '):
        return material.curve
    return None


def _signature_problems(signature, policy, now):
    """(what, section, setting, since) for each reason a binding signature is refused."""
    found = []
    if signature.version == 3:
        since = policy.refuses(PACKETS_SECTION, 'signature.v3', now)
        if since is not None:
            found.append(('is a version 3 signature', PACKETS_SECTION, 'signature.v3', since))
    name = hash_name(signature.hash_algorithm)
    setting = name.lower() + '.' + SECOND_PREIMAGE
    since = policy.refuses(HASH_SECTION, setting, now)
    if since is not None:
        found.append(('uses %s' % name, HASH_SECTION, setting, since))
    return found


def _binding_problems(signature, policy, now, needs_back_signature):
    found = _signature_problems(signature, policy, now)
    if needs_back_signature:
        backs = [back for back in signature.embedded if back.sig_type == SIG_PRIMARY_KEY_BINDING]
        for back in backs:
            for what, section, setting, since in _signature_problems(back, policy, now):
                found.append(('carries a back-signature that %s' % what, section, setting, since))
    return found


def _made(signature):
    if signature.created is None:
        return 'binding signature'
    return 'binding signature of %s' % format_time(signature.created)[:10]


def _remedy(section):
    return NEW_KEY if section == ASYMMETRIC_SECTION else RENEW_BINDINGS


def _newest(signatures):
    dated = [signature for signature in signatures if signature.created is not None]
    return max(dated, key=lambda signature: signature.created) if dated else None


def _can_sign(signature, material):
    if signature is not None and signature.key_flags is not None:
        return bool(signature.key_flags & KEY_FLAG_SIGN)
    return material.can_sign


def _bound(component, policy, now, needs_back_signature):
    """(valid signatures, findings of the refused ones) for one component."""
    valid, refused = [], []
    for signature in component.signatures:
        if signature.created is not None and signature.created > now:
            continue
        problems = _binding_problems(signature, policy, now, needs_back_signature)
        if problems:
            refused.append((signature, problems))
        else:
            valid.append(signature)
    return valid, refused


def evaluate(certificate, policy, now):
    """Every reason policy refuses part of certificate at time now (list of Finding).

    A fatal finding means the verifier refuses signatures the certificate's
    signing keys make: the primary key itself, its bindings, or a live
    signing subkey. Other findings (an encryption subkey, one of several user
    IDs) do not stop apt from verifying.
    """
    label = certificate.summary()
    findings = []

    def add(component, what, section, setting, since, fatal):
        findings.append(Finding(label, component, what, section, setting, since, _remedy(section), fatal))

    material = certificate.material
    setting = asymmetric_setting(material)
    since = policy.refuses(ASYMMETRIC_SECTION, setting, now) if setting else None
    if since is not None:
        add('primary key %s' % certificate.fingerprint, 'is %s' % describe_material(material),
            ASYMMETRIC_SECTION, setting, since, True)

    components = certificate.components()
    groups = [component for component in components
              if component.kind in ('primary', 'user') and component.signatures]
    bound_groups = []
    unbound = []
    for component in groups:
        valid, refused = _bound(component, policy, now, False)
        if valid:
            bound_groups.append(valid)
        else:
            unbound.append((component, refused))
    for component, refused in unbound:
        for signature, problems in refused:
            for what, section, key, cutoff in problems:
                add('%s of %s' % (_made(signature), component.label), what, section, key, cutoff,
                    not bound_groups)

    for component in components:
        if component.kind != 'subkey':
            continue
        material = key_material(component.packet.body)
        newest = _newest(component.signatures)
        if component.revocations or newest is None:
            continue
        created = _creation(component)
        if newest.key_expiration and created + newest.key_expiration <= now:
            continue
        signs = _can_sign(newest, material)
        setting = asymmetric_setting(material)
        since = policy.refuses(ASYMMETRIC_SECTION, setting, now) if setting else None
        if since is not None:
            add(component.label, 'is %s' % describe_material(material), ASYMMETRIC_SECTION, setting, since, signs)
        valid, refused = _bound(component, policy, now, signs)
        if not valid:
            for signature, problems in refused:
                for what, section, key, cutoff in problems:
                    add('%s of %s' % (_made(signature), component.label), what, section, key, cutoff, signs)
    return findings


def _creation(component):
    body = component.packet.body
    return struct.unpack('>I', body[1:5])[0] if len(body) >= 5 else 0


# --- what the module says ---------------------------------------------------

def _since(cutoff):
    if cutoff == NEVER:
        return 'always'
    return 'since %s' % format_time(cutoff)[:10]


def explain(finding, policy):
    """Which key, which signature, why, and since when."""
    return ('%s: the %s %s, which %s refuses %s ([%s] %s)'
            % (finding.certificate, finding.component, finding.what, policy.label,
               _since(finding.since), finding.section, finding.setting))


def how_to_accept(setting):
    """How apt itself can be made to accept what setting refuses."""
    if setting not in EXCEPTIONS:
        return ('No exception is offered for %s: such keys and hashes are breakable, and only the '
                'vendor can fix this.' % setting)
    return ('Until the vendor does, apt can be made to accept it: copy %s to %s, set '
            '"%s = YYYY-MM-DD" (a date ahead, not "always") under [%s] there, which relaxes it '
            'for every repository on the host, and list %s in policy_exceptions.'
            % (DEBIAN_DEFAULT_FILE, OVERRIDE_FILE, setting, EXCEPTIONS[setting], setting))


def _unique(messages):
    seen = set()
    return [message for message in messages if not (message in seen or seen.add(message))]


def _accepted(judged):
    return [certificate for certificate, findings in judged if not any(f.fatal for f in findings)]


def _fingerprints(certificates):
    return ', '.join(certificate.fingerprint for certificate in certificates)


def assess(certificates, verifier, host, debian, now, exceptions=()):
    """(errors, warnings) for installing certificates on a host.

    errors: the host's apt would refuse every certificate, or accepts one only
    because a local policy relaxes Debian's and policy_exceptions does not say
    so. warnings: what the host ignores or will refuse within a year, and,
    on a gpgv host, what Debian 13's apt refuses.
    """
    errors, warnings = [], []
    exceptions = set(exceptions)
    on_host = [(certificate, evaluate(certificate, host, now)) for certificate in certificates]
    accepted = _accepted(on_host)
    for certificate, findings in on_host:
        for finding in findings:
            text = explain(finding, host)
            if finding.fatal and not accepted:
                if finding.setting in exceptions:
                    advice = ('policy_exceptions lists %s, but apt on this host still refuses it. %s'
                              % (finding.setting, how_to_accept(finding.setting)))
                else:
                    advice = how_to_accept(finding.setting)
                errors.append('%s. apt-get update would fail for the repository: %s. %s'
                              % (text, finding.remedy, advice))
            elif finding.fatal:
                warnings.append('%s. apt on this host ignores signatures by %s and verifies the repository '
                                'only while it is also signed by %s.'
                                % (text, certificate.fingerprint, _fingerprints(accepted)))
            else:
                warnings.append('%s. apt does not verify with that part of the key, so it still works; '
                                '%s.' % (text, finding.remedy))
    if verifier == 'sqv':
        on_debian = [(certificate, evaluate(certificate, debian, now)) for certificate in certificates]
        if accepted and not _accepted(on_debian):
            refused_here = set((f.component, f.setting) for judged in on_host for f in judged[1])
            for certificate, findings in on_debian:
                for finding in findings:
                    if not finding.fatal or (finding.component, finding.setting) in refused_here:
                        continue
                    text = explain(finding, debian)
                    if finding.setting in exceptions:
                        warnings.append('%s. It is installed because policy_exceptions lists %s and %s '
                                        'relaxes it; %s.' % (text, finding.setting, host.source, finding.remedy))
                    else:
                        errors.append('%s. apt on this host accepts it only because %s relaxes [%s] %s. '
                                      'List %s in policy_exceptions to install it anyway; %s.'
                                      % (text, host.source, finding.section, finding.setting,
                                         finding.setting, finding.remedy))
    else:
        on_debian = [(certificate, evaluate(certificate, debian, now)) for certificate in certificates]
        debian_accepted = _accepted(on_debian)
        for certificate, findings in on_debian:
            for finding in findings:
                if not finding.fatal:
                    continue
                text = explain(finding, debian)
                if debian_accepted:
                    warnings.append('%s. gpgv accepts it here; Debian 13 ignores signatures by %s and '
                                    'verifies the repository only while it is also signed by %s.'
                                    % (text, certificate.fingerprint, _fingerprints(debian_accepted)))
                else:
                    warnings.append('%s. gpgv accepts it here, but after an upgrade to Debian 13 '
                                    'apt-get update fails for this repository: %s. %s'
                                    % (text, finding.remedy, how_to_accept(finding.setting)))
    later_policy = host if verifier == 'sqv' else debian
    for certificate in certificates:
        now_found = set((f.component, f.setting) for f in evaluate(certificate, later_policy, now) if f.fatal)
        for finding in evaluate(certificate, later_policy, now + YEAR):
            if finding.fatal and (finding.component, finding.setting) not in now_found:
                warnings.append('%s: the %s %s, which %s will refuse from %s ([%s] %s); %s.'
                                % (finding.certificate, finding.component, finding.what,
                                   later_policy.label, format_time(finding.since)[:10],
                                   finding.section, finding.setting, finding.remedy))
    return _unique(errors), _unique(warnings)
