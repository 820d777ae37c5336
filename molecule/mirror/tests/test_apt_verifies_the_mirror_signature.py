"""apt accepts the mirror only when it is signed by the key the host trusts."""

import os
import uuid

import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def isolated_update(host, keyring, suite):
    """Run `apt-get update` on the mirror alone, without touching the host's lists."""
    work = f"/var/tmp/apt-check-{uuid.uuid4().hex[:8]}"
    host.run_expect([0], f"mkdir -p {work}/lists/partial")
    host.run_expect(
        [0],
        f"echo 'deb [signed-by={keyring}] https://mirror.jitsi.test {suite}/' > {work}/sources.list",
    )
    result = host.run(
        "apt-get update"
        f" -o Dir::Etc::SourceList={work}/sources.list"
        " -o Dir::Etc::SourceParts=/nonexistent"
        f" -o Dir::State::Lists={work}/lists"
    )
    lists = host.run(f"ls {work}/lists").stdout.split()
    host.run(f"rm -rf {work}")
    return result, lists


def other_keyring(host):
    path = "/var/tmp/other-key.gpg"
    host.run_expect(
        [0],
        "curl -fsS https://mirror.jitsi.test/other-key.gpg.key"
        f" | gpg --batch --yes --dearmor --output {path}",
    )
    return path


def test_keyring_holds_the_mirror_signing_key(host, mirror):
    keyring = host.file("/etc/apt/keyrings/jitsi.gpg")
    assert keyring.is_file
    listing = host.check_output("gpg --batch --show-keys --with-colons /etc/apt/keyrings/jitsi.gpg")
    fingerprints = [line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:")]
    assert fingerprints == [mirror["fingerprint"]]


def test_source_is_signed_by_that_keyring_only(host):
    source = host.file("/etc/apt/sources.list.d/jitsi-stable.list").content_string
    assert source.strip() == "deb [signed-by=/etc/apt/keyrings/jitsi.gpg] https://mirror.jitsi.test stable/"


def test_update_verifies_the_signed_suite(host):
    result, lists = isolated_update(host, "/etc/apt/keyrings/jitsi.gpg", "stable")
    output = result.stdout + result.stderr
    assert result.rc == 0, output
    assert "W:" not in output and "E:" not in output, output
    assert any(name.endswith("_stable_InRelease") for name in lists), lists
    assert any(name.endswith("_stable_Packages") for name in lists), lists


def test_update_refuses_a_suite_signed_by_an_untrusted_key(host, mirror):
    result, lists = isolated_update(host, other_keyring(host), "stable")
    output = result.stdout + result.stderr
    assert result.rc != 0, output
    # apt names the missing signer: by long key id with gpgv (Debian 12),
    # by fingerprint with sqv (Debian 13).
    signer = mirror["fingerprint"]
    assert f"NO_PUBKEY {signer[-16:]}" in output or f"Missing key {signer}" in output, output
    assert not any(name.endswith("_Packages") for name in lists), lists


def test_update_refuses_the_unsigned_suite(host):
    result, lists = isolated_update(host, "/etc/apt/keyrings/jitsi.gpg", "unsigned")
    output = result.stdout + result.stderr
    assert result.rc != 0, output
    assert "is not signed" in output, output
    assert not any(name.endswith("_Packages") for name in lists), lists


def test_packages_came_from_the_mirror(host):
    policy = host.check_output("apt-cache policy jitsi-meet")
    installed = policy.split("Installed:")[1].split()[0]
    assert installed != "(none)", policy
    assert "https://mirror.jitsi.test stable/" in policy, policy
