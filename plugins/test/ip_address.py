# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The test `videobridge_address is selfhosted.jitsi.ip_address`."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.selfhosted.jitsi.plugins.plugin_utils.deployment import is_ip_address


def ip_address(value):
    """True for one IPv4 or IPv6 address such as 203.0.113.10 or 2001:db8::10."""
    return is_ip_address(value)


class TestModule(object):
    def tests(self):
        return {"ip_address": ip_address}
