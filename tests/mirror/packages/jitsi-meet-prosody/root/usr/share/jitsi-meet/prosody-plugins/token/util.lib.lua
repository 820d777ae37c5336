-- TEST STAND-IN for Jitsi's token/util.lib.lua (selfhosted.jitsi test
-- fixture), written for the stand-in packages, not taken from Jitsi.
--
-- Reads the token options of a VirtualHost and checks tokens the way
-- upstream's helper does, for HS256 tokens signed with app_secret (no
-- asap_key_server):
--   app_id, app_secret          required; without them the helper is nil and
--                               the modules using it do nothing
--   allow_empty_token           a session without a token logs in (and is not
--                               room-checked) only when true
--   asap_accepted_issuers       accepted iss values, default { app_id }
--   asap_accepted_audiences     accepted aud values, default { "*" } (any aud,
--                               but the claim must be there)
--   asap_require_room_claim     default true: a token without room is refused
--   enable_domain_verification  default false: sub is then only recorded; when
--                               true, the room claim is compared with the
--                               name after a [tenant] prefix, and sub must be
--                               that tenant or "*"
-- The claims are bound to the session: room to jitsi_meet_room, sub to
-- jitsi_meet_domain, context.user/group/features to jitsi_meet_context_*.

local basexx = require "basexx"; -- luacheck: ignore 211 (upstream's helper needs it; so does its loading)
local inspect = require "inspect";
local jid = require "util.jid";
local jwt = module:require "luajwtjitsi";

local Util = {};
Util.__index = Util;

local function contains(list, value)
	for _, item in ipairs(list) do
		if item == "*" or item == value then
			return true;
		end
	end
	return false;
end

function Util.new(host_module)
	local self = setmetatable({}, Util);
	self.module = host_module;
	self.appId = host_module:get_option_string("app_id");
	self.appSecret = host_module:get_option_string("app_secret");
	self.allowEmptyToken = host_module:get_option_boolean("allow_empty_token", false);
	if self.appId == nil then
		host_module:log("error", "'app_id' must not be empty");
		return nil;
	end
	if self.appSecret == nil then
		host_module:log("error", "'app_secret' or 'asap_key_server' must be specified");
		return nil;
	end
	if self.allowEmptyToken then
		host_module:log("warn", "WARNING - empty tokens allowed");
	end
	self.acceptedIssuers = host_module:get_option_array("asap_accepted_issuers", { self.appId });
	self.acceptedAudiences = host_module:get_option_array("asap_accepted_audiences", { "*" });
	self.requireRoomClaim = host_module:get_option_boolean("asap_require_room_claim", true);
	self.enableDomainVerification = host_module:get_option_boolean("enable_domain_verification", false);
	return self;
end

function Util:verify_token(token)
	local claims, err = jwt.verify(token, self.appSecret);
	if claims == nil then
		return nil, err;
	end
	if claims.iss == nil then
		return nil, "'iss' claim is missing";
	end
	if not contains(self.acceptedIssuers, claims.iss) then
		return nil, "Invalid issuer ('iss' claim)";
	end
	if self.requireRoomClaim and claims.room == nil then
		return nil, "'room' claim is missing";
	end
	if claims.aud == nil then
		return nil, "'aud' claim is missing";
	end
	if not contains(self.acceptedAudiences, claims.aud) then
		return nil, "Invalid audience ('aud' claim)";
	end
	return claims;
end

-- Returns true, or false, the error condition and the reason.
function Util:process_and_verify_token(session)
	if session.auth_token == nil then
		if self.allowEmptyToken then
			return true;
		end
		return false, "not-allowed", "token required";
	end
	local claims, reason = self:verify_token(session.auth_token);
	if claims == nil then
		return false, "not-allowed", reason;
	end
	session.jitsi_meet_room = claims.room;
	session.jitsi_meet_domain = claims.sub;
	local context = type(claims.context) == "table" and claims.context or {};
	session.jitsi_meet_context_user = context.user;
	session.jitsi_meet_context_group = context.group;
	session.jitsi_meet_context_features = context.features;
	self.module:log("debug", "token claims bound to the session: %s", inspect(claims));
	return true;
end

-- Whether the session may enter (or create) the room at room_address.  Like
-- upstream, a session with no verified room claim (a guest of another host,
-- or an empty token where allowed) is let through: jicofo decides who may
-- create rooms.
function Util:verify_room(session, room_address)
	if self.allowEmptyToken and session.auth_token == nil then
		return true;
	end
	local node = jid.split(room_address);
	if node == nil then
		return true;
	end
	local auth_room = session.jitsi_meet_room;
	if auth_room == nil then
		return true;
	end
	if not self.enableDomainVerification then
		-- The whole node, tenant prefix included, as upstream compares it.
		return auth_room == "*" or node == string.lower(tostring(auth_room));
	end
	local tenant, name = node:match("^%[([^%]]+)%](.+)$");
	name = name or node;
	if auth_room ~= "*" and name ~= string.lower(tostring(auth_room)) then
		return false;
	end
	if tenant then
		local sub = session.jitsi_meet_domain;
		if sub ~= "*" and string.lower(tostring(sub)) ~= tenant then
			return false;
		end
	end
	return true;
end

return Util;
