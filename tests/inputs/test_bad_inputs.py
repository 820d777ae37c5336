"""Every role input refuses a wrong value before anything changes.

One host per row of cases.yml, each with one wrong value, all in one check
mode run of the site playbook (and one of each of the privacy_report,
preflight and health playbooks).
Each host must fail in the validation step, with nothing run before it but
other checks, nothing changed, and a message that names the input, what it
expects and an example.
"""

import datetime
import json
import re

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conftest import DOMAIN, case_id, host_vars, is_validation, load_cases

CASES = load_cases()
# Playbooks with inputs of their own, besides the site playbook's roles.
PLAYBOOKS = ("privacy_report", "preflight", "health")
SITE_CASES = [case for case in CASES if case.get("role") not in PLAYBOOKS]
REPORT_CASES = [case for case in CASES if case.get("role") == "privacy_report"]
CHECK_CASES = [case for case in CASES if case.get("role") in ("preflight", "health")]

# Inventories that must pass every check.
GOOD = {
    "good-defaults": {},
    "good-everything-set": {
        "hostname_address": "203.0.113.10",
        "firewall_backend": "nftables",
        "firewall_ssh_ports": [22, 2222],
        "firewall_extra_ports": [{"port": 9100, "proto": "tcp", "comment": "node exporter"}],
        "repository_url": "https://mirror.example.org/jitsi",
        "repository_suite": "bookworm",
        "repository_components": ["main"],
        "repository_key_fingerprints": ["FFD6 5A0D A2BE BDEB 73D4  4C8B B4D2 D216 F1FD 7806"],
        "meet_version": "2.0.10008-1",
        "certificate_method": "letsencrypt",
        "certificate_acme_email": "admin@example.org",
        "privacy_stun_servers": ["meet.example.org:3478", "stun.example.org:443"],
        "access_users": [{"name": "alice", "password": "correct-horse"}, {"name": "bob", "state": "absent"}],
        "privacy_tls_protocols": ["TLSv1.3"],
        "privacy_log_retention_days": 0,
    },
    "good-jwt": {
        "access_authentication": "jwt",
        "access_jwt_app_id": "example_app",
        "access_jwt_app_secret": "0123456789abcdef0123",
        "access_jwt_auth_url": "https://portal.example.org/token",
    },
    # An inventory written for 0.1.0: the old names still work, with a warning.
    "good-renamed-0.1.0": {
        "meet_certificate": "letsencrypt",
        "meet_letsencrypt_email": "admin@example.org",
        "meet_authentication": "jwt",
        "meet_jwt_app_id": "example_app",
        "meet_jwt_app_secret": "0123456789abcdef0123",
        "meet_tls_protocols": ["TLSv1.3"],
        "meet_turnserver": False,
    },
    "good-provided": {"certificate_method": "provided", "certificate_crt_content": "@certificate", "certificate_key_content": "@key"},
}


@pytest.fixture(scope="module")
def pems():
    """A certificate for the domain, its key, and another key."""
    key = ec.generate_private_key(ec.SECP256R1())
    other = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, DOMAIN)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(DOMAIN)]), critical=False)
        .sign(key, hashes.SHA256())
    )

    def pem_key(private):
        return private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()

    return {
        "@certificate": certificate.public_bytes(serialization.Encoding.PEM).decode(),
        "@key": pem_key(key),
        "@other key": pem_key(other),
    }


def resolve(values, pems):
    """Replace the placeholders of generated PEM text."""
    return {name: pems.get(value, value) if isinstance(value, str) else value for name, value in values.items()}


def case_hosts(cases, pems):
    """One throwaway host per case."""
    hosts = {}
    for case in cases:
        values = dict(case.get("with", {}))
        if "value" in case:
            values[case["input"]] = case["value"]
        hosts[case_id(case)] = host_vars(resolve(values, pems), case.get("absent", ()))
    return hosts


@pytest.fixture(scope="module")
def site_run(playbook_runner, pems):
    """The site playbook, once, with a host per case and the good inventories."""
    hosts = case_hosts(SITE_CASES, pems)
    hosts.update({name: host_vars(resolve(values, pems)) for name, values in GOOD.items()})
    return playbook_runner("selfhosted.jitsi.site", hosts)


@pytest.fixture(scope="module")
def report_run(playbook_runner, pems):
    """The privacy_report playbook, once, with a host per case."""
    return playbook_runner("selfhosted.jitsi.privacy_report", case_hosts(REPORT_CASES, pems))


