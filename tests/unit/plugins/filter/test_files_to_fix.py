# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.filter.files import files_to_fix


def found(path, mode, owner="root", group="root"):
    return {"path": path, "mode": mode, "pw_name": owner, "gr_name": group}


@pytest.mark.parametrize("wanted, current, fix", [
    ({"mode": "0640"}, found("/f", "0640"), False),
    ({"mode": "0640"}, found("/f", "0644"), True),
    ({"mode": "640"}, found("/f", "0640"), False),
    ({"mode": 0o640}, found("/f", "0640"), False),
    ({"mode": 0o640}, found("/f", "0600"), True),
    ({"mode": "o-rwx"}, found("/f", "0640"), False),
    ({"mode": "o-rwx"}, found("/f", "0644"), True),
    ({"mode": "o-rwx"}, found("/f", "0601"), True),
    ({"mode": "u=rw,g=r,o="}, found("/f", "0640"), False),
    ({"mode": "u=rw,g=r,o="}, found("/f", "0660"), True),
    ({"mode": "a+r"}, found("/f", "0644"), False),
    ({"mode": "a+r"}, found("/f", "0640"), True),
    ({"mode": "g+w"}, found("/f", "0640"), True),
    ({"owner": "root"}, found("/f", "0640"), False),
    ({"owner": "prosody"}, found("/f", "0640"), True),
    ({"group": "prosody"}, found("/f", "0640", group="prosody"), False),
    ({"group": "turnserver"}, found("/f", "0640"), True),
    ({"owner": None, "group": None, "mode": "o-rwx"}, found("/f", "0600"), False),
])
def test_an_entry_is_returned_only_when_the_file_differs(wanted, current, fix):
    entry = dict(wanted, path="/f")
    assert files_to_fix([entry], [current]) == ([entry] if fix else [])


def test_files_not_found_are_left_out_and_the_order_is_kept():
    wanted = [{"path": "/b", "mode": "0600"}, {"path": "/missing", "mode": "0600"}, {"path": "/a", "mode": "0600"}]
    assert files_to_fix(wanted, [found("/a", "0644"), found("/b", "0644")]) == [wanted[0], wanted[2]]


@pytest.mark.parametrize("wanted, current, message", [
    ([{"path": "/f", "mode": "o-s"}], [found("/f", "0644")], "symbolic clauses"),
    ([{"path": "/f", "mode": "rw"}], [found("/f", "0644")], "symbolic clauses"),
    ([{"path": "/f", "mode": True}], [found("/f", "0644")], "expects a mode"),
    ([{"mode": "0644"}], [found("/f", "0644")], "list of dicts with path"),
    ("/f", [found("/f", "0644")], "list of dicts with path"),
    ([{"path": "/f", "mode": "0644"}], [{"path": "/f", "mode": "rw-r--r--"}], "mode in octal"),
    ([{"path": "/f"}], None, "ansible.builtin.find result"),
])
def test_wrong_input_is_refused_with_what_was_expected(wanted, current, message):
    with pytest.raises(AnsibleFilterError, match=message):
        files_to_fix(wanted, current)
