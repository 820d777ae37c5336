# SPDX-License-Identifier: GPL-3.0-or-later
"""TEST STAND-IN for Jitsi's Java services (jitsi-videobridge2, jicofo).

A fixture of the selfhosted.jitsi collection's tests, not Jitsi software: it
takes the place of the bridge or of jicofo so that an installation can be
tested offline and quickly.  It reads the HOCON file the package's postinst
wrote (jvb.conf, jicofo.conf) and the service's logging.properties, keeps an
XMPP client session to prosody per configured login (STARTTLS, SASL PLAIN,
resource binding, presence, joining the brewery room), listens on the
service's ports and answers GET /about/health: 200 while the XMPP sessions
are up, 500 while one is not.  As the bridge it publishes its stats in its
brewery presence (stress level, region, version, relay id, shutdown state)
and shuts down gracefully on POST /colibri/shutdown when jvb.conf enables
that API.  As jicofo it keeps the bridges it sees in the brewery room and
reports them in GET /stats (bridge_selector) and GET /debug, and its health
fails while no bridge is operational.  As jicofo it answers conference requests
relayed by prosody's client proxy and joins the room it starts (see Focus),
with upstream's rule for jicofo.authentication; it forwards no media and
allocates no channels.  Standard library only.

Also a small stand-in of ruby-hocon's `hocon` command, which upstream's
postinst scripts use:  standin-service.py hocon FILE get|set PATH [VALUE]
"""

import argparse
import base64
import http.server
import json
import logging
import os
import re
import socket
import ssl
import sys
import threading
import time
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

NS_STREAM = "http://etherx.jabber.org/streams"
NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls"
NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl"
NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind"
NS_SESSION = "urn:ietf:params:xml:ns:xmpp-session"
NS_PING = "urn:xmpp:ping"
NS_MUC = "http://jabber.org/protocol/muc"
NS_MUC_USER = "http://jabber.org/protocol/muc#user"
NS_FOCUS = "http://jitsi.org/protocol/focus"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
NS_COLIBRI = "http://jitsi.org/protocol/colibri"

# The build writes the packages' versions here.
VERSIONS = {"jvb": "@JVB_VERSION@", "jicofo": "@JICOFO_VERSION@"}

# Idle sessions are closed by servers and NAT boxes; a whitespace ping keeps
# the TCP connection and prosody's session alive, as XMPP clients do.
KEEPALIVE_SECONDS = 30
# A conference nobody joins is given up after this long, as jicofo does.
CONFERENCE_IDLE_SECONDS = 60
RETRY_SECONDS = (1, 2, 5, 10)

ROLES = {
    "jvb": {
        "config": "/etc/jitsi/videobridge/jvb.conf",
        "logging": "/etc/jitsi/videobridge/logging.properties",
        # Upstream's unit sends the bridge's console output here.
        "log_file": "/var/log/jitsi/jvb.log",
        "logger": "org.jitsi.videobridge.standin",
        "program": "JVB",
        "service": "jitsi-videobridge2",
    },
    "jicofo": {
        "config": "/etc/jitsi/jicofo/jicofo.conf",
        "logging": "/etc/jitsi/jicofo/logging.properties",
        "log_file": "/var/log/jitsi/jicofo.log",
        "logger": "org.jitsi.jicofo.standin",
        "program": "Jicofo",
        "service": "jicofo",
    },
}

log = logging.getLogger("org.jitsi.standin")


# HOCON ---------------------------------------------------------------------
#
# Enough of HOCON (https://github.com/lightbend/config/blob/main/HOCON.md) for
# the files upstream's packages write and administrators and roles add to:
# nested objects and dotted keys, `=`, `:` and `{` after a key, quoted and
# unquoted strings, numbers, booleans, null, arrays, comments (# and //),
# objects merged when a key repeats and later values winning otherwise, `+=`,
# and substitutions `${path}` / `${?path}` (resolved against what the file
# has defined so far, then the environment).  Not supported: include,
# forward substitutions, triple-quoted strings.

class HoconError(ValueError):
    pass


_PUNCT = {"{", "}", "[", "]", ",", ":", "="}
_UNQUOTED_STOP = set('$"{}[]:=,+#`^?!@*&\\') | {" ", "\t", "\n", "\r"}


def _tokens(text):
    """Yield (kind, value, start, end); kinds: str, word, subst, ws, nl, punct."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            yield ("nl", c, i, i + 1)
            i += 1
        elif c in " \t\r\ufeff":
            j = i
            while j < n and text[j] in " \t\r\ufeff":
                j += 1
            yield ("ws", text[i:j], i, j)
            i = j
        elif c == "#" or text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("+=", i):
            yield ("punct", "+=", i, i + 2)
            i += 2
        elif c in _PUNCT:
            yield ("punct", c, i, i + 1)
            i += 1
        elif c == '"':
            if text.startswith('"""', i):
                raise HoconError("triple-quoted strings are not supported (offset %d)" % i)
            j = i + 1
            while j < n and text[j] != '"':
                if text[j] == "\\":
                    j += 1
                elif text[j] == "\n":
                    raise HoconError("unterminated string at offset %d" % i)
                j += 1
            if j >= n:
                raise HoconError("unterminated string at offset %d" % i)
            yield ("str", json.loads(text[i:j + 1]), i, j + 1)
            i = j + 1
        elif text.startswith("${", i):
            j = text.find("}", i)
            if j < 0:
                raise HoconError("unterminated substitution at offset %d" % i)
            yield ("subst", text[i + 2:j].strip(), i, j + 1)
            i = j + 1
        else:
            j = i
            while j < n and text[j] not in _UNQUOTED_STOP and not text.startswith("//", j):
                j += 1
            if j == i:
                raise HoconError("unexpected %r at offset %d" % (c, i))
            yield ("word", text[i:j], i, j)
            i = j


def _split_path(parts):
    """Path elements of a key: unquoted words split at dots, quoted kept whole."""
    path, current, pending = [], "", False
    for kind, value in parts:
        if kind == "str":
            current += value
            pending = True
            continue
        pieces = value.split(".")
        for index, piece in enumerate(pieces):
            if index:
                if not pending and not current:
                    raise HoconError("empty path element in %r" % value)
                path.append(current)
                current, pending = "", False
            current += piece
            pending = pending or bool(piece)
    if not pending and not current:
        raise HoconError("empty key")
    path.append(current)
    return path


