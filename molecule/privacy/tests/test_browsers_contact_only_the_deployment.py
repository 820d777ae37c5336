"""Participants' browsers are sent to no third party: the page and the
config.js nginx serves name no host outside the domain once the browser has
run config.js, and the bridge's STUN server is the deployment's own."""

import json
import os
import re
import shutil
import subprocess

import testinfra.utils.ansible_runner
from conftest import https_get

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

# Runs the served config.js as a browser would and prints every host name in
# the strings of the resulting `config` object.
EVALUATE = r"""
const vm = require('vm');
const src = require('fs').readFileSync(0, 'utf8');
const ctx = {};
vm.createContext(ctx);
vm.runInContext(src, ctx);
const hosts = new Set();
function walk(v) {
  if (typeof v === 'string') {
    for (const m of v.matchAll(/(?:[a-z][a-z0-9+.-]*:)?\/\/([a-z0-9.-]+)/gi)) hosts.add(m[1].toLowerCase());
    const ice = v.match(/^(?:stuns?|turns?):([a-z0-9.-]+)/i);
    if (ice) hosts.add(ice[1].toLowerCase());
    const bare = v.match(/^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?$/i);
    if (bare && !/\.(js|html|css|json)$/i.test(bare[1])) hosts.add(bare[1].toLowerCase());
  } else if (Array.isArray(v)) {
    v.forEach(walk);
  } else if (v && typeof v === 'object') {
    Object.values(v).forEach(walk);
  }
}
walk(ctx.config);
console.log(JSON.stringify({hosts: [...hosts], config: ctx.config}));
"""


def own(name, domain):
    return name == domain or name.endswith("." + domain)


def run_config_js(text):
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "these tests run config.js with Node.js on the controller: apt-get install nodejs"
    result = subprocess.run([node, "-e", EVALUATE], input=text, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_served_config_js_names_only_the_domain(host, domain):
    served = https_get(host, f"https://{domain}/config.js", f"/etc/jitsi/meet/{domain}.crt")
    assert served["status"] == 200
    evaluated = run_config_js(served["body"])
    assert domain in evaluated["hosts"], evaluated["hosts"]
    assert [h for h in evaluated["hosts"] if not own(h, domain)] == []
    config = evaluated["config"]
    assert config["p2p"]["stunServers"] == [{"urls": f"stun:{domain}:3478"}]
    assert config["disableThirdPartyRequests"] is True
    assert config["hosts"]["anonymousdomain"] == f"guest.{domain}"


def test_upstreams_stun_server_is_still_in_the_file_but_overridden(host, domain):
    # The test means something only if upstream's default is there to override.
    text = host.file(f"/etc/jitsi/meet/{domain}-config.js").content_string
    assert "meet-jit-si-turnrelay.jitsi.net" in text
    assert "// BEGIN selfhosted.jitsi" in text


def test_front_page_names_only_the_domain(host, domain):
    page = https_get(host, f"https://{domain}/", f"/etc/jitsi/meet/{domain}.crt")
    assert page["status"] == 200
    body = re.sub(r"<!--.*?-->", "", page["body"], flags=re.S)
    names = {m.lower() for m in re.findall(r"(?:[a-z][a-z0-9+.-]*:)?//([a-z0-9.-]+)", body, flags=re.I)}
    assert [n for n in names if not own(n, domain)] == []


def test_bridge_uses_the_deployments_own_stun_server(host, domain):
    text = host.file("/etc/jitsi/videobridge/jvb.conf").content_string
    assignments = re.findall(r"(?m)^\s*(?:ice4j\.harvest\.mapping\.stun\.)?addresses\s*=\s*\[([^\]]*)\]", text)
    assert assignments, text
    # HOCON: the last assignment wins.
    assert re.findall(r'"([^"]+)"', assignments[-1]) == [f"{domain}:3478"]
