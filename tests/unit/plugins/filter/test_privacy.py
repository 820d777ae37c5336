# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.filter.privacy import privacy_findings, privacy_summary
from ansible_collections.selfhosted.jitsi.plugins.module_utils.config_js import hosts_in_html, hosts_in_text, parse_config_js
from ansible_collections.selfhosted.jitsi.plugins.module_utils.hocon import HoconError, parse_hocon
from ansible_collections.selfhosted.jitsi.plugins.module_utils.logrotate import logrotate_days
from ansible_collections.selfhosted.jitsi.plugins.module_utils.nginx_conf import nginx_facts
from ansible_collections.selfhosted.jitsi.plugins.module_utils.privacy_host import (
    handshake_accepted,
    host_facts,
    secret_file_access,
    TEXT_FILES,
)
from ansible_collections.selfhosted.jitsi.plugins.module_utils.prosody_conf import prosody_facts
from ansible_collections.selfhosted.jitsi.plugins.plugin_utils import deployment

DOMAIN = "meet.example.org"

# Shaped like upstream's config.js: run-time concatenations, comments that
# name third parties, and upstream's peer-to-peer STUN server.
UPSTREAM_CONFIG_JS = """
var subdir = '<!--# echo var="subdir" default="" -->';
var subdomain = '<!--# echo var="subdomain" default="" -->';
var config = {
    hosts: {
        domain: 'meet.example.org',
        // anonymousdomain: 'guest.example.com',
        muc: 'conference.' + subdomain + 'meet.example.org',
    },
    bosh: 'https://meet.example.org/' + subdir + 'http-bind',
    // gravatar: { baseUrl: 'https://www.gravatar.com/avatar/' },
    p2p: {
        enabled: true,
        stunServers: [
            // { urls: 'stun:jitsi-meet.example.com:3478' },
            { urls: 'stun:meet-jit-si-turnrelay.jitsi.net:443' },
        ],
    },
    analytics: {
        // disabled: false,
    },
    enableWelcomePage: true,
};
"""

MANAGED_BLOCK = """
// BEGIN selfhosted.jitsi: privacy and authentication
config.disableThirdPartyRequests = true;
config.p2p = config.p2p || {};
config.p2p.stunServers = [{ urls: 'stun:meet.example.org:3478' }];
config.analytics = { disabled: true };
config.gravatar = { disabled: true };
config.hosts.anonymousdomain = 'guest.meet.example.org';
// END selfhosted.jitsi: privacy and authentication
"""

UPSTREAM_JVB = """
videobridge {
    apis {
        xmpp-client {
            configs {
                shard {
                    domain = "auth.meet.example.org"
                    password = "not-a-real-secret"
                }
            }
        }
    }
}
ice4j {
    harvest {
        mapping {
            stun {
                addresses = [ "meet-jit-si-turnrelay.jitsi.net:443" ]
            }
        }
    }
}
"""

OWN_STUN_JVB = UPSTREAM_JVB + 'ice4j.harvest.mapping.stun.addresses = ["meet.example.org:3478"]\n'

NGINX_CONF = """
http {
    log_format main '$remote_addr $request';
    access_log /var/log/nginx/access.log;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    include /etc/nginx/sites-enabled/*;
}
"""

UPSTREAM_SITE = """
server_names_hash_bucket_size 64;
server {
    listen 80;
    listen [::]:80;
    server_name meet.example.org;
    location / { return 301 https://$host$request_uri; }
}
server {
    listen 443 ssl;
    listen [::]:443 ssl;
    server_name meet.example.org;
    ssl_protocols TLSv1.2 TLSv1.3;
    add_header Strict-Transport-Security "max-age=63072000" always;
    location = /config.js { alias /etc/jitsi/meet/meet.example.org-config.js; }
}
"""

MANAGED_SITE = """
# BEGIN selfhosted.jitsi: log format
log_format selfhosted_jitsi_meet '$time_iso8601 $request_method $status $body_bytes_sent';
# END selfhosted.jitsi: log format
server {
    listen 80;
    listen [::]:80;
    # BEGIN selfhosted.jitsi: access log (http)
    access_log /var/log/nginx/access.log selfhosted_jitsi_meet;
    # END selfhosted.jitsi: access log (http)
    server_name meet.example.org;
}
server {
    listen 443 ssl;
    listen [::]:443 ssl;
    access_log /var/log/nginx/access.log selfhosted_jitsi_meet;
    ssl_protocols TLSv1.2 TLSv1.3;
    add_header Strict-Transport-Security "max-age=63072000" always;
}
"""

UPSTREAM_PROSODY_HOST = """
plugin_paths = { "/usr/share/jitsi-meet/prosody-plugins/" }
external_services = {
    { type = "stun", host = "meet.example.org", port = 3478 },
    { type = "turns", host = "meet.example.org", port = 5349, transport = "tcp", secret = true },
}
VirtualHost "meet.example.org"
    authentication = "anonymous"
    modules_enabled = { "bosh"; "ping"; }
Component "conference.meet.example.org" "muc"
    storage = "memory"
Component "lobby.meet.example.org" "muc"
    storage = "memory"
VirtualHost "auth.meet.example.org"
    authentication = "internal_hashed"
"""

SECURE_PROSODY_HOST = """-- BEGIN selfhosted.jitsi: logging
log = {
    { levels = { min = "warn" }, to = "file", filename = "/var/log/prosody/prosody.log" };
    { levels = { min = "error" }, to = "file", filename = "/var/log/prosody/prosody.err" };
}
-- END selfhosted.jitsi: logging
""" + UPSTREAM_PROSODY_HOST + """
-- BEGIN selfhosted.jitsi: authentication
VirtualHost "meet.example.org"
    authentication = "internal_hashed"

VirtualHost "guest.meet.example.org"
    authentication = "anonymous"
    c2s_require_encryption = false
-- END selfhosted.jitsi: authentication
"""

DEBIAN_PROSODY = """
log = {
    info = "/var/log/prosody/prosody.log";
    error = "/var/log/prosody/prosody.err";
    { levels = { "error" }; to = "syslog"; };
}
VirtualHost "localhost"
Include "conf.d/*.cfg.lua"
"""

JICOFO_AUTH = """
jicofo { xmpp { client { password = "not-a-real-secret" } } }
jicofo.authentication {
    enabled = true
    type = "XMPP"
    login-url = "meet.example.org"
}
"""


# The files with secrets and their readers, from the one place that names them.
SECRET_FILES = dict((item["path"], item) for item in deployment.secret_files(DOMAIN))


def secret_item(path, mode, owner=None, group=None):
    """A file as the module privacy_facts examines it: its stat, and who
    must and may read it (nobody for a file jitsi_secret_files does not name)."""
    known = SECRET_FILES.get(path, {"name": None, "readers": [], "allowed": []})
    return {"name": known["name"], "path": path, "exists": True, "mode": mode, "owner": owner, "group": group,
            "readers": known["readers"], "allowed": known["allowed"]}


