"""A built site served on this machine, and Debian's headless Chromium to read it."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_ARGUMENTS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """`folder` on a plain static server (`python -m http.server`) on 127.0.0.1; yields its URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the test server did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def chromium(
    *arguments: str, mobile_metrics: dict[str, int] | None = None, network_log: bool = False
) -> Iterator[webdriver.Chrome]:
    """Headless Chromium; CI installs it (.ci/run), so a missing one fails the test.

    `mobile_metrics` (width, height, pixelRatio) emulates a phone's viewport as DevTools does:
    headless Chromium keeps windows at least 500 px wide. With `network_log`, every request
    the pages make is kept for `requested`.
    """
    assert CHROMIUM.exists(), "install Debian's chromium (see .ci/run)"
    assert CHROMEDRIVER.exists(), "install Debian's chromium-driver (see .ci/run)"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (*CHROMIUM_ARGUMENTS, *arguments):
        options.add_argument(argument)
    if mobile_metrics:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": mobile_metrics})
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def requested(driver: webdriver.Chrome) -> list[str]:
    """The address of every request the browser's pages began since the last call, as DevTools
    saw it (whether or not any answer came): needs `chromium(network_log=True)`."""
    addresses = []
    for entry in driver.get_log("performance"):  # type: ignore[no-untyped-call]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            addresses.append(str(message["params"]["request"]["url"]))
    return addresses


# axe-core, pinned in package-lock.json (npm ci), run in the page: nothing comes from a CDN.
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# Only contrast: WCAG 2 AA text contrast, in whichever colour scheme the page is shown.
AXE_CONTRAST = """
const done = arguments[arguments.length - 1];
const only = {runOnly: {type: 'rule', values: ['color-contrast']}, resultTypes: ['violations']};
axe.run(document, only)
  .then((results) => done(results.violations.map((violation) => ({
    id: violation.id,
    nodes: violation.nodes.map(
      (node) => ({target: node.target.join(' '), summary: node.failureSummary})),
  }))))
  .catch((error) => done([{id: 'axe-error', nodes: [{target: '', summary: String(error)}]}]));
"""


def emulate_scheme(driver: webdriver.Chrome, scheme: str) -> None:
    """Show the pages in the reader's `scheme` ('light' or 'dark'), as DevTools does."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def contrast_violations(driver: webdriver.Chrome) -> list[str]:
    """Each element of the open page whose text contrast axe-core finds under WCAG AA, as
    'selector: why'; empty when there is none."""
    assert AXE.exists(), "run `npm ci --no-audit --no-fund --ignore-scripts` (axe-core)"
    if not driver.execute_script("return typeof axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    violations = driver.execute_async_script(AXE_CONTRAST)
    return [
        f"{node['target']}: {' '.join(str(node['summary']).split())}"
        for violation in violations
        for node in violation["nodes"]
    ]


def wait_for_search_results(driver: webdriver.Chrome, timeout: float = 20) -> int:
    """Wait until the search page (opened with ?q=) shows its results; their number."""
    WebDriverWait(driver, timeout).until(
        lambda found: found.find_elements("css selector", ".pagefind-ui__result-link")
    )
    return len(driver.find_elements("css selector", ".pagefind-ui__result"))


def load_every_image(driver: webdriver.Chrome, timeout: float = 20) -> None:
    """Have every image of the open page load, the lazy ones too (a screenshot of the whole
    page would otherwise show their placeholders), and wait until each has."""
    driver.execute_script(
        "document.querySelectorAll('img[loading=lazy]').forEach((img) => img.loading = 'eager')"
    )
    WebDriverWait(driver, timeout).until(
        lambda found: found.execute_script(
            "return [...document.images].every((img) => img.complete)"
        )
    )


def printed_pdf(driver: webdriver.Chrome) -> bytes:
    """The open page printed to PDF by Chromium (DevTools' Page.printToPDF), as a reader's
    'Print' makes it: A4, the print stylesheet, no browser header or footer.

    A browser's Print loads every lazy photo for the printed copy and its preview waits for them;
    DevTools' printToPDF prints at once, so on a busy machine a photo still loading would be
    missing. The photos are loaded first, as Print loads them (bounded: one that never loads
    is still missing from the PDF, and the test that counts them fails)."""
    driver.execute_script(
        "document.querySelectorAll('img[loading=\"lazy\"]').forEach(i => { i.loading = 'eager'; });"
    )
    with suppress(TimeoutException):
        WebDriverWait(driver, 30, poll_frequency=0.1).until(
            lambda d: d.execute_script("return Array.from(document.images).every(i => i.complete);")
        )
    printed = driver.execute_cdp_cmd(
        "Page.printToPDF",
        {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False},
    )
    return base64.b64decode(printed["data"])
