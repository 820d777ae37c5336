"""The details of upstream's packaging that change what the roles must do,
as the stand-ins reproduce them (docs: tests/mirror/README.md, the table
"Upstream details the stand-ins keep").  These tests only read; the ones
that change a host and put it back are in test_reconfigure_behaves_like_upstream.py."""

import os
import re

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def https(domain, path, *options):
    """curl against the local web server, trusting only the domain's own certificate."""
    return (
        f"curl -sS --max-time 10 --resolve {domain}:443:127.0.0.1"
        f" --cacert /etc/jitsi/meet/{domain}.crt {' '.join(options)} https://{domain}{path}"
    )


def headers(host, domain, path):
    """Status code and lower-cased header lines of a GET."""
    lines = host.check_output(https(domain, path, "-o /dev/null -D -")).splitlines()
    return lines[0].split()[1], [line.lower() for line in lines[1:] if line]


def site(host, domain):
    return host.file(f"/etc/nginx/sites-available/{domain}.conf").content_string


def without_comments(text):
    return "\n".join(line.split("#", 1)[0].rstrip() for line in text.splitlines())


# nginx site ---------------------------------------------------------------

def test_site_logs_client_addresses_in_its_own_format(host, domain):
    conf = without_comments(site(host, domain))
    log_format = re.search(r"log_format\s+jitsi_log\s+([^;]+);", conf)
    assert log_format, conf
    assert "$remote_addr" in log_format.group(1)
    https_server = conf[conf.index("listen 443 ssl;"):]
    assert "access_log /var/log/nginx/access.log jitsi_log;" in https_server


def test_access_log_records_the_client_address(host, domain):
    marker = "mirror-access-log-check"
    host.check_output(https(domain, f"/{marker}", "-o /dev/null"))
    lines = [line for line in host.file("/var/log/nginx/access.log").content_string.splitlines() if marker in line]
    assert lines, "no access log line for the request"
    assert lines[-1].startswith("127.0.0.1 "), lines[-1]


def test_site_sets_hsts_twice_the_last_time_in_unlock(host, domain):
    conf = without_comments(site(host, domain))
    hsts = [m.start() for m in re.finditer(r"add_header\s+Strict-Transport-Security", conf)]
    assert len(hsts) == 2, conf
    server_level = conf.index('add_header Strict-Transport-Security "max-age=63072000" always;')
    assert server_level == hsts[0]
    unlock = conf.index("location = /_unlock {")
    assert unlock < hsts[1] < conf.index("}", unlock)


def test_static_location_has_its_own_headers(host, domain):
    conf = without_comments(site(host, domain))
    static = re.search(
        r"location ~ \^/\(libs\|css\|static\|images\|fonts\|lang\|sounds\|\.well-known\)/\(\.\*\)\$\s*\{([^}]*)\}", conf)
    assert static, conf
    assert "add_header 'Access-Control-Allow-Origin' '*';" in static.group(1)
    assert "alias /usr/share/jitsi-meet/$1/$2;" in static.group(1)


def test_colibri_websocket_location_is_commented_out(host, domain):
    text = site(host, domain)
    assert re.search(r"^\s*#\s*location ~ \^/colibri-ws/", text, re.M), text
    assert "colibri-ws" not in without_comments(text)


@pytest.mark.parametrize("path", [
    "/css/all.css", "/libs/app.bundle.min.js", "/libs/external_api.min.js",
    "/images/watermark.svg", "/static/404.html", "/external_api.js",
])
def test_static_files_are_served(host, domain, path):
    status, lines = headers(host, domain, path)
    assert status == "200", path
    body = host.check_output(https(domain, path))
    assert "test stand-in" in body.lower(), path


def test_headers_follow_nginx_inheritance(host, domain):
    # The page gets the server-level HSTS header; the static location, with an
    # add_header of its own, gets only its own.
    status, page = headers(host, domain, "/")
    assert status == "200"
    assert any(line.startswith("strict-transport-security:") for line in page), page
    status, static = headers(host, domain, "/css/all.css")
    assert status == "200"
    assert "access-control-allow-origin: *" in static, static
    assert not any(line.startswith("strict-transport-security:") for line in static), static


