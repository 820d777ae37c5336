# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Find and plan the removal of keys from apt-key's legacy trust stores.

Keys in those stores are trusted for every repository, so a key that now
lives in its own keyring (and is named by Signed-By) should leave them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections import namedtuple

from ansible_collections.selfhosted.jitsi.plugins.module_utils.files import files_in
from ansible_collections.selfhosted.jitsi.plugins.module_utils.openpgp import (
    OpenPGPError,
    describe_keyring,
    remove_certificates,
)

LEGACY_KEYRING = '/etc/apt/trusted.gpg'
LEGACY_KEYRING_DIR = '/etc/apt/trusted.gpg.d'

# new_data None means the file held only the removed keys and goes away.
LegacyChange = namedtuple('LegacyChange', ['path', 'old_data', 'new_data', 'removed'])


def legacy_keyring_files(keyring=LEGACY_KEYRING, keyring_dir=LEGACY_KEYRING_DIR):
    """The files apt reads as legacy trust stores, in a stable order."""
    return files_in(keyring, keyring_dir, ('*.gpg', '*.asc'))


def plan_legacy_cleanup(fingerprints, paths):
    """Return (changes, warnings) for removing the given primary keys.

    A file that cannot be read as an OpenPGP keyring (for example a GnuPG
    keybox) is left alone and named in warnings.
    """
    changes = []
    warnings = []
    wanted = set(fingerprints)
    for path in paths:
        with open(path, 'rb') as handle:
            data = handle.read()
        if not data:
            continue
        try:
            new_data, removed, remaining = remove_certificates(data, wanted)
        except OpenPGPError as exc:
            warnings.append('%s was left alone because it is not a readable OpenPGP keyring (%s)'
                            % (path, exc))
            continue
        if removed:
            changes.append(LegacyChange(path, data, new_data if remaining else None, removed))
    return changes, warnings


def change_diff(change):
    """A diff entry summarising a legacy keyring change by key, not bytes."""
    return {
        'before_header': change.path,
        'after_header': change.path if change.new_data is not None else '%s (removed)' % change.path,
        'before': describe_keyring(change.old_data),
        'after': describe_keyring(change.new_data) if change.new_data is not None else '',
    }
