"""Upgrading to the newest set with the same domain leaves the configuration
that the first install wrote untouched (the side effect took checksums)."""

import os

import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

CHECKSUMS = "/var/tmp/jitsi-config-before-upgrade.sha256"


def test_the_side_effect_upgraded_from_the_oldest_set(host, mirror):
    oldest, newest = mirror["versions"][0], mirror["versions"][-1]
    assert oldest != newest
    log = host.file("/var/log/dpkg.log").content_string
    assert f"upgrade jitsi-meet:all {oldest} {newest}" in log


def test_configuration_files_are_unchanged(host, domain):
    listed = host.file(CHECKSUMS).content_string
    for path in [
        f"/etc/jitsi/meet/{domain}-config.js",
        f"/etc/nginx/sites-available/{domain}.conf",
        f"/etc/prosody/conf.avail/{domain}.cfg.lua",
        "/etc/jitsi/videobridge/jvb.conf",
        "/etc/jitsi/jicofo/jicofo.conf",
        "/etc/turnserver.conf",
    ]:
        assert path in listed, path
    check = host.run(f"sha256sum --check {CHECKSUMS}")
    assert check.rc == 0, check.stdout + check.stderr
