"""What the privacy scenario's tests share: the domain, HTTPS requests made
on the host itself, and playbook runs against the scenario's inventory."""

import os
import pathlib
import sys

import pytest
import testinfra

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
from scenario_helpers import domain, hostvars, run_playbook, scenario_dir  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import


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
