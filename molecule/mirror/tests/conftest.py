"""Shared knowledge of the mirror scenario's tests: where the controller's
mirror build is and which domain each Jitsi host was given."""

import os
import pathlib
import time

import pytest


def mirror_dir():
    root = os.environ.get("SELFHOSTED_JITSI_ROOT") or os.environ["MOLECULE_PROJECT_DIRECTORY"]
    return pathlib.Path(root) / ".cache" / "mirror" / "current"


@pytest.fixture(scope="session")
def mirror():
    path = mirror_dir()
    versions = (path / "jitsi-meet-versions").read_text().split()
    sets = {
        version: dict(line.split("=", 1) for line in (path / "package-sets" / version).read_text().split())
        for version in versions
    }
    return {
        "fingerprint": (path / "fingerprint").read_text().strip(),
        "other_fingerprint": (path / "other-fingerprint").read_text().strip(),
        "versions": versions,
        "sets": sets,
    }


@pytest.fixture()
def domain(host):
    name = host.backend.get_hostname()
    return "meet-" + name.removeprefix("mirror-") + ".jitsi.test"


def health(host, port):
    """HTTP status of a stand-in service's /about/health, as text."""
    return host.run(f"curl -s -o /dev/null -w '%{{http_code}}' http://127.0.0.1:{port}/about/health").stdout


def wait_for(predicate, timeout):
    """True once predicate() holds, polled every second for up to timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(1)
    return predicate()
