"""Offline stand-in for the get-pip.py script that ansible-test downloads.

ansible-test bootstraps pip into its sanity virtual environments with a copy of
pip's get-pip.py fetched from a host outside PyPI.  Where only PyPI is
reachable, this script does the same job: it installs the pip wheel bundled
with Python (ensurepip), then lets that pip install what ansible-test asked
for (the pinned pip and friends) from the package index.  It takes the same
arguments as get-pip.py: pip install options plus --no-setuptools/--no-wheel.
"""

import ensurepip
import os
import runpy
import sys

GET_PIP_ONLY_FLAGS = ("--no-setuptools", "--no-wheel")


def main():
    install_args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_FLAGS]
    # ensurepip hides pip's configuration (PIP_CONFIG_FILE=/dev/null) in this
    # process's environment; the install below must see it again (index, CA).
    saved_environment = dict(os.environ)
    ensurepip.bootstrap(upgrade=True)
    os.environ.clear()
    os.environ.update(saved_environment)
    sys.argv = ["pip", "install"] + install_args
    runpy.run_module("pip", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
