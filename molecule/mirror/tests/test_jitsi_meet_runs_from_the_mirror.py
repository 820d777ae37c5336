"""jitsi-meet installed from the mirror runs: web server, prosody, TURN, and
the bridge and focus stand-ins logged in over XMPP and reporting healthy."""

import os
import re

import pytest
import testinfra.utils.ansible_runner
from conftest import health, wait_for

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

SERVICES = ["nginx", "prosody", "coturn", "jitsi-videobridge2", "jicofo"]
HEALTH = {"jitsi-videobridge2": 8080, "jicofo": 8888}


def https(domain, path, *options):
    """curl against the local web server, trusting only the domain's own certificate."""
    return (
        f"curl -sS --max-time 10 --resolve {domain}:443:127.0.0.1"
        f" --cacert /etc/jitsi/meet/{domain}.crt {' '.join(options)} https://{domain}{path}"
    )


def test_the_newest_set_is_installed(host, mirror):
    newest = mirror["sets"][mirror["versions"][-1]]
    for package, version in newest.items():
        assert host.package(package).is_installed, package
        assert host.package(package).version == version, package


@pytest.mark.parametrize("service", SERVICES)
def test_service_is_enabled_and_running(host, service):
    assert host.service(service).is_enabled
    assert host.service(service).is_running


def test_listening_ports(host):
    for spec in [
        "tcp://0.0.0.0:443", "tcp://0.0.0.0:80", "tcp://0.0.0.0:5222",
        "tcp://127.0.0.1:5280", "tcp://127.0.0.1:8080", "tcp://127.0.0.1:8888",
        "udp://0.0.0.0:10000",
    ]:
        assert host.socket(spec).is_listening, spec
    # coturn binds each address of the host rather than the wildcard.
    assert host.run("ss -Hlnu 'sport = :3478'").stdout.strip(), "coturn does not listen on 3478/udp"


def test_bridge_serves_no_colibri_websockets_by_default(host):
    # Upstream since 2026-05-27: no public HTTP server unless jvb.conf sets its port.
    assert not host.run("ss -Hlnt 'sport = :9090'").stdout.strip(), "something listens on 9090"


def test_stand_ins_run_as_their_users(host):
    assert host.check_output("systemctl show -p User --value jitsi-videobridge2") == "jvb"
    assert host.check_output("systemctl show -p User --value jicofo") == "jicofo"
    assert host.user("jvb").group == "jitsi"
    assert host.user("jicofo").group == "jitsi"


def test_web_page_is_served_with_the_self_signed_certificate(host, domain, mirror):
    meet_version = mirror["sets"][mirror["versions"][-1]]["jitsi-meet-web"]
    page = host.run(https(domain, "/", "-w '\\n%{http_code}'"))
    assert page.rc == 0, page.stderr
    body, status = page.stdout.rsplit("\n", 1)
    assert status == "200"
    assert f"jitsi-meet-web test stand-in {meet_version}" in body
    subject = host.check_output(f"openssl x509 -noout -subject -in /etc/jitsi/meet/{domain}.crt")
    assert domain in subject


def test_plain_http_redirects_to_https(host, domain):
    location = host.check_output(
        f"curl -sS -o /dev/null -w '%{{redirect_url}}' --resolve {domain}:80:127.0.0.1 http://{domain}/room"
    )
    assert location == f"https://{domain}/room"


def test_config_js_names_the_domain(host, domain):
    config = host.check_output(https(domain, "/config.js"))
    assert f"domain: '{domain}'" in config
    assert f"muc: 'conference.' + subdomain + '{domain}'" in config
    assert f"bosh: 'https://{domain}/' + subdir + 'http-bind'" in config
    # nginx fills in the server-side include variables, empty at the top level.
    assert "var subdir = '';" in config and "var subdomain = '';" in config
    on_disk = host.file(f"/etc/jitsi/meet/{domain}-config.js").content_string
    assert '<!--# echo var="subdir" default="" -->' in on_disk
    assert re.sub(r"<!--# echo var=\"\w+\" default=\"\" -->", "", on_disk).strip() == config.strip()


