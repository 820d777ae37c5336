"""Switching jwt -> none -> internal -> jwt converges, leaves nothing of the
previous choice behind, and each step lets in whom it should. The runs are verbose
with diffs, and the token secret never shows in their output.

The switch runs once for both hosts (a session fixture); the tests then read
each host's part. The files after this one see the switched-back state."""

import os

import pytest
import testinfra
import testinfra.utils.ansible_runner
from conftest import bosh, recap, run_playbook, scenario_dir

INVENTORY = os.environ["MOLECULE_INVENTORY_FILE"]
testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(INVENTORY).get_hosts("jitsi")

# The access role makes the switch; the other roles have nothing to do with it.
ONLY_ACCESS = ("--tags", "access")


def state_of(name):
    """What an operator would check on a host after a switch."""
    host = testinfra.get_host("ansible://" + name, ansible_inventory=INVENTORY)
    hostvars = host.ansible.get_variables()
    domain = hostvars["jitsi_domain"]
    user = hostvars["access_users"][0]
    host_file = host.file(f"/etc/prosody/conf.avail/{domain}.cfg.lua").content_string
    return {
        "token": bosh(host, domain, token="not.a.token", room="standup"),
        "anonymous": bosh(host, domain, room="standup"),
        "user": bosh(host, domain, mechanism="SCRAM-SHA-1", user=user["name"], password=user["password"], room="standup"),
        "tokens_package": host.package("jitsi-meet-tokens").is_installed,
        "lua_links": host.run("find /usr/local/share/lua -type l -name '*.lua'").stdout.split(),
        "token_lines": [line.strip() for line in host_file.splitlines()
                        if ("token" in line) and not line.strip().startswith("--")],
        "config_js": host.file(f"/etc/jitsi/meet/{domain}-config.js").content_string,
        "jicofo_conf": host.file("/etc/jitsi/jicofo/jicofo.conf").content_string,
    }


@pytest.fixture(scope="module")
def switch():
    runs, states = {}, {"none": {}, "internal": {}}
    for choice in ("none", "internal"):
        runs[choice] = run_playbook(scenario_dir() / "converge.yml", "-v", "--diff", *ONLY_ACCESS,
                                    "-e", f"access_authentication={choice}")
        runs[choice + " again"] = run_playbook(scenario_dir() / "converge.yml", *ONLY_ACCESS, "-e", f"access_authentication={choice}")
        for name in testinfra_hosts:
            states[choice][name] = state_of(name)
    runs["jwt"] = run_playbook(scenario_dir() / "converge.yml", "-vvv", "--diff", *ONLY_ACCESS)
    runs["jwt again"] = run_playbook(scenario_dir() / "converge.yml", *ONLY_ACCESS)
    return runs, states


@pytest.mark.parametrize("run", ["none", "none again", "internal", "internal again", "jwt", "jwt again"])
def test_each_switch_run_succeeds(switch, run):
    result = switch[0][run]
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


@pytest.mark.parametrize("first, second", [("none", "none again"), ("internal", "internal again"), ("jwt", "jwt again")])
def test_each_switch_converges(host, switch, first, second):
    name = host.backend.host
    assert recap(switch[0][first].stdout)[name]["changed"] > 0, "the switch changed nothing, so it proves nothing"
    assert recap(switch[0][second].stdout)[name]["changed"] == 0, switch[0][second].stdout[-4000:]


def test_none_lets_anyone_open_rooms(host, switch):
    state = switch[1]["none"][host.backend.host]
    assert state["anonymous"]["auth"] == "ok", state["anonymous"]
    assert (state["anonymous"]["conference"], state["anonymous"]["join"]) == ("ok", "ok"), state["anonymous"]
    assert "selfhosted.jitsi: authentication" not in state["jicofo_conf"]


def test_internal_refuses_tokens_and_lets_users_in(host, switch):
    state = switch[1]["internal"][host.backend.host]
    assert state["token"]["auth"] != "ok", state["token"]
    assert state["anonymous"]["auth"] != "ok", state["anonymous"]
    assert state["user"]["auth"] == "ok", state["user"]
    assert state["user"]["conference"] == "ok" and state["user"]["join"] == "ok", state["user"]


@pytest.mark.parametrize("choice", ["none", "internal"])
def test_leaving_jwt_leaves_nothing_of_the_tokens(host, switch, choice):
    state = switch[1][choice][host.backend.host]
    assert not state["tokens_package"]
    assert state["lua_links"] == []
    assert state["token_lines"] == [], "token settings left in prosody's host file"
    assert "enableUserRolesBasedOnToken" not in state["config_js"]
    assert "tokenAuthUrl" not in state["config_js"]


def test_the_token_secret_is_never_in_the_output(host, switch):
    secret = host.ansible.get_variables()["access_jwt_app_secret"]
    for run, result in switch[0].items():
        assert secret not in result.stdout + result.stderr, f"the token secret appears in the output of the {run} run"
