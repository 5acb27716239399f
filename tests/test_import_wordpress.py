"""`warta import-wordpress` driven as a web person leaving WordPress would, plus its transforms."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from newsroom_model.catalog import Catalog, Location
from PIL import Image

from tests.sitekit import REPO, Site, run_module, text_of
from warta.wordpress import (
    MANIFEST_NAME,
    REPORT_NAME,
    Export,
    Item,
    Mapping,
    Term,
    WxrError,
    convert_body,
    find_place,
    local_time,
    parse_export,
    plan,
)

EXPORT = REPO / "tests" / "fixtures" / "wordpress" / "export.xml"
UPLOADED = (
    "2026/10/jukung-lok-baintan.jpg",
    "2026/09/lapangan-murakata.jpg",
    "2026/11/paripurna.jpg",
)
DRAFT = "content/articles/2026/11/menjaga-sungai-adalah-menjaga-kota.md"


def warta(site: Site, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run_module(site.root, "warta", "-s", str(site.settings_file()), *arguments)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below `root` except the report, which says what the run found."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != REPORT_NAME
    }


def headers(path: Path) -> dict[str, str]:
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in header.splitlines())


@pytest.fixture
def imported(site: Site) -> Site:
    """A newsroom after one import of the fixture export, with all its photos but one."""
    uploads = site.root / "uploads"
    for relative in UPLOADED:
        (uploads / relative).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (800, 533), (40, 90, 120)).save(uploads / relative, "JPEG")
    done = warta(site, "import-wordpress", str(EXPORT), "--uploads", "uploads")
    assert done.returncode == 0, done.stderr
    assert str(site.root / REPORT_NAME) in done.stderr
    return site


def test_import_maps_headers_bodies_and_photos(imported: Site) -> None:
    site = imported
    articles = site.content / "articles"
    assert sorted(path.relative_to(articles).as_posix() for path in articles.rglob("*.md")) == [
        "2026/09/turnamen-sepak-bola-antarkampung-barabai-dibuka.md",
        "2026/10/pasar-terapung-lok-baintan-dipadati-wisatawan.md",
        "2026/11/dprd-banjarmasin-sahkan-apbd-2027.md",
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
    assert headers(site.root / DRAFT)["Status"] == "draft"
    assert "Image" not in headers(site.root / DRAFT)
    assert headers(site.content / "pages/tentang-kami.md") == {
        "Title": "Tentang Kami",
        "Slug": "tentang-kami",
    }


def test_import_reports_what_it_did_not_map_and_drafts_it(imported: Site) -> None:
    site = imported
    report = (site.root / REPORT_NAME).read_text(encoding="utf-8")
    for expected in (
        "[gallery] shortcode not converted",
        "[contact-form-7] shortcode left out",
        "lapangan-murakata.jpg has no alt text",
        "'Opini' kept as a tag",
        f"{DRAFT}: no Category or Location could be mapped from WordPress; add Category, "
        "Location, then remove 'Status: draft'",
        "2026/11/ilustrasi-opini.jpg: not found in uploads",
        'WordPress page 20 "Tentang Kami": written as content/pages/tentang-kami.md',
        "WordPress post 15 \"Draf: Harga Karet Turun Lagi\": status 'draft'",
        'WordPress nav_menu_item 30 "Beranda": not a post or page',
    ):
        assert expected in report

    checked = warta(site, "check")
    assert checked.returncode == 1
    errors = [line for line in checked.stderr.splitlines() if line.startswith("content/")]
    assert errors == [
        f"{DRAFT}:6: Category: is missing (add 'Category: ...')",
        f"{DRAFT}:6: Location: is missing (add 'Location: ...')",
    ]


def test_second_import_keeps_hand_edits_and_the_site_builds(imported: Site) -> None:
    site = imported
    # The editor files the draft by hand; a second import must keep that and change nothing else.
    draft = site.root / DRAFT
    edited = draft.read_text(encoding="utf-8").replace(
        "Status: draft", "Category: Daerah\nLocation: Kota Banjarmasin"
    )
    draft.write_text(edited, encoding="utf-8")
    before = snapshot(site.root)
    again = warta(site, "import-wordpress", str(EXPORT), "--uploads", "uploads")
    assert again.returncode == 0, again.stderr
    assert snapshot(site.root) == before
    assert draft.read_text(encoding="utf-8") == edited
    assert f"- {DRAFT}: changed since it was imported; not overwritten" in (
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
    assert page.select_one('a[href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"]') is not None
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


_NO_DATE = "0000-00-00 00:00:00"
SETTINGS = {
    "WARTA_CATEGORIES": ["Politik", "Daerah", "Budaya"],
    "WARTA_WORDPRESS_DESKS": {"Seni & Budaya": "Budaya"},
    "TIMEZONE": "Asia/Makassar",
    "SLUG_REGEX_SUBSTITUTIONS": [],
}


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
        terms=[Term(kind, name.lower(), name) for kind, name in terms],
        meta={},
        attachment_url="",
    )


def test_plan_drafts_ambiguous_places_and_renames_a_second_slug() -> None:
    catalog = _catalog(("Kota Banjar", "BANJAR"), ("Kabupaten Banjar", "MARTAPURA"))
    mapping = Mapping.from_settings(SETTINGS, catalog)
    export = Export(
        {"aisyah": "Siti Aisyah Noor"},
        [
            _post("7", ("category", "Daerah"), ("post_tag", "Banjar")),
            _post("8", ("category", "Daerah"), ("post_tag", "Martapura")),
            _post(
                "9", ("category", "Banjar"), ("category", "Martapura"), ("post_tag", "Kota Banjar")
            ),
            replace(_post("10", ("category", "Daerah")), date=_NO_DATE),
        ],
    )
    (first, second, third), skipped = plan(export, mapping)
    assert [(note.heading, note.message) for note in skipped] == [
        ("Not imported: unreadable", "it has no date")
    ]
    assert str(first.target) == "articles/2026/11/banjir-di-banjar.md"
    assert ("Status", "draft") in first.header
    assert ("Tags", "Banjar") in first.header
    assert first.notes[0].message == "tag 'Banjar' could be Kota Banjar or Kabupaten Banjar"
    assert str(second.target) == "articles/2026/11/banjir-di-banjar-8.md"
    assert ("Slug", "banjir-di-banjar-8") in second.header
    assert ("Location", "Kabupaten Banjar") in second.header
    assert "Status" not in dict(second.header)
    # A category that names a place wins over a tag; every other place is kept as a tag.
    assert ("Location", "Kabupaten Banjar") in third.header
    assert ("Tags", "Banjar, Kota Banjar") in third.header


def test_desks_match_without_case_and_through_the_mapping() -> None:
    mapping = Mapping.from_settings(SETTINGS, Catalog())
    assert mapping.desk("POLITIK") == "Politik"
    assert mapping.desk("berita daerah") == "Daerah"
    assert mapping.desk("seni & budaya") == "Budaya"
    assert mapping.desk("Opini") is None


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
    markdown, left_out = convert_body(
        "Paragraf satu.\n\n"
        '<img src="https://x.example/wp-content/uploads/a.jpg" alt="">\n\n'
        '<iframe src="https://player.vimeo.com/video/42"></iframe>\n\n'
        '<iframe src="https://maps.example/embed?q=1"></iframe>\n\n'
        "[audio src=x.mp3]\n\n[note]Catatan redaksi.[/note]\n\n"
        '"Kami tidak tahu [sic]," katanya.\n\n'
        '[caption id="a" caption="Sungai di pagi hari"]<a href="/p"><img src="/b.jpg"></a>'
        "[/caption]"
    )
    assert markdown.startswith("Paragraf satu.\n\n[Foto](https://x.example/")
    assert "<https://vimeo.com/42>" in markdown
    assert "maps.example" not in markdown
    assert "Catatan redaksi." in markdown
    assert '"Kami tidak tahu [sic]," katanya.' in markdown
    assert "[![Sungai di pagi hari](/b.jpg)](/p)\n\n*Sungai di pagi hari*" in markdown
    assert left_out == [
        "[audio] shortcode left out",
        "[note] shortcode left out",
        "embedded frame from maps.example left out",
        "photo a.jpg has no alt text",
    ]
