# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the privacy report: read a Jitsi Meet host's live configuration
and judge it against GDPR Art. 25 and Art. 32.

privacy_facts turns the raw texts read from a host (served config.js and
page, nginx site, jvb.conf, jicofo.conf, prosody files, turnserver.conf,
logrotate files, TLS handshakes, response headers, file modes) into facts
that hold no secret.  privacy_findings turns those facts into findings with
a status (pass, warn, fail) and, for each warn or fail, what to change.
Both are pure functions, so that the evaluation is tested without a host.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import re

from ansible.errors import AnsibleFilterError

# ---------------------------------------------------------------------------
# JavaScript (config.js)
# ---------------------------------------------------------------------------


class _Unknown(object):
    """A value of config.js that is computed at run time in the browser."""

    def __repr__(self):
        return "<unknown>"


UNKNOWN = _Unknown()


class _Partial(object):
    """A string concatenated in the browser from literals and run-time
    values (subdir, subdomain): only its literal parts are known."""

    def __init__(self, parts):
        self.parts = parts

    def __repr__(self):
        return "<partial %r>" % (self.parts,)


def _js_tokens(text):
    """Tokens of JavaScript source: ('str', value), ('num', text),
    ('id', name), ('p', char).  Comments are dropped; template literals are
    read as strings."""
    tokens = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c in "'\"`":
            j, chars = i + 1, []
            while j < n and text[j] != c:
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                chars.append(text[j])
                j += 1
            tokens.append(("str", "".join(chars)))
            i = j + 1
        elif c.isdigit():
            m = re.match(r"[0-9][0-9a-fA-FxX._]*", text[i:])
            tokens.append(("num", m.group(0)))
            i += len(m.group(0))
        elif c.isalpha() or c in "_$":
            m = re.match(r"[A-Za-z0-9_$]+", text[i:])
            tokens.append(("id", m.group(0)))
            i += len(m.group(0))
        else:
            tokens.append(("p", c))
            i += 1
    return tokens


class _JsParser(object):
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self, offset=0):
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def value(self):
        """An expression up to `,` `;` `}` `]` or `)` at this level."""
        parts = [self.term()]
        while self.peek() == ("p", "+"):
            self.take()
            parts.append(self.term())
        # Anything else (||, ?:, calls) makes the value unknown.
        unknown = False
        while self.peek()[0] is not None and self.peek() not in (("p", ","), ("p", ";"), ("p", "}"), ("p", "]"), ("p", ")")):
            unknown = True
            self.skip_term()
        if unknown:
            return UNKNOWN
        if len(parts) == 1:
            return parts[0]
        if all(isinstance(part, str) for part in parts):
            return "".join(parts)
        return _Partial([part for part in parts if isinstance(part, str)])

    def skip_term(self):
        kind, val = self.take()
        if (kind, val) in (("p", "{"), ("p", "["), ("p", "(")):
            closing = {"{": "}", "[": "]", "(": ")"}[val]
            depth = 1
            while depth and self.peek()[0] is not None:
                token = self.take()
                if token == ("p", val):
                    depth += 1
                elif token == ("p", closing):
                    depth -= 1

    def term(self):
        kind, val = self.peek()
        if (kind, val) == ("p", "{"):
            return self.obj()
        if (kind, val) == ("p", "["):
            return self.arr()
        if kind == "str":
            self.take()
            return val
        if kind == "num":
            self.take()
            try:
                return int(val)
            except ValueError:
                try:
                    return float(val)
                except ValueError:
                    return UNKNOWN
        if kind == "id" and val in ("true", "false", "null", "undefined"):
            self.take()
            return {"true": True, "false": False, "null": None, "undefined": None}[val]
        self.skip_term()
        return UNKNOWN

    def obj(self):
        self.take()
        result = {}
        while self.peek()[0] is not None and self.peek() != ("p", "}"):
            kind, key = self.take()
            if kind not in ("id", "str", "num") or self.peek() != ("p", ":"):
                # Methods or spreads: skip to the next member.
                while self.peek()[0] is not None and self.peek() not in (("p", ","), ("p", "}")):
                    self.skip_term()
            else:
                self.take()
                result[key] = self.value()
            if self.peek() == ("p", ","):
                self.take()
        self.take()
        return result

    def arr(self):
        self.take()
        result = []
        while self.peek()[0] is not None and self.peek() != ("p", "]"):
            result.append(self.value())
            if self.peek() == ("p", ","):
                self.take()
        self.take()
        return result


def parse_config_js(text):
    """The effective `config` object of a Jitsi Meet config.js: the object
    literal of `var config = {...}` with later `config.a.b = value;`
    statements applied, as the browser ends up with them."""
    tokens = _js_tokens(text or "")
    config = {}
    parser = _JsParser(tokens)
    i = 0
    while i < len(tokens):
        if tokens[i] == ("id", "config") and (i == 0 or tokens[i - 1] != ("p", ".")):
            path, j = [], i + 1
            while j + 1 < len(tokens) and tokens[j] == ("p", ".") and tokens[j + 1][0] == "id":
                path.append(tokens[j + 1][1])
                j += 2
            if j < len(tokens) and tokens[j] == ("p", "=") and (j + 1 >= len(tokens) or tokens[j + 1] != ("p", "=")):
                parser.pos = j + 1
                value = parser.value()
                if not path:
                    if isinstance(value, dict):
                        config = value
                else:
                    _assign(config, path, value)
                i = parser.pos
                continue
        i += 1
    return config


def _assign(tree, path, value):
    for key in path[:-1]:
        if not isinstance(tree.get(key), dict):
            tree[key] = {}
        tree = tree[key]
    if value is UNKNOWN and isinstance(tree.get(path[-1]), dict):
        # `config.p2p = config.p2p || {}` keeps what is there.
        return
    tree[path[-1]] = value


