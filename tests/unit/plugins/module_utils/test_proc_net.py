# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
import os

import pytest

from ansible_collections.selfhosted.jitsi.plugins.module_utils.proc_net import (
    PortSpec,
    PortSpecError,
    ProcNetError,
    Socket,
    conflicts,
    covers,
    decode_address,
    describe,
    is_bound,
    parse_port_spec,
    parse_proc_net,
    port_status,
    problem,
    read_sockets,
    socket_owners,
)

HEADER = ('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt'
          '   uid  timeout inode\n')
TCP = HEADER + (
    '   0: 0100007F:14B0 00000000:0000 0A 00000000:00000000 00:00000000 00000000   107        0 2001 1 0 100 0 0 10 0\n'
    '   1: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2002 1 0 100 0 0 10 0\n'
    '   2: 0100007F:0050 0200007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 2003 1 0 20 4 30 10 -1\n'
)
TCP6 = HEADER + (
    '   0: 00000000000000000000000000000000:01BB 00000000000000000000000000000000:0000 0A'
    ' 00000000:00000000 00:00000000 00000000     0        0 3001 1 0 100 0 0 10 0\n'
    '   1: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A'
    ' 00000000:00000000 00:00000000 00000000     0        0 3002 1 0 100 0 0 10 0\n'
)
UDP = HEADER + (
    ' 1000: 00000000:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000   999        0 4001 2 0 0\n'
    ' 1001: 0100007F:0035 0100007F:A000 01 00000000:00000000 00:00000000 00000000     0        0 4002 2 0 0\n'
)


def ip(text):
    return ipaddress.ip_address(text)


def spec(port, proto='tcp', address=None):
    return PortSpec(port, proto, ip(address) if address else None)


# --- decoding -------------------------------------------------------------

def test_decode_ipv4_little_endian():
    assert decode_address('0100007F') == ip('127.0.0.1')
    assert decode_address('0A00A8C0') == ip('192.168.0.10')


def test_decode_ipv6_as_four_little_endian_words():
    assert decode_address('00000000000000000000000001000000') == ip('::1')
    assert decode_address('B80D0120000000000000000001000000') == ip('2001:db8::1')


def test_decode_ipv4_mapped_ipv6():
    assert decode_address('0000000000000000FFFF00000100007F') == ip('::ffff:127.0.0.1')


@pytest.mark.parametrize('text', ['0100007', 'ZZ00007F', '01000000FF'])
def test_decode_refuses_malformed_addresses(text):
    with pytest.raises(ProcNetError):
        decode_address(text)


def test_parse_tables():
    tcp = parse_proc_net(TCP, 'tcp')
    assert tcp[0] == Socket('tcp', ip('127.0.0.1'), 5296, 0x0A, 2001)
    assert [(s.address, s.port, is_bound(s)) for s in tcp] == [
        (ip('127.0.0.1'), 5296, True), (ip('0.0.0.0'), 80, True), (ip('127.0.0.1'), 80, False)]
    tcp6 = parse_proc_net(TCP6, 'tcp')
    assert [(s.address, s.port) for s in tcp6] == [(ip('::'), 443), (ip('127.0.0.1'), 8080)]
    udp = parse_proc_net(UDP, 'udp')
    assert [(s.port, is_bound(s)) for s in udp] == [(10000, True), (53, False)]


def test_parse_skips_header_and_blank_lines():
    assert parse_proc_net(HEADER + '\n', 'tcp') == []


@pytest.mark.parametrize('line', [
    '   0: 0100007F:14B0 00000000:0000 0A',
    '   0: 0100007F14B0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1',
    '   0: 0100007F:14B0 00000000:0000 XX 00000000:00000000 00:00000000 00000000 0 0 1 1',
    '   0: 0100007F:14B0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 abc 1',
    'garbage 0100007F:14B0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1',
])
def test_parse_refuses_malformed_lines(line):
    with pytest.raises(ProcNetError):
        parse_proc_net(HEADER + line + '\n', 'tcp')


# --- port specs -------------------------------------------------------------

@pytest.mark.parametrize('value, expected', [
    ('443', spec(443)),
    (443, spec(443)),
    ('10000/udp', spec(10000, 'udp')),
    ('10000/UDP', spec(10000, 'udp')),
    ('127.0.0.1:5280/tcp', spec(5280, 'tcp', '127.0.0.1')),
    ('[::1]:5280/tcp', spec(5280, 'tcp', '::1')),
    ('[::ffff:10.0.0.1]:80', spec(80, 'tcp', '10.0.0.1')),
    ({'port': 3478, 'proto': 'udp'}, spec(3478, 'udp')),
    ({'port': '5222', 'address': '0.0.0.0'}, spec(5222, 'tcp', '0.0.0.0')),
])
def test_parse_port_spec(value, expected):
    assert parse_port_spec(value) == expected


@pytest.mark.parametrize('value, message', [
    ('0', 'out of range'),
    ('65536', 'out of range'),
    ('http', 'not a number'),
    ('80/sctp', 'not supported'),
    ('localhost:80', 'not an IP address'),
    ('1.2.3.4:80:90', 'not understood'),
    ({'port': 80, 'protocol': 'tcp'}, 'unknown keys protocol'),
    ({'proto': 'tcp'}, 'not a number'),
])
def test_parse_port_spec_errors(value, message):
    with pytest.raises(PortSpecError, match=message):
        parse_port_spec(value)


# --- address semantics ------------------------------------------------------

