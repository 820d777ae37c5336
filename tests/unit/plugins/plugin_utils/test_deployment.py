# -*- coding: utf-8 -*-
# Copyright: selfhosted.jitsi contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.filter.deployment import (
    jitsi_files, jitsi_ports, jitsi_secret_files, jitsi_videobridge_ids, jitsi_videobridge_pool, prosody_node)
from ansible_collections.selfhosted.jitsi.plugins.plugin_utils import deployment
from ansible_collections.selfhosted.jitsi.plugins.test.domain_name import domain_name
from ansible_collections.selfhosted.jitsi.plugins.test.pool import TestModule as PoolTests

ip_address = PoolTests().tests()["ip_address"]
videobridge_id = PoolTests().tests()["videobridge_id"]


@pytest.mark.parametrize("value", ["meet.example.org", "a.b", "x-1.example.co.uk", "meet.xn--bcher-kva.example"])
def test_host_names_are_domains(value):
    assert domain_name(value)


@pytest.mark.parametrize("value", ["localhost", "Meet.Example.org", "meet.example.org.", "-a.example.org",
                                   "meet.example.123", "meet_1.example.org", "a" * 250 + ".org", "", None, 42,
                                   ["meet.example.org"]])
def test_other_values_are_not(value):
    assert not domain_name(value)


def test_files_are_named_after_the_domain():
    paths = jitsi_files("meet.example.org")
    assert paths["prosody_host_file"] == "/etc/prosody/conf.avail/meet.example.org.cfg.lua"
    assert paths["config_js"] == "/etc/jitsi/meet/meet.example.org-config.js"
    assert paths["logrotate_jitsi-videobridge"] == "/etc/logrotate.d/jitsi-videobridge"


def test_secret_files_say_who_reads_them():
    files = dict((item["name"], item) for item in jitsi_secret_files("meet.example.org"))
    assert files["turnserver_conf"]["group"] == "turnserver" and files["turnserver_conf"]["mode"] == "0640"
    assert files["jvb_conf"]["readers"] == ["jvb"] and files["jvb_conf"]["allowed"] == ["jicofo"]
    # The packages' choice of owner stays where the role sets only the mode.
    assert "owner" not in files["jvb_conf"]
    assert files["self_signed_key"]["path"] == "/etc/jitsi/meet/meet.example.org.key"
    assert "mode" not in files["self_signed_key"]


def test_a_bad_domain_is_refused_with_what_was_expected():
    with pytest.raises(AnsibleFilterError, match="fully qualified host name"):
        jitsi_files("not a domain")


@pytest.mark.parametrize("name, stored", [("meet.example.org", "meet%2eexample%2eorg"), ("auth.meet-1.example.org",
                                          "auth%2emeet%2d1%2eexample%2eorg"), ("Jane_Doe", "jane%5fdoe"),
                                          ("zoë", "zo%c3%ab")])
def test_prosody_stores_names_encoded(name, stored):
    assert prosody_node(name) == stored


def specs(scope, **choices):
    return [item["spec"] for item in jitsi_ports(scope, **choices)]


def test_the_firewall_opens_web_media_and_turn_by_default():
    assert specs("public") == ["80/tcp", "443/tcp", "10000/udp", "3478/udp", "5349/tcp"]


def test_turn_ports_follow_the_turn_server():
    assert specs("public", turnserver=False) == ["80/tcp", "443/tcp", "10000/udp"]
    assert "3478/udp" not in specs("all", turnserver=False)


def test_the_legacy_fallback_is_opt_in():
    assert "4443/tcp" not in specs("all")
    assert specs("public", turnserver=False, legacy_tcp_fallback=True)[-1] == "4443/tcp"


def test_internal_ports_stay_off_the_firewall():
    assert specs("internal") == ["127.0.0.1:5280/tcp", "8080/tcp", "8888/tcp"]
    assert not [item for item in jitsi_ports("public") if not item["public"]]


def test_all_is_public_and_internal():
    assert specs("all") == specs("public") + specs("internal")


def test_each_port_says_what_it_is_for_and_when():
    prosody = next(item for item in jitsi_ports("all") if item["port"] == 5280)
    assert prosody["address"] == "127.0.0.1" and prosody["condition"] == "always" and not prosody["public"]
    turn = next(item for item in jitsi_ports("all") if item["port"] == 5349)
    assert turn["condition"] == "turnserver" and turn["proto"] == "tcp" and turn["purpose"]
    assert "address" not in turn


