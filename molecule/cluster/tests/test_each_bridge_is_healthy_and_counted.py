"""Each bridge of the pool runs on its own host, logs in with an account of
its own, and jicofo counts it as operational under its id."""

import pytest
from conftest import BREWERY, DOMAIN, POOL, container, jicofo, eventually

REGIONS = {"cluster-bridge1": "region-a", "cluster-bridge2": "region-b"}


@pytest.mark.parametrize("name", POOL)
def test_bridge_runs_and_answers_healthy(name):
    host = container(name)
    assert host.service("jitsi-videobridge2").is_running
    assert host.service("jitsi-videobridge2").is_enabled
    # The bridge's own host has no curl: Python asks.
    status = host.check_output("python3 -c %s", "import urllib.request; "
                               "print(urllib.request.urlopen('http://127.0.0.1:8080/about/health', timeout=10).status)")
    assert status == "200"
    # A bridge's own host installs the bridge alone.
    assert not host.package("jicofo").is_installed
    assert not host.package("jitsi-meet-prosody").is_installed


def test_jicofo_counts_both_bridges_as_operational(meet):
    assert eventually(lambda: jicofo(meet, "/stats")["bridge_selector"]["operational_bridge_count"] == 2, 60)
    selector = jicofo(meet, "/stats")["bridge_selector"]
    assert selector["bridge_count"] == 2
    assert selector["in_shutdown_bridge_count"] == 0
    assert meet.check_output("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8888/about/health") == "200"


def test_jicofo_knows_each_bridge_by_its_id_and_region(meet):
    bridges = jicofo(meet, "/debug")["bridge_selector"]["bridge"]
    assert sorted(bridges) == sorted(f"{BREWERY}/{name}" for name in POOL)
    for name in POOL:
        assert bridges[f"{BREWERY}/{name}"]["region"] == REGIONS[name]
        assert bridges[f"{BREWERY}/{name}"]["operational"] is True


@pytest.mark.parametrize("name", POOL)
def test_each_bridge_has_an_account_of_its_own(meet, name):
    account = "jvb%2d" + name.replace("-", "%2d")
    assert meet.file(f"/var/lib/prosody/auth%2e{DOMAIN.replace('.', '%2e').replace('-', '%2d')}/accounts/{account}.dat").exists
    conf = container(name).file("/etc/jitsi/videobridge/jvb.conf").content_string
    assert f'USERNAME = "jvb-{name}"' in conf
    assert f'HOSTNAME = "{DOMAIN}"' in conf
    assert f'MUC_NICKNAME = "{name}"' in conf


def test_bridges_ask_the_deployments_own_stun_server_and_map_nat():
    for name in POOL:
        conf = container(name).file("/etc/jitsi/videobridge/jvb.conf").content_string
        assert f'ice4j.harvest.mapping.stun.addresses = ["{DOMAIN}:3478"]' in conf
    two = container("cluster-bridge2")
    address = two.check_output("hostname -I").split()[0]
    conf = two.file("/etc/jitsi/videobridge/jvb.conf").content_string
    assert f'local-address = "{address}", public-address = "198.51.100.2"' in conf
    assert "static-mappings" not in container("cluster-bridge1").file("/etc/jitsi/videobridge/jvb.conf").content_string


def test_the_signalling_host_runs_no_bridge_of_its_own(meet):
    assert not meet.service("jitsi-videobridge2").is_running
    assert not meet.service("jitsi-videobridge2").is_enabled
