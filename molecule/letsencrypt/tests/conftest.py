"""What the letsencrypt scenario's tests share: the Jitsi host's domain, the
pebble host, and the certificates as served and as held on disk."""

import os

import pytest
import testinfra

INVENTORY = os.environ["MOLECULE_INVENTORY_FILE"]
PEBBLE_CA = "/etc/pebble/ca.pem"


@pytest.fixture()
def domain(host):
    return host.ansible.get_variables()["jitsi_domain"]


@pytest.fixture(scope="session")
def pebble():
    """The ACME server's container, on the same network as the Jitsi host."""
    return testinfra.get_host("ansible://letsencrypt-pebble", ansible_inventory=INVENTORY)


def pebble_management(pebble, path):
    """A PEM document from pebble's management API (its current CA chain)."""
    script = (
        "import ssl, sys, urllib.request\n"
        "ctx = ssl.create_default_context(cafile=sys.argv[2])\n"
        "print(urllib.request.urlopen(sys.argv[1], context=ctx, timeout=10).read().decode())\n"
    )
    return pebble.check_output("python3 -c %s %s %s", script, f"https://pebble.jitsi.test:15000{path}", PEBBLE_CA)


def served_certificate(host, domain, port=443):
    """The leaf certificate a TLS client of the host receives, in PEM. coturn
    listens on the host's interface addresses, not on 127.0.1.1 where the
    domain points on the host itself."""
    address = domain if port == 443 else "127.0.0.1"
    return host.check_output(
        f"openssl s_client -connect {address}:{port} -servername {domain} </dev/null 2>/dev/null | openssl x509"
    )


def certificate_field(host, pem, option):
    """One field of a PEM certificate as openssl prints it (serial, issuer, ...)."""
    return host.check_output("printf '%%s\\n' %s | openssl x509 -noout " + option, pem)
