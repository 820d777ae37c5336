-- TEST STAND-IN for Jitsi's mod_auth_token (selfhosted.jitsi test fixture),
-- written for the stand-in packages, not taken from Jitsi.
--
-- The auth provider that jitsi-meet-tokens names on the main VirtualHost
-- (authentication = "token").  As upstream:
--  * the token comes as ?token=... on the BOSH (/http-bind) or websocket
--    (/xmpp-websocket) URL; the bosh-session and websocket-session events
--    put it on the session (with ?room= as jitsi_web_query_room);
--  * the login is SASL ANONYMOUS under a random user name; the token is
--    checked then (token/util.lib.lua): a refused one gives the SASL failure
--    <not-allowed/> with the reason as text, and a session without a token
--    is refused unless allow_empty_token = true;
--  * password logins are refused.
-- Without app_id or app_secret the module logs an error and provides
-- nothing, so that prosody cannot load the provider.

local formdecode = require "util.http".formdecode;
local generate_uuid = require "util.uuid".generate;
local new_sasl = require "util.sasl".new;
local sasl = require "util.sasl";
local token_util = module:require "token/util".new(module);

if token_util == nil then
	return;
end

local host = module.host;

local function init_session(event)
	local session, request = event.session, event.request;
	local query = request and request.url and request.url.query;
	if query == nil then
		return;
	end
	local params = formdecode(query) or {};
	session.auth_token = params.token;
	session.jitsi_web_query_room = params.room;
	session.jitsi_web_query_prefix = params.prefix or "";
end

module:hook_global("bosh-session", init_session);
module:hook_global("websocket-session", init_session);

local provider = {};

function provider.test_password(username, password) -- luacheck: ignore 212
	return nil, "Password based auth not supported";
end

function provider.get_password(username) -- luacheck: ignore 212
	return nil;
end

function provider.set_password(username, password) -- luacheck: ignore 212
	return nil, "Set password not supported";
end

function provider.user_exists(username) -- luacheck: ignore 212
	return nil;
end

function provider.create_user(username, password) -- luacheck: ignore 212
	return nil;
end

function provider.delete_user(username) -- luacheck: ignore 212
	return nil;
end

function provider.users()
	return next, {}, nil;
end

function provider.get_sasl_handler(session)
	local function check_token(self, username, realm) -- luacheck: ignore 212
		local ok, condition, reason = token_util:process_and_verify_token(session);
		if not ok then
			module:log("warn", "Error verifying token err:%s, reason:%s", condition, reason);
			session.auth_token = nil;
			return false, condition, reason;
		end
		self.username = username;
		return true;
	end
	return new_sasl(host, { anonymous = check_token });
end

module:provides("auth", provider);

-- prosody's own ANONYMOUS mechanism asks the profile again with a new name
-- until it says yes, which would never end for a refused token.  Upstream
-- registers its own; so does the stand-in: one question, and a refusal is
-- a SASL failure with the profile's condition and reason.
local function anonymous(self, message) -- luacheck: ignore 212
	local username = generate_uuid();
	local ok, condition, reason = self.profile.anonymous(self, username, self.realm);
	if ok == true then
		self.username = self.username or username;
		return "success";
	end
	return "failure", condition or "not-authorized", reason;
end

sasl.registerMechanism("ANONYMOUS", { "anonymous" }, anonymous);

module:log("info", "token test stand-in: HS256 tokens of app_id %s on %s", token_util.appId, host);
