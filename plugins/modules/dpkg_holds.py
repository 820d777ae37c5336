#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: dpkg_holds
short_description: Hold or release several packages' dpkg selections in one call
version_added: 0.2.0
description:
  - Sets the dpkg selection (C(hold) or C(install)) of every named package, as
    M(ansible.builtin.dpkg_selections) does for one, in one call on the host, so that
    holding a release's packages costs one round trip however many there are.
  - Reads the selections first and writes only those that differ, with one
    C(dpkg --set-selections); a second call changes nothing.
  - A package dpkg does not know is an error that names it, since only installed packages can be held.
author:
  - selfhosted.jitsi maintainers (@selfhosted)
options:
  names:
    description: The packages, for example C(jitsi-meet) and its parts.
    type: list
    elements: str
    required: true
  selection:
    description: C(hold) keeps apt from upgrading them; C(install) lets it again.
    type: str
    choices: [hold, install]
    required: true
attributes:
  check_mode:
    description: Reports which selections it would change without changing them.
    support: full
  diff_mode:
    description: Shows each changed package's selection before and after.
    support: full
seealso:
  - module: ansible.builtin.dpkg_selections
'''

EXAMPLES = r'''
- name: Hold Jitsi Meet at its installed version
  selfhosted.jitsi.dpkg_holds:
    names: [jitsi-meet, jitsi-videobridge2, jicofo]
    selection: hold
'''

RETURN = r'''
changed_names:
  description: The packages whose selection was (or, in check mode, would be) changed.
  returned: always
  type: list
  elements: str
  sample: [jicofo]
'''

from ansible.module_utils.basic import AnsibleModule


def current_selections(module, names):
    """{package: selection} as dpkg reports them; a package it does not know is left out."""
    rc, out, err = module.run_command(['dpkg-query', '--show', '--showformat=${Package} ${db:Status-Want}\\n'] + names)
    if rc > 1:
        module.fail_json(msg='dpkg-query failed (%d): %s' % (rc, err.strip()))
    found = {}
    for line in out.splitlines():
        words = line.split()
        if len(words) == 2:
            found[words[0]] = words[1]
    return found


def main():
    module = AnsibleModule(
        argument_spec=dict(
            names=dict(type='list', elements='str', required=True),
            selection=dict(type='str', choices=['hold', 'install'], required=True),
        ),
        supports_check_mode=True,
    )
    names, selection = module.params['names'], module.params['selection']
    if not names:
        module.exit_json(changed=False, changed_names=[])
    current = current_selections(module, names)
    unknown = [name for name in names if name not in current]
    if unknown:
        module.fail_json(msg='dpkg knows no package %s: expected installed packages to %s. Install them first, '
                             'or leave them out of names.' % (', '.join(unknown), selection))
    changed = [name for name in names if current[name] != selection]
    result = dict(changed=bool(changed), changed_names=changed)
    if module._diff and changed:
        result['diff'] = dict(before=''.join('%s %s\n' % (name, current[name]) for name in changed),
                              after=''.join('%s %s\n' % (name, selection) for name in changed))
    if changed and not module.check_mode:
        data = ''.join('%s %s\n' % (name, selection) for name in changed)
        rc, out, err = module.run_command(['dpkg', '--set-selections'], data=data)
        if rc != 0:
            module.fail_json(msg='dpkg --set-selections failed (%d): %s' % (rc, (err or out).strip()), **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
