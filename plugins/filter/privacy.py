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
import copy
import re

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.module_utils.logrotate import logrotate_lines

# ---------------------------------------------------------------------------
# JavaScript (config.js)
# ---------------------------------------------------------------------------


class _Unknown(object):
    """A value of config.js that is computed at run time in the browser."""

    def __repr__(self):
        return "<unknown>"


UNKNOWN = _Unknown()


class _Partial(object):
    """A string put together in the browser from literals and run-time
    values (subdir, subdomain, server-side includes): a list of segments,
    each a known string or UNKNOWN."""

    def __init__(self, segments):
        merged = []
        for segment in segments:
            if isinstance(segment, str):
                if not segment:
                    continue
                if merged and isinstance(merged[-1], str):
                    merged[-1] += segment
                    continue
            merged.append(segment)
        self.segments = merged

    def text(self, marker="\x00"):
        """The string with each unknown segment replaced by marker."""
        return "".join(segment if isinstance(segment, str) else marker for segment in self.segments)

    def __repr__(self):
        return "<partial %r>" % (self.segments,)


def _string(segments):
    """A string from segments: a str when all are known, else a _Partial."""
    partial = _Partial(segments)
    if all(isinstance(segment, str) for segment in partial.segments):
        return "".join(partial.segments)
    return partial


_SSI = re.compile(r"<!--#.*?-->", re.S)
_TEMPLATE = re.compile(r"\$\{[^}]*\}|<!--#.*?-->", re.S)


def _js_literal(value, kind="str"):
    """A string literal; a server-side include in it (`<!--# echo ... -->`)
    is filled in by the web server per request, and the `${...}` of a
    template literal by the browser, so those parts are unknown."""
    pattern = _TEMPLATE if kind == "tmpl" else _SSI
    if kind != "tmpl" and "<!--#" not in value:
        return value
    segments, last = [], 0
    for match in pattern.finditer(value):
        segments += [value[last:match.start()], UNKNOWN]
        last = match.end()
    segments.append(value[last:])
    return _string(segments)


_JS_OPERATORS = ("===", "!==", "...", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "=>",
                 "+=", "-=", "*=", "/=", "++", "--")


def _js_tokens(text, spans=None):
    """Tokens of JavaScript source: ('str', value), ('num', text),
    ('id', name), ('p', operator or punctuation).  Comments are dropped;
    template literals are read as strings.  spans, when given, receives the
    (start, end) offset of each token."""
    tokens = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        start = i
        if c in " \t\r\n":
            i += 1
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if c in "'\"`":
            j, chars = i + 1, []
            while j < n and text[j] != c:
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                chars.append(text[j])
                j += 1
            value = "".join(chars)
            token = ("tmpl" if c == "`" and "${" in value else "str", value)
            i = j + 1
        elif c.isdigit():
            m = re.match(r"[0-9][0-9a-fA-FxX._]*", text[i:])
            token = ("num", m.group(0))
            i += len(m.group(0))
        elif c.isalpha() or c in "_$":
            m = re.match(r"[A-Za-z0-9_$]+", text[i:])
            token = ("id", m.group(0))
            i += len(m.group(0))
        else:
            op = next((op for op in _JS_OPERATORS if text.startswith(op, i)), c)
            token = ("p", op)
            i += len(op)
        tokens.append(token)
        if spans is not None:
            spans.append((start, min(i, n)))
    return tokens


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_stringy(value):
    return isinstance(value, (str, _Partial))


def _truthy(value):
    """JavaScript truthiness: True, False, or None when it is not known."""
    if value is UNKNOWN:
        return None
    if isinstance(value, _Partial):
        return True if any(isinstance(s, str) for s in value.segments) else None
    if value is None:
        return False
    if isinstance(value, (bool, dict, list)):
        return bool(value) if isinstance(value, bool) else True
    if _is_number(value):
        return value != 0
    if isinstance(value, str):
        return value != ""
    return None


def _segments(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, _Partial):
        return list(value.segments)
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if value is None:
        return ["null"]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, float):
        return ["%d" % value if value == int(value) else repr(value)]
    return [UNKNOWN]


def _js_add(left, right):
    if _is_stringy(left) or _is_stringy(right):
        return _string(_segments(left) + _segments(right))
    if _is_number(left) and _is_number(right):
        return left + right
    return UNKNOWN


def _js_equal(left, right):
    """Strict equality of known values, or None when it is not known."""
    if left is UNKNOWN or right is UNKNOWN or isinstance(left, _Partial) or isinstance(right, _Partial):
        return None
    if isinstance(left, (dict, list)) or isinstance(right, (dict, list)):
        return left is right
    if isinstance(left, bool) != isinstance(right, bool) or _is_number(left) != _is_number(right):
        return False
    return left == right


def _js_binary(op, left, right):
    if op in ("||", "&&", "??"):
        if op == "??":
            known = left is not UNKNOWN and not isinstance(left, _Partial)
            return (right if left is None else left) if known else UNKNOWN
        truth = _truthy(left)
        if truth is None:
            return UNKNOWN
        return (left if truth else right) if op == "||" else (right if truth else left)
    if op in ("===", "!==", "==", "!="):
        equal = _js_equal(left, right)
        if equal is None:
            return UNKNOWN
        return equal if op in ("===", "==") else not equal
    if op == "+":
        return _js_add(left, right)
    if _is_number(left) and _is_number(right):
        try:
            return {"-": lambda: left - right, "*": lambda: left * right, "/": lambda: left / right,
                    "%": lambda: left % right, "<": lambda: left < right, ">": lambda: left > right,
                    "<=": lambda: left <= right, ">=": lambda: left >= right}[op]()
        except (KeyError, ZeroDivisionError):
            return UNKNOWN
    return UNKNOWN


def _js_member(value, key):
    if isinstance(key, bool) or not isinstance(key, (str, int)):
        return UNKNOWN
    if isinstance(value, dict):
        return value.get(str(key))
    if isinstance(value, (list, str)):
        if key == "length":
            return len(value)
        if isinstance(key, int) and isinstance(value, list):
            return value[key] if 0 <= key < len(value) else None
    return UNKNOWN


def _js_call(value, name, args):
    """The few string methods config.js uses in conditions."""
    arg = args[0] if args else None
    if isinstance(value, str):
        if name in ("toLowerCase", "toUpperCase", "trim"):
            return {"toLowerCase": value.lower, "toUpperCase": value.upper, "trim": value.strip}[name]()
        if name in ("startsWith", "endsWith", "includes") and isinstance(arg, str):
            return {"startsWith": value.startswith, "endsWith": value.endswith,
                    "includes": value.__contains__}[name](arg)
    if isinstance(value, _Partial) and name in ("startsWith", "endsWith") and isinstance(arg, str) and value.segments:
        known = value.segments[0] if name == "startsWith" else value.segments[-1]
        if isinstance(known, str):
            if (known.startswith(arg) if name == "startsWith" else known.endswith(arg)):
                return True
            if not (arg.startswith(known) if name == "startsWith" else arg.endswith(known)):
                return False
    return UNKNOWN


_JS_BINARY = [("||", "??"), ("&&",), ("==", "!=", "===", "!=="), ("<", ">", "<=", ">=", "instanceof", "in"),
              ("+", "-"), ("*", "/", "%")]
_JS_NOT_RUN = ("for", "while", "do", "switch", "try", "function", "class", "return", "throw", "import",
               "export", "with", "break", "continue")
_JS_CLOSERS = ((")", "]", "}", ";", ",", ":"))


class _JsStop(Exception):
    """The browser stops running config.js here (a TypeError)."""


