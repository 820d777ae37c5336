# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.selfhosted.jitsi.plugins.module_utils.apt_sources import (
    HEADER,
    SourceError,
    apt_update_errors,
    cleanup_deb822,
    cleanup_one_line,
    has_entries,
    list_file_prefixes,
    lists_present,
    normalize_uri,
    parse_deb822,
    parse_one_line,
    plan_cleanup,
    render_deb822,
    render_one_line,
    source_files,
    validate_name,
    validate_source,
)

JITSI = 'https://download.jitsi.org'
KEYRING = '/etc/apt/keyrings/jitsi.gpg'


def valid(**overrides):
    definition = dict(types=['deb'], uris=[JITSI], suites=['stable/'], components=[],
                      architectures=[], signed_by=KEYRING)
    definition.update(overrides)
    return definition


# --- validation -------------------------------------------------------------

@pytest.mark.parametrize('name', ['jitsi-stable', 'prosody_0.12', 'a'])
def test_valid_names(name):
    validate_name(name)


@pytest.mark.parametrize('name', ['', 'a/b', '../x', 'a b', '..', 'jitsi;rm'])
def test_invalid_names(name):
    with pytest.raises(SourceError, match='name must be'):
        validate_name(name)


def test_valid_definitions():
    validate_source(**valid())
    validate_source(**valid(suites=['bookworm', 'bookworm-updates'], components=['main', 'contrib'],
                            architectures=['amd64', 'arm64'], types=['deb', 'deb-src'],
                            uris=['http://deb.debian.org/debian', 'mirror+file:/etc/apt/mirrors.txt'],
                            signed_by=None))


@pytest.mark.parametrize('overrides, message', [
    (dict(suites=['stable/'], components=['main']), 'flat repository that has no components'),
    (dict(suites=['bookworm'], components=[]), 'needs components'),
    (dict(suites=['stable/', 'bookworm'], components=[]), 'mix flat suites'),
    (dict(uris=['ftp://example.org/debian']), "uri 'ftp://example.org/debian' is not supported"),
    (dict(uris=['download.jitsi.org']), 'is not supported'),
    (dict(uris=['https://']), 'is not supported'),
    (dict(uris=[]), 'at least one repository URI'),
    (dict(uris=['https://a b']), 'without spaces'),
    (dict(suites=[]), 'at least one suite'),
    (dict(suites=['sta ble/']), 'without spaces'),
    (dict(types=['rpm']), 'types must be deb or deb-src'),
    (dict(types=[]), 'at least one of'),
    (dict(architectures=['AMD64']), 'not a Debian architecture'),
    (dict(signed_by='keyrings/jitsi.gpg'), 'absolute path'),
])
def test_invalid_definitions(overrides, message):
    with pytest.raises(SourceError, match=message):
        validate_source(**valid(**overrides))


def test_normalize_uri():
    assert normalize_uri('HTTPS://download.jitsi.org/') == JITSI
    assert normalize_uri(' https://download.jitsi.org// ') == JITSI
    assert normalize_uri('https://download.jitsi.org/debian') != JITSI


# --- rendering --------------------------------------------------------------

def test_render_deb822_flat():
    assert render_deb822(['deb'], [JITSI], ['stable/'], [], [], KEYRING, True) == HEADER + (
        'Types: deb\n'
        'URIs: https://download.jitsi.org\n'
        'Suites: stable/\n'
        'Signed-By: /etc/apt/keyrings/jitsi.gpg\n')


def test_render_deb822_full_and_disabled():
    text = render_deb822(['deb', 'deb-src'], ['http://a/debian'], ['bookworm'], ['main', 'contrib'],
                         ['amd64'], None, False)
    stanza = parse_deb822(text)[0].fields
    assert stanza == {'types': 'deb deb-src', 'uris': 'http://a/debian', 'suites': 'bookworm',
                      'components': 'main contrib', 'architectures': 'amd64', 'enabled': 'no'}


def test_render_one_line():
    assert render_one_line(['deb'], [JITSI], ['stable/'], [], [], KEYRING, True) == HEADER + (
        'deb [signed-by=/etc/apt/keyrings/jitsi.gpg] https://download.jitsi.org stable/\n')
    text = render_one_line(['deb', 'deb-src'], ['http://a/debian'], ['bookworm'], ['main'],
                           ['amd64', 'arm64'], None, True)
    assert text == HEADER + ('deb [arch=amd64,arm64] http://a/debian bookworm main\n'
                             'deb-src [arch=amd64,arm64] http://a/debian bookworm main\n')


