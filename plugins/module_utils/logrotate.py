# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How logrotate reads its files, line by line, and how long it keeps a
log: one reading for the filter that bounds retention and for the privacy
report that judges it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# Lines between one of these and `endscript` are shell, not directives.
SCRIPTS = ("prerotate", "postrotate", "firstaction", "lastaction", "preremove")


def logrotate_lines(text):
    """Yield (kind, words, line) for each line of a logrotate file.

    kind is 'comment' (blank or #), 'script' (a script's keyword, its shell
    lines and `endscript`), 'open' (a line ending in `{`, which names the
    logs), 'close' (a line starting with `}`) or 'directive'; words are the
    line's words, line the line as it is."""
    script = False
    for line in (text or "").splitlines():
        stripped = line.strip()
        words = stripped.split()
        if script:
            script = not words or words[0] != "endscript"
            yield "script", words, line
        elif not stripped or stripped.startswith("#"):
            yield "comment", words, line
        elif words[0] in SCRIPTS:
            script = True
            yield "script", words, line
        elif stripped.endswith("{"):
            yield "open", words, line
        elif stripped.startswith("}"):
            yield "close", words, line
        else:
            yield "directive", words, line


_PERIOD_DAYS = {"hourly": 1, "daily": 1, "weekly": 7, "monthly": 31, "yearly": 366}


def _logrotate_blocks(text):
    """The directives in effect for each log block of a logrotate file, in
    order: global directives before a block are its defaults.  Comments
    and the contents of scripts (postrotate ... endscript) are left out."""
    globals_, blocks, current = [], [], None
    for kind, words, line in logrotate_lines(text):
        if kind == "open":
            current = list(globals_)
            rest = line.strip()[:-1].strip()
            if rest and "/" not in rest and "*" not in rest:
                current.append(rest.split())
        elif kind == "close":
            if current is not None:
                blocks.append(current)
            current = None
        elif kind == "directive":
            (current if current is not None else globals_).append(words)
    if current is not None:
        blocks.append(current)
    return blocks or [globals_]


def _block_retention(directives):
    criterion, rotate, maxage = ("weekly", None), None, None
    for words in directives:
        name, args = words[0], words[1:]
        if name in _PERIOD_DAYS:
            criterion = (name, None)
        elif name in ("size", "minsize") and args:
            # logrotate keeps one criterion: the later of size and the
            # interval wins.  minsize adds to the interval.
            criterion = (name, args[0]) if name == "size" else (criterion[0], "minsize " + args[0])
        elif name == "rotate" and args and args[0].isdigit():
            rotate = int(args[0])
        elif name == "maxage" and args and args[0].isdigit():
            maxage = int(args[0])
    period, size = criterion
    if period == "size":
        return {"days": None, "reason": "size %s: rotated by size only, not after a time, and maxage is only "
                                        "checked when a log is rotated" % size}
    if size:
        return {"days": None, "reason": "rotated only once the log reaches %s" % size}
    if rotate is None:
        if maxage is not None:
            return {"days": maxage, "reason": "maxage %d" % maxage}
        return {"days": None, "reason": "no rotate count"}
    days = (rotate + 1) * _PERIOD_DAYS[period]
    reason = "%s, rotate %d" % (period, rotate)
    if maxage is not None and maxage + 1 < days:
        days, reason = maxage + 1, reason + ", maxage %d" % maxage
    return {"days": days, "reason": reason}


def logrotate_retention_days(text):
    """How long logrotate keeps the logs of a file: {days, reason}.  days
    is the longest of its blocks (rotated files times the interval, capped
    by maxage), or None when a block is not bounded in days (rotation by
    size only, minsize, no rotate count); reason says why."""
    results = [_block_retention(block) for block in _logrotate_blocks(text)]
    unbounded = [result for result in results if result["days"] is None]
    if unbounded:
        return unbounded[0]
    return max(results, key=lambda result: result["days"])


def logrotate_days(text):
    """How many days of a log logrotate keeps, or None when that is not
    bounded in days or the file does not say (see logrotate_retention_days)."""
    return logrotate_retention_days(text)["days"]


_INTERVALS = ("hourly", "daily", "weekly", "monthly", "yearly")
_SIZE = re.compile(r"^(\s*)size(\s+|\s*=\s*)(\S+)\s*$")


def apply_retention(text, days):
    """The logrotate file with every block rotating daily and keeping `days`
    rotations (`size` turned into `maxsize`); ValueError for a bad file or days."""
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValueError("days is %r; expected a whole number of days" % (days,))
    if days < 1:
        raise ValueError("days is %d; expected 1 or more" % days)
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
        raise ValueError("a block is not closed; expected a line with '}'")
    return "\n".join(out) + ("\n" if text.endswith("\n") or not text else "")
