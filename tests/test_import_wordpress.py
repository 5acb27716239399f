"""`warta import-wordpress` driven as a web person leaving WordPress would, plus its transforms."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown
from newsroom_model.catalog import Catalog, Location
from newsroom_model.header import split_source
from newsroom_model.schema import Rules
from PIL import Image

from tests.sitekit import REPO, Site, run_module, text_of
from warta.commands.wordpress import (
    MANIFEST_NAME,
    MAPPING_NAME,
    REPORT_NAME,
    Export,
    Item,
    Term,
    WxrError,
    convert_body,
    find_place,
    local_time,
    parse_export,
    read_mapping,
)
from warta.commands.wordpress.mapping import draft_mapping
from warta.commands.wordpress.media import Missing, Traced, mark, own_hosts, trace, without_photo
from warta.commands.wordpress.posts import clean_slug, split_dateline

FIXTURES = REPO / "tests" / "fixtures" / "wordpress"
EXPORT = FIXTURES / "export.xml"
UPLOADED = (
    "2026/10/jukung-lok-baintan.jpg",
    "2026/09/lapangan-murakata.jpg",
    "2026/11/paripurna.jpg",
)
OPINION = "content/articles/2026/11/menjaga-sungai-adalah-menjaga-kota.md"


def warta(site: Site, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run_module(site.root, "warta", "-s", str(site.settings_file()), *arguments)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below `root` except the report, which says what the run found."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != REPORT_NAME
    }


def jpeg(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (800, 533), (40, 90, 120)).save(path, "JPEG")


def headers(path: Path) -> dict[str, str]:
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in header.splitlines())


EMPTY_DEFAULTS = 'default:\n  desk: ""\n  location: ""'


def map_once(
    site: Site,
    export: Path,
    desk: str = "Daerah",
    place: str = "Kota Banjarmasin",
    edits: tuple[tuple[str, str], ...] = (),
) -> str:
    """The editor's one step: the first run writes the mapping file, which gets a default desk
    and place (and `edits`, each a text replaced); returns the file as the import wrote it."""
    first = warta(site, "import-wordpress", str(export))
    assert first.returncode == 0, first.stderr
    assert "Fill in the rest" in first.stderr
    assert not list((site.content / "articles").rglob("*.md"))
    mapping = site.root / MAPPING_NAME
    written = mapping.read_text(encoding="utf-8")
    text = written.replace(EMPTY_DEFAULTS, f'default:\n  desk: "{desk}"\n  location: "{place}"')
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    mapping.write_text(text, encoding="utf-8")
    return written


@pytest.fixture
def imported(site: Site) -> Site:
    """A newsroom after mapping once and importing the fixture export, with all its photos
    but one."""
    uploads = site.root / "uploads"
    for relative in UPLOADED:
        jpeg(uploads / relative)
    map_once(site, EXPORT)
    done = warta(site, "import-wordpress", str(EXPORT), "--uploads", "uploads")
    assert done.returncode == 0, done.stderr
    assert str(site.root / REPORT_NAME) in done.stderr
    return site


def test_the_first_run_writes_the_mapping_with_counts_and_guesses(site: Site) -> None:
    written = map_once(site, EXPORT)
    assert EMPTY_DEFAULTS in written
    lines = written.splitlines()
    # Each term once, with how many posts carry it, and a desk or place where its name says one.
    for expected in (
        '  "politik": {name: "Politik", posts: 1, desk: "Politik", location: "", tag: ""}',
        '  "berita-daerah": {name: "Berita Daerah", posts: 1, desk: "Daerah", location: "", '
        'tag: ""}',
        '  "martapura": {name: "Martapura", posts: 1, desk: "", location: "Kabupaten Banjar", '
        'tag: ""}',
        '  "opini": {name: "Opini", posts: 1, desk: "", location: "", tag: "Opini"}',
        '  "uncategorized": {name: "Uncategorized", posts: 1, desk: "", location: "", tag: ""}',
        '  "sepak-bola": {name: "sepak bola", posts: 1, desk: "", location: "", tag: "sepak bola"}',
    ):
        assert expected in lines, expected


def test_a_mapping_without_defaults_or_with_mistakes_is_refused_naming_lines(site: Site) -> None:
    map_once(site, EXPORT, desk="", place="")
    refused = warta(site, "import-wordpress", str(EXPORT))
    assert refused.returncode == 1
    assert "default.place" not in refused.stderr
    # One post (Opini) names neither a desk nor a place: the editor gives defaults.
    assert re.search(
        r"wordpress-mapping\.yaml:13: default\.desk: 1 posts get no desk from their categories "
        r"or tags, e\.g\. 'Menjaga Sungai adalah Menjaga Kota' \(give a desk here",
        refused.stderr,
    )
    assert "wordpress-mapping.yaml:14: default.location: 2 posts get no place" in refused.stderr
    assert not list((site.content / "articles").rglob("*.md"))

    mapping = site.root / MAPPING_NAME
    text = mapping.read_text(encoding="utf-8").replace(
        EMPTY_DEFAULTS, 'default:\n  desk: "Hukm"\n  location: "Banjarmasinn"'
    )
    mapping.write_text(text.replace('tag: "sepak bola"', 'tag: "a, b"'), encoding="utf-8")
    refused = warta(site, "import-wordpress", str(EXPORT))
    assert refused.returncode == 1
    lines = [line for line in refused.stderr.splitlines() if line.startswith("wordpress-mapping")]
    assert lines[:2] == [
        "wordpress-mapping.yaml:13: default.desk: 'Hukm' is not one of the desks (did you mean "
        "'Hukum'?)",
        "wordpress-mapping.yaml:14: default.location: 'Banjarmasinn' is not a known place (did "
        "you mean 'Kota Banjarmasin'?)",
    ]
    assert "tags.sepak-bola.tag: 'a, b' cannot be a tag" in refused.stderr
    mapping.write_text("default: [\n", encoding="utf-8")
    refused = warta(site, "import-wordpress", str(EXPORT))
    assert refused.returncode == 1
    assert "wordpress-mapping.yaml:2: YAML:" in refused.stderr


def test_import_maps_headers_bodies_and_photos(imported: Site) -> None:
    site = imported
    articles = site.content / "articles"
    assert sorted(path.relative_to(articles).as_posix() for path in articles.rglob("*.md")) == [
        "2026/09/turnamen-sepak-bola-antarkampung-barabai-dibuka.md",
        "2026/10/pasar-terapung-lok-baintan-dipadati-wisatawan.md",
        "2026/11/dprd-banjarmasin-sahkan-apbd-2027.md",
        "2026/11/draf-harga-karet-turun-lagi.md",
        "2026/11/menjaga-sungai-adalah-menjaga-kota.md",
    ]

    apbd = articles / "2026/11/dprd-banjarmasin-sahkan-apbd-2027.md"
    assert headers(apbd) == {
        "Title": "DPRD Banjarmasin Sahkan APBD 2027 Rp 2,9 Triliun",
        "Date": "2026-11-16 14:30",
        "Modified": "2026-11-16 18:05",
        "Category": "Politik",
        "Location": "Kota Banjarmasin",
        "Author": "Rahmat Hidayat",
        "Tags": "APBD, DPRD",
        "Summary": "DPRD Kota Banjarmasin mengesahkan APBD 2027 sebesar Rp 2,9 triliun & "
        "mencoret gedung parkir Sudimampir.",
        "Slug": "dprd-banjarmasin-sahkan-apbd-2027",
        # Every address WordPress answered at: its permalink, its short link, the dated form.
        "Aliases": "/2026/11/dprd-sahkan-apbd/, /?p=11, "
        "/2026/11/16/dprd-banjarmasin-sahkan-apbd-2027/",
    }
    body = apbd.read_text(encoding="utf-8")
    assert "## Gedung parkir dicoret" in body
    assert "- rehabilitasi 14 sekolah dasar." in body
    assert (
        "![Suasana rapat paripurna DPRD Kota Banjarmasin.]({static}/images/2026/11/paripurna.jpg)"
        in body
    )
    assert (site.content / "images/2026/11/paripurna.jpg").is_file()
    assert "*Suasana rapat paripurna DPRD Kota Banjarmasin.*" in body
    assert "[caption" not in body

    market = articles / "2026/10/pasar-terapung-lok-baintan-dipadati-wisatawan.md"
    assert headers(market) | {"Title": ""} == {
        "Title": "",
        "Date": "2026-10-20 09:00",
        "Category": "Daerah",
        "Location": "Kabupaten Banjar",
        "Author": "Siti Aisyah Noor",
        "Tags": "wisata, sungai martapura",
        "Slug": "pasar-terapung-lok-baintan-dipadati-wisatawan",
        "Aliases": "/2026/10/pasar-terapung/, /?p=12, "
        "/2026/10/20/pasar-terapung-lok-baintan-dipadati-wisatawan/",
        "Image": "images/2026/10/jukung-lok-baintan.jpg",
        "ImageAlt": "Tiga perahu kayu bermuatan sayur dan buah berjajar di sungai berair "
        "cokelat pada pagi hari",
        "ImageCaption": "Pedagang sayur menawarkan dagangan dari jukung di Sungai Martapura, "
        "Selasa (20/10/2026).",
        "ImageCredit": "Kabar Banua/Siti Aisyah Noor",
    }
    assert (site.content / "images/2026/10/jukung-lok-baintan.jpg").read_bytes() == (
        site.root / "uploads" / UPLOADED[0]
    ).read_bytes()
    market_body = market.read_text(encoding="utf-8")
    assert "<https://www.youtube.com/watch?v=dQw4w9WgXcQ>" in market_body
    assert "iframe" not in market_body
    assert "> Pasar ini hidup karena sungai." in market_body

    match = headers(articles / "2026/09/turnamen-sepak-bola-antarkampung-barabai-dibuka.md")
    assert match["Location"] == "Kabupaten Hulu Sungai Tengah"
    assert match["Date"] == "2026-09-14 16:00"
    assert match["ImageAlt"] == "Lapangan Murakata Barabai"
    assert match["Tags"] == "sepak bola"
    # The opinion piece names no desk or place: the mapping's defaults file it.
    opinion = headers(site.root / OPINION)
    assert (opinion["Category"], opinion["Location"], opinion["Tags"]) == (
        "Daerah",
        "Kota Banjarmasin",
        "Opini",
    )
    assert "Image" not in opinion
    # A WordPress draft stays a draft: written, never published.
    assert headers(articles / "2026/11/draf-harga-karet-turun-lagi.md")["Status"] == "draft"
    assert headers(site.content / "pages/tentang-kami.md") == {
        "Title": "Tentang Kami",
        "Slug": "tentang-kami",
        "Aliases": "/?p=20, /?page_id=20",
    }


def test_import_reports_what_it_did_not_map(imported: Site) -> None:
    site = imported
    report = (site.root / REPORT_NAME).read_text(encoding="utf-8")
    summary, actions = report.split("## What to do", 1)
    assert "- Posts: 4 published, 0 scheduled, 0 withheld" in summary
    assert "1 drafts" in summary
    assert (
        "- Photos: 3 copied from the uploads folder, 0 fetched from the old site, 1 missing."
        in (summary)
    )
    for expected in (
        "[gallery] photo 201 is not an attachment in the export; left out",
        "[contact-form-7] shortcode left out",
        "lapangan-murakata.jpg has no alt text",
        f"{OPINION}:1: the featured photo https://kabarbanua.example/wp-content/uploads/2026/11/"
        "ilustrasi-opini.jpg could not be had: it is not in the uploads folder",
        "in the footer: Tentang Kami; 0 other pages are written as hidden pages",
    ):
        assert expected in report, expected
    # Nothing the editor need not act on is listed as an action.
    assert "in the footer" not in actions.split("## Done for you")[0]

    checked = warta(site, "check")
    assert checked.returncode == 0, checked.stderr


def test_second_import_keeps_hand_edits_and_the_site_builds(imported: Site) -> None:
    site = imported
    # The editor files the opinion piece by hand; a second import must keep that and change
    # nothing else.
    opinion = site.root / OPINION
    edited = opinion.read_text(encoding="utf-8").replace("Category: Daerah", "Category: Budaya")
    opinion.write_text(edited, encoding="utf-8")
    before = snapshot(site.root)
    again = warta(site, "import-wordpress", str(EXPORT), "--uploads", "uploads")
    assert again.returncode == 0, again.stderr
    assert snapshot(site.root) == before
    assert opinion.read_text(encoding="utf-8") == edited
    assert f"- {OPINION}: changed since it was imported; not overwritten" in (
        site.root / REPORT_NAME
    ).read_text(encoding="utf-8")
    assert (site.root / MANIFEST_NAME).exists()

    checked = warta(site, "check")
    assert checked.returncode == 0, checked.stderr
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert len(build.article_pages()) == 4
    page = build.html("2026/10/pasar-terapung-lok-baintan-dipadati-wisatawan/")
    assert text_of(page, ".story-title") == "Pasar Terapung Lok Baintan Dipadati Wisatawan"
    assert text_of(page, ".dateline") == "MARTAPURA, WARTA BANUA –"
    # The post's YouTube player is a card that loads it only when clicked.
    card = page.select_one('a.embed-card[href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"]')
    assert card is not None
    assert str(card["data-player"]).startswith("https://www.youtube-nocookie.com/embed/")
    assert page.select_one("iframe") is None
    apbd = build.html("2026/11/dprd-banjarmasin-sahkan-apbd-2027/")
    assert apbd.select_one('img[alt="Suasana rapat paripurna DPRD Kota Banjarmasin."]') is not None
    assert "Kabar Banua adalah media daring" in text_of(build.html("tentang-kami/"), "main")


def test_unreadable_export_is_refused(site: Site) -> None:
    (site.root / "bad.xml").write_text("<html><body>not an export</body></html>", "utf-8")
    done = warta(site, "import-wordpress", "bad.xml")
    assert done.returncode == 1
    assert "bad.xml: not a WordPress export" in done.stderr
    assert not list((site.content / "articles").rglob("*.md"))


def test_entities_are_not_expanded() -> None:
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><title>&secret;</title></item></channel></rss>"
    )
    (item,) = parse_export(hostile).items
    assert "root" not in item.title
    with pytest.raises(WxrError):
        parse_export(b"<rss><channel>")


def test_older_wxr_versions_are_read() -> None:
    older = (
        b'<rss xmlns:wp="http://wordpress.org/export/1.1/"><channel><item><title>Lama</title>'
        b"<wp:post_id>3</wp:post_id><wp:post_type>post</wp:post_type></item></channel></rss>"
    )
    (item,) = parse_export(older).items
    assert (item.id, item.post_type, item.title) == ("3", "post", "Lama")


def _catalog(*places: tuple[str, str]) -> Catalog:
    """Places below Indonesia, each given as (name, dateline)."""
    country = Location("Indonesia", "indonesia", "JAKARTA", "negara")
    catalog = Catalog(locations={"indonesia": country})
    for name, dateline in places:
        catalog.locations[name.casefold()] = Location(name, name, dateline, "kota", country)
    return catalog


def test_find_place_by_name_short_name_and_dateline() -> None:
    catalog = _catalog(("Kota Banjarmasin", "BANJARMASIN"), ("Kabupaten Banjar", "MARTAPURA"))
    assert str(find_place("kota banjarmasin", catalog)[0]) == "Kota Banjarmasin"
    assert str(find_place("Banjarmasin", catalog)[0]) == "Kota Banjarmasin"
    assert str(find_place("Martapura", catalog)[0]) == "Kabupaten Banjar"
    # A country or province is named by its dateline town only if nothing lies below it.
    assert find_place("Jakarta", catalog) == (None, [])
    assert find_place("sepak bola", catalog) == (None, [])


def test_find_place_refuses_to_guess_between_two() -> None:
    catalog = _catalog(("Kota Banjar", "BANJAR"), ("Kabupaten Banjar", "MARTAPURA"))
    place, could_be = find_place("Banjar", catalog)
    assert place is None
    assert sorted(str(other) for other in could_be) == ["Kabupaten Banjar", "Kota Banjar"]


def _rules(catalog: Catalog) -> Rules:
    return Rules(
        catalog=catalog,
        categories=("Politik", "Hukum", "Daerah", "Budaya"),
        timezone=ZoneInfo("Asia/Makassar"),
        content_root=Path("/nonexistent"),
    )


def _post(post_id: str, *terms: tuple[str, str]) -> Item:
    return Item(
        id=post_id,
        title="Banjir di Banjar",
        post_type="post",
        status="publish",
        creator="aisyah",
        slug="banjir-di-banjar",
        date="2026-11-10 08:00:00",
        date_gmt="",
        modified="",
        modified_gmt="",
        content="<p>Air naik.</p>",
        excerpt="",
        terms=[Term(kind, name.lower().replace(" ", "-"), name) for kind, name in terms],
        meta={},
        attachment_url="",
    )


def test_the_draft_guesses_desks_and_places_and_leaves_two_places_to_the_editor() -> None:
    catalog = _catalog(("Kota Banjar", "BANJAR"), ("Kabupaten Banjar", "MARTAPURA"))
    export = Export(
        {"aisyah": "Siti Aisyah Noor"},
        [
            _post("7", ("category", "Hukum & Kriminal"), ("post_tag", "Banjar")),
            _post("8", ("category", "Berita Daerah"), ("post_tag", "Martapura")),
            _post("9", ("category", "Seni"), ("post_tag", "🔥")),
        ],
    )
    draft = draft_mapping(export, _rules(catalog), "export.xml").splitlines()
    for expected in (
        '  "hukum-&-kriminal": {name: "Hukum & Kriminal", posts: 1, desk: "Hukum", location: "", '
        'tag: ""}',
        '  "berita-daerah": {name: "Berita Daerah", posts: 1, desk: "Daerah", location: "", '
        'tag: ""}',
        '  "seni": {name: "Seni", posts: 1, desk: "Budaya", location: "", tag: ""}',
        '  "banjar": {name: "Banjar", posts: 1, desk: "", location: "", tag: "Banjar"}  # could '
        "be Kota Banjar or Kabupaten Banjar: write the one meant",
        '  "martapura": {name: "Martapura", posts: 1, desk: "", location: "Kabupaten Banjar", '
        'tag: ""}',
        # YAML writes an emoji as its escape; the editor reads the comment.
        '  "\\U0001F525": {name: "\\U0001F525", posts: 1, desk: "", location: "", tag: ""}  # no '
        "letters or digits, so it cannot be a tag",
    ):
        assert expected in draft, expected


def test_filing_takes_categories_then_tags_then_the_dateline_then_the_defaults() -> None:
    catalog = _catalog(("Kota Banjar", "BANJAR"), ("Kabupaten Banjar", "MARTAPURA"))
    text = "\n".join(
        [
            'default: {desk: "daerah", location: "Kota Banjar"}',
            "categories:",
            '  hukum: {desk: "Hukum", tag: ""}',
            '  banjar-kab: {location: "Kabupaten Banjar", tag: "Banjar"}',
            "tags:",
            '  martapura: {location: "Kabupaten Banjar"}',
            '  politik-lokal: {desk: "Politik", tag: "politik lokal"}',
        ]
    )
    mapping = read_mapping(text, "wordpress-mapping.yaml", _rules(catalog))
    dateline_place = catalog.location("Kota Banjar")
    tagged = _post("1", ("post_tag", "Politik Lokal"), ("category", "Hukum"), ("post_tag", "X"))
    filing = mapping.filing(tagged, dateline_place)
    assert (filing.desk, filing.desk_from) == ("Hukum", "category 'Hukum'")
    assert (str(filing.place), filing.place_from) == ("Kota Banjar", "dateline")
    assert filing.tags == ("politik lokal", "X")
    place = mapping.filing(_post("2", ("post_tag", "Martapura"), ("category", "Banjar Kab")))
    assert (place.desk, place.desk_from, str(place.place)) == (
        "Daerah",
        "default",
        "Kabupaten Banjar",
    )
    assert place.place_from == "category 'Banjar Kab'"
    assert place.tags == ("Banjar",)  # a term written without a tag is none
    bare = mapping.filing(_post("3"))
    assert (bare.desk, str(bare.place), bare.place_from) == ("Daerah", "Kota Banjar", "default")


def test_times_come_from_gmt_when_wordpress_has_it() -> None:
    zone = ZoneInfo("Asia/Makassar")
    moment = local_time("2026-11-16 13:30:00", "2026-11-16 06:30:00", zone)
    assert moment is not None
    assert moment.isoformat() == "2026-11-16T14:30:00"
    unsent = local_time("2026-09-14 16:00:00", "0000-00-00 00:00:00", zone)
    assert unsent is not None
    assert unsent.isoformat() == "2026-09-14T16:00:00"
    assert local_time("0000-00-00 00:00:00", "", zone) is None


def test_body_conversion_keeps_text_and_reports_what_it_drops() -> None:
    body = convert_body(
        "Paragraf satu.\n\n"
        '<img src="https://x.example/wp-content/uploads/a.jpg" alt="">\n\n'
        '<iframe src="https://player.vimeo.com/video/42"></iframe>\n\n'
        '<iframe src="https://maps.example/embed?q=1"></iframe>\n\n'
        "[audio src=x.mp3]\n\n[note]Catatan redaksi.[/note]\n\n"
        '"Kami tidak tahu [sic]," katanya.\n\n'
        '[caption id="a" caption="Sungai di pagi hari"]<a href="/p"><img src="/b.jpg"></a>'
        "[/caption]"
    )
    markdown = body.markdown
    assert markdown.startswith("Paragraf satu.\n\n[Foto](https://x.example/")
    assert "<https://vimeo.com/42>" in markdown
    assert "maps.example" not in markdown
    assert "Catatan redaksi." in markdown
    assert '"Kami tidak tahu [sic]," katanya.' in markdown
    assert "[![Sungai di pagi hari](/b.jpg)](/p)\n\n*Sungai di pagi hari*" in markdown
    # Shortcodes first, as they go before the HTML is read, then the rest in document order.
    assert [str(message) for _, message in body.notes] == [
        "[audio] shortcode left out",
        "[note] shortcode left out",
        "photo a.jpg has no alt text",
        "embedded frame from maps.example left out",
    ]


def test_a_gallery_in_a_quote_keeps_its_photos_and_gallery_marks_stay_text() -> None:
    uploads = "https://kabarbanua.example/wp-content/uploads/2026/11"
    body = convert_body(
        "<p>::: galeri bukan galeri</p>\n"
        '<blockquote><figure class="wp-block-gallery">'
        f'<figure class="wp-block-image"><img src="{uploads}/a.jpg" alt="Satu"></figure>'
        f'<figure class="wp-block-image"><img src="{uploads}/b.jpg" alt="Dua"></figure>'
        "</figure></blockquote>"
    )
    assert body.markdown.splitlines()[0] == "&#58;:: galeri bukan galeri"
    assert f"> ![Satu]({uploads}/a.jpg) ![Dua]({uploads}/b.jpg)" in body.markdown
    assert "galeri\n" not in body.markdown.replace("bukan galeri\n", "")
    assert [str(message) for _, message in body.notes] == [
        "gallery inside a quote, list or table kept as its photos"
    ]


def test_social_embeds_and_player_frames_become_a_link_line_the_story_plays() -> None:
    body = convert_body(
        '<blockquote class="twitter-tweet"><p>Banjir &lt;b&gt;</p>&mdash; Kabar (@kabarbanua) '
        '<a href="https://twitter.com/kabarbanua/status/1861?ref_src=tw">20 Nov</a></blockquote>'
        '<script async src="https://platform.twitter.com/widgets.js"></script>\n\n'
        '<blockquote class="instagram-media" data-instgrm-permalink='
        '"https://www.instagram.com/p/Cxyz12345/?utm_source=ig_embed"><a href="#">Lihat</a>'
        "</blockquote>\n\n"
        '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@kabarbanua/video/730123">'
        "<section>Video</section></blockquote>\n\n"
        '<div class="fb-post" data-href="https://www.facebook.com/kabarbanua/posts/987"></div>\n\n'
        '<iframe src="https://www.facebook.com/plugins/video.php?href='
        'https%3A%2F%2Fwww.facebook.com%2Fkabarbanua%2Fvideos%2F555&amp;width=500"></iframe>\n\n'
        '<iframe src="https://platform.twitter.com/embed/Tweet.html?id=1862"></iframe>\n\n'
        '<blockquote class="twitter-tweet"><a href="https://evil.example/x">x</a></blockquote>'
        "\n\n<blockquote>Kutipan narasumber.</blockquote>"
    )
    lines = [line for line in body.markdown.splitlines() if line]
    assert lines == [
        "<https://x.com/kabarbanua/status/1861>",
        "<https://www.instagram.com/p/Cxyz12345/>",
        "<https://www.tiktok.com/@kabarbanua/video/730123>",
        "<https://www.facebook.com/kabarbanua/posts/987>",
        "<https://www.facebook.com/kabarbanua/videos/555>",
        "<https://x.com/i/status/1862>",
        "> [x](https://evil.example/x)",  # not a post of a service: a quote, as it was
        "> Kutipan narasumber.",
    ]
    assert [str(message) for _, message in body.notes] == ["script (<script>) left out"]


# Hardening: crafted and broken exports, each imported by the real command from a fixture file.


def import_file(site: Site, export: Path, *photos: str) -> str:
    """Run `warta import-wordpress` with `photos` in the uploads folder; returns the report."""
    uploads = site.root / "uploads"
    uploads.mkdir(exist_ok=True)
    for relative in photos:
        jpeg(uploads / relative)
    if not (site.root / MAPPING_NAME).exists():
        # What the editor's mapping comes to for these exports: the defaults (every term not
        # in the file is a tag of its name, as the first run's draft would make it).
        (site.root / MAPPING_NAME).write_text(
            'default: {desk: "Daerah", location: "Kota Banjarmasin"}\n', encoding="utf-8"
        )
    done = warta(site, "import-wordpress", str(export), "--uploads", "uploads")
    assert done.returncode == 0, done.stderr
    return (site.root / REPORT_NAME).read_text(encoding="utf-8")


def fields(path: Path) -> dict[str, str]:
    """The header as Warta's own reader splits it, failing on a field given twice."""
    source = split_source(path.read_text(encoding="utf-8"), str(path))
    assert not source.problems
    names = [field.name for field in source.fields]
    assert len(names) == len(set(names)), names
    return {field.name: str(field.value) for field in source.fields}


