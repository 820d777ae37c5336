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

import re

# A fully qualified host name: labels of letters, digits and inner hyphens,
# a top-level label that does not start with a digit, 253 characters at most.
# Lower case only: the packages and prosody use the name as given.
DOMAIN_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")


def is_domain_name(value):
    """True for a fully qualified, lower-case host name such as meet.example.org."""
    return isinstance(value, str) and DOMAIN_NAME.match(value) is not None


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
# address).  Public ports are the ones the firewall opens; the others serve
# the host itself (nginx proxies BOSH and websockets to prosody, the health
# checks ask the bridge and jicofo) and stay closed.  The condition says when
# a port is used: always, with the TURN server (coturn), or only when the
# bridge's TCP fallback of 2020-era guides is asked for (current bridges do
# not listen there).  address is where the service listens when it is not
# every address.
PORT_CONDITIONS = ("always", "turnserver", "legacy_tcp_fallback")
PORT_SCOPES = ("public", "internal", "all")

_PORTS = (
    (80, "tcp", "HTTP, redirect and certificate challenges", True, "always", None),
    (443, "tcp", "HTTPS", True, "always", None),
    (10000, "udp", "videobridge media", True, "always", None),
    (3478, "udp", "STUN/TURN", True, "turnserver", None),
    (5349, "tcp", "TURN over TLS", True, "turnserver", None),
    (4443, "tcp", "videobridge TCP fallback", True, "legacy_tcp_fallback", None),
    (5280, "tcp", "prosody BOSH and websockets behind nginx", False, "always", "127.0.0.1"),
    (8080, "tcp", "videobridge REST and health", False, "always", None),
    (8888, "tcp", "jicofo REST and health", False, "always", None),
)


def ports(scope="all", turnserver=True, legacy_tcp_fallback=False):
    """The ports of the scope (public, internal or all) that the deployment
    uses with these choices, each as {port, proto, purpose, public,
    condition, spec}, plus address where the service listens on one address
    only.  spec is the port as selfhosted.jitsi.port_check takes it
    (443/tcp, 127.0.0.1:5280/tcp)."""
    if scope not in PORT_SCOPES:
        raise ValueError("scope must be one of %s, not %r" % (", ".join(PORT_SCOPES), scope))
    used = {"always": True, "turnserver": bool(turnserver), "legacy_tcp_fallback": bool(legacy_tcp_fallback)}
    out = []
    for port, proto, purpose, public, condition, address in _PORTS:
        if not used[condition] or (scope == "public" and not public) or (scope == "internal" and public):
            continue
        item = {"port": port, "proto": proto, "purpose": purpose, "public": public, "condition": condition,
                "spec": "%s%d/%s" % (address + ":" if address else "", port, proto)}
        if address:
            item["address"] = address
        out.append(item)
    return out
