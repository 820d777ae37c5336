# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Validate, render and clean apt source entries (one-line and deb822)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re
from collections import namedtuple

from ansible_collections.selfhosted.jitsi.plugins.module_utils.files import files_in

SOURCES_LIST = '/etc/apt/sources.list'
SOURCES_DIR = '/etc/apt/sources.list.d'
LISTS_DIR = '/var/lib/apt/lists'

NAME_PATTERN = re.compile(r'^[A-Za-z0-9_.-]+$')
TYPES = ('deb', 'deb-src')
URI_SCHEMES = ('http', 'https', 'file', 'copy', 'mirror', 'mirror+http', 'mirror+https',
               'mirror+file', 'tor+http', 'tor+https')
ARCH_PATTERN = re.compile(r'^[a-z0-9][a-z0-9-]*$')
HEADER = '# Written by selfhosted.jitsi.apt_source; changes made here are replaced on its next run.\n'

OneLineEntry = namedtuple('OneLineEntry', ['type', 'options', 'uri', 'suite', 'components'])
Stanza = namedtuple('Stanza', ['fields', 'field_lines'])


class SourceError(ValueError):
    """An apt source definition that apt would reject or misread."""


def validate_name(name):
    if not NAME_PATTERN.match(name or '') or name in ('.', '..'):
        raise SourceError('name must be letters, digits, "_", "." or "-" only (it becomes the file '
                          'name), found %r' % name)


def uri_scheme(uri):
    match = re.match(r'^([A-Za-z][A-Za-z0-9+.-]*):', uri)
    return match.group(1).lower() if match else None


def normalize_uri(uri):
    """Compare URIs as apt does in practice: case-blind scheme, no trailing slash."""
    uri = uri.strip()
    scheme = uri_scheme(uri)
    if scheme:
        uri = scheme + uri[len(scheme):]
    return uri.rstrip('/')


def _no_spaces(kind, values):
    for value in values:
        if not value or re.search(r'\s', value):
            raise SourceError('each of %s must be a non-empty word without spaces, found %r' % (kind, value))


def validate_source(types, uris, suites, components, architectures, signed_by):
    """Raise SourceError for a definition apt would reject or misread."""
    if not types:
        raise SourceError('types must name at least one of %s' % ', '.join(TYPES))
    for kind in types:
        if kind not in TYPES:
            raise SourceError('types must be %s, found %r' % (' or '.join(TYPES), kind))
    if not uris:
        raise SourceError('uris must list at least one repository URI, e.g. https://download.jitsi.org')
    _no_spaces('uris', uris)
    for uri in uris:
        scheme = uri_scheme(uri)
        if scheme not in URI_SCHEMES or not uri.split(':', 1)[1].strip('/'):
            raise SourceError('uri %r is not supported: expected a URI starting with one of %s'
                              % (uri, ', '.join(s + ':' for s in URI_SCHEMES)))
    if not suites:
        raise SourceError('suites must list at least one suite, e.g. bookworm, or stable/ for a '
                          'flat repository')
    _no_spaces('suites', suites)
    _no_spaces('components', components)
    flat = [suite for suite in suites if suite.endswith('/')]
    if flat and components:
        raise SourceError('suite %r ends in "/", which makes it a flat repository that has no '
                          'components, but components %s were given: drop the components or the '
                          'trailing "/"' % (flat[0], ', '.join(components)))
    if flat and len(flat) != len(suites):
        raise SourceError('suites %s mix flat suites (ending in "/") with others; put them in two '
                          'sources' % ', '.join(suites))
    if not flat and not components:
        raise SourceError('suite %r needs components (e.g. main); a suite without components must '
                          'end in "/" (a flat repository such as stable/)' % suites[0])
    for arch in architectures:
        if not ARCH_PATTERN.match(arch):
            raise SourceError('architecture %r is not a Debian architecture name such as amd64' % arch)
    if signed_by is not None and not os.path.isabs(signed_by):
        raise SourceError('signed_by must be an absolute path to a keyring file, found %r' % signed_by)


def render_deb822(types, uris, suites, components, architectures, signed_by, enabled):
    lines = [
        'Types: %s' % ' '.join(types),
        'URIs: %s' % ' '.join(uris),
        'Suites: %s' % ' '.join(suites),
    ]
    if components:
        lines.append('Components: %s' % ' '.join(components))
    if architectures:
        lines.append('Architectures: %s' % ' '.join(architectures))
    if signed_by:
        lines.append('Signed-By: %s' % signed_by)
    if not enabled:
        lines.append('Enabled: no')
    return HEADER + '\n'.join(lines) + '\n'


def render_one_line(types, uris, suites, components, architectures, signed_by, enabled):
    options = []
    if architectures:
        options.append('arch=%s' % ','.join(architectures))
    if signed_by:
        options.append('signed-by=%s' % signed_by)
    prefix = '' if enabled else '# '
    lines = []
    for kind in types:
        for uri in uris:
            for suite in suites:
                words = [kind]
                if options:
                    words.append('[%s]' % ' '.join(options))
                words.extend([uri, suite])
                words.extend(components)
                lines.append(prefix + ' '.join(words))
    return HEADER + '\n'.join(lines) + '\n'


def parse_one_line(line):
    """Parse one sources.list line; None for comments, blanks and lines apt would reject."""
    text = line.split('#', 1)[0].strip()
    if not text:
        return None
    match = re.match(r'^([A-Za-z-]+)\s*(?:\[([^\]]*)\])?\s*(.*)$', text)
    if not match or match.group(1) not in TYPES:
        return None
    options = {}
    for option in (match.group(2) or '').split():
        key, sep, value = option.partition('=')
        if sep:
            key = key.rstrip('+-')
            options[key] = value.split(',')
    words = match.group(3).split()
    if len(words) < 2:
        return None
    return OneLineEntry(match.group(1), options, words[0], words[1], words[2:])


