"""How the validation step of the site playbook runs: with tags, with extra
vars, and in each role used on its own; and that the table covers every input."""

import json
import pathlib
import re
import subprocess

import pytest

import yaml

from conftest import ROOT, host_vars, is_validation, load_cases
from table import markdown_table

SITE_ROLES = ("hostname", "firewall", "repository", "meet", "certificate", "access", "privacy")
ROLES_ALONE = pathlib.Path(__file__).with_name("roles_alone.yml")


def failed_in(run, host):
    """Where a host first failed: (task path, message), and that nothing before it changed."""
    task, result, before = run.first_failure(host)
    assert task is not None, f"{host} did not fail"
    assert not any(pair[1].get("changed") for pair in before)
    return task, re.sub(r"\s+", " ", str(result.get("msg", "")))


def test_tags_firewall_checks_what_the_run_uses(playbook_runner):
    """--tags firewall: the firewall's own checks run first; the privacy role's do not, as
    it does not run; every argument spec is checked, as Ansible checks them
    at each role's start whatever the tags."""
    run = playbook_runner(
        "selfhosted.jitsi.site",
        {
            "bad-firewall": host_vars({"firewall_ssh_ports": [0]}),
            "bad-privacy": host_vars({"privacy_stun_servers": ["stun.example.org"]}),
            "bad-repository-choice": host_vars({"repository_format": "yum"}),
        },
        ["--tags", "firewall"],
    )
    task, message = failed_in(run, "bad-firewall")
    assert task["task"]["path"].split(":")[0].endswith("roles/firewall/tasks/validate.yml")
    assert "firewall_ssh_ports" in message
    assert run.tasks("bad-firewall")[0][0]["task"]["name"] == "Check the inputs of every step against its argument spec"

    task, message = failed_in(run, "bad-privacy")
    assert not is_validation(task), "the privacy checks ran although the privacy role does not"
    assert "/nonexistent/" in message

    task, message = failed_in(run, "bad-repository-choice")
    assert task["task"]["path"].split(":")[0].endswith("playbooks/tasks/site_checks.yml")
    assert "repository_format" in message and "deb822" in message


@pytest.mark.parametrize("tag", ["privacy", "privacy_logging"])
def test_tags_privacy_checks_the_privacy_settings(playbook_runner, tag):
    """--tags privacy runs the privacy role, --tags privacy_logging one of its
    concerns: the privacy checks run first, the firewall's do not."""
    run = playbook_runner(
        "selfhosted.jitsi.site",
        {
            "bad-stun": host_vars({"privacy_stun_servers": ["stun.example.org"]}),
            "bad-firewall": host_vars({"firewall_ssh_ports": [0]}),
        },
        ["--tags", tag],
    )
    task, message = failed_in(run, "bad-stun")
    assert task["task"]["path"].split(":")[0].endswith("roles/privacy/tasks/validate.yml")
    assert "privacy_stun_servers" in message
    task, message = failed_in(run, "bad-firewall")
    assert not is_validation(task)


def listed_tasks(*args):
    """The task names `ansible-playbook --list-tasks` prints for the site playbook."""
    result = subprocess.run(["ansible-playbook", "-i", "localhost,", "selfhosted.jitsi.site", "--list-tasks", *args],
                            capture_output=True, text=True, check=True, cwd=ROOT)
    return [line.strip().split("\tTAGS:")[0].strip() for line in result.stdout.splitlines() if "\tTAGS:" in line]


def test_each_privacy_concern_has_a_tag_of_its_own():
    """--tags privacy_logging lists the logging tasks, with the checks and
    facts they need, and none of the other concerns or roles."""
    tasks = listed_tasks("--tags", "privacy_logging")
    assert "selfhosted.jitsi.privacy : Set prosody's log level ({{ privacy_log_level }})" in tasks
    assert "selfhosted.jitsi.privacy : Check the log retention" in tasks
    assert "selfhosted.jitsi.common : Find the files the packages wrote" in tasks
    for other in ("selfhosted.jitsi.privacy : Write the security headers snippet",
                  "selfhosted.jitsi.privacy : Let only their services read the files with secrets",
                  "selfhosted.jitsi.privacy : Point the bridge's STUN discovery at this deployment (jvb.conf)"):
        assert other not in tasks
    # Ansible checks every role's argument spec whatever the tags: nothing else of those roles runs.
    assert not [task for task in tasks if task.startswith(("selfhosted.jitsi.hostname", "selfhosted.jitsi.meet"))
                and "Validating arguments against arg spec" not in task]
    everything = listed_tasks()
    assert "selfhosted.jitsi.privacy : Write the security headers snippet" in everything