def private_raw():
    return {
        "index_html": '<html><head><script src="/config.js"></script><!--#include virtual="/head.html" --></head></html>',
        "config_js": UPSTREAM_CONFIG_JS + MANAGED_BLOCK,
        "headers": {
            "Strict-Transport-Security": "max-age=63072000",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Permissions-Policy": "camera=(self)",
        },
        "nginx_site_enabled": MANAGED_SITE,
        "nginx_conf": NGINX_CONF,
        "prosody_conf": DEBIAN_PROSODY,
        "prosody_host_enabled": SECURE_PROSODY_HOST,
        "jvb_conf": OWN_STUN_JVB,
        "jicofo_conf": JICOFO_AUTH,
        "turnserver_conf": "use-auth-secret\nstatic-auth-secret=not-a-real-secret\nno-stdout-log\nsimple-log\nlog-file=/dev/null\n",
        "logrotate": {"nginx": "/var/log/nginx/*.log {\n\tdaily\n\trotate 7\n}\n"},
        "tls_handshakes": {"tls1": False, "tls1_1": False, "tls1_2": True, "tls1_3": True},
        "secret_files": [secret_item("/etc/jitsi/videobridge/jvb.conf", "0640")],
        "accounts": 1,
    }


def statuses(raw):
    return {f["id"]: f["status"] for f in privacy_findings(host_facts(raw, DOMAIN))}


# --- parsers -------------------------------------------------------------


def test_config_js_later_statements_override_the_object_literal():
    config = parse_config_js(UPSTREAM_CONFIG_JS + MANAGED_BLOCK)
    assert config["p2p"]["stunServers"] == [{"urls": "stun:meet.example.org:3478"}]
    assert config["p2p"]["enabled"] is True  # kept by `config.p2p = config.p2p || {}`
    assert config["disableThirdPartyRequests"] is True
    assert config["hosts"]["anonymousdomain"] == "guest.meet.example.org"
    assert config["hosts"]["domain"] == DOMAIN


def test_config_js_without_the_block_keeps_upstreams_stun_server():
    config = parse_config_js(UPSTREAM_CONFIG_JS)
    assert config["p2p"]["stunServers"] == [{"urls": "stun:meet-jit-si-turnrelay.jitsi.net:443"}]
    assert "disableThirdPartyRequests" not in config


def test_comments_name_no_contacts():
    facts = host_facts(dict(private_raw()), DOMAIN)
    assert "www.gravatar.com" not in facts["browser_hosts"]
    assert "jitsi-meet.example.com" not in facts["browser_hosts"]


@pytest.mark.parametrize("text, hosts", [
    ("https://cdn.example.net/x.js", {"cdn.example.net"}),
    ("//fonts.example.net/css", {"fonts.example.net"}),
    ("stun:stun.l.google.com:19302", {"stun.l.google.com"}),
    ("turns:meet.example.org:5349?transport=tcp", {"meet.example.org"}),
    ("meet.example.org:3478", {"meet.example.org"}),
    ("config.js", set()),
    ("interface_config.js", set()),
    ("just words", set()),
])
def test_hosts_in_text(text, hosts):
    assert hosts_in_text(text) == hosts


def test_hosts_in_html_skip_comments_and_find_scripts():
    html = ('<!-- https://old.example.net/ --><link href="https://fonts.googleapis.com/css">'
            '<script>var x = "https://api.example.com/v1";</script><script src="/libs/app.js"></script>')
    assert hosts_in_html(html) == {"fonts.googleapis.com", "api.example.com"}


def test_hocon_later_keys_override_and_objects_merge():
    tree = parse_hocon(OWN_STUN_JVB)
    assert tree["ice4j"]["harvest"]["mapping"]["stun"]["addresses"] == ["meet.example.org:3478"]
    assert tree["videobridge"]["apis"]["xmpp-client"]["configs"]["shard"]["domain"] == "auth.meet.example.org"


def test_hocon_booleans_and_dotted_objects():
    tree = parse_hocon(JICOFO_AUTH)
    assert tree["jicofo"]["authentication"] == {"enabled": True, "type": "XMPP", "login-url": DOMAIN}
    assert tree["jicofo"]["xmpp"]["client"]["password"] == "not-a-real-secret"


def test_nginx_server_inherits_the_combined_log_of_nginx_conf():
    facts = nginx_facts(UPSTREAM_SITE, NGINX_CONF, DOMAIN)
    for server in facts["servers"]:
        assert server["access_logs"] == [{"path": "/var/log/nginx/access.log", "format": "combined",
                                          "records_ip": True, "records_request": True}]
    tls = [s for s in facts["servers"] if s["tls"]]
    assert tls[0]["ssl_protocols"] == ["TLSv1.2", "TLSv1.3"]
    assert tls[0]["headers"] == {"strict-transport-security": "max-age=63072000"}


def test_nginx_anonymous_format_records_neither_address_nor_url():
    facts = nginx_facts(MANAGED_SITE, NGINX_CONF, DOMAIN)
    logs = [log for server in facts["servers"] for log in server["access_logs"]]
    assert len(logs) == 2
    assert not any(log["records_ip"] or log["records_request"] for log in logs)


def test_nginx_access_log_off():
    site = "server {\n listen 80;\n access_log off;\n}\n"
    assert nginx_facts(site, NGINX_CONF, DOMAIN)["servers"][0]["access_logs"] == []


def test_nginx_tls_server_without_protocols_inherits_http_level():
    site = "server {\n listen 443 ssl;\n}\n"
    assert nginx_facts(site, NGINX_CONF, DOMAIN)["servers"][0]["ssl_protocols"] == ["TLSv1", "TLSv1.1", "TLSv1.2"]


def test_prosody_reopened_host_overrides_authentication():
    facts = prosody_facts(DEBIAN_PROSODY, SECURE_PROSODY_HOST, DOMAIN)
    assert facts["authentication"] == "internal_hashed"
    assert facts["guest_host"] is True
    assert facts["guest_authentication"] == "anonymous"
    assert facts["lobby"] is True
    assert facts["room_storage"] == "memory"
    assert facts["lowest_log_level"] == "warn"
    assert facts["external_services"] == [DOMAIN]


def test_prosody_debian_log_starts_at_info():
    facts = prosody_facts(DEBIAN_PROSODY, UPSTREAM_PROSODY_HOST, DOMAIN)
    assert facts["authentication"] == "anonymous"
    assert facts["lowest_log_level"] == "info"


@pytest.mark.parametrize("text, days", [
    ("/var/log/x {\n daily\n rotate 7\n}", 8),
    ("/var/log/x {\n weekly\n rotate 52\n}", 371),
    ("/var/log/x {\n rotate 4\n}", 35),
    ("/var/log/x {\n daily\n rotate 90\n maxage 6\n}", 7),
    ("/var/log/x {\n daily\n}", None),
])
def test_logrotate_days(text, days):
    assert logrotate_days(text) == days


# --- TLS handshakes -------------------------------------------------------


@pytest.mark.parametrize("output, accepted", [
    ("New, (NONE), Cipher is (NONE)\n    Protocol  : TLSv1.1", False),
    ("New, TLSv1.2, Cipher is ECDHE-RSA-AES256-GCM-SHA384\n    Protocol  : TLSv1.2", True),
    # TLS 1.3 sessions are printed after the tickets, often not at all.
    ("New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384", True),
    ("connect: Connection refused", False),
    ("", False),
])
def test_handshake_accepted_reads_s_client(output, accepted):
    assert handshake_accepted(output) is accepted


