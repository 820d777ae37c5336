"""What the jwt scenario's tests share: the inventory's settings, tokens
minted with the collection's own jwt_token filter (as an operator would mint
one), XMPP logins over BOSH made on the host itself, and playbook runs."""

import json
import os
import pathlib
import re
import sys
import time

import pytest

sys.path.insert(0, str(pathlib.Path(os.environ["MOLECULE_PROJECT_DIRECTORY"]) / ".cache" / "collections"))
from ansible_collections.selfhosted.jitsi.plugins.filter.jwt import jwt_token  # noqa: E402  pylint: disable=wrong-import-position

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
from scenario_helpers import domain, hostvars, run_playbook, scenario_dir  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import

CLIENT = (pathlib.Path(__file__).parent / "xmpp_bosh.py").read_text()


@pytest.fixture()
def mint(hostvars, domain):
    """mint(room, **changes): a token as a portal would issue it for room,
    valid for ten minutes; changes override claims (None drops one), and
    secret= signs with another secret."""
    def make(room, secret=None, **changes):
        now = int(time.time())
        claims = {"iss": hostvars["access_jwt_app_id"], "aud": "jitsi", "sub": domain, "room": room,
                  "iat": now, "nbf": now - 5, "exp": now + 600,
                  "context": {"user": {"name": "Test User"}}}
        for key, value in changes.items():
            if value is None:
                claims.pop(key, None)
            else:
                claims[key] = value
        return jwt_token(claims, secret or hostvars["access_jwt_app_secret"])
    return make


def bosh(host, domain, token=None, room=None, xmpp_host=None, mechanism="ANONYMOUS", user="", password="", stay=0):
    """Log in over BOSH through nginx on the host; the outcome of each step."""
    config = {"url": f"https://{domain}/http-bind", "cafile": f"/etc/jitsi/meet/{domain}.crt",
              "host": xmpp_host or domain, "domain": domain, "token": token, "room": room,
              "mechanism": mechanism, "user": user, "password": password, "stay": stay}
    result = host.run("python3 -c %s %s", CLIENT, json.dumps(config))
    assert result.rc == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture()
def login(host, domain):
    def run(**kwargs):
        return bosh(host, domain, **kwargs)
    return run


def recap(output):
    """{host: {ok, changed, failed, ...}} from a playbook's PLAY RECAP."""
    found = {}
    output = re.sub(r"\x1b\[[0-9;]*m", "", output)
    for line in output.split("PLAY RECAP", 1)[-1].splitlines():
        match = re.match(r"^(\S+)\s+:\s+(.*)$", line.strip())
        if match:
            found[match.group(1)] = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", match.group(2))}
    return found
