# -*- coding: utf-8 -*-
# Copyright: Contributors to the selfhosted.jitsi collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The privacy report of the default deployment, in English and German, as
its reader sees it in a browser: Debian's chromium, headless (browser.py).

The reports are written by the role's own judging and templates
(render.yml) from default-deployment.facts.json, the facts the module
privacy_facts returned on a host the site playbook set up with its defaults
(the privacy scenario, with meet.example.org for its domain).  Each check is
also shown to fail on a copy of the report that breaks it."""

import os
import pathlib
import shutil
import subprocess

import pytest

import browser

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FACTS = HERE / "default-deployment.facts.json"
CHROMIUM = os.environ.get("CHROMIUM", "chromium")


@pytest.fixture(scope="session")
def reports(tmp_path_factory):
    if not shutil.which(CHROMIUM):
        pytest.fail("%s is not installed: `make host-tools` installs Debian's chromium" % CHROMIUM)
    folder = tmp_path_factory.mktemp("reports")
    inventory = folder / "hosts.ini"
    inventory.write_text("[jitsi]\nmeet.example.org ansible_connection=local\n")
    subprocess.run(
        ["ansible-playbook", "-i", str(inventory), str(HERE / "render.yml"),
         "-e", "report_facts=%s" % FACTS, "-e", "privacy_report_dir=%s" % folder],
        check=True, capture_output=True, text=True, cwd=folder,
        env=dict(os.environ, ANSIBLE_NOCOLOR="1"))
    return folder


def results(page, **kwargs):
    return {name: (passed, detail) for name, passed, detail in browser.check(page, binary=CHROMIUM, **kwargs)}


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_report_needs_no_network_reads_on_a_phone_and_prints(reports, language, tmp_path):
    page = reports / ("meet.example.org.%s.html" % language)
    found = results(page, pdf=tmp_path / "report.pdf")
    assert found["no request leaves the page"] == (True, "requests: only the report itself")
    passed, detail = found["readable at 390 px"]
    assert passed, detail
    passed, detail = found["printable"]
    assert passed, detail
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("language, words", [
    ("en", ["Privacy report: meet.example.org", "Checklist (GDPR Art. 25 and Art. 32)"]),
    ("de", ["Datenschutzbericht: meet.example.org", "Prüfliste (Art. 25 und Art. 32 DSGVO)"]),
])
def test_the_report_is_written_in_its_language(reports, language, words):
    text = (reports / ("meet.example.org.%s.html" % language)).read_text(encoding="utf-8")
    assert '<html lang="%s">' % language in text
    for word in words:
        assert word in text


def broken(reports, tmp_path, old, new):
    text = (reports / "meet.example.org.en.html").read_text(encoding="utf-8")
    assert old in text
    page = tmp_path / "broken.html"
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    return page


VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


@pytest.mark.parametrize("old, new, check, said", [
    ("</body>", '<link rel="stylesheet" href="https://fonts.example.net/report.css"></body>',
     "no request leaves the page", "https://fonts.example.net/report.css"),
    ("</body>", '<img src="https://www.example.net/logo.png" alt=""></body>',
     "no request leaves the page", "https://www.example.net/logo.png"),
    ("</body>", '<style>body { background: url(https://cdn.example.net/paper.png); }</style></body>',
     "no request leaves the page", "https://cdn.example.net/paper.png"),
    (VIEWPORT, "", "readable at 390 px", "in a 980 px screen"),
    ("</body>", '<pre id="wide">%s</pre></body>' % ("x" * 120), "readable at 390 px", "wider than the screen: pre#wide"),
    ("@media print {", "@media speech {", "printable", "print stylesheet missing"),
], ids=["stylesheet", "image", "background", "no-viewport", "too-wide", "no-print-stylesheet"])
def test_each_check_fails_on_a_copy_that_breaks_it(reports, tmp_path, old, new, check, said):
    passed, detail = results(broken(reports, tmp_path, old, new))[check]
    assert not passed
    assert said in detail
