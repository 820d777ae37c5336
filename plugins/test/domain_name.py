# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The test `jitsi_domain is selfhosted.jitsi.domain_name`."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.selfhosted.jitsi.plugins.plugin_utils.deployment import is_domain_name


def domain_name(value):
    """True for a fully qualified, lower-case host name such as meet.example.org."""
    return is_domain_name(value)


class TestModule(object):
    def tests(self):
        return {"domain_name": domain_name}
