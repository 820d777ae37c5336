"""Faults injected for real while the collection installs Jitsi Meet, on
Debian 12 and 13 at once, one after the other on the same hosts: what each
run does about it, and that apt stays consistent (dpkg --audit clean, apt-get
update working), the rerun converges and the health playbook passes.

The order is the story of one install: a refresh that fails on hosts the
old guides set up, the first install losing the mirror, then a full apt
cache, dpkg killed during the install while another process holds dpkg's
lock, the controller lost during an upgrade, the rerun; then, on the
installed hosts, a new signing key and an operator's own nftables table.
Each test leaves the hosts as the next one expects them."""

import concurrent.futures
import functools
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import time

import pytest
from conftest import (
    DPKG_LOCK,
    DPKG_WATCH,
    MIRROR_CUT,
    MIRROR_HOST,
    assert_apt_consistent,
    docker_exec,
    dpkg_idle,
    kill_playbook,
    mirror_build,
    recap,
    run_playbook,
    start_on_host,
    start_playbook,
    wait_for,
    watch_dpkg,
)

SITE = "selfhosted.jitsi.site"
HEALTH = "selfhosted.jitsi.health"
# The runs that repair or finish an install: the packages and the roles that
# configure what they install, as an operator's rerun of site would.
INSTALL = ("--tags", "meet,certificate,access,privacy")
LEGACY_STORE = {"faults-bookworm": "/etc/apt/trusted.gpg", "faults-trixie": "/etc/apt/trusted.gpg.d/jitsi.asc"}
OPERATOR_TABLE = """
table inet operator_filter {
    chain input {
        type filter hook input priority filter; policy drop;
        ct state established,related accept
        iif "lo" accept
        tcp dport 22 accept
    }
}
"""
# What docs/roles.md ("Fitting into an existing nftables ruleset") shows.
OPERATOR_FIT = """
add rule inet operator_filter input tcp dport { 80, 443, 5349 } accept
add rule inet operator_filter input udp dport { 3478, 10000 } accept
"""


def meet_version(version):
    return ["-e", f"meet_version={version}"]


def installed_version(host, package):
    result = host.run(f"dpkg-query --show --showformat='${{Status}} ${{Version}}' {package}")
    return result.stdout if result.rc == 0 else ""


def test_failed_refresh_puts_back_the_old_sources_with_their_key(hosts, mirror_host):
    # The mirror serves the key but no suite: the repository step writes the
    # keyring and the new source, and apt-get update through them fails.
    mirror_host.run_expect([0], "mv /srv/jitsi-mirror/stable /srv/jitsi-mirror/stable.away")
    try:
        rc, output = run_playbook(SITE, "--tags", "repository")
    finally:
        mirror_host.run_expect([0], "mv /srv/jitsi-mirror/stable.away /srv/jitsi-mirror/stable")
    assert rc != 0
    for name, host in hosts.items():
        assert recap(output, name)["failed"] == 1
        assert host.file("/etc/apt/sources.list.d/jitsi-stable.list").content_string.count(
            "deb https://mirror.jitsi.test stable/") == 2
        assert not host.file("/etc/apt/sources.list.d/jitsi.sources").exists
        # The restored lines name no keyring: the key must still be where
        # the guides put it, or apt refuses the repository (NO_PUBKEY).
        assert host.file(LEGACY_STORE[name]).exists
        assert_apt_consistent(host)
    assert "apt-get update failed for /etc/apt/sources.list.d/jitsi.sources, so every changed file was put back" in output


def test_mirror_lost_during_the_first_install_stops_before_dpkg(hosts, versions):
    for name in hosts:
        start_on_host(name, MIRROR_CUT, 300)
    try:
        rc, output = run_playbook(SITE, *meet_version(versions[0]))
        cut = {name: host.file("/run/faults-mirror-cut").exists for name, host in hosts.items()}
    finally:
        for host in hosts.values():
            host.run("nft delete table inet faults_mirror_down")
    assert rc != 0
    assert cut == dict.fromkeys(hosts, True)
    for name, host in hosts.items():
        assert recap(output, name)["failed"] == 1
        # The repository step finished before the mirror went away.
        assert host.file("/etc/apt/sources.list.d/jitsi.sources").exists
        assert not host.file(LEGACY_STORE[name]).exists
        assert installed_version(host, "jitsi-meet") == ""
        assert_apt_consistent(host)
    assert "apt could not install jitsi-meet=" in output
    assert "Failed to fetch https://mirror.jitsi.test/stable/InRelease" in output
    assert "dpkg --audit reports nothing unfinished: no package was left half-installed" in output


