# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import stat

import pytest

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.selfhosted.jitsi.plugins.module_utils.apt_sources import HEADER
from ansible_collections.selfhosted.jitsi.plugins.modules import apt_source

JITSI = 'https://download.jitsi.org'
JITSI_SOURCES = HEADER + 'Types: deb\nURIs: https://download.jitsi.org\nSuites: stable/\nSigned-By: %s\n'
MAIN_LIST = ('# See sources.list(5)\n'
             'deb http://deb.debian.org/debian bookworm main\n'
             'deb [signed-by=/usr/share/keyrings/jitsi-keyring.gpg] https://download.jitsi.org stable/\n'
             '#deb https://download.jitsi.org unstable/\n')


@pytest.fixture
def apt(tmp_path, monkeypatch):
    """A private /etc/apt and /var/lib/apt/lists for the module."""
    etc = tmp_path / 'etc-apt'
    parts = etc / 'sources.list.d'
    parts.mkdir(parents=True)
    lists = tmp_path / 'lists'
    lists.mkdir()
    keyring = tmp_path / 'jitsi.gpg'
    keyring.write_bytes(b'key')
    monkeypatch.setattr(apt_source, 'SOURCES_LIST', str(etc / 'sources.list'))
    monkeypatch.setattr(apt_source, 'SOURCES_DIR', str(parts))
    monkeypatch.setattr(apt_source, 'LISTS_DIR', str(lists))
    return dict(main=etc / 'sources.list', parts=parts, lists=lists, keyring=str(keyring))


def jitsi(apt, **extra):
    result = dict(name='jitsi-stable', uris=[JITSI], suites=['stable/'], signed_by=apt['keyring'])
    result.update(extra)
    return result


def snapshot(apt):
    files = {}
    for path in [apt['main']] + sorted(apt['parts'].iterdir()):
        if path.exists():
            files[str(path)] = path.read_bytes()
    return files


def test_writes_deb822_file_and_is_idempotent(run_module, apt):
    failed, result = run_module(apt_source.main, jitsi(apt))
    path = apt['parts'] / 'jitsi-stable.sources'
    assert not failed and result['changed'] and result['path'] == str(path)
    assert path.read_text() == JITSI_SOURCES % apt['keyring'] == result['content']
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert result['cache_updated'] is False and result['cleaned'] == []
    failed, result = run_module(apt_source.main, jitsi(apt))
    assert not failed and not result['changed']


def test_one_line_format(run_module, apt):
    failed, result = run_module(apt_source.main, jitsi(apt, format='one_line', architectures=['amd64']))
    path = apt['parts'] / 'jitsi-stable.list'
    assert path.read_text() == HEADER + 'deb [arch=amd64 signed-by=%s] %s stable/\n' % (apt['keyring'], JITSI)


def test_check_mode_writes_nothing(run_module, apt):
    apt['main'].write_text(MAIN_LIST)
    before = snapshot(apt)
    failed, result = run_module(apt_source.main, jitsi(apt), check_mode=True)
    assert not failed and result['changed'] and result['cleaned'] == [str(apt['main'])]
    assert snapshot(apt) == before
    assert [entry['before_header'] for entry in result['diff']] == [
        str(apt['parts'] / 'jitsi-stable.sources'), str(apt['main'])]


def test_cleanup_keeps_foreign_lines_and_removes_emptied_files(run_module, apt):
    apt['main'].write_text(MAIN_LIST)
    old_list = apt['parts'] / 'jitsi-stable.list'
    old_list.write_text('deb https://download.jitsi.org/ stable/\ndeb https://download.jitsi.org/ stable/\n')
    other = apt['parts'] / 'debian.sources'
    other_text = 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\n'
    other.write_text(other_text)
    failed, result = run_module(apt_source.main, jitsi(apt))
    assert not failed and sorted(result['cleaned']) == sorted([str(apt['main']), str(old_list)])
    assert apt['main'].read_text() == ('# See sources.list(5)\n'
                                       'deb http://deb.debian.org/debian bookworm main\n'
                                       '#deb https://download.jitsi.org unstable/\n')
    assert not old_list.exists()
    assert other.read_text() == other_text
    failed, result = run_module(apt_source.main, jitsi(apt))
    assert not result['changed'] and result['cleaned'] == []


def test_cleanup_can_be_turned_off(run_module, apt):
    apt['main'].write_text(MAIN_LIST)
    failed, result = run_module(apt_source.main, jitsi(apt, cleanup=False))
    assert result['cleaned'] == [] and apt['main'].read_text() == MAIN_LIST


@pytest.mark.parametrize('extra, message', [
    (dict(components=['main']), 'flat repository that has no components'),
    (dict(suites=['bookworm']), 'needs components'),
    (dict(uris=['ftp://download.jitsi.org']), 'is not supported'),
    (dict(signed_by='/nonexistent/jitsi.gpg'), 'does not exist on the managed host'),
    (dict(name='jitsi/stable'), 'name must be'),
    (dict(uris=[]), 'at least one repository URI'),
])
def test_bad_definitions_leave_every_file_alone(run_module, apt, extra, message):
    apt['main'].write_text(MAIN_LIST)
    run_module(apt_source.main, jitsi(apt))
    before = snapshot(apt)
    for check_mode in (True, False):
        failed, result = run_module(apt_source.main, jitsi(apt, **extra), check_mode=check_mode)
        assert failed and message in result['msg']
        assert snapshot(apt) == before


