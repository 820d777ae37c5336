"""A minimal XMPP client over BOSH, as Jitsi Meet's web app connects: through
nginx at https://<domain>/http-bind, the token in the URL's query.

Run on the Jitsi host: python3 xmpp_bosh.py CONFIG_JSON, where the JSON names
  url        the BOSH address, e.g. https://meet.example/http-bind
  cafile     the certificate to trust
  host       the XMPP host to log in to (the domain, or guest.<domain>)
  domain     the deployment's domain (focus.<domain>, conference.<domain>)
  token      optional; sent as ?token=
  mechanism  ANONYMOUS, PLAIN or SCRAM-SHA-1; user and password for the latter
  room       optional; the room to ask jicofo for and then to join
  stay       optional; seconds to stay in the room before the script ends

Prints one JSON object: mechanisms offered, then the outcome of each step
("ok" or "error:<condition>"; steps after a failed one are "skipped")."""

import base64
import hashlib
import hmac
import json
import random
import re
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HTTPBIND = "http://jabber.org/protocol/httpbind"
SASL = "urn:ietf:params:xml:ns:xmpp-sasl"


class Bosh:
    def __init__(self, config):
        self.config = config
        url = config["url"]
        if config.get("token"):
            url += "?" + urllib.parse.urlencode({"token": config["token"]})
        self.url = url
        self.context = ssl.create_default_context(cafile=config["cafile"])
        self.rid = random.randint(1 << 20, 1 << 30)
        self.sid = None
        self.pending = ""

    def post(self, attributes="", payload=""):
        self.rid += 1
        attrs = "rid='%d' xmlns='%s'" % (self.rid, HTTPBIND)
        if self.sid:
            attrs += " sid='%s'" % self.sid
        body = "<body %s %s>%s</body>" % (attrs, attributes, payload)
        request = urllib.request.Request(self.url, data=body.encode(), headers={"Content-Type": "text/xml; charset=utf-8"})
        with urllib.request.urlopen(request, context=self.context, timeout=30) as response:
            text = response.read().decode("utf-8", "replace")
        if "type='terminate'" in text or 'type="terminate"' in text:
            raise ConnectionError("terminated: " + text[:300])
        self.pending += text
        return text

    def until(self, patterns, seconds=20):
        """Poll until one of the patterns shows in what the server sent; returns
        the text up to and including the match, keeping the rest."""
        deadline = time.time() + seconds
        while True:
            for pattern in patterns:
                match = re.search(pattern, self.pending, re.S)
                if match:
                    found, self.pending = self.pending[:match.end()], self.pending[match.end():]
                    return found
            if time.time() > deadline:
                raise TimeoutError("no answer matching %s in %ss; got %r" % (patterns, seconds, self.pending[-500:]))
            self.post()


def scram_sha1(bosh, user, password, outcome):
    """SASL SCRAM-SHA-1 (RFC 5802), as the web app logs in with a password;
    returns the server's final answer."""
    nonce = base64.b64encode(random.randbytes(18)).decode()
    first_bare = "n=%s,r=%s" % (user, nonce)
    bosh.post(payload="<auth xmlns='%s' mechanism='SCRAM-SHA-1'>%s</auth>"
              % (SASL, base64.b64encode(("n,," + first_bare).encode()).decode()))
    answer = bosh.until([r"<challenge[^>]*>[^<]*</challenge>"] + outcome)
    if "<challenge" not in answer:
        return answer
    server_first = base64.b64decode(re.search(r"<challenge[^>]*>([^<]*)</challenge>", answer).group(1)).decode()
    fields = dict(item.split("=", 1) for item in server_first.split(","))
    salted = hashlib.pbkdf2_hmac("sha1", password.encode(), base64.b64decode(fields["s"]), int(fields["i"]))
    client_key = hmac.new(salted, b"Client Key", hashlib.sha1).digest()
    final_bare = "c=biws,r=" + fields["r"]
    message = ",".join([first_bare, server_first, final_bare]).encode()
    signature = hmac.new(hashlib.sha1(client_key).digest(), message, hashlib.sha1).digest()
    proof = bytes(a ^ b for a, b in zip(client_key, signature))
    final = "%s,p=%s" % (final_bare, base64.b64encode(proof).decode())
    bosh.post(payload="<response xmlns='%s'>%s</response>" % (SASL, base64.b64encode(final.encode()).decode()))
    return bosh.until(outcome)


def condition(text):
    """The XMPP error condition (or SASL failure condition) in text."""
    match = re.search(r"<failure[^>]*>\s*<([a-z-]+)", text)
    if not match:
        match = re.search(r"<(?!text\b)([a-z-]+)\s+xmlns=['\"]urn:ietf:params:xml:ns:xmpp-stanzas['\"]", text)
    return match.group(1) if match else "unknown"


