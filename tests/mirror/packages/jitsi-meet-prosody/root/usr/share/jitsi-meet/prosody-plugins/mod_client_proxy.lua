-- TEST STAND-IN for Jitsi's mod_client_proxy (selfhosted.jitsi test fixture).
-- It lets the focus component load with upstream's configuration; it relays
-- nothing to the target address.
local target = module:get_option_string("target_address", "(none)");
module:log("info", "client_proxy test stand-in for %s: relays nothing", target);