@pytest.fixture(scope="module")
def check_runs(playbook_runner, pems):
    """The preflight and health playbooks, once each, with a host per case
    and one host with every input right."""
    runs = {}
    for playbook in ("preflight", "health"):
        hosts = case_hosts([case for case in CHECK_CASES if case["role"] == playbook], pems)
        hosts["good-" + playbook] = host_vars({"jitsi_min_memory_gb": 4, "jitsi_health_timeout": 1,
                                               "jitsi_health_ca_path": "/etc/jitsi/meet/meet.example.org.crt",
                                               "jitsi_turnserver": False})
        # Optional inputs unset (health's timeout short: its first task waits that long).
        hosts["good-" + playbook + "-defaults"] = host_vars({"jitsi_health_timeout": 1} if playbook == "health" else {})
        runs[playbook] = playbook_runner("selfhosted.jitsi." + playbook, hosts)
    return runs


def check_refused(run, case):
    """The host of a case failed in validation, before any change, saying why."""
    host = case_id(case)
    task, result, before = run.first_failure(host)
    assert task is not None, f"{host}: the wrong value was accepted"
    assert is_validation(task), f"{host}: failed outside the validation step, in {task['task']['name']} ({task['task']['path']}): {result.get('msg')}"
    for earlier, earlier_result in before:
        assert is_validation(earlier), f"{host}: {earlier['task']['name']} ran before the validation failed"
        assert not earlier_result.get("changed"), f"{host}: {earlier['task']['name']} changed something"
    message = re.sub(r"\s+", " ", str(result.get("msg", "")))
    for word in [case["input"], *case["expect"]]:
        assert word.lower() in message.lower(), f"{host}: {word!r} missing from: {message}"


@pytest.mark.parametrize("case", SITE_CASES, ids=case_id)
def test_site_refuses(site_run, case):
    check_refused(site_run, case)


@pytest.mark.parametrize("case", REPORT_CASES, ids=case_id)
def test_privacy_report_refuses(report_run, case):
    check_refused(report_run, case)


@pytest.mark.parametrize("old, new", [("meet_certificate", "certificate_method"), ("meet_letsencrypt_email", "certificate_acme_email"),
                                      ("meet_authentication", "access_authentication"), ("meet_jwt_app_secret", "access_jwt_app_secret"),
                                      ("meet_tls_protocols", "privacy_tls_protocols")])
def test_old_names_are_read_with_a_deprecation_warning(site_run, old, new):
    """The inputs renamed since 0.1.0 keep working for one release (the good-renamed-0.1.0 host passes the
    checks above, which read the values under the new names) and each says what to set instead."""
    warnings = re.sub(r"\s+", " ", site_run.stderr + json.dumps(site_run.output))
    assert f"The input {old} is renamed {new}; set {new} in the inventory instead" in warnings


@pytest.mark.parametrize("case", CHECK_CASES, ids=case_id)
def test_check_playbooks_refuse(check_runs, case):
    check_refused(check_runs[case["role"]], case)


@pytest.mark.parametrize("playbook, suffix", [(playbook, suffix) for playbook in ("preflight", "health") for suffix in ("", "-defaults")])
def test_check_playbooks_accept_good_inputs(check_runs, playbook, suffix):
    """Every input check passes; the first task after them needs the host,
    where nothing can run."""
    tasks = [(task, result) for task, result in check_runs[playbook].tasks("good-" + playbook + suffix) if "include" not in result]
    checks = [task["task"]["name"] for task, result in tasks if is_validation(task)]
    assert checks and not any(result.get("failed") or result.get("changed") for task, result in tasks[:len(checks)])
    task, result = tasks[len(checks)]
    assert not is_validation(task)
    assert "/nonexistent/" in json.dumps(result), (task["task"]["name"], result)


@pytest.mark.parametrize("host", sorted(GOOD))
def test_good_inventory_passes_validation(site_run, host):
    """Every check passes; the run stops at the first task that would touch the host."""
    task, result, before = site_run.first_failure(host)
    entries = [pair[0] for pair in before]
    assert entries and all(is_validation(entry) for entry in entries[:4]), f"{host}: the run did not start with the validation step"
    assert not any(pair[1].get("changed") for pair in before)
    assert task is not None and not is_validation(task), f"{host}: {task and task['task']['name']}: {result and result.get('msg')}"
    # The first task that needs the host: nothing can run there.
    assert "/nonexistent/" in str(result.get("msg")), result.get("msg")
    # In site the steps skip the checks already run, all at once: the
    # hostname step's include of its checks is skipped, and each of its
    # checks ran once, before the steps.
    skipped = [earlier["task"]["name"] for earlier, earlier_result in before
               if earlier_result.get("skipped") and earlier["task"].get("path", "").split(":")[0].endswith("roles/hostname/tasks/main.yml")]
    assert skipped == ["selfhosted.jitsi.hostname : Check the domain and the address"], f"{host}: the hostname step did not skip its checks: {skipped}"
    checks = [earlier["task"].get("path", "") for earlier in entries if "roles/hostname/tasks/validate.yml" in earlier["task"].get("path", "")]
    assert checks and len(checks) == len(set(checks)), f"{host}: the hostname checks ran {len(checks)} times: {checks}"
