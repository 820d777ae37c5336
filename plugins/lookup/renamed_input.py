# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: renamed_input
author:
  - selfhosted.jitsi maintainers (@selfhosted)
version_added: "0.2.0"
short_description: The value of an input under its 0.1.0 name, with a deprecation warning
description:
  - Used as the default of a renamed input in a role's C(defaults/main.yml), so an inventory that
    still sets the input's 0.1.0 name keeps working for one release.
  - When one of the old names is set, warns that it is deprecated, names the new input, and returns
    the old input's value; otherwise returns O(default).
options:
  _terms:
    description: The input's old names, the first set one wins.
    type: list
    elements: str
    required: true
  new:
    description: The input's new name, for the warning.
    type: str
    required: true
  default:
    description: The value when no old name is set.
    type: raw
    required: true
"""

EXAMPLES = r"""
# roles/access/defaults/main.yml
access_authentication: "{{ lookup('selfhosted.jitsi.renamed_input', 'meet_authentication', new='access_authentication', default='internal') }}"
"""

RETURN = r"""
_raw:
  description: The value of the first old name that is set, or O(default).
  type: raw
"""

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

display = Display()


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        if "new" not in kwargs or "default" not in kwargs:
            raise AnsibleLookupError("renamed_input expects the old names, new= the input's new name and default= its value")
        new = kwargs["new"]
        variables = variables or {}
        # 0.3.0 stops reading the old names.
        for old in terms:
            if old in variables:
                # 0.3.0 is the release that stops reading the old names.
                display.deprecated(
                    "The input %s is renamed %s; set %s in the inventory instead. %s is read until it is removed."
                    % (old, new, new, old),
                    version="0.3.0", collection_name="selfhosted.jitsi")
                return [self._templar.template(variables[old])]
        return [kwargs["default"]]
