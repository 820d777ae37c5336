"""Run again with the same arguments, each module reports no change and
leaves the files exactly as they were."""

import os

import testinfra.utils.ansible_runner
from conftest import KEY_URL, KEYRING, MIRROR, SOURCE, snapshot

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def test_apt_keyring_again_is_unchanged(host, run_module, fingerprint):
    before = snapshot(host, KEYRING)
    result = run_module("apt_keyring", name="jitsi-mirror", url=KEY_URL, fingerprints=[fingerprint])
    assert result["failed"] is False, result
    assert result["changed"] is False, result
    assert result["fingerprints"] == [fingerprint]
    assert result["legacy_removed"] == []
    assert snapshot(host, KEYRING) == before


def test_apt_source_again_is_unchanged_and_does_not_refresh(host, run_module):
    before = snapshot(host, SOURCE)
    result = run_module(
        "apt_source", name="jitsi-mirror", uris=[MIRROR], suites=["stable/"],
        signed_by=KEYRING, update_cache=True,
    )
    assert result["failed"] is False, result
    assert result["changed"] is False, result
    assert result["cache_updated"] is False
    assert result["cleaned"] == []
    assert snapshot(host, SOURCE) == before