def test_full_apt_cache_stops_before_dpkg(hosts, versions):
    for host in hosts.values():
        host.run_expect([0], "mount -t tmpfs -o size=256k selfhosted-jitsi-full /var/cache/apt/archives"
                             " && mkdir /var/cache/apt/archives/partial")
    try:
        rc, output = run_playbook(SITE, "--tags", "meet", *meet_version(versions[0]))
    finally:
        for host in hosts.values():
            host.run("umount /var/cache/apt/archives")
    assert rc != 0
    for name, host in hosts.items():
        assert recap(output, name)["failed"] == 1
        assert installed_version(host, "jitsi-meet") == ""
        assert_apt_consistent(host)
    assert "You don't have enough free space in /var/cache/apt/archives" in output
    assert "dpkg --audit reports nothing unfinished: no package was left half-installed" in output


def test_dpkg_killed_during_the_install_is_finished_by_the_next_run(hosts, versions):
    # Another process holds dpkg's lock for a minute when the install
    # starts: apt waits for it (lock_timeout) instead of failing, then dpkg
    # is killed while it unpacks the Jitsi packages.
    for name, host in hosts.items():
        host.run_expect([0], "rm -f /run/faults-lock-taken /run/faults-lock-released")
        start_on_host(name, DPKG_LOCK, 60)
        start_on_host(name, DPKG_WATCH, "kill", 400)
    assert wait_for(lambda: all(host.file("/run/faults-lock-taken").exists for host in hosts.values()), 10, 0.2)
    started = time.time()
    rc, output = run_playbook(SITE, "--tags", "meet", *meet_version(versions[0]))
    assert rc != 0
    for name, host in hosts.items():
        assert recap(output, name)["failed"] == 1
        package, state, _pids, killed_at = host.file("/run/faults-dpkg-killed").content_string.split(" ", 3)
        released_at = float(host.file("/run/faults-lock-released").content_string)
        assert package.startswith(("jitsi-", "jicofo")) and state in ("half-installed", "unpacked", "half-configured")
        assert started + 50 < released_at < float(killed_at)
        assert host.run("dpkg --audit").stdout.strip() != ""
    assert "dpkg --audit reports unfinished packages" in output
    assert "the next run finishes them with `dpkg --configure -a`" in output

    # The next run meets the lock again, until its `dpkg --configure -a` has
    # tried once (at most 120 s), then repairs and installs.
    for name, host in hosts.items():
        host.run_expect([0], "rm -f /run/faults-lock-taken /run/faults-lock-released")
        start_on_host(name, DPKG_LOCK, 120, "until-configure")
    assert wait_for(lambda: all(host.file("/run/faults-lock-taken").exists for host in hosts.values()), 10, 0.2)
    rc, output = run_playbook(SITE, *INSTALL, *meet_version(versions[0]))
    assert rc == 0, output[-3000:]
    assert "dpkg --audit found packages an interrupted run left unfinished" in output
    assert "Finishing them now with `dpkg --configure -a`" in output
    for name, host in hosts.items():
        assert re.search(rf"FAILED - RETRYING: \[{name}\]: (\S+ : )?Finish the interrupted package configuration", output)
        assert installed_version(host, "jitsi-meet") == f"hold ok installed {versions[0]}"
        assert_apt_consistent(host)


