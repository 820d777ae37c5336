# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.selfhosted.jitsi.plugins.filter.nginx import (
    nginx_site, parse_nginx_site, undo_nginx_site)

# Shaped like upstream's site (our own text): a log format with the client
# address, its own access_log in the TLS server, HSTS at server level and
# again in /_unlock, a static location with its own add_header and its brace
# on the next line, a regex with quote characters, and a commented colibri
# location.
SITE = """\
# nginx site of meet.example.org
server_names_hash_bucket_size 64;
log_format jitsi_log '$remote_addr - [$time_local] "$request" $status';

upstream prosody {
    server 127.0.0.1:5280;
}

server {
    listen 80;
    listen [::]:80;
    server_name meet.example.org;

    location ^~ /.well-known/acme-challenge/ {
        root /usr/share/jitsi-meet;
    }
    location / {
        return 301 https://$host$request_uri;
    }
}

server {
    listen 443 ssl;
    listen [::]:443 ssl;
    server_name meet.example.org;

    ssl_protocols TLSv1.2 TLSv1.3;
    add_header Strict-Transport-Security "max-age=63072000" always;
    access_log /var/log/nginx/access.log jitsi_log;

    root /usr/share/jitsi-meet;
    ssi on;

    location = /config.js {
        alias /etc/jitsi/meet/meet.example.org-config.js;
    }

    location ~ ^/(libs|css|static|images|fonts|lang|sounds|.well-known)/(.*)$
    {
        add_header 'Access-Control-Allow-Origin' '*';
        alias /usr/share/jitsi-meet/$1/$2;
        if ($arg_v) {
            expires 1y;
        }
    }

    location = /http-bind {
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_pass http://prosody/http-bind?prefix=$prefix&$args;
    }

    # location /colibri-ws/ {
    #     proxy_pass http://127.0.0.1:9090;
    # }

    location ~ ^/([^/?&:'"]+)$ {
        try_files $uri @root_path;
    }

    location = /_unlock {
        add_header 'Access-Control-Allow-Origin' '*';
        add_header "Cache-Control" "no-cache, no-store";
        add_header Strict-Transport-Security "max-age=63072000" always;
    }
}
"""

HEADERS = ["Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy"]
SNIPPET = "/etc/nginx/snippets/selfhosted-jitsi-headers.conf"


def edit(text=SITE, **kwargs):
    settings = dict(access_log="anonymous", log_format="selfhosted_jitsi", tls_protocols=["TLSv1.2", "TLSv1.3"],
                    headers_include=SNIPPET, managed_headers=HEADERS)
    settings.update(kwargs)
    return nginx_site(text, **settings)


