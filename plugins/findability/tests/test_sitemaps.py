"""Sitemaps validate against the sitemap and Google News schemas; the news window is exact."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from findability.model import Outlet
from findability.sitemaps import news_sitemap, news_window
from tests.sitekit import Build, SampleSite

SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))


def valid(schema: etree.XMLSchema, path: Path) -> etree._ElementTree:
    document = etree.parse(str(path))
    assert schema.validate(document), (path, schema.error_log)
    return document


def test_sample_sitemap_lists_every_indexable_story(
    sample: SampleSite, schema: etree.XMLSchema
) -> None:
    document = valid(schema, sample.output / "sitemap.xml")
    locs = document.xpath("//s:url/s:loc/text()", namespaces=NS)
    stories = [
        path
        for path, page in sample.articles().items()
        if str(page.select_one('link[rel="canonical"]')["href"]).startswith(  # type: ignore[index]
            "https://wartabanua.example/"
        )
    ]
    story_urls = {
        "https://wartabanua.example/" + path.parent.relative_to(sample.output).as_posix() + "/"
        for path in stories
    }
    assert story_urls <= set(locs)
    assert len(story_urls) == len(sample.articles()) - 1  # the syndicated copy is left out
    assert "https://wartabanua.example/tentang/" in locs
    assert "https://wartabanua.example/2026/09/asap-karhutla-jam-masuk-sekolah-diundur/" not in locs
    lastmods = document.xpath(
        "//s:url[s:loc='https://wartabanua.example/2026/11/sungai-martapura-meluap-230-rumah-terendam/']/s:lastmod/text()",
        namespaces=NS,
    )
    assert lastmods == ["2026-11-11T09:15:00+08:00"]


def test_sample_news_sitemap_and_robots(sample: SampleSite, schema: etree.XMLSchema) -> None:
    valid(schema, sample.output / "news-sitemap.xml")
    robots = (sample.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Sitemap: https://wartabanua.example/sitemap.xml" in robots
    assert "Sitemap: https://wartabanua.example/news-sitemap.xml" in robots


def test_sitemap_splits_into_an_index_past_the_limit(tiny: Build, schema: etree.XMLSchema) -> None:
    index = valid(schema, tiny.output / "sitemap.xml")
    parts = index.xpath("/s:sitemapindex/s:sitemap/s:loc/text()", namespaces=NS)
    assert len(parts) >= 3
    urls: list[str] = []
    for url in parts:
        part = valid(schema, tiny.output / url.rsplit("/", 1)[1])
        found = part.xpath("//s:url/s:loc/text()", namespaces=NS)
        assert 1 <= len(found) <= 3
        urls += found
    assert len(urls) == len(set(urls))
    assert "https://wartabanua.example/2026/11/hari-ini/" in urls


def test_news_sitemap_keeps_the_two_days_before_build_time(
    tiny: Build, schema: etree.XMLSchema
) -> None:
    document = valid(schema, tiny.output / "news-sitemap.xml")
    locs = document.xpath("//s:url/s:loc/text()", namespaces=NS)
    # After build time, older than 2 days, and the syndicated copy are left out.
    assert locs == [
        "https://wartabanua.example/2026/11/hari-ini/",
        "https://wartabanua.example/2026/11/kemarin-siang/",
    ]
    assert document.xpath("//n:publication/n:name/text()", namespaces=NS) == ["Warta Banua"] * 2
    assert document.xpath("//n:publication/n:language/text()", namespaces=NS) == ["id"] * 2
    assert document.xpath("//n:publication_date/text()", namespaces=NS)[0] == (
        "2026-11-20T09:00:00+08:00"
    )


def test_empty_news_sitemap_is_valid(tmp_path: Path, schema: etree.XMLSchema) -> None:
    outlet = Outlet.from_settings(
        {
            "WARTA_SITE_URL": "https://outlet.example",
            "THEME_STATIC_DIR": "theme",
            "SITENAME": "Outlet",
            "DEFAULT_LANG": "id",
            "WARTA_OG_LOCALE": "id_ID",
            "WARTA_TWITTER_SITE": "",
            "WARTA_LOGO": "img/logo.jpeg",
            "WARTA_DEFAULT_CARD": "img/card.jpeg",
            "WARTA_SYNDICATION": "canonical",
            "TIMEZONE": "Asia/Makassar",
        }
    )
    (tmp_path / "news-sitemap.xml").write_text(news_sitemap([], outlet, str), "utf-8")
    document = valid(schema, tmp_path / "news-sitemap.xml")
    assert document.xpath("//s:url", namespaces=NS) == []


def test_news_window_takes_at_most_the_limit_newest_first() -> None:
    now = datetime(2026, 11, 20, 12, tzinfo=WITA)
    stories = [
        SimpleNamespace(date=now - timedelta(hours=hours), source_url="") for hours in range(60)
    ]
    picked = news_window(stories, now, days=2, limit=5)  # type: ignore[arg-type]
    assert [story.date for story in picked] == [now - timedelta(hours=h) for h in range(5)]
    assert len(news_window(stories, now, days=2, limit=1000)) == 49  # type: ignore[arg-type]
