#!/bin/sh
# TEST STAND-IN for upstream's coturn-le-update.sh (selfhosted.jitsi test
# fixture), shipped by jitsi-meet-web next to install-letsencrypt-cert.sh as
# upstream does.  It does what upstream's does: when /etc/turnserver.conf is
# the one the Jitsi packages wrote, it copies /etc/jitsi/meet/DOMAIN.crt|.key
# to /etc/coturn/certs/ for the turnserver user (mode 0400), points the
# cert= and pkey= lines there and restarts coturn.
#
# Usage (as upstream): coturn-le-update.sh DOMAIN
set -e

DOMAIN=$1
if [ -z "$DOMAIN" ]; then
    echo "coturn-le-update.sh (test stand-in): the domain is missing." >&2
    exit 10
fi

TURN_CONFIG=/etc/turnserver.conf
CERT_DIR=/etc/coturn/certs

if [ ! -f "$TURN_CONFIG" ] || ! grep -q "jitsi-meet coturn config" "$TURN_CONFIG"; then
    exit 0
fi

if [ ! -d "$CERT_DIR" ]; then
    mkdir -p "$CERT_DIR"
    chown -R turnserver:turnserver /etc/coturn
    chmod -R 700 /etc/coturn
fi

# Never readable by others, not even while being copied.
umask 077
cp "/etc/jitsi/meet/$DOMAIN.crt" "$CERT_DIR/$DOMAIN.fullchain.pem"
cp "/etc/jitsi/meet/$DOMAIN.key" "$CERT_DIR/$DOMAIN.privkey.pem"
chown turnserver "$CERT_DIR/$DOMAIN.fullchain.pem" "$CERT_DIR/$DOMAIN.privkey.pem"
chmod 400 "$CERT_DIR/$DOMAIN.fullchain.pem" "$CERT_DIR/$DOMAIN.privkey.pem"

sed -i -e "s#^cert=.*#cert=$CERT_DIR/$DOMAIN.fullchain.pem#" \
       -e "s#^pkey=.*#pkey=$CERT_DIR/$DOMAIN.privkey.pem#" "$TURN_CONFIG"
echo "coturn-le-update.sh (test stand-in): coturn serves $CERT_DIR/$DOMAIN.fullchain.pem"
invoke-rc.d coturn restart
