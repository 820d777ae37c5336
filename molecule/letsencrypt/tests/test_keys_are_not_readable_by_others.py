"""Private keys are readable by root (nginx's master) and coturn's own copy by
turnserver only."""

import os

import pytest
import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


@pytest.mark.parametrize(
    "path, user, mode",
    [
        ("/etc/ssl/{domain}.key", "root", 0o600),
        ("/etc/coturn/certs/{domain}.privkey.pem", "turnserver", 0o400),
    ],
)
def test_key_file_is_private(host, domain, path, user, mode):
    key = host.file(path.format(domain=domain))
    assert key.exists
    assert key.user == user
    assert key.mode == mode


def test_certbot_keeps_its_keys_to_root(host, domain):
    key = host.file(f"/etc/letsencrypt/live/{domain}/privkey.pem")
    assert key.is_symlink
    archived = host.file(key.linked_to)
    assert archived.user == "root"
    assert archived.mode & 0o077 == 0
