"""selfhosted.jitsi.health, the read-only check for production, passes."""

import os
import re
import subprocess

import testinfra.utils.ansible_runner

testinfra_hosts = [
    f"docker://{name}"
    for name in testinfra.utils.ansible_runner.AnsibleRunner(os.environ["MOLECULE_INVENTORY_FILE"]).get_hosts("jitsi")
]


WAIT_FOR_HEALTH = """
import time, urllib.request
for _ in range(60):
    try:
        if urllib.request.urlopen("http://127.0.0.1:8080/about/health", timeout=2).status == 200:
            break
    except OSError:
        pass
    time.sleep(1)
else:
    raise SystemExit("the bridge did not become healthy again")
"""


def run_health(limit, *extra):
    return subprocess.run(
        ["ansible-playbook", "-i", os.environ["MOLECULE_INVENTORY_FILE"], "--limit", limit,
         "selfhosted.jitsi.health", *extra],
        capture_output=True, text=True, check=False,
        env={**os.environ, "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0"},
    )


def test_health_playbook_passes_and_changes_nothing(host):
    result = run_health(host.backend.get_hostname())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "changed=0" in result.stdout and "failed=0" in result.stdout


def test_health_playbook_waits_for_the_components_after_a_restart(host):
    # After prosody was away, the bridge and jicofo log in again only at their
    # next reconnection attempt, which backs off while prosody is down: a
    # single probe right after prosody is back finds them unhealthy.
    host.run_expect([0], "systemctl stop prosody")
    host.run_expect([0], "sleep 20")
    host.run_expect([0], "systemctl start prosody")
    result = run_health(host.backend.get_hostname())
    assert result.returncode == 0, result.stdout + result.stderr


def test_health_playbook_fails_when_the_bridge_is_down(host):
    host.run_expect([0], "systemctl stop jitsi-videobridge2")
    try:
        result = run_health(host.backend.get_hostname(), "-e", "jitsi_health_timeout=6")
    finally:
        host.run_expect([0], "systemctl start jitsi-videobridge2")
        # Later tests expect a healthy bridge again.
        host.run_expect([0], "python3 -c %s", WAIT_FOR_HEALTH)
    assert result.returncode != 0
    assert "Not running after 6 s: jitsi-videobridge2 (inactive)" in " ".join((result.stdout + result.stderr).split())


def test_health_playbook_names_the_component_and_its_last_answer(host, domain):
    # The bridge runs but cannot log in to prosody: its health endpoint
    # answers 500 while every service is active.
    secret = host.check_output(
        "sed -n 's/^[[:space:]]*[Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd][[:space:]]*[=:][[:space:]]*\"\\(.*\\)\"[[:space:]]*$/\\1/p' "
        "/etc/jitsi/videobridge/jvb.conf | head -n 1")
    assert secret
    host.run_expect([0], f"prosodyctl deluser jvb@auth.{domain}")
    try:
        host.run_expect([0], "systemctl restart jitsi-videobridge2")
        result = run_health(host.backend.get_hostname(), "-e", "jitsi_health_timeout=9")
    finally:
        host.run_expect([0], f"prosodyctl register jvb auth.{domain} {secret}")
        host.run_expect([0], "systemctl restart jitsi-videobridge2")
        host.run_expect([0], "python3 -c %s", WAIT_FOR_HEALTH)
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "Not healthy after 9 s: jitsi-videobridge2 (http://127.0.0.1:8080/about/health) last answered 500" in output
    # The summary names the bridge as not healthy, and jicofo's health answer
    # too: without its only bridge jicofo has none operational and says so, as
    # upstream's does. The jicofo service itself keeps running.
    failing = re.search(r"Not healthy: (.*?)\. The summary above", output)
    assert failing, output[-2000:]
    assert "jitsi-videobridge2" in failing.group(1) and "jicofo (HTTP)" in failing.group(1)
    assert not re.search(r"(^|, )jicofo(,|$)", failing.group(1)), failing.group(1)
    assert "jicofo (http://127.0.0.1:8888/about/health) last answered 500" in output
