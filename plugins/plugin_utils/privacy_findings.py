# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The checklist of the privacy report as data: CATALOGUE lists each
finding with its id, its GDPR article, its check, its title and the texts
of its details and fixes in English and German.

A check reads the facts the module selfhosted.jitsi.privacy_facts made on
the host and returns None when the finding does not apply, or the status
(pass, warn, fail), the detail (built from the finding's own texts by
`say`) and the key of the fix.  findings() runs the catalogue in order."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.selfhosted.jitsi.plugins.module_utils.config_js import hosts_in_text, is_own
from ansible_collections.selfhosted.jitsi.plugins.module_utils.prosody_conf import authentication_kind

LANGUAGES = ("en", "de")
STATUSES = ("pass", "warn", "fail")
_WEAK_PROTOCOLS = ("SSLv2", "SSLv3", "TLSv1", "TLSv1.1")
_FINE_JAVA_LEVELS = ("ALL", "FINEST", "FINER", "FINE", "CONFIG", "INFO")
# config.js keys whose value decides what the browser contacts or sends.
_PRIVACY_KEYS = ("config.p2p", "config.analytics", "config.gravatar", "config.disableThirdPartyRequests",
                 "config.callStats", "config.giphy", "config.hosts", "config.bosh", "config.websocket",
                 "config.dialIn", "config.whiteboard", "config.etherpad_base")
# HSTS shorter than 180 days only warns.
_HSTS_MIN_AGE = 15552000


def _pair(en, de):
    return {"en": en, "de": de}


# Words that details put into their sentences.
WORDS = {
    "on": _pair("on", "an"),
    "off": _pair("off", "aus"),
    "none": _pair("none", "keine"),
    "unknown": _pair("unknown", "unbekannt"),
    "missing": _pair("missing", "fehlt"),
    "true": _pair("true", "true"),
    "not_true": _pair("not true", "nicht true"),
    "unbounded": _pair("not bounded in days", "nicht in Tagen begrenzt"),
    "everyone": _pair("everyone", "alle"),
}


def localized(value, lang):
    """A text of a detail in one language: {en, de} dicts are picked, the rest is as it is."""
    if isinstance(value, dict) and set(value) == set(LANGUAGES):
        return value[lang]
    return value


def join(items, sep=", "):
    """Items joined per language; '-' when there are none."""
    items = list(items)
    if not items:
        return _pair("-", "-")
    return dict((lang, sep.join(str(localized(item, lang)) for item in items)) for lang in LANGUAGES)


def _say(texts):
    def say(*keys, **params):
        """The texts of keys, each formatted with params, joined by spaces."""
        return dict((lang, " ".join(texts[key][lang] % dict((name, localized(value, lang)) for name, value in params.items())
                                    for key in keys)) for lang in LANGUAGES)
    return say


# ---------------------------------------------------------------------------
# The checks: (facts, context, say) -> None or (status, detail, fix key)
# ---------------------------------------------------------------------------


def _matters(entry, domain):
    """Whether code config.js runs only perhaps can change the contacts."""
    target = entry.get("target") or ""
    return (any(not is_own(host, domain) for host in entry.get("hosts") or [])
            or (entry.get("condition") or "").startswith("config.js stops")
            or target == "config"
            or any(target == key or target.startswith(key) for key in _PRIVACY_KEYS))


def _describe_undecided(entry):
    text = "`%s`" % entry.get("condition")
    if entry.get("target"):
        text += " sets %s" % entry["target"]
    if entry.get("hosts"):
        text += " (hosts %s)" % ", ".join(entry["hosts"])
    return text


def check_third_party_browser(facts, context, say):
    if not facts.get("config_js_found"):
        return "fail", say("unread"), "unread"
    third = facts.get("third_party_browser_hosts") or []
    undecided = facts.get("config_js_undecided") or []
    unknown = [entry for entry in undecided if _matters(entry, context["domain"])]
    status = "fail" if third else "warn" if unknown else "pass"
    hosts = dict(hosts=join(facts.get("browser_hosts") or []), domain=context["domain"], third=join(third))
    if undecided:
        detail = say("hosts", "undecided", undecided=join(_describe_undecided(entry) for entry in undecided), **hosts)
    else:
        detail = say("hosts", **hosts)
    return status, detail, "third_party" if third else "undecided"


