"""The firewall lets Jitsi's ports and SSH in, and nothing else."""

import os

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = [
    f"docker://{name}"
    for name in testinfra.utils.ansible_runner.AnsibleRunner(os.environ["MOLECULE_INVENTORY_FILE"]).get_hosts("jitsi")
]

OPEN = [("tcp", 22), ("tcp", 80), ("tcp", 443), ("udp", 10000), ("udp", 3478), ("tcp", 5349)]


def backend(hostvars):
    return hostvars.get("firewall_backend", "auto")


def test_nftables_table_drops_by_default_after_ssh(host, hostvars):
    if backend(hostvars) == "ufw":
        pytest.skip("this host uses ufw")
    table = host.check_output("nft list table inet selfhosted_jitsi")
    lines = [line.strip() for line in table.splitlines()]
    assert "type filter hook input priority filter; policy drop;" in lines
    ssh = next(i for i, line in enumerate(lines) if line.startswith("tcp dport 22 accept"))
    first_rule = next(i for i, line in enumerate(lines) if line.startswith(("tcp ", "udp ", "iif ", "ct ", "meta ")))
    assert ssh == first_rule, "SSH must be accepted before anything else"
    for proto, port in OPEN:
        assert any(line.startswith(f"{proto} dport {port} accept") for line in lines), f"{port}/{proto}"
    assert not any("dport 4443" in line for line in lines), "4443/tcp is opt-in"


def test_nftables_table_survives_a_reboot(host, hostvars):
    if backend(hostvars) == "ufw":
        pytest.skip("this host uses ufw")
    assert host.service("nftables").is_enabled
    assert 'include "/etc/nftables.d/*.nft"' in host.file("/etc/nftables.conf").content_string
    check = host.run("nft -c -f /etc/nftables.conf")
    assert check.rc == 0, check.stderr


def test_ufw_is_active_with_default_deny_and_the_ports(host, hostvars):
    if backend(hostvars) != "ufw":
        pytest.skip("this host uses nftables")
    status = host.check_output("ufw status verbose")
    assert "Status: active" in status
    assert "Default: deny (incoming)" in status
    for proto, port in OPEN:
        assert f"{port}/{proto}" in status and "ALLOW IN" in status, f"{port}/{proto}"
    assert "4443" not in status


def probe(mirror_host, target, port):
    """Try a TCP connection from the mirror container; True when it connects."""
    script = (
        "import socket, sys\n"
        "s = socket.socket()\n"
        "s.settimeout(3)\n"
        "print(s.connect_ex((sys.argv[1], int(sys.argv[2]))))\n"
    )
    return mirror_host.check_output("python3 -c %s %s %s", script, target, str(port)).strip() == "0"


def test_other_hosts_reach_https_but_not_prosody(host, domain, mirror_host):
    # prosody's client port listens on every address, so only the firewall
    # can keep the mirror out.
    assert host.socket("tcp://0.0.0.0:5222").is_listening or host.socket("tcp://:::5222").is_listening
    assert probe(mirror_host, domain, 443)
    assert not probe(mirror_host, domain, 5222)
