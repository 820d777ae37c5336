"""No nginx log keeps a participant's address or a room name, whatever the
request: pages, rooms, static assets, config.js, BOSH and missing files.
Upstream's site has an access_log of its own, with the client address."""

import os
import re
import uuid

import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

IPV4 = re.compile(r"\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b")

REQUESTS = """
import ssl, sys, urllib.error, urllib.request
ctx = ssl._create_unverified_context()
for url in sys.argv[1:]:
    try:
        urllib.request.urlopen(url, context=ctx, timeout=10).read()
    except urllib.error.HTTPError:
        pass
"""


def sizes(host):
    """Current size of every nginx log, so only the new lines are read."""
    out = host.check_output("find /var/log/nginx -type f -name '*.log' -printf '%p %s\\n'")
    return dict((line.split()[0], int(line.split()[1])) for line in out.splitlines())


def test_no_log_keeps_address_or_room(host, domain, mirror_host):
    room = "privacy-room-" + uuid.uuid4().hex[:8]
    before = sizes(host)
    urls = [f"https://{domain}{path}" for path in (
        "/", f"/{room}", "/css/all.css", "/libs/app.bundle.min.js", "/config.js",
        f"/http-bind?room={room}", f"/static/{room}.png", f"/{room}/no/such/path",
    )] + [f"http://{domain}/{room}"]
    # Requests from another machine, whose address no log may keep.
    mirror_host.run_expect([0], "python3 -c %s " + " ".join(["%s"] * len(urls)), REQUESTS, *urls)
    peer = host.check_output("getent ahostsv4 privacy-mirror | awk '{print $1; exit}'")
    assert peer
    host.run_expect([0], "sleep 1")
    new = {}
    for path, size in sizes(host).items():
        new[path] = host.check_output(f"tail -c +{before.get(path, 0) + 1} {path}")
    access = new.get("/var/log/nginx/access.log", "")
    assert len(access.splitlines()) >= len(urls), f"the requests were not logged: {new}"
    everything = "\n".join(new.values())
    assert room not in everything
    assert peer not in everything
    assert not IPV4.search(everything), everything
    assert "GET" in access


def test_upstreams_access_log_is_switched_off(host, domain):
    text = host.file(f"/etc/nginx/sites-available/{domain}.conf").content_string
    live = [line.split("#")[0].strip() for line in text.splitlines()]
    logs = [line for line in live if line.startswith("access_log")]
    assert logs and all("jitsi_log" not in line for line in logs), logs