def parse_path(text):
    """A dotted path as the hocon command takes it: a.b."c.d".e"""
    parts = [(token[0], token[1]) for token in _tokens(text) if token[0] in ("str", "word")]
    return _split_path(parts)


def _scalar(word):
    if word == "true":
        return True
    if word == "false":
        return False
    if word == "null":
        return None
    if re.fullmatch(r"-?\d+", word):
        return int(word)
    if re.fullmatch(r"-?\d+\.\d+([eE][-+]?\d+)?", word):
        return float(word)
    return word


class _Parser:
    def __init__(self, text):
        self.toks = list(_tokens(text))
        self.pos = 0
        self.root = {}
        # Where the winning value of each leaf path was written: path -> (start, end).
        self.spans = {}

    # token helpers
    def peek(self, skip=("ws",)):
        pos = self.pos
        while pos < len(self.toks) and self.toks[pos][0] in skip:
            pos += 1
        return self.toks[pos] if pos < len(self.toks) else ("eof", None, None, None)

    def skip(self, kinds=("ws", "nl")):
        while self.pos < len(self.toks) and self.toks[self.pos][0] in kinds:
            self.pos += 1

    def take(self, skip=("ws",)):
        while self.pos < len(self.toks) and self.toks[self.pos][0] in skip:
            self.pos += 1
        if self.pos >= len(self.toks):
            return ("eof", None, None, None)
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def lookup(self, path):
        node = self.root
        for element in path:
            if not isinstance(node, dict) or element not in node:
                raise KeyError(".".join(path))
            node = node[element]
        return node

    # structure
    def parse(self):
        kind = self.peek(skip=("ws", "nl"))
        if kind[0] == "punct" and kind[1] == "{":
            self.take(skip=("ws", "nl"))
            self.object_body([], closing="}")
            if self.peek(skip=("ws", "nl"))[0] != "eof":
                raise HoconError("content after the root object")
        else:
            self.object_body([], closing=None)
        return self.root

    def object_body(self, prefix, closing, target=None):
        """Fields up to `closing`; into self.root at prefix, or into target."""
        while True:
            tok = self.peek(skip=("ws", "nl"))
            if tok[0] == "eof":
                if closing:
                    raise HoconError("missing %r" % closing)
                return
            if tok[0] == "punct" and tok[1] == closing:
                self.take(skip=("ws", "nl"))
                return
            if tok[0] == "punct" and tok[1] == ",":
                self.take(skip=("ws", "nl"))
                continue
            self.field(prefix, target)

    def field(self, prefix, target):
        parts = []
        self.skip()
        while True:
            tok = self.toks[self.pos] if self.pos < len(self.toks) else ("eof", None, None, None)
            if tok[0] in ("str", "word"):
                parts.append((tok[0], tok[1]))
                self.pos += 1
            else:
                break
        if not parts:
            tok = self.peek()
            raise HoconError("expected a key at offset %s, found %r" % (tok[2], tok[1]))
        path = prefix + _split_path(parts)
        sep = self.peek()
        if sep[0] == "punct" and sep[1] in ("=", ":", "+="):
            self.take()
            op = sep[1]
        elif sep[0] == "punct" and sep[1] == "{":
            op = "="
        else:
            raise HoconError("expected '=', ':' or '{' after %s" % ".".join(path))
        nxt = self.peek(skip=("ws", "nl"))
        if op != "+=" and nxt[0] == "punct" and nxt[1] == "{" and self._object_alone():
            # An object value merges with what the path holds already: its
            # fields are written straight into place.
            self.take(skip=("ws", "nl"))
            if target is None:
                self._ensure_object(path)
                self.object_body(path, closing="}")
            else:
                node = _object_at(target, path[len(prefix):])
                self.object_body(path, closing="}", target=(node, path))
            return
        start = nxt[2]
        found, value, end = self.value()
        if op == "+=":
            try:
                old = self.lookup(path) if target is None else _get(target[0], path[len(prefix):])
            except KeyError:
                old = []
            if not isinstance(old, list):
                raise HoconError("+= on %s, which is not an array" % ".".join(path))
            value, found = old + [value], True
        if not found:
            return  # ${?missing}: the field is not set at all
        if target is None:
            _assign(self.root, path, value)
            self._forget_spans(path)
            if not isinstance(value, dict):
                self.spans[tuple(path)] = (start, end)
        else:
            _assign(target[0], path[len(prefix):], value)

    def _object_alone(self):
        """True when the `{` ahead starts a value that is only that object."""
        pos, depth = self.pos, 0
        while pos < len(self.toks) and self.toks[pos][0] in ("ws", "nl"):
            pos += 1
        while pos < len(self.toks):
            kind, value = self.toks[pos][:2]
            if kind == "punct" and value in ("{", "["):
                depth += 1
            elif kind == "punct" and value in ("}", "]"):
                depth -= 1
                if depth == 0:
                    break
            pos += 1
        else:
            return True  # unbalanced: object_body reports the missing brace
        pos += 1
        while pos < len(self.toks) and self.toks[pos][0] == "ws":
            pos += 1
        return (pos >= len(self.toks) or self.toks[pos][0] == "nl"
                or (self.toks[pos][0] == "punct" and self.toks[pos][1] in (",", "}")))

    def _ensure_object(self, path):
        node = self.root
        for depth, element in enumerate(path, 1):
            if not isinstance(node.get(element), dict):
                node[element] = {}
                self.spans.pop(tuple(path[:depth]), None)
                self._forget_spans(path[:depth])
            node = node[element]

    def _forget_spans(self, path):
        path = tuple(path)
        for key in [k for k in self.spans if k[:len(path)] == path and k != path]:
            del self.spans[key]

    def value(self):
        """One value up to the end of the line, a comma or a closing bracket.

        Returns (found, value, end offset).  found is False only for an
        optional substitution that resolved to nothing.
        """
        pieces, end = [], None
        while True:
            tok = self.toks[self.pos] if self.pos < len(self.toks) else ("eof", None, None, None)
            kind, val = tok[0], tok[1]
            if kind in ("eof", "nl") or (kind == "punct" and val in (",", "}", "]")):
                break
            self.pos += 1
            if kind == "ws":
                pieces.append(("ws", val))
                continue
            end = tok[3]
            if kind == "punct" and val == "{":
                obj = {}
                self.object_body([], closing="}", target=(obj, []))
                pieces.append(("value", obj))
                end = self.toks[self.pos - 1][3]
            elif kind == "punct" and val == "[":
                pieces.append(("value", self.array()))
                end = self.toks[self.pos - 1][3]
            elif kind == "subst":
                optional = val.startswith("?")
                name = val[1:].strip() if optional else val
                try:
                    pieces.append(("value", self.lookup(parse_path(name))))
                except KeyError:
                    if name in os.environ:
                        pieces.append(("value", os.environ[name]))
                    elif optional:
                        pieces.append(("missing", None))
                    else:
                        raise HoconError("substitution ${%s} is not defined" % name) from None
            elif kind == "str":
                pieces.append(("str", val))
            elif kind == "word":
                pieces.append(("word", val))
            else:
                raise HoconError("unexpected %r at offset %d" % (val, tok[2]))
        while pieces and pieces[-1][0] == "ws":
            pieces.pop()
        while pieces and pieces[0][0] == "ws":
            pieces.pop(0)
        if not pieces:
            raise HoconError("a key has no value")
        solid = [p for p in pieces if p[0] != "ws"]
        present = [p for p in solid if p[0] != "missing"]
        if not present:
            return False, None, end
        if len(solid) == 1 and solid[0][0] == "word":
            return True, _scalar(solid[0][1]), end
        if len(present) == 1 and present[0][0] != "word":
            return True, present[0][1], end
        values = [p[1] for p in present]
        if all(isinstance(v, list) for v in values):
            return True, [item for v in values for item in v], end
        if all(isinstance(v, dict) for v in values):
            merged = {}
            for v in values:
                _merge(merged, v)
            return True, merged, end
        text = ""
        for kind, val in pieces:
            if kind == "missing":
                continue
            if kind == "value":
                if isinstance(val, (dict, list)):
                    raise HoconError("an object or array inside a string")
                val = json.dumps(val) if isinstance(val, bool) or val is None else str(val)
            text += val
        return True, text, end

    def array(self):
        items = []
        while True:
            tok = self.peek(skip=("ws", "nl"))
            if tok[0] == "eof":
                raise HoconError("missing ']'")
            if tok[0] == "punct" and tok[1] == "]":
                self.take(skip=("ws", "nl"))
                return items
            if tok[0] == "punct" and tok[1] == ",":
                self.take(skip=("ws", "nl"))
                continue
            self.skip()
            found, value = self.value()[:2]
            if found:
                items.append(value)


