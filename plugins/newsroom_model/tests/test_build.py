"""Real `pelican` builds of tiny sites: bad content stops the build with every problem named."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.sitekit import Build, Site, text_of


def assert_refused(build: Build, *expected: str) -> None:
    """The build failed before writing, with a plain report holding each expected line."""
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    for line in expected:
        assert line in build.report_lines, "\n".join(build.report_lines)
    assert not list(build.output.rglob("*.html")) if build.output.exists() else True


def test_valid_site_builds_every_article(site: Site) -> None:
    site.article("a.md", Slug="satu")
    site.article("b.md", Title="Harga Karet Naik", Slug="dua", Location="Kabupaten Tabalong")
    site.write(
        "articles/asap-sekolah-diliburkan.md",
        "---\ntitle: 'Asap: Sekolah Diliburkan'\ndate: 2026-09-03 06:30\ncategory: Pendidikan\n"
        "location: Kota Palangka Raya\nauthors: [Nur Aini Rahmawati]\n---\n\nKabut asap tebal.\n",
    )
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert len(build.article_pages()) == 3
    yaml_page = build.html("2026/09/asap-sekolah-diliburkan/")
    assert text_of(yaml_page, ".story-title") == "Asap: Sekolah Diliburkan"
    assert text_of(yaml_page, ".dateline") == "PALANGKA RAYA, WARTA BANUA –"


@pytest.mark.parametrize(
    ("fields", "drop", "expected"),
    [
        (
            {},
            ("Category",),
            "content/articles/bad.md:5: Category: is missing (add 'Category: ...')",
        ),
        (
            {"Date": "18/10/2023"},
            (),
            "content/articles/bad.md:2: Date: '18/10/2023' is not a date "
            "(write e.g. 2026-12-06 14.45, 2026-12-06T14:45+07:00 or 6 Desember 2026 14.45 WITA)",
        ),
        (
            {"Category": "Politk"},
            (),
            "content/articles/bad.md:3: Category: 'Politk' is not one of the desks "
            "(did you mean 'Politik'?)",
        ),
        (
            {"Location": "Kota Banjarmsin"},
            (),
            "content/articles/bad.md:4: Location: 'Kota Banjarmsin' is not a known place "
            "(did you mean 'Kota Banjarmasin' or 'Kota Banjarbaru'?)",
        ),
        (
            {"Image": "images/banjir.jpg", "ImageAlt": "Jalan tergenang"},
            (),
            "content/articles/bad.md:7: Image: file 'images/banjir.jpg' does not exist "
            "(paths are relative to the content folder)",
        ),
    ],
)
def test_each_mistake_is_named_and_valid_articles_are_kept(
    site: Site, fields: dict[str, str], drop: tuple[str, ...], expected: str
) -> None:
    site.article("good.md", Slug="baik")
    site.article("bad.md", drop=drop, Slug="buruk", **fields)
    refused = site.build()
    assert_refused(refused, expected)
    assert refused.report_lines[-1] == "1 content problem in 1 file; nothing was written."
    assert not any("good.md" in line for line in refused.report_lines)

    (site.content / "articles" / "bad.md").unlink()
    site.article("bad.md", Slug="buruk")
    fixed = site.build()
    assert fixed.returncode == 0, fixed.stderr
    assert len(fixed.article_pages()) == 2


def test_two_articles_at_one_address_name_each_other(site: Site) -> None:
    site.article("first.md", Slug="banjir")
    site.article("second.md", Title="Banjir Lagi", Slug="banjir")
    assert_refused(
        site.build(),
        "content/articles/first.md:6: Slug: its address '2026/11/banjir/' is also taken by "
        "content/articles/second.md (give one of them a different Slug)",
        "content/articles/second.md:6: Slug: its address '2026/11/banjir/' is also taken by "
        "content/articles/first.md (give one of them a different Slug)",
    )


def test_same_slug_in_another_month_is_a_different_story(site: Site) -> None:
    site.article("first.md", Slug="harga-cabai-naik")
    site.article("second.md", Slug="harga-cabai-naik", Date="2026-06-02 10:00")
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert len(build.article_pages()) == 2


def test_file_that_is_not_utf8(site: Site) -> None:
    site.article("good.md")
    site.write("articles/latin1.md", b"Title: Kafe\nDate: 2026-11-18\n\nCaf\xe9 baru dibuka.\n")
    assert_refused(
        site.build(),
        "content/articles/latin1.md:4: Encoding: byte 0xe9 is not UTF-8 "
        "(save the file as UTF-8 in your editor)",
    )


def test_every_problem_of_a_run_is_reported_together(site: Site) -> None:
    site.article("good.md")
    site.article("one.md", Slug="satu", Category="Sport")
    site.article("two.md", Slug="dua", drop=("Author",), Location="Banjarmasinn")
    site.write("articles/notes.txt", "catatan rapat redaksi")
    build = site.build()
    assert_refused(build)
    assert [line.split(": ")[0:2] for line in build.report_lines[:-1]] == [
        ["content/articles/notes.txt:1", "File"],
        ["content/articles/one.md:3", "Category"],
        ["content/articles/two.md:4", "Location"],
        ["content/articles/two.md:5", "Author"],
    ]
    assert build.report_lines[-1] == "4 content problems in 3 files; nothing was written."


def test_body_image_without_alt_text(site: Site) -> None:
    site.image("images/pasar.jpg")
    site.article("a.md", body="Pasar ramai.\n\n![]({static}/images/pasar.jpg)\n")
    assert_refused(
        site.build(),
        "content/articles/a.md:9: Body: image '{static}/images/pasar.jpg' has no alt text "
        "(write ![what the photo shows](path))",
    )


def test_article_that_produces_no_page_fails_the_count(site: Site) -> None:
    site.article("a.md", Slug="satu")
    site.article("b.md", Slug="dua", Status="draft")
    # A site setting that silently writes no article pages must not pass unnoticed: the build
    # finds it while planning, so nothing is written.
    build = site.build('ARTICLE_SAVE_AS = ""')
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert build.report_lines == [
        "content/articles/a.md:1: Output: published article produced 0 article pages instead "
        "of 1 (check ARTICLE_SAVE_AS and the Status field)",
        "1 content problem in 1 file; nothing was written.",
    ]
    assert not build.output.exists() or not list(build.output.rglob("*.html"))


def test_broken_data_file_is_reported_with_its_line(site: Site) -> None:
    site.write("data/sources.yaml", "- name: KBB\n  url: [unclosed\n")
    site.article("a.md")
    build = site.build()
    assert_refused(build)
    assert build.report_lines[0].startswith("content/data/sources.yaml:")
    assert ": Data: cannot be read" in build.report_lines[0]


def test_future_story_waits_and_leaves_no_trace(site: Site) -> None:
    site.article("now.md", Slug="sekarang")
    site.article("later.md", Slug="nanti", Title="Rahasia Embargo", Date="2999-01-01 08:00")
    site.article("draft.md", Slug="konsep", Title="Konsep Rahasia", Status="draft")
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert [page.parent.name for page in build.article_pages()] == ["sekarang"]
    # Not its page, nor a mention anywhere: feeds, sitemaps, listings, the search index.
    for path in build.output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}:
            text = path.read_text(encoding="utf-8")
            for trace in ("nanti", "Embargo", "konsep", "Konsep"):
                assert trace not in text, (trace, path)
    assert not list(build.output.rglob("*nanti*"))
    assert search_text(build.output)  # the index is there, and holds no trace of either
    for trace in ("nanti", "embargo", "konsep"):
        assert trace not in search_text(build.output).lower(), trace


def search_text(output: Path) -> str:
    """Everything Pagefind wrote, decompressed: fragments hold each page's URL and text."""
    texts = []
    for path in sorted((output / "pagefind").rglob("*")):
        data = path.read_bytes() if path.is_file() else b""
        if data[:2] == b"\x1f\x8b":
            texts.append(gzip.decompress(data).decode("utf-8", "replace"))
    return "\n".join(texts)


