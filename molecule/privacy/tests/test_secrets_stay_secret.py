"""Secrets (the bridge's, focus's and TURN secrets, users' passwords) are
readable only by their services and never appear in Ansible's output, even
in a verbose run with diffs that rewrites the files holding them."""

import os
import re

import pytest
import testinfra.utils.ansible_runner
from conftest import run_playbook, scenario_dir

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


@pytest.mark.parametrize("path, owner, group, mode", [
    ("/etc/prosody/conf.avail/{domain}.cfg.lua", "root", "prosody", 0o640),
])
def test_prosody_host_file_is_for_prosody_only(host, domain, path, owner, group, mode):
    f = host.file(path.format(domain=domain))
    assert (f.user, f.group, f.mode) == (owner, group, mode)


@pytest.mark.parametrize("path", [
    "/etc/jitsi/videobridge/jvb.conf",
    "/etc/jitsi/videobridge/config",
    "/etc/jitsi/jicofo/jicofo.conf",
    "/etc/jitsi/jicofo/config",
    "/etc/turnserver.conf",
    "/etc/jitsi/meet/{domain}.key",
    "/var/lib/prosody/{escaped}/accounts/alice.dat",
])
def test_files_with_secrets_are_not_world_readable(host, domain, path):
    f = host.file(path.format(domain=domain, escaped=domain.replace(".", "%2e")))
    assert f.exists
    assert f.mode & 0o007 == 0, oct(f.mode)


def secrets(host, hostvars):
    found = {"user password": hostvars["access_users"][0]["password"]}
    found["bridge secret"] = host.check_output("sed -n 's/^JVB_SECRET=//p' /etc/jitsi/videobridge/config")
    found["focus password"] = re.search(r'password\s*[:=]\s*"?([^"\s]+)"?', host.file("/etc/jitsi/jicofo/jicofo.conf").content_string).group(1)
    found["TURN secret"] = host.check_output("sed -n 's/^static-auth-secret=//p' /etc/turnserver.conf")
    # The packages write it as shard.PASSWORD.
    found["bridge XMPP password"] = re.search(r'(?i)\bpassword\s*[:=]\s*"?([^"\s]+)"?',
                                              host.file("/etc/jitsi/videobridge/jvb.conf").content_string).group(1)
    for name, value in found.items():
        assert len(value) >= 8, f"could not read the {name} from the host"
    return found


def test_no_secret_in_a_verbose_run_with_diffs(host, hostvars, domain):
    known = secrets(host, hostvars)
    # Undo what the role manages in the files that hold secrets, and the
    # user's account, so that the run rewrites them all.
    # The account first: with the blocks gone, prosody's host is anonymous again.
    host.run_expect([0], f"prosodyctl deluser alice@{domain}")
    host.run_expect([0], f"sed -i '/BEGIN selfhosted.jitsi/,/END selfhosted.jitsi/d' /etc/jitsi/jicofo/jicofo.conf "
                         f"/etc/jitsi/videobridge/jvb.conf /etc/prosody/conf.avail/{domain}.cfg.lua /etc/turnserver.conf")
    host.run_expect([0], f"chmod 0644 /etc/prosody/conf.avail/{domain}.cfg.lua /etc/turnserver.conf")
    host.run_expect([0], "chown root:root /etc/turnserver.conf")
    # The roles that handle secrets are access (accounts, authentication
    # blocks) and privacy (files with secrets); the rest of the site playbook
    # handles none and would only lengthen the run.
    result = run_playbook(scenario_dir() / "converge.yml", "-v", "--diff", "--tags", "access,privacy")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert re.search(r"changed=[1-9]", output), "the run changed nothing, so it proves nothing"
    for name, value in known.items():
        assert value not in output, f"the {name} appears in the output"
    # The run restored everything.
    assert host.file(f"/var/lib/prosody/{domain.replace('.', '%2e')}/accounts/alice.dat").exists
    assert "BEGIN selfhosted.jitsi" in host.file("/etc/jitsi/jicofo/jicofo.conf").content_string


def test_no_secret_in_a_very_verbose_report_run(host, hostvars, tmp_path):
    # The report parses the files that hold secrets on the host and sends
    # only facts: -vvv shows every module's arguments and result.
    known = secrets(host, hostvars)
    result = run_playbook("selfhosted.jitsi.privacy_report", "-vvv", "-e", f"privacy_report_dir={tmp_path}")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "jvb_stun_servers" in output, "the run did not show the facts, so it proves nothing"
    for name, value in known.items():
        assert value not in output, f"the {name} appears in the output"
