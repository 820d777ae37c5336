"""port_check tells listening from free ports, over TCP and UDP, names the
process that holds a port, and tests another host's TCP ports."""

import os

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

HOLDERS = {
    "8765/tcp": "python3 -m http.server --bind 0.0.0.0 8765",
    "10000/udp": (
        "python3 -c 'import socket, time; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM);"
        " s.bind((\"0.0.0.0\", 10000)); time.sleep(600)'"
    ),
}
PORTS = sorted(HOLDERS)


def unit(port):
    return "modules-holder-" + port.replace("/", "-")


@pytest.fixture(scope="module")
def holders(host):
    """Both ports held by python3 processes that systemd runs for these tests;
    yields their pids by port once port_check saw them listening."""
    try:
        for port in PORTS:
            host.run_expect([0], "systemd-run --unit=%s --collect %s" % (unit(port), HOLDERS[port]))
        yield {port: int(host.check_output("systemctl show -p MainPID --value %s", unit(port))) for port in PORTS}
    finally:
        for port in PORTS:
            host.run("systemctl stop %s", unit(port))


def test_listening_names_the_processes(holders, run_module):
    result = run_module("port_check", ports=PORTS, state="listening", timeout=20)
    assert result["failed"] is False, result
    for port, status in zip(PORTS, result["ports"]):
        assert f"{status['port']}/{status['proto']}" == port
        assert status["listening"] is True, status
        assert status["pid"] == holders[port], status
        assert status["process"] == "python3", status
        assert "0.0.0.0" in status["addresses"], status


def test_free_fails_naming_each_process_and_pid(holders, run_module):
    result = run_module("port_check", ports=PORTS, state="free")
    assert result["failed"] is True, result
    for port in PORTS:
        assert f"{port} is in use by python3 (pid {holders[port]}) on 0.0.0.0" in result["msg"], result["msg"]


def test_free_again_once_the_holders_stopped(host, holders, run_module):
    for port in PORTS:
        host.run_expect([0], "systemctl stop %s", unit(port))
    result = run_module("port_check", ports=PORTS, state="free")
    assert result["failed"] is False, result
    assert [status["in_use"] for status in result["ports"]] == [False, False]


def test_remote_ports_of_the_mirror(run_module):
    result = run_module("port_check", host="mirror.jitsi.test", ports=["443", "8443"])
    assert result["failed"] is True, result
    assert [(status["port"], status["listening"]) for status in result["ports"]] == [(443, True), (8443, False)]
    assert "mirror.jitsi.test:8443/tcp does not accept connections" in result["msg"], result["msg"]
    assert "443/tcp" not in result["msg"].replace("8443/tcp", ""), result["msg"]