def _get(tree, dotted, default=None):
    for key in dotted.split("."):
        if not isinstance(tree, dict) or key not in tree:
            return default
        tree = tree[key]
    return tree


# ---------------------------------------------------------------------------
# Host names
# ---------------------------------------------------------------------------

_FILE_SUFFIXES = {"js", "mjs", "html", "htm", "css", "json", "png", "svg", "jpg", "jpeg", "gif", "ico",
                  "wasm", "mp3", "ogg", "wav", "txt", "xml", "woff", "woff2", "ttf", "map", "lua", "conf"}
_HOST = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]"
_URL_HOST = re.compile(r"(?:^|[^a-z0-9+.-])(?:[a-z][a-z0-9+.-]*:)?//(" + _HOST + r")", re.I)
_ICE_HOST = re.compile(r"^(?:stuns?|turns?):(" + _HOST + r")", re.I)
_BARE_HOST = re.compile(r"^(" + _HOST + r")(?::[0-9]+)?$", re.I)


def hosts_in_text(text):
    """Host names in a string: URLs (scheme://host, //host), ICE URLs
    (stun:host) and strings that are a host name (host or host:port)."""
    found = set()
    for match in _URL_HOST.finditer(text):
        found.add(match.group(1).lower())
    match = _ICE_HOST.match(text.strip())
    if match:
        found.add(match.group(1).lower())
    match = _BARE_HOST.match(text.strip())
    if match and match.group(1).rsplit(".", 1)[-1].lower() not in _FILE_SUFFIXES:
        found.add(match.group(1).lower())
    return found


def hosts_in_js(text):
    """Host names in the string literals of JavaScript source (comments do not count)."""
    found = set()
    for kind, value in _js_tokens(text or ""):
        if kind == "str":
            found |= hosts_in_text(value)
    return found


def hosts_in_html(text):
    """Host names a browser would contact for a page: URLs outside comments
    (server-side includes are comments too)."""
    text = re.sub(r"<!--.*?-->", "", text or "", flags=re.S)
    found = set()
    for match in _URL_HOST.finditer(text):
        found.add(match.group(1).lower())
    for script in re.findall(r"<script[^>]*>(.*?)</script>", text, flags=re.S | re.I):
        found |= hosts_in_js(script)
    return found


def hosts_in_value(value):
    """Host names in the strings of a parsed config.js value, at any depth."""
    found = set()
    if isinstance(value, str):
        found |= hosts_in_text(value)
    elif isinstance(value, _Partial):
        for part in value.parts:
            found |= hosts_in_text(part)
    elif isinstance(value, dict):
        for sub in value.values():
            found |= hosts_in_value(sub)
    elif isinstance(value, list):
        for sub in value:
            found |= hosts_in_value(sub)
    return found


def is_own(host, domain):
    host, domain = host.lower().rstrip("."), domain.lower().rstrip(".")
    return host == domain or host.endswith("." + domain)


# ---------------------------------------------------------------------------
# HOCON (jvb.conf, jicofo.conf)
# ---------------------------------------------------------------------------


def _hocon_tokens(text):
    tokens = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t\r,":
            i += 1
        elif c == "\n":
            tokens.append(("nl", None))
            i += 1
        elif c == "#" or text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c == '"':
            j, chars = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                chars.append(text[j])
                j += 1
            tokens.append(("str", "".join(chars)))
            i = j + 1
        elif c in "{}[]=:":
            tokens.append(("p", c))
            i += 1
        else:
            m = re.match(r"[^\s{}\[\]=:,#\"]+", text[i:])
            tokens.append(("word", m.group(0)))
            i += len(m.group(0))
    return tokens


def parse_hocon(text):
    """The merged tree of a HOCON file, later keys overriding earlier ones
    and objects merging, as Jitsi's services read it.  Covers what Jitsi's
    files use: nested objects, dotted keys, arrays, quoted and bare values."""
    tokens = _hocon_tokens(text or "")
    pos = [0]

    def peek():
        while pos[0] < len(tokens) and tokens[pos[0]][0] == "nl":
            pos[0] += 1
        return tokens[pos[0]] if pos[0] < len(tokens) else (None, None)

    def take():
        token = peek()
        pos[0] += 1
        return token

    def scalar(kind, val):
        if kind == "word":
            low = val.lower()
            if low in ("true", "yes", "on"):
                return True
            if low in ("false", "no", "off"):
                return False
            if re.match(r"^-?[0-9]+$", val):
                return int(val)
        return val

    def value():
        kind, val = peek()
        if (kind, val) == ("p", "{"):
            take()
            return members("}")
        if (kind, val) == ("p", "["):
            take()
            items = []
            while peek()[0] is not None and peek() != ("p", "]"):
                items.append(value())
            take()
            return items
        take()
        parts = [scalar(kind, val)]
        # Unquoted values run to the end of the line.
        while pos[0] < len(tokens) and tokens[pos[0]][0] in ("word", "str"):
            parts.append(tokens[pos[0]][1])
            pos[0] += 1
        return parts[0] if len(parts) == 1 else " ".join(str(part) for part in parts)

    def members(closing):
        tree = {}
        while True:
            kind, key = peek()
            if kind is None or (kind, key) == ("p", closing):
                take()
                return tree
            take()
            if kind not in ("word", "str"):
                continue
            path = key.split(".") if kind == "word" else [key]
            if peek() in (("p", "="), ("p", ":")):
                take()
            merge(tree, path, value())

    def merge(tree, path, val):
        for key in path[:-1]:
            if not isinstance(tree.get(key), dict):
                tree[key] = {}
            tree = tree[key]
        last = path[-1]
        if isinstance(val, dict) and isinstance(tree.get(last), dict):
            for key, sub in val.items():
                merge(tree[last], [key], sub)
        else:
            tree[last] = val

    return members(None)


