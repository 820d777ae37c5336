#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: apt_keyring
short_description: Install an apt repository signing key as its own pinned keyring
version_added: 1.0.0
description:
  - Writes the public key of an apt repository to C(<dir>/<name>.gpg) as a binary
    OpenPGP keyring, ready to be named by C(Signed-By) in a source entry.
  - Replaces C(wget -qO - URL | apt-key add -), which trusts whatever the URL
    serves for every repository and needs gnupg on the host.
  - Reads OpenPGP itself (ASCII armor with its checksum, old and new packet
    framing, version 4 and version 6 fingerprints), so the host needs no gpg.
  - Only the certificates' own packets are written (public keys, user IDs,
    signatures, subkeys). Material that holds secret keys is refused.
  - With O(fingerprints), the key material must hold exactly the listed primary
    keys, or nothing is written. A key file may hold several primary keys (an
    old key and its successor while a vendor changes keys); list them all.
    Expired or revoked primary keys are refused in any case.
  - Every primary key and subkey is judged as the host's apt will judge it, by the
    key's algorithm and size, and the version and hash algorithm of the
    signatures that bind its user IDs and subkeys (back-signatures included).
    On Debian 13 apt verifies with C(sqv) under the policy file it reads (the
    first of C(/etc/crypto-policies/back-ends/apt-sequoia.config) and
    C(/usr/share/apt/default-sequoia.config) that exists); on Debian 12 with
    C(gpgv). The module tells them apart by C(/usr/bin/sqv).
  - Where the host's apt would refuse the key, the task fails before anything
    is written, naming the key, the signature, the reason, the date since when,
    what the vendor must do and how apt could be made to accept it. Where the
    host accepts a key that Debian 13's apt refuses (SHA-1 bindings since
    2026-02-01, DSA since 2024-02-01, version 3 signatures since 2026-02-01), or
    will refuse within a year, the task warns.
  - In a key file with several primary keys, a key the host's apt refuses is
    only a warning while another key in the file is accepted, because apt verifies a
    repository signed by both (a dual-signed C(InRelease)) with the good one.
  - Signatures are read, not verified cryptographically; apt's verifier checks
    them when it uses the keyring.
author:
  - selfhosted.jitsi maintainers (@selfhosted)
