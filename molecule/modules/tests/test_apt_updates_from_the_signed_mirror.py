"""With the keyring and the source in place, apt refreshes the mirror,
verifies its signature and offers jitsi-meet from it."""

import os

import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def test_apt_get_update_succeeds_without_warnings(host):
    result = host.run("LANG=C apt-get update")
    output = result.stdout + result.stderr
    assert result.rc == 0, output
    assert "mirror.jitsi.test stable/ InRelease" in output, output
    assert "W:" not in output and "E:" not in output, output


def test_lists_hold_the_verified_release(host):
    lists = host.check_output("ls /var/lib/apt/lists").split()
    assert any(name.startswith("mirror.jitsi.test_stable_") and name.endswith("InRelease") for name in lists), lists
    assert any(name.startswith("mirror.jitsi.test_stable_") and name.endswith("Packages") for name in lists), lists


def origins(policy, version):
    """The sources apt-cache policy lists under one version of its table."""
    found, inside = [], False
    for line in policy.split("Version table:")[1].splitlines():
        words = line.replace("***", "").split()
        if not words:
            continue
        if len(line) - len(line.lstrip()) <= 6 or line.lstrip().startswith("***"):
            inside = words[0] == version
        elif inside:
            found.append(" ".join(words[1:]))
    return found


def test_jitsi_meet_has_a_candidate_from_the_mirror(host):
    policy = host.check_output("LANG=C apt-cache policy jitsi-meet")
    candidate = policy.split("Candidate:")[1].split()[0]
    assert candidate != "(none)", policy
    assert "https://mirror.jitsi.test stable/ Packages" in origins(policy, candidate), policy