# ---------------------------------------------------------------------------
# nginx
# ---------------------------------------------------------------------------


def parse_nginx(text):
    """nginx configuration as nested directives: [{'name', 'args', 'block'}]."""
    tokens = re.findall(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|#[^\n]*|[{};]|[^\s{};]+', text or "")
    stack = [[]]
    current = []
    for token in tokens:
        if token.startswith("#"):
            continue
        if token == ";":
            if current:
                stack[-1].append({"name": current[0], "args": current[1:], "block": None})
            current = []
        elif token == "{":
            directive = {"name": current[0] if current else "", "args": current[1:], "block": []}
            stack[-1].append(directive)
            stack.append(directive["block"])
            current = []
        elif token == "}":
            if len(stack) > 1:
                stack.pop()
            current = []
        else:
            if token[:1] in "\"'" and token[-1:] == token[:1]:
                token = token[1:-1]
            current.append(token)
    return stack[0]


def _directives(block, name):
    return [d for d in block or [] if d["name"] == name]


def _find_http(tree):
    for directive in tree:
        if directive["name"] == "http":
            return directive["block"]
    return []


_IP_VARIABLES = ("$remote_addr", "$binary_remote_addr", "$http_x_forwarded_for",
                 "$proxy_add_x_forwarded_for", "$realip_remote_addr", "$http_x_real_ip")
_ROOM_VARIABLES = ("$request", "$request_uri", "$uri", "$document_uri", "$args", "$query_string", "$http_referer")
_COMBINED = '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"'


def _access_logs(block, inherited, formats):
    """The access logs in effect in a context: its own access_log
    directives, or the inherited ones when it has none."""
    own = _directives(block, "access_log")
    if not own:
        return inherited
    if any(d["args"][:1] == ["off"] for d in own):
        return []
    logs = []
    for directive in own:
        args = directive["args"]
        fmt = args[1] if len(args) > 1 and "=" not in args[1] else "combined"
        template = formats.get(fmt, _COMBINED if fmt == "combined" else "")
        logs.append({
            "path": args[0] if args else "",
            "format": fmt,
            "records_ip": any(v in template for v in _IP_VARIABLES),
            "records_request": any(re.search(re.escape(v) + r"(?![a-z_])", template) for v in _ROOM_VARIABLES),
        })
    return logs


def nginx_facts(site_text, main_text, domain):
    """What the nginx site of the domain does, with what it inherits from
    nginx.conf: access logs per server, TLS protocols, added headers."""
    main_tree = parse_nginx(main_text)
    site_tree = parse_nginx(site_text)
    formats = {}
    for directive in _directives(_find_http(main_tree), "log_format") + _directives(site_tree, "log_format"):
        args = [a for a in directive["args"] if not a.startswith("escape=")]
        if args:
            formats[args[0]] = " ".join(args[1:])
    http_block = _find_http(main_tree)
    http_logs = _access_logs(http_block + _directives(site_tree, "access_log"), [], formats)
    http_protocols = next((d["args"] for d in _directives(http_block, "ssl_protocols")), None)
    servers = []
    for server in _directives(site_tree, "server"):
        block = server["block"]
        listens = [" ".join(d["args"]) for d in _directives(block, "listen")]
        tls = any("ssl" in listen.split() for listen in listens)
        protocols = next((d["args"] for d in _directives(block, "ssl_protocols")), None)
        headers = {}
        for directive in _directives(block, "add_header"):
            if len(directive["args"]) >= 2:
                headers[directive["args"][0].lower()] = directive["args"][1]
        servers.append({
            "listen": listens,
            "tls": tls,
            "access_logs": _access_logs(block, http_logs, formats),
            "ssl_protocols": (protocols or http_protocols or ["TLSv1.2", "TLSv1.3"]) if tls else [],
            "headers": headers,
        })
    return {"found": bool(site_tree), "servers": servers}


# ---------------------------------------------------------------------------
# prosody
# ---------------------------------------------------------------------------

_LEVELS = ["debug", "info", "warn", "error"]


def _lua_blocks(text, name):
    """The texts of `name = { ... }` tables at any place, in order."""
    blocks = []
    for match in re.finditer(r"(?m)^\s*" + re.escape(name) + r"\s*=\s*", text):
        start = match.end()
        if text[start:start + 1] != "{":
            line_end = text.find("\n", start)
            blocks.append(text[start:line_end if line_end >= 0 else len(text)].strip())
            continue
        depth, i = 0, start
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        blocks.append(text[start:i + 1])
    return blocks


def _strip_lua_comments(text):
    return re.sub(r"--\[\[.*?\]\]|--[^\n]*", "", text or "", flags=re.S)


def prosody_facts(main_text, host_text, domain):
    """Hosts, authentication, lobby, room storage, log levels and the
    STUN/TURN services prosody hands to clients."""
    scopes = {"*": {}}
    current = "*"
    order = []
    for text in (_strip_lua_comments(main_text), _strip_lua_comments(host_text)):
        current = "*"
        for line in text.splitlines():
            match = re.match(r'^\s*(VirtualHost|Component)\s+"([^"]+)"', line)
            if match:
                current = match.group(2).lower()
                scopes.setdefault(current, {"kind": match.group(1)})
                if current not in order:
                    order.append(current)
                continue
            match = re.match(r'^\s*([a-z_]+)\s*=\s*("([^"]*)"|true|false|[0-9]+)\s*;?\s*$', line)
            if match:
                raw = match.group(2)
                val = match.group(3) if match.group(3) is not None else {"true": True, "false": False}.get(raw, raw)
                scopes.setdefault(current, {})[match.group(1)] = val
    levels = []
    log_blocks = _lua_blocks(_strip_lua_comments(main_text), "log") + _lua_blocks(_strip_lua_comments(host_text), "log")
    if log_blocks:
        last = log_blocks[-1]
        if last.startswith("{"):
            levels = sorted(set(re.findall(r'\b(debug|info|warn|error)\b', last)), key=_LEVELS.index)
        else:
            levels = ["info"]
    host_only = _strip_lua_comments(host_text)
    external = []
    for block in _lua_blocks(host_only, "external_services"):
        external.extend(h.lower() for h in re.findall(r'host\s*=\s*"([^"]+)"', block))

    def get(scope, key, default=None):
        return scopes.get(scope, {}).get(key, scopes["*"].get(key, default))

    guest = "guest." + domain
    lobby_component = "lobby." + domain
    return {
        "found": domain in scopes,
        "authentication": get(domain, "authentication", "internal_plain") if domain in scopes else None,
        "guest_host": guest in scopes and scopes[guest].get("kind") == "VirtualHost",
        "guest_authentication": get(guest, "authentication") if guest in scopes else None,
        "lobby": lobby_component in scopes or "muc_lobby_rooms" in host_only,
        "room_storage": get("conference." + domain, "storage", "internal"),
        "log_levels": levels or ["info"],
        "lowest_log_level": (levels or ["info"])[0],
        "external_services": sorted(set(external)),
    }


# ---------------------------------------------------------------------------
# other files
# ---------------------------------------------------------------------------

_PERIOD_DAYS = {"hourly": 1, "daily": 1, "weekly": 7, "monthly": 31, "yearly": 366}


def logrotate_days(text):
    """How many days of a log logrotate keeps (rotated files times period;
    maxage caps it), or None when the file does not say."""
    text = re.sub(r"#[^\n]*", "", text or "")
    rotate = re.findall(r"(?m)^\s*rotate\s+([0-9]+)", text)
    period = re.findall(r"(?m)^\s*(hourly|daily|weekly|monthly|yearly)\s*$", text)
    maxage = re.findall(r"(?m)^\s*maxage\s+([0-9]+)", text)
    if not rotate:
        return int(maxage[0]) if maxage else None
    days = (int(rotate[0]) + 1) * _PERIOD_DAYS[period[0] if period else "weekly"]
    if maxage:
        days = min(days, int(maxage[0]) + 1)
    return days


def turnserver_facts(text):
    lines = [line.strip() for line in re.sub(r"#[^\n]*", "", text or "").splitlines() if line.strip()]
    keys = {}
    for line in lines:
        key, sep, val = line.partition("=")
        keys[key.strip()] = val.strip() if sep else ""
    log_file = keys.get("log-file")
    logs = "syslog" in keys or not ("no-stdout-log" in keys and log_file == "/dev/null")
    return {"found": bool(lines), "logs_sessions": bool(lines) and logs,
            "verbose": "verbose" in keys or "Verbose" in keys}


def java_log_level(text):
    levels = re.findall(r"(?m)^\s*\.level\s*=\s*([A-Z]+)", text or "")
    return levels[-1] if levels else None


# ---------------------------------------------------------------------------
# privacy_collect
# ---------------------------------------------------------------------------

_HEADER_NAMES = ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
                 "Permissions-Policy", "Content-Security-Policy", "X-Frame-Options")


