# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The health playbook's summary: its checks' rows as a short table."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.six import string_types

DETAIL_WIDTH = 100
HEADER = ("component", "state", "detail")


def _cell(value, width=None):
    text = " ".join(str(value).split()).replace("|", "\\|")
    if width and len(text) > width:
        text = text[:width - 3].rstrip() + "..."
    return text


def _row(row, index):
    if not isinstance(row, dict):
        raise AnsibleFilterError("health_table expects rows as dicts with component, ok, state and detail; "
                                 "row %d is %r" % (index, row))
    if not isinstance(row.get("component"), string_types) or not row["component"].strip():
        raise AnsibleFilterError("health_table expects each row to name its component; row %d is %r" % (index, row))
    if not isinstance(row.get("ok"), bool):
        raise AnsibleFilterError("health_table expects ok to be true or false in the row of %s, got %r"
                                 % (row["component"], row.get("ok")))
    state = row.get("state") or ("ok" if row["ok"] else "FAILED")
    # A failing row shouts, so that it stands out in a pasted ticket.
    state = _cell(state) if row["ok"] else _cell(state).upper()
    return (_cell(row["component"]), state, _cell(row.get("detail") or "", DETAIL_WIDTH))


def health_table(rows, host=None):
    """Lines of a Markdown table (component, state, detail) under a line that
    counts the failing rows; the columns are padded so the table reads as
    plain text too."""
    if not isinstance(rows, list) or not rows:
        raise AnsibleFilterError("health_table expects a list of at least one row, got %r" % (rows,))
    cells = [_row(row, index) for index, row in enumerate(rows)]
    failing = [row["component"] for row in rows if not row["ok"]]
    widths = [max(len(line[column]) for line in cells + [HEADER]) for column in range(3)]

    def line(values):
        return "| " + " | ".join(value.ljust(width) for value, width in zip(values, widths)) + " |"

    name = "%s: " % host if host else ""
    if failing:
        title = "%s%d of %d checks failed (%s)" % (name, len(failing), len(rows), ", ".join(failing))
    else:
        title = "%sall %d checks passed" % (name, len(rows))
    return [title, line(HEADER), line(["-" * width for width in widths])] + [line(values) for values in cells]


class FilterModule(object):
    def filters(self):
        return {"health_table": health_table}