@pytest.mark.parametrize("scope, choices, message", [
    ("every", {}, "scope public or internal or all"),
    ("public", {"turnserver": "yes"}, "turnserver to be true or false"),
    ("public", {"legacy_tcp_fallback": 1}, "legacy_tcp_fallback to be true or false"),
])
def test_wrong_arguments_are_refused_with_what_was_expected(scope, choices, message):
    with pytest.raises(AnsibleFilterError, match=message):
        jitsi_ports(scope, **choices)


def test_a_bridge_host_opens_media_only():
    assert specs("public", host="videobridge") == ["10000/udp"]
    assert specs("internal", host="videobridge") == ["8080/tcp"]
    assert specs("public", host="videobridge", legacy_tcp_fallback=True) == ["10000/udp", "4443/tcp"]


def test_a_signalling_host_without_a_local_bridge_has_no_bridge_ports():
    assert specs("public", local_videobridge=False) == ["80/tcp", "443/tcp", "3478/udp", "5349/tcp"]
    assert "8080/tcp" not in specs("all", local_videobridge=False)


def test_prosody_opens_to_remote_bridges_only_when_there_are_some():
    assert "5222/tcp" not in specs("all")
    xmpp = [item for item in jitsi_ports("public", remote_videobridges=True) if item["port"] == 5222]
    assert len(xmpp) == 1 and xmpp[0]["sources"] == "videobridges" and xmpp[0]["host"] == "signalling"
    assert "5222/tcp" not in specs("all", host="videobridge", remote_videobridges=True)
    assert not [item for item in jitsi_ports("all") if "sources" in item]


def test_the_pool_meets_in_the_brewery_of_the_auth_host():
    pool = jitsi_videobridge_pool("meet.example.org")
    assert pool["brewery"] == "JvbBrewery@internal.auth.meet.example.org"
    assert pool["accounts_dir"] == "/var/lib/prosody/auth%2emeet%2eexample%2eorg/accounts"
    assert pool["account_pattern"] == "jvb%2d*.dat"


def test_bridge_ids_are_read_back_from_account_files():
    files = ["/var/lib/prosody/auth%2em/accounts/jvb%2dbridge%2d1%2eexample%2eorg.dat",
             "/x/jvb%2dbridge2.dat", "/x/jvb.dat", "/x/focus.dat", "/x/jvb%2dbridge2.dat", "/x/jvb%2d%2dbad.dat"]
    assert jitsi_videobridge_ids(files) == ["bridge-1.example.org", "bridge2"]


@pytest.mark.parametrize("name", ["jvb-bridge1", "bridge-1.example.org", "zoë"])
def test_prosody_names_round_trip(name):
    assert deployment.prosody_name(deployment.prosody_node(name)) == name


@pytest.mark.parametrize("call, message", [
    (lambda: jitsi_ports("public", host="bridge"), "host=signalling or videobridge"),
    (lambda: jitsi_ports("public", remote_videobridges="yes"), "remote_videobridges to be true or false"),
    (lambda: jitsi_videobridge_pool("meet"), "fully qualified host name"),
    (lambda: jitsi_videobridge_ids("jvb%2dx.dat"), "list of account file paths"),
])
def test_wrong_pool_arguments_are_refused(call, message):
    with pytest.raises(AnsibleFilterError, match=message):
        call()


@pytest.mark.parametrize("value, expected", [("203.0.113.10", True), ("2001:db8::10", True), ("203.0.113.300", False),
                                             ("203.0.113.0/24", False), ("bridge1.example.org", False),
                                             ("203.0.113.10:5222", False), (None, False), (10, False)])
def test_ip_addresses_are_told_apart(value, expected):
    assert ip_address(value) is expected


@pytest.mark.parametrize("value, expected", [("bridge1", True), ("jvb1.example.org", True), ("b", True),
                                             ("Bridge1", False), ("bridge_1", False), ("-bridge", False),
                                             ("bridge-", False), ("b" * 64, False), (1, False)])
def test_bridge_ids_are_checked(value, expected):
    assert videobridge_id(value) is expected


@pytest.mark.parametrize("hostname, expected", [("cluster-bridge1", "cluster-bridge1"), ("Bridge_1", "bridge-1"),
                                                ("jvb1.Example.org", "jvb1.example.org"),
                                                ("privacy_stun_servers-no-port", "privacy-stun-servers-no-port"),
                                                ("_x_", "x"), ("b" * 70, "b" * 63)])
def test_a_bridge_id_is_made_from_any_inventory_name(hostname, expected):
    assert deployment.videobridge_default_id(hostname) == expected
    assert videobridge_id(expected)
