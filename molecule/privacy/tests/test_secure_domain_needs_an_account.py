"""Strangers cannot open rooms: the domain refuses anonymous logins and
accepts a registered user, while guests log in anonymously on guest.<domain>
(from where they can only join rooms a user opened)."""

import os

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

# A minimal XMPP client: stream to the host, STARTTLS when offered, then one
# SASL attempt. Prints the offered mechanisms and the outcome.
PROBE = r"""
import base64, re, socket, ssl, sys
host, mechanism, user, password = sys.argv[1:5]
sock = socket.create_connection(("127.0.0.1", 5222), timeout=10)

def read_until(patterns):
    data = b""
    while not any(re.search(p, data) for p in patterns):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace")

def open_stream():
    sock.sendall(("<?xml version='1.0'?><stream:stream to='%s' version='1.0' xmlns='jabber:client' "
                  "xmlns:stream='http://etherx.jabber.org/streams'>" % host).encode())
    return read_until([rb"</stream:features>", rb"<stream:error"])

features = open_stream()
if "urn:ietf:params:xml:ns:xmpp-tls" in features:
    sock.sendall(b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
    read_until([rb"<proceed"])
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    sock = ctx.wrap_socket(sock, server_hostname=host)
    features = open_stream()
offered = re.findall(r"<mechanism>([^<]+)</mechanism>", features)
print("offered=" + ",".join(offered))
payload = ""
if mechanism == "PLAIN":
    payload = base64.b64encode(("\0%s\0%s" % (user, password)).encode()).decode()
sock.sendall(("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='%s'>%s</auth>" % (mechanism, payload or "=")).encode())
answer = read_until([rb"<success", rb"</failure>", rb"<failure[^>]*/>", rb"<stream:error"])
print("result=" + ("success" if "<success" in answer else "refused"))
"""


def probe(host, xmpp_host, mechanism, user="", password=""):
    result = host.run("python3 -c %s %s %s %s %s", PROBE, xmpp_host, mechanism, user, password)
    assert result.rc == 0, result.stderr
    lines = dict(line.split("=", 1) for line in result.stdout.split())
    return lines["offered"].split(","), lines["result"]


@pytest.fixture()
def user(hostvars):
    return hostvars["access_users"][0]


def test_anonymous_login_on_the_domain_is_refused(host, domain):
    offered, result = probe(host, domain, "ANONYMOUS")
    assert "ANONYMOUS" not in offered
    assert result == "refused"


def test_registered_user_logs_in(host, domain, user):
    offered, result = probe(host, domain, "PLAIN", user["name"], user["password"])
    assert "PLAIN" in offered
    assert result == "success"


def test_wrong_password_is_refused(host, domain, user):
    result = probe(host, domain, "PLAIN", user["name"], user["password"] + "-wrong")[1]
    assert result == "refused"


def test_guests_log_in_anonymously_on_the_guest_domain(host, domain):
    offered, result = probe(host, f"guest.{domain}", "ANONYMOUS")
    assert "ANONYMOUS" in offered
    assert result == "success"


def test_jicofo_requires_authentication(host, domain):
    text = host.file("/etc/jitsi/jicofo/jicofo.conf").content_string
    block = text.split("# BEGIN selfhosted.jitsi: authentication", 1)[1]
    assert "enabled = true" in block and 'type = "XMPP"' in block and f'login-url = "{domain}"' in block