def test_controller_lost_during_an_upgrade_then_the_rerun_converges(hosts, versions):
    def cut_short(name):
        watcher = watch_dpkg(name, 300)
        log = pathlib.Path(os.environ["MOLECULE_EPHEMERAL_DIRECTORY"]) / f"killed-upgrade-{name}.log"
        run = start_playbook(log, SITE, "--tags", "meet", *meet_version(versions[-1]), limit=name)
        seen = watcher.stdout.readline().strip()
        kill_playbook(run)
        run.wait()
        watcher.wait()
        return seen, run.returncode

    with concurrent.futures.ThreadPoolExecutor(len(hosts)) as pool:
        outcomes = dict(zip(hosts, pool.map(cut_short, hosts)))
    for name, (seen, returncode) in outcomes.items():
        assert seen.startswith(("jitsi-", "jicofo")), f"{name}: the upgrade never unpacked a Jitsi package"
        assert returncode == -9
    # The module on the host outlives the controller (as over SSH): wait
    # until apt and dpkg are done, whatever they make of it.
    for host in hosts.values():
        assert wait_for(functools.partial(dpkg_idle, host), 240, 2)

    rc, output = run_playbook(SITE, *INSTALL)
    assert rc == 0, output[-3000:]
    rc, output = run_playbook(SITE, *INSTALL)
    assert rc == 0, output[-3000:]
    for name, host in hosts.items():
        assert recap(output, name)["changed"] == 0
        assert installed_version(host, "jitsi-meet") == f"hold ok installed {versions[-1]}"
        assert_apt_consistent(host)


# The states dpkg leaves when it is killed during an unpack, set on one
# package of each converged host: the kill in the test above lands wherever
# it lands, these do not. dpkg --configure -a passes over a half-installed
# package and refuses an unpacked one that needs a reinstall ("very bad
# inconsistent state"); apt sees both installed. The role reinstalls each at
# its version, then configures it.
LEFT_BY_AN_UNPACK = {"faults-bookworm": "reinstreq half-installed", "faults-trixie": "reinstreq unpacked"}
SET_STATUS = r"""
import re, sys
package, state = sys.argv[1], sys.argv[2]
path = "/var/lib/dpkg/status"
text = open(path).read()
text, count = re.subn(r"(?m)^(Package: %s\n(?:[^\n]+\n)*?Status: )(\S+) ok installed$" % re.escape(package),
                      lambda match: match.group(1) + match.group(2) + " " + state, text)
assert count == 1, "%s is not installed" % package
open(path, "w").write(text)
"""


def task_lines(output, task):
    """The result lines of one task in a run's output (on one line)."""
    match = re.search(re.escape(f"TASK [{task}]") + r"(.*?)(TASK \[|PLAY RECAP)", output)
    return match.group(1) if match else ""


def test_a_package_an_unpack_left_unfinished_is_reinstalled(hosts):
    # jitsi-meet-web has versions of its own (1.0.x beside jitsi-meet's 2.0.x).
    before = {name: installed_version(host, "jitsi-meet-web") for name, host in hosts.items()}
    for name, host in hosts.items():
        assert before[name].startswith("hold ok installed ")
        host.run_expect([0], f"python3 -c '{SET_STATUS}' jitsi-meet-web '{LEFT_BY_AN_UNPACK[name]}'")
        assert "jitsi-meet-web" in host.run("dpkg --audit").stdout
    rc, output = run_playbook(SITE, *INSTALL)
    assert rc == 0, output[-3000:]
    reinstalled = task_lines(output, "selfhosted.jitsi.meet : Reinstall the packages an interrupted unpack left half-installed")
    for name in hosts:
        assert f"changed: [{name}]" in reinstalled, reinstalled
    for name, host in hosts.items():
        assert recap(output, name)["failed"] == 0
        assert installed_version(host, "jitsi-meet-web") == before[name]
        assert host.file("/usr/share/jitsi-meet/libs/app.bundle.min.js").exists
        assert_apt_consistent(host)


def test_health_playbook_passes_after_the_faults():
    rc, output = run_playbook(HEALTH)
    assert rc == 0, output[-3000:]


