"""The signalling host opens prosody's client port to the pool's bridges
and to no other host; a bridge's own host opens the bridge's media port
only."""

import pytest
from conftest import DOMAIN, POOL, can_connect, container


@pytest.mark.parametrize("name", POOL)
def test_bridges_reach_prosody(name):
    assert can_connect(container(name), DOMAIN, 5222)


def test_a_host_that_is_no_bridge_does_not_reach_prosody(outsider):
    assert not can_connect(outsider, DOMAIN, 5222)
    # The web front stays open to everyone.
    assert can_connect(outsider, DOMAIN, 443)


def test_the_signalling_host_allows_exactly_the_bridges_addresses(meet):
    # ufw on the signalling host: one rule per bridge address.
    added = meet.check_output("ufw show added")
    sources = sorted(line.split()[3] for line in added.splitlines() if "port 5222" in line)
    assert sources == sorted(container(name).check_output("hostname -I").split()[0] for name in POOL), added
    assert "5222/tcp" not in added
    # No bridge of its own: no media port.
    assert "10000/udp" not in added


@pytest.mark.parametrize("name", POOL)
def test_a_bridge_host_opens_its_media_port_only(name):
    table = container(name).check_output("nft list table inet selfhosted_jitsi")
    opened = sorted(line.split("dport")[1].split()[0] for line in table.splitlines()
                    if "dport" in line and "SSH" not in line)
    assert opened == ["10000"], table
    assert can_connect(container(name), DOMAIN, 443)
    assert not can_connect(container("cluster-mirror"), name, 8080)
