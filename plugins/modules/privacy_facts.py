#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: privacy_facts
short_description: Read a Jitsi Meet host's live configuration into the secret-free facts of the privacy report
version_added: 1.0.0
description:
  - Reads, on the host, what the privacy report judges - the front page and
    C(config.js) as the web server serves them, with the response headers;
    TLS handshakes from TLS 1.0 to TLS 1.3; the nginx site and C(nginx.conf);
    prosody's main and host files; C(jvb.conf) and C(jicofo.conf);
    C(turnserver.conf); the bridge's and jicofo's C(logging.properties); the
    logrotate files; owner, group and mode of the files that hold secrets and
    of the key coturn uses; the host's users and groups; the number of
    accounts of the domain.
  - Parses them on the host and returns only facts (host names, settings,
    log levels, retention, who can read which file), never the files' texts,
    so the passwords and secrets in C(jvb.conf), C(jicofo.conf), prosody's
    host file and C(turnserver.conf) do not leave the host.
  - Never changes anything.
author:
  - selfhosted.jitsi maintainers (@selfhosted)
options:
  domain:
    description:
      - The domain of the Jitsi Meet deployment, such as C(meet.example.org).
    type: str
    required: true
  files:
    description:
      - Upstream's files by name, as the filter C(selfhosted.jitsi.jitsi_files)
        returns them for O(domain).
      - The module reads C(nginx_site_enabled), C(nginx_conf), C(prosody_conf),
        C(prosody_host_enabled), C(jvb_conf), C(jicofo_conf), C(turnserver_conf),
        C(jvb_logging), C(jicofo_logging) and every C(logrotate_*) entry. A file
        that does not exist or cannot be read counts as empty.
    type: dict
    required: true
  secret_files:
    description:
      - The files that hold secrets, as the filter
        C(selfhosted.jitsi.jitsi_secret_files) returns them for O(domain) -
        each with C(path), C(readers) (the users that must read it) and
        C(allowed) (the users that may read it too).
    type: list
    elements: dict
    required: true
  accounts_dir:
    description:
      - prosody's folder of the accounts of O(domain), whose C(*.dat) files
        are counted (only the number is returned).
      - Without it the number of accounts is not known.
    type: path
  url:
    description:
      - Where the web server of the deployment answers; the module reads the
        front page and C(config.js) below it. It does not check the
        certificate - whether that is trusted is a question for the health
        playbook.
      - Defaults to C(https://<domain>/).
    type: str
  tls_address:
    description:
      - Address and port the TLS handshakes go to, with O(domain) as the server name.
    type: str
    default: 127.0.0.1:443
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: The module only reads, so check mode reads the same.
  diff_mode:
    support: none
  platform:
    platforms: debian
requirements:
  - C(openssl) and C(timeout) on the managed host for the handshakes.
seealso:
  - module: ansible.builtin.slurp
    description: Reads a file whole and sends it to the controller; this module sends only facts.
'''

EXAMPLES = r'''
- name: Read the facts of the privacy report
  selfhosted.jitsi.privacy_facts:
    domain: "{{ jitsi_domain }}"
    files: "{{ jitsi_domain | selfhosted.jitsi.jitsi_files }}"
    secret_files: "{{ jitsi_domain | selfhosted.jitsi.jitsi_secret_files }}"
    accounts_dir: /var/lib/prosody/{{ jitsi_domain | selfhosted.jitsi.prosody_node }}/accounts
  register: privacy_report_host

- name: Judge them
  ansible.builtin.debug:
    msg: "{{ privacy_report_host.facts | selfhosted.jitsi.privacy_findings(14) }}"
'''

RETURN = r'''
facts:
  description:
    - The facts the privacy report judges; the input of the filter
      P(selfhosted.jitsi.privacy_findings#filter). No value is copied from a file
      that holds secrets other than host names, settings and paths.
  returned: always
  type: dict
  contains:
    domain:
      description: The domain.
      type: str
      sample: meet.example.org
    browser_hosts:
      description: Host names the served page and config.js make browsers contact.
      type: list
      elements: str
      sample: [meet.example.org]
    third_party_browser_hosts:
      description: Those of them outside the domain.
      type: list
      elements: str
      sample: []
    jvb_stun_servers:
      description: The STUN addresses of jvb.conf.
      type: list
      elements: str
      sample: ["meet.example.org:3478"]
    prosody:
      description: Authentication, guests, lobby, room storage, log levels and external services of prosody.
      type: dict
    nginx:
      description: Per server of the site, its access logs, TLS protocols and headers.
      type: dict
    tls_handshakes:
      description: Per protocol version (tls1 ... tls1_3), whether the server accepted a handshake.
      type: dict
      sample: {tls1: false, tls1_1: false, tls1_2: true, tls1_3: true}
    log_retention:
      description: Per logrotate file, the days its logs are kept (null when not bounded) and why.
      type: dict
    secret_files:
      description: Per file with secrets, its mode, owner, group, who cannot read it and who else can.
      type: list
      elements: dict
    accounts:
      description: The number of accounts of the domain, or null when not known.
      type: int
'''

import glob
import grp
import os
import pwd

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.six.moves import http_client
from ansible.module_utils.urls import open_url

from ansible_collections.selfhosted.jitsi.plugins.module_utils.files import read_bytes
from ansible_collections.selfhosted.jitsi.plugins.module_utils.privacy_host import (
    HEADER_NAMES,
    LOGROTATE_PREFIX,
    TEXT_FILES,
    TLS_VERSIONS,
    handshake_accepted,
    host_facts,
    turnserver_facts,
)


def read_text(path):
    data = read_bytes(path)
    return "" if data is None else to_text(data, errors="surrogate_or_replace")


def served(url):
    """The text and headers of a page that answers 200, else ('', {})."""
    try:
        response = open_url(url, validate_certs=False, timeout=15)
        if response.getcode() != 200:
            return "", {}
        text = to_text(response.read(), errors="surrogate_or_replace")
        headers = dict((name, response.headers.get(name)) for name in HEADER_NAMES if response.headers.get(name) is not None)
        return text, headers
    except (OSError, ValueError, http_client.HTTPException):
        return "", {}


def handshakes(module, address, domain):
    accepted = {}
    for version in TLS_VERSIONS:
        # SECLEVEL=0, so that the server, not this host's OpenSSL, refuses old protocols.
        command = ["timeout", "10", "openssl", "s_client", "-connect", address, "-servername", domain,
                   "-" + version, "-cipher", "DEFAULT:@SECLEVEL=0"]
        dummy, out, err = module.run_command(command, data="Q")
        accepted[version] = handshake_accepted(out + err)
    return accepted


def examine(path):
    """The stat of a file: {path, exists, mode, owner, group}."""
    try:
        stat = os.stat(path)
    except OSError:
        return {"path": path, "exists": False}

    def name(lookup, ident):
        try:
            return lookup(ident)[0]
        except KeyError:
            return str(ident)
    return {"path": path, "exists": True, "mode": "%04o" % (stat.st_mode & 0o7777),
            "owner": name(pwd.getpwuid, stat.st_uid), "group": name(grp.getgrgid, stat.st_gid)}


def accounts_in(folder):
    if not folder or not os.path.isdir(folder):
        return None
    return len(glob.glob(os.path.join(folder, "*.dat")))


def main():
    module = AnsibleModule(
        argument_spec=dict(
            domain=dict(type="str", required=True),
            files=dict(type="dict", required=True),
            # Names the files and their readers, not what they hold.
            secret_files=dict(type="list", elements="dict", required=True, no_log=False),
            accounts_dir=dict(type="path"),
            url=dict(type="str"),
            tls_address=dict(type="str", default="127.0.0.1:443"),
        ),
        supports_check_mode=True,
    )
    domain, files = module.params["domain"], module.params["files"]
    missing = [name for name in TEXT_FILES if not files.get(name)]
    if missing:
        module.fail_json(msg="files names no path for %s; expected the output of selfhosted.jitsi.jitsi_files(domain)."
                         % ", ".join(missing))
    secrets = module.params["secret_files"]
    if any(not isinstance(item.get("path"), str) for item in secrets):
        module.fail_json(msg="each of secret_files needs a path; expected the output of "
                         "selfhosted.jitsi.jitsi_secret_files(domain).")

    raw = dict((name, read_text(files[name])) for name in TEXT_FILES)
    raw["logrotate"] = dict((name[len(LOGROTATE_PREFIX):], read_text(path)) for name, path in files.items()
                            if name.startswith(LOGROTATE_PREFIX))
    url = (module.params["url"] or "https://%s/" % domain).rstrip("/") + "/"
    raw["index_html"], raw["headers"] = served(url)
    raw["config_js"] = served(url + "config.js")[0]
    raw["tls_handshakes"] = handshakes(module, module.params["tls_address"], domain)

    raw["secret_files"] = []
    for item in secrets:
        examined = examine(item["path"])
        examined.update(name=item.get("name"), readers=list(item.get("readers") or []), allowed=list(item.get("allowed") or []))
        raw["secret_files"].append(examined)
    # The key coturn uses, when it is not one of those files already.
    key = turnserver_facts(raw["turnserver_conf"])["pkey"]
    if key and key not in [item["path"] for item in raw["secret_files"]]:
        raw["secret_files"].append(dict(examine(key), name=None, readers=[], allowed=[]))
    raw["users"] = dict((user.pw_name, {"uid": user.pw_uid, "gid": user.pw_gid}) for user in pwd.getpwall())
    raw["groups"] = dict((group.gr_name, {"gid": group.gr_gid, "members": list(group.gr_mem)}) for group in grp.getgrall())
    raw["accounts"] = accounts_in(module.params["accounts_dir"])

    module.exit_json(changed=False, facts=host_facts(raw, domain))


if __name__ == "__main__":
    main()
