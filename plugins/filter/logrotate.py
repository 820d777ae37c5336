# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bound how long logrotate keeps a log, in days.

A log is kept for at most N days when it is rotated daily and N rotations
are kept.  Upstream's logrotate files do not all say so: the bridge's has
`size 100M`, which makes logrotate ignore the time interval (a quiet log is
then never rotated, and kept for months), and others rotate weekly.
logrotate_retention rewrites each log block of a logrotate file: `daily`
as its only interval, `rotate N`, and `size` turned into `maxsize`, which
still rotates a large log early but keeps the daily rotation.  Other lines
stay as they are.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.module_utils.logrotate import apply_retention


def logrotate_retention(text, days):
    """The logrotate file with every block rotating daily and keeping `days` logs."""
    try:
        return apply_retention(text, days)
    except ValueError as error:
        raise AnsibleFilterError("logrotate_retention: %s" % error)


class FilterModule(object):
    def filters(self):
        return {"logrotate_retention": logrotate_retention}