class _JsRunner(object):
    """Runs the simple control flow of config.js: top-level `var` with
    values, assignments, `if (...) ... else ...` and blocks, evaluating
    what is known before the page's own code runs.  Code under a condition
    that cannot be decided, and code that is not evaluated (loops,
    functions), changes nothing here but is recorded in `undecided`."""

    def __init__(self, text):
        self.text = text or ""
        self.spans = []
        self.tokens = _js_tokens(self.text, self.spans)
        self.pos = 0
        self.env = {}
        self.undecided = []
        self.conditions = []
        self.dead = 0

    # --- tokens ---------------------------------------------------------

    def peek(self, offset=0):
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def source(self, start, end):
        if end <= start or start >= len(self.spans):
            return ""
        end = min(end, len(self.spans))
        return " ".join(self.text[self.spans[start][0]:self.spans[end - 1][1]].split())

    def skip_one(self):
        """Skip a token, or a whole bracketed group when it opens one."""
        depth = 0
        while self.peek()[0] is not None:
            kind, val = self.take()
            if kind == "p" and val in ("(", "[", "{"):
                depth += 1
            elif kind == "p" and val in (")", "]", "}"):
                depth -= 1
            if depth <= 0:
                return

    def skip_past(self, closing):
        """Skip to the closing bracket of this level and past it; True when
        there was something left to skip."""
        skipped = False
        while self.peek()[0] is not None and self.peek() != ("p", closing):
            self.skip_one()
            skipped = True
        self.take()
        return skipped

    # --- effects --------------------------------------------------------

    def note(self, condition, target, value=None, start=None):
        if self.dead:
            return
        hosts = set()
        if start is not None:
            for kind, val in self.tokens[start:self.pos]:
                if kind in ("str", "tmpl"):
                    hosts |= hosts_in_value(_js_literal(val, kind)) | partial_hosts_in_value(_js_literal(val, kind))
        hosts |= hosts_in_value(value) | partial_hosts_in_value(value)
        if target.startswith("config") or hosts:
            self.undecided.append({"condition": condition, "target": target, "hosts": sorted(hosts)})

    def assign(self, name, path, value, start):
        if self.dead:
            return
        target = ".".join([name] + path)
        if self.conditions:
            self.note(self.conditions[-1], target, value)
            if name != "config":
                self.store(name, path, UNKNOWN, start)
            return
        self.store(name, path, value, start)

    def store(self, name, path, value, start):
        if not path:
            if name == "config" and isinstance(self.env.get(name), dict) and not isinstance(value, dict):
                # Replaced by something computed in the browser: keep what
                # was known, and say that the rest is not.
                self.note("config is replaced in the browser: %s" % self.source(start, self.pos)[:80], "config", value)
                return
            self.env[name] = value
            return
        if name not in self.env:
            # A global of the page (window, APP, interfaceConfig): not config.
            self.note("assignment outside config", ".".join([name] + path), value)
            return
        tree = self.env[name]
        for key in path[:-1] + [None]:
            if isinstance(tree, dict):
                if key is None:
                    tree[path[-1]] = value
                    return
                tree = tree.get(key)
                continue
            if tree is None:
                # `config.a.b = v` while config.a is undefined throws in the
                # browser: nothing after it runs.
                self.note("config.js stops here: %s" % self.source(start, self.pos), ".".join([name] + path), value)
                raise _JsStop()
            # Computed in the browser: whether this changes anything is not known.
            self.note("%s is computed in the browser" % name, ".".join([name] + path), value)
            return

    # --- statements -----------------------------------------------------

    def run(self):
        try:
            while self.pos < len(self.tokens):
                self.statement()
        except _JsStop:
            pass
        config = self.env.get("config")
        return config if isinstance(config, dict) else {}

    def statement(self):
        start = self.pos
        kind, val = self.peek()
        if (kind, val) == ("p", "{"):
            self.take()
            while self.peek()[0] is not None and self.peek() != ("p", "}"):
                self.statement()
            self.take()
        elif kind == "id" and val in ("var", "let", "const"):
            self.take()
            while self.peek()[0] == "id":
                name = self.take()[1]
                if self.peek() == ("p", "="):
                    self.take()
                    self.assign(name, [], self.expression(), start)
                elif name not in self.env:
                    self.assign(name, [], None, start)
                if self.peek() != ("p", ","):
                    break
                self.take()
        elif (kind, val) == ("id", "if"):
            self.if_statement()
        elif kind == "id" and val in _JS_NOT_RUN:
            self.skip_statement()
        elif kind is not None and (kind, val) != ("p", ";"):
            self.expression_statement()
        if self.peek() == ("p", ";"):
            self.take()
        if self.pos == start:
            self.take()

    def reference(self):
        """`name`, `name.a.b` or `name['a']` before an assignment."""
        kind, name = self.peek()
        if kind != "id":
            return None
        self.take()
        path = []
        while True:
            if self.peek() == ("p", ".") and self.peek(1)[0] == "id":
                self.take()
                path.append(self.take()[1])
            elif self.peek() == ("p", "[") and self.peek(1)[0] in ("str", "num") and self.peek(2) == ("p", "]"):
                self.take()
                path.append(self.take()[1])
                self.take()
            else:
                return name, path

    def expression_statement(self):
        start = self.pos
        target = self.reference()
        if target and self.peek() in (("p", "="), ("p", "+=")):
            op = self.take()[1]
            value = self.expression()
            if op == "+=":
                current = self.env.get(target[0], UNKNOWN)
                for key in target[1]:
                    current = _js_member(current, key)
                value = _js_add(current, value)
            self.assign(target[0], target[1], value, start)
            return
        self.pos = start
        self.expression()
        # A call or other code: the hosts it names are not config values.
        self.note("code outside the config object: %s" % self.source(start, self.pos)[:80], "", start=start)

    def if_statement(self):
        self.take()
        if self.peek() != ("p", "("):
            return
        self.take()
        start = self.pos
        condition = self.expression()
        end = self.pos
        if self.skip_past(")"):
            condition = UNKNOWN
        label = "if (%s)" % self.source(start, end)
        truth = _truthy(condition)
        self.branch(truth, label)
        if self.peek() == ("id", "else"):
            self.take()
            self.branch(None if truth is None else not truth, "else of " + label)

    def branch(self, truth, label):
        if truth is None:
            self.conditions.append(label)
        elif not truth:
            self.dead += 1
        try:
            self.statement()
        finally:
            if truth is None:
                self.conditions.pop()
            elif not truth:
                self.dead -= 1

    def skip_statement(self):
        """Loops, functions and the like are not run here; what they name
        is recorded."""
        start = self.pos
        while self.peek()[0] is not None:
            kind, val = self.peek()
            if (kind, val) == ("p", ";"):
                break
            self.skip_one()
            continued = (("id", "else"), ("id", "catch"), ("id", "finally"), ("id", "while"))
            if (kind, val) == ("p", "{") and self.peek() not in continued:
                break
        label = self.source(start, self.pos)
        self.note("not evaluated: %s" % (label[:60] + ("..." if len(label) > 60 else "")),
                  "config" if ("id", "config") in self.tokens[start:self.pos] else "", start=start)

    # --- expressions ----------------------------------------------------

    def expression(self):
        test = self.binary(0)
        if self.peek() != ("p", "?"):
            return test
        self.take()
        yes = self.expression()
        if self.peek() == ("p", ":"):
            self.take()
        no = self.expression()
        truth = _truthy(test)
        if truth is None:
            return yes if _js_equal(yes, no) else UNKNOWN
        return yes if truth else no

    def binary(self, level):
        if level == len(_JS_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while True:
            kind, op = self.peek()
            if kind not in ("p", "id") or op not in _JS_BINARY[level] or (kind == "id" and op not in ("in", "instanceof")):
                return left
            self.take()
            left = _js_binary(op, left, self.binary(level + 1))

    def unary(self):
        kind, val = self.peek()
        if (kind == "p" and val in ("!", "-", "+", "~")) or (kind == "id" and val in ("typeof", "void", "delete", "new", "await")):
            self.take()
            operand = self.unary()
            if val == "!":
                truth = _truthy(operand)
                return UNKNOWN if truth is None else not truth
            if val in ("-", "+") and _is_number(operand):
                return -operand if val == "-" else operand
            return None if val == "void" else UNKNOWN
        return self.postfix()

    def arguments(self):
        self.take()
        args = []
        while self.peek()[0] is not None and self.peek() != ("p", ")"):
            args.append(self.expression())
            if self.peek() == ("p", ","):
                self.take()
            elif self.peek() != ("p", ")"):
                self.skip_past(")")
                return args + [UNKNOWN]
        self.take()
        return args

    def postfix(self):
        value = self.primary()
        while True:
            token = self.peek()
            if token in (("p", "."), ("p", "?.")) and self.peek(1)[0] == "id":
                self.take()
                name = self.take()[1]
                if self.peek() == ("p", "("):
                    value = _js_call(value, name, self.arguments())
                else:
                    value = _js_member(value, name)
            elif token == ("p", "["):
                self.take()
                key = self.expression()
                value = UNKNOWN if self.skip_past("]") else _js_member(value, key)
            elif token == ("p", "("):
                self.arguments()
                value = UNKNOWN
            elif token in (("p", "++"), ("p", "--")):
                self.take()
                value = UNKNOWN
            else:
                return value

    def primary(self):
        kind, val = self.peek()
        if kind in ("str", "tmpl"):
            self.take()
            return _js_literal(val, kind)
        if kind == "num":
            self.take()
            for convert in (int, float):
                try:
                    return convert(val)
                except ValueError:
                    continue
            return UNKNOWN
        if kind == "id":
            self.take()
            if val in ("true", "false", "null", "undefined"):
                return {"true": True, "false": False, "null": None, "undefined": None}[val]
            if val == "function":
                if self.peek()[0] == "id":
                    self.take()
                self.skip_one()
                self.skip_one()
                return UNKNOWN
            if self.peek() == ("p", "=>"):
                self.arrow_body()
                return UNKNOWN
            return self.env.get(val, UNKNOWN)
        if (kind, val) == ("p", "("):
            self.take()
            value = self.expression()
            if self.skip_past(")"):
                value = UNKNOWN
            if self.peek() == ("p", "=>"):
                self.arrow_body()
                return UNKNOWN
            return value
        if (kind, val) == ("p", "{"):
            return self.object_literal()
        if (kind, val) == ("p", "["):
            return self.array_literal()
        if kind is not None and not (kind == "p" and val in _JS_CLOSERS):
            self.take()
        return UNKNOWN

    def arrow_body(self):
        self.take()
        if self.peek() == ("p", "{"):
            self.skip_one()
        else:
            self.expression()

    def object_literal(self):
        self.take()
        result = {}
        while self.peek()[0] is not None and self.peek() != ("p", "}"):
            kind, key = self.peek()
            if kind in ("id", "str", "num") and self.peek(1) == ("p", ":"):
                self.take()
                self.take()
                result[key] = self.expression()
            elif kind == "id" and self.peek(1) in (("p", ","), ("p", "}")):
                self.take()
                result[key] = self.env.get(key, UNKNOWN)
            elif (kind, key) == ("p", "..."):
                self.take()
                spread = self.expression()
                if isinstance(spread, dict):
                    result.update(spread)
            # Methods, getters and computed keys: skip the member.
            while self.peek()[0] is not None and self.peek() not in (("p", ","), ("p", "}")):
                self.skip_one()
            if self.peek() == ("p", ","):
                self.take()
        self.take()
        return result

    def array_literal(self):
        self.take()
        result = []
        while self.peek()[0] is not None and self.peek() != ("p", "]"):
            if self.peek() == ("p", ","):
                result.append(None)
            elif self.peek() == ("p", "..."):
                self.take()
                spread = self.expression()
                result.extend(spread if isinstance(spread, list) else [UNKNOWN])
            else:
                result.append(self.expression())
            while self.peek()[0] is not None and self.peek() not in (("p", ","), ("p", "]")):
                self.skip_one()
            if self.peek() == ("p", ","):
                self.take()
        self.take()
        return result


def evaluate_config_js(text):
    """The effective `config` object of a Jitsi Meet config.js as the
    browser ends up with it, and what could not be decided: a dict with
    `config` and `undecided` (a list of {condition, target, hosts})."""
    runner = _JsRunner(text)
    config = runner.run()
    return {"config": config, "undecided": runner.undecided}


def parse_config_js(text):
    """The effective `config` object of a Jitsi Meet config.js: the object
    literal of `var config = {...}` with the statements after it applied
    in order and only the branches of `if` that run."""
    return evaluate_config_js(text)["config"]


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
        if kind in ("str", "tmpl"):
            found |= hosts_in_value(_js_literal(value, kind))
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


def _strings_in(value):
    if isinstance(value, (str, _Partial)):
        yield value
    elif isinstance(value, (dict, list)):
        for sub in value.values() if isinstance(value, dict) else value:
            yield from _strings_in(sub)


def hosts_in_value(value):
    """Host names in the strings of a parsed config.js value, at any depth.
    In a string put together in the browser only hosts that are wholly
    known count: a host name next to a computed part is not the host the
    browser ends up with."""
    found = set()
    for string in _strings_in(value):
        found |= hosts_in_text(string.text() if isinstance(string, _Partial) else string)
    return found


_FRAGMENT = re.compile(r"\x00\.?(" + _HOST + r")", re.I)


def partial_hosts_in_value(value):
    """The known ends of host names that follow a computed part, such as
    `relay.example.net` in 'stun:' + subdomain + 'relay.example.net:443'."""
    found = set()
    for string in _strings_in(value):
        if isinstance(string, _Partial):
            for match in _FRAGMENT.finditer(string.text()):
                host = match.group(1).lower()
                if host.rsplit(".", 1)[-1] not in _FILE_SUFFIXES:
                    found.add(host)
    return found


def is_own(host, domain):
    host, domain = host.lower().rstrip("."), domain.lower().rstrip(".")
    return host == domain or host.endswith("." + domain)


# ---------------------------------------------------------------------------
# HOCON (jvb.conf, jicofo.conf)
# ---------------------------------------------------------------------------


class HoconError(ValueError):
    """A HOCON file this reader refuses: the message says where and why."""


_MISSING = object()
# Characters HOCON does not allow in unquoted text.
_HOCON_FORBIDDEN = set('$"{}[]:=,+#`^?!@*&\\')
_HOCON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _hocon_tokens(text):
    """Tokens (kind, value, line, whitespace before): nl, p (punctuation
    and +=), str (quoted), unq (unquoted text), sub ((path, optional))."""
    tokens = []
    i, n, line, space = 0, len(text), 1, ""
    while i < n:
        c = text[i]
        if c == "\n":
            tokens.append(("nl", None, line, space))
            line, i, space = line + 1, i + 1, ""
            continue
        if c in " \t\r\ufeff":
            space += c
            i += 1
            continue
        if c == "#" or text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        start_line = line
        if text.startswith('"""', i):
            end = text.find('"""', i + 3)
            if end < 0:
                raise HoconError("line %d: a triple-quoted string is not closed" % line)
            while text.startswith('"', end + 3):
                end += 1
            value = text[i + 3:end]
            line += value.count("\n")
            tokens.append(("str", value, start_line, space))
            i = end + 3
        elif c == '"':
            j, chars = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == "\n":
                    raise HoconError("line %d: a quoted string is not closed" % line)
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                    if text[j] == "u" and re.match(r"[0-9a-fA-F]{4}$", text[j + 1:j + 5]):
                        chars.append(chr(int(text[j + 1:j + 5], 16)))
                        j += 5
                        continue
                    if text[j] not in _HOCON_ESCAPES:
                        raise HoconError("line %d: unknown escape \\%s in a quoted string" % (line, text[j]))
                    chars.append(_HOCON_ESCAPES[text[j]])
                else:
                    chars.append(text[j])
                j += 1
            if j >= n:
                raise HoconError("line %d: a quoted string is not closed" % line)
            tokens.append(("str", "".join(chars), line, space))
            i = j + 1
        elif text.startswith("${", i):
            end = text.find("}", i)
            if end < 0:
                raise HoconError("line %d: a substitution ${ is not closed" % line)
            inner = text[i + 2:end].strip()
            optional = inner.startswith("?")
            parts = re.findall(r'"(?:\\.|[^"\\])*"|[^"]+', inner[1:] if optional else inner)
            path = _hocon_path([("str", part[1:-1], line, "") if part.startswith('"') else ("unq", part, line, "")
                                for part in parts], line)
            tokens.append(("sub", (path, optional), line, space))
            i = end + 1
        elif text.startswith("+=", i):
            tokens.append(("p", "+=", line, space))
            i += 2
        elif c in "{}[],:=":
            tokens.append(("p", c, line, space))
            i += 1
        elif c in _HOCON_FORBIDDEN:
            raise HoconError("line %d: unexpected %r" % (line, c))
        else:
            j = i
            while j < n and text[j] not in _HOCON_FORBIDDEN and not text[j].isspace() and not text.startswith("//", j):
                j += 1
            tokens.append(("unq", text[i:j], line, space))
            i = j
        space = ""
    return tokens


def _hocon_path(tokens, line):
    """A path expression (a.b."c.d") as its list of keys."""
    keys, current, started = [], "", False
    for index, (kind, value, _line, space) in enumerate(tokens):
        if index and space:
            current += space
        if kind == "str":
            current += value
            started = True
            continue
        parts = value.split(".")
        for number, part in enumerate(parts):
            if number:
                if not started and not current:
                    raise HoconError("line %d: empty key in the path %r" % (line, value))
                keys.append(current)
                current, started = "", False
            current += part
            started = started or bool(part)
    if not started and not current:
        raise HoconError("line %d: empty key" % line)
    keys.append(current)
    return keys


def _hocon_scalar(text):
    """An unquoted value standing alone."""
    if text in ("true", "yes", "on"):
        return True
    if text in ("false", "no", "off"):
        return False
    if text == "null":
        return None
    if re.match(r"^-?[0-9]+$", text):
        return int(text)
    if re.match(r"^-?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$", text):
        return float(text)
    return text


class _HoconParser(object):
    """HOCON text to nodes: ('obj', [(path, op, node, line)]), ('arr',
    [node]), ('str', text), ('unq', text), ('sub', path, optional),
    ('concat', [(whitespace, node)])."""

    def __init__(self, text):
        self.tokens = _hocon_tokens(text)
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None, self.last_line(), "")

    def last_line(self):
        return self.tokens[-1][2] if self.tokens else 1

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def skip_newlines(self):
        while self.peek()[0] == "nl":
            self.pos += 1

    def fail(self, message, token=None):
        token = token or self.peek()
        raise HoconError("line %d: %s" % (token[2], message))

    def document(self):
        self.skip_newlines()
        if self.peek()[:2] == ("p", "["):
            self.fail("an array as the whole document is not supported")
        if self.peek()[:2] == ("p", "{"):
            root = self.object(True)
            self.skip_newlines()
            if self.peek()[0] is not None:
                self.fail("unexpected %r after the document's closing brace" % (self.peek()[1],))
            return root
        return self.object(False)

    def object(self, braced):
        opened = self.take() if braced else None
        fields = []
        while True:
            while self.peek()[0] == "nl" or self.peek()[:2] == ("p", ","):
                self.pos += 1
            kind, value, line, _space = self.peek()
            if kind is None:
                if braced:
                    raise HoconError("line %d: the object opened at line %d is not closed" % (line, opened[2]))
                return ("obj", fields)
            if (kind, value) == ("p", "}"):
                if not braced:
                    self.fail("unexpected '}'")
                self.take()
                return ("obj", fields)
            if kind == "unq" and value == "include":
                following = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else (None, None)
                if following[0] == "str" or (following[0] == "unq" and "(" in following[1]):
                    self.fail("include of another file is not followed (the report reads this file only)")
            key_tokens = []
            while self.peek()[0] in ("str", "unq"):
                key_tokens.append(self.take())
            if not key_tokens:
                self.fail("expected a key, found %r" % (self.peek()[1],))
            path = _hocon_path(key_tokens, line)
            token = self.peek()
            if token[:2] in (("p", "="), ("p", ":"), ("p", "+=")):
                self.take()
                op = "+=" if token[1] == "+=" else "="
            elif token[:2] == ("p", "{"):
                op = "="
            else:
                self.fail("expected '=', ':' or '{' after the key %s" % ".".join(path))
            fields.append((path, op, self.value(), line))
            token = self.peek()
            if token[0] not in (None, "nl") and token[:2] not in (("p", ","), ("p", "}")):
                self.fail("unexpected %r after the value of %s" % (token[1], ".".join(path)))

    def array(self):
        opened = self.take()
        items = []
        while True:
            while self.peek()[0] == "nl":
                self.pos += 1
            token = self.peek()
            if token[0] is None:
                raise HoconError("line %d: the array opened at line %d is not closed" % (token[2], opened[2]))
            if token[:2] == ("p", "]"):
                self.take()
                return ("arr", items)
            items.append(self.value())
            token = self.peek()
            if token[:2] == ("p", ","):
                self.take()
            elif token[0] != "nl" and token[:2] != ("p", "]"):
                self.fail("unexpected %r in an array" % (token[1],))

    def value(self):
        parts = []
        while True:
            kind, value, _line, space = self.peek()
            if kind in ("str", "unq"):
                self.take()
                parts.append((space, (kind, value)))
            elif kind == "sub":
                self.take()
                parts.append((space, ("sub", value[0], value[1])))
            elif (kind, value) == ("p", "{"):
                parts.append((space, self.object(True)))
            elif (kind, value) == ("p", "["):
                parts.append((space, self.array()))
            else:
                break
        if not parts:
            self.fail("expected a value, found %r" % (self.peek()[1] if self.peek()[0] else "the end of the file",))
        return parts[0][1] if len(parts) == 1 else ("concat", parts)


