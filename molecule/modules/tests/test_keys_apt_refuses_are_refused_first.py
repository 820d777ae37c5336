"""On Debian 13, apt_keyring refuses the keys apt refuses and accepts the keys
apt accepts: each verdict of the module is checked against apt-get update of
a mirror suite signed by that key (tests/mirror/build)."""

import datetime
import os

import testinfra.utils.ansible_runner
from conftest import COMBINED_KEY_URL, KEYRING, LEGACY_KEY_URL, apt_update, fetch

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

OVERRIDE = "/etc/crypto-policies/back-ends/apt-sequoia.config"
SHA1_SETTING = "sha1.second_preimage_resistance"


def test_key_the_module_installed_is_accepted_by_apt(host):
    rc, output = apt_update(host, KEYRING, "stable/")
    assert rc == 0 and "is not signed" not in output, output


def test_sha1_bound_key_is_refused_by_the_module_and_nothing_written(host, run_module, legacy_fingerprint):
    listing = host.check_output("ls -A /etc/apt/keyrings")
    result = run_module("apt_keyring", name="legacy", url=LEGACY_KEY_URL, fingerprints=[legacy_fingerprint])
    assert result["failed"] is True, result
    message = result["msg"]
    for expected in (legacy_fingerprint, "uses SHA1", "since 2026-02-01", "nothing was written",
                     "/usr/share/apt/default-sequoia.config", OVERRIDE):
        assert expected in message, message
    assert host.check_output("ls -A /etc/apt/keyrings") == listing


def test_apt_refuses_the_same_key(host):
    fetch(host, LEGACY_KEY_URL, "/tmp/legacy-key.asc")
    try:
        rc, output = apt_update(host, "/tmp/legacy-key.asc", "legacy/")
    finally:
        host.run("rm -f /tmp/legacy-key.asc")
    assert rc != 0, output
    assert "SHA1 is not considered secure since 2026-02-01" in output, output
    assert "is not signed" in output, output


def test_file_with_legacy_and_current_key_needs_both_pins(host, run_module, fingerprint, legacy_fingerprint):
    result = run_module("apt_keyring", name="combined", url=COMBINED_KEY_URL, fingerprints=[fingerprint])
    assert result["failed"] is True, result
    assert f"not pinned {legacy_fingerprint}" in result["msg"], result["msg"]
    assert not host.file("/etc/apt/keyrings/combined.gpg").exists
    try:
        result = run_module("apt_keyring", name="combined", url=COMBINED_KEY_URL,
                            fingerprints=[fingerprint, legacy_fingerprint])
        assert result["failed"] is False, result
        # The module warns that apt ignores the legacy key ...
        assert f"ignores signatures by {legacy_fingerprint}" in result["printed"], result["printed"]
        # ... and apt does: a suite signed by both verifies, one signed by the
        # legacy key alone does not.
        rc, output = apt_update(host, "/etc/apt/keyrings/combined.gpg", "dual/")
        assert rc == 0 and "is not signed" not in output, output
        rc, output = apt_update(host, "/etc/apt/keyrings/combined.gpg", "legacy/")
        assert rc != 0 and "SHA1 is not considered secure" in output, output
    finally:
        run_module("apt_keyring", name="combined", state="absent", legacy_cleanup=False)


def test_exception_works_only_together_with_apts_own_policy(host, run_module, legacy_fingerprint):
    args = dict(name="legacy", url=LEGACY_KEY_URL, fingerprints=[legacy_fingerprint],
                policy_exceptions=[SHA1_SETTING])
    result = run_module("apt_keyring", **args)
    assert result["failed"] is True and "still refuses it" in result["msg"], result
    ahead = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    assert not host.file(OVERRIDE).exists
    host.check_output(
        "mkdir -p /etc/crypto-policies/back-ends && sed 's/^%s = .*/%s = %s/' "
        "/usr/share/apt/default-sequoia.config > %s", SHA1_SETTING, SHA1_SETTING, ahead, OVERRIDE)
    try:
        without = run_module("apt_keyring", name="legacy", url=LEGACY_KEY_URL, fingerprints=[legacy_fingerprint])
        assert without["failed"] is True and "policy_exceptions" in without["msg"], without
        result = run_module("apt_keyring", **args)
        assert result["failed"] is False and result["policy"] == OVERRIDE, result
        assert "installed because policy_exceptions lists" in result["printed"], result["printed"]
        rc, output = apt_update(host, "/etc/apt/keyrings/legacy.gpg", "legacy/")
        assert rc == 0 and "is not signed" not in output, output
    finally:
        host.run("rm -f %s", OVERRIDE)
        host.run("rmdir /etc/crypto-policies/back-ends /etc/crypto-policies")
        run_module("apt_keyring", name="legacy", state="absent", legacy_cleanup=False)
    rc, output = apt_update(host, KEYRING, "stable/")
    assert rc == 0, output