def parse_deb822(text):
    """Split deb822 text into stanzas of fields, remembering each field's lines.

    Field names are compared case-blind, as apt does.
    """
    stanzas = []
    fields = {}
    field_lines = {}
    current = None
    for index, line in enumerate(text.splitlines(True)):
        if not line.strip():
            if fields:
                stanzas.append(Stanza(fields, field_lines))
            fields, field_lines, current = {}, {}, None
            continue
        if line.startswith('#'):
            continue
        if line[0] in ' \t':
            if current is not None:
                fields[current] += ' ' + line.strip()
                field_lines[current].append(index)
            continue
        key, sep, value = line.partition(':')
        if not sep:
            current = None
            continue
        current = key.strip().lower()
        fields[current] = value.strip()
        field_lines[current] = [index]
    if fields:
        stanzas.append(Stanza(fields, field_lines))
    return stanzas


def stanza_enabled(stanza):
    return stanza.fields.get('enabled', 'yes').strip().lower() not in ('no', 'false', '0')


def _is_entry_text(text):
    return any(parse_one_line(line) for line in text.splitlines())


def has_entries(text, deb822):
    if deb822:
        return any('uris' in stanza.fields for stanza in parse_deb822(text))
    return _is_entry_text(text)


def cleanup_one_line(text, uris):
    """Drop the active entries for uris; every other line stays byte for byte."""
    wanted = set(normalize_uri(uri) for uri in uris)
    kept = []
    removed = 0
    for line in text.splitlines(True):
        entry = parse_one_line(line)
        if entry is not None and normalize_uri(entry.uri) in wanted:
            removed += 1
            continue
        kept.append(line)
    return ''.join(kept), removed


def cleanup_deb822(text, uris):
    """Drop the URIs from enabled stanzas, and stanzas left without URIs.

    Comments and blank lines stay where they are, so neighbouring stanzas
    keep their separators.
    """
    wanted = set(normalize_uri(uri) for uri in uris)
    lines = text.splitlines(True)
    drop = set()
    replace = {}
    removed = 0
    for stanza in parse_deb822(text):
        if 'uris' not in stanza.fields or not stanza_enabled(stanza):
            continue
        stanza_uris = stanza.fields['uris'].split()
        remaining = [uri for uri in stanza_uris if normalize_uri(uri) not in wanted]
        if len(remaining) == len(stanza_uris):
            continue
        removed += 1
        if remaining:
            uri_lines = stanza.field_lines['uris']
            original = lines[uri_lines[0]]
            key = original.split(':', 1)[0]
            ending = '\n' if original.endswith('\n') else ''
            replace[uri_lines[0]] = '%s: %s%s' % (key, ' '.join(remaining), ending)
            drop.update(uri_lines[1:])
        else:
            for indexes in stanza.field_lines.values():
                drop.update(indexes)
    result = []
    for index, line in enumerate(lines):
        if index in drop:
            continue
        result.append(replace.get(index, line))
    return ''.join(result), removed


def source_files(sources_list=SOURCES_LIST, sources_dir=SOURCES_DIR):
    """The files apt reads entries from, in apt's order."""
    return files_in(sources_list, sources_dir, ('*.list', '*.sources'))


def plan_cleanup(paths, uris, managed_path):
    """Return [(path, old_text, new_text or None to delete)] for files that change."""
    changes = []
    for path in paths:
        if os.path.abspath(path) == os.path.abspath(managed_path):
            continue
        with open(path, 'rb') as handle:
            old = handle.read().decode('utf-8', 'surrogateescape')
        deb822 = path.endswith('.sources')
        if deb822:
            new, removed = cleanup_deb822(old, uris)
        else:
            new, removed = cleanup_one_line(old, uris)
        if not removed:
            continue
        changes.append((path, old, new if has_entries(new, deb822) else None))
    return changes


def _quote_list_name(text):
    return text.replace('%', '%25').replace('_', '%5f').replace(':', '%3a').replace('/', '_')


def list_file_prefixes(uris, suites):
    """Beginnings of the file names apt gives this source's lists in LISTS_DIR."""
    prefixes = []
    for uri in uris:
        rest = uri.split(':', 1)[1] if uri_scheme(uri) else uri
        if rest.startswith('//'):
            rest = re.sub(r'^[^/@]*@', '', rest[2:])
        rest = rest.rstrip('/')
        for suite in suites:
            if suite.endswith('/'):
                path = '%s/%s' % (rest, suite.rstrip('/')) if suite.rstrip('/') else rest
            else:
                path = '%s/dists/%s' % (rest, suite)
            prefixes.append(_quote_list_name(path) + '_')
    return prefixes


def lists_present(prefixes, lists_dir=LISTS_DIR):
    """True when every source already has a Release file in apt's lists."""
    try:
        names = os.listdir(lists_dir)
    except OSError:
        return False
    for prefix in prefixes:
        if not any(name.startswith(prefix) and name.endswith('Release') for name in names):
            return False
    return True


def apt_update_errors(rc, stdout, stderr):
    """The lines of an apt-get update run that show it did not work."""
    problems = []
    follow = False
    for line in (stdout or '').splitlines() + (stderr or '').splitlines():
        if line.startswith(('E:', 'Err:', 'W: GPG error', 'W: Failed to fetch',
                            'W: Some index files failed', 'W: The repository')):
            problems.append(line.strip())
            follow = line.startswith('Err:')
        elif follow and line.startswith(' '):
            problems.append(line.strip())
        else:
            follow = False
    if rc != 0 and not problems:
        problems.append('apt-get update exited with status %d' % rc)
    return problems
