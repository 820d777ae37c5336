# SPDX-License-Identifier: GPL-3.0-or-later
"""TEST STAND-IN for Jitsi's Java services (jitsi-videobridge2, jicofo).

A fixture of the selfhosted.jitsi collection's tests, not Jitsi software: it
takes the place of the bridge or of jicofo so that an installation can be
tested offline and quickly.  It reads the configuration file the package's
postinst wrote, keeps an XMPP client session to prosody as the service's user
(STARTTLS, SASL PLAIN, resource binding, presence, joining the brewery room),
listens on the service's ports and answers GET /about/health: 200 while the
XMPP session is up, 500 while it is not.  It forwards no media and focuses no
conference.  Standard library only.
"""

import argparse
import base64
import http.server
import json
import logging
import re
import socket
import ssl
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

# Idle sessions are closed by servers and NAT boxes; a whitespace ping keeps
# the TCP connection and prosody's session alive, as XMPP clients do.
KEEPALIVE_SECONDS = 30
RETRY_SECONDS = (1, 2, 5, 10)

ROLES = {
    "jvb": {
        "config": "/etc/jitsi/videobridge/jvb.conf",
        "prefix": "videobridge.apis.xmpp-client.configs.shard.",
        "health_port": 8080,
        "service": "jitsi-videobridge2",
    },
    "jicofo": {
        "config": "/etc/jitsi/jicofo/jicofo.conf",
        "prefix": "jicofo.xmpp.client.",
        "health_port": 8888,
        "service": "jicofo",
    },
}

log = logging.getLogger("standin")


def read_hocon(path):
    """Flatten the small HOCON subset the stand-in postinst scripts write.

    Nested `name {` ... `}` blocks and `key = value` lines; values may be
    quoted.  Returns {"a.b.key": "value"}.  Not a general HOCON parser.
    """
    values, stack = {}, []
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if not line or line.startswith(("#", "//")):
                continue
            if line.endswith("{"):
                stack.append(line[:-1].strip().rstrip("=:").strip())
                continue
            if line == "}":
                if stack:
                    stack.pop()
                continue
            match = re.match(r'^([\w."-]+)\s*[=:]\s*(.*)$', line)
            if not match:
                continue
            key, value = match.group(1).strip('"'), match.group(2).strip()
            if value.startswith('"'):
                value = json.loads(value)
            values[".".join(stack + [key])] = value
    return values


class XmppError(Exception):
    pass


class XmppSession:
    """One XMPP c2s session, reopened whenever it drops."""

    def __init__(self, host, port, domain, username, password, room, nick, verify):
        self.host, self.port, self.domain = host, port, domain
        self.username, self.password = username, password
        self.room, self.nick, self.verify = room, nick, verify
        self.jid = None
        self._lock = threading.Lock()
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
                self._session()
            except (OSError, XmppError, ET.ParseError, ssl.SSLError) as err:
                log.warning("XMPP session to %s:%s as %s@%s is down: %s",
                            self.host, self.port, self.username, self.domain, err)
            with self._lock:
                self.jid = None
            if self._sock is not None:
                self._sock.close()
                self._sock = None
            time.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
            attempt += 1

    # stream plumbing ---------------------------------------------------
    def _send(self, data):
        self._sock.sendall(data.encode("utf-8"))

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
            # Mirrors upstream's disable_certificate_verification switch.
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
        if self.room:
            self._send("<presence to=%s><x xmlns='%s'/></presence>"
                       % (quoteattr("%s/%s" % (self.room, self.nick)), NS_MUC))
        with self._lock:
            self.jid = jid
        log.info("XMPP session up as %s", jid)
        self._serve()

    def _serve(self):
        self._sock.settimeout(KEEPALIVE_SECONDS)
        while True:
            try:
                stanza = self._next()
            except socket.timeout:
                self._send(" ")
                continue
            if stanza.tag == "{jabber:client}iq" and stanza.get("type") in ("get", "set"):
                self._answer_iq(stanza)

    def _answer_iq(self, iq):
        to = quoteattr(iq.get("from", self.domain))
        ident = quoteattr(iq.get("id", ""))
        if iq.find("{%s}ping" % NS_PING) is not None:
            self._send("<iq type='result' to=%s id=%s/>" % (to, ident))
            return
        self._send("<iq type='error' to=%s id=%s><error type='cancel'>"
                   "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                   "</error></iq>" % (to, ident))


def make_health_handler(session, name):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "jitsi-test-standin"

        def do_GET(self):  # noqa: N802 (name fixed by http.server)
            if self.path == "/about/health":
                if session.up:
                    self._reply(200, {})
                else:
                    self._reply(500, {"error": "XMPP session is not up (test stand-in)"})
            elif self.path == "/about/version":
                self._reply(200, {"name": name, "standin": True})
            else:
                self._reply(404, {"error": "not found"})

        def _reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


class ColibriHandler(http.server.BaseHTTPRequestHandler):
    """Answers on the bridge's websocket port so that proxies can be tested."""

    def do_GET(self):  # noqa: N802 (name fixed by http.server)
        data = b"colibri-ws test stand-in: websockets are not implemented\n"
        self.send_response(400)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("role", choices=sorted(ROLES))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    role = ROLES[args.role]
    conf = read_hocon(role["config"])
    prefix = role["prefix"]

    def get(key, default=None):
        return conf.get(prefix + key, default)

    if args.role == "jvb":
        room = get("muc_jids")
        nick = get("muc_nickname", "jvb")
        verify = get("disable_certificate_verification", "false") != "true"
    else:
        room = conf.get("jicofo.bridge.brewery-jid")
        nick = "focus"
        verify = get("disable-certificate-verification", "false") != "true"

    session = XmppSession(
        host=get("hostname", "localhost"),
        port=int(get("port", 5222)),
        domain=get("domain"),
        username=get("username"),
        password=get("password"),
        room=room,
        nick=nick,
        verify=verify,
    )
    serve_http("127.0.0.1", role["health_port"], make_health_handler(session, role["service"]))
    if args.role == "jvb":
        serve_http("0.0.0.0", int(conf.get("videobridge.http-servers.public.port", 9090)), ColibriHandler)
        drain_udp(10000)
    log.info("%s test stand-in started", role["service"])
    session.run_forever()


if __name__ == "__main__":
    main()