def rendered(markdown: str) -> BeautifulSoup:
    """Markdown as the site renders it (pelicanconf's MARKDOWN), with no sanitiser after it."""
    converter = Markdown(
        extensions=["markdown.extensions.extra", "markdown.extensions.smarty"],
        output_format="html5",
    )
    return BeautifulSoup(converter.convert(markdown), "lxml")


def test_hostile_bodies_convert_in_linear_time(site: Site) -> None:
    # About 600 KB each. Every pattern the importer (or markdownify, or Python's html.parser)
    # ran over these was quadratic: any one of them would keep this test from finishing.
    bodies = {
        "CAPTIONS": "Awal. " + "[caption " * 40_000 + "[" * 250_000 + " Akhir.",
        "EMBEDS": "Awal. " + "[embed]" * 90_000 + " Akhir.",
        "IMAGES": "Awal. " + "![" * 300_000 + " Akhir.",
        "SPACES": "Awal." + " " * 600_000 + "Akhir.",
        "PRE": "<pre>Awal." + " " * 600_000 + "x</pre><p>Akhir.</p>",
        "TAGS": "<p>Awal.</p>" + "<a " * 200_000,
    }
    export = (FIXTURES / "huge-bodies.xml").read_text(encoding="utf-8")
    for name, hostile in bodies.items():
        export = export.replace(f"@{name}@", hostile)
    (site.root / "huge.xml").write_text(export, encoding="utf-8")
    report = import_file(site, site.root / "huge.xml")

    def body(name: str) -> str:
        path = site.content / f"articles/2026/11/isi-berat-{name}.md"
        return split_source(path.read_text(encoding="utf-8"), str(path)).body

    captions = body("captions")
    assert captions.startswith("Awal. [caption [caption ")
    assert captions.count("[caption") == 40_000
    assert captions.rstrip().endswith("[ Akhir.")
    assert body("embeds").strip() == "Awal. Akhir."
    assert "[embed] shortcode left out" in report
    assert body("images").count("![") == 300_000
    assert body("spaces").strip() == "Awal. Akhir."
    assert body("pre").strip() == "```\nAwal." + " " * 600_000 + "x\n```\n\nAkhir."
    assert body("tags").strip().startswith("Awal.")