class _Lazy(object):
    """A value with substitutions, resolved once the document is read."""

    def __init__(self, node, previous, path):
        self.node, self.previous, self.path = node, previous, path
        self.state, self.value = None, None


class _Merged(object):
    """An object merged onto a value that is not resolved yet."""

    def __init__(self, base, overlay):
        self.base, self.overlay = base, overlay
        self.value = _MISSING


def _has_substitution(node):
    if node[0] == "sub":
        return True
    return node[0] == "concat" and any(_has_substitution(part) for _space, part in node[1])


def _combine(previous, new):
    """A new value for a key over its previous one: objects merge."""
    if isinstance(new, dict):
        if isinstance(previous, dict):
            for key, value in new.items():
                previous[key] = _combine(previous.get(key, _MISSING), value)
            return previous
        if isinstance(previous, (_Lazy, _Merged)):
            return _Merged(previous, new)
    return new


def _hocon_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


class _HoconDocument(object):

    def __init__(self, text):
        self.root = {}
        self.put_all(self.root, _HoconParser(text or "").document()[1], [], _MISSING)

    # --- building -------------------------------------------------------

    def put_all(self, tree, fields, base, outer):
        for path, op, node, line in fields:
            self.put(tree, path, op, node, base, outer, line)

    def put(self, tree, path, op, node, base, outer, line):
        for depth, key in enumerate(path[:-1]):
            current = tree.get(key, _MISSING)
            if isinstance(current, _Merged):
                tree = current.overlay
                continue
            if isinstance(current, _Lazy):
                tree[key] = _Merged(current, {})
                tree = tree[key].overlay
                continue
            if not isinstance(current, dict):
                tree[key] = {}
            tree = tree[key]
        key = path[-1]
        local = tree.get(key, _MISSING)
        # What a self-reference (`a = ${a} ...`, `a += ...`) sees.
        previous = local if local is not _MISSING else _hocon_lookup(outer, path)
        full = base + path
        if op == "+=":
            node = ("concat", [("", ("sub", full, True)), ("", ("arr", [node]))])
        tree[key] = _combine(local, self.build(node, full, previous, line))

    def build(self, node, path, previous, line):
        kind = node[0]
        if _has_substitution(node):
            lazy = _Lazy(node, previous, path)
            lazy.line = line
            return lazy
        if kind == "str":
            return node[1]
        if kind == "unq":
            return _hocon_scalar(node[1])
        if kind == "obj":
            tree = {}
            self.put_all(tree, node[1], path, previous if isinstance(previous, dict) else _MISSING)
            return tree
        if kind == "arr":
            return [self.build(item, path, _MISSING, line) for item in node[1]]
        return self.concatenate([(space, self.build(part, path, _MISSING, line) if part[0] != "unq" else part[1])
                                 for space, part in node[1]], path, line)

    # --- resolving ------------------------------------------------------

    def resolve(self, value):
        if isinstance(value, _Lazy):
            if value.state == "done":
                return value.value
            if value.state == "busy":
                raise HoconError("line %d: the substitutions of %s form a cycle" % (value.line, ".".join(value.path)))
            value.state = "busy"
            result = self.evaluate(value.node, value)
            if result is _MISSING:
                result = self.resolve(value.previous)
            value.state, value.value = "done", result
            return result
        if isinstance(value, _Merged):
            if value.value is _MISSING:
                base, overlay = self.resolve(value.base), self.resolve(value.overlay)
                value.value = _combine(copy.deepcopy(base), overlay) if isinstance(base, dict) else overlay
            return value.value
        if isinstance(value, dict):
            for key in list(value):
                value[key] = self.resolve(value[key])
                if value[key] is _MISSING:
                    del value[key]
            return value
        if isinstance(value, list):
            items = [self.resolve(item) for item in value]
            return [item for item in items if item is not _MISSING]
        return value

    def evaluate(self, node, lazy):
        if node[0] == "sub":
            return self.substitute(node[1], node[2], lazy)
        if node[0] == "concat":
            parts = []
            for space, part in node[1]:
                if part[0] == "unq":
                    parts.append((space, part[1]))
                else:
                    parts.append((space, self.evaluate(part, lazy)))
            return self.concatenate(parts, lazy.path, lazy.line)
        return self.resolve(self.build(node, lazy.path, _MISSING, lazy.line))

    def substitute(self, path, optional, lazy):
        if path[:len(lazy.path)] == lazy.path:
            # A field that refers to itself sees its previous value.
            found = _hocon_lookup(self.resolve(lazy.previous), path[len(lazy.path):])
        else:
            found = self.root
            for key in path:
                if isinstance(found, (_Lazy, _Merged)):
                    found = self.resolve(found)
                if not isinstance(found, dict) or key not in found:
                    found = _MISSING
                    break
                found = found[key]
            found = self.resolve(found)
        if found is _MISSING and not optional:
            raise HoconError("line %d: ${%s} is not defined in the file (the service may take it from its "
                             "built-in defaults or its environment)" % (lazy.line, ".".join(path)))
        return found

    def concatenate(self, parts, path, line):
        parts = [(space, self.resolve(value)) for space, value in parts]
        parts = [(space, value) for space, value in parts if value is not _MISSING]
        if not parts:
            return _MISSING
        if len(parts) == 1:
            return parts[0][1]
        values = [value for _space, value in parts]
        if all(isinstance(value, dict) for value in values):
            merged = {}
            for value in values:
                merged = _combine(merged, copy.deepcopy(value))
            return merged
        if all(isinstance(value, list) for value in values):
            return [item for value in values for item in value]
        if any(isinstance(value, (dict, list)) for value in values):
            raise HoconError("line %d: %s joins an object or array with text" % (line, ".".join(path)))
        return "".join((space if index else "") + _hocon_text(value) for index, (space, value) in enumerate(parts))


