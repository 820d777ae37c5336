# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Read Linux socket tables from /proc and decide which ports are taken."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import binascii
import ipaddress
import os
import re
import struct
from collections import namedtuple

PROC = '/proc'
TCP_LISTEN = 0x0A
UDP_UNCONNECTED = 0x07
PROTOCOLS = ('tcp', 'udp')

Socket = namedtuple('Socket', ['proto', 'address', 'port', 'state', 'inode'])
PortSpec = namedtuple('PortSpec', ['port', 'proto', 'address'])


class PortSpecError(ValueError):
    """A port description that cannot be understood."""


class ProcNetError(ValueError):
    """A /proc/net line that does not have the expected layout."""


def decode_address(text):
    """Decode the hex address of /proc/net/{tcp,udp}[6].

    The kernel prints the address as it lies in memory: IPv4 as one 32-bit
    word, IPv6 as four, each in host (little-endian) order.
    """
    try:
        raw = binascii.unhexlify(text)
    except (binascii.Error, TypeError, ValueError):
        raise ProcNetError('address %r is not hexadecimal' % text)
    if len(raw) == 4:
        return ipaddress.IPv4Address(struct.pack('>I', struct.unpack('<I', raw)[0]))
    if len(raw) == 16:
        words = struct.unpack('<4I', raw)
        return ipaddress.IPv6Address(struct.pack('>4I', *words))
    raise ProcNetError('address %r is neither 8 (IPv4) nor 32 (IPv6) hex digits' % text)


def plain_address(address):
    """IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are IPv4 sockets in all but name."""
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def parse_proc_net(text, proto):
    """Sockets from the text of /proc/net/tcp, tcp6, udp or udp6."""
    sockets = []
    for number, line in enumerate(text.splitlines()):
        fields = line.split()
        if number == 0 or not fields:
            continue
        if len(fields) < 10 or not fields[0].endswith(':'):
            raise ProcNetError('line %d of the %s table has %d fields, expected at least 10: %r'
                               % (number + 1, proto, len(fields), line))
        local, sep, port = fields[1].partition(':')
        if not sep:
            raise ProcNetError('line %d of the %s table has no address:port in %r' % (number + 1, proto, fields[1]))
        try:
            port_number = int(port, 16)
            state = int(fields[3], 16)
            inode = int(fields[9])
        except ValueError:
            raise ProcNetError('line %d of the %s table is not numeric where expected: %r' % (number + 1, proto, line))
        sockets.append(Socket(proto, plain_address(decode_address(local)), port_number, state, inode))
    return sockets


def is_bound(socket_entry):
    """A TCP socket that accepts connections, or a UDP socket that receives datagrams on its port."""
    if socket_entry.proto == 'tcp':
        return socket_entry.state == TCP_LISTEN
    return socket_entry.state == UDP_UNCONNECTED


def read_sockets(proc=PROC):
    sockets = []
    for proto in PROTOCOLS:
        for suffix in ('', '6'):
            path = os.path.join(proc, 'net', proto + suffix)
            try:
                with open(path) as handle:
                    text = handle.read()
            except (IOError, OSError):
                continue
            sockets.extend(parse_proc_net(text, proto))
    return sockets


def socket_owners(inodes, proc=PROC):
    """Map socket inodes to (pid, process name) by reading /proc/*/fd links.

    Processes that vanish or that we may not inspect are skipped: the owner
    is a courtesy in messages, never a decision.
    """
    wanted = set(inodes)
    owners = {}
    if not wanted:
        return owners
    try:
        pids = [name for name in os.listdir(proc) if name.isdigit()]
    except OSError:
        return owners
    for pid in sorted(pids, key=int):
        fd_dir = os.path.join(proc, pid, 'fd')
        try:
            fds = os.listdir(fd_dir)
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(os.path.join(fd_dir, fd))
            except OSError:
                continue
            match = re.match(r'^socket:\[(\d+)\]$', target)
            if match and int(match.group(1)) in wanted and int(match.group(1)) not in owners:
                owners[int(match.group(1))] = (int(pid), process_name(pid, proc))
    return owners


def process_name(pid, proc=PROC):
    try:
        with open(os.path.join(proc, str(pid), 'comm')) as handle:
            return handle.read().strip()
    except (IOError, OSError):
        return None


