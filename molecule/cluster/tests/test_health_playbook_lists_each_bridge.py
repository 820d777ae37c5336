"""The health playbook names each bridge in its summary and whether jicofo
counts it, and fails, after waiting, when one is missing."""

import pytest
from conftest import POOL, container, eventually, jicofo, playbook_output

HEALTH = "selfhosted.jitsi.health"


def test_health_lists_every_bridge_as_counted():
    returncode, text = playbook_output(HEALTH)
    assert returncode == 0, text[-3000:]
    for name in POOL:
        assert f"| videobridge {name} ({name}) | counted by jicofo | healthy" in text


@pytest.fixture()
def stopped_bridge(meet):
    bridge = container("cluster-bridge2")
    bridge.run_expect([0], "systemctl stop jitsi-videobridge2")
    # jicofo sees it leave the brewery room.
    assert eventually(lambda: jicofo(meet, "/stats")["bridge_selector"]["operational_bridge_count"] == 1, 30)
    yield bridge
    bridge.run_expect([0], "systemctl start jitsi-videobridge2")
    assert eventually(lambda: jicofo(meet, "/stats")["bridge_selector"]["operational_bridge_count"] == 2, 60)


def test_health_names_the_bridge_jicofo_does_not_count(stopped_bridge):
    returncode, text = playbook_output(HEALTH, "-e", "jitsi_health_timeout=6")
    assert returncode != 0
    assert "| videobridge cluster-bridge2 (cluster-bridge2) | UNHEALTHY | last answered" in text
    # The other bridge is still there and counted.
    assert "| videobridge cluster-bridge1 (cluster-bridge1) | counted by jicofo |" in text
    assert "Not healthy: videobridge cluster-bridge2 (cluster-bridge2)." in text
