# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How logrotate reads its files, line by line: one reading for the filter
that bounds retention and for the privacy report that judges it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
