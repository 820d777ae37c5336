"""Logs are kept for privacy_log_retention_days (7) at the most, and the Java
services log at privacy_log_level (warn): applied to the files upstream's
packages ship, under upstream's names."""

import os
import re

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def directives(text):
    return [line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()]


@pytest.mark.parametrize("path", [
    "/etc/logrotate.d/jitsi-videobridge",
    "/etc/logrotate.d/jicofo",
    "/etc/logrotate.d/nginx",
    "/etc/logrotate.d/prosody",
])
def test_logs_rotate_daily_and_are_kept_seven_days(host, path):
    f = host.file(path)
    assert f.exists, f"{path} is missing: the packages ship it under this name"
    lines = directives(f.content_string)
    intervals = [line for line in lines if line in ("hourly", "daily", "weekly", "monthly", "yearly")]
    assert intervals and set(intervals) == {"daily"}, lines
    assert [line for line in lines if line.startswith("rotate ")] == ["rotate 7"] * len(intervals), lines
    # `size` makes logrotate ignore the interval: a quiet log would be kept for months.
    assert not [line for line in lines if re.match(r"size\b", line)], lines


def test_logrotate_accepts_the_files(host):
    result = host.run("logrotate --debug /etc/logrotate.conf")
    assert result.rc == 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.lower().startswith("error")]
    assert errors == [], result.stderr


@pytest.mark.parametrize("path", [
    "/etc/jitsi/videobridge/logging.properties",
    "/etc/jitsi/jicofo/logging.properties",
])
def test_java_services_log_warnings_only(host, path):
    lines = directives(host.file(path).content_string)
    levels = [line.split("=", 1)[1].strip() for line in lines if re.match(r"\.level\s*=", line)]
    assert levels == ["WARNING"], lines
