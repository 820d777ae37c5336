"""In check mode the modules report the change a real run would make and
write nothing: not the keyring, not the source, not apt's lists."""

import os

import testinfra.utils.ansible_runner
from conftest import KEY_URL, KEYRING, MIRROR, OTHER_KEY_URL, SOURCE, snapshot

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def test_replacing_the_key_is_reported_but_not_written(host, run_module, other_fingerprint):
    before = snapshot(host, KEYRING)
    result = run_module(
        "apt_keyring", check=True, name="jitsi-mirror", url=OTHER_KEY_URL, fingerprints=[other_fingerprint],
    )
    assert result["failed"] is False, result
    assert result["changed"] is True, result
    assert result["fingerprints"] == [other_fingerprint]
    assert snapshot(host, KEYRING) == before


def test_a_new_keyring_is_reported_but_not_created(host, run_module, fingerprint):
    path = "/etc/apt/keyrings/check-only.gpg"
    listing = host.check_output("ls -A /etc/apt/keyrings")
    result = run_module("apt_keyring", check=True, name="check-only", url=KEY_URL, fingerprints=[fingerprint])
    assert result["failed"] is False, result
    assert result["changed"] is True, result
    assert result["path"] == path
    assert not host.file(path).exists
    assert host.check_output("ls -A /etc/apt/keyrings") == listing


def test_a_changed_source_is_reported_but_not_written_or_fetched(host, run_module):
    before = snapshot(host, SOURCE)
    lists = host.check_output("ls -A /var/lib/apt/lists")
    result = run_module(
        "apt_source", check=True, name="jitsi-mirror", uris=[MIRROR], suites=["unsigned/"],
        signed_by=KEYRING, update_cache=True,
    )
    assert result["failed"] is False, result
    assert result["changed"] is True, result
    assert "Suites: unsigned/" in result["content"]
    assert result["cache_updated"] is False
    assert snapshot(host, SOURCE) == before
    assert host.check_output("ls -A /var/lib/apt/lists") == lists


def test_a_new_source_and_its_cleanup_are_reported_but_not_applied(host, run_module):
    path = "/etc/apt/sources.list.d/check-only.sources"
    before = snapshot(host, SOURCE)
    result = run_module(
        "apt_source", check=True, name="check-only", uris=[MIRROR], suites=["stable/"], signed_by=KEYRING,
    )
    assert result["failed"] is False, result
    assert result["changed"] is True, result
    # The same URI in another file is what cleanup would remove.
    assert result["cleaned"] == [SOURCE]
    assert not host.file(path).exists
    assert snapshot(host, SOURCE) == before
