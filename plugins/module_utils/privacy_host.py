# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The facts of the privacy report, made on the host from what the
privacy_facts module read there: served pages, configuration files, TLS
handshakes, the stat of the files that hold secrets, users and groups.
host_facts is a pure function over those readings; what it returns names
no secret, so only it leaves the host."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.selfhosted.jitsi.plugins.module_utils.config_js import (
    evaluate_config_js,
    hosts_in_html,
    hosts_in_value,
    is_own,
    partial_hosts_in_value,
    url_text,
)
from ansible_collections.selfhosted.jitsi.plugins.module_utils.hocon import HoconError, parse_hocon
from ansible_collections.selfhosted.jitsi.plugins.module_utils.logrotate import logrotate_retention_days
from ansible_collections.selfhosted.jitsi.plugins.module_utils.nginx_conf import nginx_facts
from ansible_collections.selfhosted.jitsi.plugins.module_utils.prosody_conf import prosody_facts

# The configuration files the report reads, by their names in
# selfhosted.jitsi.jitsi_files; logrotate_* are all the logrotate files there.
TEXT_FILES = ("nginx_site_enabled", "nginx_conf", "prosody_conf", "prosody_host_enabled", "jvb_conf", "jicofo_conf",
              "turnserver_conf", "jvb_logging", "jicofo_logging")
LOGROTATE_PREFIX = "logrotate_"
# The response headers the report judges.
HEADER_NAMES = ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
                "Permissions-Policy", "Content-Security-Policy", "X-Frame-Options")
# openssl s_client's names of the protocol versions the report tries.
TLS_VERSIONS = ("tls1", "tls1_1", "tls1_2", "tls1_3")
# coturn's file (by its name in jitsi_files and jitsi_secret_files), and
# its user, who reads that file and the key its pkey names.
TURN_CONF = "turnserver_conf"
TURN_USER = "turnserver"
_GRAVATAR_BASE_URL = "https://www.gravatar.com/avatar/"


def handshake_accepted(output):
    """Whether openssl s_client's output shows a finished handshake: it
    prints "New, <protocol>, Cipher is <cipher>" then, and
    "New, (NONE), Cipher is (NONE)" when the server refused."""
    return bool(re.search(r"New, TLSv[0-9.]+, Cipher is (?!\(NONE\))", output or ""))


def turnserver_facts(text):
    """Whether coturn logs sessions, and the certificate and key it uses."""
    lines = [line.strip() for line in re.sub(r"#[^\n]*", "", text or "").splitlines() if line.strip()]
    keys = {}
    for line in lines:
        key, sep, val = line.partition("=")
        keys[key.strip()] = val.strip().strip('"') if sep else ""
    log_file = keys.get("log-file")
    logs = "syslog" in keys or not ("no-stdout-log" in keys and log_file == "/dev/null")
    return {"found": bool(lines), "logs_sessions": bool(lines) and logs,
            "verbose": "verbose" in keys or "Verbose" in keys,
            "pkey": keys.get("pkey") or None, "cert": keys.get("cert") or None}


def java_log_level(text):
    """The root level (`.level=`) of a Java logging.properties, or None."""
    levels = re.findall(r"(?m)^\s*\.level\s*=\s*([A-Z]+)", text or "")
    return levels[-1] if levels else None