def privacy_collect(pages, files, stats, handshakes, paths, accounts=None):
    """The raw input of privacy_facts from what Ansible registered on a host:
    pages (results of ansible.builtin.uri for the front page and config.js,
    in that order), files (results of ansible.builtin.slurp), stats
    (results of ansible.builtin.stat), handshakes (results of the openssl
    s_client tries, item = tls1 ... tls1_3), paths (name -> path of each
    file read) and the number of accounts."""
    def results(registered):
        if isinstance(registered, dict):
            return registered.get("results") or []
        return registered or []

    page_results = results(pages)
    front = page_results[0] if page_results else {}
    config = page_results[1] if len(page_results) > 1 else {}
    texts = {}
    for result in results(files):
        if isinstance(result, dict) and "content" in result:
            try:
                texts[result.get("item")] = base64.b64decode(result["content"]).decode("utf-8", "replace")
            except (TypeError, ValueError):
                continue
    raw = {
        "index_html": front.get("content") or "" if front.get("status") == 200 else "",
        "config_js": config.get("content") or "" if config.get("status") == 200 else "",
        # ansible.builtin.uri returns headers lowercased, dashes as underscores.
        "headers": dict((name, front[name.lower().replace("-", "_")]) for name in _HEADER_NAMES
                        if front.get(name.lower().replace("-", "_")) is not None),
        "logrotate": {},
        "tls_handshakes": {},
        "secret_files": [],
        "accounts": accounts,
    }
    for name, path in (paths or {}).items():
        if name.startswith("logrotate_"):
            raw["logrotate"][name[len("logrotate_"):]] = texts.get(path, "")
        else:
            raw[name] = texts.get(path, "")
    for result in results(handshakes):
        out = (result.get("stdout") or "") if isinstance(result, dict) else ""
        # s_client prints "New, <protocol>, Cipher is <cipher>" once the
        # handshake is done, and "New, (NONE), Cipher is (NONE)" when refused.
        raw["tls_handshakes"][result.get("item")] = bool(re.search(r"New, TLSv[0-9.]+, Cipher is (?!\(NONE\))", out))
    for result in results(stats):
        stat = result.get("stat") or {}
        raw["secret_files"].append({"path": result.get("item"), "exists": bool(stat.get("exists")),
                                    "mode": stat.get("mode", "0000"), "owner": stat.get("pw_name"),
                                    "group": stat.get("gr_name")})
    return raw


# ---------------------------------------------------------------------------
# privacy_facts
# ---------------------------------------------------------------------------


