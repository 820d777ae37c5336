#!/bin/sh
# TEST STAND-IN for upstream's install-letsencrypt-cert.sh (selfhosted.jitsi
# test fixture).  Upstream's script installs acme.sh and asks Let's Encrypt
# for a certificate; this stand-in downloads nothing and changes nothing.
echo "install-letsencrypt-cert.sh: test stand-in; no certificate was requested." >&2
echo "Usage upstream: install-letsencrypt-cert.sh EMAIL [DOMAIN]" >&2
exit 1