def secret_file_access(item, readers, allowed=(), users=None, groups=None):
    """Who of readers cannot read a file and who else can, from its stat
    (mode, owner, group) and the host's users ({name: {uid, gid}}) and
    groups ({name: {gid, members}}).  The owner's permission bits apply to
    the owner, the group's to the other members of the group, the others'
    to everyone else; root reads everything.  A reader without an account
    is not judged.  Returns {cannot_read, others, not_judged}."""
    mode = int(str(item.get("mode") or "0"), 8)
    owner, group = item.get("owner"), item.get("group")
    if users is None or groups is None:
        return {"cannot_read": [], "others": ["everyone"] if mode & 0o004 else [], "not_judged": list(readers)}
    info = groups.get(group)
    members = None
    if info is not None:
        members = set(info.get("members") or []) | set(name for name, user in users.items() if user.get("gid") == info.get("gid"))

    def can_read(user):
        if user == "root":
            return True
        if user == owner:
            return bool(mode & 0o400)
        if members is not None and user in members:
            return bool(mode & 0o040)
        return bool(mode & 0o004)

    judged = [user for user in readers if user == "root" or user in users]
    permitted = set(readers) | set(allowed) | set(["root"])
    others = []
    if mode & 0o004:
        others.append("everyone")
    if owner and owner not in permitted and mode & 0o400:
        others.append(owner)
    if mode & 0o040:
        if members is None:
            others.append("the members of group %s" % group)
        else:
            others.extend(sorted(user for user in members if user not in permitted and user != owner))
    return {"cannot_read": [user for user in judged if not can_read(user)], "others": others,
            "not_judged": [user for user in readers if user not in judged]}


def _get(tree, dotted, default=None):
    for key in dotted.split("."):
        if not isinstance(tree, dict) or key not in tree:
            return default
        tree = tree[key]
    return tree


def _flatten(value, path):
    """Leaves of a parsed config.js value by their dotted path."""
    if isinstance(value, dict):
        out = {}
        for key, sub in value.items():
            out.update(_flatten(sub, "%s.%s" % (path, key)))
        return out
    return {path: value}


def _read_hocon(text):
    """The tree of a HOCON file and None, or {} and why it was refused."""
    try:
        return parse_hocon(text or ""), None
    except HoconError as error:
        return {}, str(error)


def _browser_facts(config_js, index_html, domain):
    evaluated = evaluate_config_js(config_js)
    config = evaluated["config"]
    undecided = list(evaluated["undecided"])
    for path, value in sorted(_flatten(config, "config").items()):
        partial = sorted(partial_hosts_in_value(value))
        if any(not is_own(host, domain) for host in partial):
            undecided.append({"condition": "%s is put together in the browser" % path, "target": "", "hosts": partial})
    stun = _get(config, "p2p.stunServers")
    p2p_stun = None
    if isinstance(stun, list):
        p2p_stun = []
        for entry in stun:
            urls = entry.get("urls") if isinstance(entry, dict) else entry
            for url in urls if isinstance(urls, list) else [urls]:
                # Put together in the browser: * marks the computed part.
                if url_text(url) is not None:
                    p2p_stun.append(url_text(url))
    analytics = _get(config, "analytics", {}) or {}
    analytics_targets = []
    if isinstance(analytics, dict) and analytics.get("disabled") is not True:
        for key in ("amplitudeAPPKey", "googleAnalyticsTrackingId", "matomoEndpoint", "rtcstatsEndpoint", "scriptURLs"):
            if analytics.get(key):
                analytics_targets.append(key)
    for key in ("callStatsID", "callStatsSecret"):
        if config.get(key):
            analytics_targets.append(key)
    # What the browser ends up with, not what comments or overridden values name.
    hosts = hosts_in_html(index_html) | hosts_in_value(config)
    # Built into the web app: avatars from gravatar unless config.js turns them off.
    gravatar_disabled = _get(config, "gravatar.disabled") is True
    if not gravatar_disabled:
        hosts |= hosts_in_value(_get(config, "gravatar.baseUrl") or config.get("gravatarBaseURL") or _GRAVATAR_BASE_URL)
    browser_hosts = sorted(hosts)
    return {
        "config_js_found": bool(config_js.strip()),
        "browser_hosts": browser_hosts,
        "third_party_browser_hosts": [h for h in browser_hosts if not is_own(h, domain)],
        "disable_third_party_requests": config.get("disableThirdPartyRequests") is True,
        "gravatar_disabled": gravatar_disabled,
        "config_js_undecided": undecided,
        "p2p_enabled": _get(config, "p2p.enabled", True) is not False,
        "p2p_stun_servers": p2p_stun,
        "analytics_targets": analytics_targets,
        "anonymous_domain": _get(config, "hosts.anonymousdomain"),
    }


