"""apt_source wrote one deb822 file for the flat suite, signed by the
keyring only, without components."""

import os

import testinfra.utils.ansible_runner
from conftest import KEYRING, MIRROR, SOURCE

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def test_source_file_holds_exactly_the_entry(host):
    source = host.file(SOURCE)
    assert source.is_file
    assert source.mode == 0o644
    assert (source.user, source.group) == ("root", "root")
    lines = source.content_string.splitlines()
    comments = [line for line in lines if line.startswith("#")]
    fields = [line for line in lines if not line.startswith("#")]
    assert len(comments) == 1 and "selfhosted.jitsi.apt_source" in comments[0], lines
    assert fields == [
        "Types: deb",
        f"URIs: {MIRROR}",
        "Suites: stable/",
        f"Signed-By: {KEYRING}",
    ]
    assert source.content_string.endswith("\n")


def test_no_other_entry_names_the_mirror(host):
    listing = host.check_output("grep -rl 'mirror.jitsi.test' /etc/apt/sources.list.d /etc/apt/sources.list || true")
    assert listing.split() == [SOURCE]
