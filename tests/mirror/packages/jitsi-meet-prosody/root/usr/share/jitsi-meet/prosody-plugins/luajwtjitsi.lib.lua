-- TEST STAND-IN for the JWT library of Jitsi's prosody plugins
-- (selfhosted.jitsi test fixture), written for the stand-in packages, not
-- taken from Jitsi.  Same file name and the same Lua libraries as upstream's
-- (cjson, basexx, luaossl's openssl.hmac), so that it loads, or fails to
-- load, where upstream's does.
--
-- verify(token, secret) checks a compact JWS signed with HS256 and returns
-- its claims, or nil and the reason.  The header must say typ "JWT" and
-- alg "HS256" (any other alg, "none" and a missing alg are refused); exp and
-- nbf, when present, must be numbers and the token must be inside them.

local cjson = require "cjson.safe";
local basexx = require "basexx";
local hmac = require "openssl.hmac";

local M = {};

local function decode_segment(segment)
	local ok, raw = pcall(basexx.from_url64, segment);
	if not ok or raw == nil then
		return nil;
	end
	return raw;
end

local function decode_json(segment)
	local raw = decode_segment(segment);
	if raw == nil then
		return nil;
	end
	local value = cjson.decode(raw);
	if type(value) ~= "table" then
		return nil;
	end
	return value;
end

-- Compares two strings in time that does not depend on where they differ.
local function same_bytes(a, b)
	if #a ~= #b then
		return false;
	end
	local differ = 0;
	for i = 1, #a do
		if a:byte(i) ~= b:byte(i) then
			differ = differ + 1;
		end
	end
	return differ == 0;
end

function M.hs256(input, secret)
	return hmac.new(secret, "sha256"):final(input);
end

function M.verify(token, secret, now)
	if type(token) ~= "string" or type(secret) ~= "string" then
		return nil, "token and secret must be strings";
	end
	local head, body, signature = token:match("^([%w_%-]+)%.([%w_%-]+)%.([%w_%-]*)$");
	if not head then
		return nil, "Invalid token";
	end
	local header = decode_json(head);
	if header == nil then
		return nil, "Invalid header";
	end
	if header.typ ~= "JWT" then
		return nil, "Invalid typ";
	end
	if header.alg ~= "HS256" then
		return nil, "Invalid or incorrect alg";
	end
	local given = decode_segment(signature);
	if given == nil or not same_bytes(given, M.hs256(head .. "." .. body, secret)) then
		return nil, "Invalid signature";
	end
	local claims = decode_json(body);
	if claims == nil then
		return nil, "Invalid body";
	end
	now = now or os.time();
	if claims.exp ~= nil and type(claims.exp) ~= "number" then
		return nil, "exp must be number";
	end
	if claims.nbf ~= nil and type(claims.nbf) ~= "number" then
		return nil, "nbf must be number";
	end
	if claims.exp ~= nil and now >= claims.exp then
		return nil, "Not acceptable by exp";
	end
	if claims.nbf ~= nil and now < claims.nbf then
		return nil, "Not acceptable by nbf";
	end
	return claims;
end

return M;