def _get(node, path):
    for element in path:
        if not isinstance(node, dict) or element not in node:
            raise KeyError(".".join(path))
        node = node[element]
    return node


def _object_at(node, path):
    for element in path:
        if not isinstance(node.get(element), dict):
            node[element] = {}
        node = node[element]
    return node


def _merge(into, other):
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _assign(root, path, value):
    node = _object_at(root, path[:-1])
    if isinstance(value, dict) and isinstance(node.get(path[-1]), dict):
        _merge(node[path[-1]], value)
    else:
        node[path[-1]] = value


def parse_hocon(text):
    """The document as nested dicts and lists, and where each leaf was set."""
    parser = _Parser(text)
    root = parser.parse()
    return root, parser.spans


def read_hocon(path):
    with open(path, encoding="utf-8") as handle:
        return parse_hocon(handle.read())[0]


def hocon_get(conf, dotted):
    """conf's value at a dotted path, or None when it is not there."""
    try:
        return _get(conf, parse_path(dotted))
    except KeyError:
        return None


def _render_path(path):
    return ".".join(p if re.fullmatch(r"[A-Za-z0-9_-]+", p) else json.dumps(p) for p in path)


def hocon_command(argv):
    """`hocon FILE get PATH` prints the value as JSON (exit 1 when missing);
    `hocon FILE set PATH VALUE` writes VALUE (HOCON text, quotes included)
    where the file sets PATH last, or adds `PATH = VALUE` at its end, and
    leaves everything else as it is (the file is rewritten in place, so its
    owner and mode stay)."""
    parser = argparse.ArgumentParser(prog="standin-service.py hocon", description=hocon_command.__doc__)
    parser.add_argument("file")
    parser.add_argument("action", choices=["get", "set"])
    parser.add_argument("path")
    parser.add_argument("value", nargs="?")
    args = parser.parse_args(argv)
    path = parse_path(args.path)
    try:
        with open(args.file, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        if args.action == "get":
            return 1
        text = ""
    root, spans = parse_hocon(text)
    if args.action == "get":
        try:
            print(json.dumps(_get(root, path)))
        except KeyError:
            return 1
        return 0
    if args.value is None:
        parser.error("set needs a value")
    found, value = _Parser(args.value).value()[:2]
    if not found:
        raise HoconError("the value %r is empty" % args.value)
    span = spans.get(tuple(path))
    if span is not None:
        text = text[:span[0]] + args.value + text[span[1]:]
    else:
        if text and not text.endswith("\n"):
            text += "\n"
        text += "%s = %s\n" % (_render_path(path), args.value)
    check = parse_hocon(text)[0]
    if _get(check, path) != value:
        raise HoconError("could not set %s" % args.path)
    with open(args.file, "r+" if os.path.exists(args.file) else "w", encoding="utf-8") as handle:
        handle.seek(0)
        handle.write(text)
        handle.truncate()
    return 0


# logging.properties (java.util.logging) --------------------------------------

# java.util.logging's levels on Python's scale.
JUL_LEVELS = {
    "OFF": logging.CRITICAL + 50,
    "SEVERE": logging.ERROR,
    "WARNING": logging.WARNING,
    "INFO": logging.INFO,
    "CONFIG": 15,
    "FINE": logging.DEBUG,
    "FINER": 5,
    "FINEST": 2,
    "ALL": 1,
}
HANDLER_CLASSES = ("java.util.logging.ConsoleHandler", "java.util.logging.FileHandler")


def read_properties(path):
    """key -> value of a Java properties file (comments, continuations)."""
    values = {}
    try:
        with open(path, encoding="latin-1") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    logical, buffer = [], ""
    for line in lines:
        stripped = line.lstrip()
        if not buffer and (not stripped or stripped[0] in "#!"):
            continue
        if re.search(r"(?<!\\)(\\\\)*\\$", stripped):
            buffer += stripped[:-1]
            continue
        logical.append(buffer + stripped)
        buffer = ""
    if buffer:
        logical.append(buffer)
    for line in logical:
        match = re.match(r"((?:\\.|[^=:\s])+)\s*[=:\s]\s*(.*)$", line)
        if match:
            values[match.group(1).replace("\\", "")] = match.group(2).strip()
        else:
            values[line.strip()] = ""
    return values


def jul_level(text):
    name = text.strip().upper()
    if name in JUL_LEVELS:
        return JUL_LEVELS[name]
    if re.fullmatch(r"-?\d+", name):
        # Numeric levels: OFF is Integer.MAX_VALUE, SEVERE 1000 ... FINEST 300.
        number = int(name)
        for bound, named in ((2 ** 31 - 1, "OFF"), (1000, "SEVERE"), (900, "WARNING"), (800, "INFO"),
                             (700, "CONFIG"), (500, "FINE"), (400, "FINER"), (300, "FINEST")):
            if number >= bound:
                return JUL_LEVELS[named]
        return JUL_LEVELS["ALL"]
    raise ValueError("unknown java.util.logging level %r" % text)


def setup_logging(role):
    """Loggers and handlers as the service's logging.properties says.

    Like upstream: `.level` is the root level, `<logger>.level` lines set the
    level below a logger name, `handlers` names where records go.  The
    console handler writes to the log file upstream's unit redirects the
    console to (/var/log/jitsi/jvb.log or jicofo.log); a FileHandler writes
    to its pattern.  Without the file, java.util.logging's defaults apply:
    INFO, on the console.  Returns the problems met, to log once set up.
    """
    for name, level in JUL_LEVELS.items():
        logging.addLevelName(level, name)
    props = read_properties(role["logging"])
    problems = []
    if props is None:
        problems.append("%s is missing: INFO on the console" % role["logging"])
        props = {"handlers": "java.util.logging.ConsoleHandler", ".level": "INFO"}

    root = logging.getLogger()
    root.handlers[:] = []
    root.setLevel(logging.INFO)
    for key, value in props.items():
        if not key.endswith(".level") or key.startswith(HANDLER_CLASSES):
            continue
        try:
            level = jul_level(value)
        except ValueError as err:
            problems.append(str(err))
            continue
        if key == ".level":
            root.setLevel(level)
        else:
            logging.getLogger(key[:-len(".level")]).setLevel(level)

    formatter = logging.Formatter(
        role["program"] + " %(asctime)s.%(msecs)03d %(levelname)s: [%(threadName)s] %(name)s: %(message)s",
        "%Y-%m-%d %H:%M:%S")
    targets = {}
    for name in re.split(r"[\s,]+", props.get("handlers", "")):
        if name == "java.util.logging.ConsoleHandler":
            targets.setdefault(role["log_file"], name)
        elif name == "java.util.logging.FileHandler":
            pattern = props.get(name + ".pattern", "%h/java%u.log")
            pattern = (pattern.replace("%h", os.path.expanduser("~")).replace("%t", "/tmp")
                       .replace("%u", "0").replace("%g", "0").replace("%%", "%"))
            targets.setdefault(pattern, name)
        elif name:
            problems.append("handler %s is not supported by the stand-in" % name)
    for path, name in targets.items():
        try:
            handler = logging.FileHandler(path, mode="a", encoding="utf-8")
        except OSError as err:
            problems.append("cannot write %s (%s): logging to stderr" % (path, err))
            handler = logging.StreamHandler(sys.stderr)
        try:
            handler.setLevel(jul_level(props.get(name + ".level", "ALL")))
        except ValueError as err:
            problems.append(str(err))
        handler.setFormatter(formatter)
        root.addHandler(handler)
    if not targets:
        # java.util.logging with no handlers logs nothing.
        root.addHandler(logging.NullHandler())
    return problems


# XMPP ----------------------------------------------------------------------

class XmppError(Exception):
    pass


class XmppSession:
    """One XMPP c2s session, reopened whenever it drops."""

    def __init__(self, host, port, domain, username, password, rooms, nick, verify, focus=None, bridge=None):
        self.host, self.port, self.domain = host, port, domain
        self.username, self.password = username, password
        self.rooms, self.nick, self.verify = rooms, nick, verify
        self.focus = focus
        # As the bridge: what its presence in the brewery carries.
        self.bridge = bridge
        self.jid = None
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._sock = None
        self._parser = None
        self._depth = 0
        self._pending = []

    @property
    def up(self):
        with self._lock:
            return self.jid is not None

    def run_forever(self):
        attempt = 0
        while True:
            try:
                log.info("Connecting to %s:%s as %s@%s", self.host, self.port, self.username, self.domain)
                self._session()
            except (OSError, XmppError, ET.ParseError, ssl.SSLError) as err:
                log.warning("XMPP session to %s:%s as %s@%s is down: %s",
                            self.host, self.port, self.username, self.domain, err)
            with self._lock:
                if self.jid is not None:
                    attempt = 0
                self.jid = None
            if self._sock is not None:
                self._sock.close()
                self._sock = None
            time.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
            attempt += 1

    # stream plumbing ---------------------------------------------------
    def _send(self, data):
        with self._send_lock:
            self._sock.sendall(data.encode("utf-8"))

    def _room_presence(self, room, join):
        extra = self.bridge.presence_stats() if self.bridge is not None else ""
        return "<presence to=%s>%s%s</presence>" % (quoteattr("%s/%s" % (room, self.nick)),
                                                    "<x xmlns='%s'/>" % NS_MUC if join else "", extra)

    def publish(self):
        """Send the rooms this session's presence again (the bridge's stats changed)."""
        with self._lock:
            if self.jid is None:
                return
        for room in self.rooms:
            self._send(self._room_presence(room, join=False))

    def leave(self):
        """Leave the rooms and close the stream, as a bridge that shuts down does."""
        with self._lock:
            if self.jid is None:
                return
        for room in self.rooms:
            self._send("<presence type='unavailable' to=%s/>" % quoteattr("%s/%s" % (room, self.nick)))
        self._send("</stream:stream>")

    def _open_stream(self):
        self._parser = ET.XMLPullParser(events=("start", "end"))
        self._depth = 0
        self._pending = []
        self._send("<?xml version='1.0'?><stream:stream to=%s version='1.0' "
                   "xmlns='jabber:client' xmlns:stream='%s'>"
                   % (quoteattr(self.domain), NS_STREAM))
        features = self._next()
        if features.tag != "{%s}features" % NS_STREAM:
            raise XmppError("expected stream features, got %s" % features.tag)
        return features

    def _next(self):
        """Return the next complete top-level stanza of the stream."""
        while not self._pending:
            data = self._sock.recv(65536)
            if not data:
                raise XmppError("server closed the connection")
            self._parser.feed(data)
            for event, elem in self._parser.read_events():
                if event == "start":
                    self._depth += 1
                    continue
                self._depth -= 1
                if self._depth == 0:
                    raise XmppError("server closed the stream")
                if self._depth == 1:
                    self._pending.append(elem)
        elem = self._pending.pop(0)
        if elem.tag == "{%s}error" % NS_STREAM:
            raise XmppError("stream error: %s" % ",".join(c.tag.split("}")[-1] for c in elem))
        return elem

    # session setup ------------------------------------------------------
    def _session(self):
        self._sock = socket.create_connection((self.host, self.port), timeout=15)
        features = self._open_stream()
        if features.find("{%s}starttls" % NS_TLS) is None:
            raise XmppError("server offers no STARTTLS")
        self._send("<starttls xmlns='%s'/>" % NS_TLS)
        if self._next().tag != "{%s}proceed" % NS_TLS:
            raise XmppError("server refused STARTTLS")
        context = ssl.create_default_context()
        if not self.verify:
            # Mirrors upstream's DISABLE_CERTIFICATE_VERIFICATION switch.
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        self._sock = context.wrap_socket(self._sock, server_hostname=self.domain)

        features = self._open_stream()
        mechanisms = [m.text for m in features.iter("{%s}mechanism" % NS_SASL)]
        if "PLAIN" not in mechanisms:
            raise XmppError("server offers no SASL PLAIN (offers %s)" % mechanisms)
        token = base64.b64encode(("\0%s\0%s" % (self.username, self.password)).encode()).decode()
        self._send("<auth xmlns='%s' mechanism='PLAIN'>%s</auth>" % (NS_SASL, token))
        answer = self._next()
        if answer.tag != "{%s}success" % NS_SASL:
            reason = ",".join(c.tag.split("}")[-1] for c in answer)
            raise XmppError("authentication as %s@%s failed: %s" % (self.username, self.domain, reason))

        features = self._open_stream()
        if features.find("{%s}bind" % NS_BIND) is None:
            raise XmppError("server offers no resource binding")
        self._send("<iq type='set' id='bind'><bind xmlns='%s'><resource>%s</resource></bind></iq>"
                   % (NS_BIND, escape(self.nick)))
        answer = self._next()
        jid = answer.findtext("{%s}bind/{%s}jid" % (NS_BIND, NS_BIND))
        if answer.get("type") != "result" or not jid:
            raise XmppError("resource binding failed")
        session = features.find("{%s}session" % NS_SESSION)
        if session is not None and session.find("{%s}optional" % NS_SESSION) is None:
            self._send("<iq type='set' id='session'><session xmlns='%s'/></iq>" % NS_SESSION)
            if self._next().get("type") != "result":
                raise XmppError("session establishment failed")
        self._send("<presence/>")
        for room in self.rooms:
            self._send(self._room_presence(room, join=True))
            log.info("Joined %s as %s", room, self.nick)
        if self.focus is not None:
            self.focus.start(self, jid)
        with self._lock:
            self.jid = jid
        log.info("XMPP session up as %s (server %s:%s)", jid, self.host, self.port)
        self._serve()

    def _serve(self):
        self._sock.settimeout(KEEPALIVE_SECONDS)
        while True:
            try:
                stanza = self._next()
            except socket.timeout:
                self._send(" ")
                if self.focus is not None:
                    self.focus.tick()
                continue
            if self.focus is not None and self.focus.handle(stanza):
                continue
            if stanza.tag == "{jabber:client}iq" and stanza.get("type") in ("get", "set"):
                self._answer_iq(stanza)

    def send(self, data):
        self._send(data)

    def _answer_iq(self, iq):
        to = quoteattr(iq.get("from", self.domain))
        ident = quoteattr(iq.get("id", ""))
        if iq.find("{%s}ping" % NS_PING) is not None:
            self._send("<iq type='result' to=%s id=%s/>" % (to, ident))
            return
        self._send("<iq type='error' to=%s id=%s><error type='cancel'>"
                   "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                   "</error></iq>" % (to, ident))


class Focus:
    """jicofo's answer to conference requests, for the stand-in.

    As upstream's jicofo: it announces itself to its client proxy
    (focus.<domain>) with presence, so that prosody's client_proxy relays
    clients' requests to it; a request is an iq set with
    <conference xmlns='http://jitsi.org/protocol/focus' room='ROOM'/> from
    <client proxy>/<client's full JID>.  For a room it does not run yet it
    joins the room as `focus` (prosody lets it create the room: it is the
    conference MUC's admin) and answers ready='true' once it is in; for a
    room it runs it answers at once.  With jicofo.authentication.enabled
    (type XMPP or JWT) a requester whose JID is not on the login-url domain
    may not start a conference: error auth/not-authorized, text "not
    authorized user domain", the request's <conference/> echoed; it may
    join one that runs.  A request without machine-uid is refused then
    (modify/not-acceptable).  It leaves a room when its last participant
    leaves, or when nobody joined within CONFERENCE_IDLE_SECONDS.
    """

    def __init__(self, client_proxy, auth_enabled=False, auth_type="XMPP", login_domain=None, brewery=None):
        self.client_proxy = client_proxy
        self.brewery = brewery
        self.auth_enabled, self.auth_type, self.login_domain = auth_enabled, auth_type, login_domain
        self.session = None
        self.jid = None
        self.rooms = {}

    def start(self, session, jid):
        self.session, self.jid = session, jid
        self.rooms = {}
        if self.brewery is not None:
            self.brewery.reset()
        if self.client_proxy:
            session.send("<presence to=%s/>" % quoteattr(self.client_proxy))
            log.info("Announced to the client proxy %s", self.client_proxy)
        if self.auth_enabled:
            log.info("Authentication %s: conferences are started by users of %s",
                     self.auth_type, self.login_domain)

    # helpers -----------------------------------------------------------
    def _requester(self, sender):
        """The client's JID, read back from the client proxy's resource."""
        bare, _slash, resource = sender.partition("/")
        if self.client_proxy and bare.lower() == self.client_proxy.lower() and resource:
            return resource
        return sender

    @staticmethod
    def _domain(address):
        return address.split("/", 1)[0].rsplit("@", 1)[-1].lower()

    def _reply(self, iq, body, kind="result"):
        self.session.send("<iq type=%s to=%s id=%s>%s</iq>"
                          % (quoteattr(kind), quoteattr(iq.get("from", "")), quoteattr(iq.get("id", "")), body))

    def _error(self, iq, conference, kind, condition, text):
        echoed = "<conference xmlns='%s'%s/>" % (NS_FOCUS, "".join(
            " %s=%s" % (name, quoteattr(value)) for name, value in conference.attrib.items() if "}" not in name))
        self._reply(iq, "<error type=%s><%s xmlns='%s'/><text xmlns='%s' xml:lang='en'>%s</text></error>%s"
                    % (quoteattr(kind), condition, NS_STANZAS, NS_STANZAS, escape(text), echoed), "error")

    def _ready(self, iq, room, identity):
        extra = ""
        if identity:
            extra = " session-id=%s identity=%s" % (quoteattr(os.urandom(8).hex()), quoteattr(identity))
        self._reply(iq, "<conference xmlns='%s' ready='true' room=%s focusjid=%s%s>"
                        "<property name='authentication' value=%s/>"
                        "<property name='externalAuth' value='false'/></conference>"
                    % (NS_FOCUS, quoteattr(room), quoteattr(self.jid.split("/")[0]), extra,
                       quoteattr("true" if self.auth_enabled else "false")))

    # events ------------------------------------------------------------
    def handle(self, stanza):
        if stanza.tag == "{jabber:client}iq" and stanza.get("type") == "set":
            conference = stanza.find("{%s}conference" % NS_FOCUS)
            if conference is not None:
                self._conference_request(stanza, conference)
                return True
        if stanza.tag == "{jabber:client}presence":
            if self.brewery is not None and self.brewery.handle(stanza):
                return True
            return self._room_presence(stanza)
        return False

    def _conference_request(self, iq, conference):
        requester = self._requester(iq.get("from", ""))
        room = (conference.get("room") or "").lower()
        if "@" not in room:
            self._error(iq, conference, "modify", "bad-request", "missing or invalid room")
            return
        running = room in self.rooms
        identity = None
        if self.auth_enabled:
            if not (conference.get("machine-uid") or "").strip():
                self._error(iq, conference, "modify", "not-acceptable", "Missing mandatory attribute 'machine-uid'")
                return
            if self.login_domain and self._domain(requester) == self.login_domain.lower():
                identity = requester.split("/", 1)[0]
            if not running and identity is None:
                log.info("Refused to start %s for %s: not authorized user domain", room, requester)
                self._error(iq, conference, "auth", "not-authorized", "not authorized user domain")
                return
        log.info("Focus request for room: %s (from %s)", room, requester)
        state = self.rooms.get(room)
        if state is None:
            state = self.rooms[room] = {"joined": False, "waiting": [], "occupants": set(),
                                        "seen": False, "since": time.monotonic()}
            self.session.send("<presence to=%s><x xmlns='%s'/></presence>"
                              % (quoteattr("%s/focus" % room), NS_MUC))
        if state["joined"]:
            self._ready(iq, room, identity)
        else:
            state["waiting"].append((iq, identity))

    def _room_presence(self, presence):
        room, _slash, nick = presence.get("from", "").partition("/")
        room = room.lower()
        state = self.rooms.get(room)
        if state is None:
            return False
        kind = presence.get("type")
        statuses = {s.get("code") for s in presence.iter("{%s}status" % NS_MUC_USER)}
        if nick == "focus" or "110" in statuses:
            if kind == "error":
                log.warning("Could not start the conference in %s", room)
                del self.rooms[room]
                for iq, _when in state["waiting"]:
                    self._reply(iq, "<error type='cancel'><internal-server-error xmlns='%s'/></error>"
                                % NS_STANZAS, "error")
            elif kind is None and not state["joined"]:
                state["joined"] = True
                log.info("Conference started in %s", room)
                for iq, identity in state["waiting"]:
                    self._ready(iq, room, identity)
                state["waiting"] = []
            return True
        if kind == "unavailable":
            state["occupants"].discard(nick)
            if state["seen"] and not state["occupants"]:
                self._leave(room, "its last participant left")
        elif kind is None:
            state["occupants"].add(nick)
            state["seen"] = True
        return True

    def _leave(self, room, why):
        self.rooms.pop(room, None)
        self.session.send("<presence type='unavailable' to=%s/>" % quoteattr("%s/focus" % room))
        log.info("Conference in %s ended: %s", room, why)

    def tick(self):
        now = time.monotonic()
        for room, state in list(self.rooms.items()):
            if not state["seen"] and now - state["since"] > CONFERENCE_IDLE_SECONDS:
                self._leave(room, "nobody joined")


class Brewery:
    """The bridges jicofo sees in the brewery room, counted as upstream's
    bridge selector counts them: a bridge is added with its first presence
    there, operational while its stats do not say healthy=false, in
    shutdown while they say graceful_shutdown or shutting_down, and removed
    when it leaves; one that leaves without having announced a shutdown is
    a lost bridge."""

    def __init__(self, room):
        self.room = (room or "").lower()
        self._lock = threading.Lock()
        self.bridges = {}
        self.lost = 0

    def reset(self):
        # jicofo's own session went down: it sees the room afresh on joining.
        with self._lock:
            self.bridges = {}

    def handle(self, presence):
        room, _slash, nick = presence.get("from", "").partition("/")
        if not self.room or room.lower() != self.room or not nick:
            return False
        statuses = {s.get("code") for s in presence.iter("{%s}status" % NS_MUC_USER)}
        if nick == "focus" or "110" in statuses:
            return True
        jid = "%s/%s" % (self.room, nick)
        kind = presence.get("type")
        with self._lock:
            if kind == "unavailable":
                bridge = self.bridges.pop(jid, None)
                if bridge is not None and not (bridge["graceful_shutdown"] or bridge["shutting_down"]):
                    self.lost += 1
                    log.warning("Lost a bridge: %s", jid)
                elif bridge is not None:
                    log.info("Removed bridge %s after its shutdown", jid)
                return True
            if kind is not None:
                return True
            stats = {stat.get("name"): stat.get("value")
                     for stat in presence.iter("{%s}stat" % NS_COLIBRI) if stat.get("name")}
            if jid not in self.bridges:
                log.info("Added new videobridge: %s", jid)
            self.bridges[jid] = {
                "operational": stats.get("healthy", "true") != "false",
                "graceful_shutdown": stats.get("graceful_shutdown") == "true",
                "shutting_down": stats.get("shutting_down") == "true",
                "stress": stats.get("stress_level"),
                "region": stats.get("region"),
                "version": stats.get("version"),
                "relay_id": stats.get("relay_id"),
            }
        return True

    def stats(self):
        with self._lock:
            bridges = list(self.bridges.values())
            return {
                "bridge_count": len(bridges),
                "operational_bridge_count": sum(1 for b in bridges if b["operational"]),
                "in_shutdown_bridge_count": sum(1 for b in bridges if b["graceful_shutdown"]),
                "lost_bridges": self.lost,
                "bridge_version_count": len({b["version"] for b in bridges}),
            }

    def debug(self):
        with self._lock:
            return {"strategy": "SingleBridgeSelectionStrategy",
                    "bridge": {jid: dict(state) for jid, state in self.bridges.items()}}


def parse_duration(value, default):
    """Seconds of a HOCON duration such as "1 minutes", "5 seconds", 30."""
    if value is None:
        return default
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]*)\s*", str(value))
    if not match:
        return default
    number, unit = float(match.group(1)), match.group(2)
    for names, factor in ((("", "ms", "millis", "milliseconds", "millisecond"), None),
                          (("s", "second", "seconds"), 1), (("m", "minute", "minutes"), 60),
                          (("h", "hour", "hours"), 3600)):
        if unit in names:
            return number / 1000 if factor is None else number * factor
    return default


