# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.filter.logrotate import logrotate_retention

# Shaped like the bridge's file upstream: rotation by size, which makes
# logrotate ignore the interval line.
BRIDGE = """\
/var/log/jitsi/jvb.log {
    daily
    missingok
    rotate 10
    size 100M
    compress
    delaycompress
    notifempty
    copytruncate
}
"""

# Shaped like prosody's and jicofo's: weekly, a long history, two logs in one block.
WEEKLY = """\
# rotated by the package
/var/log/prosody/prosody.log /var/log/prosody/prosody.err {
\tweekly
\trotate 52
\tcompress
\tsharedscripts
\tpostrotate
\t\tsystemctl reload prosody >/dev/null 2>&1 || true
\tendscript
}
"""


def directives(text):
    return [line.strip() for line in text.splitlines()]


def test_size_rotation_becomes_daily_with_a_size_cap():
    out = directives(logrotate_retention(BRIDGE, 7))
    assert "size 100M" not in out
    assert "maxsize 100M" in out
    assert out.count("daily") == 1
    assert "rotate 7" in out and "rotate 10" not in out


def test_weekly_becomes_daily_and_scripts_stay():
    out = directives(logrotate_retention(WEEKLY, 3))
    assert "weekly" not in out and out.count("daily") == 1
    assert "rotate 3" in out and "rotate 52" not in out
    assert "systemctl reload prosody >/dev/null 2>&1 || true" in out
    assert out[0] == "# rotated by the package"


def test_missing_interval_and_rotate_are_added_inside_the_block():
    text = "/var/log/x.log {\n    size 10M\n    compress\n}\n"
    out = directives(logrotate_retention(text, 5))
    assert out[0] == "/var/log/x.log {" and out[-1] == "}"
    assert {"daily", "rotate 5", "maxsize 10M"} <= set(out)


def test_script_lines_are_left_alone():
    script = ["    postrotate", "        size=1", "        rotate 3", "        if true; then {",
              "            weekly", "        }", "        fi", "    endscript"]
    text = "\n".join(["/var/log/x.log {", "    weekly"] + script + ["}"]) + "\n"
    out = logrotate_retention(text, 5).splitlines()
    assert out == ["/var/log/x.log {", "    rotate 5", "    daily"] + script + ["}"]


def test_two_blocks_are_each_bounded():
    out = directives(logrotate_retention(BRIDGE + WEEKLY, 4))
    assert out.count("daily") == 2 and out.count("rotate 4") == 2


def test_second_run_changes_nothing():
    once = logrotate_retention(BRIDGE, 7)
    assert logrotate_retention(once, 7) == once


@pytest.mark.parametrize("days", [0, -1, "week", None])
def test_days_must_be_a_positive_number(days):
    with pytest.raises(AnsibleFilterError, match="days is"):
        logrotate_retention(BRIDGE, days)


def test_unclosed_block_is_refused():
    with pytest.raises(AnsibleFilterError, match="not closed"):
        logrotate_retention("/var/log/x.log {\n    daily\n", 7)
