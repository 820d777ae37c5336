"""A file of the packages' that the role configures and that is missing after
the install stops the run with its name, instead of a step skipped in
silence (the bridge's logrotate file here, under upstream's name)."""

import os

import testinfra.utils.ansible_runner
from conftest import run_playbook, scenario_dir

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

MISSING = "/etc/logrotate.d/jitsi-videobridge"


def test_missing_file_fails_the_run_with_its_name(host):
    host.run_expect([0], f"mv {MISSING} /root/jitsi-videobridge.logrotate")
    try:
        result = run_playbook(scenario_dir() / "converge.yml", "--tags", "privacy")
    finally:
        host.run_expect([0], f"mv /root/jitsi-videobridge.logrotate {MISSING}")
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, output[-2000:]
    assert f"Missing after the install: {MISSING}." in output, output[-2000:]
