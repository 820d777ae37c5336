#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: apt_source
short_description: Manage one apt source file and remove conflicting entries for the same repository
version_added: 1.0.0
description:
  - Writes one apt source file, C(/etc/apt/sources.list.d/<name>.sources) (deb822)
    or C(<name>.list) (one-line format), from a validated definition.
  - Checks the definition before writing anything, so a typo never leaves apt
    unable to update.
  - Removes other entries for the same repository URIs, which would otherwise
    duplicate it or make apt fail with "Conflicting values set for option Signed-By".
  - Can refresh apt's lists for this one source, and puts every file back as it
    was when that refresh fails.
author:
  - selfhosted.jitsi maintainers (@selfhosted)
options:
  name:
    description:
      - Base name of the source file, without suffix.
      - Letters, digits, C(_), C(.) and C(-) only.
    type: str
    required: true
  uris:
    description:
      - Repository URIs. Schemes C(http), C(https), C(file), C(copy), C(mirror),
        C(mirror+http), C(mirror+https), C(mirror+file), C(tor+http) and C(tor+https) are accepted.
      - Required with O(state=present). With O(state=absent) they select what O(cleanup) removes.
    type: list
    elements: str
    default: []
  suites:
    description:
      - Suites (distributions), for example V(bookworm).
      - A suite ending in C(/), such as V(stable/), is a flat repository and takes no O(components).
      - Required with O(state=present).
    type: list
    elements: str
    default: []
  components:
    description:
      - Components, for example V(main). Must be empty for a flat repository and
        must not be empty otherwise.
    type: list
    elements: str
    default: []
  types:
    description:
      - Package index types to fetch.
    type: list
    elements: str
    choices: [deb, deb-src]
    default: [deb]
  signed_by:
    description:
      - Absolute path of the keyring that signs this repository, for example one
        written by M(selfhosted.jitsi.apt_keyring). It must exist on the managed
        host, in check mode too.
    type: path
  architectures:
    description:
      - Architectures to fetch, for example V(amd64). Empty means apt's default.
    type: list
    elements: str
    default: []
  enabled:
    description:
      - Whether apt uses the source. A disabled deb822 source gets C(Enabled) set
        to C(no); disabled one-line entries are written commented out.
    type: bool
    default: true
  format:
    description:
      - V(deb822) writes C(<name>.sources), V(one_line) writes C(<name>.list).
    type: str
    choices: [deb822, one_line]
    default: deb822
  state:
    description:
      - V(present) writes the file, V(absent) removes the file of the given O(format).
    type: str
    choices: [present, absent]
    default: present
  update_cache:
    description:
      - Refresh apt's lists for this source only, when the file changed or apt has
        no lists for it yet. When the refresh fails, the module fails with apt's
        message and restores every file it changed, so apt keeps working.
    type: bool
    default: false
  cleanup:
    description:
      - Remove active entries for the same URIs (ignoring a trailing C(/)) from
        C(/etc/apt/sources.list) and the other C(*.list) and C(*.sources) files
        in C(/etc/apt/sources.list.d).
      - Every other line stays byte for byte, comments and disabled entries
        included; in deb822 files only the affected stanzas change. A file left
        without any entry is removed.
    type: bool
    default: true
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: In check mode apt's lists are never refreshed.
  diff_mode:
    support: full
  platform:
    platforms: debian
notes:
  - Files are written with mode C(0644) through a temporary file in the same
    directory, so apt never reads a half-written file.
requirements:
  - C(apt-get) on the managed host when O(update_cache=true).
seealso:
  - module: selfhosted.jitsi.apt_keyring