def privacy_facts(raw, domain):
    """Secret-free facts from the texts read on a host (see the docs of the
    filter for the keys of raw)."""
    if not isinstance(raw, dict):
        raise AnsibleFilterError("privacy_facts expects a dict of texts read from the host, got %s" % type(raw).__name__)
    if not isinstance(domain, str) or not domain:
        raise AnsibleFilterError("privacy_facts expects the Jitsi domain as its argument")
    config_js = raw.get("config_js") or ""
    config = parse_config_js(config_js)
    stun = _get(config, "p2p.stunServers")
    p2p_stun = None
    if isinstance(stun, list):
        p2p_stun = []
        for entry in stun:
            urls = entry.get("urls") if isinstance(entry, dict) else entry
            for url in urls if isinstance(urls, list) else [urls]:
                if isinstance(url, str):
                    p2p_stun.append(url)
    analytics = _get(config, "analytics", {}) or {}
    analytics_targets = []
    if isinstance(analytics, dict) and analytics.get("disabled") is not True:
        for key in ("amplitudeAPPKey", "googleAnalyticsTrackingId", "matomoEndpoint", "rtcstatsEndpoint", "scriptURLs"):
            if analytics.get(key):
                analytics_targets.append(key)
    for key in ("callStatsID", "callStatsSecret"):
        if config.get(key):
            analytics_targets.append(key)

    jvb = parse_hocon(raw.get("jvb_conf") or "")
    jvb_stun = _get(jvb, "ice4j.harvest.mapping.stun.addresses", [])
    if isinstance(jvb_stun, str):
        jvb_stun = [jvb_stun]
    jicofo = parse_hocon(raw.get("jicofo_conf") or "")

    page_hosts = hosts_in_html(raw.get("index_html") or "")
    # What the browser ends up with, not what comments or overridden values name.
    config_hosts = hosts_in_value(config)
    browser_hosts = sorted(page_hosts | config_hosts)
    server_hosts = sorted({str(a).rsplit(":", 1)[0].lower() for a in jvb_stun if isinstance(a, str)})

    nginx = nginx_facts(raw.get("nginx_site") or "", raw.get("nginx_conf") or "", domain)
    prosody = prosody_facts(raw.get("prosody_conf") or "", raw.get("prosody_host_conf") or "", domain)
    turn = turnserver_facts(raw.get("turnserver_conf") or "")

    retention = {}
    for name, text in sorted((raw.get("logrotate") or {}).items()):
        if text:
            retention[name] = logrotate_days(text)

    headers = {str(k).lower(): v for k, v in (raw.get("headers") or {}).items()}
    files = []
    for item in raw.get("secret_files") or []:
        if item.get("exists"):
            mode = int(str(item.get("mode", "0")), 8)
            files.append({"path": item["path"], "mode": "%04o" % mode, "owner": item.get("owner"),
                          "group": item.get("group"), "world_readable": bool(mode & 0o004)})

    return {
        "domain": domain,
        "config_js_found": bool(config_js.strip()),
        "browser_hosts": browser_hosts,
        "third_party_browser_hosts": [h for h in browser_hosts if not is_own(h, domain)],
        "disable_third_party_requests": config.get("disableThirdPartyRequests") is True,
        "gravatar_disabled": _get(config, "gravatar.disabled") is True,
        "p2p_enabled": _get(config, "p2p.enabled", True) is not False,
        "p2p_stun_servers": p2p_stun,
        "analytics_targets": analytics_targets,
        "anonymous_domain": _get(config, "hosts.anonymousdomain"),
        "jvb_conf_found": bool(jvb),
        "jvb_stun_servers": [str(a) for a in jvb_stun],
        "server_hosts": server_hosts,
        "third_party_server_hosts": [h for h in server_hosts if not is_own(h, domain)],
        "jicofo_authentication": _get(jicofo, "jicofo.authentication.enabled") is True,
        "jicofo_authentication_type": _get(jicofo, "jicofo.authentication.type"),
        "prosody": prosody,
        "accounts": raw.get("accounts"),
        "nginx": nginx,
        "tls_handshakes": dict(raw.get("tls_handshakes") or {}),
        "headers": headers,
        "log_retention_days": retention,
        "turnserver": turn,
        "jvb_log_level": java_log_level(raw.get("jvb_logging")),
        "jicofo_log_level": java_log_level(raw.get("jicofo_logging")),
        "secret_files": files,
    }


# ---------------------------------------------------------------------------
# privacy_findings
# ---------------------------------------------------------------------------

_STATUSES = ("pass", "warn", "fail")
_WEAK_PROTOCOLS = ("SSLv2", "SSLv3", "TLSv1", "TLSv1.1")
_FINE_JAVA_LEVELS = ("ALL", "FINEST", "FINER", "FINE", "CONFIG", "INFO")


def _finding(ident, article, status, title, detail, fix=None):
    return {
        "id": ident,
        "article": article,
        "status": status,
        "title": {"en": title[0], "de": title[1]},
        "detail": {"en": detail[0], "de": detail[1]},
        "fix": {"en": fix[0], "de": fix[1]} if fix and status != "pass" else {"en": "", "de": ""},
    }


def _join(items):
    return ", ".join(str(item) for item in items) if items else "-"


