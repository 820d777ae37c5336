"""apt_keyring refuses the keys the host's apt refuses and accepts the keys it
accepts: each verdict of the module is checked against apt-get update of a
mirror suite signed by that key (tests/mirror/build). Debian 13's apt (sqv)
refuses the legacy key, whose user ID is bound with SHA-1; Debian 12's
(gpgv) accepts it, and the module only warns there of Debian 13."""

import datetime
import os

import pytest
import testinfra.utils.ansible_runner
from conftest import COMBINED_KEY_URL, KEYRING, LEGACY_KEY_URL, apt_update, fetch

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

OVERRIDE = "/etc/crypto-policies/back-ends/apt-sequoia.config"
SHA1_SETTING = "sha1.second_preimage_resistance"
SQV_REFUSAL = "SHA1 is not considered secure since 2026-02-01"


def uses_sqv(host):
    return host.file("/usr/bin/sqv").exists


def test_key_the_module_installed_is_accepted_by_apt(host):
    rc, output = apt_update(host, KEYRING, "stable/")
    assert rc == 0 and "is not signed" not in output, output


def test_sha1_bound_key_is_judged_as_apt_judges_it(host, run_module, legacy_fingerprint):
    listing = host.check_output("ls -A /etc/apt/keyrings")
    try:
        result = run_module("apt_keyring", name="legacy", url=LEGACY_KEY_URL, fingerprints=[legacy_fingerprint])
        if uses_sqv(host):
            assert result["failed"] is True and result["verifier"] == "sqv", result
            message = result["msg"]
            for expected in (legacy_fingerprint, "uses SHA1", "since 2026-02-01", "nothing was written",
                             "/usr/share/apt/default-sequoia.config", OVERRIDE):
                assert expected in message, message
            assert host.check_output("ls -A /etc/apt/keyrings") == listing
        else:
            assert result["failed"] is False and result["verifier"] == "gpgv", result
            assert "after an upgrade to Debian 13 apt-get update fails" in result["printed"], result["printed"]
            assert "since 2026-02-01" in result["printed"], result["printed"]
    finally:
        run_module("apt_keyring", name="legacy", state="absent", legacy_cleanup=False)


def test_apt_judges_that_key_the_same_way(host):
    fetch(host, LEGACY_KEY_URL, "/tmp/legacy-key.asc")
    try:
        rc, output = apt_update(host, "/tmp/legacy-key.asc", "legacy/")
    finally:
        host.run("rm -f /tmp/legacy-key.asc")
    if uses_sqv(host):
        assert rc != 0 and SQV_REFUSAL in output and "is not signed" in output, output
    else:
        assert rc == 0 and "is not signed" not in output, output


def test_file_with_legacy_and_current_key_needs_both_pins(host, run_module, fingerprint, legacy_fingerprint):
    result = run_module("apt_keyring", name="combined", url=COMBINED_KEY_URL, fingerprints=[fingerprint])
    assert result["failed"] is True, result
    assert f"not pinned {legacy_fingerprint}" in result["msg"], result["msg"]
    assert not host.file("/etc/apt/keyrings/combined.gpg").exists
    try:
        result = run_module("apt_keyring", name="combined", url=COMBINED_KEY_URL,
                            fingerprints=[fingerprint, legacy_fingerprint])
        assert result["failed"] is False, result
        # The module warns that apt (or Debian 13's, on Debian 12) ignores
        # the legacy key ...
        assert f"ignores signatures by {legacy_fingerprint}" in result["printed"], result["printed"]
        # ... and apt does: a suite signed by both verifies, one signed by the
        # legacy key alone only where the host's apt accepts that key.
        rc, output = apt_update(host, "/etc/apt/keyrings/combined.gpg", "dual/")
        assert rc == 0 and "is not signed" not in output, output
        rc, output = apt_update(host, "/etc/apt/keyrings/combined.gpg", "legacy/")
        if uses_sqv(host):
            assert rc != 0 and SQV_REFUSAL in output, output
        else:
            assert rc == 0, output
    finally:
        run_module("apt_keyring", name="combined", state="absent", legacy_cleanup=False)


def test_exception_works_only_together_with_apts_own_policy(host, run_module, legacy_fingerprint):
    if not uses_sqv(host):
        pytest.skip("Debian 12's gpgv has no policy file; the key installs there with a warning")
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