'''

EXAMPLES = r'''
- name: Use the Jitsi repository (a flat repository, no components)
  selfhosted.jitsi.apt_source:
    name: jitsi-stable
    uris: [https://download.jitsi.org]
    suites: [stable/]
    signed_by: /etc/apt/keyrings/jitsi.gpg
    update_cache: true

- name: Add a repository with components, in the one-line format
  selfhosted.jitsi.apt_source:
    name: prosody
    uris: [http://packages.prosody.im/debian]
    suites: ["{{ ansible_facts['distribution_release'] }}"]
    components: [main]
    signed_by: /etc/apt/keyrings/prosody.gpg
    format: one_line

- name: Remove the source and any other entry for its URI
  selfhosted.jitsi.apt_source:
    name: jitsi-stable
    uris: [https://download.jitsi.org]
    state: absent
'''

RETURN = r'''
path:
  description: The managed source file.
  returned: always
  type: str
  sample: /etc/apt/sources.list.d/jitsi-stable.sources
content:
  description: What the managed file holds (empty for O(state=absent)).
  returned: always
  type: str
  sample: "Types: deb\nURIs: https://download.jitsi.org\nSuites: stable/\n"
cleaned:
  description: Other source files that were changed or removed by O(cleanup) (or would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: [/etc/apt/sources.list]
cache_updated:
  description: Whether apt's lists were refreshed for this source.
  returned: always
  type: bool
  sample: true
'''

import os

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.selfhosted.jitsi.plugins.module_utils.apt_sources import (
    LISTS_DIR,
    SOURCES_DIR,
    SOURCES_LIST,
    SourceError,
    apt_update_errors,
    list_file_prefixes,
    lists_present,
    plan_cleanup,
    render_deb822,
    render_one_line,
    source_files,
    validate_name,
    validate_source,
)
from ansible_collections.selfhosted.jitsi.plugins.module_utils.files import read_bytes, write_atomic

FILE_MODE = 0o644


def read_text(path):
    data = read_bytes(path)
    return data.decode('utf-8', 'surrogateescape') if data is not None else None


def write_text(module, path, text, mode=None):
    write_atomic(module, path, text.encode('utf-8', 'surrogateescape'), mode)


def restore(module, backups):
    for path, text in backups:
        if text is None:
            if os.path.lexists(path):
                os.unlink(path)
        else:
            write_text(module, path, text)


def apply_cleanup(module, changes):
    for path, old, new in changes:
        if new is None:
            os.unlink(path)
        else:
            write_text(module, path, new)


def cleanup_diffs(changes):
    return [{
        'before_header': path,
        'after_header': path if new is not None else '%s (removed)' % path,
        'before': old,
        'after': new or '',
    } for path, old, new in changes]


def update_cache(module, path):
    apt_get = module.get_bin_path('apt-get', required=True)
    command = [apt_get, 'update',
               '-o', 'Dir::Etc::sourcelist=%s' % path,
               '-o', 'Dir::Etc::sourceparts=-',
               '-o', 'APT::Get::List-Cleanup=0']
    rc, stdout, stderr = module.run_command(command, environ_update={'LANG': 'C', 'LC_ALL': 'C'})
    return apt_update_errors(rc, stdout, stderr), stdout, stderr


def ensure_present(module, path):
    params = module.params
    definition = (params['types'], params['uris'], params['suites'], params['components'],
                  params['architectures'], params['signed_by'])
    try:
        validate_source(*definition)
    except SourceError as exc:
        module.fail_json(msg=to_native(exc), path=path)
    if params['signed_by'] and not os.path.isfile(params['signed_by']):
        module.fail_json(msg='signed_by %s does not exist on the managed host: apt could not verify '
                             'the repository and would refuse it. Install the keyring first (for '
                             'example with selfhosted.jitsi.apt_keyring).' % params['signed_by'], path=path)
    render = render_deb822 if params['format'] == 'deb822' else render_one_line
    content = render(*(definition + (params['enabled'],)))

    current = read_text(path)
    file_changed = current != content
    mode_changed = current is not None and (os.stat(path).st_mode & 0o7777) != FILE_MODE
    changes = plan_cleanup(source_files(SOURCES_LIST, SOURCES_DIR), params['uris'], path) if params['cleanup'] else []

    result = dict(
        path=path,
        content=content,
        cleaned=[change[0] for change in changes],
        cache_updated=False,
        diff=[{'before_header': path, 'after_header': path, 'before': current or '', 'after': content}]
        + cleanup_diffs(changes),
    )
    needs_update = params['update_cache'] and params['enabled'] and (
        file_changed or not lists_present(list_file_prefixes(params['uris'], params['suites']), LISTS_DIR))
    result['changed'] = bool(file_changed or mode_changed or changes or needs_update)
    if module.check_mode:
        return result

    backups = [(path, current)] + [(change[0], change[1]) for change in changes]
    if file_changed:
        write_text(module, path, content, FILE_MODE)
    elif mode_changed:
        os.chmod(path, FILE_MODE)
    apply_cleanup(module, changes)

    if needs_update:
        problems, stdout, stderr = update_cache(module, path)
        if problems:
            restore(module, backups)
            module.fail_json(msg='apt-get update failed for %s, so every changed file was put back as '
                                 'it was: %s' % (path, ' | '.join(problems)),
                             stdout=stdout, stderr=stderr, path=path, cleaned=[])
        result['cache_updated'] = True
    return result


def ensure_absent(module, path):
    params = module.params
    current = read_text(path)
    changes = []
    if params['cleanup'] and params['uris']:
        changes = plan_cleanup(source_files(SOURCES_LIST, SOURCES_DIR), params['uris'], path)
    diffs = [{'before_header': path, 'after_header': '%s (removed)' % path,
              'before': current, 'after': ''}] if current is not None else []
    if not module.check_mode:
        if os.path.lexists(path):
            os.unlink(path)
        apply_cleanup(module, changes)
    return dict(
        changed=bool(current is not None or changes),
        path=path,
        content='',
        cleaned=[change[0] for change in changes],
        cache_updated=False,
        diff=diffs + cleanup_diffs(changes),
    )


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type='str', required=True),
            uris=dict(type='list', elements='str', default=[]),
            suites=dict(type='list', elements='str', default=[]),
            components=dict(type='list', elements='str', default=[]),
            types=dict(type='list', elements='str', choices=['deb', 'deb-src'], default=['deb']),
            signed_by=dict(type='path'),
            architectures=dict(type='list', elements='str', default=[]),
            enabled=dict(type='bool', default=True),
            format=dict(type='str', choices=['deb822', 'one_line'], default='deb822'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            update_cache=dict(type='bool', default=False),
            cleanup=dict(type='bool', default=True),
        ),
        supports_check_mode=True,
    )
    try:
        validate_name(module.params['name'])
    except SourceError as exc:
        module.fail_json(msg=to_native(exc))
    suffix = '.sources' if module.params['format'] == 'deb822' else '.list'
    path = os.path.join(SOURCES_DIR, module.params['name'] + suffix)
    if module.params['state'] == 'present':
        result = ensure_present(module, path)
    else:
        result = ensure_absent(module, path)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
