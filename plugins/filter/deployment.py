# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters over the deployment facts of plugin_utils/deployment.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.plugin_utils import deployment


def _domain(domain, filter_name):
    if not deployment.is_domain_name(domain):
        raise AnsibleFilterError("%s expects a fully qualified host name such as meet.example.org, got %r"
                                 % (filter_name, domain))
    return domain


def jitsi_files(domain):
    """{name: path} of the files upstream's packages write for the domain."""
    return deployment.files(_domain(domain, "jitsi_files"))


def jitsi_secret_files(domain):
    """The files that hold secrets, with who must and who may read them."""
    return deployment.secret_files(_domain(domain, "jitsi_secret_files"))


def prosody_node(name):
    """The name as prosody stores it on disk (meet%2eexample%2eorg)."""
    if not isinstance(name, str) or not name:
        raise AnsibleFilterError("prosody_node expects a user or host name, got %r" % (name,))
    return deployment.prosody_node(name)


def jitsi_ports(scope, turnserver=True, legacy_tcp_fallback=False, host="signalling", local_videobridge=True,
                remote_videobridges=False):
    """The ports of the scope (public, internal, all) that a host of the kind
    (signalling, videobridge) uses with these choices."""
    if scope not in deployment.PORT_SCOPES:
        raise AnsibleFilterError("jitsi_ports expects the scope %s, got %r"
                                 % (" or ".join(deployment.PORT_SCOPES), scope))
    if host not in deployment.HOST_KINDS:
        raise AnsibleFilterError("jitsi_ports expects host=%s, got %r" % (" or ".join(deployment.HOST_KINDS), host))
    for name, value in (("turnserver", turnserver), ("legacy_tcp_fallback", legacy_tcp_fallback),
                        ("local_videobridge", local_videobridge), ("remote_videobridges", remote_videobridges)):
        if not isinstance(value, bool):
            raise AnsibleFilterError("jitsi_ports expects %s to be true or false, got %r" % (name, value))
    return deployment.ports(scope, turnserver=turnserver, legacy_tcp_fallback=legacy_tcp_fallback, host=host,
                            local_videobridge=local_videobridge, remote_videobridges=remote_videobridges)


def jitsi_videobridge_pool(domain):
    """Where the deployment's bridges meet: XMPP host, brewery room, accounts."""
    return deployment.videobridge_pool(_domain(domain, "jitsi_videobridge_pool"))


def jitsi_videobridge_ids(account_files):
    """The bridge ids of the pool's prosody account files."""
    if not isinstance(account_files, (list, tuple)) or not all(isinstance(item, str) for item in account_files):
        raise AnsibleFilterError("jitsi_videobridge_ids expects a list of account file paths, got %r"
                                 % (account_files,))
    return deployment.videobridge_ids(account_files)


def jitsi_videobridge_id(hostname):
    """The id a bridge gets from its inventory name (Bridge_1 is bridge-1)."""
    if not isinstance(hostname, str) or not hostname:
        raise AnsibleFilterError("jitsi_videobridge_id expects an inventory host name, got %r" % (hostname,))
    return deployment.videobridge_default_id(hostname)


class FilterModule(object):
    def filters(self):
        return {"jitsi_files": jitsi_files, "jitsi_secret_files": jitsi_secret_files, "prosody_node": prosody_node,
                "jitsi_ports": jitsi_ports, "jitsi_videobridge_pool": jitsi_videobridge_pool,
                "jitsi_videobridge_ids": jitsi_videobridge_ids, "jitsi_videobridge_id": jitsi_videobridge_id}
