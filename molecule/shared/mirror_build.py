"""What the controller's build of the test mirror holds, for the scenarios'
tests: the signing key's fingerprints and the package sets of each
jitsi-meet version it serves."""

import os
import pathlib


def project_dir():
    """The collection's checkout the scenario runs from."""
    return pathlib.Path(os.environ.get("SELFHOSTED_JITSI_ROOT") or os.environ["MOLECULE_PROJECT_DIRECTORY"])


def read_mirror():
    """{fingerprint, other_fingerprint, versions, newest, sets}: sets maps each
    jitsi-meet version to {package: version} of the packages released with it."""
    path = project_dir() / ".cache" / "mirror" / "current"
    versions = (path / "jitsi-meet-versions").read_text().split()
    sets = {
        version: dict(line.split("=", 1) for line in (path / "package-sets" / version).read_text().split())
        for version in versions
    }
    return {
        "fingerprint": (path / "fingerprint").read_text().strip(),
        "other_fingerprint": (path / "other-fingerprint").read_text().strip(),
        "versions": versions,
        "newest": versions[-1],
        "sets": sets,
    }