class Bridge:
    """The bridge's side of the pool: the stats its brewery presence
    carries, and the graceful shutdown of its private REST API (upstream:
    POST /colibri/shutdown, enabled by videobridge.apis.rest.enabled and
    videobridge.rest.shutdown.enabled).  In graceful shutdown it takes no
    new conference; once none is left (the stand-in never runs one) it
    announces shutting_down, waits videobridge.shutdown.shutting-down-delay
    for jicofo to move participants away, leaves the brewery and exits."""

    def __init__(self, conf, nick):
        self.region = hocon_get(conf, "videobridge.relay.region")
        self.relay_id = hocon_get(conf, "videobridge.relay.relay-id") or nick
        self.shutdown_enabled = (_truthy(hocon_get(conf, "videobridge.apis.rest.enabled"))
                                 and _truthy(hocon_get(conf, "videobridge.rest.shutdown.enabled")))
        self.shutting_down_delay = parse_duration(hocon_get(conf, "videobridge.shutdown.shutting-down-delay"), 60)
        self.graceful_shutdown = False
        self.shutting_down = False
        self.sessions = []

    def presence_stats(self):
        stats = [("stress_level", "0.0"), ("healthy", "true"), ("version", VERSIONS["jvb"]),
                 ("relay_id", self.relay_id), ("graceful_shutdown", json.dumps(self.graceful_shutdown)),
                 ("shutting_down", json.dumps(self.shutting_down)), ("conferences", "0")]
        if self.region:
            stats.append(("region", str(self.region)))
        return "<stats xmlns='%s'>%s</stats>" % (NS_COLIBRI, "".join(
            "<stat name=%s value=%s/>" % (quoteattr(name), quoteattr(str(value))) for name, value in stats))

    def shutdown(self, graceful):
        if self.graceful_shutdown or self.shutting_down:
            return
        log.info("%s shutdown requested", "Graceful" if graceful else "Immediate")
        self.graceful_shutdown = graceful
        threading.Thread(target=self._shut_down, args=(graceful,), daemon=True).start()

    def _publish(self):
        for session in self.sessions:
            try:
                session.publish()
            except OSError as err:
                log.warning("Could not publish the presence: %s", err)

    def _shut_down(self, graceful):
        if graceful:
            self._publish()
            # No conference runs on the stand-in: it goes on at once.
            self.shutting_down = True
            self._publish()
            log.info("SHUTTING_DOWN, exiting in %s s", self.shutting_down_delay)
            time.sleep(self.shutting_down_delay)
        for session in self.sessions:
            try:
                session.leave()
            except OSError:
                pass
        log.info("Videobridge shut down")
        logging.shutdown()
        os._exit(0)  # pylint: disable=protected-access