def test_a_scheduled_story_goes_out_with_the_first_build_after_its_time(site: Site) -> None:
    site.article("now.md", Slug="sekarang", Date="2026-11-18 09:00")
    site.article("later.md", Slug="nanti", Title="Hasil Rapat Embargo", Date="2026-11-20 10:00")
    before = site.build('WARTA_BUILD_TIME = "2026-11-20T09:59"\n')
    assert before.returncode == 0, before.stderr
    assert [page.parent.name for page in before.article_pages()] == ["sekarang"]
    assert "embargo" not in search_text(before.output).lower()

    after = site.build('WARTA_BUILD_TIME = "2026-11-20T10:00"\n')
    assert after.returncode == 0, after.stderr
    assert [page.parent.name for page in after.article_pages()] == ["nanti", "sekarang"]
    feed = (after.output / "feeds" / "semua.atom.xml").read_text(encoding="utf-8")
    assert "Hasil Rapat Embargo" in feed
    assert "2026/11/nanti/" in (after.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "hasil rapat embargo" in search_text(after.output).lower()
    home = after.html("")
    assert "Hasil Rapat Embargo" in home.get_text()


def test_headline_is_text_not_markup(site: Site) -> None:
    site.article("harga-cabai-bawang-naik-lagi.md", Title="Harga Cabai & Bawang <Naik> Lagi")
    build = site.build()
    assert build.returncode == 0, build.stderr
    page = build.html("2026/11/harga-cabai-bawang-naik-lagi/")
    heading = page.select_one("h1.story-title")
    assert heading is not None
    assert heading.get_text() == "Harga Cabai & Bawang <Naik> Lagi"
    assert heading.find("naik") is None
