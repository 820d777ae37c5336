"""certbot.timer renews the certificate unattended, through the private ACME
server, and its deploy hook makes nginx and coturn serve the new one."""

import os
import time

import testinfra.utils.ansible_runner
from conftest import certificate_field, served_certificate

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def test_renewal_timer_is_enabled_and_active(host):
    timer = host.service("certbot.timer")
    assert timer.is_enabled
    assert timer.is_running


def test_renewal_service_trusts_the_acme_servers_ca(host):
    environment = host.check_output("systemctl show certbot.service --property=Environment")
    bundle = host.ansible.get_variables()["certificate_acme_ca_bundle"]
    assert f"REQUESTS_CA_BUNDLE={bundle}" in environment


def test_renewal_runs_the_deploy_hook(host, domain):
    renewal = host.file(f"/etc/letsencrypt/renewal/{domain}.conf").content_string
    assert "renew_hook = /usr/local/sbin/selfhosted-jitsi-certbot-deploy" in renewal


def test_renewal_by_the_timers_service_replaces_the_served_certificate(host, domain):
    """Renewal is made due by widening the renewal window, then certbot's own
    service (what the timer starts) renews; the window is restored after."""
    renewal = f"/etc/letsencrypt/renewal/{domain}.conf"
    before_served = certificate_field(host, served_certificate(host, domain), "-serial")
    before_turn = certificate_field(host, served_certificate(host, domain, port=5349), "-serial")
    host.check_output(f"cp {renewal} {renewal}.test-backup")
    try:
        host.check_output(f"sed -i '1i renew_before_expiry = 36500 days' {renewal}")
        result = host.run("systemctl start certbot.service")
        assert result.rc == 0, host.check_output("journalctl -u certbot.service --no-pager -n 30")
    finally:
        host.check_output(f"mv {renewal}.test-backup {renewal}")
    live = certificate_field(host, host.file(f"/etc/letsencrypt/live/{domain}/cert.pem").content_string, "-serial")
    after_served = after_turn = None
    # nginx's workers and coturn's listener take a moment after the hook.
    for _attempt in range(10):
        try:
            after_served = certificate_field(host, served_certificate(host, domain), "-serial")
            after_turn = certificate_field(host, served_certificate(host, domain, port=5349), "-serial")
        except AssertionError:
            after_served = after_turn = None
        if after_served == live and after_turn == live:
            break
        time.sleep(2)
    assert live != before_served
    assert after_served == live
    assert after_turn == live
    assert before_turn != after_turn