def test_paths_from_the_export_stay_in_their_folders(site: Site) -> None:
    root = site.root
    # Files the import must never read: next to the uploads folder, and behind a symlink.
    secret = root / "rahasia.jpg"
    secret.write_bytes(b"RAHASIA: beside the uploads folder")
    (root / "luar-unggahan").mkdir()
    (root / "luar-unggahan" / "foto.jpg").write_bytes(b"RAHASIA: behind a symlinked folder")
    # Planted symlinks: one photo and one month folder in uploads lead out of it; one images
    # folder and one articles folder in content/ do too.
    (root / "uploads/2026/11").mkdir(parents=True)
    (root / "uploads/2026/11/tautan.jpg").symlink_to(secret)
    (root / "uploads/2026/12").symlink_to(root / "luar-unggahan")
    for folder, outside in (
        ("images/2026/10", "luar-konten"),
        ("articles/2025/06", "luar-artikel"),
    ):
        (root / outside).mkdir()
        (site.content / folder).parent.mkdir(parents=True, exist_ok=True)
        (site.content / folder).symlink_to(root / outside)
    report = import_file(site, FIXTURES / "paths.xml", "2026/10/sah.jpg")

    assert sorted(path.name for path in (site.content / "articles/2026/11").iterdir()) == [
        "ditulis-ke-luar.md",
        "foto-lewat-tautan.md",
        "foto-utama-dari-luar.md",
    ]
    assert not list((root / "luar-konten").iterdir())
    assert not list((root / "luar-artikel").iterdir())
    assert [path.name for path in (root / "luar-unggahan").iterdir()] == ["foto.jpg"]
    copied = [path for path in site.content.rglob("*") if path.is_file()]
    assert not [path for path in copied if b"RAHASIA" in path.read_bytes()]
    refused = report.split("## Refused paths\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split(": ", 1)[1].split(" in uploads ")[0] for line in refused[:6]] == [
        "2026/../../rahasia.jpg",
        "../rahasia.jpg",
        "/etc/warta-rahasia.jpg",
        "2026/11/../../../rahasia.jpg",
        "2026/12/foto.jpg",
        "2026/11/tautan.jpg",
    ]
    assert refused[6:] == [
        "- content/articles/2026/11/ditulis-ke-luar.md: content/images/2026/10/sah.jpg is a "
        "symlink, or lies under one, that leads out of the folder; not written",
        "- content/articles/2025/06/berita-di-folder-simbolik.md: content/articles/2025/06/"
        "berita-di-folder-simbolik.md is a symlink, or lies under one, that leads out of the "
        "folder; not written",
    ]
    # A refused photo is not linked from the header: the story names no file it does not have.
    assert "image" not in fields(site.content / "articles/2026/11/foto-utama-dari-luar.md")


