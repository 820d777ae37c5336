# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Facts about a Jitsi Meet deployment that several roles and plugins need,
kept in one place: what a domain looks like, where upstream's packages put
their files, which of those files hold secrets and who must read them, and
how prosody names its storage on disk, and which ports the deployment
uses.  The roles and playbooks read them through the filters in
plugins/filter/deployment.py and the test in plugins/test/domain_name.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

# A fully qualified host name: labels of letters, digits and inner hyphens,
# a top-level label that does not start with a digit, 253 characters at most.
# Lower case only: the packages and prosody use the name as given.
DOMAIN_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")


def is_domain_name(value):
    """True for a fully qualified, lower-case host name such as meet.example.org."""
    return isinstance(value, str) and DOMAIN_NAME.match(value) is not None


def is_ip_address(value):
    """True for one IPv4 or IPv6 address (no prefix length, no port)."""
    if not isinstance(value, str):
        return False
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


# Where upstream's packages write the files the roles configure and the
# report reads, by the name the roles use for them.  %(domain)s is the
# deployment's domain.
_FILES = {
    "nginx_site": "/etc/nginx/sites-available/%(domain)s.conf",
    "nginx_site_enabled": "/etc/nginx/sites-enabled/%(domain)s.conf",
    "nginx_conf": "/etc/nginx/nginx.conf",
    "config_js": "/etc/jitsi/meet/%(domain)s-config.js",
    "prosody_conf": "/etc/prosody/prosody.cfg.lua",
    "prosody_host_file": "/etc/prosody/conf.avail/%(domain)s.cfg.lua",
    "prosody_host_enabled": "/etc/prosody/conf.d/%(domain)s.cfg.lua",
    "jvb_conf": "/etc/jitsi/videobridge/jvb.conf",
    "jvb_config": "/etc/jitsi/videobridge/config",
    "jvb_logging": "/etc/jitsi/videobridge/logging.properties",
    "jicofo_conf": "/etc/jitsi/jicofo/jicofo.conf",
    "jicofo_config": "/etc/jitsi/jicofo/config",
    "jicofo_logging": "/etc/jitsi/jicofo/logging.properties",
    "turnserver_conf": "/etc/turnserver.conf",
    "self_signed_crt": "/etc/jitsi/meet/%(domain)s.crt",
    "self_signed_key": "/etc/jitsi/meet/%(domain)s.key",
    # The bridge's logrotate file has no "2" in its name.
    "logrotate_nginx": "/etc/logrotate.d/nginx",
    "logrotate_prosody": "/etc/logrotate.d/prosody",
    "logrotate_jitsi-videobridge": "/etc/logrotate.d/jitsi-videobridge",
    "logrotate_jicofo": "/etc/logrotate.d/jicofo",
}

# Files holding secrets the packages generate (the bridge's, focus's and the
# TURN server's passwords), with the users that must read each and those that
# may too: upstream puts both Java services in the group jitsi, so each may
# read the other's files.  owner/group/mode is what the privacy role sets;
# None leaves that part as the packages made it.
_SECRET_FILES = (
    ("prosody_host_file", "root", "prosody", "0640", ("prosody",), ()),
    ("jvb_conf", None, None, "o-rwx", ("jvb",), ("jicofo",)),
    ("jvb_config", None, None, "o-rwx", ("jvb",), ("jicofo",)),
    ("jicofo_conf", None, None, "o-rwx", ("jicofo",), ("jvb",)),
    ("jicofo_config", None, None, "o-rwx", ("jicofo",), ("jvb",)),
    # coturn runs as turnserver and reads its file only at start; upstream
    # writes it 0644 root:root.
    ("turnserver_conf", "root", "turnserver", "0640", ("turnserver",), ()),
    # The packages' self-signed key, read by nginx's master process (root).
    ("self_signed_key", None, None, None, ("root",), ()),
)


def files(domain):
    """{name: path} of upstream's files for the domain."""
    return dict((name, path % {"domain": domain}) for name, path in _FILES.items())


def secret_files(domain):
    """The files holding secrets, each as {name, path, owner, group, mode,
    readers, allowed}; owner, group and mode are left out where the privacy
    role keeps the packages' choice."""
    paths = files(domain)
    out = []
    for name, owner, group, mode, readers, allowed in _SECRET_FILES:
        item = {"name": name, "path": paths[name], "readers": list(readers), "allowed": list(allowed)}
        for key, value in (("owner", owner), ("group", group), ("mode", mode)):
            if value is not None:
                item[key] = value
        out.append(item)
    return out


def prosody_node(name):
    """A name as prosody stores it on disk (its datamanager's encoding):
    lower case, every character other than a letter or a digit written as
    %xx, so meet.example.org is meet%2eexample%2eorg."""
    return re.sub(r"[^a-z0-9]", lambda match: "".join("%%%02x" % byte for byte in match.group(0).encode("utf-8")),
                  name.lower())


# The ports of a deployment: (port, proto, purpose, public, condition,
# address, host).  Public ports are the ones the firewall opens; the others
# serve the host itself (nginx proxies BOSH and websockets to prosody, the
# health checks ask the bridge and jicofo) and stay closed.  The condition
# says when a port is used: always, with the TURN server (coturn), only when
# the bridge's TCP fallback of 2020-era guides is asked for (current bridges
# do not listen there), or only when videobridges on other hosts log in to
# this host's prosody (then 5222/tcp is opened to those bridges alone).
# address is where the service listens when it is not every address.  host
# says which kind of host serves the port: the signalling host (web,
# prosody, jicofo) or a videobridge (on a host of its own, or the
# signalling host's local one).
PORT_CONDITIONS = ("always", "turnserver", "legacy_tcp_fallback", "remote_videobridges")
PORT_SCOPES = ("public", "internal", "all")
HOST_KINDS = ("signalling", "videobridge")

