"""What several scenarios' tests share: each host's inventory variables and
domain as fixtures, the scenario's folder, and playbook runs against the
scenario's inventory.  A conftest imports the fixtures by name."""

import os
import pathlib
import subprocess

import pytest


@pytest.fixture()
def hostvars(host):
    return host.ansible.get_variables()


@pytest.fixture()
def domain(hostvars):
    return hostvars["jitsi_domain"]


def scenario_dir():
    """The scenario's folder: Molecule names it; a direct pytest run starts in it."""
    return pathlib.Path(os.environ.get("MOLECULE_SCENARIO_DIRECTORY") or pathlib.Path.cwd())


def run_playbook(playbook, *extra):
    """ansible-playbook against the scenario's inventory; returns the CompletedProcess."""
    return subprocess.run(
        ["ansible-playbook", "-i", os.environ["MOLECULE_INVENTORY_FILE"], str(playbook), *extra],
        capture_output=True, text=True, check=False,
    )
