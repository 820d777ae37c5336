"""What upstream's packages do when a service restarts or a package is
reconfigured, shown by changing a host and putting it back: the bridge's and
jicofo's log level comes from logging.properties, jicofo's postinst sets
some jicofo.conf keys at every configure, and the bridge's postinst never
rewrites jvb.conf, not even for another domain.  Every test restores the
files it touches byte for byte (the upgrade test compares checksums)."""

import os

import pytest
import testinfra.utils.ansible_runner
from conftest import health, wait_for

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

SERVICES = {
    "jitsi-videobridge2": {"port": 8080, "log": "/var/log/jitsi/jvb.log",
                           "properties": "/etc/jitsi/videobridge/logging.properties"},
    "jicofo": {"port": 8888, "log": "/var/log/jitsi/jicofo.log",
               "properties": "/etc/jitsi/jicofo/logging.properties"},
}
NONINTERACTIVE = "DEBIAN_FRONTEND=noninteractive"


def log_since(host, path, offset):
    return host.check_output(f"tail -c +{offset + 1} {path}")


def size(host, path):
    return int(host.check_output(f"stat -c %s {path}"))


def backup(host, path):
    host.run_expect([0], f"cp -a {path} {path}.mirror-test")


def restore(host, path):
    host.run_expect([0], f"mv -f {path}.mirror-test {path}")


def restart(host, service, port):
    """Restart and wait for health; the restarts of these tests (and of the
    postinst scripts they run) may reach systemd's start limit."""
    host.run_expect([0], f"systemctl reset-failed {service}; systemctl restart {service}")
    assert wait_for(lambda: health(host, port) == "200", 60), service


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_root_level_of_logging_properties_is_applied(host, service):
    spec = SERVICES[service]
    backup(host, spec["properties"])
    try:
        host.run_expect([0], rf"sed -i 's/^\.level=INFO$/.level=WARNING/' {spec['properties']}")
        offset = size(host, spec["log"])
        restart(host, service, spec["port"])
        quiet = log_since(host, spec["log"], offset)
        assert " INFO: " not in quiet, quiet
    finally:
        restore(host, spec["properties"])
    offset = size(host, spec["log"])
    restart(host, service, spec["port"])
    assert wait_for(lambda: "XMPP session up as" in log_since(host, spec["log"], offset), 30)


def test_jicofo_configure_resets_the_client_proxy_only(host, domain):
    path = "/etc/jitsi/jicofo/jicofo.conf"
    backup(host, path)
    try:
        host.run_expect([0], f"sed -i -e 's/client-proxy: .*/client-proxy: \"focus.admin.example\"/'"
                             f" -e 's/trusted-domains: .*/trusted-domains: [ \"admin.example\" ]/' {path}")
        host.run_expect([0], f"echo '# kept by the configure' >> {path}")
        host.run_expect([0], f"{NONINTERACTIVE} dpkg-reconfigure jicofo")
        text = host.file(path).content_string
        assert f'client-proxy: "focus.{domain}"' in text, text
        assert 'trusted-domains: [ "admin.example" ]' in text, text
        assert text.rstrip().endswith("# kept by the configure"), text
    finally:
        restore(host, path)
    restart(host, "jicofo", 8888)


def test_jicofo_configure_adds_missing_login_keys(host, domain):
    path = "/etc/jitsi/jicofo/jicofo.conf"
    backup(host, path)
    try:
        host.run_expect([0], f"sed -i '/^ *brewery-jid:/d' {path}")
        host.run_expect([0], f"{NONINTERACTIVE} dpkg-reconfigure jicofo")
        text = host.file(path).content_string
        assert f'jicofo.bridge.brewery-jid = "JvbBrewery@internal.auth.{domain}"' in text, text
    finally:
        restore(host, path)
    restart(host, "jicofo", 8888)


def test_jvb_conf_survives_a_domain_change(host, domain):
    before = host.check_output("sha256sum /etc/jitsi/videobridge/jvb.conf")
    question = "jitsi-videobridge2 jitsi-videobridge/jvb-hostname string"
    try:
        host.run_expect([0], f"echo '{question} other.jitsi.test' | debconf-set-selections")
        host.run_expect([0], f"{NONINTERACTIVE} dpkg-reconfigure jitsi-videobridge2")
        assert "JVB_HOSTNAME=other.jitsi.test" in host.file("/etc/jitsi/videobridge/config").content_string
        assert host.check_output("sha256sum /etc/jitsi/videobridge/jvb.conf") == before
    finally:
        host.run_expect([0], f"echo '{question} {domain}' | debconf-set-selections")
        host.run_expect([0], f"{NONINTERACTIVE} dpkg-reconfigure jitsi-videobridge2")
    assert f"JVB_HOSTNAME={domain}" in host.file("/etc/jitsi/videobridge/config").content_string
    restart(host, "jitsi-videobridge2", 8080)
