"""The Jitsi Meet services run, start at boot and listen where expected."""

import os

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = [
    f"docker://{name}"
    for name in testinfra.utils.ansible_runner.AnsibleRunner(os.environ["MOLECULE_INVENTORY_FILE"]).get_hosts("jitsi")
]


@pytest.mark.parametrize("service", ["nginx", "prosody", "jicofo", "jitsi-videobridge2", "coturn"])
def test_service_is_running_and_enabled(host, service):
    assert host.service(service).is_running
    assert host.service(service).is_enabled


@pytest.mark.parametrize(
    "proto, port, address",
    [("tcp", 80, None), ("tcp", 443, None), ("udp", 10000, None), ("tcp", 5280, "127.0.0.1"),
     ("tcp", 8080, None), ("tcp", 8888, None), ("udp", 3478, None), ("tcp", 5349, None)],
)
def test_port_is_listening(host, proto, port, address):
    flag = "t" if proto == "tcp" else "u"
    sockets = host.check_output(f"ss -Hln{flag} 'sport = :{port}'").splitlines()
    local = [line.split()[3].rsplit(":", 1)[0] for line in sockets]
    assert local, f"nothing listens on {port}/{proto}"
    if address:
        assert set(local) == {address}, f"{port}/{proto} must listen on {address} only, found {local}"
