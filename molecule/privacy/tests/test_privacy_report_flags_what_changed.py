"""selfhosted.jitsi.privacy_report writes English and German reports; the
default deployment has no failed item, and turning a default off (upstream's
STUN server, JaaS or gravatar back on) makes the report fail that item."""

import os
import re

import testinfra.utils.ansible_runner
from conftest import run_playbook, scenario_dir

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

UPSTREAM_STUN = "meet-jit-si-turnrelay.jitsi.net"


def checklist(markdown):
    """Rows of the report's checklist table: [(status, article, item), ...]."""
    section = markdown.split("## Checklist", 1)[1] if "## Checklist" in markdown else markdown.split("## Prüfliste", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and cells[0].startswith("**"):
            rows.append((cells[0].strip("*"), cells[1], cells[2], cells[4]))
    return rows


def report(tmp_path, name, *extra):
    out = tmp_path / name
    result = run_playbook("selfhosted.jitsi.privacy_report", "-e", f"privacy_report_dir={out}", *extra)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return out


def test_reports_for_the_default_deployment(host, tmp_path):
    # Check mode: the report only reads the host.
    out = report(tmp_path, "default", "--check")
    hostname = host.backend.get_hostname()
    for suffix in ("en.md", "de.md", "en.html", "de.html"):
        assert (out / f"{hostname}.{suffix}").stat().st_size > 1000, suffix
    english = (out / f"{hostname}.en.md").read_text()
    german = (out / f"{hostname}.de.md").read_text()
    rows = checklist(english)
    assert len(rows) >= 12
    assert [r for r in rows if r[0] == "fail"] == [], rows
    assert "Datenschutzbericht" in german
    assert [r[0] for r in checklist(german)].count("nicht bestanden") == 0
    assert UPSTREAM_STUN not in english
    # upstream's config.js names JaaS's host only in code that does not run.
    assert "conference-mapper.jitsi.net" not in english


def test_upstream_stun_server_turned_back_on_is_flagged(host, tmp_path):
    converge = scenario_dir() / "converge.yml"
    changed = run_playbook(converge, "--tags", "privacy", "-e", '{"privacy_stun_servers": ["%s:443"]}' % UPSTREAM_STUN)
    try:
        assert changed.returncode == 0, changed.stdout[-3000:]
        out = report(tmp_path, "changed")
        english = (out / f"{host.backend.get_hostname()}.en.md").read_text()
        failed = {r[2]: r[3] for r in checklist(english) if r[0] == "fail"}
        assert "Peer-to-peer STUN stays on the deployment" in failed
        assert "The bridge contacts no third-party STUN server" in failed
        assert "Browsers contact no third parties" in failed
        assert all("privacy_stun_servers" in fix and "meet_privacy_stun_servers" not in fix for fix in failed.values())
        assert re.search(r"\| `%s` \| participants' browsers \| third party \|" % re.escape(UPSTREAM_STUN), english)
    finally:
        restored = run_playbook(converge, "--tags", "privacy")
        assert restored.returncode == 0, restored.stdout[-3000:]


def test_jaas_turned_on_in_config_js_is_flagged(host, domain, tmp_path):
    # upstream's config.js names JaaS's host only inside `if (enableJaaS)`:
    # a contact once the switch is on, and not before.
    config = f"/etc/jitsi/meet/{domain}-config.js"
    assert "conference-mapper.jitsi.net" in host.file(config).content_string
    host.run_expect([0], f"cp -p {config} {config}.orig")
    try:
        host.run_expect([0], f"sed -i 's/^var enableJaaS = false;/var enableJaaS = true;/' {config}")
        assert "var enableJaaS = true;" in host.file(config).content_string
        out = report(tmp_path, "jaas")
        english = (out / f"{host.backend.get_hostname()}.en.md").read_text()
        failed = {r[2]: r[3] for r in checklist(english) if r[0] == "fail"}
        assert "Browsers contact no third parties" in failed, checklist(english)
        assert "conference-mapper.jitsi.net" in english
    finally:
        host.run_expect([0], f"mv {config}.orig {config}")


def test_third_party_requests_turned_back_on_flag_gravatar(host, tmp_path):
    converge = scenario_dir() / "converge.yml"
    changed = run_playbook(converge, "--tags", "privacy", "-e", '{"privacy_third_party_requests": true}')
    try:
        assert changed.returncode == 0, changed.stdout[-3000:]
        out = report(tmp_path, "gravatar")
        english = (out / f"{host.backend.get_hostname()}.en.md").read_text()
        failed = {r[2]: r[3] for r in checklist(english) if r[0] == "fail"}
        assert "Browsers contact no third parties" in failed, checklist(english)
        assert "gravatar.com" in english
    finally:
        restored = run_playbook(converge, "--tags", "privacy")
        assert restored.returncode == 0, restored.stdout[-3000:]