def main():
    config = json.loads(sys.argv[1])
    result = {"mechanisms": [], "auth": "skipped", "bind": "skipped", "conference": "skipped", "join": "skipped"}
    bosh = Bosh(config)
    host, domain = config["host"], config["domain"]
    try:
        # prosody may still be starting after a restart (nginx answers 502):
        # a bounded wait for the first answer, not a single probe.
        deadline = time.time() + 60
        while True:
            try:
                first = bosh.post("to='%s' xml:lang='en' wait='10' hold='1' content='text/xml; charset=utf-8' ver='1.6' "
                                  "xmpp:version='1.0' xmlns:xmpp='urn:xmpp:xbosh'" % host)
                break
            except urllib.error.HTTPError as exc:
                if exc.code not in (502, 503, 504) or time.time() > deadline:
                    raise
                time.sleep(1)
        bosh.sid = re.search(r"sid=['\"]([^'\"]+)['\"]", first).group(1)
        features = bosh.until([r"</stream:features>"])
        result["mechanisms"] = re.findall(r"<mechanism>([^<]+)</mechanism>", features)
        mechanism = config.get("mechanism", "ANONYMOUS")
        if mechanism not in result["mechanisms"]:
            result["auth"] = "error:mechanism-not-offered"
            raise StopIteration
        outcome = [r"<success[^>]*/>|<success.*?</success>", r"<failure.*?</failure>|<failure[^>]*/>"]
        if mechanism == "SCRAM-SHA-1":
            answer = scram_sha1(bosh, config["user"], config["password"], outcome)
        else:
            payload = ""
            if mechanism == "PLAIN":
                payload = base64.b64encode(("\0%s\0%s" % (config["user"], config["password"])).encode()).decode()
            bosh.post(payload="<auth xmlns='%s' mechanism='%s'>%s</auth>" % (SASL, mechanism, payload))
            answer = bosh.until(outcome)
        if "<success" not in answer:
            result["auth"] = "error:" + condition(answer)
            raise StopIteration
        result["auth"] = "ok"

        bosh.post("to='%s' xml:lang='en' xmpp:restart='true' xmlns:xmpp='urn:xmpp:xbosh'" % host)
        bosh.until([r"</stream:features>"])
        bosh.post(payload="<iq type='set' id='bind1' xmlns='jabber:client'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>")
        answer = bosh.until([r"<iq[^>]*id=['\"]bind1['\"].*?</iq>"])
        if "type='result'" not in answer and 'type="result"' not in answer:
            result["bind"] = "error:" + condition(answer)
            raise StopIteration
        result["bind"] = "ok"
        result["jid"] = re.search(r"<jid>([^<]+)</jid>", answer).group(1)

        room = config.get("room")
        if not room:
            raise StopIteration
        room_jid = "%s@conference.%s" % (room, domain)
        bosh.post(payload="<iq type='set' id='conf1' to='focus.%s' xmlns='jabber:client'>"
                          "<conference xmlns='http://jitsi.org/protocol/focus' room='%s' machine-uid='selfhosted-jitsi-test'/>"
                          "</iq>" % (domain, room_jid))
        answer = bosh.until([r"<iq[^>]*id=['\"]conf1['\"][^>]*/>", r"<iq[^>]*id=['\"]conf1['\"].*?</iq>"], seconds=30)
        if re.search(r"type=['\"]result['\"]", answer) and re.search(r"ready=['\"]true['\"]", answer):
            result["conference"] = "ok"
        else:
            result["conference"] = "error:" + condition(answer)
            # A refused request does not stop a join: the room may exist.
        nick = "tester-%d" % random.randint(1000, 9999)
        bosh.post(payload="<presence to='%s/%s' xmlns='jabber:client'><x xmlns='http://jabber.org/protocol/muc'/></presence>"
                  % (room_jid, nick))
        answer = bosh.until([r"<presence[^>]*from=['\"]%s/%s['\"].*?</presence>" % (re.escape(room_jid), nick),
                             r"<presence[^>]*type=['\"]error['\"].*?</presence>"], seconds=30)
        stanza = answer[answer.rfind("<presence"):]
        if re.search(r"type=['\"]error['\"]", stanza.split(">", 1)[0]):
            result["join"] = "error:" + condition(stanza)
        elif re.search(r"code=['\"]110['\"]", stanza):
            result["join"] = "ok"
        else:
            result["join"] = "error:no-self-presence"
        # Stay in the room for a while, so that others can join it meanwhile.
        leave = time.time() + float(config.get("stay") or 0)
        while result["join"] == "ok" and time.time() < leave:
            bosh.post()
    except StopIteration:
        pass
    except (ConnectionError, TimeoutError, OSError) as exc:
        result["error"] = "%s: %s" % (type(exc).__name__, exc)
    # End the session, so that its occupant leaves the room now.
    if bosh.sid:
        try:
            bosh.post("type='terminate'", "<presence type='unavailable' xmlns='jabber:client'/>")
        except (ConnectionError, OSError):
            pass
    print(json.dumps(result))


if __name__ == "__main__":
    main()
