-- TEST STAND-IN for Jitsi's mod_auth_jitsi-anonymous (selfhosted.jitsi test
-- fixture), written for the stand-in packages, not taken from Jitsi.
--
-- Upstream's host file names this provider on the main VirtualHost
-- (authentication = "jitsi-anonymous").  Like prosody's own anonymous
-- provider, it lets anyone in through SASL ANONYMOUS under a random user
-- name and refuses every password-based login.  Upstream's module adds the
-- resumption of BOSH sessions under the same name, which the stand-in leaves
-- out.  Works with prosody 0.12 (Debian 12) and 13 (Debian 13).

local new_sasl = require "util.sasl".new;

local provider = {};

function provider.test_password(username, password) -- luacheck: ignore 212
	return nil, "Password based auth not supported (anonymous host)";
end

function provider.get_password(username) -- luacheck: ignore 212
	return nil, "Password not available (anonymous host)";
end

function provider.set_password(username, password) -- luacheck: ignore 212
	return nil, "Password based auth not supported (anonymous host)";
end

function provider.user_exists(username) -- luacheck: ignore 212
	return nil, "Only anonymous users exist on this host";
end

function provider.create_user(username, password) -- luacheck: ignore 212
	return nil, "Accounts cannot be created on an anonymous host";
end

function provider.delete_user(username) -- luacheck: ignore 212
	return nil, "Accounts cannot be deleted on an anonymous host";
end

function provider.users()
	return next, {}, nil;
end

-- util.sasl's ANONYMOUS mechanism picks the random user name itself and asks
-- the profile whether it may be used; any name is fine here.  With no
-- password callbacks in the profile, PLAIN and SCRAM are not offered.
function provider.get_sasl_handler()
	return new_sasl(module.host, {
		anonymous = function(sasl, username, realm) -- luacheck: ignore 212
			return true;
		end;
	});
end

module:log("info", "jitsi-anonymous test stand-in: anonymous logins only on %s", module.host);
module:provides("auth", provider);