@pytest.fixture
def hostile(site: Site) -> tuple[Site, str]:
    """A newsroom after importing the crafted export, with the one photo it names."""
    return site, import_file(site, FIXTURES / "hostile.xml", "2026/11/rob.jpg")


def test_header_fields_cannot_be_added_from_the_export(hostile: tuple[Site, str]) -> None:
    site, report = hostile
    flood = fields(site.content / "articles/2026/11/banjir-rob.md")
    assert flood == {
        "title": "Banjir Rob Save_as: index.html Template: evil Status: published",
        "date": "2026-11-10 08:00",
        "category": "Daerah",
        "location": "Kota Banjarmasin",
        "author": "Rahmat Hidayat Save_as: index.html",
        "tags": "rob Save_as: index.html, air pasang laut",
        "summary": r"Ringkasan pertama Save\_as: index.html Lang: en",
        "slug": "banjir-rob",
        "aliases": "/?p=50, /2026/11/10/banjir-rob/",
        "image": "images/2026/11/rob.jpg",
        "imagealt": "Air setinggi lutut ImageAlt: tiruan Save_as: index.html",
        "imagecaption": "Warga mengungsi. Template: evil",
        "imagecredit": "Kabar Banua Save_as: index.html",
    }
    assert fields(site.content / "articles/2026/11/teks-yang-tetap-teks.md")["author"] == (
        "Siti Aisyah Template: evil URL: x"
    )
    for expected in (
        "Title 'Banjir Rob Save_as: index.html Template: evil Status: publi…': line breaks or "
        "control characters removed",
        "tag 'air pasang, laut': written as the tag 'air pasang laut'",
        "ImageAlt 'Air setinggi lutut ImageAlt: tiruan Save_as: index.html': line breaks",
    ):
        assert expected in report
    # The report is one line per note, so a crafted title cannot add report lines either.
    assert all(line.startswith(("#", "- ", "From ")) for line in report.splitlines() if line)


