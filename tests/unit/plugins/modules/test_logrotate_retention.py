# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.selfhosted.jitsi.plugins.modules import logrotate_retention

# Shaped like upstream's files: the bridge's rotates by size (so a quiet log
# would be kept for months), prosody's weekly with many rotations.
BRIDGE = "/var/log/jitsi/jvb.log {\n    size 100M\n    rotate 10\n    compress\n    missingok\n}\n"
PROSODY = "/var/log/prosody/prosody.log /var/log/prosody/prosody.err {\n\tweekly\n\trotate 52\n\tcompress\n" \
          "\tpostrotate\n\t\tprosodyctl reload >/dev/null\n\tendscript\n}\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_every_file_is_bounded_in_one_call(tmp_path, run_module):
    bridge, prosody = write(tmp_path, "jitsi-videobridge", BRIDGE), write(tmp_path, "prosody", PROSODY)
    failed, result = run_module(logrotate_retention.main, {"paths": [bridge, prosody, str(tmp_path / "jicofo")], "days": 7})
    assert not failed and result["changed"]
    assert result["changed_paths"] == [bridge, prosody]
    assert result["missing_paths"] == [str(tmp_path / "jicofo")]
    text = open(bridge).read()
    assert "daily" in text and "rotate 7" in text and "maxsize 100M" in text and "rotate 10" not in text
    assert "\tdaily\n" in open(prosody).read() and "weekly" not in open(prosody).read()
    # The script lines stay as they were.
    assert "prosodyctl reload" in open(prosody).read()
    assert [entry["before_header"] for entry in result["diff"]] == [bridge, prosody]


def test_a_second_call_changes_nothing(tmp_path, run_module):
    bridge = write(tmp_path, "jitsi-videobridge", BRIDGE)
    run_module(logrotate_retention.main, {"paths": [bridge], "days": 7})
    failed, result = run_module(logrotate_retention.main, {"paths": [bridge], "days": 7})
    assert not failed and not result["changed"] and result["changed_paths"] == []


def test_check_mode_reports_without_writing(tmp_path, run_module):
    bridge = write(tmp_path, "jitsi-videobridge", BRIDGE)
    failed, result = run_module(logrotate_retention.main, {"paths": [bridge], "days": 3}, check_mode=True)
    assert not failed and result["changed"] and "rotate 3" in result["diff"][0]["after"]
    assert open(bridge).read() == BRIDGE


def test_bad_days_and_broken_files_are_refused_with_what_to_do(tmp_path, run_module):
    bridge = write(tmp_path, "jitsi-videobridge", BRIDGE)
    failed, result = run_module(logrotate_retention.main, {"paths": [bridge], "days": 0})
    assert failed and "1 or more" in result["msg"]
    broken = write(tmp_path, "broken", "/var/log/x.log {\n    weekly\n")
    failed, result = run_module(logrotate_retention.main, {"paths": [broken], "days": 7})
    assert failed and broken in result["msg"] and "not closed" in result["msg"] and "run again" in result["msg"]
    assert open(broken).read() == "/var/log/x.log {\n    weekly\n"
