"""https://<domain>/ serves a certificate that the ACME server issued for the
domain: signed by pebble's current intermediate, which its root signed."""

import os

import testinfra.utils.ansible_runner
from conftest import certificate_field, pebble_management, served_certificate

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def test_issuer_is_the_acme_servers_intermediate(host, domain, pebble):
    served = served_certificate(host, domain)
    intermediate = pebble_management(pebble, "/intermediates/0")
    issuer = certificate_field(host, served, "-issuer -nameopt RFC2253").removeprefix("issuer=")
    subject = certificate_field(host, intermediate, "-subject -nameopt RFC2253").removeprefix("subject=")
    assert issuer == subject
    assert "Pebble Intermediate CA" in issuer


def test_chain_verifies_up_to_the_acme_servers_root(host, domain, pebble):
    root = pebble_management(pebble, "/roots/0")
    intermediate = pebble_management(pebble, "/intermediates/0")
    served = served_certificate(host, domain)
    result = host.run(
        "d=$(mktemp -d) && printf '%%s\\n' %s > $d/root.pem && printf '%%s\\n' %s > $d/int.pem"
        " && printf '%%s\\n' %s > $d/leaf.pem"
        " && openssl verify -CAfile $d/root.pem -untrusted $d/int.pem $d/leaf.pem; rc=$?; rm -rf $d; exit $rc",
        root,
        intermediate,
        served,
    )
    assert result.rc == 0, result.stdout + result.stderr


def test_certificate_names_the_domain(host, domain):
    served = served_certificate(host, domain)
    names = certificate_field(host, served, "-ext subjectAltName")
    assert f"DNS:{domain}" in names


def test_nginx_serves_certbots_live_pair(host, domain):
    site = host.file(f"/etc/nginx/sites-available/{domain}.conf").content_string
    assert f"ssl_certificate /etc/letsencrypt/live/{domain}/fullchain.pem;" in site
    assert f"ssl_certificate_key /etc/letsencrypt/live/{domain}/privkey.pem;" in site


def test_coturn_serves_the_same_certificate(host, domain):
    served = served_certificate(host, domain)
    coturn = served_certificate(host, domain, port=5349)
    assert certificate_field(host, coturn, "-serial") == certificate_field(host, served, "-serial")
    key = host.file(f"/etc/coturn/certs/{domain}.privkey.pem")
    assert key.user == "turnserver"
    assert key.mode == 0o400