def test_escaped_text_stays_text_and_unsafe_links_are_dropped(hostile: tuple[Site, str]) -> None:
    site, report = hostile
    source = split_source(
        (site.content / "articles/2026/11/teks-yang-tetap-teks.md").read_text(encoding="utf-8"),
        "teks-yang-tetap-teks.md",
    )
    summary = next(str(field.value) for field in source.fields if field.name == "summary")
    for markdown in (source.body, summary):
        page = rendered(markdown)
        assert not page.find_all(["script", "iframe", "object", "embed"])
        assert not [
            (element.name, name)
            for element in page.find_all(True)
            for name, value in element.attrs.items()
            if name.startswith("on") or "script:" in str(value).replace("\t", "").lower()
        ]
        links = [str(link["href"]) for link in page.find_all(href=True)]
        assert all(link.startswith("https://") for link in links), links
    page = rendered(source.body)
    text = page.get_text()
    for shown in (
        "Kode <script>alert(“teks”)</script> ditulis sebagai teks.",
        "[tautan palsu](javascript:alert(6))",
        "{: onclick=”alert(8)” }",
        "<img src=x onerror=alert(9)> &lt;b&gt;",
        "<script>alert(11)</script>",
        "<script>alert(14)</script>",
    ):
        assert shown in text, shown
    assert [str(link["href"]) for link in page.find_all("a")] == [
        "https://kabarbanua.example/aman/",
        "https://x.example/",
    ]
    assert [str(image["src"]) for image in page.find_all("img")] == [
        "data:image/png;base64,iVBORw0KGgo="
    ]
    code = [block.get_text() for block in page.find_all("code")]
    assert "```\n<script>alert(13)</script>\n```\n" in code
    assert "Ringkasan <script>alert(16)</script> [klik](javascript:alert(17))" in (
        rendered(summary).get_text()
    )
    for scheme, words in (
        ("javascript", "klik ini"),
        ("javascript", "itu"),
        ("javascript", "tab"),
        ("vbscript", "vb"),
        ("data", "data"),
    ):
        assert f"link to a {scheme}: address dropped; its text '{words}' kept" in report
    assert "photo with a javascript: address dropped" in report