def fake_apt_get(monkeypatch, rc, stdout='', stderr=''):
    calls = []

    def run_command(self, command, **kwargs):
        calls.append((command, dict((path, open(path).read()) for path in [command[3].split('=', 1)[1]])))
        return rc, stdout, stderr

    monkeypatch.setattr(AnsibleModule, 'get_bin_path', lambda self, name, required=False, opt_dirs=None: '/usr/bin/' + name)
    monkeypatch.setattr(AnsibleModule, 'run_command', run_command)
    return calls


def test_update_cache_refreshes_only_this_source(run_module, apt, monkeypatch):
    calls = fake_apt_get(monkeypatch, 0, 'Get:1 https://download.jitsi.org stable/ InRelease\n')
    failed, result = run_module(apt_source.main, jitsi(apt, update_cache=True))
    path = str(apt['parts'] / 'jitsi-stable.sources')
    assert not failed and result['cache_updated']
    command, seen = calls[0]
    assert command == ['/usr/bin/apt-get', 'update', '-o', 'Dir::Etc::sourcelist=%s' % path,
                       '-o', 'Dir::Etc::sourceparts=-', '-o', 'APT::Get::List-Cleanup=0']
    assert seen[path] == JITSI_SOURCES % apt['keyring']


def test_update_cache_runs_when_lists_are_missing_and_not_after(run_module, apt, monkeypatch):
    calls = fake_apt_get(monkeypatch, 0)
    run_module(apt_source.main, jitsi(apt))
    failed, result = run_module(apt_source.main, jitsi(apt, update_cache=True))
    assert result['changed'] and result['cache_updated'] and len(calls) == 1
    (apt['lists'] / 'download.jitsi.org_stable_InRelease').write_text('')
    failed, result = run_module(apt_source.main, jitsi(apt, update_cache=True))
    assert not result['changed'] and not result['cache_updated'] and len(calls) == 1


def test_failed_update_restores_every_file(run_module, apt, monkeypatch):
    apt['main'].write_text(MAIN_LIST + 'deb http://mirror.example/ stable/\n')
    run_module(apt_source.main, jitsi(apt, cleanup=False))
    before = snapshot(apt)
    fake_apt_get(monkeypatch, 100, 'Err:1 http://mirror.example stable/ InRelease\n  404  Not Found\n',
                 'E: The repository \'http://mirror.example stable/ Release\' does not have a Release file.\n')
    failed, result = run_module(apt_source.main, jitsi(apt, uris=['http://mirror.example'], update_cache=True))
    assert failed and 'does not have a Release file' in result['msg'] and '404  Not Found' in result['msg']
    assert snapshot(apt) == before


def test_failed_update_of_a_new_source_removes_it(run_module, apt, monkeypatch):
    fake_apt_get(monkeypatch, 0, '', 'W: GPG error: https://download.jitsi.org stable/ InRelease: NO_PUBKEY B4D2D216F1FD7806\n')
    failed, result = run_module(apt_source.main, jitsi(apt, update_cache=True))
    assert failed and 'NO_PUBKEY' in result['msg']
    assert list(apt['parts'].iterdir()) == []


def test_check_mode_never_updates(run_module, apt, monkeypatch):
    calls = fake_apt_get(monkeypatch, 0)
    failed, result = run_module(apt_source.main, jitsi(apt, update_cache=True), check_mode=True)
    assert result['changed'] and not result['cache_updated'] and calls == []


def test_disabled_source(run_module, apt, monkeypatch):
    calls = fake_apt_get(monkeypatch, 0)
    failed, result = run_module(apt_source.main, jitsi(apt, enabled=False, update_cache=True))
    assert result['content'].endswith('Enabled: no\n') and calls == []


def test_absent_removes_file_and_other_entries(run_module, apt):
    run_module(apt_source.main, jitsi(apt))
    apt['main'].write_text(MAIN_LIST)
    failed, result = run_module(apt_source.main, dict(name='jitsi-stable', uris=[JITSI], state='absent'),
                                check_mode=True)
    assert result['changed'] and (apt['parts'] / 'jitsi-stable.sources').exists()
    failed, result = run_module(apt_source.main, dict(name='jitsi-stable', uris=[JITSI], state='absent'))
    assert not failed and result['changed'] and result['cleaned'] == [str(apt['main'])]
    assert not (apt['parts'] / 'jitsi-stable.sources').exists()
    assert 'download.jitsi.org stable/' not in apt['main'].read_text()
    failed, result = run_module(apt_source.main, dict(name='jitsi-stable', uris=[JITSI], state='absent'))
    assert not result['changed']
