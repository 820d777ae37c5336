"""Shared knowledge of the mirror scenario's tests: where the controller's
mirror build is and which domain each Jitsi host was given."""

import pathlib
import sys
import time

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "shared"))
from mirror_build import read_mirror  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope="session")
def mirror():
    return read_mirror()


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
