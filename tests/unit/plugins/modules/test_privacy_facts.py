# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import getpass
import grp
import json
import os

import pytest

from ansible_collections.selfhosted.jitsi.plugins.modules import privacy_facts
from ansible_collections.selfhosted.jitsi.plugins.plugin_utils import deployment

DOMAIN = "meet.example.org"
# Secrets as upstream's packages write them, one per file that holds one.
SECRETS = {
    "jvb_conf": "Bridge-Xmpp-Password-1",
    "jicofo_conf": "Focus-Xmpp-Password-2",
    "prosody_host_enabled": "Turn-Credential-Secret-3",
    "turnserver_conf": "Static-Auth-Secret-4",
    "jvb_config": "Jvb-Component-Secret-5",
}
TEXTS = {
    "jvb_conf": 'videobridge.apis.xmpp-client.configs.shard { domain = "auth.%s", password = "%s" }\n'
                'ice4j.harvest.mapping.stun.addresses = ["%s:3478"]\n' % (DOMAIN, SECRETS["jvb_conf"], DOMAIN),
    "jicofo_conf": 'jicofo { xmpp { client { password = "%s" } }\n  authentication { enabled = true, type = XMPP } }\n'
                   % SECRETS["jicofo_conf"],
    "prosody_host_enabled": 'external_service_secret = "%s"\nVirtualHost "%s"\n    authentication = "internal_hashed"\n'
                            'Component "lobby.%s" "muc"\n' % (SECRETS["prosody_host_enabled"], DOMAIN, DOMAIN),
    "turnserver_conf": "use-auth-secret\nstatic-auth-secret=%s\npkey=%%(key)s\nno-stdout-log\nlog-file=/dev/null\n"
                       % SECRETS["turnserver_conf"],
    "jvb_config": "JVB_SECRET=%s\n" % SECRETS["jvb_config"],
    "nginx_site_enabled": "server {\n    listen 443 ssl;\n    access_log off;\n}\n",
    "logrotate_nginx": "/var/log/nginx/*.log {\n    daily\n    rotate 7\n}\n",
}
CONFIG_JS = "var config = { p2p: { stunServers: [{ urls: 'stun:%s:3478' }] }, disableThirdPartyRequests: true };\n" % DOMAIN


@pytest.fixture
def host(tmp_path, monkeypatch):
    """upstream's files under tmp_path, and the module's arguments for them."""
    files = dict((name, str(tmp_path / name)) for name in deployment.files(DOMAIN))
    key = tmp_path / "coturn.key"
    key.write_text("not a key")
    os.chmod(str(key), 0o600)
    for name, text in TEXTS.items():
        with open(files[name], "w") as handle:
            handle.write(text.replace("%(key)s", str(key)))
    os.chmod(files["turnserver_conf"], 0o644)
    accounts = tmp_path / "accounts"
    accounts.mkdir()
    for user in ("alice", "bob"):
        (accounts / ("%s.dat" % user)).write_text("return { stored_key = \"x\" };")
    secret_files = [dict(item, path=files[item["name"]]) for item in deployment.secret_files(DOMAIN)]
    monkeypatch.setattr(privacy_facts, "served", lambda url: (CONFIG_JS, {}) if url.endswith("config.js")
                        else ("<html></html>", {"Strict-Transport-Security": "max-age=63072000"}))
    monkeypatch.setattr(privacy_facts, "handshakes", lambda module, address, domain: {"tls1": False, "tls1_2": True})
    return {"domain": DOMAIN, "files": files, "secret_files": secret_files, "accounts_dir": str(accounts),
            "key": str(key)}


def args_of(host):
    return dict((name, host[name]) for name in ("domain", "files", "secret_files", "accounts_dir"))


@pytest.mark.parametrize("check_mode", [False, True])
def test_facts_are_read_on_the_host_and_name_no_secret(run_module, host, check_mode):
    failed, result = run_module(privacy_facts.main, args_of(host), check_mode=check_mode)
    assert not failed, result
    assert result["changed"] is False
    facts = result["facts"]
    # The files with secrets were read: their facts are there ...
    assert facts["jvb_stun_servers"] == ["%s:3478" % DOMAIN]
    assert facts["jicofo_authentication"] is True
    assert facts["prosody"]["authentication"] == "internal_hashed"
    assert facts["turnserver"]["pkey"] == host["key"] and facts["turnserver"]["logs_sessions"] is False
    assert facts["p2p_stun_servers"] == ["stun:%s:3478" % DOMAIN]
    assert facts["accounts"] == 2
    assert facts["log_retention_days"] == {"nginx": 8}
    # ... and none of their secrets.
    output = json.dumps(result)
    for name, secret in SECRETS.items():
        assert secret not in output, "the secret of %s is in the module's result" % name


def test_files_with_secrets_are_examined_with_their_readers(run_module, host):
    failed, result = run_module(privacy_facts.main, args_of(host))
    assert not failed, result
    files = dict((item["path"], item) for item in result["facts"]["secret_files"])
    me, my_group = getpass.getuser(), grp.getgrgid(os.getgid()).gr_name
    conf = files[host["files"]["turnserver_conf"]]
    assert (conf["mode"], conf["owner"], conf["group"]) == ("0644", me, my_group)
    assert conf["world_readable"] is True and "everyone" in conf["readable_by_others"]
    # The key coturn's pkey names is examined too, for coturn's user.
    assert files[host["key"]]["readers"] == ["turnserver"]
    assert files[host["key"]]["mode"] == "0600"
    assert result["facts"]["turnserver"]["pkey_exists"] is True
    # A file the packages did not write is not examined as if it were there.
    assert host["files"]["jicofo_config"] not in files


def test_missing_files_read_as_empty(run_module, host):
    os.unlink(host["files"]["jvb_conf"])
    failed, result = run_module(privacy_facts.main, args_of(host))
    assert not failed, result
    assert result["facts"]["jvb_stun_servers"] == []
    assert result["facts"]["jvb_conf_found"] is False


def test_files_without_the_names_it_reads_are_refused(run_module, host):
    args = args_of(host)
    args["files"] = dict((name, path) for name, path in host["files"].items() if name != "jvb_conf")
    failed, result = run_module(privacy_facts.main, args)
    assert failed
    assert "jvb_conf" in result["msg"] and "jitsi_files" in result["msg"]
