"""A renewal that fails because the ACME server cannot be reached leaves the
served certificate in place, is logged by certbot, and makes the health
playbook fail naming it; once the server is back and a renewal run succeeds,
health passes again."""

import os
import subprocess

import testinfra.utils.ansible_runner
from conftest import certificate_field, pebble_management, served_certificate

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")

# The host refuses its own connections to the ACME port: for certbot the
# server is down, while pebble keeps the account and the chain the other
# tests check (it holds them in memory only).
ACME_DOWN_TABLE = "selfhosted_jitsi_test_acme_down"
PEBBLE_ROOT = "/usr/local/share/selfhosted-jitsi-test/pebble-root.pem"


def run_health(host, *extra):
    return subprocess.run(
        ["ansible-playbook", "-i", os.environ["MOLECULE_INVENTORY_FILE"], "--limit", host.backend.get_hostname(),
         "selfhosted.jitsi.health", "-e", f"jitsi_health_ca_path={PEBBLE_ROOT}", *extra],
        capture_output=True, text=True, check=False,
        env={**os.environ, "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0"},
    )


def test_failed_renewal_keeps_the_certificate_and_is_reported(host, domain, pebble):
    host.check_output("printf '%%s\\n' %s > %s", pebble_management(pebble, "/roots/0"), PEBBLE_ROOT)
    renewal = f"/etc/letsencrypt/renewal/{domain}.conf"
    before = certificate_field(host, served_certificate(host, domain), "-serial")
    log_lines = int(host.check_output("cat /var/log/letsencrypt/letsencrypt.log 2>/dev/null | wc -l"))
    host.check_output(f"cp {renewal} {renewal}.test-backup")
    host.check_output(
        f"nft add table inet {ACME_DOWN_TABLE}"
        f" && nft add chain inet {ACME_DOWN_TABLE} output '{{ type filter hook output priority filter; }}'"
        f" && nft add rule inet {ACME_DOWN_TABLE} output tcp dport 14000 reject with tcp reset")
    try:
        host.check_output(f"sed -i '1i renew_before_expiry = 36500 days' {renewal}")
        renewal_run = host.run("systemctl start certbot.service")
        failed_health = run_health(host)
    finally:
        host.check_output(f"mv {renewal}.test-backup {renewal}")
        host.check_output(f"nft delete table inet {ACME_DOWN_TABLE}")

    assert renewal_run.rc != 0
    assert host.check_output("systemctl show certbot.service --property=Result") == "Result=exit-code"
    # certbot logged the failure where the health message sends the operator.
    log = host.check_output(f"tail -n +{log_lines + 1} /var/log/letsencrypt/letsencrypt.log")
    assert "pebble.jitsi.test" in log and "Connection refused" in log, log[-2000:]
    assert "renew" in host.check_output("journalctl -u certbot.service --no-pager -n 20").lower()
    # The site still serves the certificate it had.
    assert certificate_field(host, served_certificate(host, domain), "-serial") == before
    output = " ".join((failed_health.stdout + failed_health.stderr).split())
    assert failed_health.returncode != 0, output
    assert "The last certificate renewal failed: certbot.service ended with exit-code" in output
    assert "The site keeps serving its current certificate (valid until" in output

    # Back online, certbot's next run (not due any more) ends well, and so
    # does the health check.
    host.check_output("systemctl start certbot.service")
    passed_health = run_health(host)
    assert passed_health.returncode == 0, passed_health.stdout + passed_health.stderr
    assert certificate_field(host, served_certificate(host, domain), "-serial") == before
