-- TEST STAND-IN for Jitsi's mod_token_verification (selfhosted.jitsi test
-- fixture), written for the stand-in packages, not taken from Jitsi.
--
-- Loaded on the conference MUC component.  Creating or joining a room is
-- refused with a presence error <not-allowed/> (type cancel, the reason as
-- text) when the session's verified room claim does not name the room
-- (token/util.lib.lua, verify_room).  Exempt, as upstream: the component's
-- admins (jicofo's focus user), JIDs and domains in
-- token_verification_allowlist, and sessions with no verified room claim
-- (guests of an anonymous guest host; tokenless sessions where
-- allow_empty_token = true): jicofo decides whether those may create rooms.
-- The token options are read from the main VirtualHost: this component's
-- name without its first label (conference.<domain> -> <domain>).

local st = require "util.stanza";
local jid_bare = require "util.jid".bare;
local jid_host = require "util.jid".host;

local parent_host = module.host:match("^[^.]+%.(.+)$");
if parent_host == nil then
	module:log("error", "Failed to start - unable to get parent hostname");
	return;
end

local token_util = module:require "token/util".new(module:context(parent_host));
if token_util == nil then
	return;
end

local admins = module:get_option_inherited_set("admins", {});
local allowlist = module:get_option_set("token_verification_allowlist", {});

local function is_exempt(from)
	local bare = jid_bare(from);
	return admins:contains(bare) or allowlist:contains(bare) or allowlist:contains(jid_host(from));
end

local function verify(event)
	local origin, stanza = event.origin, event.stanza;
	if is_exempt(stanza.attr.from) then
		return;
	end
	if token_util:verify_room(origin, stanza.attr.to) then
		return;
	end
	local reason = "Room and token mismatched";
	module:log("error", "User %s not allowed to join: %s token room: %s",
		tostring(stanza.attr.from), tostring(stanza.attr.to), tostring(origin.jitsi_meet_room));
	origin.send(st.error_reply(stanza, "cancel", "not-allowed", reason));
	return true;
end

module:hook("muc-room-pre-create", verify, 99);
module:hook("muc-occupant-pre-join", verify, 99);

module:log("info", "token_verification test stand-in on %s, token options of %s", module.host, parent_host);