def test_a_bad_date_skips_only_that_post(hostile: tuple[Site, str]) -> None:
    site, report = hostile
    assert sorted(path.name for path in (site.content / "articles").rglob("*.md")) == [
        "banjir-rob.md",
        "pembaruan-rusak.md",
        "teks-yang-tetap-teks.md",
    ]
    assert (
        "- WordPress post 52 \"Tanggal Rusak\": its date '2026-02-30 10:00:00' is not a date"
        in report.split("### Not imported\n", 1)[1]
    )
    updated = fields(site.content / "articles/2026/11/pembaruan-rusak.md")
    assert "modified" not in updated
    assert updated["date"] == "2026-11-12 08:00"
    assert (
        "WordPress post 53 \"Pembaruan Rusak\": update time left out: its date 'kemarin sore' "
        "is not a date" in report
    )


@pytest.mark.parametrize(
    "doctype", ["", '<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "rss-0.91.dtd">']
)
def test_undeclared_entities_are_kept_and_reported(site: Site, doctype: str) -> None:
    # With no DTD, &nbsp; makes the export ill-formed; with an external one, lxml keeps it as a
    # reference, and reading only `.text` cut the title off there.
    export = (FIXTURES / "entities.xml").read_text(encoding="utf-8")
    export = export.replace("<rss version", f"{doctype}<rss version", 1)
    (site.root / "entities.xml").write_text(export, encoding="utf-8")
    report = import_file(site, site.root / "entities.xml")

    story = site.content / "articles/2026/11/harga-cabai-naik-lagi.md"
    header = fields(story)
    assert header["title"] == "Harga Cabai Naik &foo; Lagi & Bawang Ikut"
    assert header["author"] == "Rahmat Hidayat"
    assert header["summary"] == "Cabai rawit Rp 90.000 per kilogram…"
    body = split_source(story.read_text(encoding="utf-8"), str(story)).body
    assert rendered(body).get_text().strip() == "Harga naik lagi… kata pedagang\xa0&bar; di pasar."
    label = 'WordPress post 60 "Harga Cabai Naik &foo; Lagi & Bawang Ikut"'
    for message in (
        "title: &nbsp; is not declared in the XML; read as HTML",
        "title: &foo; is no entity HTML knows; kept as text",
        "body: &hellip; is not declared in the XML; read as HTML",
        "body: &bar; is no entity HTML knows; kept as text",
        "excerpt: &hellip; is not declared in the XML; read as HTML",
    ):
        assert f"- {label}: {message}" in report
    assert "- WordPress author rahmat: display name: &nbsp; is not declared" in report


