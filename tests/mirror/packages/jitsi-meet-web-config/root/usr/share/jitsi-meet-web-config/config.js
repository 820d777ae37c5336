// Jitsi Meet client configuration: TEST STAND-IN template shipped by the
// jitsi-meet-web-config stand-in package (selfhosted.jitsi test fixture).
// It has the structure of upstream's config.js (server-side include
// variables, one `config` object whose defaults are mostly commented out,
// then code that runs only under a condition), not its length: upstream's
// file has about 2,000 lines, this one only what the tests read.

/* eslint-disable no-var, prefer-template */

// nginx (ssi on) fills these in for a tenant, /<tenant>/config.js; for the
// top level they are empty.
var subdir = '<!--# echo var="subdir" default="" -->';
var subdomain = '<!--# echo var="subdomain" default="" -->';

// Served without server-side includes the comments stay as they are.
if (subdir.startsWith('<!--')) {
    subdir = '';
}
if (subdomain.startsWith('<!--')) {
    subdomain = '';
}

// "tenant." becomes a label of the MUC domain: dots inside it become
// underscores, the letters lower case, one trailing dot.
if (subdomain) {
    subdomain = subdomain.slice(0, -1).split('.')
        .join('_')
        .toLowerCase() + '.';
}

// Only deployments on 8x8's JaaS turn this on (see the end of the file).
var enableJaaS = false;

var config = {
    // Connection

    hosts: {
        // XMPP domain.
        domain: 'jitsi-meet.example.com',

        // Guests of a secure domain log in here.
        // anonymousdomain: 'guest.example.com',

        // Domain of authenticated users (default: domain).
        // authdomain: 'jitsi-meet.example.com',

        // Multi-user chat service of the conferences.
        muc: 'conference.' + subdomain + 'jitsi-meet.example.com',
    },

    // BOSH endpoint, proxied by nginx to prosody.
    bosh: 'https://jitsi-meet.example.com/' + subdir + 'http-bind',

    // XMPP over websocket, proxied by nginx to prosody.
    websocket: 'wss://jitsi-meet.example.com/' + subdir + 'xmpp-websocket',

    // The focus' real JID.
    // focusUserJid: 'focus@auth.jitsi-meet.example.com',

    // Media

    // Participants join with their microphone muted from the Nth on.
    // startAudioMuted: 10,

    // Participants join with their camera off from the Nth on.
    // startVideoMuted: 10,

    // Preferred height of the video sent.
    // resolution: 720,

    // Privacy

    // Stops the web app from loading anything from servers other than
    // this one (avatars, third-party scripts).
    // disableThirdPartyRequests: false,

    // Avatars of participants who give an e-mail address, fetched from
    // gravatar unless disabled.
    // gravatar: {
    //     // Where avatars are fetched from.
    //     baseUrl: 'https://www.gravatar.com/avatar/',
    //     // No avatars from gravatar at all.
    //     disabled: false,
    // },

    // Keeps room names out of the browser's recent list.
    // doNotStoreRoom: false,

    // Peer-to-peer mode for calls of two participants.
    p2p: {
        // Two participants talk directly, not through the bridge.
        enabled: true,

        // STUN servers the browsers ask for their public address in
        // peer-to-peer mode: whoever runs one sees the participants'
        // addresses.  Upstream ships this list uncommented.
        stunServers: [
            // { urls: 'stun:jitsi-meet.example.com:3478' },
            { urls: 'stun:meet-jit-si-turnrelay.jitsi.net:443' },
        ],
    },

    // Analytics and statistics sent elsewhere.
    // analytics: {
    //     // No analytics handlers at all.
    //     disabled: false,
    //     // Scripts loaded for analytics.
    //     scriptURLs: [],
    // },

    // Welcome page

    // Shows the welcome page on /.
    // enableWelcomePage: true,

    // Test stand-in marker, read by the fixture's tests.
    standinTemplate: 'jitsi-meet-web-config @MEET_VERSION@',
};

// Telephony defaults of JaaS deployments: conditional code, so only
// contacted when enableJaaS is true above.
if (enableJaaS) {
    config.dialInNumbersUrl = 'https://conference-mapper.jitsi.net/v1/access/dids';
    config.dialInConfCodeUrl = 'https://conference-mapper.jitsi.net/v1/access';
    config.roomPasswordNumberOfDigits = 10;
}
