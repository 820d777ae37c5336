"""The harness promises real systemd hosts of the supported Debian releases."""

import pytest

EXPECTED_RELEASE = {"smoke-bookworm": "12", "smoke-trixie": "13"}


def test_systemd_is_pid_1_and_running(host):
    assert host.file("/proc/1/comm").content_string.strip() == "systemd"
    state = host.run("systemctl is-system-running")
    assert state.stdout.strip() == "running", state.stdout + state.stderr


def test_dbus_answers_so_hostnamectl_works(host):
    result = host.run("hostnamectl --static")
    assert result.rc == 0, result.stderr


def test_release_matches_the_platform(host):
    name = host.backend.get_hostname()
    if name not in EXPECTED_RELEASE:
        pytest.fail(f"unexpected platform {name!r}")
    version = host.file("/etc/debian_version").content_string.strip()
    assert version.split(".")[0] == EXPECTED_RELEASE[name] or (
        EXPECTED_RELEASE[name] == "13" and version.startswith("trixie")
    )


def test_converge_left_its_file(host):
    marker = host.file("/etc/selfhosted-jitsi-smoke")
    assert marker.is_file
    assert marker.mode == 0o644
    assert marker.content_string.split()[0] == "Debian"
