"""A tiny newsroom built once for these tests, with a build time and limits set for them."""

from __future__ import annotations

import pytest

from tests.sitekit import Build, Site

# "Now" for the tiny site's build: the news sitemap keeps stories from 2026-11-18 12:00 on.
BUILD_TIME = "2026-11-20T12:00:00+08:00"
SETTINGS = f"""
WARTA_BUILD_TIME = "{BUILD_TIME}"
WARTA_NEWS_SITEMAP_DAYS = 2
WARTA_SITEMAP_MAX_URLS = 3
WARTA_FEED_CONTENT = "summary"
WARTA_SYNDICATION = "noindex"
WARTA_SEARCH = False
"""
# A headline as a reporter might type it, which would close the JSON-LD script if printed raw.
BREAKOUT = "Awas </script><script>alert(1)</script> di Judul"


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Build:
    site = Site(tmp_path_factory.mktemp("tiny"), SETTINGS)
    site.article("a.md", Title="Hari Ini", Date="2026-11-20 09:00", Slug="hari-ini")
    site.article("b.md", Title="Kemarin Siang", Date="2026-11-18 13:00", Slug="kemarin-siang")
    site.article("c.md", Title="Terlalu Lama", Date="2026-11-18 11:00", Slug="terlalu-lama")
    site.article("d.md", Title="Sesudah Waktu Build", Date="2026-11-21 08:00", Slug="sesudah")
    site.article(
        "e.md",
        Title="Salinan dari Mitra",
        Date="2026-11-19 10:00",
        Slug="salinan",
        Source="Suara Kahayan",
        SourceURL="https://suarakahayan.example/asli",
    )
    site.article("f.md", Title=BREAKOUT, Date="2026-11-01 10:00", Slug="judul-berbahaya")
    build = site.build()
    assert build.returncode == 0, build.stderr
    return build
