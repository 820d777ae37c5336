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
  shared:
    description:
      - Whether O(new) is a shared input that no role defaults (such as C(jitsi_turnserver)). Then
        O(new) is read first when the inventory sets it, and the old names only when it does not,
        so each place that reads the input is one call.
      - Leave it V(false) where the call is itself the default of O(new).
    type: bool
    default: false
  type:
    description:
      - The type the value must have. V(bool) turns V(true), V(yes), V(1) and the like into a
        boolean and refuses anything else with an error that names the input and what to set, as
        the argument specs do for the new name.
    type: str
    choices: [raw, bool]
    default: raw
"""

EXAMPLES = r"""
# roles/access/defaults/main.yml
access_authentication: "{{ lookup('selfhosted.jitsi.renamed_input', 'meet_authentication', new='access_authentication', default='internal') }}"

# roles/meet/vars/main.yml: the shared switch, read once, then its 0.1.0 names
meet_coturn: >-
  {{ lookup('selfhosted.jitsi.renamed_input', 'meet_turnserver', 'firewall_turn_enabled',
            new='jitsi_turnserver', default=true, shared=true, type='bool') }}
"""

RETURN = r"""
_raw:
  description: The value of O(new) when O(shared) and set, else of the first old name that is set, else O(default).
  type: raw
"""

from ansible.errors import AnsibleLookupError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

display = Display()


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        if "new" not in kwargs or "default" not in kwargs:
            raise AnsibleLookupError("renamed_input expects the old names, new= the input's new name and default= its value")
        new = kwargs["new"]
        wanted = kwargs.get("type", "raw")
        if wanted not in ("raw", "bool"):
            raise AnsibleLookupError("renamed_input: type= expects raw or bool, got %r" % (wanted,))
        variables = variables or {}
        if boolean(kwargs.get("shared", False), strict=False) and new in variables:
            return [self._typed(self._templar.template(variables[new]), new, new, wanted)]
        for old in terms:
            if old in variables:
                # 0.3.0 is the release that stops reading the old names.
                display.deprecated(
                    "The input %s is renamed %s; set %s in the inventory instead. %s is read until it is removed."
                    % (old, new, new, old),
                    version="0.3.0", collection_name="selfhosted.jitsi")
                return [self._typed(self._templar.template(variables[old]), old, new, wanted)]
        return [kwargs["default"]]

    @staticmethod
    def _typed(value, name, new, wanted):
        if wanted != "bool":
            return value
        try:
            return boolean(value, strict=True)
        except TypeError:
            spelt = name if name == new else "%s (the 0.1.0 name of %s)" % (name, new)
            raise AnsibleLookupError(
                "%s expects a boolean (true or false), got %r. Set %s: true or %s: false in the inventory."
                % (spelt, value, new, new))
