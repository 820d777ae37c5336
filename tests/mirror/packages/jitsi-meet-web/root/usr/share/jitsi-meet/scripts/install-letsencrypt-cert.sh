#!/bin/sh
# TEST STAND-IN for upstream's install-letsencrypt-cert.sh (selfhosted.jitsi
# test fixture), shipped where upstream ships it: by jitsi-meet-web, in
# /usr/share/jitsi-meet/scripts/.  Upstream's script installs acme.sh under
# /opt/acmesh and asks Let's Encrypt for a certificate for the domain.  The
# stand-in takes the same arguments, downloads nothing, changes nothing and
# fails: no ACME server is reachable from the stand-in's test hosts.
#
# Usage (as upstream): install-letsencrypt-cert.sh EMAIL [DOMAIN]
EMAIL=$1
DOMAIN=$2
if [ -z "$DOMAIN" ]; then
    # Upstream falls back to the domain the packages were configured for.
    DOMAIN=$(debconf-show jitsi-meet-web-config 2>/dev/null \
        | sed -n 's/^[* ] jitsi-meet\/jvb-hostname: *//p')
fi
echo "install-letsencrypt-cert.sh (test stand-in): no ACME server is reachable from the stand-in;" >&2
echo "no certificate was requested for '${DOMAIN:-unknown domain}' (contact '${EMAIL:-none}')" >&2
echo "and /etc/jitsi/meet keeps its certificate." >&2
exit 1
