#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: logrotate_retention
short_description: Make logrotate files keep their logs for a bounded number of days
version_added: 0.2.0
description:
  - Rewrites every block of each given logrotate file to rotate C(daily) and keep O(days)
    rotations, so a log is kept for at most that many days; a C(size) line, which makes logrotate
    ignore the time interval, becomes C(maxsize). Other lines stay as they are.
  - All files in one call on the host, so reading, comparing and writing them is one round trip
    however many files there are. A file that is missing is left alone and reported.
  - A file that already says so is not written again.
author:
  - selfhosted.jitsi maintainers (@selfhosted)
options:
  paths:
    description: The logrotate files, for example C(/etc/logrotate.d/nginx).
    type: list
    elements: path
    required: true
  days:
    description: Days, and so daily rotations, to keep; 1 or more.
    type: int
    required: true
attributes:
  check_mode:
    description: Reports which files it would rewrite without writing them.
    support: full
  diff_mode:
    description: Shows each rewritten file before and after.
    support: full
notes:
  - The filter P(selfhosted.jitsi.logrotate_retention#filter) rewrites one file's text the same way.
'''

EXAMPLES = r'''
- name: Keep the Jitsi logs for a week
  selfhosted.jitsi.logrotate_retention:
    paths:
      - /etc/logrotate.d/nginx
      - /etc/logrotate.d/prosody
    days: 7
'''

RETURN = r'''
changed_paths:
  description: The files that were (or, in check mode, would be) rewritten.
  returned: always
  type: list
  elements: str
  sample: [/etc/logrotate.d/prosody]
missing_paths:
  description: The files that do not exist and were left alone.
  returned: always
  type: list
  elements: str
  sample: []
'''

import os

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.selfhosted.jitsi.plugins.module_utils.files import write_atomic
from ansible_collections.selfhosted.jitsi.plugins.module_utils.logrotate import apply_retention


def main():
    module = AnsibleModule(
        argument_spec=dict(
            paths=dict(type='list', elements='path', required=True),
            days=dict(type='int', required=True),
        ),
        supports_check_mode=True,
    )
    days = module.params['days']
    if days < 1:
        module.fail_json(msg='days is %d; expected the number of days to keep the logs, 1 or more, such as 7' % days)
    changed_paths, missing_paths, diffs = [], [], []
    for path in module.params['paths']:
        if not os.path.exists(path):
            missing_paths.append(path)
            continue
        with open(path, 'rb') as handle:
            before = handle.read().decode('utf-8', 'surrogateescape')
        try:
            after = apply_retention(before, days)
        except ValueError as error:
            module.fail_json(msg='%s: %s. Fix the file (or reinstall the package that owns it) and run again.' % (path, error))
        if after == before:
            continue
        changed_paths.append(path)
        diffs.append(dict(before_header=path, after_header=path, before=before, after=after))
        if not module.check_mode:
            write_atomic(module, path, after.encode('utf-8', 'surrogateescape'))
    result = dict(changed=bool(changed_paths), changed_paths=changed_paths, missing_paths=missing_paths)
    if module._diff:
        result['diff'] = diffs
    module.exit_json(**result)


if __name__ == '__main__':
    main()