def test_render_one_line_disabled_is_commented_out():
    text = render_one_line(['deb'], [JITSI], ['stable/'], [], [], None, False)
    assert text == HEADER + '# deb https://download.jitsi.org stable/\n'
    assert not has_entries(text, False)


# --- parsing ----------------------------------------------------------------

def test_parse_one_line_with_options():
    entry = parse_one_line('deb [signed-by=/x arch=amd64,arm64] https://download.jitsi.org stable/\n')
    assert entry.type == 'deb' and entry.uri == JITSI and entry.suite == 'stable/'
    assert entry.components == []
    assert entry.options == {'signed-by': ['/x'], 'arch': ['amd64', 'arm64']}


def test_parse_one_line_spaced_options_and_trailing_comment():
    entry = parse_one_line('deb-src [ arch+=i386 ] http://a/debian bookworm main contrib # note')
    assert entry.type == 'deb-src' and entry.options == {'arch': ['i386']}
    assert entry.components == ['main', 'contrib']


@pytest.mark.parametrize('line', [
    '', '   \n', '# a comment\n', '#deb https://download.jitsi.org stable/\n',
    '# deb https://download.jitsi.org stable/\n', 'deb\n', 'deb https://download.jitsi.org\n',
    'rpm http://x/ y z\n',
])
def test_parse_one_line_ignores_non_entries(line):
    assert parse_one_line(line) is None


def test_parse_deb822_case_blind_keys_comments_and_continuations():
    text = ('# header\n'
            '\n'
            'types: deb\n'
            'URIs: http://a/debian\n'
            '  http://b/debian\n'
            '# inside\n'
            'Suites: bookworm\n'
            'Components: main\n'
            '\n'
            '\n'
            'Types: deb\n'
            'URIs: https://download.jitsi.org\n')
    stanzas = parse_deb822(text)
    assert len(stanzas) == 2
    assert stanzas[0].fields['uris'] == 'http://a/debian http://b/debian'
    assert stanzas[0].field_lines['uris'] == [3, 4]
    assert stanzas[1].fields == {'types': 'deb', 'uris': JITSI}


# --- cleanup ----------------------------------------------------------------

SOURCES_LIST = (
    '# Debian\n'
    'deb http://deb.debian.org/debian bookworm main\n'
    '\n'
    'deb https://download.jitsi.org stable/\n'
    '#deb https://download.jitsi.org stable/\n'
    'deb [signed-by=/usr/share/keyrings/jitsi-keyring.gpg] https://download.jitsi.org/ stable/  \n'
    'deb http://security.debian.org/debian-security bookworm-security main\n'
    'deb https://download.jitsi.org/extra stable/\n'
)


def test_cleanup_one_line_removes_duplicates_and_keeps_everything_else():
    new, removed = cleanup_one_line(SOURCES_LIST, [JITSI])
    assert removed == 2
    assert new == (
        '# Debian\n'
        'deb http://deb.debian.org/debian bookworm main\n'
        '\n'
        '#deb https://download.jitsi.org stable/\n'
        'deb http://security.debian.org/debian-security bookworm-security main\n'
        'deb https://download.jitsi.org/extra stable/\n')


def test_cleanup_one_line_without_match_returns_the_same_text():
    text = 'deb http://deb.debian.org/debian bookworm main'
    assert cleanup_one_line(text, [JITSI]) == (text, 0)


DEB822 = (
    '# Debian and Jitsi\n'
    '\n'
    'Types: deb\n'
    'URIs: http://deb.debian.org/debian\n'
    'Suites: bookworm\n'
    'Components: main\n'
    '\n'
    '# the old jitsi entry\n'
    'Types: deb\n'
    'URIs: https://download.jitsi.org/\n'
    'Suites: stable/\n'
    'Signed-By: /usr/share/keyrings/jitsi-keyring.gpg\n'
    '\n'
    'Types: deb\n'
    'URIs: https://download.jitsi.org http://mirror.example/jitsi\n'
    'Suites: stable/\n'
    '\n'
    'Types: deb\n'
    'URIs: https://download.jitsi.org\n'
    'Suites: unstable/\n'
    'Enabled: no\n'
)


def test_cleanup_deb822_removes_only_the_stanzas_for_that_uri():
    new, removed = cleanup_deb822(DEB822, [JITSI])
    assert removed == 2
    assert new == (
        '# Debian and Jitsi\n'
        '\n'
        'Types: deb\n'
        'URIs: http://deb.debian.org/debian\n'
        'Suites: bookworm\n'
        'Components: main\n'
        '\n'
        '# the old jitsi entry\n'
        '\n'
        'Types: deb\n'
        'URIs: http://mirror.example/jitsi\n'
        'Suites: stable/\n'
        '\n'
        'Types: deb\n'
        'URIs: https://download.jitsi.org\n'
        'Suites: unstable/\n'
        'Enabled: no\n')
    stanzas = parse_deb822(new)
    assert [s.fields.get('uris') for s in stanzas] == [
        'http://deb.debian.org/debian', 'http://mirror.example/jitsi', JITSI]