def check_third_party_requests(facts, context, say):
    disabled = facts.get("disable_third_party_requests")
    return "pass" if disabled else "fail", say("setting", value=WORDS["true" if disabled else "not_true"]), "off"


def check_p2p_stun(facts, context, say):
    stun = facts.get("p2p_stun_servers")
    if not facts.get("p2p_enabled", True):
        return "pass", say("p2p_off"), "own"
    if stun is None:
        return "warn", say("default"), "own"
    foreign = [url for url in stun if not any(is_own(h, context["domain"]) for h in hosts_in_text(url.replace("*", "")))]
    return "fail" if foreign else "pass", say("servers", servers=join(stun)), "own"


def check_bridge_stun(facts, context, say):
    if facts.get("jvb_conf_error"):
        return "warn", say("unread", error=facts["jvb_conf_error"]), "unread"
    status = "fail" if facts.get("third_party_server_hosts") else "pass"
    return status, say("servers", servers=join(facts.get("jvb_stun_servers") or [])), "own"


def check_analytics(facts, context, say):
    targets = facts.get("analytics_targets") or []
    return "fail" if targets else "pass", say("settings", targets=join(targets)), "remove"


def check_authentication(facts, context, say):
    domain = context["domain"]
    prosody = facts.get("prosody") or {}
    auth = prosody.get("authentication")
    kind = authentication_kind(auth)
    guest = prosody.get("guest_host")
    jicofo_auth = facts.get("jicofo_authentication")
    if kind is None:
        return "fail", say("not_found", domain=domain), "internal"
    if kind in ("open", "plain", "insecure", "unknown"):
        status = "warn" if kind in ("open", "unknown") else "fail"
        return status, say(kind, domain=domain, auth=auth), "internal"
    if kind == "token" and prosody.get("allow_empty_token"):
        return "warn", say("empty_token"), "empty_token"
    if guest and facts.get("jicofo_conf_error"):
        return "warn", say("jicofo_unread", domain=domain, error=facts["jicofo_conf_error"]), "jicofo_unread"
    if guest and not jicofo_auth:
        return "fail", say("guests_open", domain=domain), "internal"
    closed = dict(auth=auth, jicofo=WORDS["on" if jicofo_auth else "off"], guests=("guest." + domain) if guest else WORDS["none"])
    return "pass", say("token" if kind == "token" else "closed", **closed), "internal"


def check_accounts(facts, context, say):
    if authentication_kind((facts.get("prosody") or {}).get("authentication")) not in ("accounts", "plain"):
        return None
    accounts = facts.get("accounts")
    count = accounts if accounts is not None else WORDS["unknown"]
    return "pass" if accounts else "warn", say("count", count=count, domain=context["domain"]), "add"


def check_lobby(facts, context, say):
    lobby = (facts.get("prosody") or {}).get("lobby")
    return "pass" if lobby else "warn", say("on" if lobby else "off", domain=context["domain"]), "restore"


def check_access_log(facts, context, say):
    nginx = facts.get("nginx") or {}
    if not nginx.get("found"):
        return "fail", say("not_found", domain=context["domain"]), "anonymous"
    logs = [log for server in nginx.get("servers") or [] for log in server.get("access_logs") or []]
    identifying = [log for log in logs if log.get("records_ip") or log.get("records_request")]
    described = ["%s (%s%s)" % (log["path"], log["format"],
                                (", IP" if log.get("records_ip") else "") + (", URL" if log.get("records_request") else ""))
                 for log in logs]
    return "fail" if identifying else "pass", say("logs", logs=join(described) if logs else WORDS["off"]), "anonymous"


def check_prosody_log_level(facts, context, say):
    prosody = facts.get("prosody") or {}
    level = prosody.get("lowest_log_level", "info")
    status = {"debug": "fail", "info": "warn"}.get(level, "pass")
    return status, say("levels", level=level, levels=join(prosody.get("log_levels") or [])), "warn"


