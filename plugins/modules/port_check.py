#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: port_check
short_description: Check that TCP and UDP ports are listening, or free, and name who holds them
version_added: 1.0.0
description:
  - Reads the kernel's socket tables (C(/proc/net/tcp), C(tcp6), C(udp), C(udp6))
    to tell whether each port is listening or free, and names the process that
    holds a port when it can.
  - Handles UDP, many ports at once and owner reporting, which
    M(ansible.builtin.wait_for) does not.
  - With O(state=free) it is a preflight check that fails naming the port, the
    process and its pid, for example "80/tcp is in use by apache2 (pid 123) on 0.0.0.0".
  - With O(host) it instead tests, from the managed host, whether TCP ports of
    another host accept connections.
  - Never changes anything.
author:
  - selfhosted.jitsi maintainers (@selfhosted)
options:
  ports:
    description:
      - Ports to check. Each is a dictionary with C(port), C(proto) (V(tcp) or
        V(udp), default V(tcp)) and an optional C(address), or a short string
        V(443) (TCP), V(10000/udp), V(127.0.0.1:5280/tcp) or V([::1]:5280/tcp).
      - Without an address any local address counts. A socket bound to
        C(0.0.0.0) or C(::) covers every address of its family; an IPv4-mapped
        IPv6 address counts as the IPv4 address.
      - A listener on C(::) is taken to cover IPv4 as well, which is Linux's
        default (C(net.ipv6.bindv6only=0)); a socket that set C(IPV6_V6ONLY)
        cannot be told apart in C(/proc).
    type: list
    elements: raw
    required: true
  state:
    description:
      - V(listening) requires a TCP socket in the LISTEN state, or a bound UDP
        socket, that serves the port (and address, when given).
      - V(free) requires that no such socket holds the port on a clashing address.
    type: str
    choices: [listening, free]
    default: listening
  timeout:
    description:
      - Seconds to wait for every port to reach O(state). V(0) checks once.
    type: int
    default: 0
  host:
    description:
      - Test whether TCP ports of this host accept connections from the managed
        host, instead of reading local sockets. UDP cannot be tested this way
        and addresses in O(ports) are not allowed with it.
    type: str
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: The module only reads, so check mode runs the same checks.
  diff_mode:
    support: none
  platform:
    platforms: linux
notes:
  - Processes of other users are named only when the module runs as root;
    otherwise C(pid) and C(process) may be null.
requirements:
  - Linux C(/proc) on the managed host for local checks.
'''

EXAMPLES = r'''
- name: Nothing else may hold the ports Jitsi needs
  selfhosted.jitsi.port_check:
    ports: ["80", "443", "10000/udp", "5349/tcp"]
    state: free

- name: Wait for the bridge and the XMPP server
  selfhosted.jitsi.port_check:
    ports:
      - 10000/udp
      - {port: 5280, proto: tcp, address: 127.0.0.1}
    timeout: 60

- name: The web server answers from the outside
  selfhosted.jitsi.port_check:
    host: meet.example.org
    ports: ["443"]
  delegate_to: localhost
'''

RETURN = r'''
ports:
  description: One entry per checked port, in the order given.
  returned: always
  type: list
  elements: dict
  contains:
    port:
      description: The port number.
      type: int
      sample: 10000
    proto:
      description: V(tcp) or V(udp).
      type: str
      sample: udp
    address:
      description: The address asked about, or null for any.
      type: str
      sample: 127.0.0.1
    listening:
      description: Whether a socket serves the port (and address), or with O(host) whether it accepted a connection.
      type: bool
      sample: true
    in_use:
      description: Whether a socket holds the port on an address that clashes with the one asked about.
      type: bool
      sample: true
    addresses:
      description: Local addresses of the listening sockets on that port (empty with O(host)).
      type: list
      elements: str
      sample: ["0.0.0.0", "::"]
    pid:
      description: Process ID holding the port, when known.
      type: int
      sample: 1234
    process:
      description: Name of the process holding the port, when known.
      type: str
      sample: jvb
'''

import socket
import time

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.selfhosted.jitsi.plugins.module_utils.proc_net import (
    PROC,
    PortSpecError,
    ProcNetError,
    describe,
    parse_port_spec,
    port_status,
    problem,
    read_sockets,
    socket_owners,
)

POLL_SECONDS = 0.5
CONNECT_SECONDS = 3


def local_statuses(specs):
    sockets = read_sockets(PROC)
    wanted_ports = set(spec.port for spec in specs)
    owners = socket_owners([entry.inode for entry in sockets if entry.port in wanted_ports], PROC)
    return [port_status(spec, sockets, owners) for spec in specs]


def remote_status(host, spec, deadline):
    wait = max(0.1, min(CONNECT_SECONDS, deadline - time.time()))
    try:
        connection = socket.create_connection((host, spec.port), timeout=wait)
    except (socket.error, socket.timeout, OSError):
        reachable = False
    else:
        connection.close()
        reachable = True
    return dict(port=spec.port, proto=spec.proto, address=None, listening=reachable, in_use=reachable,
                addresses=[], pid=None, process=None, holder_address=host)


def remote_problem(status, state, host):
    name = '%s:%s' % (host, describe(status))
    if state == 'listening' and not status['listening']:
        return '%s does not accept connections' % name
    if state == 'free' and status['listening']:
        return '%s accepts connections, but it should be free' % name
    return None


def public(status):
    return dict((key, value) for key, value in status.items() if key != 'holder_address')


def main():
    module = AnsibleModule(
        argument_spec=dict(
            ports=dict(type='list', elements='raw', required=True),
            state=dict(type='str', choices=['listening', 'free'], default='listening'),
            timeout=dict(type='int', default=0),
            host=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    state = module.params['state']
    host = module.params['host']
    if module.params['timeout'] < 0:
        module.fail_json(msg='timeout must be 0 (check once) or a number of seconds, found %d'
                             % module.params['timeout'])
    try:
        specs = [parse_port_spec(value) for value in module.params['ports']]
    except PortSpecError as exc:
        module.fail_json(msg=to_native(exc))
    if not specs:
        module.fail_json(msg='ports must list at least one port, e.g. ["443", "10000/udp"]')
    if host:
        for spec in specs:
            if spec.proto == 'udp':
                module.fail_json(msg='%d/udp cannot be checked on %s: UDP has no handshake to test from '
                                     'afar. Check it locally (without host) on the machine that serves it.'
                                     % (spec.port, host))
            if spec.address is not None:
                module.fail_json(msg='port %d/%s has address %s, which has no meaning with host; give '
                                     'the address as host instead' % (spec.port, spec.proto, spec.address))

    deadline = time.time() + module.params['timeout']
    while True:
        try:
            if host:
                statuses = [remote_status(host, spec, deadline) for spec in specs]
                problems = [remote_problem(status, state, host) for status in statuses]
            else:
                statuses = local_statuses(specs)
                problems = [problem(status, state) for status in statuses]
        except ProcNetError as exc:
            module.fail_json(msg='the kernel socket tables could not be read: %s' % to_native(exc))
        problems = [text for text in problems if text]
        if not problems or time.time() >= deadline:
            break
        time.sleep(POLL_SECONDS)

    ports = [public(status) for status in statuses]
    if problems:
        waited = ' after waiting %d s' % module.params['timeout'] if module.params['timeout'] else ''
        module.fail_json(msg='%s%s' % ('; '.join(problems), waited), ports=ports)
    module.exit_json(changed=False, ports=ports)


if __name__ == '__main__':
    main()
