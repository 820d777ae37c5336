"""apt trusts the Jitsi key for the Jitsi repository only, from one source entry."""

import os

import testinfra.utils.ansible_runner

testinfra_hosts = [
    f"docker://{name}"
    for name in testinfra.utils.ansible_runner.AnsibleRunner(os.environ["MOLECULE_INVENTORY_FILE"]).get_hosts("jitsi")
]

URI = "https://mirror.jitsi.test"


def fingerprints(host, path):
    listing = host.check_output(f"gpg --batch --no-default-keyring --with-colons --show-keys {path}")
    # Primary key fingerprints only: an "fpr" line right after a "pub" line.
    lines = listing.splitlines()
    return [
        line.split(":")[9]
        for previous, line in zip(lines, lines[1:])
        if previous.startswith("pub:") and line.startswith("fpr:")
    ]


def test_keyring_holds_exactly_the_pinned_key(host, mirror):
    keyring = host.file("/etc/apt/keyrings/jitsi.gpg")
    assert keyring.is_file
    assert keyring.user == "root" and keyring.mode == 0o644
    assert fingerprints(host, keyring.path) == [mirror["fingerprint"]]


def test_key_is_not_in_the_legacy_stores(host, mirror):
    stores = ["/etc/apt/trusted.gpg"] + host.file("/etc/apt/trusted.gpg.d").listdir()
    for store in stores:
        path = store if store.startswith("/") else f"/etc/apt/trusted.gpg.d/{store}"
        if host.file(path).exists and host.file(path).size > 0:
            assert mirror["fingerprint"] not in fingerprints(host, path), path
    assert not host.file("/usr/share/keyrings/jitsi-keyring.gpg").exists


def test_one_source_entry_names_the_keyring(host):
    sources = host.file("/etc/apt/sources.list.d/jitsi.sources")
    assert sources.is_file
    stanza = dict(line.split(": ", 1) for line in sources.content_string.splitlines() if ": " in line)
    assert stanza["URIs"] == URI
    assert stanza["Suites"] == "stable/"
    assert stanza["Signed-By"] == "/etc/apt/keyrings/jitsi.gpg"
    assert "Components" not in stanza
    # Every other mention of the repository is gone (the legacy host had two).
    others = host.run(f"grep -rl --include='*.list' --include='*.sources' --include=sources.list {URI} /etc/apt")
    assert others.stdout.split() == [sources.path]


def test_apt_update_is_clean(host):
    update = host.run("apt-get update")
    assert update.rc == 0, update.stderr
    assert "W:" not in update.stderr and "E:" not in update.stderr, update.stderr
