# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an nginx site does for privacy: access logs (and whether they
record addresses or URLs), TLS protocols and added headers per server,
with what the site inherits from nginx.conf."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re


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
