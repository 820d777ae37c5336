"""A key that does not match the pinned fingerprint fails the task, names
both fingerprints, and leaves the keyrings folder as it was."""

import os

import testinfra.utils.ansible_runner
from conftest import KEY_URL, KEYRING, OTHER_KEY_URL, snapshot

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def test_new_keyring_with_wrong_pin_is_refused(host, run_module, fingerprint, other_fingerprint):
    listing = host.check_output("ls -A /etc/apt/keyrings")
    result = run_module("apt_keyring", name="wrong", url=KEY_URL, fingerprints=[other_fingerprint])
    assert result["failed"] is True, result
    message = result["msg"]
    assert f"expected {other_fingerprint}" in message, message
    assert f"found {fingerprint}" in message, message
    assert not host.file("/etc/apt/keyrings/wrong.gpg").exists
    # No temporary file is left behind either.
    assert host.check_output("ls -A /etc/apt/keyrings") == listing


def test_swapped_key_behind_the_url_leaves_the_installed_keyring(host, run_module, fingerprint, other_fingerprint):
    before = snapshot(host, KEYRING)
    result = run_module("apt_keyring", name="jitsi-mirror", url=OTHER_KEY_URL, fingerprints=[fingerprint])
    assert result["failed"] is True, result
    assert f"expected {fingerprint}" in result["msg"], result["msg"]
    assert f"found {other_fingerprint}" in result["msg"], result["msg"]
    assert snapshot(host, KEYRING) == before
