"""Listings: every desk, place, tag, author, source, year and month page, built in one pass."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
from bs4 import BeautifulSoup

from tests.sitekit import Build, Site, text_of

WITA = ZoneInfo("Asia/Makassar")


def follow(build: Build, page: str, href: str) -> Path:
    """The file a relative link on the page at `page` (a URL like 'kategori/politik/') opens."""
    target = (build.output / page / href).resolve()
    return target / "index.html" if target.is_dir() else target


def stories_on(build: Build, page: str) -> list[str]:
    return [a.get_text() for a in build.html(page).select(".story-list h2 a")]


def test_places_nest_under_their_region_and_paginate(site: Site) -> None:
    site.article(
        "a.md", Slug="satu", Location="Kota Banjarmasin", Title="Pasar Kuin", Date="2026-11-01"
    )
    site.article(
        "b.md",
        Slug="dua",
        Location="Kota Banjarmasin",
        Title="Jembatan Antasari",
        Date="2026-11-02",
    )
    site.article(
        "c.md",
        Slug="tiga",
        Location="Kabupaten Banjar",
        Title="Banjir Martapura",
        Date="2026-11-03",
    )
    site.article("d.md", Slug="empat", Location="Kota Palangka Raya", Title="Asap Kahayan")
    build = site.build("DEFAULT_PAGINATION = 2")
    assert build.returncode == 0, build.stderr

    city = build.html("lokasi/kalimantan-selatan/kota-banjarmasin/")
    assert text_of(city, ".listing-title") == "Kota Banjarmasin"
    assert sorted(stories_on(build, "lokasi/kalimantan-selatan/kota-banjarmasin/")) == [
        "Jembatan Antasari",
        "Pasar Kuin",
    ]
    parent = city.select_one(".listing-kind a")
    assert parent is not None
    assert parent.get_text() == "Kalimantan Selatan"

    province = build.html("lokasi/kalimantan-selatan/")
    children = [" ".join(li.get_text().split()) for li in province.select(".location-children li")]
    assert children == ["Kabupaten Banjar (1)", "Kota Banjarmasin (2)"]
    assert text_of(province, ".listing-count").startswith("3 berita")
    assert len(province.select(".story-list li")) == 2  # page 1 of 2
    next_link = province.select_one('.pagination a[rel="next"]')
    assert next_link is not None
    second = follow(build, "lokasi/kalimantan-selatan/", str(next_link["href"]))
    assert second == build.output / "lokasi/kalimantan-selatan/halaman/2/index.html"
    page_two = BeautifulSoup(second.read_text(encoding="utf-8"), "lxml")
    assert [a.get_text() for a in page_two.select(".story-list h2 a")] == ["Pasar Kuin"]
    assert not (build.output / "lokasi/kalimantan-tengah/kabupaten-banjar").exists()

    story = build.html("2026/11/satu/")
    label = story.select_one(".story-location a")
    assert label is not None
    target = follow(build, "2026/11/satu/", str(label["href"]))
    assert target == build.output / "lokasi/kalimantan-selatan/kota-banjarmasin/index.html"


def test_every_kind_of_listing_has_heading_count_and_its_own_feed(site: Site) -> None:
    site.article(
        "a.md",
        Slug="a",
        Title="Harga Karet Turun",
        Category="Ekonomi",
        Tags="karet, petani",
        Source="Kantor Berita Borneo",
        Date="2026-10-05 08:00",
    )
    site.article("b.md", Slug="b", Title="Petani Karet Menahan Getah", Tags="karet")
    site.article("c.md", Slug="c", Title="Lomba Jukung", Date="2025-08-17 10:00")
    build = site.build()
    assert build.returncode == 0, build.stderr

    expected = {
        "kategori/ekonomi/": ("Ekonomi", 1),
        "tag/karet/": ("karet", 2),
        "penulis/siti-aisyah-noor/": ("Siti Aisyah Noor", 3),
        "sumber/kantor-berita-borneo/": ("Kantor Berita Borneo", 1),
        "lokasi/kalimantan-selatan/kabupaten-banjar/": ("Kabupaten Banjar", 3),
        "2026/": ("2026", 2),
        "2026/10/": ("Oktober 2026", 1),
        "2025/08/": ("Agustus 2025", 1),
    }
    for url, (heading, count) in expected.items():
        page = build.html(url)
        assert text_of(page, "h1.listing-title") == heading, url
        assert text_of(page, ".listing-count").startswith(f"{count} berita"), url
        assert len(page.select(".story-list li")) == count, url
        # One link for readers, to the RSS feed; feed readers find both in the page's head.
        feeds = page.select(".listing-count a.feed-link")
        assert [a.get_text() for a in feeds] == ["Ikuti lewat RSS"], url
        assert str(feeds[0]["href"]).endswith(".rss.xml"), url
        alternates = page.select('head link[rel="alternate"]')
        assert {str(link["href"]).rsplit(".", 2)[-2] for link in alternates} >= {"atom", "rss"}
        parsed = feedparser.parse(
            (build.output / str(feeds[0]["href"]).split(".example/", 1)[1]).read_bytes()
        )
        assert not parsed.bozo, url
        # A year or month has no feed of its own: it links the site's, with every story.
        assert len(parsed.entries) == (3 if url[0].isdigit() else count), url

    author = build.html("penulis/siti-aisyah-noor/")
    assert "Martapura" in text_of(author, ".author-bio")
    source = build.html("sumber/kantor-berita-borneo/")
    assert "Kalimantan" in text_of(source, ".listing-about")
    story = build.html("2026/10/a/")
    source_link = story.select_one(".story-source a")
    assert source_link is not None
    assert follow(build, "2026/10/a/", str(source_link["href"])) == (
        build.output / "sumber/kantor-berita-borneo/index.html"
    )
    year = build.html("2026/")
    assert [a.get_text() for a in year.select(".location-children a")] == [
        "November 2026",
        "Oktober 2026",
    ]
    archive = build.html("arsip/")
    assert [" ".join(h.get_text().split()) for h in archive.select(".archive-year h2")] == [
        "2026 (2)",
        "2025 (1)",
    ]
    topics = build.html("tag/")
    assert [" ".join(li.get_text().split()) for li in topics.select(".taxonomy-list li")] == [
        "karet (2)",
        "petani (1)",
    ]


def test_story_links_its_neighbours_in_the_same_desk(site: Site) -> None:
    site.article("1.md", Slug="lama", Title="Lama", Category="Hukum", Date="2026-11-01 08:00")
    site.article("2.md", Slug="sela", Title="Sela", Category="Politik", Date="2026-11-02 08:00")
    site.article("3.md", Slug="tengah", Title="Tengah", Category="Hukum", Date="2026-11-03 08:00")
    site.article("4.md", Slug="baru", Title="Baru", Category="Hukum", Date="2026-11-04 08:00")
    build = site.build()
    assert build.returncode == 0, build.stderr

    middle = build.html("2026/11/tengah/")
    older = middle.select_one('.story-nav a[rel="prev"]')
    newer = middle.select_one('.story-nav a[rel="next"]')
    assert older is not None
    assert newer is not None
    assert follow(build, "2026/11/tengah/", str(older["href"])).parent.name == "lama"
    assert follow(build, "2026/11/tengah/", str(newer["href"])).parent.name == "baru"
    assert "Hukum" in text_of(middle, ".story-nav")
    newest = build.html("2026/11/baru/")
    assert newest.select_one('.story-nav a[rel="next"]') is None
    assert build.html("2026/11/sela/").select_one(".story-nav") is None


def test_a_listing_kind_switched_off_is_not_written_or_linked(site: Site) -> None:
    site.article("a.md", Slug="a", Tags="karet", Source="Kiriman Warga")
    build = site.build('TAG_SAVE_AS = ""\nWARTA_SOURCE_SAVE_AS = ""')
    assert build.returncode == 0, build.stderr
    assert not (build.output / "tag/karet").exists()
    assert not (build.output / "sumber").exists()
    story = build.html("2026/11/a/")
    assert story.select_one(".story-source a") is None
    assert text_of(story, ".story-source") == "Sumber: Kiriman Warga"
    assert not (build.output / "tag/index.html").exists()
    footer = [a.get_text() for a in story.select(".site-footer a")]
    assert "Topik" not in footer
    assert "Sumber" not in footer
    assert "Penulis" in footer


def test_places_and_sources_have_index_pages_linked_from_their_listings(site: Site) -> None:
    site.article("a.md", Slug="a", Location="Kota Banjarmasin", Source="Kiriman Warga")
    site.article("b.md", Slug="b", Location="Kabupaten Banjar", Source="Kantor Berita Borneo")
    site.article("c.md", Slug="c", Location="Kota Palangka Raya")
    build = site.build()
    assert build.returncode == 0, build.stderr

    places = build.html("lokasi/")
    assert text_of(places, "h1") == "Lokasi"
    regions = {
        text_of(group, "h2"): [" ".join(li.get_text().split()) for li in group.select("li")]
        for group in places.select(".place-group")
    }
    assert regions == {
        "Indonesia (3)": ["Kalimantan Selatan (2)", "Kalimantan Tengah (1)"],
        "Kalimantan Selatan (2)": ["Kabupaten Banjar (1)", "Kota Banjarmasin (1)"],
        "Kalimantan Tengah (1)": ["Kota Palangka Raya (1)"],
    }
    for link in places.select(".place-group a"):
        assert follow(build, "lokasi/", str(link["href"])).is_file(), link

    sources = build.html("sumber/")
    assert [" ".join(li.get_text().split()) for li in sources.select(".taxonomy-list li")] == [
        "Kantor Berita Borneo (1)",
        "Kiriman Warga (1)",
    ]
    for listing, index in [
        ("lokasi/indonesia/", "lokasi/index.html"),
        ("sumber/kiriman-warga/", "sumber/index.html"),
        ("kategori/budaya/", "kategori/index.html"),
    ]:
        kind = build.html(listing).select_one(".listing-kind a")
        assert kind is not None, listing
        assert follow(build, listing, str(kind["href"])) == build.output / index


def test_a_large_index_lists_the_most_used_first_and_every_name_on_one_a_to_z_page(
    site: Site,
) -> None:
    """Past WARTA_INDEX_PAGE_SIZE names, /tag/ stays within the page budget: the most used
    names first, then one page per initial (paginated in turn), each name on exactly one."""
    names = [f"{letter}topik {n}" for letter in "abcdefghij" for n in range(2)]
    names += [f"kawasan {n:02d}" for n in range(14)]  # more than a page (DEFAULT_PAGINATION 12)
    names += ["2026 pilkada", "ēra baru"]
    for number in range(12):
        tags = ", ".join(["banjir", *names[number * 3 : number * 3 + 3]])
        site.article(f"s{number}.md", Slug=f"cerita-{number}", Title=f"Cerita {number}", Tags=tags)
    build = site.build("WARTA_INDEX_PAGE_SIZE = 10\n")
    assert build.returncode == 0, build.stderr
    front = build.html("tag/")
    listed = [a.get_text() for a in front.select(".taxonomy-list a")]
    assert len(listed) == 10
    assert listed[0] == "banjir"  # on every story: the most used
    letters = [a.get_text() for a in front.select("nav.letters a")]
    assert letters == [*"ABCDEFGHIJK", "0-9", "LAINNYA"]

    seen: list[str] = []
    pages_seen: list[Path] = []
    for link in front.select("nav.letters a"):
        page = follow(build, "tag/", str(link["href"]))
        while True:
            letter_page = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
            on_page = [a.get_text() for a in letter_page.select(".taxonomy-list a")]
            assert on_page == sorted(on_page, key=str.casefold), on_page
            initial = link.get_text().lower()
            for name in on_page:
                first = name[0].casefold()
                expected = first if first.isascii() and first.isalpha() else None
                assert initial == (expected or ("0-9" if first.isdigit() else "lainnya")), name
            seen += on_page
            pages_seen.append(page)
            following = letter_page.select_one("a[rel=next]")
            if following is None:
                break
            page = (page.parent / str(following["href"])).resolve()
            page = page / "index.html" if page.is_dir() else page
    assert sorted(seen) == sorted([*names, "banjir"])
    assert len(seen) == len(set(seen))
    assert len(pages_seen) == len(letters) + 1  # K's 14 names take two pages
