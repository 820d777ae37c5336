# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""files_to_fix: which wanted owners, groups and modes a look at the files
(ansible.builtin.find) shows are not there yet, so that a role runs the file
module only for those."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.errors import AnsibleFilterError

_WHO = {"u": 0o4700, "g": 0o2070, "o": 0o1007}
_PERMS = {"r": 0o444, "w": 0o222, "x": 0o111}
_CLAUSE = re.compile(r"^([ugoa]+)([-+=])([rwx]*)$")


def _apply_symbolic(mode, symbolic):
    """The mode chmod would make of `mode` with a symbolic mode of the
    clauses u, g, o, a with +, - or = and the permissions r, w, x."""
    for clause in symbolic.split(","):
        match = _CLAUSE.match(clause)
        if not match:
            raise AnsibleFilterError(
                "files_to_fix expects a mode in octal (0640) or symbolic clauses such as o-rwx or u=rw,g=r "
                "(who: u, g, o, a; permissions: r, w, x), got %r" % (symbolic,))
        who, operator, perms = match.groups()
        mask = 0
        for letter in who.replace("a", "ugo"):
            mask |= _WHO[letter] & 0o777
        bits = 0
        for letter in perms:
            bits |= _PERMS[letter]
        bits &= mask
        if operator == "+":
            mode |= bits
        elif operator == "-":
            mode &= ~bits
        else:
            mode = (mode & ~mask) | bits
    return mode


def _wanted_mode(current, wanted):
    if isinstance(wanted, bool):
        raise AnsibleFilterError("files_to_fix expects a mode such as 0640 or o-rwx, got %r" % (wanted,))
    if isinstance(wanted, int):
        return wanted & 0o7777
    text = str(wanted)
    if re.match(r"^0?[0-7]{3,4}$", text):
        return int(text, 8)
    return _apply_symbolic(current, text)


def files_to_fix(wanted, found):
    """The entries of `wanted` (dicts with path and any of owner, group, mode)
    whose file is among `found` (the files of an ansible.builtin.find or
    stat result: path, mode, pw_name, gr_name) with another owner, group or
    mode. Files not found are left out: whether a missing file is an error is
    the caller's choice."""
    if not isinstance(wanted, (list, tuple)) or not all(isinstance(item, dict) and "path" in item for item in wanted):
        raise AnsibleFilterError("files_to_fix expects a list of dicts with path and any of owner, group, mode, got %r"
                                 % (wanted,))
    if not isinstance(found, (list, tuple)) or not all(isinstance(item, dict) and "path" in item for item in found):
        raise AnsibleFilterError("files_to_fix expects the files of an ansible.builtin.find result "
                                 "(dicts with path, mode, pw_name, gr_name), got %r" % (found,))
    by_path = dict((item["path"], item) for item in found)
    result = []
    for item in wanted:
        current = by_path.get(item["path"])
        if current is None:
            continue
        if item.get("owner") is not None and item["owner"] != current.get("pw_name"):
            result.append(item)
            continue
        if item.get("group") is not None and item["group"] != current.get("gr_name"):
            result.append(item)
            continue
        if item.get("mode") is not None:
            try:
                current_mode = int(str(current["mode"]), 8) & 0o7777
            except (KeyError, ValueError):
                raise AnsibleFilterError("files_to_fix expects each found file to have its mode in octal, got %r"
                                         % (current,))
            if _wanted_mode(current_mode, item["mode"]) != current_mode:
                result.append(item)
    return result


class FilterModule(object):
    def filters(self):
        return {"files_to_fix": files_to_fix}
