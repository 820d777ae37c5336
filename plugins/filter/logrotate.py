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

import re

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.module_utils.logrotate import logrotate_lines

_INTERVALS = ("hourly", "daily", "weekly", "monthly", "yearly")
_SIZE = re.compile(r"^(\s*)size(\s+|\s*=\s*)(\S+)\s*$")


def logrotate_retention(text, days):
    """The logrotate file with every block rotating daily and keeping `days` logs."""
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise AnsibleFilterError("logrotate_retention: days is %r; expected a whole number of days" % (days,))
    if days < 1:
        raise AnsibleFilterError("logrotate_retention: days is %d; expected 1 or more" % days)
    out = []
    block = None
    for kind, words, line in logrotate_lines(text):
        indent = re.match(r"^(\s*)", line).group(1)
        if block is None or kind in ("comment", "script"):
            out.append(line)
            if kind == "open":
                block = {"start": len(out), "indent": None, "interval": False, "rotate": False}
            continue
        if kind == "close":
            indent = block["indent"] if block["indent"] is not None else "    "
            extra = []
            if not block["interval"]:
                extra.append(indent + "daily")
            if not block["rotate"]:
                extra.append(indent + "rotate %d" % days)
            out[block["start"]:block["start"]] = extra
            out.append(line)
            block = None
            continue
        if block["indent"] is None:
            block["indent"] = indent
        if words[0] in _INTERVALS and len(words) == 1:
            if not block["interval"]:
                out.append(indent + "daily")
                block["interval"] = True
        elif words[0] == "rotate" and len(words) == 2:
            if not block["rotate"]:
                out.append(indent + "rotate %d" % days)
                block["rotate"] = True
        else:
            size = _SIZE.match(line)
            out.append(indent + "maxsize " + size.group(3) if size else line)
    if block is not None:
        raise AnsibleFilterError("logrotate_retention: a block is not closed; expected a line with '}'")
    return "\n".join(out) + ("\n" if text.endswith("\n") or not text else "")


class FilterModule(object):
    def filters(self):
        return {"logrotate_retention": logrotate_retention}