def test_config_js_of_a_tenant_gets_its_variables(host, domain):
    config = host.check_output(https(domain, "/Some.Tenant/config.js"))
    assert "var subdir = 'Some.Tenant/';" in config
    assert "var subdomain = 'Some.Tenant.';" in config


def test_bosh_reaches_prosody_through_nginx(host, domain):
    body = (
        f"<body rid='1' to='{domain}' xml:lang='en' wait='10' hold='1' ver='1.6'"
        " xmpp:version='1.0' xmlns='http://jabber.org/protocol/httpbind'"
        " xmlns:xmpp='urn:xmpp:xbosh'/>"
    )
    answer = host.check_output(https(domain, "/http-bind", "-H 'Content-Type: text/xml'", f"--data \"{body}\""))
    assert "sid=" in answer, answer
    assert "<mechanism>ANONYMOUS</mechanism>" in answer, answer


def test_colibri_websocket_path_does_not_reach_the_bridge(host, domain):
    # The location is commented out: the path falls to the web app, as upstream's does.
    answer = host.run(https(domain, "/colibri-ws/default-id/x", "-w '\\n%{http_code}'"))
    body, status = answer.stdout.rsplit("\n", 1)
    assert "colibri-ws test stand-in" not in body
    assert "jitsi-meet-web test stand-in" in body and status == "200"


# Full JIDs of prosody's bound sessions that have sent presence, as seen by
# prosody itself (the admin shell runs the Lua line inside the server).
ONLINE_SESSIONS = (
    "prosodyctl shell '> local t = {} for _, b in pairs(prosody.bare_sessions) do"
    " for _, s in pairs(b.sessions) do if s.presence then t[#t + 1] = s.full_jid end end end"
    " return table.concat(t, \" \")'"
)


def test_bridge_and_focus_are_logged_in_over_xmpp(host, domain):
    online = host.check_output(ONLINE_SESSIONS)
    assert any(jid.startswith(f"jvb@auth.{domain}/") for jid in online.split()), online
    assert f"focus@auth.{domain}/focus" in online.split(), online
    # The brewery room lives in memory: it exists only while someone is in it.
    rooms = host.check_output(f"prosodyctl shell 'muc:list(\"internal.auth.{domain}\")'")
    assert f"jvbbrewery@internal.auth.{domain}" in rooms


def test_health_follows_the_xmpp_session(host):
    for port in HEALTH.values():
        assert wait_for(lambda: health(host, port) == "200", 30), port
    host.run_expect([0], "systemctl stop prosody")
    try:
        for port in HEALTH.values():
            assert wait_for(lambda: health(host, port) == "500", 20), port
    finally:
        host.run_expect([0], "systemctl start prosody")
    for port in HEALTH.values():
        assert wait_for(lambda: health(host, port) == "200", 60), port


def test_secrets_are_readable_only_by_their_services(host):
    for path, owner in [
        ("/etc/jitsi/videobridge/jvb.conf", "jvb"),
        ("/etc/jitsi/jicofo/jicofo.conf", "jicofo"),
    ]:
        conf = host.file(path)
        assert conf.user == owner and conf.group == "jitsi", path
        assert conf.mode & 0o007 == 0, path


def test_letsencrypt_script_is_an_inert_stand_in(host, domain):
    result = host.run(f"/usr/share/jitsi-meet/scripts/install-letsencrypt-cert.sh admin@example.com {domain}")
    assert result.rc == 1
    assert "test stand-in" in result.stderr
    assert "no ACME server is reachable" in result.stderr
    # Shipped where upstream ships it.
    owner = host.check_output("dpkg -S /usr/share/jitsi-meet/scripts/install-letsencrypt-cert.sh")
    assert owner.startswith("jitsi-meet-web:"), owner
