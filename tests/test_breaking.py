"""The breaking-news banner (`Breaking:` on a story): on every page of builds before that time,
the newest such story's alone, gone after it; without JavaScript, readable, valid HTML.

Each test builds a small newsroom with the real `pelican` command; the browser test reads the
pages in Debian's headless Chromium with JavaScript switched off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from selenium.webdriver.common.by import By

from tests.browser import chromium, served
from tests.sitekit import Build, Site, run_module
from tests.test_html_validity import describe, validate
from tests.test_incremental import differences, tree
from tests.test_theme_browser import luminance
from tests.test_uptodate import SETTINGS, UP_TO_DATE, cold

FLOOD: dict[str, Any] = {
    "Title": "Tanggul Jebol di Martapura",
    "Slug": "tanggul",
    "Date": "2026-11-20 06:00",
}
SITE = "https://site.test"
VERDICT: dict[str, Any] = {
    "Title": "Vonis Kasus Jembatan Dibacakan",
    "Slug": "vonis",
    "Date": "2026-11-20 08:00",
}


def build(site: Site, at: str) -> Build:
    done = site.build(f'{SETTINGS}WARTA_BUILD_TIME = "{at}"\n')
    assert done.returncode == 0, done.stderr
    return done


def banners(output: Path) -> dict[str, list[tuple[str, str]]]:
    """For every page, as written (no script runs): the banner links it carries, as headline
    and the site-relative address the link leads to."""
    found = {}
    for page in sorted(output.rglob("*.html")):
        name = page.relative_to(output).as_posix()
        if name.startswith("admin/"):
            continue  # the newsroom editor's page is the staff's, not a reader's
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        found[name] = [
            (
                " ".join(link.get_text().split()),
                urljoin(f"{SITE}/{name}", str(link["href"])).removeprefix(f"{SITE}/"),
            )
            for link in soup.select("section.breaking a")
        ]
    return found


def newsroom(site: Site) -> None:
    site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar")
    site.article("tanggul.md", **FLOOD, Breaking="2026-11-20 18:00")
    site.article("vonis.md", **VERDICT, Category="Hukum", Breaking="2026-11-20 12:00")
    site.write("pages/tentang-kami.md", "Title: Tentang Kami\n\nRedaksi Warta Banua.\n")


def test_the_newest_banner_is_on_every_page_until_its_time(site: Site) -> None:
    newsroom(site)
    morning = build(site, "2026-11-20T09:00")
    pages = banners(morning.output)
    every_kind = {"index.html", "2026/11/pasar/index.html", "tentang-kami/index.html", "404.html"}
    assert every_kind <= set(pages)
    assert any(name.startswith("kategori/") for name in pages)
    verdict = [(VERDICT["Title"], "2026/11/vonis/")]
    assert all(links == verdict for links in pages.values()), pages
    # The verdict's banner comes down at noon; the flood's, older, is still up until evening.
    noon = build(site, "2026-11-20T12:00")
    assert UP_TO_DATE not in noon.stderr
    flood = [(FLOOD["Title"], "2026/11/tanggul/")]
    assert all(links == flood for links in banners(noon.output).values())
    assert differences(cold(site, at="2026-11-20T12:00"), tree(noon.output)) == []
    evening = build(site, "2026-11-20T18:00")
    assert UP_TO_DATE not in evening.stderr
    assert not any(banners(evening.output).values())
    assert differences(cold(site, at="2026-11-20T18:00"), tree(evening.output)) == []


def test_a_scheduled_story_raises_its_banner_only_once_out(site: Site) -> None:
    site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar")
    site.article("tanggul.md", **FLOOD, Breaking="2026-11-20 18:00")
    early = build(site, "2026-11-20T05:00")
    assert not any(banners(early.output).values())
    out = build(site, "2026-11-20T06:00")
    assert UP_TO_DATE not in out.stderr
    assert banners(out.output)["index.html"] == [(FLOOD["Title"], "2026/11/tanggul/")]


def test_a_headline_with_markup_is_text_in_the_banner(site: Site) -> None:
    title = 'Banjir <script>alert("x")</script> & "Tanggul" <b>jebol</b>'
    site.article("tanggul.md", **{**FLOOD, "Title": title}, Breaking="2026-11-20 18:00")
    built = build(site, "2026-11-20T09:00")
    page = BeautifulSoup((built.output / "index.html").read_text(encoding="utf-8"), "lxml")
    banner = page.select_one("section.breaking")
    assert banner is not None
    assert banner.select("script, b") == []
    assert " ".join(banner.a.get_text().split()) == title  # type: ignore[union-attr]


def test_warta_check_names_the_story_with_the_banner(site: Site) -> None:
    newsroom(site)
    conf = site.settings_file(f'{SETTINGS}WARTA_BUILD_TIME = "2026-11-20T13:00"\n')
    done = run_module(site.root, "warta", "-s", str(conf), "check")
    assert done.returncode == 0, done.stderr
    assert (
        "breaking: content/articles/tanggul.md has the banner on every page until "
        "2026-11-20 18:00" in done.stdout + done.stderr
    )


def test_a_banner_that_ends_before_its_story_is_refused_by_line(site: Site) -> None:
    site.article("tanggul.md", **FLOOD, Breaking="2026-11-20 06:00")
    site.article("jam.md", Title="Jam", Slug="jam", Breaking="pukul enam")
    stopped = site.build(f'{SETTINGS}WARTA_BUILD_TIME = "2026-11-20T09:00"\n')
    assert stopped.returncode != 0
    report = stopped.stderr
    assert "content/articles/tanggul.md:7: Breaking: is not later than Date" in report
    assert "content/articles/jam.md:7: Breaking:" in report
    assert not (site.root / "output" / "index.html").exists()


def test_the_banner_reads_without_javascript_and_is_valid_html(site: Site) -> None:
    newsroom(site)
    built = build(site, "2026-11-20T09:00")
    pages = [built.output / "index.html", built.output / "2026" / "11" / "pasar" / "index.html"]
    errors = validate(pages)
    assert [describe(message, built.output) for message in errors] == []
    with served(built.output) as base, chromium() as driver:
        driver.get(base + "2026/11/pasar/")
        banner = driver.find_element(By.CSS_SELECTOR, "section.breaking")
        masthead = driver.find_element(By.CSS_SELECTOR, "header.masthead")
        assert banner.is_displayed()
        assert banner.rect["y"] < masthead.rect["y"], "the banner is the first thing read"
        assert banner.accessible_name == "Berita terkini"
        link = banner.find_element(By.TAG_NAME, "a")
        assert link.text == VERDICT["Title"]
        background, colour = driver.execute_script(
            "const [section, link] = arguments;"
            "return [getComputedStyle(section).backgroundColor, getComputedStyle(link).color]",
            banner,
            link,
        )
        light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, f"{colour} on {background}"
        link.click()
        assert driver.current_url == base + "2026/11/vonis/"
        assert driver.find_element(By.CSS_SELECTOR, "h1").text == VERDICT["Title"]