def test_cleanup_deb822_multiline_uris_field():
    text = ('Types: deb\n'
            'URIs: https://download.jitsi.org\n'
            ' http://mirror.example/jitsi\n'
            'Suites: stable/\n')
    new, removed = cleanup_deb822(text, [JITSI])
    assert removed == 1
    assert new == 'Types: deb\nURIs: http://mirror.example/jitsi\nSuites: stable/\n'


def test_has_entries():
    assert not has_entries('# only\n\n# comments\n', True)
    assert not has_entries('# only\n\n#deb http://a/ b c\n', False)
    assert has_entries(DEB822, True)
    assert has_entries(SOURCES_LIST, False)


def write(path, text):
    path.write_text(text)
    return str(path)


def test_source_files_in_apt_order(tmp_path):
    parts = tmp_path / 'sources.list.d'
    parts.mkdir()
    main = write(tmp_path / 'sources.list', '')
    b_list = write(parts / 'b.list', '')
    a_sources = write(parts / 'a.sources', '')
    write(parts / 'c.list.save', '')
    write(parts / 'd.sources.dpkg-old', '')
    assert source_files(main, str(parts)) == [main, b_list, a_sources]
    assert source_files(str(tmp_path / 'none'), str(parts)) == [b_list, a_sources]


def test_plan_cleanup_skips_managed_file_and_removes_emptied_files(tmp_path):
    parts = tmp_path / 'sources.list.d'
    parts.mkdir()
    main = write(tmp_path / 'sources.list', SOURCES_LIST)
    managed = write(parts / 'jitsi.sources', render_deb822(['deb'], [JITSI], ['stable/'], [], [], KEYRING, True))
    old_list = write(parts / 'jitsi-stable.list', '# added by hand\ndeb https://download.jitsi.org stable/\n')
    unrelated = write(parts / 'other.sources', DEB822.replace('download.jitsi.org', 'example.org'))
    changes = plan_cleanup(source_files(main, str(parts)), [JITSI + '/'], managed)
    assert [change[0] for change in changes] == [main, old_list]
    assert changes[0][2] == cleanup_one_line(SOURCES_LIST, [JITSI])[0]
    assert changes[1] == (old_list, '# added by hand\ndeb https://download.jitsi.org stable/\n', None)
    assert unrelated not in [change[0] for change in changes]


# --- apt lists and apt-get update -----------------------------------------

def test_list_file_prefixes():
    assert list_file_prefixes([JITSI], ['stable/']) == ['download.jitsi.org_stable_']
    assert list_file_prefixes(['http://user:pw@deb.debian.org:8080/debian/'], ['bookworm']) == [
        'deb.debian.org%3a8080_debian_dists_bookworm_']
    assert list_file_prefixes(['file:/srv/mirror'], ['./']) == ['_srv_mirror_._']


def test_lists_present(tmp_path):
    prefixes = list_file_prefixes([JITSI], ['stable/'])
    assert not lists_present(prefixes, str(tmp_path))
    (tmp_path / 'download.jitsi.org_stable_Packages').write_text('')
    assert not lists_present(prefixes, str(tmp_path))
    (tmp_path / 'download.jitsi.org_stable_InRelease').write_text('')
    assert lists_present(prefixes, str(tmp_path))
    assert not lists_present(prefixes, str(tmp_path / 'missing'))


def test_apt_update_errors():
    stdout = ('Hit:1 http://deb.debian.org/debian bookworm InRelease\n'
              'Err:2 https://download.jitsi.org stable/ InRelease\n'
              '  Could not resolve \'download.jitsi.org\'\n'
              'Reading package lists...\n')
    stderr = ('W: Failed to fetch https://download.jitsi.org/stable/InRelease  Could not resolve\n'
              'W: Some index files failed to download. They have been ignored, or old ones used instead.\n')
    problems = apt_update_errors(0, stdout, stderr)
    assert problems[:2] == ['Err:2 https://download.jitsi.org stable/ InRelease',
                            "Could not resolve 'download.jitsi.org'"]
    assert len(problems) == 4
    assert apt_update_errors(0, 'Hit:1 http://x stable/ InRelease\n', '') == []
    assert apt_update_errors(100, '', '') == ['apt-get update exited with status 100']
    assert apt_update_errors(100, '', 'E: The repository is not signed.\n') == ['E: The repository is not signed.']
