"""The firewall converges both ways: a port taken off (TURN switched off, an
extra port dropped) is closed again, a port put back is opened again, and
the operator's own rules stay through all of it."""

import json
import os
import subprocess

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = [
    f"docker://{name}"
    for name in testinfra.utils.ansible_runner.AnsibleRunner(os.environ["MOLECULE_INVENTORY_FILE"]).get_hosts("jitsi")
]

TURN = ("3478/udp", "5349/tcp")
EXTRA = "9100/tcp"
OPERATOR = "9999/tcp"


def run_firewall(limit, **extra_vars):
    """The firewall step alone, as an operator would change one setting."""
    result = subprocess.run(
        ["ansible-playbook", "-i", os.environ["MOLECULE_INVENTORY_FILE"], "--limit", limit, "--tags", "firewall",
         "-e", json.dumps(extra_vars), "selfhosted.jitsi.site"],
        capture_output=True, text=True, check=False,
        env={**os.environ, "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def recap_changed(output):
    recap = output[output.rindex("PLAY RECAP"):]
    return "changed=0" not in recap


def open_ports(host, backend):
    """port/proto of every port the role opens now."""
    if backend == "ufw":
        lines = host.check_output("ufw show added").splitlines()
        return {line.split()[2] for line in lines if "comment 'selfhosted.jitsi: " in line}
    table = host.check_output("nft list table inet selfhosted_jitsi")
    found = set()
    for line in table.splitlines():
        words = line.split()
        if len(words) > 3 and words[0] in ("tcp", "udp") and words[1] == "dport" and words[3] == "accept":
            found.add(f"{words[2]}/{words[0]}")
    return found


def operator_rule_present(host, backend):
    if backend == "ufw":
        return "ufw allow 9999/tcp comment 'operator'" in host.check_output("ufw show added")
    return 'tcp dport 9999 accept comment "operator"' in host.check_output("nft list table inet operator")


@pytest.fixture()
def operator_rule(host, hostvars):
    """A rule of the operator's own, next to the role's."""
    backend = "ufw" if hostvars.get("firewall_backend") == "ufw" else "nftables"
    if backend == "ufw":
        host.run_expect([0], "ufw allow 9999/tcp comment operator")
    else:
        host.run_expect([0], "nft add table inet operator")
        host.run_expect([0], "nft add chain inet operator input '{ type filter hook input priority 10; policy accept; }'")
        host.run_expect([0], "nft add rule inet operator input tcp dport 9999 accept comment operator")
    yield backend
    if backend == "ufw":
        host.run_expect([0], "ufw delete allow 9999/tcp")
    else:
        host.run_expect([0], "nft delete table inet operator")


def test_turn_and_extra_ports_close_and_open_again(host, operator_rule):
    backend = operator_rule
    name = host.backend.get_hostname()
    before = open_ports(host, backend)
    assert set(TURN) <= before and EXTRA not in before

    # TURN off, an extra port on.
    output = run_firewall(name, jitsi_turnserver=False, firewall_extra_ports=[{"port": 9100, "comment": "node exporter"}])
    assert recap_changed(output)
    ports = open_ports(host, backend)
    assert not set(TURN) & ports, f"TURN still open: {ports}"
    assert EXTRA in ports and "443/tcp" in ports and "22/tcp" in ports
    assert operator_rule_present(host, backend)

    # The same settings again change nothing.
    output = run_firewall(name, jitsi_turnserver=False, firewall_extra_ports=[{"port": 9100, "comment": "node exporter"}])
    assert not recap_changed(output), output[output.rindex("PLAY RECAP"):]

    # Back to the inventory's settings: TURN open again, the extra port closed.
    output = run_firewall(name)
    assert recap_changed(output)
    assert open_ports(host, backend) == before
    assert operator_rule_present(host, backend)
