# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Keys that apt's verifiers judge differently, made with gpg when the tests run.

Each is made in a throwaway GNUPGHOME; only the exported public keys are
kept. What Debian 13's apt (sqv) and Debian 12's apt (gpgv) do with each was
measured with apt-get update against a repository signed by it:

| name | what it is | sqv (Debian 13) | gpgv (Debian 12) |
| --- | --- | --- | --- |
| good | RSA 3072, SHA-512 bindings | accepts | accepts |
| sha1 | RSA 3072, user ID bound with SHA-1 | refuses since 2026-02-01 | accepts |
| dsa2048 | DSA 2048, SHA-256 bindings | refuses since 2024-02-01 | accepts |
| dsa1024 | DSA 1024, SHA-1 bindings | refuses since 2014-02-01 | accepts the key |
| rsa1024 | RSA 1024, SHA-512 bindings | refuses since 2014-02-01 | accepts |
| sha1_encryption_subkey | RSA 3072 certify-only primary; RSA encryption subkey | accepts | accepts |
|   | bound with SHA-1, RSA signing subkey with SHA-512 | | |
| expired | RSA 3072 that expired on 2025-01-01 | | |
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import shutil
import subprocess
import tempfile

GPG = shutil.which('gpg')

DSA_PARAMETERS = """\
Key-Type: DSA
Key-Length: %(bits)d
Key-Usage: sign
Name-Real: Test DSA %(bits)d key
Name-Email: dsa%(bits)d@example.invalid
Expire-Date: 0
%%no-protection
%%commit
"""


def _gpg(home, *args, **kwargs):
    command = [GPG, '--homedir', home, '--batch', '--quiet', '--pinentry-mode', 'loopback',
               '--passphrase', ''] + list(args)
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          **kwargs).stdout


def _fingerprint(home, user_id):
    listing = _gpg(home, '--with-colons', '--list-keys', '=' + user_id).decode('ascii')
    return [line.split(':')[9] for line in listing.splitlines() if line.startswith('fpr:')][0]


def _uid(name):
    return 'Test %s key <%s@example.invalid>' % (name, name.replace('_', '-'))


def make_keys():
    """{name: (primary fingerprint, armored public key bytes)}."""
    home = tempfile.mkdtemp(prefix='selfhosted-jitsi-gpg-')
    try:
        os.chmod(home, 0o700)
        made = {}
        _gpg(home, '--quick-gen-key', _uid('good'), 'rsa3072', 'sign', 'never')
        made['good'] = _uid('good')
        _gpg(home, '--cert-digest-algo', 'SHA1', '--digest-algo', 'SHA1',
             '--quick-gen-key', _uid('sha1'), 'rsa3072', 'sign', 'never')
        made['sha1'] = _uid('sha1')
        _gpg(home, '--quick-gen-key', _uid('rsa1024'), 'rsa1024', 'sign', 'never')
        made['rsa1024'] = _uid('rsa1024')
        for bits in (2048, 1024):
            _gpg(home, '--gen-key', input=(DSA_PARAMETERS % {'bits': bits}).encode('ascii'))
            made['dsa%d' % bits] = 'Test DSA %d key <dsa%d@example.invalid>' % (bits, bits)
        name = 'sha1_encryption_subkey'
        _gpg(home, '--quick-gen-key', _uid(name), 'rsa3072', 'cert', 'never')
        primary = _fingerprint(home, _uid(name))
        _gpg(home, '--cert-digest-algo', 'SHA1', '--quick-add-key', primary, 'rsa3072', 'encr', 'never')
        _gpg(home, '--quick-add-key', primary, 'rsa3072', 'sign', 'never')
        made[name] = _uid(name)
        _gpg(home, '--faked-system-time', '20240101T000000', '--quick-gen-key', _uid('expired'),
             'rsa3072', 'sign', '2025-01-01')
        made['expired'] = _uid('expired')
        keys = {}
        for name, user_id in made.items():
            fingerprint = _fingerprint(home, user_id)
            keys[name] = (fingerprint, _gpg(home, '--armor', '--export', fingerprint))
        return keys
    finally:
        subprocess.run(['gpgconf', '--homedir', home, '--kill', 'all'], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(home, ignore_errors=True)
