"""With token authentication, a token signed with the application secret for
a room opens that room over XMPP through nginx's BOSH endpoint; a token with a
wrong signature, an expired or not yet valid token, a token of another
issuer, a token for another room and no token at all are refused.
Prosody refuses with not-allowed; a plugin that failed to load would offer
no mechanism at all, which these tests tell apart."""

import os
import threading
import time

import testinfra.utils.ansible_runner

testinfra_hosts = testinfra.utils.ansible_runner.AnsibleRunner(
    os.environ["MOLECULE_INVENTORY_FILE"]
).get_hosts("jitsi")


def test_a_token_for_the_room_opens_it(login, mint):
    result = login(token=mint("standup"), room="standup")
    assert result["auth"] == "ok", result
    assert result["conference"] == "ok", result
    assert result["join"] == "ok", result


def test_a_token_for_every_room_opens_any(login, mint):
    result = login(token=mint("*"), room="retro")
    assert (result["auth"], result["join"]) == ("ok", "ok"), result


def test_a_token_signed_with_another_secret_is_refused(login, mint):
    result = login(token=mint("standup", secret="Another-Secret-Than-The-Apps"), room="standup")
    assert result["auth"] == "error:not-allowed", result


def test_an_expired_token_is_refused(login, mint):
    now = int(time.time())
    result = login(token=mint("standup", iat=now - 7200, nbf=now - 7200, exp=now - 3600), room="standup")
    assert result["auth"] == "error:not-allowed", result


def test_a_token_not_yet_valid_is_refused(login, mint):
    result = login(token=mint("standup", nbf=int(time.time()) + 3600), room="standup")
    assert result["auth"] == "error:not-allowed", result


def test_a_token_of_another_issuer_is_refused(login, mint):
    result = login(token=mint("standup", iss="someone-else"), room="standup")
    assert result["auth"] == "error:not-allowed", result


def test_a_token_for_another_room_does_not_open_this_one(login, mint):
    result = login(token=mint("standup"), room="board-meeting")
    assert result["auth"] == "ok", result
    assert result["join"] == "error:not-allowed", result


def test_no_token_is_refused(login):
    result = login(room="standup")
    assert result["auth"] == "error:not-allowed", result


def test_guests_only_where_allowed(host, login, mint, hostvars, domain):
    guest = f"guest.{domain}"
    if not hostvars.get("access_jwt_guests"):
        result = login(xmpp_host=guest, room="standup")
        assert result["auth"] != "ok", result
        return
    # A guest cannot open a room alone ...
    alone = login(xmpp_host=guest, room="guest-alone")
    assert alone["auth"] == "ok", alone
    assert alone["conference"] == "error:not-authorized", alone
    # ... but joins one that someone with a token opened and is still in.
    opened = {}
    holder = threading.Thread(target=lambda: opened.update(login(token=mint("weekly"), room="weekly", stay=25)))
    holder.start()
    time.sleep(8)
    joined = login(xmpp_host=guest, room="weekly")
    holder.join()
    assert opened.get("join") == "ok", opened
    assert (joined["auth"], joined["join"]) == ("ok", "ok"), joined
