# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HOCON as Jitsi's services (jitsi-videobridge2, jicofo) read it, for
jvb.conf and jicofo.conf."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re


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