def test_missing_file_gets_the_404_page(host, domain):
    answer = host.run(https(domain, "/libs/missing.js", "-w '\\n%{http_code}'"))
    body, status = answer.stdout.rsplit("\n", 1)
    assert status == "404"
    assert 'id="standin-404"' in body


# config.js ----------------------------------------------------------------

def test_config_js_keeps_upstreams_structure(host, domain):
    text = host.file(f"/etc/jitsi/meet/{domain}-config.js").content_string
    assert text.index("var subdir = ") < text.index("var subdomain = ") < text.index("if (subdomain) {")
    assert "var enableJaaS = false;" in text
    assert "standinTemplate: 'jitsi-meet-web-config " in text
    # Commented defaults, and the third-party STUN server uncommented.
    assert "// disableThirdPartyRequests: false," in text
    assert re.search(r"^\s*// gravatar: \{", text, re.M)
    assert re.search(r"^\s*\{ urls: 'stun:meet-jit-si-turnrelay\.jitsi\.net:443' \},", text, re.M)
    # The conditional JaaS block after the object ends the file.
    tail = text[text.rindex("};"):]
    assert tail.split("\n", 1)[1].strip().startswith("// ")
    block = text[text.index("if (enableJaaS) {"):].strip()
    assert "config.dialInNumbersUrl = 'https://conference-mapper.jitsi.net/v1/access/dids';" in block
    assert "config.dialInConfCodeUrl = 'https://conference-mapper.jitsi.net/v1/access';" in block
    assert block.endswith("}")


# prosody ------------------------------------------------------------------

def test_main_host_names_the_jitsi_anonymous_provider(host, domain):
    text = host.file(f"/etc/prosody/conf.avail/{domain}.cfg.lua").content_string
    main = text[text.index(f'VirtualHost "{domain}"'):text.index("Component ")]
    assert 'authentication = "jitsi-anonymous" -- do not delete me' in main
    assert 'plugin_paths = { "/usr/share/jitsi-meet/prosody-plugins/" }' in text
    assert host.file("/usr/share/jitsi-meet/prosody-plugins/mod_auth_jitsi-anonymous.lua").is_file


def bosh(host, domain, body):
    return host.check_output(https(domain, "/http-bind", "-H 'Content-Type: text/xml'", f"--data \"{body}\""))


@pytest.mark.parametrize("mechanism, expected", [("ANONYMOUS", "<success"), ("PLAIN", "<failure")])
def test_anonymous_login_to_the_main_host(host, domain, mechanism, expected):
    opened = bosh(host, domain, (
        f"<body rid='100' to='{domain}' xml:lang='en' wait='10' hold='1' ver='1.6'"
        " xmpp:version='1.0' xmlns='http://jabber.org/protocol/httpbind'"
        " xmlns:xmpp='urn:xmpp:xbosh'/>"))
    sid = re.search(r"sid='([^']+)'", opened)
    assert sid, opened
    # PLAIN with a made-up account: the provider refuses password logins.
    payload = "" if mechanism == "ANONYMOUS" else "AHNvbWVvbmUAc2VjcmV0"
    answer = bosh(host, domain, (
        f"<body rid='101' sid='{sid.group(1)}' xmlns='http://jabber.org/protocol/httpbind'>"
        f"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='{mechanism}'>{payload}</auth></body>"))
    assert expected in answer, answer


# coturn -------------------------------------------------------------------

def test_coturn_config_is_world_readable_and_the_key_is_roots(host, domain):
    conf = host.file("/etc/turnserver.conf")
    assert (conf.user, conf.group, conf.mode) == ("root", "root", 0o644)
    text = conf.content_string
    for line in ["syslog", "use-auth-secret", "no-multicast-peers",
                 f"cert=/etc/jitsi/meet/{domain}.crt", f"pkey=/etc/jitsi/meet/{domain}.key",
                 "denied-peer-ip=10.0.0.0-10.255.255.255", "denied-peer-ip=192.168.0.0-192.168.255.255"]:
        assert line in text.splitlines(), line
    assert re.search(r"^static-auth-secret=\S+$", text, re.M)
    key = host.file(f"/etc/jitsi/meet/{domain}.key")
    assert (key.user, key.group, key.mode) == ("root", "root", 0o600)


