"""Live coverage (`Live: yes`, then `ended`): the page with its updates newest first and their
anchors, the "Langsung" badge on cards, LiveBlogPosting JSON-LD, the last update's time in feeds
and the news sitemap, and every refusal by line, in `warta check` and in the build.

Each test builds a small newsroom with the real `pelican` command and reads what it wrote as a
reader, a search engine and a feed reader would; the browser test uses Debian's headless
Chromium.
"""

from __future__ import annotations

import calendar
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
from bs4 import BeautifulSoup, Tag
from lxml import etree
from selenium.webdriver.common.by import By

from tests.browser import chromium, served
from tests.sitekit import Build, Site, run_module, text_of
from tests.test_html_validity import describe, validate
from tests.test_incremental import differences, tree
from tests.test_theme_browser import luminance
from tests.test_uptodate import SETTINGS, cold

WITA = ZoneInfo("Asia/Makassar")
URL = "2026/11/langsung/"
SUMMARY = "Tanggul tanah di Sungai Batang jebol. Tidak ada korban jiwa; warga mengungsi ke masjid."
LIVE: dict[str, Any] = {
    "Title": "Banjir Martapura: Perkembangan Terkini",
    "Slug": "langsung",
    "Date": "2026-11-20 06:00",
    "Category": "Lingkungan",
    "Live": "yes",
    "Summary": SUMMARY,
}
BODY = """Tim kami melaporkan dari tanggul Sungai Martapura sejak subuh.

## 06.10 Air mulai naik

Air naik sepuluh sentimeter dalam satu jam di pos pantau.

## 07.45 Tanggul <b>jebol</b> di Sungai Batang & "Tangkas"

Tanggul tanah sepanjang 20 meter runtuh. Pedagang di [pasar terapung]({filename}pasar.md) menepi.

![Warga menyeberang jalan desa dengan perahu]({static}/images/perahu.jpg)

## 09.30

Warga mulai mengungsi ke masjid dengan perahu karet.

### Posko dibuka

Posko BPBD dibuka di kantor desa.

## 2026-11-21 08.15 &lt;img src=x onerror=alert(1)&gt; air surut

Air turun lima sentimeter sejak tengah malam.
"""
# Newest first, as the page shows them.
ANCHORS = [
    "pembaruan-20261121-0815",
    "pembaruan-20261120-0930",
    "pembaruan-20261120-0745",
    "pembaruan-20261120-0610",
]
TIMES = [
    datetime(2026, 11, 21, 8, 15, tzinfo=WITA),
    datetime(2026, 11, 20, 9, 30, tzinfo=WITA),
    datetime(2026, 11, 20, 7, 45, tzinfo=WITA),
    datetime(2026, 11, 20, 6, 10, tzinfo=WITA),
]
LAST = TIMES[0].isoformat()


def newsroom(site: Site, **fields: str) -> Path:
    site.image("images/perahu.jpg")
    site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar", Date="2026-11-19 08:00")
    return site.article("langsung.md", BODY, **{**LIVE, **fields})


def build(site: Site, at: str = "2026-11-21T09:00") -> Build:
    done = site.build(f'{SETTINGS}WARTA_BUILD_TIME = "{at}"\n')
    assert done.returncode == 0, done.stderr
    return done


