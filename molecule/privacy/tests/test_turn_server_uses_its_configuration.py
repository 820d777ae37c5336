"""coturn runs with the configuration the packages wrote: it can read it (as
user turnserver), so allocations need the shared secret, peers in private
ranges are refused and TLS is served. Upstream writes the file 0644
root:root; a coturn that cannot read it runs on built-in defaults and
accepts anyone, for any peer, without TLS."""

import os

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

# The peer is the mirror container: a host of this test network, in the
# private range (172.16.0.0/12) the configuration denies as a peer.
UCLIENT = "timeout 30 turnutils_uclient -n 1 -m 1 -c -r 4000 -e {peer} {creds} {server} 2>&1"


@pytest.fixture()
def addresses(host):
    server = host.check_output("hostname -I | awk '{print $1}'")
    peer = host.check_output("getent ahostsv4 privacy-mirror | awk '{print $1; exit}'")
    assert server and peer
    return server, peer


def uclient(host, addresses, creds=""):
    server, peer = addresses
    return host.run(UCLIENT.format(peer=peer, creds=creds, server=server)).stdout


def secret(host):
    value = host.check_output("sed -n 's/^static-auth-secret=//p' /etc/turnserver.conf")
    assert len(value) >= 8
    return value


def test_coturn_can_read_its_configuration_and_nobody_else(host):
    conf = host.file("/etc/turnserver.conf")
    assert (conf.user, conf.group, conf.mode & 0o777) == ("root", "turnserver", 0o640)
    assert host.run("runuser -u turnserver -- head -c1 /etc/turnserver.conf").rc == 0
    assert host.run("runuser -u nobody -- head -c1 /etc/turnserver.conf").rc != 0


def test_coturn_can_read_the_key_it_serves(host):
    key = host.check_output("sed -n 's/^pkey=//p' /etc/turnserver.conf")
    assert key
    assert host.run(f"runuser -u turnserver -- head -c1 {key}").rc == 0
    assert host.run(f"runuser -u nobody -- head -c1 {key}").rc != 0


def test_allocation_without_credentials_is_refused(host, addresses):
    out = uclient(host, addresses)
    assert "Cannot complete Allocation" in out, out


def test_allocation_with_a_wrong_secret_is_refused(host, addresses):
    out = uclient(host, addresses, "-u someone -W not-the-secret-at-all")
    assert "Cannot complete Allocation" in out, out


def test_allocation_with_the_shared_secret_is_accepted_and_a_private_peer_refused(host, addresses):
    # The REST-API credentials (time-limited user name, HMAC of the shared
    # secret) as prosody hands them to browsers.
    out = uclient(host, addresses, f"-u someone -W {secret(host)}")
    assert "Cannot complete Allocation" not in out, out
    assert "403 (Forbidden IP)" in out, out


def test_coturn_serves_tls(host, domain):
    result = host.run(f"timeout 10 openssl s_client -connect 127.0.0.1:5349 -servername {domain} </dev/null 2>&1")
    assert "BEGIN CERTIFICATE" in result.stdout or "Server certificate" in result.stdout, result.stdout
