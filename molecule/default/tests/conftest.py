"""What the default scenario's tests share: the mirror build the hosts were
installed from, each host's domain, and a way to run commands elsewhere."""

import os
import pathlib
import sys

import pytest
import testinfra
import testinfra.utils.ansible_runner

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
from mirror_build import read_mirror  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope="session")
def mirror():
    return read_mirror()


@pytest.fixture()
def hostvars(host):
    # Tests reach the containers with `docker exec` (much faster than through
    # Ansible); the inventory still says what each host was given.
    inventory = testinfra.utils.ansible_runner.AnsibleRunner(os.environ["MOLECULE_INVENTORY_FILE"])
    return inventory.get_variables(host.backend.get_hostname())


@pytest.fixture()
def domain(hostvars):
    return hostvars["jitsi_domain"]


@pytest.fixture(scope="session")
def mirror_host():
    """The mirror container, a machine on the same network as the targets."""
    return testinfra.get_host("docker://default-mirror")


def https_get(host, url, cafile):
    """GET url from the host itself, trusting only cafile; returns (status, body)."""
    script = (
        "import ssl, sys, urllib.request\n"
        "ctx = ssl.create_default_context(cafile=sys.argv[2])\n"
        "r = urllib.request.urlopen(sys.argv[1], context=ctx, timeout=10)\n"
        "print(r.status)\n"
        "print(r.read(2000).decode('utf-8', 'replace'))\n"
    )
    result = host.run("python3 -c %s %s %s", script, url, cafile)
    assert result.rc == 0, result.stderr
    status, _newline, body = result.stdout.partition("\n")
    return int(status), body
