# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import stat

import pytest

from ansible_collections.selfhosted.jitsi.plugins.module_utils.files import files_in, read_bytes, write_atomic


class RenamingModule(object):
    """Moves files the way AnsibleModule.atomic_move does at its core: one rename."""

    def __init__(self, fail=False):
        self.fail = fail
        self.moves = []

    def atomic_move(self, src, dest):
        self.moves.append((src, dest))
        if self.fail:
            raise OSError('disk full')
        os.rename(src, dest)


def test_read_bytes(tmp_path):
    (tmp_path / 'a').write_bytes(b'\x00\xff')
    assert read_bytes(str(tmp_path / 'a')) == b'\x00\xff'
    assert read_bytes(str(tmp_path / 'missing')) is None


def test_write_atomic_goes_through_a_temporary_file_in_the_same_directory(tmp_path):
    module = RenamingModule()
    target = tmp_path / 'jitsi.gpg'
    write_atomic(module, str(target), b'key', 0o640)
    assert target.read_bytes() == b'key'
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    (src, dest), = module.moves
    assert os.path.dirname(src) == str(tmp_path) and dest == str(target)
    assert os.listdir(str(tmp_path)) == ['jitsi.gpg']


def test_write_atomic_gives_new_files_0644(tmp_path):
    target = tmp_path / 'x.sources'
    write_atomic(RenamingModule(), str(target), b'Types: deb\n')
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_failed_move_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / 'jitsi.gpg'
    target.write_bytes(b'old')
    with pytest.raises(OSError):
        write_atomic(RenamingModule(fail=True), str(target), b'new', 0o644)
    assert target.read_bytes() == b'old'
    assert os.listdir(str(tmp_path)) == ['jitsi.gpg']


def test_files_in(tmp_path):
    (tmp_path / 'd').mkdir()
    for name in ('b.list', 'a.list', 'c.sources', 'e.txt'):
        (tmp_path / 'd' / name).write_text('')
    (tmp_path / 'main').write_text('')
    directory = str(tmp_path / 'd')
    assert files_in(str(tmp_path / 'main'), directory, ('*.sources', '*.list')) == [
        str(tmp_path / 'main'), os.path.join(directory, 'c.sources'),
        os.path.join(directory, 'a.list'), os.path.join(directory, 'b.list')]
    assert files_in(str(tmp_path / 'none'), directory, ('*.txt',)) == [os.path.join(directory, 'e.txt')]
