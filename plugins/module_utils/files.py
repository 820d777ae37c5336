# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""File handling shared by the apt modules: apt must never read a half-written file."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import tempfile


def read_bytes(path):
    """The content of path, or None when it cannot be read."""
    try:
        with open(path, 'rb') as handle:
            return handle.read()
    except (IOError, OSError):
        return None


def write_atomic(module, path, data, mode=None):
    """Replace path with data through a temporary file in the same directory.

    Without mode, an existing file keeps its mode; a new one gets 0644.
    """
    handle, temp_path = tempfile.mkstemp(prefix='.%s.' % os.path.basename(path), suffix='.tmp',
                                         dir=os.path.dirname(path))
    try:
        # Readable from the start: apt checks signatures as the unprivileged _apt user.
        os.fchmod(handle, mode if mode is not None else 0o644)
        with os.fdopen(handle, 'wb') as temp_file:
            temp_file.write(data)
        module.atomic_move(temp_path, path)
    finally:
        if os.path.exists(temp_path):
            os.unlink(temp_path)
    if mode is not None:
        os.chmod(path, mode)


def files_in(main_file, directory, patterns):
    """main_file when it exists, then the files matching each pattern in directory, sorted."""
    paths = [main_file] if os.path.isfile(main_file) else []
    for pattern in patterns:
        paths.extend(sorted(path for path in glob.glob(os.path.join(directory, pattern))
                            if os.path.isfile(path)))
    return paths