# --- privacy_findings -----------------------------------------------------


def test_private_deployment_has_no_fail_and_no_warn():
    result = statuses(private_raw())
    assert "fail" not in result.values(), result
    assert "warn" not in result.values(), result


def test_upstream_defaults_fail_the_third_party_items():
    raw = private_raw()
    raw.update(config_js=UPSTREAM_CONFIG_JS, jvb_conf=UPSTREAM_JVB, nginx_site_enabled=UPSTREAM_SITE,
               prosody_host_enabled=UPSTREAM_PROSODY_HOST, prosody_conf=DEBIAN_PROSODY, jicofo_conf="")
    result = statuses(raw)
    for ident in ("third_party_browser", "third_party_requests", "p2p_stun", "bridge_stun", "access_log"):
        assert result[ident] == "fail", ident
    assert result["authentication"] == "warn"
    assert result["prosody_log_level"] == "warn"
    assert "accounts" not in result


def test_a_third_party_stun_server_turned_back_on_is_flagged():
    raw = private_raw()
    raw["config_js"] = raw["config_js"].replace("stun:meet.example.org:3478", "stun:meet-jit-si-turnrelay.jitsi.net:443")
    findings = {f["id"]: f for f in privacy_findings(host_facts(raw, DOMAIN))}
    assert findings["p2p_stun"]["status"] == "fail"
    assert findings["third_party_browser"]["status"] == "fail"
    assert "meet-jit-si-turnrelay.jitsi.net" in findings["third_party_browser"]["detail"]["en"]
    assert findings["p2p_stun"]["fix"]["en"] and findings["p2p_stun"]["fix"]["de"]


def test_guests_without_jicofo_authentication_fail():
    raw = private_raw()
    raw["jicofo_conf"] = ""
    assert statuses(raw)["authentication"] == "fail"


def test_internal_without_accounts_warns():
    raw = private_raw()
    raw["accounts"] = 0
    assert statuses(raw)["accounts"] == "warn"


@pytest.mark.parametrize("handshakes, configured, expected", [
    ({"tls1_1": True, "tls1_2": True}, "TLSv1.2 TLSv1.3", "fail"),
    ({"tls1_1": False, "tls1_2": True}, "TLSv1.1 TLSv1.2", "fail"),
    ({"tls1_1": False, "tls1_2": False, "tls1_3": False}, "TLSv1.2 TLSv1.3", "fail"),
    ({"tls1_1": False, "tls1_2": True}, "TLSv1.2 TLSv1.3", "pass"),
])
def test_tls_protocols(handshakes, configured, expected):
    raw = private_raw()
    raw["tls_handshakes"] = handshakes
    raw["nginx_site_enabled"] = raw["nginx_site_enabled"].replace("ssl_protocols TLSv1.2 TLSv1.3", "ssl_protocols " + configured)
    assert statuses(raw)["tls_protocols"] == expected


@pytest.mark.parametrize("hsts, expected", [(None, "fail"), ("max-age=300", "warn"), ("max-age=31536000; includeSubDomains", "pass")])
def test_hsts(hsts, expected):
    raw = private_raw()
    if hsts is None:
        del raw["headers"]["Strict-Transport-Security"]
    else:
        raw["headers"]["Strict-Transport-Security"] = hsts
    assert statuses(raw)["hsts"] == expected


def test_missing_security_headers_warn():
    raw = private_raw()
    del raw["headers"]["Referrer-Policy"]
    findings = {f["id"]: f for f in privacy_findings(host_facts(raw, DOMAIN))}
    assert findings["security_headers"]["status"] == "warn"
    assert "referrer-policy" in findings["security_headers"]["detail"]["en"]


def test_world_readable_secret_fails():
    raw = private_raw()
    raw["secret_files"] = [secret_item("/etc/prosody/conf.avail/meet.example.org.cfg.lua", "0644")]
    assert statuses(raw)["secret_files"] == "fail"


def test_long_retention_warns_and_threshold_is_an_input():
    raw = private_raw()
    raw["logrotate"] = {"nginx": "daily\nrotate 30\n"}
    facts = host_facts(raw, DOMAIN)
    assert {f["id"]: f["status"] for f in privacy_findings(facts)}["log_retention"] == "warn"
    assert {f["id"]: f["status"] for f in privacy_findings(facts, 31)}["log_retention"] == "pass"


def test_coturn_session_logs_warn():
    raw = private_raw()
    raw["turnserver_conf"] = "use-auth-secret\nsyslog\n"
    assert statuses(raw)["turnserver_log"] == "warn"


def test_facts_hold_no_secret():
    facts = host_facts(private_raw(), DOMAIN)
    assert "not-a-real-secret" not in repr(facts)


def test_every_finding_speaks_both_languages():
    for raw in (private_raw(), dict(private_raw(), config_js="", nginx_site_enabled="", prosody_host_enabled="")):
        for finding in privacy_findings(host_facts(raw, DOMAIN)):
            assert finding["status"] in ("pass", "warn", "fail")
            for key in ("title", "detail"):
                assert finding[key]["en"] and finding[key]["de"]
            if finding["status"] != "pass":
                assert finding["fix"]["en"] and finding["fix"]["de"], finding["id"]


def test_summary_counts():
    findings = [{"status": "pass"}, {"status": "fail"}, {"status": "pass"}]
    assert privacy_summary(findings) == {"pass": 2, "warn": 0, "fail": 1}


@pytest.mark.parametrize("call", [
    lambda: privacy_findings("text"),
    lambda: privacy_findings({"no": "domain"}),
    lambda: privacy_findings(dict(host_facts({}, DOMAIN), domain="")),
    lambda: privacy_findings(host_facts({}, DOMAIN), "many"),
])
def test_bad_input_is_a_clear_error(call):
    with pytest.raises(AnsibleFilterError):
        call()


# --- config.js: the control flow of upstream's template -------------------

