# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Edit upstream's nginx site of Jitsi Meet in place, reversibly.

Upstream's site logs the client address in its own access_log lines, sets
headers both at server level and in locations that carry their own
add_header lines (which nginx does not merge with the server's), and sets
HSTS twice.  Appending a block cannot override any of that, so
nginx_site works on the site's structure: it reads the blocks, switches
off (comments out) upstream's lines that the role replaces, and adds the
role's own lines where nginx applies them.  Every line it adds ends in a
marker and every line it switches off starts with one, so the edit is
undone exactly before it is applied again: the result depends only on
upstream's text and the settings, a second run changes nothing, and
settings that are turned back give upstream's lines back.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.errors import AnsibleFilterError

MARK = "# selfhosted.jitsi"
OFF = "# selfhosted.jitsi off: "
_OFF_LINE = re.compile(r"^(\s*)" + re.escape(OFF) + r"(.*)$")
# Blocks that 0.1.0 of this collection wrote with blockinfile.
_LEGACY_BEGIN = re.compile(r"^\s*# BEGIN selfhosted\.jitsi: ")
_LEGACY_END = re.compile(r"^\s*# END selfhosted\.jitsi: ")
_TLS_PORTS = ("443", "4444")


class _Block(object):
    """A `name args {` ... `}` block of the site, with line numbers."""

    def __init__(self, words, open_line, parent):
        self.words = words
        self.open_line = open_line
        self.close_line = None
        self.parent = parent
        self.children = []
        self.directives = []

    @property
    def name(self):
        return self.words[0] if self.words else ""

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()


def parse_nginx_site(text):
    """The block tree of an nginx file: a root _Block whose directives are
    (words, first line, last line) and whose children are blocks.  Follows
    nginx's own reading: quotes and `#` only start a token, `${var}` is part
    of a word.  Raises ValueError on unbalanced braces or quotes."""
    root = _Block([], -1, None)
    block = root
    words, word, start = [], None, None
    quote = None
    line = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == "\\" and i + 1 < n:
                word += text[i:i + 2]
                i += 2
                continue
            if ch == quote:
                quote = None
            else:
                word += ch
            if ch == "\n":
                line += 1
            i += 1
            continue
        if ch == "\n":
            line += 1
        if ch.isspace():
            if word is not None:
                words.append(word)
                word = None
            i += 1
            continue
        if word is None and ch == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if word is None and ch in "\"'":
            quote = ch
            word = ""
            if start is None:
                start = line
            i += 1
            continue
        if ch == "{" and word is not None and word.endswith("$"):
            end = text.find("}", i)
            if end < 0:
                raise ValueError("unclosed ${ on line %d" % (line + 1))
            word += text[i:end + 1]
            i = end + 1
            continue
        if ch in ";{}":
            if word is not None:
                words.append(word)
                word = None
            if ch == ";":
                if words:
                    block.directives.append((words, start, line))
            elif ch == "{":
                child = _Block(words, line, block)
                block.children.append(child)
                block = child
            else:
                if words:
                    raise ValueError("directive without ';' before '}' on line %d" % (line + 1))
                if block is root:
                    raise ValueError("unexpected '}' on line %d" % (line + 1))
                block.close_line = line
                block = block.parent
            words, start = [], None
            i += 1
            continue
        if word is None:
            word = ""
            if start is None:
                start = line
        word += ch
        i += 1
    if quote:
        raise ValueError("unclosed quote")
    if block is not root:
        raise ValueError("block opened on line %d is not closed" % (block.open_line + 1))
    if words or word is not None:
        raise ValueError("the file ends inside a directive")
    return root


def undo_nginx_site(text):
    """Upstream's text: the role's lines removed, upstream's lines it
    switched off switched on again, and blocks of 0.1.0 removed."""
    lines = []
    legacy = False
    for line in text.splitlines():
        if _LEGACY_BEGIN.match(line):
            legacy = True
            continue
        if legacy:
            if _LEGACY_END.match(line):
                legacy = False
            continue
        if line.rstrip().endswith(MARK):
            continue
        off = _OFF_LINE.match(line)
        lines.append(off.group(1) + off.group(2) if off else line)
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def _statements_per_line(tree):
    """How many directives start, and blocks open or close, on each line."""
    count = {}

    def bump(line_no):
        count[line_no] = count.get(line_no, 0) + 1

    for block in tree.walk():
        bump(block.open_line)
        bump(block.close_line)
    for _words, first, _last in _directives_below(tree):
        bump(first)
    return count


def _is_tls_server(server):
    for words, _first, _last in server.directives:
        if words[0] == "listen":
            port = words[1].rsplit(":", 1)[-1] if len(words) > 1 else ""
            if port in _TLS_PORTS or "ssl" in words[2:]:
                return True
    return False


def _directives_below(block):
    """Every directive of the block and of the blocks inside it."""
    for inner in [block] + list(block.walk()):
        yield from inner.directives


def _header_name(words):
    return words[1].lower() if len(words) > 1 else ""


def nginx_site(text, access_log="anonymous", log_format=None, tls_protocols=None,
               headers_include=None, managed_headers=None):
    """The site with the role's settings applied (see the module docstring).

    access_log: 'anonymous' (the log named log_format, defined here with
    time, method, status, size and duration only), 'off', or 'full'
    (upstream's lines as they are).  tls_protocols: list for ssl_protocols,
    or empty to leave upstream's.  headers_include: the snippet with the
    role's add_header lines, included in every TLS server and in every block
    of it that has add_header lines of its own; managed_headers: header
    names the role sets (or removes), whose add_header lines in upstream's
    site are switched off."""
    if access_log not in ("anonymous", "off", "full"):
        raise AnsibleFilterError("nginx_site: access_log is %r; expected anonymous, off or full" % (access_log,))
    if access_log == "anonymous" and not log_format:
        raise AnsibleFilterError("nginx_site: access_log anonymous needs the name of the log format (log_format)")
    managed = set(h.lower() for h in (managed_headers or []))
    plain = undo_nginx_site(text)
    try:
        tree = parse_nginx_site(plain)
    except ValueError as exc:
        raise AnsibleFilterError("nginx_site: cannot read the nginx site: %s" % exc)
    lines = plain.splitlines()
    statements = _statements_per_line(tree)

    off = set()
    after = {}

    def add_after(line_no, indent, new_lines):
        after.setdefault(line_no, []).extend(indent + l + "  " + MARK for l in new_lines)

    def indent_of(line_no):
        return re.match(r"^(\s*)", lines[line_no]).group(1)

    def switch_off(first, last):
        if first != last:
            raise AnsibleFilterError(
                "nginx_site: the directive on lines %d-%d spans several lines; "
                "put it on one line so it can be switched off" % (first + 1, last + 1))
        if statements.get(first, 0) != 1:
            raise AnsibleFilterError(
                "nginx_site: line %d holds more than one statement: %r; give each its own line"
                % (first + 1, lines[first].strip()))
        off.add(first)

    servers = [b for b in tree.walk() if b.name == "server"]
    if not servers:
        raise AnsibleFilterError("nginx_site: the site has no server block")

    if access_log != "full":
        for words, first, last in _directives_below(tree):
            if words[0] == "access_log":
                switch_off(first, last)

    for server in servers:
        tls = _is_tls_server(server)
        listens = [d for d in server.directives if d[0][0] == "listen"]
        if not listens:
            raise AnsibleFilterError("nginx_site: a server block (line %d) has no listen line" % (server.open_line + 1))
        anchor = max(last for _w, _f, last in listens)
        own = []
        if access_log == "anonymous":
            own.append("access_log /var/log/nginx/access.log %s;" % log_format)
        elif access_log == "off":
            own.append("access_log off;")
        if access_log != "full":
            # A missing file's error line carries the client's address.
            own.append("log_not_found off;")
        if tls and tls_protocols:
            for words, first, last in _directives_below(server):
                if words[0] == "ssl_protocols":
                    switch_off(first, last)
            own.append("ssl_protocols %s;" % " ".join(tls_protocols))
        if tls and headers_include:
            for words, first, last in _directives_below(server):
                if words[0] == "add_header" and _header_name(words) in managed:
                    switch_off(first, last)
            own.append("include %s;" % headers_include)
            for block in server.walk():
                if any(w[0] == "add_header" and f not in off for w, f, _l in block.directives):
                    if block.close_line == block.open_line:
                        raise AnsibleFilterError(
                            "nginx_site: the block on line %d opens and closes on one line; "
                            "split it so the headers can be included" % (block.open_line + 1))
                    add_after(block.open_line, indent_of(block.open_line) + "    ",
                              ["include %s;" % headers_include])
        add_after(anchor, indent_of(anchor), own)

    out = []
    if access_log == "anonymous":
        # log_format belongs to the http context, where sites are included.
        top = 0
        while top < len(lines) and (not lines[top].strip() or lines[top].lstrip().startswith("#")):
            top += 1
        header = ["log_format %s '$time_iso8601 $request_method $status $body_bytes_sent $request_time';  %s"
                  % (log_format, MARK)]
    else:
        top, header = 0, []
    for no, line in enumerate(lines):
        if no == top:
            out.extend(header)
        if no in off:
            indent = re.match(r"^(\s*)", line).group(1)
            out.append(indent + OFF + line.strip())
        else:
            out.append(line)
        out.extend(after.get(no, []))
    if top >= len(lines):
        out.extend(header)
    return "\n".join(out) + "\n"


class FilterModule(object):
    def filters(self):
        return {"nginx_site": nginx_site}
