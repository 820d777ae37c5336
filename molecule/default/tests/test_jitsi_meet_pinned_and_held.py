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


def test_the_bridge_runs_with_its_units_limits_and_other_services_keep_systemds(host):
    # Upstream's unit raises the bridge's limits; the roles leave systemd's
    # defaults for every other service alone (0.1.0's drop-in is gone).
    assert not host.file("/etc/systemd/system.conf.d/selfhosted-jitsi.conf").exists
    for setting, value in [("LimitNOFILE", "65000"), ("LimitNPROC", "65000"), ("TasksMax", "65000")]:
        assert host.check_output(f"systemctl show jitsi-videobridge2 --property {setting} --value") == value, setting
    assert host.check_output("systemctl show --property DefaultLimitNOFILE --value") != "65000"
    # The running bridge has them: 65000 open files, or as many as the
    # container lets systemd give (its hard limit), far above systemd's
    # default of 1024 for other services.
    pid = host.check_output("systemctl show jitsi-videobridge2 --property MainPID --value")
    soft = int(host.check_output(f"awk '/^Max open files/ {{print $4}}' /proc/{pid}/limits"))
    ceiling = int(host.check_output("awk '/^Max open files/ {print $5}' /proc/1/limits"))
    assert soft == min(65000, ceiling) and soft > 1024, (soft, ceiling)
