"""A built site served on this machine, and Debian's headless Chromium to read it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

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