# HTTP ----------------------------------------------------------------------

class _QuietHandler(http.server.BaseHTTPRequestHandler):
    server_version = "jitsi-test-standin"

    def _reply(self, status, body, content_type="application/json"):
        data = json.dumps(body).encode() if content_type == "application/json" else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def make_health_handler(sessions, name, brewery=None, bridge=None):
    class Handler(_QuietHandler):
        def do_GET(self):  # noqa: N802 (name fixed by http.server)
            if self.path == "/about/health":
                if not (sessions and all(s.up for s in sessions)):
                    self._reply(500, {"error": "XMPP session is not up (test stand-in)"})
                elif brewery is not None and brewery.stats()["operational_bridge_count"] == 0:
                    self._reply(500, {"error": "No operational bridges available (test stand-in)"})
                else:
                    self._reply(200, {})
            elif self.path == "/about/version":
                self._reply(200, {"name": name, "standin": True})
            elif brewery is not None and self.path == "/stats":
                self._reply(200, {"bridge_selector": brewery.stats()})
            elif brewery is not None and self.path.split("?")[0] == "/debug":
                self._reply(200, {"bridge_selector": brewery.debug()})
            else:
                self._reply(404, {"error": "not found"})

        def do_POST(self):  # noqa: N802 (name fixed by http.server)
            if bridge is None or self.path != "/colibri/shutdown" or not bridge.shutdown_enabled:
                self._reply(404, {"error": "not found"})
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length).decode("utf-8") or "{}")
            except ValueError:
                self._reply(400, {"error": "the body is not JSON"})
                return
            graceful = str(body.get("graceful-shutdown", "false")).lower() == "true"
            self._reply(200, {})
            bridge.shutdown(graceful)

    return Handler


