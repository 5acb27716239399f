"""The theme plugin on real builds: home page blocks, share links, comments, 404, language."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.sitekit import Site, text_of


def test_home_page_shows_each_story_once_in_its_blocks(site: Site) -> None:
    site.image("images/pasar.jpg")
    site.article(
        "lead.md",
        Slug="lead",
        Title="Pasar Terapung Dibuka",
        Date="2026-11-10 08:00",
        Image="{static}/images/pasar.jpg",
        ImageAlt="Jukung di Sungai Martapura",
    )
    for day in range(11, 16):
        site.article(
            f"p{day}.md",
            Slug=f"politik-{day}",
            Title=f"Sidang DPRD {day}",
            Category="Politik",
            Location="Kota Banjarmasin",
            Date=f"2026-11-{day} 08:00",
        )
    site.article(
        "kalteng.md",
        Slug="kalteng",
        Title="Asap di Kahayan",
        Location="Kota Palangka Raya",
        Date="2026-11-01 08:00",
    )
    # Three stories a page: the home page's page of the newest stories is the newest three.
    build = site.build(
        "DEFAULT_PAGINATION = 3\n"
        'WARTA_FRONT_PAGE = {"lead_window": 8, "per_desk": 1, "per_region": 2}'
    )
    assert build.returncode == 0, build.stderr
    home = build.html("")

    assert text_of(home, ".lead-story .lead-title") == "Pasar Terapung Dibuka"
    assert home.select_one(".lead-story picture img[fetchpriority=high]") is not None
    # "Berita terbaru" is the newest news, newest first; the next page goes on from there.
    assert text_of(home, ".latest .block-title") == "Berita terbaru"
    assert [a.get_text() for a in home.select(".latest h3 a")] == [
        "Sidang DPRD 15",
        "Sidang DPRD 14",
        "Sidang DPRD 13",
    ]
    assert str(home.select_one(".latest .more a")["href"]).endswith("halaman/2/")  # type: ignore[index]
    assert home.select(".picks") == [], "no picks unless the editor pins stories"
    sections = [text_of(section, ".section-title") for section in home.select(".front-section")]
    assert sections == ["Rubrik", "Per wilayah"]
    desks = {
        text_of(block, ".block-title"): [a.get_text() for a in block.select("h4 a")]
        for block in home.select(".rubrik-blocks .block")
    }
    assert desks == {"Politik": ["Sidang DPRD 12"], "Budaya": ["Asap di Kahayan"]}
    regions = {
        text_of(block, ".block-title"): [a.get_text() for a in block.select("h4 a")]
        for block in home.select(".wilayah-blocks .block")
    }
    assert regions == {"Kalimantan Selatan": ["Sidang DPRD 11"]}
    titles = [" ".join(title.get_text().split()) for title in home.select(".block-title")]
    assert len(titles) == len(set(titles)), f"two blocks share a name: {titles}"
    shown = [a.get_text() for a in home.select(".lead-title a, .story-item-title a")]
    assert len(shown) == len(set(shown)), "a story appears twice on the home page"
    assert len(shown) == 7  # every story, once
    # One card style in every block: the lead's photo is the only picture without a card.
    assert home.select(".story-list > li:not(.card)") == []
    assert len(home.select(".card-thumb")) == 0  # the only photo leads


def test_the_editor_pins_the_lead_and_the_picks_by_slug(site: Site) -> None:
    for day in range(1, 7):
        site.article(f"s{day}.md", Slug=f"s{day}", Title=f"Berita {day}", Date=f"2026-11-0{day}")
    build = site.build('DEFAULT_PAGINATION = 4\nWARTA_FRONT_PAGE = {"pinned": ["s2", "s1"]}')
    assert build.returncode == 0, build.stderr
    home = build.html("")
    assert text_of(home, ".lead-story .lead-title") == "Berita 2"
    assert text_of(home, ".picks .block-title") == "Pilihan redaksi"
    assert [a.get_text() for a in home.select(".picks h3 a")] == ["Berita 1"]
    # The latest news is still the newest: the page's four newest, less what is shown above.
    assert [a.get_text() for a in home.select(".latest h3 a")] == [
        "Berita 6",
        "Berita 5",
        "Berita 4",
        "Berita 3",
    ]


@pytest.mark.parametrize(
    ("setting", "complaint"),
    [
        ('WARTA_FRONT_PAGE = {"pinned": ["s1", "sudah-dihapus"]}', "['sudah-dihapus']"),
        ('WARTA_FRONT_PAGE = {"pinned": "s1"}', "list of story slugs"),
        ('WARTA_FRONT_PAGE = {"per_dek": 2}', "per_dek"),
        ('WARTA_FRONT_PAGE = {"per_desk": "4"}', "whole numbers"),
        ('WARTA_FRONT_PAGE = {"top": 4}', "['top']"),
    ],
)
def test_a_front_page_plan_that_cannot_be_followed_stops_the_build(
    site: Site, setting: str, complaint: str
) -> None:
    site.article("s1.md", Slug="s1")
    build = site.build(setting)
    assert build.returncode == 1
    assert complaint in build.stderr
    assert "WARTA_FRONT_PAGE" in build.stderr
    assert "Traceback" not in build.stdout + build.stderr


def test_reading_time_counts_the_words_a_reader_reads(site: Site) -> None:
    """200 words are a minute at 200 words a minute, whatever else the body holds: an "&" is
    no word, though the cleaned body writes it as a character reference (`&amp;`)."""
    words = ["PT", "Sinar", "&", "Co", "membuka", "gerai", "&", "gudang", "&", "kantor"]
    words += ["pasar"] * (200 - len([word for word in words if word != "&"]))
    site.article("pasar.md", Slug="pasar", body=" ".join(words) + "\n")
    build = site.build()
    assert build.returncode == 0, build.stderr
    page = build.html("2026/11/pasar/")
    assert "&amp;" in str(page.select_one(".story-body"))
    assert text_of(page, ".story-reading") == "1 menit baca"
    site.article("pasar.md", Slug="pasar", body=" ".join([*words, "lagi"]) + "\n")
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert text_of(build.html("2026/11/pasar/"), ".story-reading") == "2 menit baca"


def test_share_links_open_each_network_with_the_story_address(site: Site) -> None:
    site.article("a.md", Slug="a", Title="Cabai & Bawang Naik")
    build = site.build()
    assert build.returncode == 0, build.stderr
    share = build.html("2026/11/a/").select(".share a")
    hrefs = {str(a["class"][0]): str(a["href"]) for a in share}
    address = "https://wartabanua.example/2026/11/a/"
    assert list(hrefs) == [
        "share-whatsapp",
        "share-facebook",
        "share-x",
        "share-telegram",
        "share-copy",
    ]
    assert hrefs["share-copy"] == address
    whatsapp = parse_qs(urlsplit(hrefs["share-whatsapp"]).query)
    assert whatsapp["text"] == [f"Cabai & Bawang Naik {address}"]
    assert parse_qs(urlsplit(hrefs["share-facebook"]).query)["u"] == [address]
    x = parse_qs(urlsplit(hrefs["share-x"]).query)
    assert (x["url"], x["text"]) == ([address], ["Cabai & Bawang Naik"])
    assert parse_qs(urlsplit(hrefs["share-telegram"]).query)["url"] == [address]


def test_comments_are_off_by_default_and_take_a_configured_embed(site: Site) -> None:
    site.article("a.md", Slug="a")
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert build.html("2026/11/a/").select_one(".comments") is None
    assert build.html("2026/11/a/").select_one(".story-comment-count") is None

    build = site.build(
        'WARTA_COMMENTS = {"system": "isso", "url": "https://komentar.wartabanua.example"}'
    )
    assert build.returncode == 0, build.stderr
    slot = build.html("2026/11/a/").select_one("section.comments")
    assert slot is not None
    script = slot.select_one("script[data-isso]")
    assert script is not None
    assert script["src"] == "https://komentar.wartabanua.example/js/embed.min.js"
    assert slot.select_one("#isso-thread") is not None
    # The count under the headline: a link to the thread, which Isso's client (the embed on the
    # same page) replaces with the thread's count; a plain link to the comments without scripts.
    count = build.html("2026/11/a/").select_one("header.story-header .story-comment-count")
    assert count is not None
    assert (count.name, count["href"], count.get_text()) == ("a", "#isso-thread", "Komentar")

    build = site.build(
        'WARTA_COMMENTS = {"system": "remark42", "url": "https://remark.example/",'
        ' "site_id": "warta"}'
    )
    assert build.returncode == 0, build.stderr
    thread = build.html("2026/11/a/").select_one("section.comments #remark42")
    assert thread is not None
    assert (thread["data-site-id"], thread["data-url"]) == (
        "warta",
        "https://wartabanua.example/2026/11/a/",
    )
    count = build.html("2026/11/a/").select_one("header.story-header .story-comment-count")
    assert count is not None
    assert count["href"] == "#komentar"
    counter = count.select_one("span.remark42__counter")
    assert counter is not None
    assert counter["data-url"] == "https://wartabanua.example/2026/11/a/"
    loader = (build.output / "theme/js/remark42.js").read_text(encoding="utf-8")
    assert '["embed", "counter"]' in loader  # Remark42's own counter.js fills it
    # Story cards on list pages count too, by Remark42's counter, started by the theme's file
    # from this server (Isso's cards are counted against a real server in test_theme_reader).
    listing = build.html("kategori/budaya/")
    card = listing.select_one(".story-list a.card-comments")
    assert card is not None
    assert card["href"] == "../../2026/11/a/#komentar"
    assert card.select_one(".remark42__counter")["data-url"] == (  # type: ignore[index]
        "https://wartabanua.example/2026/11/a/"
    )
    starter = listing.select_one("script[src$='js/remark42-counter.js']")
    assert starter is not None
    assert (starter["data-host"], starter["data-site-id"]) == ("https://remark.example/", "warta")
    assert starter.has_attr("defer")
    home = build.html("")
    assert home.select_one("script[src$='js/remark42-counter.js']") is not None


@pytest.mark.parametrize(
    ("setting", "complaint"),
    [
        ('WARTA_COMMENTS = {"system": "disqus", "url": "https://x.example"}', "WARTA_COMMENTS"),
        ('WARTA_COMMENTS = {"system": "remark42", "url": "https://x.example"}', "site_id"),
        ('WARTA_SHARE = ["whatsapp", "myspace"]', "myspace"),
    ],
)
def test_a_mistaken_theme_setting_stops_the_build_with_its_name(
    site: Site, setting: str, complaint: str
) -> None:
    site.article("a.md", Slug="a")
    build = site.build(setting)
    assert build.returncode == 1
    assert complaint in build.stderr
    assert "Traceback" not in build.stdout + build.stderr


def test_the_404_page_links_from_the_site_root_wherever_it_is_served(site: Site) -> None:
    site.article("a.md", Slug="a", Title="Pasar Kuin")
    build = site.build('WARTA_SITE_URL = "https://outlet.example/warta"')
    assert build.returncode == 0, build.stderr
    page = build.html("404.html")
    assert page.select_one("head base") is None
    assert page.select_one("a.skip-link")["href"] == "#isi"  # type: ignore[index]
    links = [str(a["href"]) for a in page.select("a[href]")]
    links = [link for link in links if not link.startswith(("#", "http"))]
    assert links
    assert all(str(link).startswith("/warta/") for link in links), links
    stylesheet = page.select_one('link[rel="stylesheet"]')
    assert stylesheet is not None
    assert stylesheet["href"] == "/warta/theme/css/warta.css"
    assert text_of(page, "h1") == "Halaman tidak ditemukan"
    form = page.select_one("form[role=search]")
    assert form is not None
    assert (form["action"], form.select_one("input")["name"]) == ("/warta/cari/", "q")  # type: ignore[index]
    assert [a.get_text() for a in page.select(".story-list a")] == ["Pasar Kuin"]
    assert page.select_one('meta[name="robots"][content="noindex"]') is not None


def test_one_setting_switches_the_interface_and_dates_to_english(site: Site) -> None:
    site.article("a.md", Slug="a", Date="2026-11-18 09:00", Modified="2026-11-19 10:30")
    build = site.build('DEFAULT_LANG = "en"')
    assert build.returncode == 0, build.stderr
    story = build.html("2026/11/a/")
    assert story.html is not None
    assert story.html["lang"] == "en"
    assert (
        text_of(story, ".story-date") == "Wednesday, 18 November 2026, 09:00 Central Indonesia Time"
    )
    assert text_of(story, ".story-updated").startswith("Updated Thursday, 19 November 2026")
    assert text_of(story, ".story-byline").startswith("By Siti Aisyah Noor")
    assert text_of(story, ".skip-link") == "Skip to content"
    assert text_of(story, ".share h2") == "Share"
    listing = build.html("kategori/budaya/")
    assert text_of(listing, ".listing-count").startswith("1 story")
    assert text_of(build.html("2026/11/"), "h1") == "November 2026"

    build = site.build()
    story = build.html("2026/11/a/")
    assert text_of(story, ".story-date") == "Rabu, 18 November 2026 09.00 WITA"
    assert text_of(story, ".story-updated").startswith("Diperbarui Kamis, 19 November 2026")
    assert text_of(story, ".skip-link") == "Langsung ke isi"


def test_a_language_without_a_catalogue_stops_the_build(site: Site) -> None:
    site.article("a.md", Slug="a")
    build = site.build('DEFAULT_LANG = "jv"')
    assert build.returncode != 0
    assert "no translation catalogue for DEFAULT_LANG 'jv'" in build.stderr
    assert "Traceback" not in build.stdout + build.stderr