def parse_port_spec(value):
    """Accept {port, proto, address} or the short forms "443", "10000/udp", "127.0.0.1:5280/tcp", "[::1]:5280"."""
    if isinstance(value, dict):
        unknown = set(value) - set(['port', 'proto', 'address'])
        if unknown:
            raise PortSpecError('port %r has unknown keys %s; expected port, proto and address'
                                % (value, ', '.join(sorted(unknown))))
        port = value.get('port')
        proto = value.get('proto') or 'tcp'
        address = value.get('address') or None
    else:
        text = str(value).strip()
        match = re.match(r'^(?:(\[[^\]]+\]|[^:/\[\]]+):)?([^:/]+)(?:/([A-Za-z]+))?$', text)
        if not match:
            raise PortSpecError('port %r is not understood: expected PORT, PORT/PROTO or ADDRESS:PORT/PROTO '
                                '(e.g. 443, 10000/udp, 127.0.0.1:5280/tcp, [::1]:5280/tcp)' % text)
        address = match.group(1)
        if address and address.startswith('['):
            address = address[1:-1]
        port = match.group(2)
        proto = match.group(3) or 'tcp'
    proto = str(proto).lower()
    if proto not in PROTOCOLS:
        raise PortSpecError('protocol %r of port %r is not supported: expected tcp or udp' % (proto, value))
    try:
        port = int(port)
    except (TypeError, ValueError):
        raise PortSpecError('port %r is not a number between 1 and 65535' % (value,))
    if not 1 <= port <= 65535:
        raise PortSpecError('port %d is out of range: expected 1 to 65535' % port)
    if address is not None:
        try:
            address = plain_address(ipaddress.ip_address(str(address)))
        except ValueError:
            raise PortSpecError('address %r of port %r is not an IP address' % (address, value))
    return PortSpec(port, proto, address)


def covers(bound, wanted):
    """Whether a socket bound to address `bound` accepts traffic for `wanted`.

    A listener on :: is taken to cover IPv4 too: Linux's default
    (net.ipv6.bindv6only=0). A socket that set IPV6_V6ONLY cannot be told
    apart in /proc.
    """
    if wanted is None:
        return True
    if bound == wanted:
        return True
    if bound.version == 6 and bound.is_unspecified:
        return True
    if bound.version == 4 and bound.is_unspecified:
        return wanted.version == 4
    return False


def conflicts(bound, wanted):
    """Whether binding `wanted` would clash with a socket bound to `bound`."""
    if wanted is None or covers(bound, wanted):
        return True
    if wanted.is_unspecified:
        return wanted.version == 6 or bound.version == 4
    return False


def port_status(spec, sockets, owners=None):
    """The facts about one requested port: who holds it and whether it is served."""
    owners = owners or {}
    matching = [entry for entry in sockets
                if entry.proto == spec.proto and entry.port == spec.port and is_bound(entry)]
    serving = [entry for entry in matching if covers(entry.address, spec.address)]
    clashing = [entry for entry in matching if conflicts(entry.address, spec.address)]
    holder = (serving or clashing or [None])[0]
    pid, process = owners.get(holder.inode, (None, None)) if holder is not None else (None, None)
    addresses = []
    for entry in matching:
        if str(entry.address) not in addresses:
            addresses.append(str(entry.address))
    return dict(
        port=spec.port,
        proto=spec.proto,
        address=str(spec.address) if spec.address is not None else None,
        listening=bool(serving),
        in_use=bool(clashing),
        addresses=addresses,
        pid=pid,
        process=process,
        holder_address=str(holder.address) if holder is not None else None,
    )


def describe(status):
    name = '%d/%s' % (status['port'], status['proto'])
    if status['address'] and ':' in status['address']:
        name = '[%s]:%s' % (status['address'], name)
    elif status['address']:
        name = '%s:%s' % (status['address'], name)
    return name


def problem(status, state):
    """A message for a port that is not in the wanted state, or None."""
    name = describe(status)
    if state == 'listening':
        if status['listening']:
            return None
        if status['addresses']:
            return '%s is not served: sockets on that port are bound to %s only' % (name, ', '.join(status['addresses']))
        return '%s is not listening on any address' % name
    if not status['in_use']:
        return None
    owner = 'a process this user may not inspect'
    if status['pid'] is not None:
        owner = '%s (pid %d)' % (status['process'] or 'an unnamed process', status['pid'])
    return ('%s is in use by %s on %s; stop or remove it before installing Jitsi'
            % (name, owner, status['holder_address']))
