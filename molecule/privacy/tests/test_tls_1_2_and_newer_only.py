"""The web site speaks TLS 1.2 and 1.3 only."""

import os

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def handshake(host, domain, version):
    # SECLEVEL=0 lets the client offer old protocols, so a refusal is the server's.
    return host.run(
        f"openssl s_client -connect 127.0.0.1:443 -servername {domain} -{version} "
        "-cipher 'DEFAULT:@SECLEVEL=0' </dev/null 2>&1"
    )


@pytest.mark.parametrize("version", ["tls1", "tls1_1"])
def test_old_tls_is_refused(host, domain, version):
    result = handshake(host, domain, version)
    assert result.rc != 0 or "Cipher is (NONE)" in result.stdout, result.stdout


@pytest.mark.parametrize("version", ["tls1_2", "tls1_3"])
def test_modern_tls_works(host, domain, version):
    result = handshake(host, domain, version)
    assert result.rc == 0, result.stdout
    assert "Cipher is (NONE)" not in result.stdout


def test_site_configures_only_modern_protocols(host, domain):
    text = host.file(f"/etc/nginx/sites-available/{domain}.conf").content_string
    # What nginx reads: comments (upstream's switched-off line among them) dropped.
    lines = [line.split("#")[0].strip() for line in text.splitlines() if line.strip().startswith("ssl_protocols")]
    assert lines == ["ssl_protocols TLSv1.2 TLSv1.3;"]
