"""The published site, served with its own _headers, breaks none of its Content-Security-Policy."""

from __future__ import annotations

import fnmatch
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import chromium, free_port
from tests.sitekit import Site
from tests.test_publish import publish

# Records every violation from the first byte of each page, before any of its scripts run.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def header_rules(folder: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules of a Netlify-style _headers file: a path pattern, then indented headers."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in (folder / "_headers").read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            rules.append((line.strip(), []))
        elif line.strip():
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


@contextmanager
def served_with_headers(folder: Path, port: int) -> Iterator[None]:
    """`folder` over HTTP on 127.0.0.1:port, each response carrying its _headers rules."""
    rules = header_rules(folder)

    class Handler(SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            for pattern, headers in rules:
                if fnmatch.fnmatch(self.path.split("?")[0], pattern):
                    for name, value in headers:
                        self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def test_pages_and_search_keep_to_the_policy(site: Site) -> None:
    site.image("images/pasar.jpg", (1200, 800))
    site.article(
        "pasar.md",
        Title="Pasar Terapung Lok Baintan Ramai",
        Slug="pasar",
        Image="images/pasar.jpg",
        ImageAlt="Perahu pedagang di sungai",
        Tags="pasar terapung",
    )
    port = free_port()
    done = publish(site, f'SITEURL = "http://127.0.0.1:{port}"\nRELATIVE_URLS = False\n')
    assert done.returncode == 0, done.stderr
    base = f"http://127.0.0.1:{port}"
    with served_with_headers(site.root / "output", port), chromium() as browser:
        browser.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_VIOLATIONS}
        )
        for url in ("/", "/2026/11/pasar/", "/tag/pasar-terapung/"):
            browser.get(base + url)
            assert browser.find_element(By.TAG_NAME, "h1").text
            assert browser.execute_script("return window.__violations") == [], url
        browser.get(base + "/cari/")
        field = WebDriverWait(browser, 20).until(
            lambda driver: driver.find_element(By.CSS_SELECTOR, "input[type=search], input")
        )
        field.send_keys("pasar terapung")
        WebDriverWait(browser, 20).until(
            lambda driver: "Lok Baintan" in driver.find_element(By.TAG_NAME, "main").text
        )
        assert browser.execute_script("return window.__violations") == []
        # The newsroom editor runs under the same _headers and its page's own, wider policy.
        browser.get(base + "/admin/")
        WebDriverWait(browser, 30).until(
            lambda driver: "Netlify Identity" in driver.find_element(By.TAG_NAME, "body").text
        )
        assert browser.execute_script("return window.__violations") == []
