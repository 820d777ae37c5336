"""Run the collection's playbooks against throwaway hosts that cannot be changed.

Every host of the generated inventory is this machine reached with
``ansible_connection=local``, without become, and with a Python interpreter
that does not exist: no module can run on it, so a run can only get as far
as the checks Ansible evaluates on the controller (argument specs, asserts).
The runs are in check mode on top of that.  Each case is one host with one
wrong value, so one ``ansible-playbook`` run answers for every case.
"""

import json
import os
import pathlib
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
COLLECTIONS = ROOT / ".cache" / "collections"
ANSIBLE_PLAYBOOK = pathlib.Path(sys.executable).with_name("ansible-playbook")
# No module can run on a host whose interpreter is missing.
NO_INTERPRETER = "/nonexistent/selfhosted-jitsi-inputs/python3"
DOMAIN = "meet.example.org"

# The validation step: the site playbook's checks, the roles' argument specs
# and their validate files.
VALIDATION_PATHS = (
    "playbooks/site.yml",
    "playbooks/tasks/site_checks.yml",
    "/meta/argument_specs.yml",
    "/tasks/validate.yml",
    "/tasks/provided_check.yml",
    "playbooks/tasks/inputs.yml",
)


def load_cases():
    """The table of wrong values (cases.yml)."""
    with open(pathlib.Path(__file__).with_name("cases.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def case_id(case):
    """A readable name for a case, also its host name."""
    return f"{case['input']}-{case['name']}".replace(" ", "-").replace("/", "-")


def host_vars(values, absent=()):
    """Variables of one throwaway host: the machine itself, unchangeable."""
    result = {
        "ansible_connection": "local",
        "ansible_become": False,
        "ansible_python_interpreter": NO_INTERPRETER,
        "jitsi_domain": DOMAIN,
    }
    result.update(values)
    for name in absent:
        result.pop(name, None)
    return result


def is_validation(task):
    """Whether a task of the JSON output belongs to the validation step."""
    path = task["task"].get("path") or ""
    name = task["task"]["name"]
    return ("Validating arguments against arg spec" in name or "the playbook's inputs" in name
            or any(part in path for part in VALIDATION_PATHS))


class Run:
    """One ansible-playbook run, its output read per host."""

    def __init__(self, returncode, output, stderr):
        self.returncode = returncode
        self.output = output
        self.stderr = stderr

    def tasks(self, host):
        """(task, result) pairs of a host, in order."""
        found = []
        for play in self.output["plays"]:
            for task in play["tasks"]:
                if host in task["hosts"]:
                    found.append((task, task["hosts"][host]))
        return found

    def first_failure(self, host):
        """The first failed task of a host and everything it ran before."""
        before = []
        for task, result in self.tasks(host):
            if result.get("failed") or result.get("unreachable"):
                # A loop reports its failed items' messages under results.
                messages = [item.get("msg", "") for item in result.get("results", []) if item.get("failed")]
                if messages:
                    result = dict(result, msg=" ".join(str(message) for message in messages))
                return task, result, before
            before.append((task, result))
        return None, None, before


def run_playbook(workdir, playbook, hosts, args=()):
    """Run a playbook of the collection on throwaway hosts in check mode."""
    workdir = pathlib.Path(workdir)
    inventory = workdir / "inventory.yml"
    inventory.write_text(yaml.safe_dump({"jitsi": {"hosts": hosts}}), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        {
            "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
            "ANSIBLE_STDOUT_CALLBACK": "ansible.posix.json",
            "ANSIBLE_LOCAL_TEMP": str(workdir / "tmp"),
            "ANSIBLE_FORKS": "8",
            "ANSIBLE_RETRY_FILES_ENABLED": "false",
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_DEPRECATION_WARNINGS": "false",
        }
    )
    env.pop("ANSIBLE_CONFIG", None)
    completed = subprocess.run(
        [str(ANSIBLE_PLAYBOOK), "-i", str(inventory), "--check", playbook, *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    try:
        output = json.loads(completed.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"no JSON from ansible-playbook:\n{completed.stdout}\n{completed.stderr}")
    return Run(completed.returncode, output, completed.stderr)


@pytest.fixture(scope="session")
def playbook_runner(tmp_path_factory):
    """Run a playbook in a fresh working directory."""

    def runner(playbook, hosts, args=()):
        return run_playbook(tmp_path_factory.mktemp("run"), playbook, hosts, args)

    return runner
