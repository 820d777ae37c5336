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

_INTERVAL = re.compile(r"^\s*(hourly|daily|weekly|monthly|yearly)\s*$")
_ROTATE = re.compile(r"^(\s*)rotate\s+\S+\s*$")
_SIZE = re.compile(r"^(\s*)size(\s+|\s*=\s*)(\S+)\s*$")
_OPEN = re.compile(r"\{\s*$")
_CLOSE = re.compile(r"^\s*\}\s*$")
_SCRIPT = re.compile(r"^\s*(prerotate|postrotate|firstaction|lastaction|preremove)\s*$")
_ENDSCRIPT = re.compile(r"^\s*endscript\s*$")


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
    script = False
    for line in text.splitlines():
        stripped = line.strip()
        # Shell lines of a script are the script's, whatever they look like.
        if script:
            out.append(line)
            script = not _ENDSCRIPT.match(line)
            continue
        if block is not None and _SCRIPT.match(line):
            out.append(line)
            script = True
            continue
        if block is None:
            out.append(line)
            if not stripped.startswith("#") and _OPEN.search(line):
                block = {"start": len(out), "indent": None, "interval": False, "rotate": False}
            continue
        if _CLOSE.match(line):
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
        if stripped and not stripped.startswith("#") and block["indent"] is None:
            block["indent"] = re.match(r"^(\s*)", line).group(1)
        if _INTERVAL.match(line):
            if not block["interval"]:
                out.append(re.match(r"^(\s*)", line).group(1) + "daily")
                block["interval"] = True
            continue
        rotate = _ROTATE.match(line)
        if rotate:
            if not block["rotate"]:
                out.append(rotate.group(1) + "rotate %d" % days)
                block["rotate"] = True
            continue
        size = _SIZE.match(line)
        if size:
            out.append(size.group(1) + "maxsize " + size.group(3))
            continue
        out.append(line)
    if block is not None:
        raise AnsibleFilterError("logrotate_retention: a block is not closed; expected a line with '}'")
    return "\n".join(out) + ("\n" if text.endswith("\n") or not text else "")


class FilterModule(object):
    def filters(self):
        return {"logrotate_retention": logrotate_retention}
