"""What the modules scenario's tests share: the mirror's key fingerprints,
the files converge wrote, and a way to run one module on the target."""

import base64
import json
import os
import pathlib
import subprocess
import tempfile

import pytest

KEYRING = "/etc/apt/keyrings/jitsi-mirror.gpg"
SOURCE = "/etc/apt/sources.list.d/jitsi-mirror.sources"
MIRROR = "https://mirror.jitsi.test"
KEY_URL = MIRROR + "/jitsi-key.gpg.key"
OTHER_KEY_URL = MIRROR + "/other-key.gpg.key"
# A key whose user ID is bound with SHA-1, and a file holding it and the
# signing key (tests/mirror/build); suites legacy/ and dual/ are signed by
# the first alone and by both.
LEGACY_KEY_URL = MIRROR + "/legacy-key.gpg.key"
COMBINED_KEY_URL = MIRROR + "/combined-key.gpg.key"


def mirror_dir():
    root = os.environ.get("SELFHOSTED_JITSI_ROOT") or os.environ["MOLECULE_PROJECT_DIRECTORY"]
    return pathlib.Path(root) / ".cache" / "mirror" / "current"


@pytest.fixture(scope="session")
def fingerprint():
    """The mirror's signing key, as built on the controller."""
    return (mirror_dir() / "fingerprint").read_text().strip()


@pytest.fixture(scope="session")
def other_fingerprint():
    """The second key the mirror serves, which signs nothing."""
    return (mirror_dir() / "other-fingerprint").read_text().strip()


@pytest.fixture(scope="session")
def legacy_fingerprint():
    """The mirror's SHA-1-bound key, which signs the legacy/ and dual/ suites."""
    return (mirror_dir() / "legacy-fingerprint").read_text().strip()


def apt_update(host, keyring, suite):
    """apt-get update of one mirror suite trusting keyring alone, in lists of
    its own so the host's sources and lists stay as they are; (rc, output)."""
    work = host.check_output("mktemp -d /tmp/apt-check.XXXXXX")
    try:
        # apt downloads as _apt, as it does into its own lists.
        host.check_output("chmod 755 %s && mkdir -p %s/lists/partial && chown _apt:root %s/lists/partial",
                          work, work, work)
        host.check_output("printf '%%s\\n' %s %s %s %s > %s/check.sources", "Types: deb", f"URIs: {MIRROR}",
                          f"Suites: {suite}", f"Signed-By: {keyring}", work)
        result = host.run(
            "LANG=C apt-get update -o Dir::Etc::sourcelist=%s/check.sources "
            "-o Dir::Etc::sourceparts=/nonexistent -o Dir::State::Lists=%s/lists "
            "-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=", work, work)
        return result.rc, result.stdout + result.stderr
    finally:
        host.run("rm -rf -- %s", work)


def fetch(host, url, path):
    """Put url's content at path on the host, the way a handbook's curl would."""
    host.check_output(
        "python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())' "
        "%s > %s", url, path)


@pytest.fixture()
def run_module(host):
    """Run a collection module on the host through the ansible command and
    return its result, with failed set from ansible's exit status: since
    ansible-core 2.19 the result ansible writes out carries no failed key, so
    testinfra's host.ansible() cannot tell a failure from a success."""

    def run(module, check=False, **args):
        name = host.backend.get_hostname()
        command = [
            "ansible", "-i", os.environ["MOLECULE_INVENTORY_FILE"],
            "-m", f"selfhosted.jitsi.{module}", "-a", json.dumps(args), "--tree",
        ]
        with tempfile.TemporaryDirectory() as tree:
            done = subprocess.run(
                command + [tree, name] + (["--check"] if check else []),
                capture_output=True, text=True, check=False,
            )
            # 0 is success, 2 a failed task; anything else (unreachable host,
            # bad options) is a broken test run, not a module result.
            assert done.returncode in (0, 2), done.stdout + done.stderr
            with open(os.path.join(tree, name), encoding="utf-8") as handle:
                result = json.load(handle)
        result["failed"] = done.returncode == 2
        # The tree holds no warnings: ansible prints them, wrapped to its width.
        result["printed"] = " ".join((done.stdout + done.stderr).split())
        return result

    return run


def snapshot(host, path):
    """Mode, owner, size, nanosecond mtime and checksum of a file on the host,
    or None when it is absent: equal snapshots mean the file was not touched."""
    result = host.run("stat -c '%%a %%U:%%G %%s %%.9Y' -- %s && sha256sum -- %s", path, path)
    if result.rc != 0:
        assert not host.file(path).exists, result.stderr
        return None
    return result.stdout


def keyring_bytes(host, path):
    """The file's bytes, carried as base64: command output is text."""
    return base64.b64decode(host.check_output("base64 -w0 -- %s", path))
