# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.filter.health import health_table

HEALTHY = [
    {"component": "nginx", "ok": True, "state": "running", "detail": "active"},
    {"component": "jitsi-videobridge2", "ok": True, "state": "running", "detail": "active"},
    {"component": "web front", "ok": True, "state": "healthy", "detail": "https://meet.example.org/ answered 200"},
]


def test_a_healthy_host_counts_its_checks_and_pads_the_columns():
    lines = health_table(HEALTHY, "meet.example.org")
    assert lines[0] == "meet.example.org: all 3 checks passed"
    assert lines[1] == "| component          | state   | detail                                 |"
    assert lines[2] == "| ------------------ | ------- | -------------------------------------- |"
    assert lines[3] == "| nginx              | running | active                                 |"
    assert lines[5] == "| web front          | healthy | https://meet.example.org/ answered 200 |"
    assert len(lines) == 6


def test_failing_rows_are_counted_named_and_stand_out():
    rows = HEALTHY + [{"component": "jicofo", "ok": False, "state": "not running", "detail": "failed"},
                      {"component": "ports", "ok": False, "state": "not listening", "detail": "10000/udp"}]
    lines = health_table(rows, "meet.example.org")
    assert lines[0] == "meet.example.org: 2 of 5 checks failed (jicofo, ports)"
    assert "| jicofo             | NOT RUNNING   | failed" in lines[6]
    assert "| nginx              | running       |" in lines[3]


def test_cells_stay_on_one_line_and_keep_the_table_intact():
    detail = "last answered 500:\n  <html>| a long page " + "x" * 200
    lines = health_table([{"component": "jicofo", "ok": False, "state": "unhealthy", "detail": detail}])
    assert lines[0] == "1 of 1 checks failed (jicofo)"
    row = lines[3]
    assert "\n" not in row and "  " not in row.split("|", 3)[3].strip()
    assert "<html>\\| a long page" in row
    assert row.endswith("... |")
    assert len(row.split(" | ")[-1]) <= 100 + len(" |")


def test_a_row_without_a_state_says_ok_or_failed():
    lines = health_table([{"component": "a", "ok": True}, {"component": "b", "ok": False}])
    assert lines[3].startswith("| a         | ok ")
    assert lines[4].startswith("| b         | FAILED ")


@pytest.mark.parametrize("rows, message", [
    ([], "at least one row"),
    ("nginx", "at least one row"),
    (["nginx"], "row 0 is 'nginx'"),
    ([{"ok": True}], "name its component"),
    ([{"component": "nginx", "ok": "yes"}], "ok to be true or false in the row of nginx"),
])
def test_rows_that_are_not_rows_are_refused_with_what_is_expected(rows, message):
    with pytest.raises(AnsibleFilterError, match=message):
        health_table(rows)