# Shaped like the template jitsi-meet-web-config installs (written for these
# tests): server-side-include variables and their fallbacks, a JaaS switch,
# string concatenation, commented defaults, an uncommented peer-to-peer STUN
# server, compatibility assignments and a conditional block at the end.
UPSTREAM_TEMPLATE_JS = """/* eslint-disable no-var, prefer-template */

// Filled in by the web server (nginx ssi) per request.
var subdir = '<!--# echo var="subdir" default="" -->';
var subdomain = '<!--# echo var="subdomain" default="" -->';

if (subdomain) {
    subdomain = subdomain.substr(0, subdomain.length - 1).split('.')
        .join('_')
        .toLowerCase() + '.';
}

// Without ssi the placeholders stay: fall back to empty strings.
if (subdir.startsWith('<!--')) {
    subdir = '';
}
if (subdomain.startsWith('<!--')) {
    subdomain = '';
}

var enableJaaS = false;

var config = {
    hosts: {
        // The XMPP domain.
        domain: 'meet.example.org',
        // anonymousdomain: 'guest.example.com',
        muc: 'conference.' + subdomain + 'meet.example.org',
    },

    bosh: 'https://meet.example.org/' + subdir + 'http-bind',
    // websocket: 'wss://meet.example.org/' + subdir + 'xmpp-websocket',

    // gravatar: {
    //     baseUrl: 'https://www.gravatar.com/avatar/',
    //     disabled: false,
    // },

    p2p: {
        enabled: true,
        // iceTransportPolicy: 'all',
        stunServers: [
            // { urls: 'stun:jitsi-meet.example.com:3478' },
            { urls: 'stun:meet-jit-si-turnrelay.jitsi.net:443' },
        ],
    },

    // analytics: {
    //     amplitudeAPPKey: '<key>',
    //     rtcstatsEndpoint: 'wss://rtcstats-server.example.com',
    // },

    // Whiteboard (excalidraw backend).
    // whiteboard: { collabServerBaseUrl: 'https://excalidraw-backend.example.com' },

    makeJsonParserHappy: 'even if last key had a trailing comma',
    // nothing after this line
};

// Compatibility with old mobile clients.
config.flags = config.flags || {};
config.flags.sourceNameSignaling = true;
config.flags.receiveMultipleVideoStreams = true;

// Defaults for JaaS customers.
if (enableJaaS) {
    config.dialInNumbersUrl = 'https://conference-mapper.jitsi.net/v1/access/dids';
    config.dialInConfCodeUrl = 'https://conference-mapper.jitsi.net/v1/access';
    config.roomPasswordNumberOfDigits = 10;
}
"""

# What nginx serves when its ssi fills in the variables at the site's root.
SERVED_TEMPLATE_JS = (UPSTREAM_TEMPLATE_JS
                      .replace('<!--# echo var="subdir" default="" -->', "")
                      .replace('<!--# echo var="subdomain" default="" -->', ""))

# The managed block roles/meet/templates/config.js.j2 appends (defaults).
ROLE_BLOCK_JS = """
// Written by selfhosted.jitsi; later statements override the values above.
config.disableThirdPartyRequests = true;
config.p2p = config.p2p || {};
config.p2p.stunServers = [{ urls: 'stun:meet.example.org:3478' }];
config.analytics = { disabled: true };
config.gravatar = { disabled: true };
config.giphy = { enabled: false };
config.doNotStoreRoom = true;
config.enableInsecureRoomNameWarning = true;
config.hosts.anonymousdomain = 'guest.meet.example.org';
"""


def findings_of(raw):
    return {f["id"]: f for f in privacy_findings(host_facts(raw, DOMAIN))}


def test_template_with_the_role_block_contacts_no_third_party():
    for text in (UPSTREAM_TEMPLATE_JS, SERVED_TEMPLATE_JS):
        raw = dict(private_raw(), config_js=text + ROLE_BLOCK_JS)
        facts = host_facts(raw, DOMAIN)
        assert facts["third_party_browser_hosts"] == [], facts["browser_hosts"]
        assert findings_of(raw)["third_party_browser"]["status"] == "pass"


def test_a_false_condition_is_dead_code():
    config = parse_config_js(SERVED_TEMPLATE_JS)
    assert "dialInNumbersUrl" not in config
    assert "roomPasswordNumberOfDigits" not in config


def test_enable_jaas_makes_the_conference_mapper_a_contact():
    text = SERVED_TEMPLATE_JS.replace("var enableJaaS = false;", "var enableJaaS = true;") + ROLE_BLOCK_JS
    findings = findings_of(dict(private_raw(), config_js=text))
    assert findings["third_party_browser"]["status"] == "fail"
    assert "conference-mapper.jitsi.net" in findings["third_party_browser"]["detail"]["en"]


@pytest.mark.parametrize("condition, taken", [
    ("true", True), ("false", False), ("0", False), ("1", True), ("''", False), ("'yes'", True),
    ("null", False), ("undefined", False), ("!enableJaaS", True), ("enableJaaS === false", True),
])
def test_literal_and_known_conditions(condition, taken):
    text = SERVED_TEMPLATE_JS + "if (%s) {\n    config.startSilent = true;\n}\n" % condition
    assert ("startSilent" in parse_config_js(text)) is taken


def test_else_branch_runs_when_the_condition_is_false():
    text = SERVED_TEMPLATE_JS + "if (enableJaaS) { config.x = 1; } else { config.x = 2; }\n"
    assert parse_config_js(text)["x"] == 2


def test_undecidable_condition_warns_with_its_text():
    text = (SERVED_TEMPLATE_JS + ROLE_BLOCK_JS
            + "if (window.location.hostname === 'meet.example.org') {\n"
            + "    config.dialInNumbersUrl = 'https://dialin.example.net/numbers';\n}\n")
    raw = dict(private_raw(), config_js=text)
    facts = host_facts(raw, DOMAIN)
    assert "dialin.example.net" not in facts["third_party_browser_hosts"]
    finding = findings_of(raw)["third_party_browser"]
    assert finding["status"] == "warn"
    assert "window.location.hostname === 'meet.example.org'" in finding["detail"]["en"]
    assert "dialin.example.net" in finding["detail"]["en"]
    assert finding["fix"]["en"] and finding["fix"]["de"]


def test_concatenation_with_unknown_variables_names_no_garbage_host():
    # Raw (ssi not applied), served, and served with a subdomain set by nginx.
    with_subdomain = UPSTREAM_TEMPLATE_JS.replace('<!--# echo var="subdomain" default="" -->', "team.")
    for text in (UPSTREAM_TEMPLATE_JS, SERVED_TEMPLATE_JS, with_subdomain):
        facts = host_facts(dict(private_raw(), config_js=text + ROLE_BLOCK_JS), DOMAIN)
        assert set(facts["browser_hosts"]) <= {DOMAIN, "conference." + DOMAIN, "guest." + DOMAIN}, facts["browser_hosts"]
        assert DOMAIN in facts["browser_hosts"]
    served = parse_config_js(SERVED_TEMPLATE_JS)
    assert served["hosts"]["muc"] == "conference.meet.example.org"
    assert served["bosh"] == "https://meet.example.org/http-bind"


def test_assignments_after_the_object_apply_in_order():
    config = parse_config_js(SERVED_TEMPLATE_JS + ROLE_BLOCK_JS + "config.p2p.stunServers = [];\n")
    assert config["flags"] == {"sourceNameSignaling": True, "receiveMultipleVideoStreams": True}
    assert config["p2p"]["stunServers"] == []
    assert config["p2p"]["enabled"] is True


def test_upstream_stun_uncommented_is_a_contact():
    raw = dict(private_raw(), config_js=UPSTREAM_TEMPLATE_JS)
    findings = findings_of(raw)
    assert findings["p2p_stun"]["status"] == "fail"
    assert "meet-jit-si-turnrelay.jitsi.net" in host_facts(raw, DOMAIN)["third_party_browser_hosts"]


