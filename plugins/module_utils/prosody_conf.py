# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What prosody's configuration says about a Jitsi Meet domain: who may
open rooms, guests, the lobby, room storage, log levels and the STUN/TURN
services handed to clients."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

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


_LUA_COMMENT = re.compile(r"""("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|--\[(=*)\[.*?\]\2\]|--[^\n]*""", re.S)


def _strip_lua_comments(text):
    """Lua without its comments (`-- ...` and `--[[ ... ]]`); `--` inside
    a quoted string is not a comment."""
    return _LUA_COMMENT.sub(lambda m: m.group(1) or "", text or "")


# What prosody's authentication providers mean for who may open rooms.
_AUTH_KINDS = {
    "anonymous": "open",
    "jitsi-anonymous": "open",
    "internal_hashed": "accounts",
    "internal_plain": "plain",
    "token": "token",
    "insecure": "insecure",
    "ldap": "directory",
    "ldap2": "directory",
    "cyrus": "directory",
    "sql": "directory",
    "imap": "directory",
    "dovecot": "directory",
    "http": "directory",
    "external": "directory",
    "ccert": "directory",
}


def authentication_kind(value):
    """What a prosody authentication provider means for opening rooms:
    open (anyone), accounts (prosody's own, hashed), plain (prosody's own,
    plain text), token (JWT), directory (an external account source),
    insecure (any password), unknown, or None when there is no value."""
    if value is None:
        return None
    return _AUTH_KINDS.get(value, "unknown")


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
            match = re.match(r"""^\s*([a-z_]+)\s*=\s*("([^"]*)"|'([^']*)'|true|false|[0-9]+)\s*;?\s*$""", line)
            if match:
                raw = match.group(2)
                val = next((g for g in match.group(3, 4) if g is not None), None)
                if val is None:
                    val = {"true": True, "false": False}.get(raw, raw)
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
        "authentication_kind": authentication_kind(get(domain, "authentication", "internal_plain")) if domain in scopes else None,
        "allow_empty_token": get(domain, "allow_empty_token", False) is True if domain in scopes else None,
        "guest_host": guest in scopes and scopes[guest].get("kind") == "VirtualHost",
        "guest_authentication": get(guest, "authentication") if guest in scopes else None,
        "lobby": lobby_component in scopes or "muc_lobby_rooms" in host_only,
        "room_storage": get("conference." + domain, "storage", "internal"),
        "log_levels": levels or ["info"],
        "lowest_log_level": (levels or ["info"])[0],
        "external_services": sorted(set(external)),
    }
