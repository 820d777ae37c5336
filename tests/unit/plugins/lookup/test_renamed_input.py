# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar
from ansible_collections.selfhosted.jitsi.plugins.lookup import renamed_input


def run(variables, *old, **options):
    templar = Templar(loader=DataLoader(), variables=variables)
    lookup = renamed_input.LookupModule(loader=DataLoader(), templar=templar)
    return lookup.run(list(old), variables=variables, **options)


def test_the_default_when_no_old_name_is_set(monkeypatch):
    warnings = []
    monkeypatch.setattr(renamed_input.display, "deprecated", lambda *args, **kwargs: warnings.append(args))
    assert run({"other": 1}, "meet_certificate", new="certificate_method", default="self-signed") == ["self-signed"]
    assert not warnings


def test_an_old_name_is_read_and_named_in_a_deprecation(monkeypatch):
    warnings = []
    monkeypatch.setattr(renamed_input.display, "deprecated",
                        lambda message, **kwargs: warnings.append((message, kwargs)))
    value = run({"meet_tls_protocols": ["TLSv1.3"]}, "meet_tls_protocols", new="privacy_tls_protocols", default=["TLSv1.2"])
    assert value == [["TLSv1.3"]]
    message, kwargs = warnings[0]
    assert "meet_tls_protocols is renamed privacy_tls_protocols" in message
    assert kwargs["collection_name"] == "selfhosted.jitsi" and kwargs["version"] == "0.3.0"


def test_the_first_old_name_set_wins(monkeypatch):
    monkeypatch.setattr(renamed_input.display, "deprecated", lambda *args, **kwargs: None)
    value = run({"firewall_turn_enabled": False, "meet_turnserver": True}, "meet_turnserver", "firewall_turn_enabled",
                new="jitsi_turnserver", default=True)
    assert value == [True]
    assert run({"firewall_turn_enabled": False}, "meet_turnserver", "firewall_turn_enabled",
               new="jitsi_turnserver", default=True) == [False]


def test_a_call_without_new_or_default_is_refused():
    try:
        run({}, "meet_users", new="access_users")
    except renamed_input.AnsibleLookupError as error:
        assert "default=" in str(error)
    else:
        raise AssertionError("accepted a call without default=")


def test_a_shared_input_set_in_the_inventory_wins_over_its_old_names(monkeypatch):
    warnings = []
    monkeypatch.setattr(renamed_input.display, "deprecated", lambda *args, **kwargs: warnings.append(args))
    value = run({"jitsi_turnserver": False, "meet_turnserver": True}, "meet_turnserver", "firewall_turn_enabled",
                new="jitsi_turnserver", default=True, shared=True, type="bool")
    assert value == [False]
    assert not warnings


def test_a_shared_input_unset_falls_back_to_its_old_names_then_the_default(monkeypatch):
    monkeypatch.setattr(renamed_input.display, "deprecated", lambda *args, **kwargs: None)
    assert run({"firewall_turn_enabled": "no"}, "meet_turnserver", "firewall_turn_enabled",
               new="jitsi_turnserver", default=True, shared=True, type="bool") == [False]
    assert run({}, "meet_turnserver", new="jitsi_turnserver", default=True, shared=True, type="bool") == [True]


def test_without_shared_the_new_name_is_not_read():
    # Where the call is the default of the new name itself, reading it would recurse.
    assert run({"access_authentication": "jwt"}, "meet_authentication", new="access_authentication",
               default="internal") == ["internal"]


def test_an_old_name_that_holds_no_boolean_is_refused_with_what_to_set(monkeypatch):
    monkeypatch.setattr(renamed_input.display, "deprecated", lambda *args, **kwargs: None)
    try:
        run({"firewall_turn_enabled": "sometimes"}, "meet_turnserver", "firewall_turn_enabled",
            new="jitsi_turnserver", default=True, shared=True, type="bool")
    except renamed_input.AnsibleLookupError as error:
        message = str(error)
        assert "firewall_turn_enabled (the 0.1.0 name of jitsi_turnserver)" in message
        assert "'sometimes'" in message and "jitsi_turnserver: true" in message
    else:
        raise AssertionError("accepted 'sometimes' as a boolean")


def test_an_unknown_type_is_refused():
    try:
        run({}, "meet_users", new="access_users", default=[], type="list")
    except renamed_input.AnsibleLookupError as error:
        assert "raw or bool" in str(error)
    else:
        raise AssertionError("accepted type=list")
