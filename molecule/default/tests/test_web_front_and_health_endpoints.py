"""https://<domain>/ serves Jitsi Meet with the installed certificate, BOSH
answers through nginx, and the components report healthy."""

import os

import pytest
import testinfra.utils.ansible_runner
from conftest import https_get

testinfra_hosts = [
    f"docker://{name}"
    for name in testinfra.utils.ansible_runner.AnsibleRunner(os.environ["MOLECULE_INVENTORY_FILE"]).get_hosts("jitsi")
]


def test_https_serves_the_installed_certificate(host, domain):
    served = host.check_output(
        f"openssl s_client -connect {domain}:443 -servername {domain} </dev/null 2>/dev/null"
        " | openssl x509 -noout -fingerprint -sha256"
    )
    installed = host.check_output(f"openssl x509 -noout -fingerprint -sha256 -in /etc/jitsi/meet/{domain}.crt")
    assert served == installed


def test_front_page_answers(host, domain):
    status, _page = https_get(host, f"https://{domain}/", f"/etc/jitsi/meet/{domain}.crt")
    assert status == 200


def test_config_js_names_the_domain(host, domain):
    status, body = https_get(host, f"https://{domain}/config.js", f"/etc/jitsi/meet/{domain}.crt")
    assert status == 200
    assert f"domain: '{domain}'" in body


def test_bosh_answers_through_nginx(host, domain):
    status, _bosh_body = https_get(host, f"https://{domain}/http-bind", f"/etc/jitsi/meet/{domain}.crt")
    assert status == 200


@pytest.mark.parametrize("port", [8080, 8888])
def test_health_endpoint_is_ok(host, port):
    result = host.run(
        "python3 -c %s",
        f"import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:{port}/about/health', timeout=10).status)",
    )
    assert result.rc == 0, result.stderr
    assert result.stdout.strip() == "200"
