"""Gallery blocks are read line by line into typed photos; a writer's mistake names its line."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom_model.gallery import (
    GalleryError,
    GalleryPhoto,
    block,
    extract,
    photo_line,
    read_photo,
    split_title,
)
from newsroom_model.source import ReadConfig, read_source

CONFIG = ReadConfig(
    markdown=json.dumps(
        {"extension_configs": {"markdown.extensions.extra": {}}, "output_format": "html5"}
    ),
    summary_words=50,
    summary_suffix="…",
    max_body_bytes=1_000_000,
    typography=True,
)
HEADER = "Title: Sidang\n\n"  # the body starts on line 3


def read_body(body: str) -> tuple[str, list[tuple[int, str]], tuple[object, ...]]:
    source = read_source((HEADER + body).encode(), CONFIG)
    assert source.body is not None
    findings = [(finding.line, str(finding.message)) for finding in source.findings]
    return source.body.html, findings, source.body.galleries


def test_a_gallery_is_read_in_order_with_alt_caption_credit_and_lines() -> None:
    html, findings, galleries = read_body(
        "Pembuka.\n\n"
        "::: galeri Suasana sidang\n"
        '![Hakim membaca](/images/a.jpg "Amar dibacakan | Warta Banua/Rahmat")\n'
        "\n"
        "![Terdakwa](b.jpg 'Di kursi terdakwa')\n"
        "![Pengunjung](<c d.jpg> ( | Dok. PN))\n"
        ":::\n\n"
        "Penutup.\n"
    )
    assert findings == []
    assert html == "<p>Pembuka.</p>\n<!--warta-gallery:0-->\n<p>Penutup.</p>"
    [gallery] = galleries
    assert gallery.title == "Suasana sidang"  # type: ignore[attr-defined]
    assert gallery.line == 5  # type: ignore[attr-defined]
    assert gallery.photos == (  # type: ignore[attr-defined]
        GalleryPhoto("/images/a.jpg", "Hakim membaca", "Amar dibacakan", "Warta Banua/Rahmat", 6),
        GalleryPhoto("b.jpg", "Terdakwa", "Di kursi terdakwa", "", 8),
        GalleryPhoto("c d.jpg", "Pengunjung", "", "Dok. PN", 9),
    )


def test_two_galleries_are_numbered_in_the_body() -> None:
    html, findings, galleries = read_body(
        "::: gallery\n![Satu](a.jpg)\n:::\n\nTengah.\n\n::: GALERI\n![Dua](b.jpg)\n:::\n"
    )
    assert findings == []
    assert html == "<!--warta-gallery:0-->\n<p>Tengah.</p>\n<!--warta-gallery:1-->"
    assert [g.photos[0].alt for g in galleries] == ["Satu", "Dua"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("::: galeri\n![](a.jpg)\n:::\n", [(4, "photo 'a.jpg' in the gallery has no alt text")]),
        ("::: galeri\n![  ](a.jpg)\n:::\n", [(4, "photo 'a.jpg' in the gallery has no alt text")]),
        ("::: galeri\n:::\n", [(3, "gallery has no photos")]),
        ("::: galeri\n\n\n:::\n", [(3, "gallery has no photos")]),
        ("Teks.\n\n::: galeri\n![Satu](a.jpg)\n", [(5, "gallery is never closed")]),
        (
            "::: galeri\n![Satu](a.jpg)\nKeterangan lepas\n:::\n",
            [(5, "line 'Keterangan lepas' in a gallery is not a photo")],
        ),
        (
            "::: galeri\n![Satu](https://contoh.example/a.jpg)\n:::\n",
            [(4, "photo 'https://contoh.example/a.jpg' in the gallery is not a file of this site")],
        ),
        (
            "::: galeri\n![Satu](//contoh.example/a.jpg)\n:::\n",
            [(4, "photo '//contoh.example/a.jpg' in the gallery is not a file of this site")],
        ),
        (
            "::: galeri\n![Satu](data:image/png;base64,AAAA)\n:::\n",
            [(4, "photo 'data:image/png;base64,AAAA' in the gallery is not a file of this site")],
        ),
    ],
)
def test_a_wrong_gallery_names_its_line(body: str, expected: list[tuple[int, str]]) -> None:
    html, findings, galleries = read_body(body)
    assert findings == expected
    assert galleries == ()
    assert "warta-gallery" not in html


def test_a_gallery_in_a_code_block_is_an_example() -> None:
    html, findings, galleries = read_body("```\n::: galeri\n![Satu](a.jpg)\n:::\n```\n")
    assert findings == []
    assert galleries == ()
    assert "<pre><code>::: galeri" in html


def test_lines_after_a_gallery_keep_their_numbers() -> None:
    _, findings, _ = read_body("::: galeri\n![Satu](a.jpg)\n:::\n\n::: galeri\n![](b.jpg)\n:::\n")
    assert findings == [(8, "photo 'b.jpg' in the gallery has no alt text")]


@pytest.mark.parametrize(
    ("title", "caption", "credit"),
    [
        ("Amar dibacakan", "Amar dibacakan", ""),
        ("Amar | Warta", "Amar", "Warta"),
        ("A | B | C", "A | B", "C"),
        (r"Harga \| kurs | Warta", "Harga | kurs", "Warta"),
        (r"Tanpa \| kredit", "Tanpa | kredit", ""),
        ("| Dok. PN", "", "Dok. PN"),
        ("  banyak   spasi  |  kredit  ", "banyak spasi", "kredit"),
    ],
)
def test_the_title_splits_at_the_last_bar(title: str, caption: str, credit: str) -> None:
    assert split_title(title) == (caption, credit)


# Whatever an importer or a writer puts in a caption, credit or alt text: markup, quotes, bars,
# fences, Markdown, backslashes, brackets and line breaks.
# Control characters, and the noncharacters U+FFFE and U+FFFF, are refused in a whole body
# before galleries are read (test_hostile_content); XML 1.0 cannot carry them in an export.
HOSTILE = st.text(
    alphabet=st.sampled_from(list("ab <>&\"'|:\\[]()*_`!#\n\t-=/"))
    | st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(alt=HOSTILE, caption=HOSTILE, credit=HOSTILE)
def test_a_written_photo_line_reads_back_as_the_same_photo(
    alt: str, caption: str, credit: str
) -> None:
    if not alt.split():
        return  # no alt text is refused (above)
    line = photo_line("/images/a.jpg", alt, caption, credit)
    assert "\n" not in line
    photo = read_photo(line, 7)
    assert isinstance(photo, GalleryPhoto), (line, photo)
    one_line = " ".join
    expected = (one_line(caption.split()), one_line(credit.split()))
    if not expected[1]:
        expected = (expected[0], "")
    assert (photo.alt, photo.caption, photo.credit) == (one_line(alt.split()), *expected)
    # And it survives a whole block in a body, however the text tries to end it early.
    _, findings, galleries = read_body(block([line, photo_line("b.jpg", "Dua", credit, "")]) + "\n")
    assert findings == []
    assert len(galleries[0].photos) == 2  # type: ignore[attr-defined]


def test_a_line_that_is_not_a_photo_is_an_error_not_markup() -> None:
    found = read_photo("<script>alert(1)</script>", 4)
    assert isinstance(found, GalleryError)
    assert found.line == 4


def test_extract_leaves_the_body_alone_without_galleries() -> None:
    text = "Satu.\n\n:::\n\nDua ::: galeri.\n"
    assert extract(text, 3, "TOKEN").text == text