options:
  name:
    description:
      - Base name of the keyring file, without C(.gpg).
      - Letters, digits, C(_), C(.) and C(-) only.
    type: str
    required: true
  url:
    description:
      - Where to download the key (armored or binary).
      - Mutually exclusive with O(data) and O(src).
    type: str
  data:
    description:
      - The key itself, usually an ASCII-armored public key block.
      - Mutually exclusive with O(url) and O(src).
    type: str
  src:
    description:
      - A key file already on the managed host (armored or binary).
      - Mutually exclusive with O(url) and O(data).
    type: path
  fingerprints:
    description:
      - Primary key fingerprints the key material must hold, and nothing else.
      - Spaces and case are ignored, so the output of C(gpg --show-keys) can be pasted.
      - Without it the key is trusted as served and the module warns.
    type: list
    elements: str
    default: []
  dir:
    description:
      - Directory for the keyring. It is created with mode C(0755) when missing.
    type: path
    default: /etc/apt/keyrings
  state:
    description:
      - V(present) writes the keyring, V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
  policy_exceptions:
    description:
      - Settings of apt's Sequoia policy under which a key that Debian's default
        policy refuses may be installed anyway, for example
        V(sha1.second_preimage_resistance) for a key whose bindings use SHA-1.
      - Only takes effect where the host's apt accepts the key too. On Debian 13
        copy C(/usr/share/apt/default-sequoia.config) to
        C(/etc/crypto-policies/back-ends/apt-sequoia.config) and set the same
        setting to a date ahead there (this applies to every repository on the
        host). Without that file the task still fails, saying so.
      - A key accepted this way is reported with a warning on every run. Keys of
        1024 bits and MD5 bindings have no exception.
    type: list
    elements: str
    choices: [brainpoolp256, brainpoolp384, brainpoolp512, dsa2048, dsa3072, dsa4096, rsa2048,
              sha1.second_preimage_resistance, sha224, signature.v3]
    default: []
  legacy_cleanup:
    description:
      - Remove the same primary keys from apt-key's legacy stores
        C(/etc/apt/trusted.gpg) and C(/etc/apt/trusted.gpg.d/*.gpg|*.asc),
        where they would be trusted for every repository.
      - Other keys in those files are kept byte for byte; a file that held
        only these keys is deleted. Files that are not OpenPGP keyrings (for
        example GnuPG keybox files) are left alone with a warning.
      - With O(state=absent) this needs O(fingerprints).
    type: bool
    default: true
  validate_certs:
    description:
      - Verify the TLS certificate of O(url).
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for O(url) to answer.
    type: int
    default: 30
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: The diff lists fingerprints and user IDs, not key bytes.
  platform:
    platforms: debian
notes:
  - The keyring is written with mode C(0644) through a temporary file in the
    same directory, so apt never reads a half-written keyring.
  - The legacy stores are changed only after the new keyring is in place.
requirements:
  - Python standard library only; no gpg on the managed host.
seealso:
  - module: selfhosted.jitsi.apt_source
'''

EXAMPLES = r'''
- name: Install the Jitsi repository key, pinned
  selfhosted.jitsi.apt_keyring:
    name: jitsi
    url: https://download.jitsi.org/jitsi-key.gpg.key
    fingerprints:
      - FFD6 5A0D A2BE BDEB 73D4  4C8B B4D2 D216 F1FD 7806

- name: Install a key shipped with the playbook
  selfhosted.jitsi.apt_keyring:
    name: example
    data: "{{ lookup('ansible.builtin.file', 'example-archive-key.asc') }}"
    fingerprints: [0123456789ABCDEF0123456789ABCDEF01234567]

- name: Install a vendor key file that holds the old and the new signing key
  selfhosted.jitsi.apt_keyring:
    name: vendor
    url: https://vendor.example/archive-keys.asc
    fingerprints:
      - 66A9CD0595D6AFA247290D3BEF8B479E2DC1389C
      - FFD65A0DA2BEBDEB73D44C8BB4D2D216F1FD7806

# Only after /etc/crypto-policies/back-ends/apt-sequoia.config on the host
# sets sha1.second_preimage_resistance to a date ahead, and until the vendor
# renews the key's self-signatures.
- name: Install a key whose bindings still use SHA-1
  selfhosted.jitsi.apt_keyring:
    name: legacy-vendor
    url: https://legacy.example/key.asc
    fingerprints: [0123456789ABCDEF0123456789ABCDEF01234567]
    policy_exceptions: [sha1.second_preimage_resistance]

- name: Remove a keyring and the same key from apt-key's old stores
  selfhosted.jitsi.apt_keyring:
    name: jitsi
    state: absent
    fingerprints: [66A9CD0595D6AFA247290D3BEF8B479E2DC1389C]
'''

RETURN = r'''
path:
  description: The keyring file.
  returned: always
  type: str
  sample: /etc/apt/keyrings/jitsi.gpg
fingerprints:
  description: Primary key fingerprints in the keyring written (empty for O(state=absent)).
  returned: always
  type: list
  elements: str
  sample: [FFD65A0DA2BEBDEB73D44C8BB4D2D216F1FD7806]
verifier:
  description: The verifier the host's apt uses, V(sqv) or V(gpgv) (empty for O(state=absent)).
  returned: always
  type: str
  sample: sqv
policy:
  description: The policy the key was judged by, the file apt reads for V(sqv) (empty for O(state=absent)).
  returned: always
  type: str
  sample: /usr/share/apt/default-sequoia.config
exists:
  description:
    - Whether the keyring file is on the host after the run. In check mode, whether it was there
      before, since nothing is written; a task that reads the keyring next can skip on V(false).
  returned: always
  type: bool
  sample: true
  version_added: 0.2.0
legacy_removed:
  description: Legacy keyring files that were rewritten or deleted (or would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: [/etc/apt/trusted.gpg]
'''

import os
import re
import time

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_bytes, to_native
from ansible.module_utils.urls import fetch_url

from ansible_collections.selfhosted.jitsi.plugins.module_utils.apt_key_policy import (
    EXCEPTIONS,
    assess,
    debian_policy,
    host_policy,
    host_verifier,
)
from ansible_collections.selfhosted.jitsi.plugins.module_utils.files import read_bytes, write_atomic
from ansible_collections.selfhosted.jitsi.plugins.module_utils.legacy_keyrings import (
    LEGACY_KEYRING,
    LEGACY_KEYRING_DIR,
    change_diff,
    legacy_keyring_files,
    plan_legacy_cleanup,
)
from ansible_collections.selfhosted.jitsi.plugins.module_utils.openpgp import (
    OpenPGPError,
    check_fingerprints,
    check_usable,
    describe_keyring,
    keyring_bytes,
    normalize_fingerprint,
    read_certificates,
)

KEYRING_MODE = 0o644
DIR_MODE = 0o755
NAME_PATTERN = re.compile(r'^[A-Za-z0-9_][A-Za-z0-9_.-]*$')
# Keys are a few kilobytes; a much larger answer is not a key.
MAX_KEY_BYTES = 1024 * 1024
# Where the host's apt, sqv and policy files are looked up (tests move it).
HOST_ROOT = '/'


def on_host(path):
    return os.path.join(HOST_ROOT, path.lstrip('/'))


def host_exists(path):
    return os.path.exists(on_host(path))


def host_read(path):
    with open(on_host(path), 'r') as handle:
        return handle.read()


def judge_policy(module, certificates, origin, path):
    """Fail where the host's apt would refuse the key; warn where Debian 13's would."""
    verifier = host_verifier(host_exists)
    host, warning = host_policy(host_exists, host_read)
    if warning:
        module.warn(warning)
    errors, warnings = assess(certificates, verifier, host, debian_policy(host_exists, host_read),
                              int(time.time()), module.params['policy_exceptions'])
    if errors:
        module.fail_json(msg='the key from %s cannot be used with this host\'s apt; nothing was written. %s'
                             % (origin, ' '.join(errors)), path=path, verifier=verifier, policy=host.source)
    for text in warnings:
        module.warn(text)
    return verifier, host.source


def fetch_key(module, url, timeout):
    response, info = fetch_url(module, url, timeout=timeout)
    status = info.get('status')
    if response is None or status not in (200, None):
        module.fail_json(msg='could not download the key from %s: %s %s. Check the URL and that '
                             'the host can reach it, or pass the key with data or src instead.'
                             % (url, status, info.get('msg', '')))
    content = response.read(MAX_KEY_BYTES + 1)
    if len(content) > MAX_KEY_BYTES:
        module.fail_json(msg='%s served more than %d bytes, which is not a key file' % (url, MAX_KEY_BYTES))
    return content


def key_material(module):
    params = module.params
    if params['url']:
        return fetch_key(module, params['url'], params['timeout']), 'URL %s' % params['url']
    if params['src']:
        content = read_bytes(params['src'])
        if content is None:
            module.fail_json(msg='src %s cannot be read on the managed host; expected an existing '
                                 'key file there (use data to send a key from the controller)' % params['src'])
        return content, 'file %s' % params['src']
    return to_bytes(params['data'], errors='surrogate_or_strict'), 'the data option'


def apply_legacy_changes(module, changes):
    for change in changes:
        try:
            if change.new_data is None:
                os.unlink(change.path)
            else:
                write_atomic(module, change.path, change.new_data)
        except (IOError, OSError) as exc:
            module.fail_json(msg='the keyring is in place, but removing its keys from %s failed: %s'
                                 % (change.path, to_native(exc)))


def legacy_plan(module, fingerprints):
    if not module.params['legacy_cleanup'] or not fingerprints:
        return []
    changes, warnings = plan_legacy_cleanup(fingerprints, legacy_keyring_files(LEGACY_KEYRING, LEGACY_KEYRING_DIR))
    for warning in warnings:
        module.warn(warning)
    return changes


def file_mode(path):
    return os.stat(path).st_mode & 0o7777


def ensure_present(module, path, pinned):
    params = module.params
    content, origin = key_material(module)
    try:
        certificates = read_certificates(content)
        if pinned:
            check_fingerprints(certificates, pinned)
        check_usable(certificates, int(time.time()))
    except OpenPGPError as exc:
        module.fail_json(msg='the key from %s cannot be used: %s' % (origin, exc), path=path)
    verifier, policy = judge_policy(module, certificates, origin, path)
    fingerprints = [certificate.fingerprint for certificate in certificates]
    if not pinned:
        module.warn('the key in %s is not pinned: whatever %s holds is trusted. Set fingerprints '
                    'to %s after checking them.' % (path, origin, fingerprints))

    intended = keyring_bytes(certificates)
    current = read_bytes(path) if os.path.exists(path) else None
    content_changed = current != intended
    mode_changed = current is not None and file_mode(path) != KEYRING_MODE
    directory_missing = not os.path.isdir(params['dir'])
    changes = legacy_plan(module, fingerprints)

    diffs = [{
        'before_header': path,
        'after_header': path,
        'before': describe_keyring(current),
        'after': describe_keyring(intended),
    }]
    diffs.extend(change_diff(change) for change in changes)

    if directory_missing and os.path.lexists(params['dir']):
        module.fail_json(msg='dir %s exists but is not a directory; expected a directory for '
                             'keyrings such as /etc/apt/keyrings' % params['dir'], path=path)

    if not module.check_mode:
        try:
            if directory_missing:
                os.makedirs(params['dir'])
                os.chmod(params['dir'], DIR_MODE)
            if content_changed:
                write_atomic(module, path, intended, KEYRING_MODE)
            elif mode_changed:
                os.chmod(path, KEYRING_MODE)
        except (IOError, OSError) as exc:
            module.fail_json(msg='could not write the keyring %s: %s' % (path, to_native(exc)), path=path)
        apply_legacy_changes(module, changes)

    return dict(
        changed=bool(content_changed or mode_changed or directory_missing or changes),
        path=path,
        exists=os.path.exists(path),
        fingerprints=fingerprints,
        verifier=verifier,
        policy=policy,
        legacy_removed=[change.path for change in changes],
        diff=diffs,
    )


def ensure_absent(module, path, fingerprints):
    exists = os.path.lexists(path)
    current = read_bytes(path) if exists else None
    changes = legacy_plan(module, fingerprints)
    diffs = [{
        'before_header': path,
        'after_header': '%s (removed)' % path,
        'before': describe_keyring(current),
        'after': '',
    }] if exists else []
    diffs.extend(change_diff(change) for change in changes)
    if not module.check_mode:
        if exists:
            os.unlink(path)
        apply_legacy_changes(module, changes)
    return dict(
        changed=bool(exists or changes),
        path=path,
        exists=exists and module.check_mode,
        fingerprints=[],
        verifier='',
        policy='',
        legacy_removed=[change.path for change in changes],
        diff=diffs,
    )


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type='str', required=True),
            url=dict(type='str'),
            data=dict(type='str'),
            src=dict(type='path'),
            fingerprints=dict(type='list', elements='str', default=[]),
            policy_exceptions=dict(type='list', elements='str', default=[], choices=sorted(EXCEPTIONS)),
            dir=dict(type='path', default='/etc/apt/keyrings'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            legacy_cleanup=dict(type='bool', default=True),
            validate_certs=dict(type='bool', default=True),
            timeout=dict(type='int', default=30),
        ),
        mutually_exclusive=[('url', 'data', 'src')],
        required_if=[('state', 'present', ('url', 'data', 'src'), True)],
        supports_check_mode=True,
    )
    name = module.params['name']
    if not NAME_PATTERN.match(name) or name.endswith('.gpg') or name.endswith('.asc'):
        module.fail_json(msg='name must be a file base name of letters, digits, "_", "." and "-" '
                             'without the .gpg suffix (the module adds it); found %r' % name)
    path = os.path.join(module.params['dir'], name + '.gpg')
    try:
        pinned = [normalize_fingerprint(value) for value in module.params['fingerprints']]
    except OpenPGPError as exc:
        module.fail_json(msg='fingerprints: %s' % to_native(exc), path=path)
    if module.params['state'] == 'present':
        result = ensure_present(module, path, pinned)
    else:
        result = ensure_absent(module, path, pinned)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
