# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tests `videobridge_address is selfhosted.jitsi.ip_address` and
`videobridge_id is selfhosted.jitsi.videobridge_id`, over the deployment
facts of plugin_utils/deployment.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.selfhosted.jitsi.plugins.plugin_utils import deployment


class TestModule(object):
    def tests(self):
        return {"ip_address": deployment.is_ip_address, "videobridge_id": deployment.is_videobridge_id}
