"""Every kind of response of the web site carries the security headers once:
nginx does not merge the server's add_header lines into a location that has
its own, and upstream's site has several (static assets, /_unlock)."""

import json
import os
import time

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

# Headers as a list of pairs, so that a header sent twice shows.
FETCH = """
import json, ssl, sys, urllib.error, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[2])
try:
    r = urllib.request.urlopen(urllib.request.Request(sys.argv[1], method=sys.argv[3]), context=ctx, timeout=10)
except urllib.error.HTTPError as err:
    r = err
print(json.dumps({"status": r.status, "headers": [[k.lower(), v] for k, v in r.headers.items()]}))
"""

EXPECTED = {
    "strict-transport-security": "max-age=63072000",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def fetch(host, domain, path, method="GET"):
    # Other tests restart prosody: BOSH answers 502 until it is back, so a
    # gateway error is retried for a bounded time.
    for _attempt in range(30):
        result = host.run("python3 -c %s %s %s %s", FETCH, f"https://{domain}{path}", f"/etc/jitsi/meet/{domain}.crt", method)
        assert result.rc == 0, result.stderr
        answer = json.loads(result.stdout)
        if answer["status"] not in (502, 503, 504):
            break
        time.sleep(1)
    return answer


@pytest.mark.parametrize("what, path, method, status", [
    ("page", "/", "GET", 200),
    ("room", "/SomeRoom", "GET", 200),
    ("static asset", "/css/all.css", "GET", 200),
    ("script", "/libs/app.bundle.min.js", "GET", 200),
    ("config.js", "/config.js", "GET", 200),
    ("BOSH", "/http-bind", "GET", 200),
    # upstream's keep-alive target serves no file: its answer is a 404 page.
    ("unlock", "/_unlock", "GET", 404),
    ("missing static file", "/static/no-such-file.png", "GET", 404),
])
def test_headers_are_sent_once_on_every_response_class(host, domain, what, path, method, status):
    answer = fetch(host, domain, path, method)
    assert answer["status"] == status, (what, answer)
    headers = answer["headers"]
    for name, value in EXPECTED.items():
        values = [v for k, v in headers if k == name]
        assert values == [value], f"{what} ({path}): {name} is {values}"
    assert any(k == "permissions-policy" and "camera=(self)" in v for k, v in headers), what


def test_upstreams_own_location_headers_stay(host, domain):
    headers = fetch(host, domain, "/css/all.css")["headers"]
    assert ["access-control-allow-origin", "*"] in headers