@pytest.mark.parametrize('bound, wanted, expected', [
    ('0.0.0.0', None, True),
    ('0.0.0.0', '10.0.0.1', True),
    ('0.0.0.0', '0.0.0.0', True),
    ('0.0.0.0', '::1', False),
    ('::', '10.0.0.1', True),
    ('::', '::1', True),
    ('::', '0.0.0.0', True),
    ('127.0.0.1', '127.0.0.1', True),
    ('127.0.0.1', '10.0.0.1', False),
    ('127.0.0.1', '0.0.0.0', False),
    ('::1', '::', False),
])
def test_covers(bound, wanted, expected):
    assert covers(ip(bound), ip(wanted) if wanted else None) is expected


@pytest.mark.parametrize('bound, wanted, expected', [
    ('127.0.0.1', '0.0.0.0', True),
    ('127.0.0.1', '::', True),
    ('::1', '::', True),
    ('::1', '0.0.0.0', False),
    ('127.0.0.1', '10.0.0.1', False),
    ('0.0.0.0', '10.0.0.1', True),
])
def test_conflicts(bound, wanted, expected):
    assert conflicts(ip(bound), ip(wanted)) is expected


# --- status and messages ----------------------------------------------------

SOCKETS = parse_proc_net(TCP, 'tcp') + parse_proc_net(TCP6, 'tcp') + parse_proc_net(UDP, 'udp')
OWNERS = {2002: (123, 'apache2'), 4001: (456, 'jvb')}


def test_free_port_reports_the_process_holding_it():
    status = port_status(spec(80), SOCKETS, OWNERS)
    assert status['listening'] and status['in_use']
    assert (status['pid'], status['process'], status['addresses']) == (123, 'apache2', ['0.0.0.0'])
    assert problem(status, 'free') == ('80/tcp is in use by apache2 (pid 123) on 0.0.0.0; '
                                       'stop or remove it before installing Jitsi')
    assert problem(status, 'listening') is None


def test_connected_socket_does_not_count_as_listening():
    sockets = [s for s in SOCKETS if s.inode != 2002]
    status = port_status(spec(80), sockets, OWNERS)
    assert not status['listening'] and not status['in_use'] and status['addresses'] == []
    assert problem(status, 'listening') == '80/tcp is not listening on any address'
    assert problem(status, 'free') is None


def test_udp_bound_socket_and_unknown_owner():
    status = port_status(spec(10000, 'udp'), SOCKETS, {})
    assert status['listening'] and status['pid'] is None
    assert 'in use by a process this user may not inspect on 0.0.0.0' in problem(status, 'free')
    assert port_status(spec(10000, 'tcp'), SOCKETS, OWNERS)['listening'] is False


def test_specific_address_not_served_by_loopback_listener():
    status = port_status(spec(5296, 'tcp', '10.0.0.1'), SOCKETS, OWNERS)
    assert not status['listening'] and not status['in_use']
    assert problem(status, 'listening') == ('10.0.0.1:5296/tcp is not served: sockets on that port '
                                            'are bound to 127.0.0.1 only')
    assert port_status(spec(5296, 'tcp', '127.0.0.1'), SOCKETS, OWNERS)['listening']


def test_ipv6_wildcard_covers_ipv4_and_mapped_counts_as_ipv4():
    assert port_status(spec(443, 'tcp', '192.0.2.7'), SOCKETS, OWNERS)['listening']
    mapped = port_status(spec(8080, 'tcp', '127.0.0.1'), SOCKETS, OWNERS)
    assert mapped['listening'] and mapped['addresses'] == ['127.0.0.1']


def test_describe_brackets_ipv6():
    status = port_status(spec(5280, 'tcp', '::1'), SOCKETS, OWNERS)
    assert describe(status) == '[::1]:5280/tcp'


# --- reading /proc ----------------------------------------------------------

def make_proc(root):
    net = root / 'net'
    net.mkdir()
    (net / 'tcp').write_text(TCP)
    (net / 'udp').write_text(UDP)
    for pid, name, inodes in (('123', 'apache2', [2002, 9999]), ('456', 'jvb', [4001])):
        fd_dir = root / pid / 'fd'
        fd_dir.mkdir(parents=True)
        (root / pid / 'comm').write_text(name + '\n')
        for number, inode in enumerate(inodes):
            os.symlink('socket:[%d]' % inode, str(fd_dir / str(number + 3)))
        os.symlink('/dev/null', str(fd_dir / '0'))
    (root / '789').mkdir()
    (root / 'self').mkdir()
    return str(root)


def test_read_sockets_from_a_proc_tree_without_ipv6(tmp_path):
    proc = make_proc(tmp_path)
    sockets = read_sockets(proc)
    assert sorted(s.inode for s in sockets) == [2001, 2002, 2003, 4001, 4002]


def test_socket_owners_from_fd_links(tmp_path):
    proc = make_proc(tmp_path)
    assert socket_owners([2002, 4001, 2001], proc) == {2002: (123, 'apache2'), 4001: (456, 'jvb')}
    assert socket_owners([], proc) == {}


def test_socket_owners_of_this_process():
    import socket
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        server.bind(('127.0.0.1', 0))
        server.listen(1)
        port = server.getsockname()[1]
        sockets = read_sockets()
        mine = [s for s in sockets if s.port == port and is_bound(s)]
        assert len(mine) == 1
        owners = socket_owners([mine[0].inode])
        assert owners[mine[0].inode][0] == os.getpid()
    finally:
        server.close()