def make_public_handler(websockets):
    class Handler(_QuietHandler):
        """The bridge's public HTTP server: colibri websockets when enabled."""

        def do_GET(self):  # noqa: N802 (name fixed by http.server)
            if websockets and self.path.startswith("/colibri-ws/"):
                self._reply(400, b"colibri-ws test stand-in: websockets are not implemented\n", "text/plain")
            else:
                self._reply(404, b"not found (jitsi-videobridge test stand-in)\n", "text/plain")

    return Handler


def serve_http(host, port, handler):
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def drain_udp(port):
    """Hold the media port as the bridge does; datagrams are dropped."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("0.0.0.0", port))

    def loop():
        while True:
            sock.recvfrom(2048)

    threading.Thread(target=loop, daemon=True).start()


# Configuration -------------------------------------------------------------

def _truthy(value):
    return value is True or str(value).strip().lower() == "true"


def _field(config, name, default=None):
    """A shard field, spelt upper case (upstream's jvb.conf) or lower case."""
    for key in (name.upper(), name.lower(), name.lower().replace("_", "-")):
        if key in config:
            return config[key]
    return default


def jvb_logins(conf):
    """One login per xmpp-client config of jvb.conf (upstream: shard0)."""
    configs = hocon_get(conf, "videobridge.apis.xmpp-client.configs") or {}
    logins = []
    for shard, config in sorted(configs.items()):
        if not isinstance(config, dict):
            continue
        rooms = _field(config, "MUC_JIDS", [])
        if isinstance(rooms, str):
            rooms = [r.strip() for r in rooms.split(",") if r.strip()]
        logins.append({
            "name": shard,
            "host": str(_field(config, "HOSTNAME", "localhost")),
            "port": int(_field(config, "PORT", 5222)),
            "domain": _field(config, "DOMAIN"),
            "username": _field(config, "USERNAME"),
            "password": _field(config, "PASSWORD"),
            "rooms": rooms,
            "nick": str(_field(config, "MUC_NICKNAME", "jvb")),
            "verify": not _truthy(_field(config, "DISABLE_CERTIFICATE_VERIFICATION", False)),
        })
    return logins


def jicofo_logins(conf):
    client = hocon_get(conf, "jicofo.xmpp.client") or {}
    room = hocon_get(conf, "jicofo.bridge.brewery-jid")
    return [{
        "name": "client",
        "host": str(client.get("hostname", "localhost")),
        "port": int(client.get("port", 5222)),
        "domain": client.get("domain"),
        "username": client.get("username"),
        "password": client.get("password"),
        "rooms": [room] if room else [],
        "nick": "focus",
        "verify": not _truthy(client.get("disable-certificate-verification", False)),
    }]


def jicofo_focus(conf):
    """The conference focus: client proxy and authentication of jicofo.conf."""
    auth = hocon_get(conf, "jicofo.authentication") or {}
    enabled = _truthy(auth.get("enabled", False))
    login_url = str(auth.get("login-url") or "")
    # login-url names the domain users log in on (XMPP: the host of the
    # accounts; JWT: the token host); a URL form is reduced to its host.
    login_domain = re.sub(r"^[a-z]+://", "", login_url).split("/", 1)[0] or None
    return Focus(hocon_get(conf, "jicofo.xmpp.client.client-proxy"), enabled,
                 str(auth.get("type", "XMPP")).upper(), login_domain,
                 Brewery(hocon_get(conf, "jicofo.bridge.brewery-jid")))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "hocon":
        try:
            return hocon_command(argv[1:])
        except HoconError as err:
            print("hocon (test stand-in): %s" % err, file=sys.stderr)
            return 2
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("role", choices=sorted(ROLES))
    args = parser.parse_args(argv)
    role = ROLES[args.role]
    global log
    log = logging.getLogger(role["logger"])
    problems = setup_logging(role)
    for problem in problems:
        log.warning("logging.properties: %s", problem)

    conf = read_hocon(role["config"])
    if args.role == "jvb":
        logins = jvb_logins(conf)
        health = (hocon_get(conf, "videobridge.http-servers.private.host") or "127.0.0.1",
                  int(hocon_get(conf, "videobridge.http-servers.private.port") or 8080))
    else:
        logins = jicofo_logins(conf)
        health = (hocon_get(conf, "jicofo.rest.host") or "127.0.0.1",
                  int(hocon_get(conf, "jicofo.rest.port") or 8888))
    if not logins:
        log.warning("%s names no XMPP login", role["config"])

    focus = jicofo_focus(conf) if args.role == "jicofo" else None
    bridge = Bridge(conf, logins[0]["nick"] if logins else "jvb") if args.role == "jvb" else None
    sessions = [XmppSession(login["host"], login["port"], login["domain"], login["username"],
                            login["password"], login["rooms"], login["nick"], login["verify"], focus, bridge)
                for login in logins]
    if bridge is not None:
        bridge.sessions = sessions
    serve_http(health[0], health[1], make_health_handler(sessions, role["service"],
                                                         focus.brewery if focus else None, bridge))
    if args.role == "jvb":
        # Since 2026-05-27 upstream's bridge opens its public HTTP server (the
        # colibri websockets, 9090 in older jvb.conf files) only when jvb.conf
        # gives it a port.
        public_port = hocon_get(conf, "videobridge.http-servers.public.port")
        if public_port not in (None, "", -1):
            websockets = _truthy(hocon_get(conf, "videobridge.websockets.enabled"))
            host = hocon_get(conf, "videobridge.http-servers.public.host") or "0.0.0.0"
            serve_http(host, int(public_port), make_public_handler(websockets))
            log.info("Public HTTP server on %s:%s, colibri websockets %s", host, public_port,
                     "enabled" if websockets else "disabled")
        drain_udp(10000)
    log.info("%s test stand-in started", role["service"])
    for session in sessions[1:]:
        threading.Thread(target=session.run_forever, daemon=True).start()
    if sessions:
        sessions[0].run_forever()
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