def _hocon_lookup(tree, path):
    for key in path:
        if not isinstance(tree, dict) or key not in tree:
            return _MISSING
        tree = tree[key]
    return tree


def parse_hocon(text):
    """The merged tree of a HOCON file as Jitsi's services read it: nested
    objects, dotted and quoted keys, `=`, `:` or no separator before `{`,
    later keys win and objects merge, `+=` appends, `${path}` and
    `${?path}` resolve against the document, comments `#` and `//`.
    Raises HoconError, saying where and why, for what it cannot read
    (syntax errors, `include`, substitutions the file does not define)."""
    document = _HoconDocument(text)
    return document.resolve(document.root)


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


# ---------------------------------------------------------------------------
# other files
# ---------------------------------------------------------------------------

_PERIOD_DAYS = {"hourly": 1, "daily": 1, "weekly": 7, "monthly": 31, "yearly": 366}


def _logrotate_blocks(text):
    """The directives in effect for each log block of a logrotate file, in
    order: global directives before a block are its defaults.  Comments
    and the contents of scripts (postrotate ... endscript) are left out."""
    globals_, blocks, current = [], [], None
    for kind, words, line in logrotate_lines(text):
        if kind == "open":
            current = list(globals_)
            rest = line.strip()[:-1].strip()
            if rest and "/" not in rest and "*" not in rest:
                current.append(rest.split())
        elif kind == "close":
            if current is not None:
                blocks.append(current)
            current = None
        elif kind == "directive":
            (current if current is not None else globals_).append(words)
    if current is not None:
        blocks.append(current)
    return blocks or [globals_]


