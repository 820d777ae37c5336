"""selfhosted.jitsi.health, the read-only check for production, passes."""

import os
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


def test_health_playbook_fails_when_the_bridge_is_down(host):
    host.run_expect([0], "systemctl stop jitsi-videobridge2")
    try:
        result = run_health(host.backend.get_hostname())
    finally:
        host.run_expect([0], "systemctl start jitsi-videobridge2")
        # Later tests expect a healthy bridge again.
        host.run_expect([0], "python3 -c %s", WAIT_FOR_HEALTH)
    assert result.returncode != 0
    assert "Not running: jitsi-videobridge2" in " ".join((result.stdout + result.stderr).split())