def test_extra_vars_are_checked_too(playbook_runner):
    """A wrong value given with -e is refused the same way."""
    run = playbook_runner("selfhosted.jitsi.site", {"extra": host_vars({})}, ["-e", json.dumps({"firewall_ssh_ports": [70000]})])
    task, message = failed_in(run, "extra")
    assert is_validation(task)
    assert "70000 in firewall_ssh_ports" in message


def test_roles_alone_check_their_inputs(playbook_runner):
    """Outside the site playbook each role runs its own checks before its first change."""
    hosts = {
        "hostname": host_vars({"inputs_role": "hostname", "jitsi_domain": "meet.example.org."}),
        "firewall": host_vars({"inputs_role": "firewall", "firewall_extra_ports": [{"port": 70000}]}),
        "repository": host_vars({"inputs_role": "repository", "repository_key_fingerprints": ["F1FD7806"]}),
        "meet": host_vars({"inputs_role": "meet", "meet_version": "latest!"}),
        "certificate": host_vars({"inputs_role": "certificate", "certificate_method": "provided"}),
        "access": host_vars({"inputs_role": "access", "access_users": [{"name": "alice"}]}),
        "privacy": host_vars({"inputs_role": "privacy", "privacy_stun_servers": ["stun.example.org"]}),
        "privacy-spec": host_vars({"inputs_role": "privacy", "privacy_log_level": "verbose"}),
    }
    run = playbook_runner(str(ROLES_ALONE), hosts)
    expected = {
        "hostname": ("roles/hostname/tasks/validate.yml", "jitsi_domain"),
        "firewall": ("roles/firewall/tasks/validate.yml", "firewall_extra_ports"),
        "repository": ("roles/repository/tasks/validate.yml", "repository_key_fingerprints"),
        "meet": ("roles/meet/tasks/validate.yml", "meet_version"),
        "certificate": ("roles/certificate/tasks/validate.yml", "certificate_crt_content"),
        "access": ("roles/access/tasks/validate.yml", "access_users"),
        "privacy": ("roles/privacy/tasks/validate.yml", "privacy_stun_servers"),
        "privacy-spec": ("Validating arguments against arg spec", "privacy_log_level"),
    }
    for host, (where, word) in expected.items():
        task, message = failed_in(run, host)
        assert where in task["task"]["path"] or where in task["task"]["name"], (host, task["task"])
        assert word in message, (host, message)
        # Besides the include of the role, the role's includes of its checks.
        ran = [entry for entry, result in run.tasks(host) if entry["task"]["name"] != "Run the role" and "include" not in result]
        assert all(is_validation(entry) for entry in ran), (host, [entry["task"]["name"] for entry in ran])


def test_every_input_has_a_case():
    """Each option of every argument spec has at least one wrong value in cases.yml."""
    cases = load_cases()
    missing = []
    for spec_file in sorted(ROOT.glob("roles/*/meta/argument_specs.yml")):
        role = spec_file.parts[-3]
        options = yaml.safe_load(spec_file.read_text(encoding="utf-8"))["argument_specs"]["main"]["options"]
        for name in options:
            wanted = "privacy_report" if role == "privacy_report" else None
            if role not in SITE_ROLES + ("privacy_report",):
                continue
            if not any(case["input"] == name and case.get("role") == wanted for case in cases):
                missing.append(f"{role}: {name}")
    specs = yaml.safe_load((ROOT / "playbooks" / "meta" / "argument_specs.yml").read_text(encoding="utf-8"))["argument_specs"]
    for playbook, spec in specs.items():
        for name in spec["options"]:
            if not any(case["input"] == name and case.get("role") == playbook for case in cases):
                missing.append(f"{playbook} playbook: {name}")
    assert not missing, "inputs without a wrong-value case in tests/inputs/cases.yml: " + ", ".join(missing)


def test_docs_list_every_case():
    """docs/testing.md shows the table of cases.yml (python tests/inputs/table.py prints it)."""
    docs = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    assert markdown_table(load_cases()) in docs, "docs/testing.md: paste the output of python tests/inputs/table.py"