def _block_retention(directives):
    criterion, rotate, maxage = ("weekly", None), None, None
    for words in directives:
        name, args = words[0], words[1:]
        if name in _PERIOD_DAYS:
            criterion = (name, None)
        elif name in ("size", "minsize") and args:
            # logrotate keeps one criterion: the later of size and the
            # interval wins.  minsize adds to the interval.
            criterion = (name, args[0]) if name == "size" else (criterion[0], "minsize " + args[0])
        elif name == "rotate" and args and args[0].isdigit():
            rotate = int(args[0])
        elif name == "maxage" and args and args[0].isdigit():
            maxage = int(args[0])
    period, size = criterion
    if period == "size":
        return {"days": None, "reason": "size %s: rotated by size only, not after a time, and maxage is only "
                                        "checked when a log is rotated" % size}
    if size:
        return {"days": None, "reason": "rotated only once the log reaches %s" % size}
    if rotate is None:
        if maxage is not None:
            return {"days": maxage, "reason": "maxage %d" % maxage}
        return {"days": None, "reason": "no rotate count"}
    days = (rotate + 1) * _PERIOD_DAYS[period]
    reason = "%s, rotate %d" % (period, rotate)
    if maxage is not None and maxage + 1 < days:
        days, reason = maxage + 1, reason + ", maxage %d" % maxage
    return {"days": days, "reason": reason}


