"""What the cluster scenario's tests share: the containers by role, the
deployment's domain, jicofo's view of the pool, and playbook runs against
the scenario's inventory."""

import json
import os
import pathlib
import sys
import time

import pytest
import testinfra

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
# Imported under a name of its own: other scenarios' conftest modules export
# helpers of the same names with other signatures.
from scenario_helpers import run_playbook as run_scenario_playbook  # noqa: E402  pylint: disable=wrong-import-position

DOMAIN = "meet-cluster.jitsi.test"
BREWERY = f"jvbbrewery@internal.auth.{DOMAIN}"
POOL = ["cluster-bridge1", "cluster-bridge2"]
RETIRED = "cluster-bridge3"


def container(name):
    return testinfra.get_host(f"docker://{name}")


@pytest.fixture(scope="session")
def meet():
    return container("cluster-meet")


@pytest.fixture(scope="session")
def outsider():
    """A host on the same network that is not a bridge: the mirror."""
    return container("cluster-mirror")


def jicofo(host, path):
    """jicofo's REST answer at path, as JSON."""
    return json.loads(host.check_output(f"curl -sf http://127.0.0.1:8888{path}"))


def eventually(check, seconds):
    deadline = time.monotonic() + seconds
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(1)


def can_connect(host, target, port):
    """Whether host opens a TCP connection to target:port within 3 s."""
    script = ("import socket, sys\n"
              "try:\n"
              "    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3).close()\n"
              "except OSError:\n"
              "    sys.exit(1)\n")
    return host.run("python3 -c %s %s %s", script, target, str(port)).rc == 0


def scaling_runs():
    path = pathlib.Path(os.environ["MOLECULE_EPHEMERAL_DIRECTORY"]) / "scaling-runs.json"
    return json.loads(path.read_text())


def playbook_output(playbook, *extra):
    """(return code, stdout and stderr on one line) of a playbook run against
    the scenario's inventory."""
    result = run_scenario_playbook(playbook, *extra)
    return result.returncode, " ".join((result.stdout + result.stderr).split())
