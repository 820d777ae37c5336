"""The host is named after its Jitsi domain, which /etc/hosts maps."""

import os

import testinfra.utils.ansible_runner

testinfra_hosts = [
    f"docker://{name}"
    for name in testinfra.utils.ansible_runner.AnsibleRunner(os.environ["MOLECULE_INVENTORY_FILE"]).get_hosts("jitsi")
]


def test_hostname_is_the_domain(host, domain):
    assert host.check_output("hostname") == domain
    assert host.file("/etc/hostname").content_string == domain + "\n"


def test_hosts_maps_the_domain_once(host, domain):
    lines = [line.split() for line in host.file("/etc/hosts").content_string.splitlines()]
    entries = [fields for fields in lines if fields and not fields[0].startswith("#") and domain in fields[1:]]
    assert entries == [["127.0.1.1", domain, domain.split(".")[0]]]


def test_other_hosts_lines_stay(host):
    lines = host.file("/etc/hosts").content_string.splitlines()
    assert "127.0.0.1\tlocalhost" in lines
    # Docker's line for the container's own name is not the role's to touch.
    name = host.backend.get_hostname()
    assert any(line.split()[1:] == [name] for line in lines if line.strip())


def test_domain_resolves_locally(host, domain):
    assert host.check_output(f"getent hosts {domain}").split()[0] == "127.0.1.1"
