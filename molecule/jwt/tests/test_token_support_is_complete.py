"""What token authentication needs besides prosody's answer: the Lua
libraries the token plugins load, linked for prosody's Lua; the web app's
settings; and the privacy report naming JWT as the authentication."""

import os
import time

import pytest
import testinfra.utils.ansible_runner
from conftest import run_playbook

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


@pytest.mark.parametrize("library", ["basexx", "inspect", "cjson", "openssl.hmac"])
def test_prosodys_lua_loads_the_token_libraries(host, library):
    lua = host.check_output("sed -n '1s|^#!.*[ /]\\(lua[0-9.]*\\)$|\\1|p' /usr/bin/prosody")
    assert lua.startswith("lua5."), lua
    host.run_expect([0], f"{lua} -e \"require('{library}')\"")


@pytest.mark.parametrize("library", ["basexx", "inspect"])
def test_pure_lua_libraries_are_linked_not_copied(host, library):
    link = host.file(f"/usr/local/share/lua/5.4/{library}.lua")
    assert link.is_symlink
    assert link.linked_to.startswith("/usr/share/lua/5.")
    assert host.file(link.linked_to).exists


def test_the_tokens_package_is_held_with_the_others(host):
    selections = host.check_output("dpkg-query --show --showformat='${Package} ${db:Status-Want} ${Version}\\n' "
                                   "jitsi-meet-tokens jitsi-meet-prosody").splitlines()
    (tokens_want, tokens_version), (prosody_want, prosody_version) = [line.split()[1:] for line in selections]
    assert tokens_want == prosody_want == "hold"
    assert tokens_version == prosody_version


def test_web_app_knows_tokens_and_guests(host, hostvars, domain):
    config = host.file(f"/etc/jitsi/meet/{domain}-config.js").content_string
    block = config.split("Written by selfhosted.jitsi", 1)[1]
    assert "config.enableUserRolesBasedOnToken = true;" in block
    assert f'config.tokenAuthUrl = "{hostvars["access_jwt_auth_url"]}";' in block
    assert (f"config.hosts.anonymousdomain = 'guest.{domain}';" in block) == bool(hostvars.get("access_jwt_guests"))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = run_playbook("selfhosted.jitsi.privacy_report", "--check", "-e", f"privacy_report_dir={out}")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return out


def test_privacy_report_names_jwt(host, report):
    name = host.backend.get_hostname()
    english = (report / f"{name}.en.md").read_text()
    german = (report / f"{name}.de.md").read_text()
    assert "only with a token (JWT)" in english
    assert "mit einem Token (JWT)" in german
    assert "authentication=pass" in english.rsplit("<!-- findings:", 1)[1]


# prosody takes a moment after a restart before BOSH answers: a bounded wait.
WAIT_FOR_BOSH = "timeout 60 bash -c 'until (exec 3<>/dev/tcp/127.0.0.1/5280) 2>/dev/null; do sleep 1; done'"


def test_without_the_links_prosody_refuses_every_token(host, login, mint):
    """The gap the links close, as on a real host: Debian's basexx and inspect
    are not visible to Lua 5.4, so the token plugins do not load and prosody
    offers no way to log in at all."""
    links = {name: host.file(f"/usr/local/share/lua/5.4/{name}.lua").linked_to for name in ("basexx", "inspect")}
    try:
        host.run_expect([0], "rm /usr/local/share/lua/5.4/basexx.lua /usr/local/share/lua/5.4/inspect.lua"
                             " && systemctl restart prosody")
        host.run_expect([0], WAIT_FOR_BOSH)
        result = login(token=mint("standup"), room="standup")
        assert result["auth"] == "error:mechanism-not-offered", result
        assert "module 'basexx' not found" in host.check_output("tail -n 50 /var/log/prosody/prosody.err /var/log/prosody/prosody.log 2>/dev/null || true")
    finally:
        for name, target in links.items():
            host.run_expect([0], f"ln -sfn {target} /usr/local/share/lua/5.4/{name}.lua")
        host.run_expect([0], "systemctl restart prosody")
        host.run_expect([0], WAIT_FOR_BOSH)
    # jicofo reconnects to the restarted prosody on its own schedule; until
    # it has, nobody can open a room: a bounded wait, as an operator would.
    deadline = time.monotonic() + 90
    result = login(token=mint("standup"), room="standup")
    while (result["auth"], result["join"]) != ("ok", "ok") and time.monotonic() < deadline:
        time.sleep(3)
        result = login(token=mint("standup"), room="standup")
    assert (result["auth"], result["join"]) == ("ok", "ok"), result