def _secret_files(raw, turn):
    """Each file with secrets that exists, with who cannot read it and who
    else can; the key coturn's pkey names must be read by coturn too."""
    users, groups = raw.get("users"), raw.get("groups")
    files = []
    for item in raw.get("secret_files") or []:
        if not item.get("exists"):
            continue
        mode = int(str(item.get("mode", "0")), 8)
        readers = list(item.get("readers") or [])
        if turn.get("pkey") and item["path"] == turn["pkey"] and TURN_USER not in readers:
            readers.append(TURN_USER)
        access = secret_file_access(item, readers, item.get("allowed") or (), users, groups)
        files.append({"name": item.get("name"), "path": item["path"], "mode": "%04o" % mode, "owner": item.get("owner"),
                      "group": item.get("group"), "world_readable": bool(mode & 0o004), "readers": readers,
                      "cannot_read": access["cannot_read"], "readable_by_others": access["others"],
                      "not_judged": access["not_judged"]})
    return files


def host_facts(raw, domain):
    """The secret-free facts of the report from the readings of a host.

    raw holds index_html, config_js and headers (what the web server
    served), the texts of the files of TEXT_FILES by their name, logrotate
    ({name: text}), tls_handshakes ({version: accepted}), secret_files (a
    list of {name, path, exists, mode, owner, group, readers, allowed} where
    name and readers are those of jitsi_secret_files), accounts
    (a number or None), users and groups (see secret_file_access)."""
    config_js = raw.get("config_js") or ""
    facts = {"domain": domain}
    facts.update(_browser_facts(config_js, raw.get("index_html") or "", domain))

    jvb, jvb_error = _read_hocon(raw.get("jvb_conf"))
    jvb_stun = _get(jvb, "ice4j.harvest.mapping.stun.addresses", [])
    if not isinstance(jvb_stun, list):
        jvb_stun = [] if jvb_stun is None or isinstance(jvb_stun, dict) else [jvb_stun]
    jvb_stun = [str(address) for address in jvb_stun if not isinstance(address, (dict, list))]
    jicofo, jicofo_error = _read_hocon(raw.get("jicofo_conf"))
    server_hosts = sorted({address.rsplit(":", 1)[0].lower() for address in jvb_stun})

    turn = turnserver_facts(raw.get("turnserver_conf"))
    retention = {}
    for name, text in sorted((raw.get("logrotate") or {}).items()):
        if text:
            retention[name] = logrotate_retention_days(text)
    files = _secret_files(raw, turn)
    examined = dict((item.get("path"), bool(item.get("exists"))) for item in raw.get("secret_files") or [])
    if turn.get("pkey"):
        # True, False (no such file) or None (not looked at).
        turn["pkey_exists"] = examined.get(turn["pkey"])
    conf = [f for f in files if f["name"] == TURN_CONF]
    turn["config_unreadable"] = bool(conf) and TURN_USER in conf[0]["cannot_read"]

    facts.update({
        "jvb_conf_found": bool(jvb),
        "jvb_conf_error": jvb_error,
        "jicofo_conf_error": jicofo_error,
        "jvb_stun_servers": jvb_stun,
        "server_hosts": server_hosts,
        "third_party_server_hosts": [h for h in server_hosts if not is_own(h, domain)],
        "jicofo_authentication": _get(jicofo, "jicofo.authentication.enabled") is True,
        "jicofo_authentication_type": _get(jicofo, "jicofo.authentication.type"),
        "prosody": prosody_facts(raw.get("prosody_conf") or "", raw.get("prosody_host_enabled") or "", domain),
        "accounts": raw.get("accounts"),
        "nginx": nginx_facts(raw.get("nginx_site_enabled") or "", raw.get("nginx_conf") or "", domain),
        "tls_handshakes": dict(raw.get("tls_handshakes") or {}),
        "headers": dict((str(k).lower(), v) for k, v in (raw.get("headers") or {}).items()),
        "log_retention_days": dict((name, kept["days"]) for name, kept in retention.items()),
        "log_retention": retention,
        "turnserver": turn,
        "jvb_log_level": java_log_level(raw.get("jvb_logging")),
        "jicofo_log_level": java_log_level(raw.get("jicofo_logging")),
        "secret_files": files,
    })
    return facts
