"""What `make audit` checks beside Lighthouse, as a reader meets the site in Chromium.

Contrast in both colour schemes (axe-core), screenshots of every kind of page, and the story
printed to PDF.
"""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdf
from bs4 import BeautifulSoup
from selenium import webdriver

from tests.browser import (
    chromium,
    contrast_violations,
    emulate_scheme,
    load_every_image,
    printed_pdf,
    wait_for_search_results,
)
from tests.sitekit import REPO

SCREENSHOTS = REPO / "test-artifacts" / "screenshots" / "audit"
PRINTS = REPO / "test-artifacts" / "print"
SCHEMES = ("light", "dark")
PHONE = {"width": 360, "height": 740, "pixelRatio": 1}
DESKTOP = 1280
SEARCH = "cari/"


@dataclass
class Window:
    """One Chromium at one width, for all the pages and both schemes."""

    name: str
    driver: webdriver.Chrome


@dataclass
class PrintCheck:
    """The printed story: what it should and should not show, and what was missing or left."""

    page: str
    pdf: Path
    missing: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def search_query(output: Path) -> str:
    """A word the sample's search surely finds: the first long word of the newest headline."""
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "lxml")
    title = home.select_one(".lead-title a, .story-item-title a")
    words = re.findall(r"[^\W\d_]{5,}", title.get_text() if title else "")
    return words[0].casefold() if words else "berita"


def page_types(output: Path, audited: dict[str, str]) -> dict[str, str]:
    """Every kind of page the site writes, one of each, by name: the audited pages, then the
    listings, indexes, archives, static pages and the 404 page the sample has."""

    def first(pattern: str) -> str | None:
        found = sorted(output.glob(pattern))
        return found[0].parent.relative_to(output).as_posix() + "/" if found else None

    kinds = dict(audited)
    for name, pattern in {
        "latest-page-2": "halaman/2/index.html",
        "place": "lokasi/*/index.html",
        "tag": "tag/*/index.html",
        "author": "penulis/*/index.html",
        "source": "sumber/*/index.html",
        "year": "20[0-9][0-9]/index.html",
        "month": "20[0-9][0-9]/[01][0-9]/index.html",
        "archive": "arsip/index.html",
        "desks": "kategori/index.html",
        "places": "lokasi/index.html",
        "tags": "tag/index.html",
        "authors": "penulis/index.html",
        "sources": "sumber/index.html",
        "static-page": "tentang/index.html",
    }.items():
        found = first(pattern)
        if found is not None:
            kinds[name] = found
    if (output / "404.html").is_file():
        kinds["404"] = "404.html"
    return kinds


def _open(window: Window, url: str, name: str, filters: bool = False) -> None:
    """Open a page; the search page once its results show (with its filters open, `filters`,
    for the contrast check to see them too)."""
    window.driver.get(url)
    if name == "search":
        wait_for_search_results(window.driver)
        if filters:
            window.driver.execute_script(
                "document.querySelectorAll('#pencarian details').forEach((d) => d.open = true)"
            )


def contrast(base_url: str, pages: dict[str, str]) -> dict[str, list[str]]:
    """axe-core's colour-contrast failures per page and scheme ('home dark'); empty if none."""
    failures: dict[str, list[str]] = {}
    with chromium(f"--window-size={DESKTOP},900") as driver:
        window = Window("desktop", driver)
        for scheme in SCHEMES:
            emulate_scheme(driver, scheme)
            for name, path in pages.items():
                _open(window, base_url + path, name, filters=True)
                found = contrast_violations(driver)
                if found:
                    failures[f"{name} {scheme}"] = found
    return failures


