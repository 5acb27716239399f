"""What a reader sees that neither Lighthouse nor the HTML checker looks at, in real Chromium.

Text contrast in both colour schemes (axe-core, search results open), the story printed to PDF
(read back with pypdf), and comment counts on story cards from a real Isso server.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from selenium.webdriver.support.ui import WebDriverWait

from audit.lighthouse import pages_to_audit
from tests.browser import (
    chromium,
    contrast_violations,
    emulate_scheme,
    free_port,
    printed_pdf,
    served,
    wait_for_search_results,
)
from tests.sitekit import SampleSite, Site

# a. Contrast, in both schemes, on the pages `make audit` scores.


@pytest.fixture(scope="module")
def sample_url(sample: SampleSite) -> Iterator[str]:
    with served(sample.output) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_meets_contrast_in_both_schemes(
    sample: SampleSite, sample_url: str, scheme: str
) -> None:
    """axe-core's color-contrast rule (WCAG AA) on home, story, live story, gallery story, desk
    page and the search page with its results and filters open: no element fails."""
    pages = pages_to_audit(sample.output)
    assert {"home", "article", "listing", "live", "gallery", "search"} <= set(pages)
    failures = {}
    with chromium("--window-size=1280,900") as driver:
        emulate_scheme(driver, scheme)
        for name, path in pages.items():
            driver.get(sample_url + path)
            if name == "search":
                assert wait_for_search_results(driver) > 0
                driver.execute_script(
                    "document.querySelectorAll('#pencarian details').forEach((d) => d.open = true)"
                )
            found = contrast_violations(driver)
            if found:
                failures[name] = found
    assert failures == {}, json.dumps(failures, indent=1, ensure_ascii=False)


# b. Print.

PRINTED_STORY = """Puluhan jukung memadati Sungai Martapura sejak subuh untuk festival tahunan.

"Kami datang dari hulu sebelum matahari terbit," kata Mariani, pedagang buah.

::: galeri
![Jukung berderet di sungai](/images/jukung.jpg "Jukung pedagang berderet di muara. | Warta/Siti")
![Wisatawan di dermaga](/images/dermaga.jpg "Wisatawan menunggu di dermaga kayu.")
:::

