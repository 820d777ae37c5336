"""When apt refuses the new source (here the mirror's unsigned suite),
apt_source fails with apt's reason and puts back every file it changed,
so apt keeps working."""

import os

import testinfra.utils.ansible_runner
from conftest import KEYRING, MIRROR, SOURCE

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def content_and_mode(host, path):
    file = host.file(path)
    return file.content_string, file.mode


def assert_apt_still_updates(host):
    result = host.run("LANG=C apt-get update")
    output = result.stdout + result.stderr
    assert result.rc == 0, output
    assert "E:" not in output and "unsigned" not in output, output


def test_changing_the_suite_to_an_unsigned_one_is_undone(host, run_module):
    before = content_and_mode(host, SOURCE)
    result = run_module(
        "apt_source", name="jitsi-mirror", uris=[MIRROR], suites=["unsigned/"],
        signed_by=KEYRING, update_cache=True,
    )
    assert result["failed"] is True, result
    assert "apt-get update failed" in result["msg"], result["msg"]
    assert "put back" in result["msg"], result["msg"]
    assert "unsigned" in result["msg"], result["msg"]
    assert content_and_mode(host, SOURCE) == before
    assert "Suites: stable/" in before[0]
    assert_apt_still_updates(host)


def test_a_new_file_is_removed_and_the_cleaned_one_restored(host, run_module):
    path = "/etc/apt/sources.list.d/jitsi-unsigned.sources"
    before = content_and_mode(host, SOURCE)
    # Same URI under another name: cleanup takes the entry out of SOURCE
    # before the refresh, so the restore has to bring it back.
    result = run_module(
        "apt_source", name="jitsi-unsigned", uris=[MIRROR], suites=["unsigned/"],
        signed_by=KEYRING, update_cache=True,
    )
    assert result["failed"] is True, result
    assert "apt-get update failed" in result["msg"], result["msg"]
    assert not host.file(path).exists
    assert content_and_mode(host, SOURCE) == before
    assert_apt_still_updates(host)
