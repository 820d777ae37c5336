# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import socket

import pytest

from ansible_collections.selfhosted.jitsi.plugins.modules import port_check


@pytest.fixture
def tcp_listener():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(('127.0.0.1', 0))
    server.listen(1)
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def udp_socket():
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(('0.0.0.0', 0))
    yield server.getsockname()[1]
    server.close()


def unused_port(kind=socket.SOCK_STREAM):
    probe = socket.socket(socket.AF_INET, kind)
    probe.bind(('127.0.0.1', 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def test_listening_ports_pass_and_name_their_owner(run_module, tcp_listener, udp_socket):
    failed, result = run_module(port_check.main, dict(ports=[str(tcp_listener), '%d/udp' % udp_socket]))
    assert not failed and result['changed'] is False
    tcp, udp = result['ports']
    assert (tcp['port'], tcp['proto'], tcp['listening'], tcp['addresses']) == (tcp_listener, 'tcp', True, ['127.0.0.1'])
    assert tcp['pid'] == os.getpid() and tcp['process']
    assert (udp['proto'], udp['listening'], udp['addresses']) == ('udp', True, ['0.0.0.0'])
    assert 'holder_address' not in tcp


def test_free_preflight_fails_naming_the_process(run_module, tcp_listener):
    failed, result = run_module(port_check.main, dict(ports=[{'port': tcp_listener}], state='free'))
    assert failed
    assert result['msg'].startswith('%d/tcp is in use by %s (pid %d) on 127.0.0.1; stop or remove it'
                                    % (tcp_listener, result['ports'][0]['process'], os.getpid()))


def test_free_ports_pass(run_module):
    port = unused_port()
    failed, result = run_module(port_check.main, dict(ports=['%d/tcp' % port, '%d/udp' % port], state='free'))
    assert not failed and [entry['listening'] for entry in result['ports']] == [False, False]


def test_address_that_the_listener_does_not_serve(run_module, tcp_listener):
    failed, result = run_module(port_check.main, dict(ports=['0.0.0.0:%d' % tcp_listener]))
    assert failed and 'bound to 127.0.0.1 only' in result['msg']
    failed, result = run_module(port_check.main, dict(ports=['127.0.0.1:%d' % tcp_listener]))
    assert not failed


def test_missing_listener_fails_after_timeout(run_module):
    port = unused_port()
    failed, result = run_module(port_check.main, dict(ports=[str(port)], timeout=1))
    assert failed and result['msg'] == '%d/tcp is not listening on any address after waiting 1 s' % port


def test_bad_port_specs_are_refused(run_module):
    failed, result = run_module(port_check.main, dict(ports=['80/sctp']))
    assert failed and 'expected tcp or udp' in result['msg']
    failed, result = run_module(port_check.main, dict(ports=[]))
    assert failed and 'at least one port' in result['msg']
    failed, result = run_module(port_check.main, dict(ports=['80'], timeout=-1))
    assert failed and 'timeout must be 0' in result['msg']


def test_remote_host_mode(run_module, tcp_listener):
    failed, result = run_module(port_check.main, dict(host='127.0.0.1', ports=[str(tcp_listener)]))
    assert not failed and result['ports'][0]['listening']
    port = unused_port()
    failed, result = run_module(port_check.main, dict(host='127.0.0.1', ports=[str(port)]))
    assert failed and result['msg'] == '127.0.0.1:%d/tcp does not accept connections' % port
    failed, result = run_module(port_check.main, dict(host='127.0.0.1', ports=[str(tcp_listener)], state='free'))
    assert failed and 'accepts connections, but it should be free' in result['msg']


def test_remote_host_mode_refuses_udp_and_addresses(run_module):
    failed, result = run_module(port_check.main, dict(host='meet.example.org', ports=['10000/udp']))
    assert failed and '10000/udp cannot be checked on meet.example.org' in result['msg']
    failed, result = run_module(port_check.main, dict(host='meet.example.org', ports=['10.0.0.1:443']))
    assert failed and 'has no meaning with host' in result['msg']
