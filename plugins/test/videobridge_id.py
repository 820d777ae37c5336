# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The test `videobridge_id is selfhosted.jitsi.videobridge_id`."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.selfhosted.jitsi.plugins.plugin_utils.deployment import is_videobridge_id


def videobridge_id(value):
    """True for a bridge id such as bridge1 or jvb1.example.org."""
    return is_videobridge_id(value)


class TestModule(object):
    def tests(self):
        return {"videobridge_id": videobridge_id}