_PORTS = (
    (80, "tcp", "HTTP, redirect and certificate challenges", True, "always", None, "signalling"),
    (443, "tcp", "HTTPS", True, "always", None, "signalling"),
    (10000, "udp", "videobridge media", True, "always", None, "videobridge"),
    (3478, "udp", "STUN/TURN", True, "turnserver", None, "signalling"),
    (5349, "tcp", "TURN over TLS", True, "turnserver", None, "signalling"),
    (4443, "tcp", "videobridge TCP fallback", True, "legacy_tcp_fallback", None, "videobridge"),
    (5222, "tcp", "prosody logins of the videobridges on other hosts", True, "remote_videobridges", None,
     "signalling"),
    (5280, "tcp", "prosody BOSH and websockets behind nginx", False, "always", "127.0.0.1", "signalling"),
    (8080, "tcp", "videobridge REST and health", False, "always", None, "videobridge"),
    (8888, "tcp", "jicofo REST and health", False, "always", None, "signalling"),
)

# Ports the firewall opens to some addresses only: condition -> who may
# connect.
_PORT_SOURCES = {"remote_videobridges": "videobridges"}


def ports(scope="all", turnserver=True, legacy_tcp_fallback=False, host="signalling", local_videobridge=True,
          remote_videobridges=False):
    """The ports of the scope (public, internal or all) that a host of the
    kind (signalling or videobridge) uses with these choices, each as
    {port, proto, purpose, public, condition, host, spec}, plus address
    where the service listens on one address only and sources (videobridges)
    where only those hosts may connect.  spec is the port as
    selfhosted.jitsi.port_check takes it (443/tcp, 127.0.0.1:5280/tcp).  A
    signalling host serves the bridge's ports too while it runs a local
    bridge; TURN is the signalling host's."""
    if scope not in PORT_SCOPES:
        raise ValueError("scope must be one of %s, not %r" % (", ".join(PORT_SCOPES), scope))
    if host not in HOST_KINDS:
        raise ValueError("host must be one of %s, not %r" % (", ".join(HOST_KINDS), host))
    signalling = host == "signalling"
    used = {"always": True, "turnserver": bool(turnserver) and signalling,
            "legacy_tcp_fallback": bool(legacy_tcp_fallback),
            "remote_videobridges": bool(remote_videobridges) and signalling}
    kinds = ("signalling", "videobridge") if signalling and local_videobridge else (host,)
    out = []
    for port, proto, purpose, public, condition, address, kind in _PORTS:
        if kind not in kinds or not used[condition] or (scope == "public" and not public) \
                or (scope == "internal" and public):
            continue
        item = {"port": port, "proto": proto, "purpose": purpose, "public": public, "condition": condition,
                "host": kind, "spec": "%s%d/%s" % (address + ":" if address else "", port, proto)}
        if address:
            item["address"] = address
        if condition in _PORT_SOURCES:
            item["sources"] = _PORT_SOURCES[condition]
        out.append(item)
    return out


def prosody_name(node):
    """The name a prosody storage name stands for (the inverse of
    prosody_node): jvb%2dbridge1 is jvb-bridge1."""
    return re.sub(r"(%[0-9a-f]{2})+", lambda match: bytes.fromhex(match.group(0).replace("%", "")).decode("utf-8"),
                  node)


# Every videobridge of a pool logs in to the signalling host's prosody with
# an account of its own, named after the bridge's id with this prefix, so
# that the accounts alone say which bridges the pool has (and a retired
# bridge's account can be removed without touching the others').
VIDEOBRIDGE_ACCOUNT_PREFIX = "jvb-"
# A bridge id: what its account, its nickname in the brewery room and its
# relay id are made of.
VIDEOBRIDGE_ID = re.compile(r"^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$")


def is_videobridge_id(value):
    """True for a bridge id: lowercase letters, digits, dots and inner
    hyphens, 63 characters at most, such as bridge1 or jvb1.example.org."""
    return isinstance(value, str) and VIDEOBRIDGE_ID.match(value) is not None


def videobridge_default_id(hostname):
    """The id a bridge gets from its inventory name: lower case, every run
    of other characters than letters, digits, dots and hyphens made one
    hyphen, none at either end, 63 characters at most (Bridge_1 is
    bridge-1)."""
    name = re.sub(r"[^a-z0-9.-]+", "-", hostname.lower())[:63]
    return name.strip(".-")


def videobridge_pool(domain):
    """Where the bridges of the deployment meet: the XMPP host they log in
    on, the brewery room jicofo finds them in, the prefix of their accounts
    and where prosody stores those accounts."""
    xmpp_domain = "auth." + domain
    return {
        "xmpp_domain": xmpp_domain,
        "brewery": "JvbBrewery@internal." + xmpp_domain,
        "account_prefix": VIDEOBRIDGE_ACCOUNT_PREFIX,
        "accounts_dir": "/var/lib/prosody/%s/accounts" % prosody_node(xmpp_domain),
        "account_pattern": prosody_node(VIDEOBRIDGE_ACCOUNT_PREFIX) + "*.dat",
    }


def videobridge_ids(account_files):
    """The ids of the bridges whose accounts are among these file names
    (accounts/jvb%2dbridge1.dat is bridge1); other accounts are left out."""
    prefix = prosody_node(VIDEOBRIDGE_ACCOUNT_PREFIX)
    out = []
    for path in account_files:
        name = path.rsplit("/", 1)[-1]
        if name.startswith(prefix) and name.endswith(".dat"):
            bridge = prosody_name(name[len(prefix):-len(".dat")])
            if VIDEOBRIDGE_ID.match(bridge):
                out.append(bridge)
    return sorted(set(out))