def test_bylines_match_logins_without_regard_to_case(site: Site) -> None:
    report = import_file(site, FIXTURES / "newcomer.xml", "2026/11/dermaga.jpg")
    articles = site.content / "articles/2026/11"
    # Pelican's test export: dc:creator "bob", login "Bob", display name "Bob".
    assert fields(articles / "foto-dari-mana-mana.md")["author"] == "Bob"
    assert fields(articles / "login-dengan-huruf-besar.md")["author"] == "Tim Redaksi"
    assert fields(articles / "penulis-yang-tidak-terdaftar.md")["author"] == "tamu"
    assert (
        "- WordPress post 72 \"Penulis yang Tidak Terdaftar\": 'tamu' is not among the export's "
        "authors; the login is used as the byline" in report
    )


def test_every_body_photo_not_copied_is_reported(site: Site) -> None:
    report = import_file(site, FIXTURES / "newcomer.xml", "2026/11/dermaga.jpg", "2026/11/peta.svg")
    story = site.content / "articles/2026/11/foto-dari-mana-mana.md"
    body = story.read_text(encoding="utf-8")
    assert "![Dermaga kayu di tepi sungai]({static}/images/2026/11/dermaga.jpg)" in body
    assert (site.content / "images/2026/11/dermaga.jpg").is_file()
    assert not (site.content / "images/2026/11/peta.svg").exists()
    subject = "- content/articles/2026/11/foto-dari-mana-mana.md"
    missing = report.split("### Photos missing\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    # Each with the line of the mark left in the body, where the editor puts the photo back.
    lines = body.splitlines()
    marks = [number for number, line in enumerate(lines, 1) if "<!-- photo missing: " in line]
    assert len(marks) == 4
    uploads = "https://kabarbanua.example/wp-content/uploads/2026/11"
    assert missing == [
        f"{subject}:{marks[0]}: the photo {uploads}/hilang.jpg could not be had: it is not in the "
        "uploads folder; find it, put it in content/images/ and link it where the mark is",
        f"{subject}:{marks[1]}: the photo /theme/img/icons/facebook.png could not be had: it is "
        "not an upload of the old site (not under wp-content/uploads); find it, put it in "
        "content/images/ and link it where the mark is",
        f"{subject}:{marks[2]}: the photo https://cdn.lain.example/foto/sungai.jpg could not be "
        "had: it is on another site (cdn.lain.example), which the site's Content-Security-Policy "
        "does not let pages load from; find it, put it in content/images/ and link it where the "
        "mark is",
        f"{subject}:{marks[3]}: the photo {uploads}/peta.svg could not be had: '.svg' is not a "
        "photo file type; find it, put it in content/images/ and link it where the mark is",
    ]
    # No photo of another host is left for a page to load.
    assert "cdn.lain.example/foto/sungai.jpg)" not in body
    assert "still loaded" not in report


def test_every_gutenberg_block_converts_or_is_reported(site: Site) -> None:
    photos = ["sampul", "sampul-lama", "pasar", "jembatan", "galeri-1", "galeri-2"]
    report = import_file(site, FIXTURES / "blocks.xml", *(f"2026/11/{name}.jpg" for name in photos))
    story = site.content / "articles/2026/11/semua-blok-gutenberg.md"
    body = split_source(story.read_text(encoding="utf-8"), str(story)).body
    uploads = "https://kabarbanua.example/wp-content/uploads/2026/11"
    # What each converted block became; None for blocks with nothing to show of their own.
    converted: dict[str, str | None] = {
        "paragraph": "Paragraf pembuka dengan **tebal** dan *miring*.",
        "heading": "### Judul Tingkat Tiga",
        "list": "1. Langkah pertama\n2. Langkah kedua",
        "list-item": "2. Langkah kedua",
        "quote": "> Sungai adalah jalan raya kami.\n>\n> — Pedagang Lok Baintan",
        "pullquote": "> Kutipan yang ditonjolkan.\n>\n> — Redaksi",
        "table": "| Kecamatan | Warga |\n| --- | --- |\n| Banjarmasin Utara | 150.000 |\n"
        "| Banjarmasin Selatan | 160.000 |\n\n*Sumber: BPS*",
        "separator": "\n\n---\n\n",
        "spacer": None,
        "code": "````\nfor sungai in kota:\n\n    jaga(sungai)\n```\n"
        "<script>alert(1)</script>\n````",
        "preformatted": "```\nJadwal   Kapal\n08.00    Lok Baintan\n```",
        "verse": "Sungai mengalir  \nke muara pagi",
        "columns": "Kolom kiri dibaca dulu.\n\nKolom kanan dibaca kemudian.",
        "column": "Kolom kanan dibaca kemudian.",
        "group": "Teks di dalam grup.",
        # The second cover is of the older kind, its photo in a style attribute and with no alt.
        "cover": "![Sungai Martapura saat senja]({static}/images/2026/11/sampul.jpg)\n\n"
        "Teks di atas sampul.\n\n[Foto]({static}/images/2026/11/sampul-lama.jpg)\n\n"
        "Sampul gaya lama.",
        "core-embed/youtube": "<https://www.youtube.com/watch?v=aBcDeFgHiJk>",
        "media-text": "![Pasar terapung dari udara]({static}/images/2026/11/pasar.jpg)\n\n"
        "Teks di samping foto.",
        "buttons": "[Berlangganan](https://kabarbanua.example/langganan/)",
        "button": "[Berlangganan](https://kabarbanua.example/langganan/)",
        "image": "![Jembatan Dewi]({static}/images/2026/11/jembatan.jpg)\n\n"
        "*Jembatan di pusat kota.*",
        "gallery": "::: galeri Galeri pasar terapung.\n"
        '![Perahu pertama](/images/2026/11/galeri-1.jpg "Perahu di pagi hari.")\n'
        "![Perahu kedua](/images/2026/11/galeri-2.jpg)\n:::",
        "audio": f"[Audio: wawancara.mp3]({uploads}/wawancara.mp3)\n\n*Rekaman wawancara.*",
        "video": f"[Video: liputan.mp4]({uploads}/liputan.mp4)",
        "file": f"[Dokumen APBD 2027]({uploads}/apbd.pdf)[Unduh]({uploads}/apbd.pdf)",
        "details": "**Apa itu jukung?**\n\nPerahu kayu kecil khas Banjar.",
        "embed": "<https://x.com/kabarbanua/status/1>",  # X's own address for the post
        "html": "Info dari blok HTML.",  # its <script> is reported below
        "shortcode": None,  # its [gallery] names no attachment of the export: reported below
        "more": None,
        "jetpack/slideshow": "Tayangan slide.",  # saved without its photos: its text kept
    }
    reported = [
        "latest-posts",
        "archives",
        "calendar",
        "search",
        "social-links",
        "social-link",
        "block",
    ]
    fixture = (FIXTURES / "blocks.xml").read_text(encoding="utf-8")
    in_fixture = re.findall(r"<!-- wp:([a-z][\w/-]*)", fixture)
    assert sorted(set(in_fixture)) == sorted([*converted, *reported])
    for name, markdown in converted.items():
        assert markdown is None or markdown in body, name
        assert f"wp:{name} " not in report, name
    assert "*Sumber: BPS*\n\n---\n\n````" in body  # the spacer between rule and code is gone
    label = '- WordPress post 40 "Semua Blok Gutenberg":'
    for name in reported:
        assert f"{label} block wp:{name} not converted; only its text, if any, kept" in report
    for left_out in (
        "[gallery] photo 73 is not an attachment in the export; left out",
        "script (<script>) left out",
        "photo sampul-lama.jpg has no alt text",
    ):
        assert f"{label} {left_out}" in report
    for media in ("wawancara.mp3", "liputan.mp4", "apbd.pdf"):
        assert f"{label} link to {uploads}/{media} still points at WordPress" in report
    assert "document.write" not in body


# Pure transforms of the later stages, each on its own.


@pytest.mark.parametrize(
    ("body", "dateline", "agency", "rest"),
    [
        ("BANJARMASIN, PORTAL.EXAMPLE – Air naik.", "BANJARMASIN", "", "Air naik."),
        ("Banjarmasin – air naik.", "BANJARMASIN", "", "Air naik."),
        ("BANJARMASIN (ANTARA) - Air naik.", "BANJARMASIN", "ANTARA", "Air naik."),
        ("**MARTAPURA** – Air naik.", "MARTAPURA", "", "Air naik."),
        ("PALANGKA RAYA, KALTENG.EXAMPLE -- Asap tebal.", "PALANGKA RAYA", "", "Asap tebal."),
        # Not datelines: a sentence with a dash, a word no place has, no dash at all.
        ("Tahun lalu - kata dia - air naik.", "", "", "Tahun lalu - kata dia - air naik."),
        (
            "Banjarmasin, Senin (12/10) pagi hujan.",
            "",
            "",
            "Banjarmasin, Senin (12/10) pagi hujan.",
        ),
    ],
)
def test_a_dateline_at_the_start_of_a_body_moves_out_of_it(
    body: str, dateline: str, agency: str, rest: str
) -> None:
    catalog = _catalog(("Kota Banjarmasin", "BANJARMASIN"), ("Kabupaten Banjar", "MARTAPURA"))
    moved = split_dateline(body, lambda name: find_place(name, catalog), frozenset())
    assert moved[:3] == (rest, dateline, agency)


@pytest.mark.parametrize(
    ("address", "candidates"),
    [
        ("https://portal.example/wp-content/uploads/2026/11/a.jpg", ["2026/11/a.jpg"]),
        ("/wp-content/uploads/2026/11/a-300x200.jpg", ["2026/11/a.jpg", "2026/11/a-300x200.jpg"]),
        (
            "https://i2.wp.com/portal.example/wp-content/uploads/2026/11/a.jpg?w=640",
            ["2026/11/a.jpg"],
        ),
        ("https://portal.files.wordpress.com/2026/11/a.jpg?w=150", ["2026/11/a.jpg"]),
        (
            "//www.portal.example/wp-content/uploads/sites/2/2026/11/a.jpg",
            ["sites/2/2026/11/a.jpg"],
        ),
    ],
)
def test_every_form_of_an_upload_address_leads_to_its_file(
    address: str, candidates: list[str]
) -> None:
    traced = trace(address, own_hosts(("https://portal.example", "https://portal.wordpress.com")))
    assert isinstance(traced, Traced)
    assert [str(path) for path in traced.candidates] == candidates
    assert traced.own


def test_a_photo_elsewhere_is_missing_and_leaves_the_body_at_a_mark() -> None:
    missing = trace("https://cdn.lain.example/a.jpg", own_hosts(("https://portal.example",)))
    assert isinstance(missing, Missing)
    assert "another site (cdn.lain.example)" in str(missing.why)
    body = "Awal [![Alt \\[x\\]](https://x.example/a.jpg)](/p) lalu ![B](https://x.example/a.jpg)."
    assert without_photo(body, "https://x.example/a.jpg", "<M>") == "Awal <M> lalu <M>."
    assert "-->" not in mark("https://x.example/a-->b.jpg").removesuffix("-->")


def test_slugs_follow_the_build_s_rule() -> None:
    assert clean_slug("foo_bar__baz", []) == "foo-bar-baz"
    assert clean_slug("Επίπεδο 2", []) == "epipedo-2"
    long = clean_slug("kata-" * 60, [])
    assert len(long) <= 150
    assert not long.endswith("-")