def test_gravatar_is_a_contact_unless_disabled():
    # Upstream's template leaves gravatar on: avatars come from gravatar.com.
    facts = host_facts(dict(private_raw(), config_js=SERVED_TEMPLATE_JS), DOMAIN)
    assert "www.gravatar.com" in facts["third_party_browser_hosts"]
    # Re-enabled after the role's block, or with its own base URL.
    for extra in ("config.gravatar = { disabled: false };\n",
                  "config.gravatar.disabled = false;\n"):
        facts = host_facts(dict(private_raw(), config_js=SERVED_TEMPLATE_JS + ROLE_BLOCK_JS + extra), DOMAIN)
        assert "www.gravatar.com" in facts["third_party_browser_hosts"], extra
    extra = "config.gravatar = { disabled: false, baseUrl: 'https://avatars.example.net/avatar/' };\n"
    facts = host_facts(dict(private_raw(), config_js=SERVED_TEMPLATE_JS + ROLE_BLOCK_JS + extra), DOMAIN)
    assert "avatars.example.net" in facts["third_party_browser_hosts"]
    assert "www.gravatar.com" not in facts["browser_hosts"]
    # Re-enabled in the object literal but overridden by the role's block.
    text = SERVED_TEMPLATE_JS.replace("    // gravatar: {\n    //     baseUrl: 'https://www.gravatar.com/avatar/',\n"
                                      "    //     disabled: false,\n    // },\n",
                                      "    gravatar: { disabled: false },\n")
    assert "gravatar: { disabled: false }" in text
    assert host_facts(dict(private_raw(), config_js=text), DOMAIN)["gravatar_disabled"] is False
    facts = host_facts(dict(private_raw(), config_js=text + ROLE_BLOCK_JS), DOMAIN)
    assert "www.gravatar.com" not in facts["browser_hosts"]


def test_a_third_party_host_behind_an_unknown_prefix_warns():
    # The prefix is computed in the browser: the host is only partly known,
    # so it is neither dropped nor reported as the host it is not.
    text = (UPSTREAM_TEMPLATE_JS + ROLE_BLOCK_JS
            + "config.p2p.stunServers = [{ urls: 'stun:' + subdomain + 'relay.example.net:443' }];\n")
    raw = dict(private_raw(), config_js=text)
    facts = host_facts(raw, DOMAIN)
    assert "relay.example.net" not in facts["browser_hosts"]
    finding = findings_of(raw)["third_party_browser"]
    assert finding["status"] == "warn"
    assert "relay.example.net" in finding["detail"]["en"]
    # As a peer-to-peer STUN server it is not the deployment's own either.
    assert facts["p2p_stun_servers"] == ["stun:*relay.example.net:443"]
    assert findings_of(raw)["p2p_stun"]["status"] == "fail"


# --- prosody: authentication of the main VirtualHost ----------------------

# Shaped like the host file jitsi-meet-prosody writes today (written for
# these tests): Jitsi's own anonymous provider with its marker comment.
CURRENT_PROSODY_HOST = """-- Plugins path gets uncommented during jitsi-meet-tokens package install
plugin_paths = { "/usr/share/jitsi-meet/prosody-plugins/" }

muc_mapper_domain_base = "meet.example.org";
external_service_secret = "not-a-real-secret";
external_services = {
     { type = "stun", host = "meet.example.org", port = 3478 },
     { type = "turn", host = "meet.example.org", port = 3478, transport = "udp", secret = true, ttl = 86400, algorithm = "turn" },
     { type = "turns", host = "meet.example.org", port = 5349, transport = "tcp", secret = true, ttl = 86400, algorithm = "turn" }
};

VirtualHost "meet.example.org"
    authentication = "jitsi-anonymous" -- do not delete me
    -- Properties below are modified by jitsi-meet-tokens package config
    -- and authentication above is switched to "token"
    --app_id="example_app_id"
    ssl = {
        key = "/etc/prosody/certs/meet.example.org.key";
        certificate = "/etc/prosody/certs/meet.example.org.crt";
    }
    modules_enabled = {
        "bosh";
        "websocket";
        "ping"; -- Enable mod_ping
        "external_services";
    }
    c2s_require_encryption = false
    lobby_muc = "lobby.meet.example.org"
    main_muc = "conference.meet.example.org"

Component "conference.meet.example.org" "muc"
    restrict_room_creation = true
    storage = "memory"

Component "internal.auth.meet.example.org" "muc"
    storage = "memory"

VirtualHost "auth.meet.example.org"
    authentication = "internal_hashed"

Component "focus.meet.example.org" "client_proxy"
    target_address = "focus@auth.meet.example.org"

Component "lobby.meet.example.org" "muc"
    storage = "memory"
"""


def test_current_upstream_authentication_is_read_with_its_comment():
    facts = prosody_facts(DEBIAN_PROSODY, CURRENT_PROSODY_HOST, DOMAIN)
    assert facts["authentication"] == "jitsi-anonymous"
    assert facts["lobby"] is True
    assert facts["room_storage"] == "memory"


@pytest.mark.parametrize("value", ["jitsi-anonymous", "anonymous"])
def test_both_anonymous_providers_mean_anyone_opens_rooms(value):
    host = CURRENT_PROSODY_HOST.replace('"jitsi-anonymous"', '"%s"' % value)
    raw = dict(private_raw(), prosody_host_enabled=host, jicofo_conf="")
    finding = findings_of(raw)["authentication"]
    assert finding["status"] == "warn"
    assert "Anyone" in finding["detail"]["en"] and value in finding["detail"]["en"]
    assert "accounts" not in findings_of(raw)


@pytest.mark.parametrize("value, status", [
    ("internal_hashed", "pass"),
    ("internal_plain", "fail"),
    ("token", "pass"),
    ("ldap", "pass"),
    ("ldap2", "pass"),
    ("cyrus", "pass"),
    ("insecure", "fail"),
])
def test_known_authentication_values(value, status):
    host = CURRENT_PROSODY_HOST.replace('"jitsi-anonymous"', '"%s"' % value)
    raw = dict(private_raw(), prosody_host_enabled=host)
    assert findings_of(raw)["authentication"]["status"] == status, value


@pytest.mark.parametrize("value", ["jitsi-sso", "internal_hashed2", "Anonymous"])
def test_unknown_authentication_warns_and_names_the_value(value):
    host = CURRENT_PROSODY_HOST.replace('"jitsi-anonymous"', '"%s"' % value)
    finding = findings_of(dict(private_raw(), prosody_host_enabled=host))["authentication"]
    assert finding["status"] == "warn"
    assert "unknown authentication %s" % value in finding["detail"]["en"]
    assert value in finding["detail"]["de"]
    assert finding["fix"]["en"] and finding["fix"]["de"]


def test_single_quoted_lua_strings_are_read():
    host = CURRENT_PROSODY_HOST.replace('"jitsi-anonymous"', "'jitsi-anonymous'")
    assert prosody_facts(DEBIAN_PROSODY, host, DOMAIN)["authentication"] == "jitsi-anonymous"


# --- HOCON: jvb.conf and jicofo.conf --------------------------------------

