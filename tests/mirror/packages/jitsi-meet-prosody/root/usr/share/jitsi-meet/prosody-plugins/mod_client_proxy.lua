-- TEST STAND-IN for Jitsi's mod_client_proxy (selfhosted.jitsi test
-- fixture), written for the stand-in packages, not taken from Jitsi.
--
-- The focus.<domain> component: it lets clients address jicofo, which logs
-- in as a plain user (target_address), as if it were a component.  As
-- upstream's:
--  * the target announces itself with presence to the component; each
--    available resource is remembered, unavailable or error forgets it;
--  * an iq get/set from anyone else goes to one of those resources, its
--    sender written into the resource: from = <component>/<sender full JID>;
--    with none, the sender gets service-unavailable;
--  * the target's result or error to <component>/<JID> goes back to that
--    JID, from the component;
--  * other stanzas (messages, presence from others) are answered with an
--    error.
if module:get_host_type() ~= "component" then
	error("client_proxy should be loaded as a component", 0);
end

local jid = require "util.jid";
local st = require "util.stanza";

local target_address = module:get_option_string("target_address");
local host = module.host;
local targets = {};

local function pick_target()
	local resources = {};
	for resource in pairs(targets) do
		resources[#resources + 1] = resource;
	end
	if #resources == 0 then
		return nil;
	end
	return resources[math.random(#resources)];
end

local function from_target(stanza)
	local _, _, resource = jid.split(stanza.attr.to);
	if stanza.name == "presence" and resource == nil then
		local _, _, target_resource = jid.split(stanza.attr.from);
		local kind = stanza.attr.type;
		if kind == nil then
			targets[target_resource] = true;
		elseif kind == "unavailable" then
			targets[target_resource] = nil;
		elseif kind == "error" then
			targets = {};
		end
		return;
	end
	if stanza.name == "iq" and (stanza.attr.type == "result" or stanza.attr.type == "error") then
		local client = resource and jid.prep(resource);
		if client == nil then
			module:log("debug", "cannot relay a reply to %s", tostring(stanza.attr.to));
			return;
		end
		stanza.attr.from = host;
		stanza.attr.to = client;
		module:send(stanza);
		return;
	end
	module:send(st.error_reply(stanza, "cancel", "feature-not-implemented"));
end

local function to_target(stanza)
	if stanza.name == "iq" and (stanza.attr.type == "get" or stanza.attr.type == "set") then
		local resource = pick_target();
		if resource == nil then
			module:send(st.error_reply(stanza, "cancel", "service-unavailable"));
			return;
		end
		stanza.attr.from = host .. "/" .. stanza.attr.from;
		stanza.attr.to = target_address .. "/" .. resource;
		module:send(stanza);
	elseif stanza.name == "presence" then
		if stanza.attr.type ~= "error" then
			module:send(st.error_reply(stanza, "cancel", "bad-request"));
		end
	elseif stanza.name == "message" then
		module:send(st.error_reply(stanza, "cancel", "feature-not-implemented"));
	end
end

local function handle(event)
	local stanza = event.stanza;
	if jid.bare(stanza.attr.from) == target_address then
		from_target(stanza);
	else
		to_target(stanza);
	end
	return true;
end

for _, kind in ipairs({ "iq", "message", "presence" }) do
	for _, address in ipairs({ "bare", "full", "host" }) do
		module:hook(kind .. "/" .. address, handle, -1);
	end
end

module:log("info", "client_proxy test stand-in: relays iq to %s", tostring(target_address));
