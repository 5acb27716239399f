"""Every feed parses cleanly in feedparser and carries the sample's stories as written."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from tests.sitekit import Build, SampleSite

SITE = "https://wartabanua.example/"
OFFSET = "+08:00"


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def feeds_of(output: Path) -> list[Path]:
    return sorted((output / "feeds").rglob("*.xml"))


def test_every_feed_is_valid_with_absolute_links_and_offset_dates(sample: SampleSite) -> None:
    paths = feeds_of(sample.output)
    # site + 9 desks at most + places + authors, each in Atom and RSS
    assert len(paths) >= 2 * (1 + 6 + 8 + 4)
    assert len([p for p in paths if p.name.endswith(".atom.xml")]) * 2 == len(paths)
    for path in paths:
        parsed = parse(path)
        assert parsed.entries, path
        for entry in parsed.entries:
            assert entry.link.startswith(SITE), entry.link
            page = sample.output / urlsplit(entry.link).path.lstrip("/") / "index.html"
            assert page.is_file(), entry.link
            assert entry.published.endswith(OFFSET) or entry.published.endswith("+0800"), entry
            assert entry.get("author"), entry.link


def test_site_feed_lists_every_story_newest_first(sample: SampleSite) -> None:
    for kind in ("atom", "rss"):
        parsed = parse(sample.output / "feeds" / f"semua.{kind}.xml")
        titles = [entry.title for entry in parsed.entries]
        story_titles = {
            " ".join(page.select_one(".story-title").get_text().split())  # type: ignore[union-attr]
            for page in sample.articles().values()
        }
        assert set(titles) == story_titles
        dates = [entry.published_parsed for entry in parsed.entries]
        assert dates == sorted(dates, reverse=True)


def test_entry_has_full_content_image_authors_and_modified_time(sample: SampleSite) -> None:
    atom = parse(sample.output / "feeds" / "semua.atom.xml")
    entry = next(e for e in atom.entries if "sungai-martapura-meluap" in e.link)
    assert entry.updated == "2026-11-11T09:15:00+08:00"
    assert entry.published == "2026-11-10T07:45:00+08:00"
    assert entry.author == "Siti Aisyah Noor, Rahmat Hidayat"
    body = entry.content[0].value
    assert "MARTAPURA, WARTA BANUA" in body
    assert "230 rumah" in body
    assert 'src="https://wartabanua.example/images/' in body
    image = entry.enclosures[0]
    assert image.href.startswith(SITE + "images/")
    assert image.href.endswith("-og.jpg")
    assert int(image.length) > 0
    assert (sample.output / urlsplit(image.href).path.lstrip("/")).is_file()
    rss = parse(sample.output / "feeds" / "semua.rss.xml")
    same = next(e for e in rss.entries if e.link == entry.link)
    assert same.enclosures[0].href == image.href
    assert "230 rumah" in same.description


@pytest.mark.parametrize(
    ("feed", "expected"),
    [
        ("rubrik/hukum", {"kejari-tapin-tahan-kepala-desa-sawang-laut", "jaksa-tuntut-kades"}),
        ("lokasi/kalimantan-selatan/kabupaten-banjar", {"sungai-martapura-meluap"}),
        ("penulis/siti-aisyah-noor", {"sungai-martapura-meluap"}),
    ],
)
def test_listing_feeds_hold_their_stories(
    sample: SampleSite, feed: str, expected: set[str]
) -> None:
    parsed = parse(sample.output / "feeds" / f"{feed}.atom.xml")
    links = " ".join(entry.link for entry in parsed.entries)
    assert all(slug in links for slug in expected), links


def test_region_feed_includes_its_regencies(sample: SampleSite) -> None:
    region = parse(sample.output / "feeds/lokasi/kalimantan-selatan.atom.xml")
    regency = parse(sample.output / "feeds/lokasi/kalimantan-selatan/kabupaten-banjar.atom.xml")
    assert {e.link for e in regency.entries} < {e.link for e in region.entries}


def test_summary_setting_leaves_the_body_out(tiny: Build) -> None:
    atom = parse(tiny.output / "feeds" / "semua.atom.xml")
    entry = next(e for e in atom.entries if "hari-ini" in e.link)
    assert "content" not in entry
    assert "Puluhan jukung" in entry.summary
    assert '"Kami datang' not in entry.summary


def test_pages_announce_their_feeds(sample: SampleSite) -> None:
    page = sample.pages[sample.output / "kategori" / "hukum" / "index.html"]
    hrefs = [str(link["href"]) for link in page.select('link[rel="alternate"]')]
    assert hrefs == [
        SITE + "feeds/semua.atom.xml",
        SITE + "feeds/semua.rss.xml",
        SITE + "feeds/rubrik/hukum.atom.xml",
        SITE + "feeds/rubrik/hukum.rss.xml",
    ]
