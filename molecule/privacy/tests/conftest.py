"""What the privacy scenario's tests share: the domain, HTTPS requests made
on the host itself, and playbook runs against the scenario's inventory."""

import os
import pathlib
import subprocess

import pytest
import testinfra


@pytest.fixture()
def hostvars(host):
    return host.ansible.get_variables()


@pytest.fixture()
def domain(hostvars):
    return hostvars["jitsi_domain"]


@pytest.fixture(scope="session")
def mirror_host():
    """The mirror container: a second machine on the scenario's network."""
    return testinfra.get_host("ansible://privacy-mirror", ansible_inventory=os.environ["MOLECULE_INVENTORY_FILE"])


HTTPS_GET = """
import json, ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[2])
r = urllib.request.urlopen(sys.argv[1], context=ctx, timeout=10)
print(json.dumps({"status": r.status, "headers": dict(r.headers.items()), "body": r.read().decode("utf-8", "replace")}))
"""


def https_get(host, url, cafile):
    """GET url from the host, trusting only cafile: {status, headers, body}."""
    import json
    result = host.run("python3 -c %s %s %s", HTTPS_GET, url, cafile)
    assert result.rc == 0, result.stderr
    return json.loads(result.stdout)


def scenario_dir():
    return pathlib.Path(os.environ.get("MOLECULE_SCENARIO_DIRECTORY") or pathlib.Path(__file__).parent.parent)


def run_playbook(playbook, *extra):
    """ansible-playbook against the scenario's inventory; returns the CompletedProcess."""
    return subprocess.run(
        ["ansible-playbook", "-i", os.environ["MOLECULE_INVENTORY_FILE"], str(playbook), *extra],
        capture_output=True, text=True, check=False,
    )
