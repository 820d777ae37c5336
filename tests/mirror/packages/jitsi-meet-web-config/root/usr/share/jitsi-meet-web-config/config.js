// Jitsi Meet client configuration: TEST STAND-IN template shipped by the
// jitsi-meet-web-config stand-in package (selfhosted.jitsi test fixture).
// Shaped like upstream's config.js, with the keys that matter for privacy.
var config = {
    hosts: {
        // XMPP domain of the deployment.
        domain: 'jitsi-meet.example.com',

        // Guests of a secure domain log in here.
        // anonymousdomain: 'guest.jitsi-meet.example.com',

        // Multi-user chat service of the conferences.
        muc: 'conference.jitsi-meet.example.com'
    },

    // BOSH endpoint, proxied by the web server to prosody.
    bosh: 'https://jitsi-meet.example.com/http-bind',

    // XMPP over websocket, proxied by the web server to prosody.
    websocket: 'wss://jitsi-meet.example.com/xmpp-websocket',

    // Disables the calls of the web app to servers other than this one
    // (gravatar, third-party scripts).
    // disableThirdPartyRequests: false,

    // Avatars of participants who give an e-mail address are fetched from
    // gravatar unless this is disabled.
    // gravatar: {
    //     disabled: false,
    //     baseUrl: 'https://www.gravatar.com/avatar/'
    // },

    // Peer-to-peer mode for calls of two participants.
    p2p: {
        enabled: true,

        // STUN servers the browsers contact in peer-to-peer mode: a third
        // party sees the participants' addresses.  Upstream ships this
        // list uncommented.
        stunServers: [
            // { urls: 'stun:jitsi-meet.example.com:3478' },
            { urls: 'stun:meet-jit-si-turnrelay.jitsi.net:443' }
        ]
    },

    // Analytics and call statistics sent elsewhere.
    analytics: {
        // disabled: false
    },

    // Shown on the welcome page.
    enableWelcomePage: true,

    // Test stand-in marker, read by the fixture's tests.
    standinTemplate: 'jitsi-meet-web-config @MEET_VERSION@'
};