def logrotate_retention_days(text):
    """How long logrotate keeps the logs of a file: {days, reason}.  days
    is the longest of its blocks (rotated files times the interval, capped
    by maxage), or None when a block is not bounded in days (rotation by
    size only, minsize, no rotate count); reason says why."""
    results = [_block_retention(block) for block in _logrotate_blocks(text)]
    unbounded = [result for result in results if result["days"] is None]
    if unbounded:
        return unbounded[0]
    return max(results, key=lambda result: result["days"])


def logrotate_days(text):
    """How many days of a log logrotate keeps, or None when that is not
    bounded in days or the file does not say (see logrotate_retention_days)."""
    return logrotate_retention_days(text)["days"]


def turnserver_facts(text):
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


# Who must read each file that holds a secret, and who else may: upstream
# puts both Java services in the group jitsi, so each may read the other's.
_SECRET_READERS = (
    ("/etc/prosody/", ("prosody",), ()),
    ("/etc/jitsi/videobridge/", ("jvb",), ("jicofo",)),
    ("/etc/jitsi/jicofo/", ("jicofo",), ("jvb",)),
    ("/etc/turnserver.conf", ("turnserver",), ()),
)


def secret_readers(path, domain, turn_key=None):
    """The users that must read a file holding secrets and the users that
    may read it too: (readers, allowed).  The web server's TLS key is read
    by root (nginx's master process) and by turnserver when coturn's pkey
    names it; coturn's own key by turnserver."""
    readers, allowed = [], []
    for prefix, must, may in _SECRET_READERS:
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            readers, allowed = list(must), list(may)
            break
    else:
        if path == "/etc/jitsi/meet/%s.key" % domain:
            readers = ["root"]
    if turn_key and path == turn_key and "turnserver" not in readers:
        readers.append("turnserver")
    return readers, allowed


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


def java_log_level(text):
    levels = re.findall(r"(?m)^\s*\.level\s*=\s*([A-Z]+)", text or "")
    return levels[-1] if levels else None


# ---------------------------------------------------------------------------
# privacy_collect
# ---------------------------------------------------------------------------

_HEADER_NAMES = ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
                 "Permissions-Policy", "Content-Security-Policy", "X-Frame-Options")


def _getent(registered, database):
    """One database of ansible.builtin.getent: its registered loop results,
    one registered result, or the facts themselves (getent_passwd ...)."""
    if not isinstance(registered, dict):
        return None
    name = "getent_" + database
    candidates = [registered, registered.get("ansible_facts") or {}]
    candidates += [(r.get("ansible_facts") or {}) for r in registered.get("results") or [] if isinstance(r, dict)]
    for candidate in candidates:
        if isinstance(candidate.get(name), dict):
            return candidate[name]
    return None


def _number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def privacy_collect(pages, files, stats, handshakes, paths, accounts=None, getent=None):
    """The raw input of privacy_facts from what Ansible registered on a host:
    pages (results of ansible.builtin.uri for the front page and config.js,
    in that order), files (results of ansible.builtin.slurp), stats
    (results of ansible.builtin.stat), handshakes (results of the openssl
    s_client tries, item = tls1 ... tls1_3), paths (name -> path of each
    file read), the number of accounts and getent (results of
    ansible.builtin.getent for the passwd and group databases)."""
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
        "users": None,
        "groups": None,
    }
    passwd, group = _getent(getent, "passwd"), _getent(getent, "group")
    if passwd is not None and group is not None:
        # passwd: password, uid, gid, ...; group: password, gid, members.
        raw["users"] = dict((name, {"uid": _number((fields or [None, None])[1]), "gid": _number((fields or [None] * 3)[2])})
                            for name, fields in passwd.items() if isinstance(fields, list) and len(fields) >= 3)
        raw["groups"] = dict((name, {"gid": _number(fields[1]),
                                     "members": [m for m in (fields[2] or "").split(",") if m] if len(fields) > 2 else []})
                             for name, fields in group.items() if isinstance(fields, list) and len(fields) >= 2)
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


_GRAVATAR_BASE_URL = "https://www.gravatar.com/avatar/"


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


