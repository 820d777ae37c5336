"""jitsi-meet and its parts are installed at the pinned release and held."""

import os

import testinfra.utils.ansible_runner

testinfra_hosts = [
    f"docker://{name}"
    for name in testinfra.utils.ansible_runner.AnsibleRunner(os.environ["MOLECULE_INVENTORY_FILE"]).get_hosts("jitsi")
]


def test_every_package_is_at_the_pinned_release(host, mirror):
    # The side effect moved the pin from the oldest release to the newest.
    expected = mirror["sets"][mirror["newest"]]
    assert expected["jitsi-meet"] == mirror["newest"] != mirror["versions"][0]
    for package, version in expected.items():
        assert host.package(package).is_installed, package
        assert host.package(package).version == version, package


def test_every_package_is_held(host, mirror):
    selections = dict(
        line.split() for line in host.check_output("dpkg --get-selections").splitlines() if line.strip()
    )
    for package in mirror["sets"][mirror["newest"]]:
        assert selections.get(package) == "hold", package


def test_systemd_runs_with_the_bridge_limits(host):
    dropin = host.file("/etc/systemd/system.conf.d/selfhosted-jitsi.conf")
    assert dropin.contains("^DefaultLimitNOFILE=65000$")
    # systemd itself has taken them up, not just the file.
    for setting, value in [("DefaultLimitNOFILE", "65000"), ("DefaultLimitNPROC", "65000"), ("DefaultTasksMax", "65000")]:
        assert host.check_output(f"systemctl show --property {setting} --value") == value, setting