Festival ditutup dengan lomba jukung hias pada sore hari.
"""
DESKS = (
    "Politik", "Hukum", "Ekonomi", "Pendidikan", "Kesehatan", "Olahraga", "Lingkungan", "Daerah",
)  # fmt: skip


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, as pypdf reads it, with white space made single."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_printed_story_keeps_the_story_and_drops_the_rest(site: Site) -> None:
    (site.content / "images").mkdir(parents=True)
    for name, colour in (
        ("pasar", (200, 120, 40)),
        ("jukung", (40, 90, 120)),
        ("dermaga", (90, 140, 60)),
    ):
        Image.new("RGB", (1600, 1067), colour).save(site.content / f"images/{name}.jpg")
    site.article(
        "festival.md",
        PRINTED_STORY,
        Title="Festival Pasar Terapung Dibuka",
        Slug="festival",
        Date="2026-11-18 09:00",
        Image="images/pasar.jpg",
        ImageAlt="Pedagang di atas jukung",
        ImageCaption="Pedagang sayur menawarkan dagangan dari atas jukung.",
        ImageCredit="Warta Banua/Rahmat",
        Tags="festival, sungai",
        Breaking="2026-11-19 09:00",  # the banner is up on every page of this build
    )
    site.article("lain.md", Title="Harga Ikan Turun", Slug="lain", Date="2026-11-17 08:00")
    build = site.build(
        'WARTA_BUILD_TIME = "2026-11-18T12:00"\n'
        'WARTA_COMMENTS = {"system": "isso", "url": "http://127.0.0.1:9/"}\n'
    )
    assert build.returncode == 0, build.stderr
    page = build.html("2026/11/festival/")
    assert page.select_one("section.breaking") is not None
    assert page.select_one("section.comments") is not None
    with served(build.output) as url, chromium("--window-size=1280,900") as driver:
        driver.get(url + "2026/11/festival/")
        printed = printed_pdf(driver)
    text = pdf_text(printed)
    kept = [
        "Festival Pasar Terapung Dibuka",  # headline
        "MARTAPURA, WARTA BANUA –",  # dateline
        "Penulis: Siti Aisyah Noor",  # byline
        "Rabu, 18 November 2026 09.00 WITA",  # date
        "Puluhan jukung memadati Sungai Martapura",  # body
        "Festival ditutup dengan lomba jukung hias",
        "Pedagang sayur menawarkan dagangan dari atas jukung. Foto: Warta Banua/Rahmat",
        "Jukung pedagang berderet di muara.",  # the gallery's captions
        "Wisatawan menunggu di dermaga kayu.",
        "https://wartabanua.example/2026/11/festival/",  # the story's address
    ]
    assert [part for part in kept if part not in text] == [], text
    dropped = [
        "Berita terkini",  # the banner
        "Cari",  # the masthead's search link
        "WhatsApp",  # share links
        "Salin tautan",
        "Komentar",  # comments
        "Baca juga",
        "Harga Ikan Turun",  # the related story and the desk's neighbour
        "Ikuti lewat RSS",  # the footer
        "menit baca",
        *DESKS,  # the desks' navigation
    ]
    assert [part for part in dropped if re.search(rf"\b{re.escape(part)}\b", text)] == [], text
    # Every photo is printed: the lead and the gallery's two.
    pages = pypdf.PdfReader(io.BytesIO(printed)).pages
    assert sum(len(page.images) for page in pages) == 3


# c. Comment counts from a real Isso.

ISSO_CONFIG = """[general]
dbpath = {folder}/comments.db
host = {site}
[server]
listen = {isso}
[guard]
enabled = false
[moderation]
enabled = false
"""


def started_isso(folder: Path, site: str, port: int) -> subprocess.Popen[bytes]:
    """Isso from PyPI (the dev extra) on 127.0.0.1:`port`, accepting the site at `site`."""
    config = folder / "isso.cfg"
    config.write_text(
        ISSO_CONFIG.format(folder=folder, site=site, isso=f"http://127.0.0.1:{port}/"),
        encoding="utf-8",
    )
    isso = Path(sys.executable).with_name("isso")
    return subprocess.Popen(
        [str(isso), "-c", str(config), "run"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def post_comment(isso: str, uri: str, text: str) -> None:
    """A reader's comment on the thread of `uri`, through Isso's own API."""
    request = urllib.request.Request(  # noqa: S310 - our Isso on 127.0.0.1
        f"{isso}new?uri={uri}",
        data=json.dumps({"text": text, "title": "Berita"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        assert answer.status == 201


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own server
                return
        except OSError:
            assert time.monotonic() < deadline, f"{url} did not answer"
            time.sleep(0.2)


def test_story_cards_show_the_comment_count_from_the_isso_server(
    site: Site, tmp_path: Path
) -> None:
    isso_port = free_port()
    isso = f"http://127.0.0.1:{isso_port}/"
    site.article("ramai.md", Title="Pasar Ramai", Slug="ramai", Date="2026-11-18 09:00")
    site.article("sepi.md", Title="Pasar Sepi", Slug="sepi", Date="2026-11-17 09:00")
    build = site.build(f'WARTA_COMMENTS = {{"system": "isso", "url": "{isso}"}}\n')
    assert build.returncode == 0, build.stderr
    listing = build.html("kategori/budaya/")
    links = listing.select(".story-list a.card-comments")
    assert [link["href"] for link in links] == [
        "../../2026/11/ramai/#isso-thread",
        "../../2026/11/sepi/#isso-thread",
    ]
    assert [link.get_text() for link in links] == ["Komentar", "Komentar"]  # without scripts
    counter = listing.select_one(f'script[src="{isso}js/count.min.js"]')
    assert counter is not None
    assert counter["data-isso"] == isso
    with served(build.output) as url:
        server = started_isso(tmp_path, url.rstrip("/"), isso_port)
        try:
            wait_for(f"{isso}js/count.min.js")
            post_comment(isso, "/2026/11/ramai/", "Ramai sekali sejak subuh.")
            post_comment(isso, "/2026/11/ramai/", "Harga buah turun.")
            with chromium("--window-size=1280,900") as driver:
                driver.get(url + "kategori/budaya/")
                WebDriverWait(driver, 20).until(
                    lambda found: (
                        found.execute_script(
                            "return [...document.querySelectorAll('a.card-comments')]"
                            ".map((link) => link.textContent)"
                        )
                        == ["2 komentar", "0 komentar"]
                    )
                )
                errors = [
                    entry["message"]
                    for entry in driver.get_log("browser")  # type: ignore[no-untyped-call]
                    if entry["level"] == "SEVERE"
                ]
        finally:
            server.terminate()
            server.wait(timeout=10)
    assert errors == [], "the site's Content-Security-Policy let the count through"