def line_of(path: Path, text: str) -> int:
    """The line of `path` that begins with `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


def json_ld(page: BeautifulSoup) -> dict[str, Any]:
    script = page.select_one('script[type="application/ld+json"]')
    assert script is not None
    data = json.loads(script.get_text())
    return next(item for item in data if item["@type"] in ("LiveBlogPosting", "NewsArticle"))


def words(element: Tag) -> str:
    return " ".join(element.get_text().split())


def test_the_page_shows_what_we_know_then_updates_newest_first_with_anchors(site: Site) -> None:
    newsroom(site)
    page = build(site).html(URL)
    updates = page.select("section.live-updates > article.live-update")
    assert [update["id"] for update in updates] == ANCHORS
    for update, moment in zip(updates, TIMES, strict=True):
        link = update.select_one("h2 > a.live-time")
        assert link is not None
        assert link["href"] == f"#{update['id']}"
        assert link.time is not None
        assert link.time["datetime"] == moment.isoformat()
    labels = [words(update.select_one("h2 time")) for update in updates]  # type: ignore[arg-type]
    # Every update names its day, those of the story's first day too: "06.10" under "Sab, 21 Nov
    # 08.15" would read as Saturday.
    assert labels == [
        "Sab, 21 Nov 08.15",
        "Jum, 20 Nov 09.30",
        "Jum, 20 Nov 07.45",
        "Jum, 20 Nov 06.10",
    ]
    headings = [words(update.h2) for update in updates]  # type: ignore[arg-type]
    assert headings[1:] == [
        "Jum, 20 Nov 09.30",
        "Jum, 20 Nov 07.45 Tanggul jebol di Sungai Batang & \u201cTangkas\u201d",
        "Jum, 20 Nov 06.10 Air mulai naik",
    ]
    # The headings are writer input: their text is printed, never their markup.
    assert headings[0] == f"{labels[0]} <img src=x onerror=alert(1)> air surut"
    assert page.select(".live-update h2 b, .live-update h2 img, .live-update script") == []
    # Each update carries its own text, subheadings, links and photos, where they were written.
    assert "Posko BPBD dibuka" in words(updates[1])
    assert updates[1].h3 is not None
    photo = updates[2].select_one("img")
    assert photo is not None
    assert photo["alt"] == "Warga menyeberang jalan desa dengan perahu"
    assert updates[2].select_one('a[href$="2026/11/pasar/"]') is not None
    assert page.select(".live-update img") == [photo]
    # "What we know" opens the page; the opening, with its dateline, comes before the updates.
    assert text_of(page, ".live-summary") == f"Yang kami ketahui {SUMMARY}"
    body = page.select_one(".story-body")
    assert body is not None
    first = body.find("p")
    assert first is not None
    assert first.select_one(".dateline") is not None
    assert "sejak subuh" in words(first)
    # The last update beside the date, linking to it; no separate "Updated" line for it.
    last = page.select_one(".story-meta .story-live-last a")
    assert last is not None
    assert last["href"] == f"#{ANCHORS[0]}"
    assert last.time is not None
    assert last.time["datetime"] == LAST
    assert text_of(page, ".story-live-last").startswith("Pembaruan terakhir Sabtu, 21 November")
    assert page.select_one(".story-updated") is None
    assert text_of(page, ".story-meta .live-badge") == "Langsung"
    assert page.select_one(".live-ended") is None


def test_while_live_cards_carry_the_badge_and_search_engines_read_a_live_blog(
    site: Site,
) -> None:
    newsroom(site)
    built = build(site)
    listings = (
        "index.html",
        "kategori/lingkungan/index.html",
        "lokasi/kalimantan-selatan/kabupaten-banjar/index.html",
        "2026/11/index.html",
    )
    for listing in listings:
        page = BeautifulSoup((built.output / listing).read_text(encoding="utf-8"), "lxml")
        badges = page.select(".live-badge")
        assert badges, listing
        for badge in badges:
            assert words(badge) == "Langsung"
            heading = badge.find_parent(["h2", "h3", "li"])
            assert heading is not None
            assert heading.select_one(f'a[href$="{URL}"]') is not None, listing
    home = built.html("index.html")
    pasar = [link.parent for link in home.select('a[href$="2026/11/pasar/"]') if link.parent]
    assert pasar
    assert all(heading.select(".live-badge") == [] for heading in pasar)

    data = json_ld(built.html(URL))
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == "2026-11-20T06:00:00+08:00"
    assert "coverageEndTime" not in data
    assert data["dateModified"] == LAST
    assert "dateline" not in data
    updates = data["liveBlogUpdate"]
    assert [update["datePublished"] for update in updates] == [t.isoformat() for t in TIMES]
    assert all(update["@type"] == "BlogPosting" for update in updates)
    assert [update["url"] for update in updates] == [
        f"https://wartabanua.example/{URL}#{anchor}" for anchor in ANCHORS
    ]
    assert [update["headline"] for update in updates] == [
        "<img src=x onerror=alert(1)> air surut",
        "Warga mulai mengungsi ke masjid dengan perahu karet.",
        "Tanggul jebol di Sungai Batang & \u201cTangkas\u201d",
        "Air mulai naik",
    ]
    assert updates[0]["articleBody"] == "Air turun lima sentimeter sejak tengah malam."
    assert "Posko BPBD dibuka di kantor desa." in updates[1]["articleBody"]

    # Feed readers and the news sitemap see the last update as the story's last change.
    last = TIMES[0].timestamp()
    atom = feedparser.parse(str(built.output / "feeds" / "semua.atom.xml"))
    entry = next(entry for entry in atom.entries if entry.link.endswith(URL))
    assert calendar.timegm(entry.updated_parsed) == last
    assert calendar.timegm(atom.feed.updated_parsed) == last
    rss = feedparser.parse(str(built.output / "feeds" / "semua.rss.xml"))
    assert calendar.timegm(rss.feed.updated_parsed) == last
    sitemap = etree.parse(str(built.output / "news-sitemap.xml"))
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    where = f"//s:url[s:loc='https://wartabanua.example/{URL}']/s:lastmod/text()"
    assert sitemap.xpath(where, namespaces=names) == [LAST]


def test_ended_keeps_the_page_adds_the_coverage_end_and_takes_the_badge_down(
    site: Site,
) -> None:
    story = newsroom(site)
    build(site)
    story.write_text(story.read_text("utf-8").replace("Live: yes", "Live: ended"), "utf-8")
    ended = build(site)
    # What an edit leaves is what a cold build makes.
    assert differences(cold(site, at="2026-11-21T09:00"), tree(ended.output)) == []
    assert not any("live-badge" in page.read_text("utf-8") for page in ended.output.rglob("*.html"))
    page = ended.html(URL)
    assert [update["id"] for update in page.select("article.live-update")] == ANCHORS
    assert text_of(page, ".live-ended") == "Liputan langsung telah berakhir."
    data = json_ld(page)
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageEndTime"] == LAST
    assert len(data["liveBlogUpdate"]) == len(ANCHORS)


def test_a_later_modified_is_the_last_change_and_the_last_update_stays_beside_the_date(
    site: Site,
) -> None:
    newsroom(site, Modified="2026-11-21 08:40")
    page = build(site).html(URL)
    assert json_ld(page)["dateModified"] == "2026-11-21T08:40:00+08:00"
    assert page.select_one(".story-live-last time")["datetime"] == LAST  # type: ignore[index]
    assert text_of(page, ".story-updated").startswith("Diperbarui Sabtu, 21 November 2026 08.40")


def test_yaml_front_matter_takes_live_too(site: Site) -> None:
    site.write(
        "articles/yaml.md",
        "---\ntitle: Sidang Lanjutan\ndate: 2026-11-20 13:00\ncategory: Hukum\n"
        "location: Kota Banjarmasin\nauthor: Rahmat Hidayat\nslug: sidang\nlive: yes\n---\n\n"
        "## 13.05 Sidang dibuka\n\nHakim membuka sidang.\n\n"
        "## 14:20 Saksi pertama\n\nSaksi hadir.\n",
    )
    page = build(site).html("2026/11/sidang/")
    assert [update["id"] for update in page.select("article.live-update")] == [
        "pembaruan-20261120-1420",
        "pembaruan-20261120-1305",
    ]


def test_bad_updates_are_refused_by_line_in_check_and_in_the_build(site: Site) -> None:
    body = (
        "Pembuka.\n\n## 25.70 Jam yang salah\n\nA.\n\n## 05.00 Sebelum terbit\n\nB.\n\n"
        "## 10.00 Tanggul dijaga\n\nC.\n\n## 09.15 Mundur\n\nD.\n\n## Tanpa jam\n\nE.\n\n"
        "```\n## 11.00 contoh di dalam kode\n```\n\n> ## 12.00 kutipan\n\n"
        "## 2026-11-21 07.00 Belum terjadi\n\nF.\n"
    )
    story = site.article("salah.md", body, **{**LIVE, "Slug": "salah"})
    site.article("kata.md", Title="Kata", Slug="kata", Live="mungkin")
    path = "content/articles/salah.md"
    expected = [
        f"{path}:{line_of(story, '## 25.70')}: Update: '25.70' is not a time",
        f"{path}:{line_of(story, '## 05.00')}: Update: 2026-11-20 05:00+08:00 is before the "
        "story's Date (2026-11-20 06:00+08:00)",
        f"{path}:{line_of(story, '## 09.15')}: Update: 2026-11-20 09:15+08:00 is earlier than "
        f"the update above it (2026-11-20 10:00+08:00, line {line_of(story, '## 10.00')})",
        f"{path}:{line_of(story, '## Tanpa')}: Update: has no time",
        f"{path}:{line_of(story, '## 2026-11-21')}: Update: 2026-11-21 07:00+08:00 is in the "
        "future (the build's time is 2026-11-20 12:00+08:00)",
        "content/articles/kata.md:7: Live: 'mungkin' is not 'yes' or 'ended'",
    ]
    stopped = site.build(f'{SETTINGS}WARTA_BUILD_TIME = "2026-11-20T12:00"\n')
    assert stopped.returncode == 1
    for line in expected:
        assert any(found.startswith(line) for found in stopped.report_lines), (line, stopped.stderr)
    assert "6 content problems in 2 files; nothing was written." in stopped.stderr
    assert not (stopped.output / "index.html").exists()
    conf = site.settings_file(f'{SETTINGS}WARTA_BUILD_TIME = "2026-11-20T12:00"\n')
    checked = run_module(site.root, "warta", "-s", str(conf), "check")
    assert checked.returncode == 1
    report = checked.stdout + checked.stderr
    for line in expected:
        assert line in report, (line, report)


def test_an_update_ahead_of_the_build_is_refused_until_its_time(site: Site) -> None:
    story = newsroom(site)
    site.article(
        "besok.md",
        "## 09.00 Rapat\n\nRapat dimulai.\n",
        **{**LIVE, "Slug": "besok", "Date": "2026-11-22 08:00"},
    )
    early = site.build(f'{SETTINGS}WARTA_BUILD_TIME = "2026-11-21T08:14"\n')
    assert early.returncode == 1
    # The scheduled story's update is not refused: nothing of it is written before its time.
    assert early.report_lines[:-1] == [
        f"content/articles/langsung.md:{line_of(story, '## 2026-11-21')}: Update: 2026-11-21 "
        "08:15+08:00 is in the future (the build's time is 2026-11-21 08:14+08:00) (write an "
        "update once it has happened; check its time and day)"
    ]
    on_time = build(site, "2026-11-21T08:15")
    assert on_time.html(URL).select_one(".live-update")["id"] == ANCHORS[0]  # type: ignore[index]


def test_live_pages_are_valid_and_read_newest_first_in_a_browser(site: Site) -> None:
    newsroom(site)
    built = build(site)
    pages = [
        built.output / URL / "index.html",
        built.output / "index.html",
        built.output / "kategori" / "lingkungan" / "index.html",
    ]
    assert [describe(message, built.output) for message in validate(pages)] == []
    with served(built.output) as base, chromium() as driver:
        driver.get(base)
        badge = driver.find_element(By.CSS_SELECTOR, ".live-badge")
        assert badge.is_displayed()
        assert badge.text.casefold() == "langsung"
        background, colour = driver.execute_script(
            "const style = getComputedStyle(arguments[0]);"
            "return [style.backgroundColor, style.color]",
            badge,
        )
        light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, f"{colour} on {background}"

        driver.get(base + URL)
        updates = driver.find_elements(By.CSS_SELECTOR, "article.live-update")
        assert [update.get_attribute("id") for update in updates] == ANCHORS
        tops = [update.rect["y"] for update in updates]
        assert tops == sorted(tops), "the newest update is read first"
        assert all(update.is_displayed() for update in updates)

        def target() -> tuple[str, float, float]:
            return tuple(
                driver.execute_script(
                    "const t = document.querySelector(':target');"
                    "return [t ? t.id : '', t ? t.getBoundingClientRect().top : -1,"
                    " window.innerHeight]"
                )
            )

        oldest = driver.find_element(By.CSS_SELECTOR, f"#{ANCHORS[-1]} a.live-time")
        height = driver.execute_script("return window.innerHeight")
        assert oldest.rect["y"] > height, "the oldest update starts out of view"
        driver.find_element(By.CSS_SELECTOR, ".story-live-last a").click()
        assert driver.current_url == f"{base}{URL}#{ANCHORS[0]}"
        anchor, top, height = target()
        assert anchor == ANCHORS[0]
        assert -1 < top < height, "scrolled into view (to within a pixel)"
        oldest.click()
        assert driver.current_url == f"{base}{URL}#{ANCHORS[-1]}"
        anchor, top, height = target()
        assert anchor == ANCHORS[-1]
        assert -1 < top < height, "scrolled into view (to within a pixel)"


def test_warta_check_warns_of_a_live_story_quiet_for_a_day(site: Site) -> None:
    story = newsroom(site)
    warning = (
        f"content/articles/langsung.md:{line_of(story, 'Live:')}: Live: is still 'yes', but the "
        "story has not changed for 24 hours"
    )

    def check(at: str) -> str:
        conf = site.settings_file(f'{SETTINGS}WARTA_BUILD_TIME = "{at}"\n')
        done = run_module(site.root, "warta", "-s", str(conf), "check")
        assert done.returncode == 0, done.stderr
        return done.stdout + done.stderr

    assert "Live: is still" not in check("2026-11-22T08:14")
    assert warning in check("2026-11-22T08:15")
    story.write_text(story.read_text("utf-8").replace("Live: yes", "Live: ended"), "utf-8")
    assert "Live: is still" not in check("2026-11-25T08:15")