def check_java_log_level(facts, context, say):
    java = dict((name, facts.get(key)) for name, key in (("jitsi-videobridge2", "jvb_log_level"), ("jicofo", "jicofo_log_level"))
                if facts.get(key))
    if not java:
        return None
    fine = [name for name, level in java.items() if level in _FINE_JAVA_LEVELS]
    return "warn" if fine else "pass", say("levels", levels=join("%s %s" % item for item in sorted(java.items()))), "warn"


def check_turnserver_log(facts, context, say):
    turn = facts.get("turnserver") or {}
    if not turn.get("found"):
        return None
    if turn.get("config_unreadable"):
        return "warn", say("unreadable", turnserver_conf=context["turnserver_conf"]), "off"
    status = "warn" if turn.get("logs_sessions") or turn.get("verbose") else "pass"
    return status, say("sessions" if turn.get("logs_sessions") else "none"), "off"


def check_log_retention(facts, context, say):
    retention = facts.get("log_retention_days") or {}
    reasons = dict((name, (kept or {}).get("reason")) for name, kept in (facts.get("log_retention") or {}).items())
    limit = context["max_retention_days"]
    too_long = [name for name, days in retention.items() if days is None or days > limit]
    kept = join(dict((lang, "%s %s" % (name, days if days is not None else WORDS["unbounded"][lang])
                      + (" (%s)" % reasons[name] if reasons.get(name) else "")) for lang in LANGUAGES)
                for name, days in sorted(retention.items()))
    return "warn" if too_long or not retention else "pass", say("days", kept=kept, limit=limit), "days"


def check_tls_protocols(facts, context, say):
    handshakes = facts.get("tls_handshakes") or {}
    servers = [server for server in (facts.get("nginx") or {}).get("servers") or [] if server.get("tls")]
    configured = sorted(set(p for server in servers for p in server.get("ssl_protocols") or []))
    weak_accepted = [v for v, ok in handshakes.items() if ok and v in ("tls1", "tls1_1")]
    modern = any(handshakes.get(v) for v in ("tls1_2", "tls1_3"))
    weak = [p for p in configured if p in _WEAK_PROTOCOLS] or weak_accepted or (handshakes and not modern)
    accepted = join(sorted(v for v, ok in handshakes.items() if ok))
    return "fail" if weak else "pass", say("protocols", configured=join(configured), accepted=accepted), "modern"


def check_hsts(facts, context, say):
    hsts = (facts.get("headers") or {}).get("strict-transport-security")
    age = re.search(r"max-age=([0-9]+)", hsts or "")
    if not hsts:
        status = "fail"
    elif not age or int(age.group(1)) < _HSTS_MIN_AGE:
        status = "warn"
    else:
        status = "pass"
    return status, say("header", value=hsts or WORDS["missing"]), "keep"


_GOOD_HEADERS = {
    "x-content-type-options": lambda v: v.strip().lower() == "nosniff",
    "referrer-policy": lambda v: v.strip().lower() in ("no-referrer", "same-origin", "strict-origin"),
    "permissions-policy": lambda v: bool(v.strip()),
}


def check_security_headers(facts, context, say):
    headers = facts.get("headers") or {}
    missing = sorted(name for name, good in _GOOD_HEADERS.items() if not good(headers.get(name) or ""))
    return "warn" if missing else "pass", say("missing", names=join(missing)), "keep"