def screenshots(base_url: str, pages: dict[str, str]) -> list[Path]:
    """Every page of `pages` on a phone and a desktop, light and dark, the whole page with
    every photo loaded, as <page>-<phone|desktop>-<scheme>.png; and the index.html beside them
    that shows each page's four side by side."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SCREENSHOTS.glob("*.png"):
        stale.unlink()
    written = []
    browsers = {
        "phone": chromium("--window-size=500,740", mobile_metrics=PHONE),
        "desktop": chromium(f"--window-size={DESKTOP},900"),
    }
    for width, browser in browsers.items():
        with browser as driver:
            window = Window(width, driver)
            for scheme in SCHEMES:
                emulate_scheme(driver, scheme)
                for name, path in pages.items():
                    _open(window, base_url + path, name)
                    load_every_image(driver)
                    written.append(_capture(driver, f"{name}-{width}-{scheme}"))
            if width == "desktop":
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
                for name in ("article", "gallery", "live"):
                    if name in pages:
                        _open(window, base_url + pages[name], name)
                        load_every_image(driver)
                        written.append(_capture(driver, f"{name}-print"))
    (SCREENSHOTS / "index.html").write_text(_index(pages), encoding="utf-8")
    return written


def _capture(driver: webdriver.Chrome, name: str) -> Path:
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
    )
    path = SCREENSHOTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def _index(pages: dict[str, str]) -> str:
    """A page that shows each kind of page's four screenshots in a row."""
    rows = []
    for name, path in pages.items():
        cells = "".join(
            f'<td><img src="{name}-{width}-{scheme}.png" alt="{name} {width} {scheme}" '
            f'width="{360 if width == "phone" else 480}"></td>'
            for width in ("phone", "desktop")
            for scheme in SCHEMES
        )
        rows.append(
            f"<tr><th>{html.escape(name)}<br><small>/{html.escape(path)}</small></th>{cells}</tr>"
        )
    return (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Warta: screenshots</title>'
        "<style>td,th{vertical-align:top;padding:4px}img{border:1px solid #999}</style>"
        "<table><tr><th></th><th>phone light</th><th>phone dark</th><th>desktop light</th>"
        f"<th>desktop dark</th></tr>{''.join(rows)}</table></html>\n"
    )


def _texts(page: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(element.get_text(" ").split()) for element in page.select(selector)]


def print_check(base_url: str, output: Path, path: str) -> PrintCheck:
    """The story at `path` printed to PDF by Chromium, read back with pypdf: it must show the
    headline, dateline, byline, date, the body's first and last paragraphs, every caption and
    the story's address; and none of the breaking-news banner, the desks, sharing, comments,
    "Baca juga" or the footer."""
    page = BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "lxml")
    paragraphs = _texts(page, ".story-body > p")
    canonical = page.select_one('link[rel="canonical"]')
    kept = [
        *_texts(page, "h1.story-title"),
        *_texts(page, ".story-body .dateline"),
        *_texts(page, ".story-byline"),
        *_texts(page, ".story-date"),
        *(paragraphs[:1] + paragraphs[-1:]),
        *_texts(page, "figcaption"),
        str(canonical["href"]) if canonical else "",
    ]
    dropped = [
        *_texts(page, ".breaking"),
        *_texts(page, ".masthead .desks a"),
        *_texts(page, ".share a"),
        *_texts(page, ".comments h2"),
        *_texts(page, ".related h2"),
        *_texts(page, ".site-footer p"),
    ]
    # A desk's name may be a word of the story itself; only what the story does not say counts.
    story = " ".join(_texts(page, "article.story .story-header, article.story .story-body"))
    dropped = [part for part in dropped if not re.search(rf"\b{re.escape(part)}\b", story)]
    with chromium(f"--window-size={DESKTOP},900") as driver:
        driver.get(base_url + path)
        load_every_image(driver)
        data = printed_pdf(driver)
    PRINTS.mkdir(parents=True, exist_ok=True)
    pdf = PRINTS / f"{path.strip('/').replace('/', '-')}.pdf"
    pdf.write_bytes(data)
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(sheet.extract_text() for sheet in reader.pages).split())
    return PrintCheck(
        path,
        pdf,
        missing=[part for part in kept if part and part not in text],
        left=[part for part in dropped if part and re.search(rf"\b{re.escape(part)}\b", text)],
    )
