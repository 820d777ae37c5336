# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a browser contacts, read from Jitsi Meet's config.js and front page.

config.js is JavaScript that the browser runs: evaluate_config_js runs its
simple control flow (top-level `var`, assignments, `if`/`else`) over the
values it can know, and records what it cannot decide.  The hosts_in_*
functions find the host names a browser would contact."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re


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


def url_text(value, marker="*"):
    """A URL of config.js as text, with marker for each part computed in
    the browser; None when the value is not a string at all."""
    if isinstance(value, str):
        return value
    if isinstance(value, _Partial):
        return value.text(marker)
    return None
