# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the privacy report over its catalogue (plugin_utils/privacy_findings.py).

The module selfhosted.jitsi.privacy_facts reads a Jitsi Meet host and
returns facts that hold no secret; privacy_findings judges them against
GDPR Art. 25 and Art. 32, and privacy_summary counts the result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.plugin_utils import deployment
from ansible_collections.selfhosted.jitsi.plugins.plugin_utils.privacy_findings import STATUSES, findings


def privacy_findings(facts, max_retention_days=14):
    """The checklist for one host's facts (the module privacy_facts'
    `facts`): a list of findings, each with id, article, status (pass,
    warn or fail), and title, detail and fix in English (en) and German (de)."""
    if not isinstance(facts, dict) or not deployment.is_domain_name(facts.get("domain")):
        raise AnsibleFilterError("privacy_findings expects the facts made by the module selfhosted.jitsi.privacy_facts, "
                                 "with the domain; got %s" % type(facts).__name__)
    try:
        max_days = int(max_retention_days)
    except (TypeError, ValueError):
        raise AnsibleFilterError("privacy_findings: max_retention_days must be a whole number of days, got %r" % (max_retention_days,))
    context = dict(deployment.files(facts["domain"]), domain=facts["domain"], max_retention_days=max_days)
    return findings(facts, context)


def privacy_summary(checked):
    """Counts of pass, warn and fail in a list of findings."""
    return dict((status, len([f for f in checked or [] if f.get("status") == status])) for status in STATUSES)


class FilterModule(object):
    def filters(self):
        return {
            "privacy_findings": privacy_findings,
            "privacy_summary": privacy_summary,
        }
