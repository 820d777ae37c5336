# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.selfhosted.jitsi.plugins.modules import dpkg_holds


@pytest.fixture
def dpkg(monkeypatch):
    """A dpkg database in memory: {package: selection}; calls records each command."""
    state = {"selections": {"jitsi-meet": "install", "jicofo": "hold", "jitsi-videobridge2": "install"}, "calls": []}

    def run_command(self, args, data=None, **kwargs):
        state["calls"].append(args)
        if args[0] == "dpkg-query":
            known = [name for name in args[3:] if name in state["selections"]]
            rc = 0 if len(known) == len(args[3:]) else 1
            return rc, "".join("%s %s\n" % (name, state["selections"][name]) for name in known), ""
        if args[:2] == ["dpkg", "--set-selections"]:
            for line in data.splitlines():
                name, selection = line.split()
                state["selections"][name] = selection
            return 0, "", ""
        raise AssertionError(args)

    monkeypatch.setattr(AnsibleModule, "run_command", run_command)
    return state


def test_only_the_differing_selections_are_written_in_one_call(dpkg, run_module):
    failed, result = run_module(dpkg_holds.main, {"names": ["jitsi-meet", "jicofo", "jitsi-videobridge2"], "selection": "hold"})
    assert not failed and result["changed"]
    assert result["changed_names"] == ["jitsi-meet", "jitsi-videobridge2"]
    assert dpkg["selections"] == {"jitsi-meet": "hold", "jicofo": "hold", "jitsi-videobridge2": "hold"}
    assert [call[0] for call in dpkg["calls"]] == ["dpkg-query", "dpkg"]
    assert "jitsi-meet hold" in result["diff"]["after"] and "jitsi-meet install" in result["diff"]["before"]


def test_a_second_call_reads_and_changes_nothing(dpkg, run_module):
    run_module(dpkg_holds.main, {"names": ["jitsi-meet", "jicofo"], "selection": "install"})
    dpkg["calls"].clear()
    failed, result = run_module(dpkg_holds.main, {"names": ["jitsi-meet", "jicofo"], "selection": "install"})
    assert not failed and not result["changed"] and result["changed_names"] == []
    assert [call[0] for call in dpkg["calls"]] == ["dpkg-query"]


def test_check_mode_changes_nothing(dpkg, run_module):
    failed, result = run_module(dpkg_holds.main, {"names": ["jitsi-meet"], "selection": "hold"}, check_mode=True)
    assert not failed and result["changed"] and dpkg["selections"]["jitsi-meet"] == "install"


def test_an_unknown_package_is_named(dpkg, run_module):
    failed, result = run_module(dpkg_holds.main, {"names": ["jitsi-meet", "jitsi-meet-tokens"], "selection": "hold"})
    assert failed and "jitsi-meet-tokens" in result["msg"] and "Install them first" in result["msg"]
    assert dpkg["selections"]["jitsi-meet"] == "install"
