"""Open a privacy report in Debian's chromium, headless, and check it as its
reader will see it.

Chromium is driven over the DevTools protocol on a pipe
(--remote-debugging-pipe), so every request the page makes is seen as the
browser makes it, whether or not the network would answer:

- no request leaves the page: every URL the page asks for is its own file;
- readable at phone width: emulated as a phone (390 x 844 CSS pixels), the
  page is laid out at the screen's width (not at 980 px, shrunk), nothing is
  wider than the screen (scrollWidth <= clientWidth) and the text is at
  least 12 px;
- printable: the page has a print stylesheet (@media print), and chromium prints
  the page to a PDF.

Usage: python browser.py [--screenshot OUT.png] [--pdf OUT.pdf] REPORT.html
Prints one line per check; exits 1 when one fails.
"""

import argparse
import base64
import json
import os
import pathlib
import select
import shutil
import subprocess
import sys
import tempfile
import time

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
TIMEOUT = 30
# The top of the page: enough to show how it reads, small enough for the docs.
SCREENSHOT_HEIGHT = 1800

# What the page shows at phone width, measured in the page.
MEASURE = """(() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(node => node.getBoundingClientRect().right > root.clientWidth + 0.5
                    || (node.scrollWidth > node.clientWidth + 1 && node.clientWidth > 0
                        && getComputedStyle(node).overflowX === 'visible'))
    .map(node => node.tagName.toLowerCase() + (node.id ? '#' + node.id : ''));
  const sizes = [...document.querySelectorAll('body, body *')]
    .filter(node => [...node.childNodes].some(child => child.nodeType === 3 && child.textContent.trim()))
    .map(node => parseFloat(getComputedStyle(node).fontSize));
  const print = [...document.styleSheets].some(sheet => [...sheet.cssRules].some(
    rule => rule.media && [...rule.media].includes('print')));
  return JSON.stringify({scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
                         wide: wide.slice(0, 5), smallestFont: Math.min(...sizes), print: print,
                         height: root.scrollHeight});
})()"""


class Browser:
    """Chromium with its DevTools protocol on fds 3 (to it) and 4 (from it)."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="report-browser-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        # The pipe must sit on fds 3 and 4 in the child; moved out of the way
        # first, so that one dup2 cannot overwrite the other's source.
        def child_fds():
            reading, writing = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reading, 3)
            os.dup2(writing, 4)
        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + self.profile],
            preexec_fn=child_fds, pass_fds=(3, 4),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.events = []
        self.next_id = 0

    def close(self):
        self.process.kill()
        self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read(self, deadline):
        while b"\0" not in self.buffer:
            wait = deadline - time.time()
            if wait <= 0 or not select.select([self.from_browser], [], [], wait)[0]:
                raise TimeoutError("chromium did not answer within %d s" % TIMEOUT)
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed its DevTools pipe (exit code %s)" % self.process.poll())
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + TIMEOUT
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError("%s failed: %s" % (method, answer["error"]))
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method, session):
        deadline = time.time() + TIMEOUT
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            self.events.append(self._read(deadline))

    def settle(self, seconds):
        """Collect the events of the next seconds (requests a page makes late)."""
        deadline = time.time() + seconds
        try:
            while True:
                self.events.append(self._read(deadline))
        except TimeoutError:
            pass


def check(report, screenshot=None, pdf=None, binary="chromium"):
    page_url = report.resolve().as_uri()
    results = []
    browser = Browser(binary)
    try:
        target = browser.send("Target.createTarget", url="about:blank")["targetId"]
        session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        browser.send("Network.enable", session)
        browser.send("Page.enable", session)
        browser.send("Emulation.setDeviceMetricsOverride", session, **PHONE)
        browser.send("Page.navigate", session, url=page_url)
        browser.wait_for("Page.loadEventFired", session)
        browser.settle(1)

        requests = [event["params"]["request"]["url"] for event in browser.events
                    if event.get("method") == "Network.requestWillBeSent" and event.get("sessionId") == session]
        foreign = [url for url in requests if url != page_url]
        results.append(("no request leaves the page", not foreign and page_url in requests,
                        "requests: %s" % (", ".join(foreign) if foreign else "only the report itself")))

        measured = json.loads(browser.send("Runtime.evaluate", session, expression=MEASURE,
                                           returnByValue=True)["result"]["value"])
        # Without a viewport of the device's width a phone lays the page out
        # 980 px wide and shrinks it: it "fits", unreadably small.
        fits = (measured["clientWidth"] <= PHONE["width"] and measured["scrollWidth"] <= measured["clientWidth"]
                and not measured["wide"])
        results.append(("readable at %d px" % PHONE["width"], fits and measured["smallestFont"] >= 12,
                        "page %(scrollWidth)s px wide in a %(clientWidth)s px screen, smallest text "
                        "%(smallestFont)s px%(wide)s" % dict(measured, wide=(", wider than the screen: "
                                                                             + ", ".join(measured["wide"]))
                                                             if measured["wide"] else "")))
        if screenshot:
            shot = browser.send("Page.captureScreenshot", session, format="png", captureBeyondViewport=True,
                                clip={"x": 0, "y": 0, "width": PHONE["width"],
                                      "height": min(measured["height"], SCREENSHOT_HEIGHT), "scale": 1})
            pathlib.Path(screenshot).write_bytes(base64.b64decode(shot["data"]))

        printed = base64.b64decode(browser.send("Page.printToPDF", session, preferCSSPageSize=True)["data"])
        pages = printed.count(b"/Type /Page") - printed.count(b"/Type /Pages")
        results.append(("printable", measured["print"] and printed.startswith(b"%PDF-") and pages >= 1,
                        "print stylesheet %s, PDF of %d page(s)" % ("found" if measured["print"] else "missing",
                                                                    pages)))
        if pdf:
            pathlib.Path(pdf).write_bytes(printed)
    finally:
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("report", type=pathlib.Path)
    parser.add_argument("--screenshot")
    parser.add_argument("--pdf")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"))
    args = parser.parse_args()
    results = check(args.report, args.screenshot, args.pdf, args.chromium)
    for name, passed, detail in results:
        print("%s %s: %s: %s" % ("ok  " if passed else "FAIL", args.report.name, name, detail))
    sys.exit(0 if all(result[1] for result in results) else 1)


if __name__ == "__main__":
    main()