def check_secret_files(facts, context, say):
    files = facts.get("secret_files") or []
    if not files:
        return None
    problems = []
    failed = warned = False
    for f in files:
        stat = "%s %s:%s" % (f["mode"], f.get("owner") or "?", f.get("group") or "?")
        for user in f.get("cannot_read") or []:
            failed = True
            problems.append(say("cannot_read", user=user, path=f["path"], stat=stat))
        others = f.get("readable_by_others") or []
        if others:
            failed = True
            problems.append(say("readable", path=f["path"], stat=stat,
                                others=join(WORDS["everyone"] if o == "everyone" else o for o in others)))
    turn = facts.get("turnserver") or {}
    key = turn.get("pkey")
    if key and turn.get("pkey_exists") is False:
        failed = True
        problems.append(say("key_missing", key=key))
    elif key and turn.get("pkey_exists") is None:
        warned = True
        problems.append(say("key_unexamined", key=key))
    listed = join("%s %s %s:%s" % (f["path"], f["mode"], f.get("owner") or "?", f.get("group") or "?") for f in files)
    status = "fail" if failed else "warn" if warned else "pass"
    return status, say("files", files=listed, problems=join(problems, "; ") if problems else WORDS["none"]), "readers"


# ---------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------

CATALOGUE = (
    {
        "id": "third_party_browser", "article": "Art. 25", "check": check_third_party_browser,
        "title": _pair("Browsers contact no third parties", "Browser kontaktieren keine Dritten"),
        "details": {
            "unread": _pair("The served config.js could not be read, so the contacts of the web app are unknown.",
                            "Die ausgelieferte config.js war nicht lesbar; welche Server die Web-App kontaktiert, ist unbekannt."),
            "hosts": _pair("Hosts named by the served page and config.js: %(hosts)s; outside %(domain)s: %(third)s.",
                           "In Seite und config.js genannte Hosts: %(hosts)s; außerhalb von %(domain)s: %(third)s."),
            "undecided": _pair("Unknown (not decided from the file): %(undecided)s.",
                               "Unbekannt (aus der Datei nicht entscheidbar): %(undecided)s."),
        },
        "fixes": {
            "unread": _pair("Check that https://%(domain)s/config.js answers, then run the report again.",
                            "Prüfen, dass https://%(domain)s/config.js antwortet, dann den Bericht erneut erstellen."),
            "third_party": _pair("Remove the third-party hosts from config.js: keep privacy_stun_servers on the deployment's own "
                                 "TURN server and do not add external services through config.js overrides.",
                                 "Die Dritt-Hosts aus der config.js entfernen: privacy_stun_servers beim eigenen TURN-Server "
                                 "lassen und keine externen Dienste über config.js-Anpassungen einbinden."),
            "undecided": _pair("Check the code named here: it runs only under a condition the report cannot decide, or builds "
                               "a host name in the browser. Remove it or set the value without a condition.",
                               "Den hier genannten Code prüfen: er läuft nur unter einer Bedingung, die der Bericht nicht "
                               "entscheiden kann, oder setzt einen Hostnamen erst im Browser zusammen. Ihn entfernen oder den "
                               "Wert ohne Bedingung setzen."),
        },
    },
    {
        "id": "third_party_requests", "article": "Art. 25", "check": check_third_party_requests,
        "title": _pair("Third-party requests of the web app are off", "Anfragen der Web-App an Dritte sind abgeschaltet"),
        "details": {
            "setting": _pair("config.js disableThirdPartyRequests is %(value)s (avatars from gravatar, external scripts).",
                             "config.js disableThirdPartyRequests ist %(value)s (Avatare von Gravatar, externe Skripte)."),
        },
        "fixes": {
            "off": _pair("Set privacy_third_party_requests: false (the default).",
                         "privacy_third_party_requests: false setzen (Voreinstellung)."),
        },
    },
    {
        "id": "p2p_stun", "article": "Art. 25", "check": check_p2p_stun,
        "title": _pair("Peer-to-peer STUN stays on the deployment", "STUN für Peer-to-Peer bleibt in der eigenen Installation"),
        "details": {
            "p2p_off": _pair("Peer-to-peer mode is off; browsers use no STUN server of their own.",
                             "Der Peer-to-Peer-Modus ist aus; Browser nutzen keinen eigenen STUN-Server."),
            "default": _pair("config.js sets no p2p.stunServers: the web app falls back to its built-in default.",
                             "config.js setzt kein p2p.stunServers: die Web-App nutzt dann ihre eingebaute Voreinstellung."),
            "servers": _pair("Peer-to-peer STUN servers: %(servers)s.", "STUN-Server für Peer-to-Peer: %(servers)s."),
        },
        "fixes": {
            "own": _pair("Set privacy_stun_servers to the deployment's own TURN server (default %(domain)s:3478).",
                         "privacy_stun_servers auf den eigenen TURN-Server setzen (Voreinstellung %(domain)s:3478)."),
        },
    },
    {
        "id": "bridge_stun", "article": "Art. 25", "check": check_bridge_stun,
        "title": _pair("The bridge contacts no third-party STUN server", "Die Videobridge kontaktiert keinen fremden STUN-Server"),
        "details": {
            "unread": _pair("jvb.conf could not be read (%(error)s), so the bridge's STUN servers are unknown.",
                            "jvb.conf war nicht lesbar (%(error)s); die STUN-Server der Videobridge sind unbekannt."),
            "servers": _pair("jvb.conf STUN addresses: %(servers)s.", "STUN-Adressen in jvb.conf: %(servers)s."),
        },
        "fixes": {
            "unread": _pair("Correct %(jvb_conf)s where named (the bridge reads the same file), then run the report again.",
                            "%(jvb_conf)s an der genannten Stelle korrigieren (die Videobridge liest dieselbe Datei), "
                            "dann den Bericht erneut erstellen."),
            "own": _pair("Set privacy_stun_servers to the deployment's own TURN server, or to an empty list and give the "
                         "bridge its public address (static mapping) behind NAT.",
                         "privacy_stun_servers auf den eigenen TURN-Server oder eine leere Liste setzen und der Videobridge "
                         "hinter NAT ihre öffentliche Adresse (statische Zuordnung) geben."),
        },
    },
    {
        "id": "analytics", "article": "Art. 25", "check": check_analytics,
        "title": _pair("No analytics or call statistics leave the deployment",
                       "Keine Analyse- oder Anrufstatistik verlässt die Installation"),
        "details": {
            "settings": _pair("Analytics settings in config.js: %(targets)s.", "Analyse-Einstellungen in config.js: %(targets)s."),
        },
        "fixes": {
            "remove": _pair("Remove the analytics and callstats keys from config.js.",
                            "Die Analyse- und callstats-Schlüssel aus der config.js entfernen."),
        },
    },
    {
        "id": "authentication", "article": "Art. 25", "check": check_authentication,
        "title": _pair("Only known users open rooms", "Nur bekannte Personen eröffnen Räume"),
        "details": {
            "not_found": _pair("The prosody configuration of %(domain)s was not found.",
                               "Die Prosody-Konfiguration für %(domain)s wurde nicht gefunden."),
            "open": _pair("Anyone who reaches https://%(domain)s/ can open a room (prosody authentication %(auth)s).",
                          "Jede Person, die https://%(domain)s/ erreicht, kann einen Raum eröffnen (Prosody-Anmeldung %(auth)s)."),
            "plain": _pair("prosody stores the passwords of accounts in plain text (internal_plain).",
                           "Prosody speichert die Passwörter der Konten im Klartext (internal_plain)."),
            "insecure": _pair("prosody accepts any password (authentication insecure): anyone can open a room.",
                              "Prosody nimmt jedes Passwort an (Anmeldung insecure): jede Person kann einen Raum eröffnen."),
            "unknown": _pair("prosody uses an unknown authentication %(auth)s on %(domain)s: who may open rooms is not known.",
                             "Prosody verwendet für %(domain)s eine unbekannte Anmeldung %(auth)s: wer Räume eröffnen darf, "
                             "ist unbekannt."),
            "empty_token": _pair("Tokens (JWT) decide who opens rooms, but connections without a token log in too "
                                 "(allow_empty_token = true).",
                                 "Tokens (JWT) entscheiden, wer Räume eröffnet, aber auch Verbindungen ohne Token melden sich "
                                 "an (allow_empty_token = true)."),
            "jicofo_unread": _pair("Guests log in anonymously at guest.%(domain)s, and jicofo.conf could not be read (%(error)s): "
                                   "whether jicofo lets only authenticated users open rooms is unknown.",
                                   "Gäste melden sich anonym bei guest.%(domain)s an, und jicofo.conf war nicht lesbar "
                                   "(%(error)s): ob jicofo nur angemeldete Personen Räume eröffnen lässt, ist unbekannt."),
            "guests_open": _pair("Guests log in anonymously at guest.%(domain)s but jicofo does not require authentication: "
                                 "guests can open rooms.",
                                 "Gäste melden sich anonym bei guest.%(domain)s an, aber jicofo verlangt keine Anmeldung: "
                                 "Gäste können Räume eröffnen."),
            "token": _pair("Rooms are opened only with a token (JWT) signed with the application secret (prosody token, "
                           "jicofo authentication %(jicofo)s; guests: %(guests)s).",
                           "Räume eröffnen nur Personen mit einem Token (JWT), das mit dem Anwendungsgeheimnis signiert ist "
                           "(Prosody token, jicofo-Anmeldung %(jicofo)s; Gäste: %(guests)s)."),
            "closed": _pair("Rooms are opened only by authenticated users (prosody %(auth)s, jicofo authentication "
                            "%(jicofo)s; guests: %(guests)s).",
                            "Räume eröffnen nur angemeldete Personen (Prosody %(auth)s, jicofo-Anmeldung %(jicofo)s; "
                            "Gäste: %(guests)s)."),
        },
        "fixes": {
            "internal": _pair("Set access_authentication: internal and list the users in access_users (or use jwt).",
                              "access_authentication: internal setzen und die Personen in access_users eintragen (oder jwt "
                              "verwenden)."),
            "empty_token": _pair("Set access_jwt_allow_empty_token: false, so that only people with a token log in.",
                                 "access_jwt_allow_empty_token: false setzen, damit sich nur Personen mit Token anmelden."),
            "jicofo_unread": _pair("Correct %(jicofo_conf)s where named (jicofo reads the same file), then run the report "
                                   "again.",
                                   "%(jicofo_conf)s an der genannten Stelle korrigieren (jicofo liest dieselbe Datei), "
                                   "dann den Bericht erneut erstellen."),
        },
    },
    {
        "id": "accounts", "article": "Art. 25", "check": check_accounts,
        "title": _pair("Accounts exist to open rooms", "Es gibt Konten zum Eröffnen von Räumen"),
        "details": {
            "count": _pair("%(count)s account(s) on %(domain)s.", "%(count)s Konto/Konten auf %(domain)s."),
        },
        "fixes": {
            "add": _pair("Add users through access_users; without an account nobody can start a meeting.",
                         "Personen über access_users anlegen; ohne Konto kann niemand eine Besprechung beginnen."),
        },
    },
    {
        "id": "lobby", "article": "Art. 25", "check": check_lobby,
        "title": _pair("A lobby is available to moderators", "Moderierende können einen Warteraum nutzen"),
        "details": {
            "on": _pair("The lobby component lobby.%(domain)s is configured.",
                        "Die Warteraum-Komponente lobby.%(domain)s ist eingerichtet."),
            "off": _pair("No lobby component lobby.%(domain)s is configured.",
                         "Keine Warteraum-Komponente lobby.%(domain)s eingerichtet."),
        },
        "fixes": {
            "restore": _pair("Restore the lobby component of upstream's prosody configuration.",
                             "Die Warteraum-Komponente aus der Prosody-Konfiguration von Jitsi wiederherstellen."),
        },
    },
    {
        "id": "access_log", "article": "Art. 25", "check": check_access_log,
        "title": _pair("The web server logs no IP addresses or room names",
                       "Der Webserver protokolliert keine IP-Adressen oder Raumnamen"),
        "details": {
            "not_found": _pair("The nginx site of %(domain)s was not found.", "Die nginx-Site für %(domain)s wurde nicht gefunden."),
            "logs": _pair("Access logs of the site: %(logs)s.", "Zugriffsprotokolle der Site: %(logs)s."),
        },
        "fixes": {
            "anonymous": _pair("Set privacy_access_log: anonymous (the default) or off.",
                               "privacy_access_log: anonymous (Voreinstellung) oder off setzen."),
        },
    },
    {
        "id": "prosody_log_level", "article": "Art. 25", "check": check_prosody_log_level,
        "title": _pair("prosody logs no per-user events", "Prosody protokolliert keine Ereignisse einzelner Personen"),
        "details": {
            "levels": _pair("prosody logs from level %(level)s (levels %(levels)s).",
                            "Prosody protokolliert ab Stufe %(level)s (Stufen %(levels)s)."),
        },
        "fixes": {
            "warn": _pair("Set privacy_log_level: warn (the default); info and debug record logins and addresses.",
                          "privacy_log_level: warn setzen (Voreinstellung); info und debug halten Anmeldungen und Adressen fest."),
        },
    },
    {
        "id": "java_log_level", "article": "Art. 25", "check": check_java_log_level,
        "title": _pair("The bridge and jicofo log no per-user events",
                       "Videobridge und jicofo protokollieren keine Ereignisse einzelner Personen"),
        "details": {
            "levels": _pair("Log levels: %(levels)s.", "Protokollstufen: %(levels)s."),
        },
        "fixes": {
            "warn": _pair("Set privacy_log_level: warn (the default) so that their logging.properties log WARNING and above.",
                          "privacy_log_level: warn setzen (Voreinstellung), damit ihre logging.properties erst ab WARNING "
                          "protokollieren."),
        },
    },
    {
        "id": "turnserver_log", "article": "Art. 25", "check": check_turnserver_log,
        "title": _pair("The TURN server logs no sessions", "Der TURN-Server protokolliert keine Sitzungen"),
        "details": {
            "unreadable": _pair("coturn cannot read %(turnserver_conf)s, so it runs on its built-in defaults, which log sessions.",
                                "coturn kann %(turnserver_conf)s nicht lesen und läuft mit seinen eingebauten "
                                "Voreinstellungen, die Sitzungen protokollieren."),
            "sessions": _pair("coturn logs sessions with client addresses.", "coturn protokolliert Sitzungen mit Client-Adressen."),
            "none": _pair("coturn writes no session log.", "coturn schreibt kein Sitzungsprotokoll."),
        },
        "fixes": {
            "off": _pair("Set privacy_turnserver_log: false (the default) and let coturn (user turnserver) read "
                         "%(turnserver_conf)s.",
                         "privacy_turnserver_log: false setzen (Voreinstellung) und coturn (Benutzer turnserver) "
                         "%(turnserver_conf)s lesen lassen."),
        },
    },
    {
        "id": "log_retention", "article": "Art. 25", "check": check_log_retention,
        "title": _pair("Logs are kept for a bounded time", "Protokolle werden begrenzt aufbewahrt"),
        "details": {
            "days": _pair("Retention in days (logrotate): %(kept)s; limit %(limit)d.",
                          "Aufbewahrung in Tagen (logrotate): %(kept)s; Grenze %(limit)d."),
        },
        "fixes": {
            "days": _pair("Set privacy_log_retention_days (default 7) and check the logrotate files named here.",
                          "privacy_log_retention_days setzen (Voreinstellung 7) und die hier genannten logrotate-Dateien prüfen."),
        },
    },
    {
        "id": "tls_protocols", "article": "Art. 32", "check": check_tls_protocols,
        "title": _pair("Only TLS 1.2 and newer", "Nur TLS 1.2 und neuer"),
        "details": {
            "protocols": _pair("Configured: %(configured)s; handshakes accepted: %(accepted)s.",
                               "Eingestellt: %(configured)s; angenommene Handshakes: %(accepted)s."),
        },
        "fixes": {
            "modern": _pair("Set privacy_tls_protocols: [TLSv1.2, TLSv1.3] (the default) and check that the site answers "
                            "over HTTPS.",
                            "privacy_tls_protocols: [TLSv1.2, TLSv1.3] setzen (Voreinstellung) und prüfen, dass die Site "
                            "über HTTPS antwortet."),
        },
    },
    {
        "id": "hsts", "article": "Art. 32", "check": check_hsts,
        "title": _pair("Browsers are told to use HTTPS only (HSTS)", "Browser verwenden nur HTTPS (HSTS)"),
        "details": {
            "header": _pair("Strict-Transport-Security: %(value)s.", "Strict-Transport-Security: %(value)s."),
        },
        "fixes": {
            "keep": _pair("Keep Strict-Transport-Security with max-age of at least 180 days in privacy_security_headers.",
                          "Strict-Transport-Security mit max-age von mindestens 180 Tagen in privacy_security_headers "
                          "belassen."),
        },
    },
    {
        "id": "security_headers", "article": "Art. 32", "check": check_security_headers,
        "title": _pair("Security headers on the web site", "Sicherheits-Header der Website"),
        "details": {
            "missing": _pair("Missing or weak: %(names)s.", "Fehlend oder schwach: %(names)s."),
        },
        "fixes": {
            "keep": _pair("Keep X-Content-Type-Options nosniff, Referrer-Policy no-referrer and a Permissions-Policy in "
                          "privacy_security_headers.",
                          "X-Content-Type-Options nosniff, Referrer-Policy no-referrer und eine Permissions-Policy in "
                          "privacy_security_headers belassen."),
        },
    },
    {
        "id": "secret_files", "article": "Art. 32", "check": check_secret_files,
        "title": _pair("Secrets are readable only by their services", "Geheimnisse sind nur für ihre Dienste lesbar"),
        "details": {
            "files": _pair("Files with secrets: %(files)s. Problems: %(problems)s.",
                           "Dateien mit Geheimnissen: %(files)s. Probleme: %(problems)s."),
            "cannot_read": _pair("%(user)s cannot read %(path)s (%(stat)s)", "%(user)s kann %(path)s nicht lesen (%(stat)s)"),
            "readable": _pair("%(path)s (%(stat)s) is readable by %(others)s", "%(path)s (%(stat)s) ist lesbar für %(others)s"),
            "key_missing": _pair("coturn's key %(key)s (pkey in turnserver.conf) does not exist",
                                 "coturns Schlüssel %(key)s (pkey in turnserver.conf) existiert nicht"),
            "key_unexamined": _pair("coturn's key %(key)s (pkey in turnserver.conf) was not examined",
                                    "coturns Schlüssel %(key)s (pkey in turnserver.conf) wurde nicht geprüft"),
        },
        "fixes": {
            "readers": _pair("Let each file named here be read by its service's user and nobody else - for example "
                             "root:turnserver 0640 for %(turnserver_conf)s and coturn's key, root:prosody 0640 for prosody's "
                             "host file, jvb:jitsi or jicofo:jitsi 0640 for the bridge's and jicofo's files - and keep "
                             "other users out of those groups.",
                             "Jede hier genannte Datei nur für den Benutzer ihres Dienstes lesbar machen - etwa "
                             "root:turnserver 0640 für %(turnserver_conf)s und coturns Schlüssel, root:prosody 0640 für "
                             "Prosodys Host-Datei, jvb:jitsi oder jicofo:jitsi 0640 für die Dateien von Videobridge und "
                             "jicofo - und keine weiteren Benutzer in diesen Gruppen."),
        },
    },
)


def findings(facts, context):
    """The findings of the catalogue for one host's facts, in its order:
    each {id, article, status, title, detail, fix} with title, detail and
    fix in every language (fix empty for a pass).  context holds domain,
    max_retention_days and the paths the texts name (jitsi_files)."""
    out = []
    for entry in CATALOGUE:
        say = _say(entry["details"])
        verdict = entry["check"](facts, context, say)
        if verdict is None:
            continue
        status, detail, fix = verdict
        if status not in STATUSES:
            raise ValueError("the check of %s returned the status %r" % (entry["id"], status))
        out.append({
            "id": entry["id"],
            "article": entry["article"],
            "status": status,
            "title": dict(entry["title"]),
            "detail": detail,
            "fix": _say(entry["fixes"])(fix, **context) if status != "pass" else _pair("", ""),
        })
    return out