def test_coturn_cannot_load_the_key_so_serves_no_tls(host):
    # Debian's coturn runs as turnserver: the 0600 root key is out of its reach.
    assert host.check_output("systemctl show -p User --value coturn") == "turnserver"
    assert not host.run("ss -Hlnt 'sport = :5349'").stdout.strip(), "coturn serves TLS on 5349"


# Java services' logs ------------------------------------------------------

@pytest.mark.parametrize("package, rotate, log, logging_properties", [
    ("jitsi-videobridge2", "/etc/logrotate.d/jitsi-videobridge", "/var/log/jitsi/jvb.log",
     "/etc/jitsi/videobridge/logging.properties"),
    ("jicofo", "/etc/logrotate.d/jicofo", "/var/log/jitsi/jicofo.log", "/etc/jitsi/jicofo/logging.properties"),
])
def test_log_rotation_and_levels_are_shipped_as_conffiles(host, package, rotate, log, logging_properties):
    conffiles = host.check_output(f"dpkg-query -W -f '${{Conffiles}}' {package}")
    assert rotate in conffiles and logging_properties in conffiles
    assert f"{log} {{" in host.file(rotate).content_string
    props = host.file(logging_properties).content_string
    assert re.search(r"^handlers\s*=", props, re.M)
    assert re.search(r"^\.level\s*=\s*INFO\s*$", props, re.M)
    # logrotate accepts the file (debug mode changes nothing).
    check = host.run(f"logrotate -d {rotate}")
    assert check.rc == 0, check.stderr
    assert f"rotating pattern: {log} " in check.stderr + check.stdout


def test_bridge_rotation_is_by_size_under_upstreams_name(host):
    assert not host.file("/etc/logrotate.d/jitsi-videobridge2").exists
    text = host.file("/etc/logrotate.d/jitsi-videobridge").content_string
    assert re.search(r"^\s*daily$", text, re.M) and re.search(r"^\s*size 100M$", text, re.M)
    assert re.search(r"^\s*copytruncate$", text, re.M)
    # logrotate reads "size" as the only trigger: 100 MiB, whatever the day.
    check = host.run("logrotate -d /etc/logrotate.d/jitsi-videobridge")
    assert re.search(r"/var/log/jitsi/jvb\.log\s+104857600 bytes", check.stderr + check.stdout)


@pytest.mark.parametrize("log, login", [
    ("/var/log/jitsi/jvb.log", "jvb@auth."), ("/var/log/jitsi/jicofo.log", "focus@auth."),
])
def test_services_log_their_sessions_at_info(host, domain, log, login):
    text = host.file(log).content_string
    assert re.search(rf" INFO: .*XMPP session up as {re.escape(login + domain)}/", text), text


# jvb.conf, jicofo, users --------------------------------------------------

def test_jvb_conf_uses_upper_case_keys_in_shard0(host, domain):
    text = host.file("/etc/jitsi/videobridge/jvb.conf").content_string
    shard = text[text.index("shard0 {"):]
    shard = shard[:shard.index("}")]
    for key in ["HOSTNAME", "DOMAIN", "USERNAME", "PASSWORD", "MUC_JIDS", "MUC_NICKNAME",
                "DISABLE_CERTIFICATE_VERIFICATION"]:
        assert re.search(rf"^\s*{key} = ", shard, re.M), key
    assert f'DOMAIN = "auth.{domain}"' in shard
    assert f'MUC_JIDS = "JvbBrewery@internal.auth.{domain}"' in shard
    assert "http-servers" not in text and "websockets" not in text
    assert 'addresses = [ "meet-jit-si-turnrelay.jitsi.net:443" ]' in text


def test_jitsi_is_not_a_system_group(host):
    gid = host.group("jitsi").gid
    max_system = int(host.check_output("awk '$1 == \"SYS_GID_MAX\" { print $2 }' /etc/login.defs") or 999)
    assert gid > max_system, gid


def test_package_relations_follow_upstream(host):
    def field(name, package):
        return host.check_output(f"dpkg-query -W -f '${{{name}}}' {package}")

    assert "jitsi-meet-web-config" in field("Pre-Depends", "jitsi-meet-turnserver")
    assert "nginx" in field("Pre-Depends", "jitsi-meet-web-config")
    depends = field("Depends", "jitsi-meet-web-config")
    assert "openssl" in depends and "curl" in depends
