"""The web server's access log records requests without the participant's
address or the room name."""

import os
import re
import uuid

import testinfra.utils.ansible_runner
from conftest import https_get

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

IPV4 = re.compile(r"\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b")


def test_requests_are_logged_without_address_or_room(host, domain, mirror_host):
    log = "/var/log/nginx/access.log"
    before = int(host.check_output(f"wc -l < {log}"))
    room = "privacy-room-" + uuid.uuid4().hex[:8]
    https_get(host, f"https://{domain}/{room}", f"/etc/jitsi/meet/{domain}.crt")
    # A request from another machine, whose address the log must not keep.
    mirror_host.run_expect([0], f"python3 -c %s https://{domain}/{room}",
                           "import ssl, sys, urllib.request; urllib.request.urlopen(sys.argv[1], "
                           "context=ssl._create_unverified_context(), timeout=10).read()")
    peer = host.check_output("getent ahostsv4 privacy-mirror | awk '{print $1; exit}'")
    host.run_expect([0], "sleep 1")
    new = host.check_output(f"tail -n +{before + 1} {log}")
    assert len(new.splitlines()) >= 2, "the requests were not logged at all"
    assert room not in new
    assert peer and peer not in new
    assert not IPV4.search(new), new
    assert "GET" in new