# Shaped like the jvb.conf jitsi-videobridge2 writes (written for these
# tests): upper-case keys in the xmpp-client shard, upstream's STUN server,
# then the line the meet role appends (later keys win).
UPSTREAM_JVB_CONF = """videobridge {
    http-servers {
        public {
            port = 9090
        }
    }
    apis {
        xmpp-client {
            configs {
                # Connect to the first XMPP server
                shard {
                    HOSTNAME = "localhost"
                    DOMAIN = "auth.meet.example.org"
                    USERNAME = "jvb"
                    PASSWORD = "not-a-real-secret"
                    MUC_JIDS = "JvbBrewery@internal.auth.meet.example.org"
                    MUC_NICKNAME = "1b6e0c2a-5f0e-4b5e-9d61-0c1e2f3a4b5c"
                    DISABLE_CERTIFICATE_VERIFICATION = true
                }
            }
        }
    }
    ice {
        udp { port = 10000 }   // media
    }
}

ice4j {
    harvest {
        mapping {
            stun {
                addresses = [ "meet-jit-si-turnrelay.jitsi.net:443" ]
            }
        }
    }
}
"""

ROLE_JVB_LINE = 'ice4j.harvest.mapping.stun.addresses = ["meet.example.org:3478"]\n'


def test_hocon_upper_case_keys_and_the_role_line():
    tree = parse_hocon(UPSTREAM_JVB_CONF + ROLE_JVB_LINE)
    shard = tree["videobridge"]["apis"]["xmpp-client"]["configs"]["shard"]
    assert shard["MUC_JIDS"] == "JvbBrewery@internal.auth.meet.example.org"
    assert shard["DISABLE_CERTIFICATE_VERIFICATION"] is True
    assert tree["videobridge"]["ice"]["udp"]["port"] == 10000
    assert tree["ice4j"]["harvest"]["mapping"]["stun"]["addresses"] == ["meet.example.org:3478"]
    facts = host_facts(dict(private_raw(), jvb_conf=UPSTREAM_JVB_CONF + ROLE_JVB_LINE), DOMAIN)
    assert facts["jvb_stun_servers"] == ["meet.example.org:3478"]
    assert "not-a-real-secret" not in repr(facts)


def test_hocon_append_adds_to_the_array():
    text = UPSTREAM_JVB_CONF + ROLE_JVB_LINE + 'ice4j.harvest.mapping.stun.addresses += "stun.example.net:3478"\n'
    tree = parse_hocon(text)
    assert tree["ice4j"]["harvest"]["mapping"]["stun"]["addresses"] == ["meet.example.org:3478", "stun.example.net:3478"]
    findings = findings_of(dict(private_raw(), jvb_conf=text))
    assert findings["bridge_stun"]["status"] == "fail"
    assert "stun.example.net:3478" in findings["bridge_stun"]["detail"]["en"]


def test_hocon_append_to_a_missing_key_makes_an_array():
    assert parse_hocon('a.b += 1\na.b += "two"\n') == {"a": {"b": [1, "two"]}}


def test_hocon_substitutions_resolve_against_the_document():
    text = """
own-stun = "meet.example.org:3478"
ice4j.harvest.mapping.stun.addresses = [ ${own-stun} ]
ice4j.harvest.mapping.stun.addresses = ${ice4j.harvest.mapping.stun.addresses} [ "relay.example.net:443" ]
videobridge.stats.interval = 5 seconds
videobridge.apis.xmpp-client.presence-interval = ${videobridge.stats.interval}
videobridge.optional = ${?videobridge.not-set}
later = ${defined-later}
defined-later = "x"
"""
    tree = parse_hocon(text)
    assert tree["ice4j"]["harvest"]["mapping"]["stun"]["addresses"] == ["meet.example.org:3478", "relay.example.net:443"]
    assert tree["videobridge"]["apis"]["xmpp-client"]["presence-interval"] == "5 seconds"
    assert "optional" not in tree["videobridge"]
    assert tree["later"] == "x"
    assert not any("$" in key or "{" in key for key in tree)


def test_hocon_syntax_forms():
    text = """
// a comment
# another
jicofo {
  authentication: {
    enabled = true,
    type = XMPP
    login-url = meet.example.org
  }
  "quoted.key" = 1
  xmpp.client { port = 5222 }
  conference.source-signaling-delay = 0
}
jicofo.authentication.enabled = false
jicofo { authentication { enabled = true } }
list = [
  "a",
  b
  { c = 1 },
]
text = \"\"\"two
lines\"\"\"
"""
    tree = parse_hocon(text)
    assert tree["jicofo"]["authentication"] == {"enabled": True, "type": "XMPP", "login-url": DOMAIN}
    assert tree["jicofo"]["quoted.key"] == 1
    assert tree["jicofo"]["xmpp"]["client"]["port"] == 5222
    assert tree["list"] == ["a", "b", {"c": 1}]
    assert tree["text"] == "two\nlines"


@pytest.mark.parametrize("text, reason", [
    ('ice4j.harvest.mapping.stun.addresses = [ meet.example.org:3478 ]\n', "line 1"),
    ('include "other.conf"\n', "include"),
    ('videobridge {\n  apis {\n', "not closed"),
    ('a = ${missing}\n', "${missing}"),
    ('a = ${b}\nb = ${a}\n', "cycle"),
])
def test_hocon_refuses_what_it_cannot_read(text, reason):
    with pytest.raises(HoconError) as caught:
        parse_hocon(text)
    assert reason in str(caught.value)


def test_an_unreadable_jvb_conf_is_a_warning_with_the_reason():
    text = UPSTREAM_JVB_CONF + 'ice4j.harvest.mapping.stun.addresses = [ meet.example.org:3478 ]\n'
    raw = dict(private_raw(), jvb_conf=text)
    facts = host_facts(raw, DOMAIN)
    assert facts["jvb_stun_servers"] == []
    finding = findings_of(raw)["bridge_stun"]
    assert finding["status"] == "warn"
    assert "could not be read" in finding["detail"]["en"] and "line 37" in finding["detail"]["en"]
    assert finding["fix"]["en"] and finding["fix"]["de"]


def test_an_unreadable_jicofo_conf_is_a_warning_not_a_guess():
    raw = dict(private_raw(), jicofo_conf=JICOFO_AUTH + "include required(file(\"/etc/jitsi/jicofo/extra.conf\"))\n")
    finding = findings_of(raw)["authentication"]
    assert finding["status"] == "warn"
    assert "jicofo.conf could not be read" in finding["detail"]["en"]


def test_hocon_merging_onto_a_substitution_leaves_its_source_alone():
    tree = parse_hocon('a = ${b}\na.c = 1\nb { d = 2 }\n')
    assert tree == {"a": {"d": 2, "c": 1}, "b": {"d": 2}}


# --- logrotate and the Java services' logging -----------------------------

# Shaped like /etc/logrotate.d/jitsi-videobridge (written for these tests):
# rotation by size, which makes logrotate ignore the interval line before it.
BRIDGE_LOGROTATE = """/var/log/jitsi/jvb.log {
    daily
    missingok
    rotate 10
    size 100M
    compress
    delaycompress
    notifempty
    copytruncate
}
"""

PROSODY_LOGROTATE = """# rotated by the package
/var/log/prosody/prosody.log /var/log/prosody/prosody.err {
\tdaily
\trotate 14
\tcompress
\tsharedscripts
\tpostrotate
\t\t# weekly reports are sent elsewhere; size does not matter here
\t\tsystemctl reload prosody >/dev/null 2>&1 || true
\tendscript
}
"""