def live(text):
    """The lines nginx reads: comments and blank lines dropped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def block_lines(text, opening):
    """The live lines of the first block whose opening line starts with `opening`."""
    lines = live(text)
    start = next(i for i, line in enumerate(lines) if line.startswith(opening))
    depth, out = 0, []
    for line in lines[start:]:
        depth += line.count("{") - line.count("}")
        out.append(line)
        if depth == 0 and "{" in "".join(out):
            break
    return out


def test_upstreams_access_log_with_addresses_is_switched_off():
    text = edit()
    assert "access_log /var/log/nginx/access.log jitsi_log;" not in live(text)
    logs = [line for line in live(text) if line.startswith("access_log")]
    assert logs == ["access_log /var/log/nginx/access.log selfhosted_jitsi;  # selfhosted.jitsi"] * 2


def test_the_log_format_keeps_no_address_and_no_url():
    fmt = [line for line in live(edit()) if line.startswith("log_format selfhosted_jitsi")]
    assert len(fmt) == 1
    assert "$remote_addr" not in fmt[0] and "$request " not in fmt[0] and "$request_uri" not in fmt[0]
    # Defined in the http context, before the first server.
    assert live(edit()).index(fmt[0]) < live(edit()).index("server {")


def test_access_log_off_and_full():
    off = edit(access_log="off")
    assert [line for line in live(off) if line.startswith("access_log")] == ["access_log off;  # selfhosted.jitsi"] * 2
    assert not any(line.startswith("log_format selfhosted") for line in live(off))
    full = edit(access_log="full")
    assert "access_log /var/log/nginx/access.log jitsi_log;" in live(full)
    assert "log_not_found off;  # selfhosted.jitsi" not in live(full)


def test_every_location_with_its_own_headers_includes_the_role_headers():
    text = edit()
    include = "include %s;  # selfhosted.jitsi" % SNIPPET
    static = block_lines(text, "location ~ ^/(libs|css")
    assert include in static
    unlock = block_lines(text, "location = /_unlock")
    assert include in unlock
    # Locations without add_header inherit the server's headers.
    assert include not in block_lines(text, "location = /config.js")
    tls_server = [line for line in live(text) if line == include]
    assert len(tls_server) == 3


def test_hsts_is_set_once_per_response_class():
    text = edit()
    hsts = [line for line in live(text) if line.startswith("add_header Strict-Transport-Security")]
    assert hsts == []
    # upstream's other headers stay where they are
    unlock = block_lines(text, "location = /_unlock")
    assert "add_header \"Cache-Control\" \"no-cache, no-store\";" in unlock


def test_headers_are_left_alone_on_the_plain_http_server():
    text = edit()
    http = block_lines(text, "server {")
    assert not any("include" in line for line in http)


def test_tls_protocols_replace_upstreams():
    text = edit(tls_protocols=["TLSv1.3"])
    assert [line for line in live(text) if line.startswith("ssl_protocols")] == ["ssl_protocols TLSv1.3;  # selfhosted.jitsi"]


def test_second_run_changes_nothing_and_undo_gives_upstreams_text_back():
    once = edit()
    assert edit(once) == once
    assert undo_nginx_site(once) == SITE
    assert edit(once, access_log="full", tls_protocols=[], headers_include=None) == SITE


def test_switching_settings_converges_to_the_same_text():
    assert edit(edit(access_log="off")) == edit()
    assert edit(edit(access_log="full", managed_headers=["X-Other"])) == edit()


def test_blocks_of_the_first_release_are_removed():
    legacy = SITE.replace(
        "    listen [::]:443 ssl;\n",
        "    listen [::]:443 ssl;\n# BEGIN selfhosted.jitsi: access log (https)\n"
        "    access_log /var/log/nginx/access.log old;\n# END selfhosted.jitsi: access log (https)\n")
    legacy = "# BEGIN selfhosted.jitsi: log format\nlog_format old '$time_iso8601';\n" \
        "# END selfhosted.jitsi: log format\n" + legacy
    assert edit(legacy) == edit()


def test_parser_reads_quotes_regexes_and_variables():
    tree = parse_nginx_site(SITE)
    servers = [b for b in tree.walk() if b.name == "server"]
    assert len(servers) == 2
    locations = [b.words for b in servers[1].walk() if b.name == "location"]
    assert ["location", "~", "^/([^/?&:'\"]+)$"] in locations
    assert ["location", "=", "/_unlock"] in locations


@pytest.mark.parametrize("broken, why", [
    ("server {\n    listen 443 ssl;\n", "not closed"),
    ("server {\n    listen 443 ssl;\n}\n}\n", "unexpected"),
    ("server {\n    listen 443 ssl\n}\n", "without ';'"),
])
def test_a_site_it_cannot_read_is_refused(broken, why):
    with pytest.raises(AnsibleFilterError, match=why):
        edit(broken)


def test_a_header_line_sharing_a_line_is_refused_not_half_edited():
    site = SITE.replace('add_header Strict-Transport-Security "max-age=63072000" always;\n    access_log',
                        'add_header Strict-Transport-Security "max-age=63072000" always; access_log')
    with pytest.raises(AnsibleFilterError, match="more than one statement"):
        edit(site)


def test_semicolons_in_quoted_values_are_one_statement():
    site = SITE.replace('add_header "Cache-Control" "no-cache, no-store";',
                        'add_header "Cache-Control" "no-cache; no-store";')
    assert 'add_header "Cache-Control" "no-cache; no-store";' in block_lines(edit(site), "location = /_unlock")


def test_unknown_access_log_mode_is_refused():
    with pytest.raises(AnsibleFilterError, match="expected anonymous, off or full"):
        edit(access_log="minimal")
