"""From two bridges to three and back to two (the side effect): the third
bridge joined jicofo's count, and on leaving the pool it was drained on its
private REST API, stopped and its account removed, while the others kept
running."""

from conftest import BREWERY, DOMAIN, POOL, RETIRED, container, jicofo, scaling_runs


def test_the_third_bridge_joined_and_was_drained():
    runs = scaling_runs()
    assert "Ask the retired bridge to shut down gracefully" in runs["two"]
    log = container(RETIRED).file("/var/log/jitsi/jvb.log").content_string
    assert "XMPP session up" in log
    assert "Graceful shutdown requested" in log
    assert log.index("Graceful shutdown requested") < log.index("Videobridge shut down")


def test_the_drained_bridge_is_stopped_and_stays_stopped():
    service = container(RETIRED).service("jitsi-videobridge2")
    assert not service.is_running
    assert not service.is_enabled


def test_the_drained_bridge_is_gone_from_jicofos_count(meet):
    selector = jicofo(meet, "/stats")["bridge_selector"]
    assert selector["bridge_count"] == 2 and selector["operational_bridge_count"] == 2
    assert f"{BREWERY}/{RETIRED}" not in jicofo(meet, "/debug")["bridge_selector"]["bridge"]
    # It announced its shutdown before it left: jicofo did not count it as
    # lost (which it logs as a warning, the level jicofo logs at here).
    assert f"Lost a bridge: {BREWERY}/{RETIRED}" not in meet.file("/var/log/jitsi/jicofo.log").content_string


def test_the_drained_bridges_account_is_removed(meet):
    accounts = meet.check_output(f"ls /var/lib/prosody/auth%2e{DOMAIN.replace('.', '%2e').replace('-', '%2d')}/accounts")
    assert "jvb%2dcluster%2dbridge3.dat" not in accounts
    assert "jvb%2dcluster%2dbridge1.dat" in accounts and "jvb%2dcluster%2dbridge2.dat" in accounts


def test_the_other_bridges_kept_running():
    for name in POOL:
        log = container(name).file("/var/log/jitsi/jvb.log").content_string
        assert "Graceful shutdown requested" not in log
        assert container(name).service("jitsi-videobridge2").is_running


def test_prosody_closed_again_to_the_drained_bridge(meet):
    address = container(RETIRED).check_output("hostname -I").split()[0]
    assert f"from {address} " not in meet.check_output("ufw show added")