@pytest.mark.parametrize("text, days", [
    (BRIDGE_LOGROTATE, None),
    (BRIDGE_LOGROTATE.replace("size 100M", "maxsize 100M"), 11),
    (BRIDGE_LOGROTATE.replace("    daily\n", "").replace("size 100M", "size 100M\n    daily"), 11),
    (BRIDGE_LOGROTATE.replace("size 100M", "size 100M\n    maxage 7"), None),
    (BRIDGE_LOGROTATE.replace("size 100M", "minsize 1M"), None),
    (BRIDGE_LOGROTATE.replace("daily", "hourly").replace("size 100M", "maxsize 100M"), 11),
    (PROSODY_LOGROTATE, 15),
    ("weekly\nrotate 2\n/var/log/a.log {\n    missingok\n}\n/var/log/b.log {\n    daily\n    rotate 3\n}\n", 21),
    ("/var/log/a.log {\n    daily\n    rotate 3\n}\n/var/log/b.log {\n    size 10M\n    rotate 3\n}\n", None),
])
def test_logrotate_days_follow_the_file(text, days):
    assert logrotate_days(text) == days


def test_rotation_by_size_is_not_bounded_in_days_and_says_why():
    raw = dict(private_raw(), logrotate={"nginx": "/var/log/nginx/*.log {\n\tdaily\n\trotate 7\n}\n",
                                         "jitsi-videobridge": BRIDGE_LOGROTATE})
    facts = host_facts(raw, DOMAIN)
    assert facts["log_retention_days"] == {"nginx": 8, "jitsi-videobridge": None}
    assert "size 100M" in facts["log_retention"]["jitsi-videobridge"]["reason"]
    finding = privacy_findings(facts, 31)[[f["id"] for f in privacy_findings(facts, 31)].index("log_retention")]
    assert finding["status"] == "warn"
    assert "jitsi-videobridge" in finding["detail"]["en"] and "size 100M" in finding["detail"]["en"]
    assert "size 100M" in finding["detail"]["de"]


def test_the_report_reads_the_bridges_real_logrotate_file():
    # The module reads the files jitsi_files names: every one it needs is there.
    paths = deployment.files(DOMAIN)
    assert set(TEXT_FILES) <= set(paths)
    assert paths["logrotate_jitsi-videobridge"] == "/etc/logrotate.d/jitsi-videobridge"
    assert not any(path.endswith("jitsi-videobridge2") for path in paths.values())
    assert paths["jvb_logging"] == "/etc/jitsi/videobridge/logging.properties"
    assert paths["jicofo_logging"] == "/etc/jitsi/jicofo/logging.properties"


def test_java_logging_properties_root_level():
    text = ("handlers= java.util.logging.ConsoleHandler\n"
            "java.util.logging.ConsoleHandler.level = ALL\n"
            "#.level=FINE\n"
            ".level=INFO\n"
            "org.jitsi.videobridge.xmpp.ComponentImpl.level=FINE\n")
    raw = dict(private_raw(), jvb_logging=text, jicofo_logging=text.replace(".level=INFO", ".level = WARNING"))
    facts = host_facts(raw, DOMAIN)
    assert facts["jvb_log_level"] == "INFO"
    assert facts["jicofo_log_level"] == "WARNING"
    assert findings_of(raw)["java_log_level"]["status"] == "warn"


# --- files that hold secrets: who can read them ---------------------------

# The users ({name: {uid, gid}}) and groups ({name: {gid, members}}) the
# module privacy_facts reads on a Jitsi host (shaped like Debian 12 with the
# packages; ids made up).
USERS = {
    "root": {"uid": 0, "gid": 0},
    "www-data": {"uid": 33, "gid": 33},
    "prosody": {"uid": 105, "gid": 110},
    "turnserver": {"uid": 106, "gid": 111},
    "jicofo": {"uid": 998, "gid": 998},
    "jvb": {"uid": 999, "gid": 998},
}
GROUPS = {
    "root": {"gid": 0, "members": []},
    "www-data": {"gid": 33, "members": []},
    "prosody": {"gid": 110, "members": []},
    "turnserver": {"gid": 111, "members": []},
    "ssl-cert": {"gid": 112, "members": ["prosody"]},
    "jitsi": {"gid": 998, "members": []},
}

WEB_KEY = "/etc/jitsi/meet/meet.example.org.key"
TURN_CONF = ("listening-port=3478\ntls-listening-port=5349\nuse-auth-secret\nstatic-auth-secret=not-a-real-secret\n"
             "realm=meet.example.org\ncert=/etc/jitsi/meet/meet.example.org.crt\npkey=%s\n"
             "no-stdout-log\nsimple-log\nlog-file=/dev/null\n" % WEB_KEY)

# (path, owner, group, mode) as the meet role should leave them.
GOOD_SECRETS = [
    ("/etc/prosody/conf.avail/meet.example.org.cfg.lua", "root", "prosody", "0640"),
    ("/etc/jitsi/videobridge/jvb.conf", "jvb", "jitsi", "0640"),
    ("/etc/jitsi/videobridge/config", "jvb", "jitsi", "0640"),
    ("/etc/jitsi/jicofo/jicofo.conf", "jicofo", "jitsi", "0640"),
    ("/etc/jitsi/jicofo/config", "jicofo", "jitsi", "0640"),
    ("/etc/turnserver.conf", "root", "turnserver", "0640"),
    (WEB_KEY, "root", "turnserver", "0640"),
]


def secrets_raw(files=None, turnserver_conf=TURN_CONF, users=None, groups=None):
    items = [secret_item(path, mode, owner, group) for path, owner, group, mode in (GOOD_SECRETS if files is None else files)]
    return dict(private_raw(), secret_files=items, users=USERS if users is None else users,
                groups=GROUPS if groups is None else groups, turnserver_conf=turnserver_conf)


def with_file(path, owner, group, mode):
    return [(p, owner, group, mode) if p == path else (p, o, g, m) for p, o, g, m in GOOD_SECRETS]


def test_secrets_as_the_role_should_leave_them_pass():
    findings = findings_of(secrets_raw())
    assert findings["secret_files"]["status"] == "pass", findings["secret_files"]["detail"]["en"]
    assert findings["turnserver_log"]["status"] == "pass"


@pytest.mark.parametrize("path, owner, group, mode, words", [
    # upstream's coturn config: coturn reads it, and so does everyone
    ("/etc/turnserver.conf", "root", "root", "0644", "readable by everyone"),
    # `chmod o-rwx` on it: coturn runs on its built-in defaults
    ("/etc/turnserver.conf", "root", "root", "0640", "turnserver cannot read /etc/turnserver.conf"),
    ("/etc/prosody/conf.avail/meet.example.org.cfg.lua", "root", "root", "0600", "prosody cannot read"),
    ("/etc/prosody/conf.avail/meet.example.org.cfg.lua", "root", "www-data", "0640", "www-data"),
    ("/etc/jitsi/videobridge/jvb.conf", "www-data", "jitsi", "0640", "www-data"),
    # the owner's bits apply to the owner, not the group's
    ("/etc/jitsi/videobridge/jvb.conf", "jvb", "jitsi", "0040", "jvb cannot read"),
    ("/etc/jitsi/jicofo/config", "root", "root", "0600", "jicofo cannot read"),
    (WEB_KEY, "root", "root", "0600", "turnserver cannot read %s" % WEB_KEY),
])
def test_secret_files_fail_for_the_wrong_readers(path, owner, group, mode, words):
    finding = findings_of(secrets_raw(with_file(path, owner, group, mode)))["secret_files"]
    assert finding["status"] == "fail"
    assert words in finding["detail"]["en"], finding["detail"]["en"]
    assert finding["fix"]["en"] and finding["fix"]["de"]