def privacy_findings(facts, max_retention_days=14):
    """The checklist against GDPR Art. 25 and Art. 32 for one host's facts
    (the output of privacy_facts): a list of findings, each with id,
    article, status (pass, warn or fail), and title, detail and fix in
    English (en) and German (de)."""
    if not isinstance(facts, dict) or "domain" not in facts:
        raise AnsibleFilterError("privacy_findings expects the facts made by selfhosted.jitsi.privacy_facts")
    try:
        max_days = int(max_retention_days)
    except (TypeError, ValueError):
        raise AnsibleFilterError("privacy_findings: max_retention_days must be a whole number of days, got %r" % (max_retention_days,))
    domain = facts["domain"]
    out = []

    third = facts.get("third_party_browser_hosts") or []
    if not facts.get("config_js_found"):
        out.append(_finding(
            "third_party_browser", "Art. 25", "fail",
            ("Browsers contact no third parties", "Browser kontaktieren keine Dritten"),
            ("The served config.js could not be read, so the contacts of the web app are unknown.",
             "Die ausgelieferte config.js war nicht lesbar; welche Server die Web-App kontaktiert, ist unbekannt."),
            ("Check that https://%s/config.js answers, then run the report again." % domain,
             "Prüfen, dass https://%s/config.js antwortet, dann den Bericht erneut erstellen." % domain)))
    else:
        out.append(_finding(
            "third_party_browser", "Art. 25", "fail" if third else "pass",
            ("Browsers contact no third parties", "Browser kontaktieren keine Dritten"),
            ("Hosts named by the served page and config.js: %s; outside %s: %s." % (_join(facts.get("browser_hosts")), domain, _join(third)),
             "In Seite und config.js genannte Hosts: %s; außerhalb von %s: %s." % (_join(facts.get("browser_hosts")), domain, _join(third))),
            ("Remove the third-party hosts from config.js: keep meet_privacy_stun_servers on the deployment's own "
             "TURN server and do not add external services through config.js overrides.",
             "Die Dritt-Hosts aus der config.js entfernen: meet_privacy_stun_servers beim eigenen TURN-Server lassen "
             "und keine externen Dienste über config.js-Anpassungen einbinden.")))

    disabled = facts.get("disable_third_party_requests")
    out.append(_finding(
        "third_party_requests", "Art. 25", "pass" if disabled else "fail",
        ("Third-party requests of the web app are off", "Anfragen der Web-App an Dritte sind abgeschaltet"),
        ("config.js disableThirdPartyRequests is %s (avatars from gravatar, external scripts)." % ("true" if disabled else "not true"),
         "config.js disableThirdPartyRequests ist %s (Avatare von Gravatar, externe Skripte)." % ("true" if disabled else "nicht true")),
        ("Set meet_privacy_third_party_requests: false (the default).",
         "meet_privacy_third_party_requests: false setzen (Voreinstellung).")))

    stun = facts.get("p2p_stun_servers")
    if not facts.get("p2p_enabled", True):
        status, detail = "pass", ("Peer-to-peer mode is off; browsers use no STUN server of their own.",
                                  "Der Peer-to-Peer-Modus ist aus; Browser nutzen keinen eigenen STUN-Server.")
    elif stun is None:
        status, detail = "warn", ("config.js sets no p2p.stunServers: the web app falls back to its built-in default.",
                                  "config.js setzt kein p2p.stunServers: die Web-App nutzt dann ihre eingebaute Voreinstellung.")
    else:
        foreign = [url for url in stun if not any(is_own(h, domain) for h in hosts_in_text(url))]
        status = "fail" if foreign else "pass"
        detail = ("Peer-to-peer STUN servers: %s." % _join(stun), "STUN-Server für Peer-to-Peer: %s." % _join(stun))
    out.append(_finding(
        "p2p_stun", "Art. 25", status,
        ("Peer-to-peer STUN stays on the deployment", "STUN für Peer-to-Peer bleibt in der eigenen Installation"),
        detail,
        ("Set meet_privacy_stun_servers to the deployment's own TURN server (default %s:3478)." % domain,
         "meet_privacy_stun_servers auf den eigenen TURN-Server setzen (Voreinstellung %s:3478)." % domain)))

    bridge_foreign = facts.get("third_party_server_hosts") or []
    out.append(_finding(
        "bridge_stun", "Art. 25", "fail" if bridge_foreign else "pass",
        ("The bridge contacts no third-party STUN server", "Die Videobridge kontaktiert keinen fremden STUN-Server"),
        ("jvb.conf STUN addresses: %s." % _join(facts.get("jvb_stun_servers")),
         "STUN-Adressen in jvb.conf: %s." % _join(facts.get("jvb_stun_servers"))),
        ("Set meet_privacy_stun_servers to the deployment's own TURN server, or to an empty list and give the "
         "bridge its public address (static mapping) behind NAT.",
         "meet_privacy_stun_servers auf den eigenen TURN-Server oder eine leere Liste setzen und der Videobridge "
         "hinter NAT ihre öffentliche Adresse (statische Zuordnung) geben.")))

    targets = facts.get("analytics_targets") or []
    out.append(_finding(
        "analytics", "Art. 25", "fail" if targets else "pass",
        ("No analytics or call statistics leave the deployment", "Keine Analyse- oder Anrufstatistik verlässt die Installation"),
        ("Analytics settings in config.js: %s." % _join(targets), "Analyse-Einstellungen in config.js: %s." % _join(targets)),
        ("Remove the analytics and callstats keys from config.js.", "Die Analyse- und callstats-Schlüssel aus der config.js entfernen.")))

    prosody = facts.get("prosody") or {}
    auth = prosody.get("authentication")
    guest = prosody.get("guest_host")
    jicofo_auth = facts.get("jicofo_authentication")
    if auth is None:
        status = "fail"
        detail = ("The prosody configuration of %s was not found." % domain, "Die Prosody-Konfiguration für %s wurde nicht gefunden." % domain)
    elif auth == "anonymous":
        status = "warn"
        detail = ("Anyone who reaches https://%s/ can open a room (prosody authentication anonymous)." % domain,
                  "Jede Person, die https://%s/ erreicht, kann einen Raum eröffnen (Prosody-Anmeldung anonymous)." % domain)
    elif auth == "internal_plain":
        status = "fail"
        detail = ("prosody stores the passwords of accounts in plain text (internal_plain).",
                  "Prosody speichert die Passwörter der Konten im Klartext (internal_plain).")
    elif guest and not jicofo_auth:
        status = "fail"
        detail = ("Guests log in anonymously at guest.%s but jicofo does not require authentication: guests can open rooms." % domain,
                  "Gäste melden sich anonym bei guest.%s an, aber jicofo verlangt keine Anmeldung: Gäste können Räume eröffnen." % domain)
    else:
        status = "pass"
        detail = ("Rooms are opened only by authenticated users (prosody %s, jicofo authentication %s; guests: %s)."
                  % (auth, "on" if jicofo_auth else "off", ("guest." + domain) if guest else "none"),
                  "Räume eröffnen nur angemeldete Personen (Prosody %s, jicofo-Anmeldung %s; Gäste: %s)."
                  % (auth, "an" if jicofo_auth else "aus", ("guest." + domain) if guest else "keine"))
    out.append(_finding(
        "authentication", "Art. 25", status,
        ("Only known users open rooms", "Nur bekannte Personen eröffnen Räume"), detail,
        ("Set meet_authentication: internal and list the users in meet_users (or use jwt).",
         "meet_authentication: internal setzen und die Personen in meet_users eintragen (oder jwt verwenden).")))

    if auth in ("internal_hashed", "internal_plain"):
        accounts = facts.get("accounts")
        out.append(_finding(
            "accounts", "Art. 25", "pass" if accounts else "warn",
            ("Accounts exist to open rooms", "Es gibt Konten zum Eröffnen von Räumen"),
            ("%s account(s) on %s." % (accounts if accounts is not None else "unknown", domain),
             "%s Konto/Konten auf %s." % (accounts if accounts is not None else "unbekannt", domain)),
            ("Add users through meet_users; without an account nobody can start a meeting.",
             "Personen über meet_users anlegen; ohne Konto kann niemand eine Besprechung beginnen.")))

    out.append(_finding(
        "lobby", "Art. 25", "pass" if prosody.get("lobby") else "warn",
        ("A lobby is available to moderators", "Moderierende können einen Warteraum nutzen"),
        (("The lobby component lobby.%s is configured." if prosody.get("lobby") else "No lobby component lobby.%s is configured.") % domain,
         ("Die Warteraum-Komponente lobby.%s ist eingerichtet." if prosody.get("lobby") else "Keine Warteraum-Komponente lobby.%s eingerichtet.") % domain),
        ("Restore the lobby component of upstream's prosody configuration.",
         "Die Warteraum-Komponente aus der Prosody-Konfiguration von Jitsi wiederherstellen.")))

    nginx = facts.get("nginx") or {}
    logs = [log for server in nginx.get("servers") or [] for log in server.get("access_logs") or []]
    identifying = [log for log in logs if log.get("records_ip") or log.get("records_request")]
    if not nginx.get("found"):
        status = "fail"
        detail = ("The nginx site of %s was not found." % domain, "Die nginx-Site für %s wurde nicht gefunden." % domain)
    else:
        status = "fail" if identifying else "pass"
        described = ["%s (%s%s)" % (log["path"], log["format"],
                                    (", IP" if log.get("records_ip") else "") + (", URL" if log.get("records_request") else ""))
                     for log in logs]
        detail = ("Access logs of the site: %s." % (_join(described) if logs else "off"),
                  "Zugriffsprotokolle der Site: %s." % (_join(described) if logs else "aus"))
    out.append(_finding(
        "access_log", "Art. 25", status,
        ("The web server logs no IP addresses or room names", "Der Webserver protokolliert keine IP-Adressen oder Raumnamen"), detail,
        ("Set meet_access_log: anonymous (the default) or off.", "meet_access_log: anonymous (Voreinstellung) oder off setzen.")))

    level = prosody.get("lowest_log_level", "info")
    out.append(_finding(
        "prosody_log_level", "Art. 25", {"debug": "fail", "info": "warn"}.get(level, "pass"),
        ("prosody logs no per-user events", "Prosody protokolliert keine Ereignisse einzelner Personen"),
        ("prosody logs from level %s (levels %s)." % (level, _join(prosody.get("log_levels"))),
         "Prosody protokolliert ab Stufe %s (Stufen %s)." % (level, _join(prosody.get("log_levels")))),
        ("Set meet_log_level: warn (the default); info and debug record logins and addresses.",
         "meet_log_level: warn setzen (Voreinstellung); info und debug halten Anmeldungen und Adressen fest.")))

    java = {name: facts.get(key) for name, key in (("jitsi-videobridge2", "jvb_log_level"), ("jicofo", "jicofo_log_level")) if facts.get(key)}
    if java:
        fine = sorted(name for name, lvl in java.items() if lvl in _FINE_JAVA_LEVELS)
        out.append(_finding(
            "java_log_level", "Art. 25", "warn" if fine else "pass",
            ("The bridge and jicofo log no per-user events", "Videobridge und jicofo protokollieren keine Ereignisse einzelner Personen"),
            ("Log levels: %s." % _join("%s %s" % item for item in sorted(java.items())),
             "Protokollstufen: %s." % _join("%s %s" % item for item in sorted(java.items()))),
            ("Set meet_log_level: warn (the default) so that their logging.properties log WARNING and above.",
             "meet_log_level: warn setzen (Voreinstellung), damit ihre logging.properties erst ab WARNING protokollieren.")))

    turn = facts.get("turnserver") or {}
    if turn.get("found"):
        out.append(_finding(
            "turnserver_log", "Art. 25", "warn" if turn.get("logs_sessions") or turn.get("verbose") else "pass",
            ("The TURN server logs no sessions", "Der TURN-Server protokolliert keine Sitzungen"),
            (("coturn logs sessions with client addresses." if turn.get("logs_sessions") else "coturn writes no session log."),
             ("coturn protokolliert Sitzungen mit Client-Adressen." if turn.get("logs_sessions") else "coturn schreibt kein Sitzungsprotokoll.")),
            ("Set meet_turnserver_log: false (the default).", "meet_turnserver_log: false setzen (Voreinstellung).")))

    retention = facts.get("log_retention_days") or {}
    too_long = sorted(name for name, days in retention.items() if days is None or days > max_days)
    kept = _join("%s %s" % (name, days if days is not None else "?") for name, days in sorted(retention.items()))
    out.append(_finding(
        "log_retention", "Art. 25", "warn" if too_long or not retention else "pass",
        ("Logs are kept for a bounded time", "Protokolle werden begrenzt aufbewahrt"),
        ("Retention in days (logrotate): %s; limit %d." % (kept, max_days),
         "Aufbewahrung in Tagen (logrotate): %s; Grenze %d." % (kept, max_days)),
        ("Set meet_log_retention_days (default 7) and check the logrotate files named here.",
         "meet_log_retention_days setzen (Voreinstellung 7) und die hier genannten logrotate-Dateien prüfen.")))

    handshakes = facts.get("tls_handshakes") or {}
    tls_servers = [server for server in nginx.get("servers") or [] if server.get("tls")]
    configured = sorted({p for server in tls_servers for p in server.get("ssl_protocols") or []})
    weak_configured = [p for p in configured if p in _WEAK_PROTOCOLS]
    weak_accepted = sorted(v for v, ok in handshakes.items() if ok and v in ("tls1", "tls1_1"))
    modern = any(handshakes.get(v) for v in ("tls1_2", "tls1_3"))
    if weak_configured or weak_accepted:
        status = "fail"
    elif handshakes and not modern:
        status = "fail"
    else:
        status = "pass"
    out.append(_finding(
        "tls_protocols", "Art. 32", status,
        ("Only TLS 1.2 and newer", "Nur TLS 1.2 und neuer"),
        ("Configured: %s; handshakes accepted: %s." % (_join(configured), _join(sorted(v for v, ok in handshakes.items() if ok))),
         "Eingestellt: %s; angenommene Handshakes: %s." % (_join(configured), _join(sorted(v for v, ok in handshakes.items() if ok)))),
        ("Set meet_tls_protocols: [TLSv1.2, TLSv1.3] (the default) and check that the site answers over HTTPS.",
         "meet_tls_protocols: [TLSv1.2, TLSv1.3] setzen (Voreinstellung) und prüfen, dass die Site über HTTPS antwortet.")))

    headers = facts.get("headers") or {}
    hsts = headers.get("strict-transport-security")
    age = re.search(r"max-age=([0-9]+)", hsts or "")
    if not hsts:
        status = "fail"
    elif not age or int(age.group(1)) < 15552000:
        status = "warn"
    else:
        status = "pass"
    out.append(_finding(
        "hsts", "Art. 32", status,
        ("Browsers are told to use HTTPS only (HSTS)", "Browser verwenden nur HTTPS (HSTS)"),
        ("Strict-Transport-Security: %s." % (hsts or "missing"), "Strict-Transport-Security: %s." % (hsts or "fehlt")),
        ("Keep Strict-Transport-Security with max-age of at least 180 days in meet_security_headers.",
         "Strict-Transport-Security mit max-age von mindestens 180 Tagen in meet_security_headers belassen.")))

    expected = {
        "x-content-type-options": lambda v: v.strip().lower() == "nosniff",
        "referrer-policy": lambda v: v.strip().lower() in ("no-referrer", "same-origin", "strict-origin"),
        "permissions-policy": lambda v: bool(v.strip()),
    }
    missing = sorted(name for name, good in expected.items() if not good(headers.get(name) or ""))
    out.append(_finding(
        "security_headers", "Art. 32", "warn" if missing else "pass",
        ("Security headers on the web site", "Sicherheits-Header der Website"),
        ("Missing or weak: %s." % _join(missing), "Fehlend oder schwach: %s." % _join(missing)),
        ("Keep X-Content-Type-Options nosniff, Referrer-Policy no-referrer and a Permissions-Policy in meet_security_headers.",
         "X-Content-Type-Options nosniff, Referrer-Policy no-referrer und eine Permissions-Policy in meet_security_headers belassen.")))

    files = facts.get("secret_files") or []
    if files:
        exposed = [f["path"] for f in files if f.get("world_readable")]
        out.append(_finding(
            "secret_files", "Art. 32", "fail" if exposed else "pass",
            ("Secrets are readable only by their services", "Geheimnisse sind nur für ihre Dienste lesbar"),
            ("Files with secrets: %s; readable by everyone: %s." % (_join("%s %s" % (f["path"], f["mode"]) for f in files), _join(exposed)),
             "Dateien mit Geheimnissen: %s; für alle lesbar: %s." % (_join("%s %s" % (f["path"], f["mode"]) for f in files), _join(exposed))),
            ("Run the site playbook again: the meet role sets these files to 0640 or stricter.",
             "Das Site-Playbook erneut ausführen: die Rolle meet setzt diese Dateien auf 0640 oder strenger.")))

    for finding in out:
        if finding["status"] not in _STATUSES:
            raise AnsibleFilterError("privacy_findings: internal error, status %r" % finding["status"])
    return out


def privacy_summary(findings):
    """Counts of pass, warn and fail in a list of findings."""
    return {status: len([f for f in findings or [] if f.get("status") == status]) for status in _STATUSES}


class FilterModule(object):
    def filters(self):
        return {
            "privacy_collect": privacy_collect,
            "privacy_facts": privacy_facts,
            "privacy_findings": privacy_findings,
            "privacy_summary": privacy_summary,
        }
