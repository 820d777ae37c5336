"""apt_keyring wrote the mirror's key as a binary keyring apt can read,
holding exactly the pinned primary key."""

import os
import subprocess
import tempfile

import testinfra.utils.ansible_runner
from conftest import KEYRING, keyring_bytes

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def primary_fingerprints(data):
    """Primary key fingerprints as GnuPG reads them. gpg runs on the controller
    (the mirror build needs it there) so the target keeps the module's promise
    of working without gpg."""
    with tempfile.TemporaryDirectory() as home:
        path = os.path.join(home, "keyring.gpg")
        with open(path, "wb") as handle:
            handle.write(data)
        listing = subprocess.run(
            ["gpg", "--homedir", home, "--batch", "--with-colons", "--show-keys", path],
            check=True, capture_output=True, text=True,
        ).stdout
    fingerprints, after_primary = [], False
    for line in listing.splitlines():
        kind = line.split(":")[0]
        if kind == "pub":
            after_primary = True
        elif kind == "fpr" and after_primary:
            fingerprints.append(line.split(":")[9])
            after_primary = False
    return fingerprints


def test_keyring_is_a_root_owned_0644_file(host):
    keyring = host.file(KEYRING)
    assert keyring.is_file
    assert keyring.mode == 0o644
    assert (keyring.user, keyring.group) == ("root", "root")
    assert host.file("/etc/apt/keyrings").mode == 0o755


def test_keyring_is_binary_not_armored(host):
    data = keyring_bytes(host, KEYRING)
    assert b"-----BEGIN" not in data
    # Every binary OpenPGP packet starts with a tag byte whose top bit is set;
    # the first packet of a certificate is its public key (tag 6).
    assert data[0] & 0x80
    tag = (data[0] & 0x3F) if data[0] & 0x40 else (data[0] & 0x3C) >> 2
    assert tag == 6


def test_gpg_finds_exactly_the_pinned_key(host, fingerprint):
    assert primary_fingerprints(keyring_bytes(host, KEYRING)) == [fingerprint]