def test_a_group_with_more_members_than_the_service_exposes_the_secret():
    groups = dict(GROUPS, jitsi={"gid": 998, "members": ["www-data"]})
    finding = findings_of(secrets_raw(groups=groups))["secret_files"]
    assert finding["status"] == "fail"
    assert "www-data" in finding["detail"]["en"]


def test_without_coturn_its_files_are_not_judged_for_it():
    users = dict((k, v) for k, v in USERS.items() if k != "turnserver")
    groups = dict((k, v) for k, v in GROUPS.items() if k != "turnserver")
    files = [(p, o, "root" if g == "turnserver" else g, m) for p, o, g, m in GOOD_SECRETS]
    finding = findings_of(secrets_raw(files, turnserver_conf="", users=users, groups=groups))["secret_files"]
    assert finding["status"] == "pass", finding["detail"]["en"]


def test_the_key_coturn_uses_must_be_readable_by_it():
    own_key = "/etc/coturn/certs/meet.example.org.key"
    conf = TURN_CONF.replace("pkey=%s" % WEB_KEY, "pkey=%s" % own_key)
    files = with_file(WEB_KEY, "root", "root", "0600") + [(own_key, "root", "root", "0600")]
    finding = findings_of(secrets_raw(files, turnserver_conf=conf))["secret_files"]
    assert finding["status"] == "fail"
    assert "turnserver cannot read %s" % own_key in finding["detail"]["en"]
    assert "turnserver cannot read %s" % WEB_KEY not in finding["detail"]["en"]
    files[-1] = (own_key, "turnserver", "turnserver", "0400")
    assert findings_of(secrets_raw(files, turnserver_conf=conf))["secret_files"]["status"] == "pass"


def test_a_coturn_key_that_was_not_looked_at_warns():
    conf = TURN_CONF.replace("pkey=%s" % WEB_KEY, "pkey=/etc/coturn/elsewhere.key")
    finding = findings_of(secrets_raw(with_file(WEB_KEY, "root", "root", "0600"), turnserver_conf=conf))["secret_files"]
    assert finding["status"] == "warn"
    assert "/etc/coturn/elsewhere.key" in finding["detail"]["en"]
    # The web key coturn no longer uses is then no business of turnserver's.
    finding = findings_of(secrets_raw(turnserver_conf=conf))["secret_files"]
    assert finding["status"] == "fail"
    assert "%s (0640 root:turnserver) is readable by turnserver" % WEB_KEY in finding["detail"]["en"]


@pytest.mark.parametrize("item, readers, allowed, expected", [
    ({"mode": "0640", "owner": "root", "group": "turnserver"}, ["turnserver"], [],
     {"cannot_read": [], "others": [], "not_judged": []}),
    ({"mode": "0644", "owner": "root", "group": "root"}, ["turnserver"], [],
     {"cannot_read": [], "others": ["everyone"], "not_judged": []}),
    ({"mode": "0640", "owner": "root", "group": "root"}, ["turnserver"], [],
     {"cannot_read": ["turnserver"], "others": [], "not_judged": []}),
    ({"mode": "0640", "owner": "jvb", "group": "jitsi"}, ["jvb"], [],
     {"cannot_read": [], "others": ["jicofo"], "not_judged": []}),
    ({"mode": "0640", "owner": "jvb", "group": "jitsi"}, ["jvb"], ["jicofo"],
     {"cannot_read": [], "others": [], "not_judged": []}),
    ({"mode": "0440", "owner": "www-data", "group": "prosody"}, ["prosody"], [],
     {"cannot_read": [], "others": ["www-data"], "not_judged": []}),
    ({"mode": "0640", "owner": "root", "group": "nogroup"}, ["nobody"], [],
     {"cannot_read": [], "others": ["the members of group nogroup"], "not_judged": ["nobody"]}),
])
def test_secret_file_access(item, readers, allowed, expected):
    assert secret_file_access(item, readers, allowed, USERS, GROUPS) == expected


def test_coturn_that_cannot_read_its_config_does_not_pass_its_log_item():
    finding = findings_of(secrets_raw(with_file("/etc/turnserver.conf", "root", "root", "0640")))["turnserver_log"]
    assert finding["status"] == "warn"
    assert "built-in defaults" in finding["detail"]["en"]


def test_config_replaced_by_a_computed_value_warns_and_keeps_what_was_known():
    text = SERVED_TEMPLATE_JS + ROLE_BLOCK_JS + "config = Object.assign({}, config, window.overrides);\n"
    raw = dict(private_raw(), config_js=text)
    assert parse_config_js(text)["disableThirdPartyRequests"] is True
    finding = findings_of(raw)["third_party_browser"]
    assert finding["status"] == "warn"
    assert "Object.assign" in finding["detail"]["en"]


def test_hocon_quoted_substitution_paths_and_nested_append():
    tree = parse_hocon('"a.b" = 1\nc = ${"a.b"}\nd { e = [1] }\nd { e += 2 }\n')
    assert tree == {"a.b": 1, "c": 1, "d": {"e": [1, 2]}}


def test_token_authentication_is_reported_as_jwt():
    host = CURRENT_PROSODY_HOST.replace('"jitsi-anonymous"', '"token"')
    finding = findings_of(dict(private_raw(), prosody_host_enabled=host))["authentication"]
    assert finding["status"] == "pass"
    assert "token (JWT)" in finding["detail"]["en"] and "Token (JWT)" in finding["detail"]["de"]


def test_token_authentication_letting_in_connections_without_token_warns():
    host = CURRENT_PROSODY_HOST.replace('"jitsi-anonymous"', '"token"') + (
        '\nVirtualHost "%s"\n    allow_empty_token = true\n' % DOMAIN)
    finding = findings_of(dict(private_raw(), prosody_host_enabled=host))["authentication"]
    assert finding["status"] == "warn"
    assert "allow_empty_token = true" in finding["detail"]["en"]
    assert "access_jwt_allow_empty_token: false" in finding["fix"]["en"]


def test_token_authentication_with_guests_but_no_jicofo_authentication_fails():
    host = CURRENT_PROSODY_HOST.replace('"jitsi-anonymous"', '"token"') + (
        '\nVirtualHost "guest.%s"\n    authentication = "anonymous"\n' % DOMAIN)
    finding = findings_of(dict(private_raw(), prosody_host_enabled=host, jicofo_conf=""))["authentication"]
    assert finding["status"] == "fail"