def privacy_facts(raw, domain):
    """Secret-free facts from the texts read on a host (see the docs of the
    filter for the keys of raw)."""
    if not isinstance(raw, dict):
        raise AnsibleFilterError("privacy_facts expects a dict of texts read from the host, got %s" % type(raw).__name__)
    if not isinstance(domain, str) or not domain:
        raise AnsibleFilterError("privacy_facts expects the Jitsi domain as its argument")
    config_js = raw.get("config_js") or ""
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
                if isinstance(url, str):
                    p2p_stun.append(url)
                elif isinstance(url, _Partial):
                    # Put together in the browser: * marks the computed part.
                    p2p_stun.append(url.text("*"))
    analytics = _get(config, "analytics", {}) or {}
    analytics_targets = []
    if isinstance(analytics, dict) and analytics.get("disabled") is not True:
        for key in ("amplitudeAPPKey", "googleAnalyticsTrackingId", "matomoEndpoint", "rtcstatsEndpoint", "scriptURLs"):
            if analytics.get(key):
                analytics_targets.append(key)
    for key in ("callStatsID", "callStatsSecret"):
        if config.get(key):
            analytics_targets.append(key)

    jvb, jvb_error = _read_hocon(raw.get("jvb_conf"))
    jvb_stun = _get(jvb, "ice4j.harvest.mapping.stun.addresses", [])
    if not isinstance(jvb_stun, list):
        jvb_stun = [] if jvb_stun is None or isinstance(jvb_stun, dict) else [jvb_stun]
    jvb_stun = [str(address) for address in jvb_stun if not isinstance(address, (dict, list))]
    jicofo, jicofo_error = _read_hocon(raw.get("jicofo_conf"))

    page_hosts = hosts_in_html(raw.get("index_html") or "")
    # What the browser ends up with, not what comments or overridden values name.
    config_hosts = hosts_in_value(config)
    # Built into the web app: avatars from gravatar unless config.js turns them off.
    gravatar_disabled = _get(config, "gravatar.disabled") is True
    if not gravatar_disabled:
        base = _get(config, "gravatar.baseUrl") or config.get("gravatarBaseURL") or _GRAVATAR_BASE_URL
        config_hosts |= hosts_in_value(base)
    browser_hosts = sorted(page_hosts | config_hosts)
    server_hosts = sorted({str(a).rsplit(":", 1)[0].lower() for a in jvb_stun if isinstance(a, str)})

    nginx = nginx_facts(raw.get("nginx_site") or "", raw.get("nginx_conf") or "", domain)
    prosody = prosody_facts(raw.get("prosody_conf") or "", raw.get("prosody_host_conf") or "", domain)
    turn = turnserver_facts(raw.get("turnserver_conf") or "")

    retention = {}
    for name, text in sorted((raw.get("logrotate") or {}).items()):
        if text:
            retention[name] = logrotate_retention_days(text)

    headers = {str(k).lower(): v for k, v in (raw.get("headers") or {}).items()}
    users, groups = raw.get("users"), raw.get("groups")
    files = []
    for item in raw.get("secret_files") or []:
        if item.get("exists"):
            mode = int(str(item.get("mode", "0")), 8)
            readers, allowed = secret_readers(item["path"], domain, turn.get("pkey"))
            access = secret_file_access(item, readers, allowed, users, groups)
            files.append({"path": item["path"], "mode": "%04o" % mode, "owner": item.get("owner"),
                          "group": item.get("group"), "world_readable": bool(mode & 0o004), "readers": readers,
                          "cannot_read": access["cannot_read"], "readable_by_others": access["others"],
                          "not_judged": access["not_judged"]})
    examined = dict((item.get("path"), bool(item.get("exists"))) for item in raw.get("secret_files") or [])
    if turn.get("pkey"):
        # True, False (no such file) or None (not looked at).
        turn["pkey_exists"] = examined.get(turn["pkey"])
    conf = [f for f in files if f["path"] == "/etc/turnserver.conf"]
    turn["config_unreadable"] = bool(conf) and "turnserver" in conf[0]["cannot_read"]

    return {
        "domain": domain,
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
        "jvb_conf_found": bool(jvb),
        "jvb_conf_error": jvb_error,
        "jicofo_conf_error": jicofo_error,
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
        "log_retention_days": {name: kept["days"] for name, kept in retention.items()},
        "log_retention": retention,
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


# config.js keys whose value decides what the browser contacts or sends.
_PRIVACY_KEYS = ("config.p2p", "config.analytics", "config.gravatar", "config.disableThirdPartyRequests",
                 "config.callStats", "config.giphy", "config.hosts", "config.bosh", "config.websocket",
                 "config.dialIn", "config.whiteboard", "config.etherpad_base")


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
        undecided = facts.get("config_js_undecided") or []
        unknown = [entry for entry in undecided if _matters(entry, domain)]
        status = "fail" if third else "warn" if unknown else "pass"
        detail = ("Hosts named by the served page and config.js: %s; outside %s: %s." % (_join(facts.get("browser_hosts")), domain, _join(third)),
                  "In Seite und config.js genannte Hosts: %s; außerhalb von %s: %s." % (_join(facts.get("browser_hosts")), domain, _join(third)))
        if undecided:
            described = _join(_describe_undecided(entry) for entry in undecided)
            detail = (detail[0] + " Unknown (not decided from the file): %s." % described,
                      detail[1] + " Unbekannt (aus der Datei nicht entscheidbar): %s." % described)
        if third:
            fix = ("Remove the third-party hosts from config.js: keep meet_privacy_stun_servers on the deployment's own "
                   "TURN server and do not add external services through config.js overrides.",
                   "Die Dritt-Hosts aus der config.js entfernen: meet_privacy_stun_servers beim eigenen TURN-Server lassen "
                   "und keine externen Dienste über config.js-Anpassungen einbinden.")
        else:
            fix = ("Check the code named here: it runs only under a condition the report cannot decide, or builds a host "
                   "name in the browser. Remove it or set the value without a condition.",
                   "Den hier genannten Code prüfen: er läuft nur unter einer Bedingung, die der Bericht nicht entscheiden kann, "
                   "oder setzt einen Hostnamen erst im Browser zusammen. Ihn entfernen oder den Wert ohne Bedingung setzen.")
        out.append(_finding(
            "third_party_browser", "Art. 25", status,
            ("Browsers contact no third parties", "Browser kontaktieren keine Dritten"), detail, fix))

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
        foreign = [url for url in stun if not any(is_own(h, domain) for h in hosts_in_text(url.replace("*", "")))]
        status = "fail" if foreign else "pass"
        detail = ("Peer-to-peer STUN servers: %s." % _join(stun), "STUN-Server für Peer-to-Peer: %s." % _join(stun))
    out.append(_finding(
        "p2p_stun", "Art. 25", status,
        ("Peer-to-peer STUN stays on the deployment", "STUN für Peer-to-Peer bleibt in der eigenen Installation"),
        detail,
        ("Set meet_privacy_stun_servers to the deployment's own TURN server (default %s:3478)." % domain,
         "meet_privacy_stun_servers auf den eigenen TURN-Server setzen (Voreinstellung %s:3478)." % domain)))

    bridge_foreign = facts.get("third_party_server_hosts") or []
    jvb_error = facts.get("jvb_conf_error")
    if jvb_error:
        status = "warn"
        detail = ("jvb.conf could not be read (%s), so the bridge's STUN servers are unknown." % jvb_error,
                  "jvb.conf war nicht lesbar (%s); die STUN-Server der Videobridge sind unbekannt." % jvb_error)
        fix = ("Correct /etc/jitsi/videobridge/jvb.conf where named (the bridge reads the same file), then run the report again.",
               "/etc/jitsi/videobridge/jvb.conf an der genannten Stelle korrigieren (die Videobridge liest dieselbe Datei), "
               "dann den Bericht erneut erstellen.")
    else:
        status = "fail" if bridge_foreign else "pass"
        detail = ("jvb.conf STUN addresses: %s." % _join(facts.get("jvb_stun_servers")),
                  "STUN-Adressen in jvb.conf: %s." % _join(facts.get("jvb_stun_servers")))
        fix = ("Set meet_privacy_stun_servers to the deployment's own TURN server, or to an empty list and give the "
               "bridge its public address (static mapping) behind NAT.",
               "meet_privacy_stun_servers auf den eigenen TURN-Server oder eine leere Liste setzen und der Videobridge "
               "hinter NAT ihre öffentliche Adresse (statische Zuordnung) geben.")
    out.append(_finding(
        "bridge_stun", "Art. 25", status,
        ("The bridge contacts no third-party STUN server", "Die Videobridge kontaktiert keinen fremden STUN-Server"),
        detail, fix))

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
    kind = authentication_kind(auth)
    fix = ("Set meet_authentication: internal and list the users in meet_users (or use jwt).",
           "meet_authentication: internal setzen und die Personen in meet_users eintragen (oder jwt verwenden).")
    if kind is None:
        status = "fail"
        detail = ("The prosody configuration of %s was not found." % domain, "Die Prosody-Konfiguration für %s wurde nicht gefunden." % domain)
    elif kind == "open":
        status = "warn"
        detail = ("Anyone who reaches https://%s/ can open a room (prosody authentication %s)." % (domain, auth),
                  "Jede Person, die https://%s/ erreicht, kann einen Raum eröffnen (Prosody-Anmeldung %s)." % (domain, auth))
    elif kind == "plain":
        status = "fail"
        detail = ("prosody stores the passwords of accounts in plain text (internal_plain).",
                  "Prosody speichert die Passwörter der Konten im Klartext (internal_plain).")
    elif kind == "insecure":
        status = "fail"
        detail = ("prosody accepts any password (authentication insecure): anyone can open a room.",
                  "Prosody nimmt jedes Passwort an (Anmeldung insecure): jede Person kann einen Raum eröffnen.")
    elif kind == "unknown":
        status = "warn"
        detail = ("prosody uses an unknown authentication %s on %s: who may open rooms is not known." % (auth, domain),
                  "Prosody verwendet für %s eine unbekannte Anmeldung %s: wer Räume eröffnen darf, ist unbekannt." % (domain, auth))
    elif kind == "token" and prosody.get("allow_empty_token"):
        status = "warn"
        fix = ("Set meet_jwt_allow_empty_token: false, so that only people with a token log in.",
               "meet_jwt_allow_empty_token: false setzen, damit sich nur Personen mit Token anmelden.")
        detail = ("Tokens (JWT) decide who opens rooms, but connections without a token log in too (allow_empty_token = true).",
                  "Tokens (JWT) entscheiden, wer Räume eröffnet, aber auch Verbindungen ohne Token melden sich an "
                  "(allow_empty_token = true).")
    elif guest and facts.get("jicofo_conf_error"):
        status = "warn"
        fix = ("Correct /etc/jitsi/jicofo/jicofo.conf where named (jicofo reads the same file), then run the report again.",
               "/etc/jitsi/jicofo/jicofo.conf an der genannten Stelle korrigieren (jicofo liest dieselbe Datei), "
               "dann den Bericht erneut erstellen.")
        detail = ("Guests log in anonymously at guest.%s, and jicofo.conf could not be read (%s): whether jicofo "
                  "lets only authenticated users open rooms is unknown." % (domain, facts["jicofo_conf_error"]),
                  "Gäste melden sich anonym bei guest.%s an, und jicofo.conf war nicht lesbar (%s): ob jicofo nur "
                  "angemeldete Personen Räume eröffnen lässt, ist unbekannt." % (domain, facts["jicofo_conf_error"]))
    elif guest and not jicofo_auth:
        status = "fail"
        detail = ("Guests log in anonymously at guest.%s but jicofo does not require authentication: guests can open rooms." % domain,
                  "Gäste melden sich anonym bei guest.%s an, aber jicofo verlangt keine Anmeldung: Gäste können Räume eröffnen." % domain)
    elif kind == "token":
        status = "pass"
        detail = ("Rooms are opened only with a token (JWT) signed with the application secret (prosody token, "
                  "jicofo authentication %s; guests: %s)." % ("on" if jicofo_auth else "off", ("guest." + domain) if guest else "none"),
                  "Räume eröffnen nur Personen mit einem Token (JWT), das mit dem Anwendungsgeheimnis signiert ist "
                  "(Prosody token, jicofo-Anmeldung %s; Gäste: %s)." % ("an" if jicofo_auth else "aus", ("guest." + domain) if guest else "keine"))
    else:
        status = "pass"
        detail = ("Rooms are opened only by authenticated users (prosody %s, jicofo authentication %s; guests: %s)."
                  % (auth, "on" if jicofo_auth else "off", ("guest." + domain) if guest else "none"),
                  "Räume eröffnen nur angemeldete Personen (Prosody %s, jicofo-Anmeldung %s; Gäste: %s)."
                  % (auth, "an" if jicofo_auth else "aus", ("guest." + domain) if guest else "keine"))
    out.append(_finding(
        "authentication", "Art. 25", status,
        ("Only known users open rooms", "Nur bekannte Personen eröffnen Räume"), detail, fix))

    if kind in ("accounts", "plain"):
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
        if turn.get("config_unreadable"):
            status = "warn"
            detail = ("coturn cannot read /etc/turnserver.conf, so it runs on its built-in defaults, which log sessions.",
                      "coturn kann /etc/turnserver.conf nicht lesen und läuft mit seinen eingebauten Voreinstellungen, "
                      "die Sitzungen protokollieren.")
        else:
            status = "warn" if turn.get("logs_sessions") or turn.get("verbose") else "pass"
            detail = (("coturn logs sessions with client addresses." if turn.get("logs_sessions") else "coturn writes no session log."),
                      ("coturn protokolliert Sitzungen mit Client-Adressen." if turn.get("logs_sessions") else "coturn schreibt kein Sitzungsprotokoll."))
        out.append(_finding(
            "turnserver_log", "Art. 25", status,
            ("The TURN server logs no sessions", "Der TURN-Server protokolliert keine Sitzungen"), detail,
            ("Set meet_turnserver_log: false (the default) and let coturn (user turnserver) read /etc/turnserver.conf.",
             "meet_turnserver_log: false setzen (Voreinstellung) und coturn (Benutzer turnserver) /etc/turnserver.conf lesen lassen.")))

    retention = facts.get("log_retention_days") or {}
    reasons = dict((name, (kept or {}).get("reason")) for name, kept in (facts.get("log_retention") or {}).items())
    too_long = sorted(name for name, days in retention.items() if days is None or days > max_days)

    def kept(lang):
        unbounded = {"en": "not bounded in days", "de": "nicht in Tagen begrenzt"}[lang]
        return _join("%s %s" % (name, days if days is not None else unbounded) + (" (%s)" % reasons[name] if reasons.get(name) else "")
                     for name, days in sorted(retention.items()))
    out.append(_finding(
        "log_retention", "Art. 25", "warn" if too_long or not retention else "pass",
        ("Logs are kept for a bounded time", "Protokolle werden begrenzt aufbewahrt"),
        ("Retention in days (logrotate): %s; limit %d." % (kept("en"), max_days),
         "Aufbewahrung in Tagen (logrotate): %s; Grenze %d." % (kept("de"), max_days)),
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
        out.append(_secret_files_finding(files, facts.get("turnserver") or {}))

    for finding in out:
        if finding["status"] not in _STATUSES:
            raise AnsibleFilterError("privacy_findings: internal error, status %r" % finding["status"])
    return out


def _secret_files_finding(files, turn):
    problems_en, problems_de = [], []
    failed = False
    for f in files:
        stat = "%s %s:%s" % (f["mode"], f.get("owner") or "?", f.get("group") or "?")
        for user in f.get("cannot_read") or []:
            failed = True
            problems_en.append("%s cannot read %s (%s)" % (user, f["path"], stat))
            problems_de.append("%s kann %s nicht lesen (%s)" % (user, f["path"], stat))
        others = f.get("readable_by_others") or []
        if others:
            failed = True
            problems_en.append("%s (%s) is readable by %s" % (f["path"], stat, ", ".join(others)))
            problems_de.append("%s (%s) ist lesbar für %s" % (f["path"], stat, ", ".join("alle" if o == "everyone" else o for o in others)))
    key = turn.get("pkey")
    warned = False
    if key and turn.get("pkey_exists") is False:
        failed = True
        problems_en.append("coturn's key %s (pkey in turnserver.conf) does not exist" % key)
        problems_de.append("coturns Schlüssel %s (pkey in turnserver.conf) existiert nicht" % key)
    elif key and turn.get("pkey_exists") is None:
        warned = True
        problems_en.append("coturn's key %s (pkey in turnserver.conf) was not examined" % key)
        problems_de.append("coturns Schlüssel %s (pkey in turnserver.conf) wurde nicht geprüft" % key)
    listed = _join("%s %s %s:%s" % (f["path"], f["mode"], f.get("owner") or "?", f.get("group") or "?") for f in files)
    return _finding(
        "secret_files", "Art. 32", "fail" if failed else "warn" if warned else "pass",
        ("Secrets are readable only by their services", "Geheimnisse sind nur für ihre Dienste lesbar"),
        ("Files with secrets: %s. Problems: %s." % (listed, "; ".join(problems_en) or "none"),
         "Dateien mit Geheimnissen: %s. Probleme: %s." % (listed, "; ".join(problems_de) or "keine")),
        ("Let each file named here be read by its service's user and nobody else - for example root:turnserver 0640 "
         "for /etc/turnserver.conf and coturn's key, root:prosody 0640 for prosody's host file, jvb:jitsi or "
         "jicofo:jitsi 0640 for the bridge's and jicofo's files - and keep other users out of those groups.",
         "Jede hier genannte Datei nur für den Benutzer ihres Dienstes lesbar machen - etwa root:turnserver 0640 für "
         "/etc/turnserver.conf und coturns Schlüssel, root:prosody 0640 für Prosodys Host-Datei, jvb:jitsi oder "
         "jicofo:jitsi 0640 für die Dateien von Videobridge und jicofo - und keine weiteren Benutzer in diesen Gruppen."))


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