@pytest.fixture()
def resigned_mirror(mirror_host):
    """The mirror re-signed with a second key: its key file holds the old key
    and the new one, its suite is signed by the new key only."""
    build = mirror_build()
    new = (build / "other-fingerprint").read_text().strip()
    with tempfile.TemporaryDirectory() as work:
        gnupg = f"{work}/gnupg"
        shutil.copytree(build.parent / "keys" / "gnupg", gnupg, ignore=shutil.ignore_patterns("S.*", "*.lock"))
        gpg = ["gpg", "--homedir", gnupg, "--batch", "--quiet", "--yes"]
        subprocess.run(gpg + ["--armor", "--output", f"{work}/jitsi-key.gpg.key", "--export",
                              (build / "fingerprint").read_text().strip(), new], check=True)
        release = str(build / "www" / "stable" / "Release")
        subprocess.run(gpg + ["--local-user", new, "--digest-algo", "SHA512", "--clearsign",
                              "--output", f"{work}/InRelease", release], check=True)
        subprocess.run(gpg + ["--local-user", new, "--digest-algo", "SHA512", "--armor", "--detach-sign",
                              "--output", f"{work}/Release.gpg", release], check=True)
        subprocess.run(["gpgconf", "--homedir", gnupg, "--kill", "all"], check=False)
        for name, target in (("jitsi-key.gpg.key", ""), ("InRelease", "stable/"), ("Release.gpg", "stable/")):
            subprocess.run(["docker", "cp", f"{work}/{name}", f"{MIRROR_HOST}:/srv/jitsi-mirror/{target}{name}"],
                           check=True)
    mirror_host.run_expect([0], "chmod 644 /srv/jitsi-mirror/jitsi-key.gpg.key /srv/jitsi-mirror/stable/*")
    return new


def test_new_signing_key_fails_on_the_old_pin_and_converges_pinned(hosts, resigned_mirror):
    files = "/etc/apt/sources.list.d/jitsi.sources /etc/apt/keyrings/jitsi.gpg"
    before = {name: host.check_output(f"sha256sum {files}") for name, host in hosts.items()}
    rc, output = run_playbook(SITE, "--tags", "repository")
    assert rc != 0
    assert resigned_mirror in output and "not pinned" in output
    for name, host in hosts.items():
        assert recap(output, name)["failed"] == 1
        assert host.check_output(f"sha256sum {files}") == before[name]

    old = (mirror_build() / "fingerprint").read_text().strip()
    pins = ["-e", '{"repository_key_fingerprints": ["%s", "%s"]}' % (old, resigned_mirror)]
    rc, output = run_playbook(SITE, "--tags", "repository", *pins)
    assert rc == 0, output[-3000:]
    rc, output = run_playbook(SITE, "--tags", "repository", *pins)
    assert rc == 0, output[-3000:]
    for name, host in hosts.items():
        assert recap(output, name)["changed"] == 0
        assert host.check_output(f"sha256sum {files}") != before[name]
        assert_apt_consistent(host)


def reachable(mirror_host, name, port):
    return mirror_host.run(
        "python3 -c 'import socket, sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2)' %s %s",
        f"meet-{name.removeprefix('faults-')}.jitsi.test", str(port)).rc == 0


def test_operator_table_that_drops_is_named_and_can_be_fitted(hosts, mirror_host):
    for name in hosts:
        docker_exec(name, "nft", "-f", "-", stdin=OPERATOR_TABLE)
    try:
        rc, failed = run_playbook(SITE, "--tags", "firewall")
        closed = {name: reachable(mirror_host, name, 443) for name in hosts}
        warn_rc, warned = run_playbook(SITE, "--tags", "firewall", "-e", "firewall_nftables_conflict=warn")
        for name in hosts:
            docker_exec(name, "nft", "-f", "-", stdin=OPERATOR_FIT)
        fit_rc, fitted = run_playbook(SITE, "--tags", "firewall")
        opened = {name: reachable(mirror_host, name, 443) for name in hosts}
    finally:
        for host in hosts.values():
            host.run("nft delete table inet operator_filter")
    message = ("The nftables table inet operator_filter (chain input, policy drop) drops incoming traffic"
               " and does not accept 80/tcp, 443/tcp, 10000/udp, 3478/udp, 5349/tcp")
    assert rc != 0 and message in failed
    assert closed == dict.fromkeys(hosts, False)
    assert warn_rc == 0 and f"Warning: {message}" in warned
    assert fit_rc == 0 and "drops incoming traffic" not in fitted, fitted[-3000:]
    assert opened == dict.fromkeys(hosts, True)
    for name in hosts:
        assert recap(failed, name)["failed"] == 1
        assert recap(warned, name)["changed"] == 0
        assert recap(fitted, name)["changed"] == 0


def test_no_fault_left_a_process_behind(hosts):
    for host in hosts.values():
        assert dpkg_idle(host)
        # The brackets keep pgrep from finding the shell that runs it.
        assert host.run("pgrep -f '[p]ython3 -c'").rc == 1
