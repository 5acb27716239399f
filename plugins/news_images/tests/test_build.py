"""Real `pelican` builds of tiny sites with photos made here: what a reader's browser receives."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import Tag
from newsroom_model.reading import SETTLED_NS
from PIL import Image

from tests.sitekit import Build, Site

from .photos import (
    RED,
    SERIAL,
    animated,
    phone_photo,
    plain_photo,
    text_bomb_png,
    transparent_png,
    truncated_jpeg,
)

PHOTO_SUFFIXES = {".jpg", ".png", ".webp", ".avif"}
GOOD = "2026/11/baik/"


def photos_in(build: Build) -> list[Path]:
    images = build.output / "images"
    return sorted(path for path in images.rglob("*") if path.suffix in PHOTO_SUFFIXES)


def file_of(build: Build, page: str, url: str) -> Path:
    """The output file a relative URL on `page` points to."""
    return (build.output / page / url).resolve()


def candidates(srcset: str) -> list[tuple[str, int]]:
    pairs = (item.strip().rsplit(" ", 1) for item in srcset.split(","))
    return [(url, int(width.removesuffix("w"))) for url, width in pairs]


def only(page: Tag, selector: str) -> Tag:
    found = page.select(selector)
    assert len(found) == 1, f"{len(found)} × {selector}"
    return found[0]


def check_picture(build: Build, page: str, picture: Tag, source_size: tuple[int, int]) -> None:
    """Every file the <picture> names exists, is as wide as it says, and is no larger than the
    source; the <img> has the width and height of its own file."""
    img = only(picture, "img")
    for element in [*picture.select("source"), img]:
        for url, width in candidates(str(element["srcset"])):
            with Image.open(file_of(build, page, url)) as file:
                assert file.width == width, url
                assert file.width <= source_size[0]
                assert file.height <= source_size[1]
    with Image.open(file_of(build, page, str(img["src"]))) as fallback:
        assert (int(str(img["width"])), int(str(img["height"]))) == fallback.size
    assert str(img["style"]).startswith("background-color: #")


def test_photos_are_clean_upright_responsive_and_never_enlarged(site: Site) -> None:
    phone_photo(site.content / "images" / "banjir.jpg")  # shown 800x1200 after rotation
    transparent_png(site.content / "images" / "logo.png", (500, 300))
    plain_photo(site.content / "images" / "kecil.jpg", (200, 150))
    site.article(
        "a.md",
        Slug="baik",
        Image="images/banjir.jpg",
        ImageAlt='Jalan "Kampung" tergenang',
        body="Air naik.\n\n![Logo BPBD]({static}/images/logo.png)\n\n"
        '![Peta kecil](../images/kecil.jpg "Peta")\n',
    )
    build = site.build()
    assert build.returncode == 0, build.stderr
    page = build.html(GOOD)

    lead = only(page, ".story-figure picture")
    types = [str(source["type"]) for source in lead.select("source")]
    assert types[-1] == "image/webp"
    assert set(types) <= {"image/avif", "image/webp"}
    check_picture(build, GOOD, lead, (800, 1200))
    lead_img = only(lead, "img")
    assert lead_img["fetchpriority"] == "high"
    assert not lead_img.has_attr("loading")
    assert lead_img["alt"] == 'Jalan "Kampung" tergenang'
    assert [width for _, width in candidates(str(lead_img["srcset"]))] == [360, 720]

    logo, small = page.select(".story-body picture")
    check_picture(build, GOOD, logo, (500, 300))
    check_picture(build, GOOD, small, (200, 150))
    assert only(logo, "img")["loading"] == "lazy"
    assert str(only(logo, "img")["src"]).endswith("-360.png")
    assert candidates(str(only(small, "img")["srcset"]))[0][1] == 200
    assert len(candidates(str(only(small, "img")["srcset"]))) == 1
    assert only(small, "img")["title"] == "Peta"

    published = photos_in(build)
    originals = {path.read_bytes() for path in (site.content / "images").iterdir()}
    assert published
    for path in published:
        data = path.read_bytes()
        assert data not in originals, f"{path} is an original"
        assert SERIAL.encode() not in data
        with Image.open(path) as file:
            assert not file.getexif(), path
            assert not {"exif", "xmp", "icc_profile"} & set(file.info), path
    upright = next(path for path in published if path.name == "banjir-360.webp")
    with Image.open(upright) as file:
        assert file.size == (360, 540)
        assert file.convert("RGB").getpixel((180, 5)) == pytest.approx(RED, abs=40)


def test_absolute_site_url_reaches_body_photos(site: Site) -> None:
    plain_photo(site.content / "images" / "pasar.jpg", (900, 600))
    site.article("a.md", Slug="baik", body="Pasar ramai.\n\n![Pasar]({static}/images/pasar.jpg)\n")
    site.write(
        "pages/tentang.md",
        "Title: Tentang\n\nKantor kami.\n\n![Kantor]({static}/images/pasar.jpg)\n",
    )
    build = site.build('RELATIVE_URLS = False\nSITEURL = "https://warta.example"')
    assert build.returncode == 0, build.stderr
    for page, selector in ((GOOD, ".story-body picture img"), ("tentang/", "picture img")):
        img = only(build.html(page), selector)
        assert str(img["src"]).startswith("https://warta.example/images/")
        assert (build.output / str(img["src"]).removeprefix("https://warta.example/")).is_file()


def wait_until_settled(folder: Path) -> None:
    """Until every file in `folder` changed more than SETTLED_NS ago. A build notes a file's digest
    only once it has settled (a file changed in the instant of the walk could change again unseen),
    so the build after a build that came too soon notes it, and saves the reading stamps."""
    changed = max(path.stat().st_ctime_ns for path in folder.rglob("*"))
    while time.time_ns() <= changed + SETTLED_NS:
        time.sleep(0.1)


def test_second_build_touches_no_photo(site: Site) -> None:
    phone_photo(site.content / "images" / "banjir.jpg")
    site.article("a.md", Image="images/banjir.jpg", ImageAlt="Jalan tergenang")
    wait_until_settled(site.content)
    first = site.build()
    assert first.returncode == 0, first.stderr
    assert "Photos: 1 sources, 1 rendered, 0 from the cache" in first.stdout

    def stamps() -> dict[Path, tuple[int, int]]:
        files = [*photos_in(first), *(site.root / ".cache").rglob("*.*")]
        return {path: (path.stat().st_mtime_ns, path.stat().st_ino) for path in files}

    before = stamps()
    second = site.build()
    assert second.returncode == 0, second.stderr
    assert "Photos: 1 sources, 0 rendered, 1 from the cache; 0 of" in second.stdout
    assert stamps() == before


def test_focus_moves_the_social_crops(site: Site) -> None:
    square = Image.new("RGB", (1000, 1000), (30, 60, 200))
    square.paste(RED, (0, 0, 1000, 200))
    (site.content / "images").mkdir(parents=True)
    square.save(site.content / "images" / "tugu.jpg")
    site.article("a.md", Slug="a", Image="images/tugu.jpg", ImageAlt="Tugu")
    site.article("b.md", Slug="b", Image="images/tugu.jpg", ImageAlt="Tugu", ImageFocus="0.5, 0.1")
    build = site.build()
    assert build.returncode == 0, build.stderr
    (centred,) = build.output.glob("images/*/tugu-og.jpg")
    (focused,) = build.output.glob("images/*/tugu-og-50-10.jpg")
    for crop, top in ((centred, (30, 60, 200)), (focused, RED)):
        with Image.open(crop) as file:
            assert file.size == (1000, 525)  # 1200x630 would enlarge the photo
            assert file.getpixel((500, 3)) == pytest.approx(top, abs=40)
    assert {path.name.split("tugu-")[1] for path in build.output.glob("images/*/tugu-*x*.jpg")} >= {
        "16x9.jpg",
        "4x3.jpg",
        "1x1.jpg",
    }


def test_lists_show_each_story_photo_as_a_small_crop_around_its_focus(site: Site) -> None:
    square = Image.new("RGB", (1000, 1000), (30, 60, 200))
    square.paste(RED, (0, 0, 1000, 100))  # out of a centred 4:3 crop
    (site.content / "images").mkdir(parents=True)
    square.save(site.content / "images" / "tugu.jpg")
    site.article("a.md", Slug="a", Image="images/tugu.jpg", ImageAlt="Tugu", Date="2026-11-17")
    site.article("b.md", Slug="b", Image="images/tugu.jpg", ImageAlt="Tugu", ImageFocus="0.5, 0.1")
    site.article("c.md", Slug="c", Date="2026-11-16")
    build = site.build()
    assert build.returncode == 0, build.stderr
    page = "kategori/budaya/"
    listing = build.html(page)
    cards = listing.select(".story-list > li")
    assert [card.select_one("h2 a")["href"] for card in cards] == [  # type: ignore[index]
        "../../2026/11/b/",
        "../../2026/11/a/",
        "../../2026/11/c/",
    ]
    assert cards[2].select("picture") == [], "a story without a photo has no thumbnail"
    tops = []
    for card in cards[:2]:
        picture = only(card, "picture.card-thumb")
        img = only(picture, "img")
        # Decorative beside its headline, sized before it loads, lazy below the first cards.
        assert (img["alt"], img["width"], img["height"]) == ("", "160", "120")
        assert img.get("loading") is None  # the first two of a listing load at once
        for element in [*picture.select("source"), img]:
            assert [width for _, width in candidates(str(element["srcset"]))] == [160, 320]
            for url, width in candidates(str(element["srcset"])):
                with Image.open(file_of(build, page, url)) as file:
                    assert file.size == (width, width * 3 // 4)
        assert [source["type"] for source in picture.select("source")] == [
            f"image/{fmt}" for fmt in ("avif", "webp") if fmt in formats_made(build)
        ]
        with Image.open(file_of(build, page, str(img["src"]))) as file:
            tops.append(file.convert("RGB").getpixel((80, 3)))
    focused, centred = tops
    assert focused == pytest.approx(RED, abs=40), "b's thumbnail is cropped around its focus"
    assert centred == pytest.approx((30, 60, 200), abs=40), "a's is centred"

    # No widths, no thumbnails: lists show headlines alone.
    plain = site.build("WARTA_IMAGES_THUMBNAIL_WIDTHS = []")
    assert plain.returncode == 0, plain.stderr
    assert plain.html(page).select("picture") == []
    assert not list(plain.output.glob("images/*/*thumb*"))


def test_a_photo_changed_under_its_name_changes_every_list_that_shows_it(site: Site) -> None:
    """Lists are written again when a story's photo changes, the file name staying the same,
    and the site is then the one a cold build makes."""
    from tests.test_incremental import differences, tree  # noqa: PLC0415 - shared helpers
    from tests.test_uptodate import cold  # noqa: PLC0415

    photo = site.content / "images" / "pasar.jpg"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (800, 600), (200, 120, 40)).save(photo)
    site.article("a.md", Slug="a", Image="images/pasar.jpg", ImageAlt="Pasar", Date="2026-11-17")
    site.article("b.md", Slug="b", Title="Harga Ikan Turun", Date="2026-11-18")
    settings = 'WARTA_BUILD_TIME = "2026-11-20T10:00"\n'
    first = site.build(settings)
    assert first.returncode == 0, first.stderr

    def thumbnails(build: Build) -> list[str]:
        pages = ("kategori/budaya/", "2026/11/b/")  # a listing, and b's "Baca juga"
        return [
            str(img["src"]) for page in pages for img in build.html(page).select(".card-thumb img")
        ]

    before = thumbnails(first)
    assert len(before) == 2
    Image.new("RGB", (800, 600), (40, 90, 120)).save(photo)
    second = site.build(settings)
    assert second.returncode == 0, second.stderr
    after = thumbnails(second)
    assert all(old != new for old, new in zip(before, after, strict=True))
    assert differences(cold(site), tree(second.output)) == []


STAFF = """- name: Siti Aisyah Noor
  slug: siti-aisyah-noor
  role: Reporter
  photo: {photo}
  photo_alt: {alt}
- name: Rahmat Hidayat
  slug: rahmat-hidayat
"""


def test_a_writers_portrait_shows_on_their_page_through_the_pipeline(site: Site) -> None:
    phone_photo(site.content / "images" / "staf" / "siti.jpg")  # 800x1200 once upright
    site.write("data/authors.yaml", STAFF.format(photo="images/staf/siti.jpg", alt="Siti di posko"))
    site.article("a.md", Slug="a")  # by Siti Aisyah Noor
    build = site.build()
    assert build.returncode == 0, build.stderr
    page = "penulis/siti-aisyah-noor/"
    picture = only(build.html(page), ".listing-header .author-photo picture")
    check_picture(build, page, picture, (800, 1200))
    img = only(picture, "img")
    assert img["alt"] == "Siti di posko"
    assert img["sizes"] == "7rem"
    assert img.get("loading") is None, "the page's first photo loads at once"
    for path in photos_in(build):
        if "siti" in path.name:
            with Image.open(path) as copy:
                assert not copy.getexif(), f"{path.name} keeps its camera metadata"
    assert not (build.output / "images" / "staf").exists(), "the original stays out"
    # Writers without a photo, and pages of other kinds, have none.
    assert build.html("kategori/budaya/").select(".author-photo") == []


@pytest.mark.parametrize(
    ("photo", "alt", "complaint"),
    [
        ("images/staf/tidak-ada.jpg", "Siti", "Photo: file 'images/staf/tidak-ada.jpg' does not"),
        ("../../etc/passwd", "Siti", "Photo: '../../etc/passwd' is outside the content folder"),
        ("https://example.com/siti.jpg", "Siti", "Photo: 'https://example.com/siti.jpg' is a web"),
        ("images/staf/siti.jpg", "''", "Photo_alt: is required with a photo"),
    ],
)
def test_a_wrong_portrait_stops_the_build_on_its_line(
    site: Site, photo: str, alt: str, complaint: str
) -> None:
    plain_photo(site.content / "images" / "staf" / "siti.jpg", (400, 400))
    site.write("data/authors.yaml", STAFF.format(photo=photo, alt=alt))
    site.article("a.md", Slug="a")
    build = site.build()
    assert build.returncode == 1
    (line,) = [line for line in build.report_lines if "authors.yaml" in line]
    assert line.startswith(f"content/data/authors.yaml:{5 if 'alt' in complaint else 4}: ")
    assert complaint in line
    assert "Traceback" not in build.stderr


def formats_made(build: Build) -> set[str]:
    return {path.suffix.lstrip(".") for path in photos_in(build)}


def test_originals_stay_out_unless_asked_and_then_are_stripped(site: Site) -> None:
    phone_photo(site.content / "images" / "2026" / "banjir.jpg")
    plain_photo(site.content / "images" / "arsip.jpg", (300, 200))
    site.article("a.md", Image="images/2026/banjir.jpg", ImageAlt="Jalan tergenang")
    stale = site.root / "output" / "images" / "2026" / "banjir.jpg"
    stale.parent.mkdir(parents=True)
    stale.write_bytes((site.content / "images" / "2026" / "banjir.jpg").read_bytes())

    build = site.build()
    assert build.returncode == 0, build.stderr
    assert not stale.parent.exists()
    assert not (build.output / "images" / "arsip.jpg").exists()

    # Originals of published photos, and those named, are copied; a scheduled story's is not.
    plain_photo(site.content / "images" / "embargo.jpg", (300, 200))
    site.article(
        "embargo.md", Slug="embargo", Date="2099-01-01 08:00", Image="images/embargo.jpg",
        ImageAlt="Belum terbit",
    )  # fmt: skip
    copied = site.build(
        'WARTA_IMAGES_COPY_ORIGINALS = True\nWARTA_EXTRA_STATIC_FILES = ["images/arsip.jpg"]\n'
    )
    assert copied.returncode == 0, copied.stderr
    for name, size in (("2026/banjir.jpg", (800, 1200)), ("arsip.jpg", (300, 200))):
        with Image.open(copied.output / "images" / name) as original:
            assert original.size == size
            assert not original.getexif()
            assert "xmp" not in original.info
    assert not (copied.output / "images" / "embargo.jpg").exists()


def refused(build: Build) -> list[str]:
    """The report lines of a build that stopped cleanly before writing any page."""
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    assert not build.output.exists() or not list(build.output.rglob("*.html"))
    return build.report_lines


@pytest.mark.parametrize(
    ("make", "fields", "expected"),
    [
        (
            lambda images: truncated_jpeg(images / "rusak.jpg"),
            {"Image": "images/rusak.jpg"},
            "content/articles/bad.md:7: Image: file 'images/rusak.jpg' is truncated or corrupt (",
        ),
        (
            lambda images: (images / "acak.jpg").write_bytes(b"\x00garbage" * 100),
            {"Image": "images/acak.jpg"},
            "content/articles/bad.md:7: Image: file 'images/acak.jpg' is not a picture in a "
            "format Warta reads (JPEG, PNG, WebP, TIFF or AVIF) (export it again",
        ),
        (
            lambda images: plain_photo(images / "animasi.gif", (100, 80), "GIF"),
            {"Image": "images/animasi.gif"},
            "content/articles/bad.md:7: Image: file 'images/animasi.gif' is a GIF file, a format "
            "Warta does not publish (save it as JPEG, PNG, WebP, TIFF or AVIF)",
        ),
        (
            lambda images: plain_photo(images / "raksasa.png", (400, 300), "PNG"),
            {"Image": "images/raksasa.png"},
            "content/articles/bad.md:7: Image: file 'images/raksasa.png' has more pixels than the "
            "limit of 0.1 megapixels (scale it down before publishing, or raise "
            "WARTA_IMAGES_MAX_PIXELS)",
        ),
        (
            lambda images: None,
            {"Image": "images/hilang.jpg"},
            "content/articles/bad.md:7: Image: file 'images/hilang.jpg' does not exist",
        ),
        (
            lambda images: plain_photo(images.parent.parent / "rahasia.jpg", (300, 200)),
            {"Image": "../rahasia.jpg"},
            "content/articles/bad.md:7: Image: '../rahasia.jpg' is outside the content folder "
            "(put the photo in images/)",
        ),
        (
            lambda images: None,
            {"Body": "![Foto banjir](/images/hilang.jpg)"},
            "content/articles/bad.md:10: Body: image '/images/hilang.jpg' does not exist",
        ),
        (
            lambda images: plain_photo(images.parent.parent / "rahasia.jpg", (300, 200)),
            {"Body": "![Foto banjir](../../rahasia.jpg)"},
            "content/articles/bad.md:10: Body: image '../../rahasia.jpg' is outside the content "
            "folder (put the photo under content/ and link it with {static}/images/...)",
        ),
    ],
    ids=[
        "truncated",
        "corrupt",
        "unsupported",
        "over-limit",
        "missing",
        "escapes",
        "body-missing",
        "body-escapes",
    ],
)
def test_each_bad_photo_is_named_with_its_article(
    site: Site, make: Callable[[Path], object], fields: dict[str, str], expected: str
) -> None:
    images = site.content / "images"
    images.mkdir(parents=True)
    make(images)
    plain_photo(images / "baik.jpg", (300, 200))
    site.article("good.md", Slug="baik", Image="images/baik.jpg", ImageAlt="Pasar")
    photo = {"ImageAlt": "Foto"} if "Image" in fields else {}
    header = {key: value for key, value in fields.items() if key != "Body"}
    body = f"Air naik.\n\n{fields['Body']}\n" if "Body" in fields else "Air naik.\n"
    site.article("bad.md", body, (), Slug="buruk", **header, **photo)
    build = site.build("WARTA_IMAGES_MAX_PIXELS = 100_000")
    lines = refused(build)
    assert any(line.startswith(expected) for line in lines), "\n".join(lines)
    assert lines[-1] == "1 content problem in 1 file; nothing was written."


def test_bad_photos_of_several_articles_are_reported_together(site: Site) -> None:
    images = site.content / "images"
    truncated_jpeg(images / "rusak.jpg")
    plain_photo(images / "animasi.gif", (100, 80), "GIF")
    plain_photo(images / "baik.jpg", (400, 300))
    site.article("good.md", Slug="baik", Image="images/baik.jpg", ImageAlt="Pasar")
    site.article("one.md", Slug="satu", Image="images/rusak.jpg", ImageAlt="Foto")
    site.article("two.md", Slug="dua", body="Teks.\n\n![Animasi]({static}/images/animasi.gif)\n")
    lines = refused(site.build())
    assert [line.split(": ")[:2] for line in lines[:-1]] == [
        ["content/articles/one.md:7", "Image"],
        ["content/articles/two.md:10", "Body"],
    ]
    assert lines[-1] == "2 content problems in 2 files; nothing was written."


def test_photos_past_decoder_or_encoder_limits_are_refused_with_their_lines(site: Site) -> None:
    images = site.content / "images"
    text_bomb_png(images / "bom.png")
    plain_photo(images / "tinggi.png", (1, 60_000), "PNG")
    animated(images / "gerak.webp", "WEBP")
    animated(images / "gerak.png", "PNG")
    site.article("bom.md", Slug="bom", Image="images/bom.png", ImageAlt="Foto")
    site.article("tinggi.md", Slug="tinggi", Image="images/tinggi.png", ImageAlt="Foto")
    site.article("webp.md", Slug="webp", body="Teks.\n\n![Gerak]({static}/images/gerak.webp)\n")
    site.write(
        "articles/apng.md",
        "Title: Galeri\nDate: 2026-11-18 09:00\nCategory: Budaya\nLocation: Kabupaten Banjar\n"
        "Author: Siti Aisyah Noor\nSlug: apng\n\nTeks.\n\n::: galeri\n"
        "![Gerak](/images/gerak.png)\n:::\n",
    )
    lines = refused(site.build())
    assert [line.split(": ")[:2] for line in lines[:-1]] == [
        ["content/articles/apng.md:11", "Body"],
        ["content/articles/bom.md:7", "Image"],
        ["content/articles/tinggi.md:7", "Image"],
        ["content/articles/webp.md:10", "Body"],
    ], lines
    assert "is an animated PNG (APNG)" in lines[0]
    assert "is damaged or crafted" in lines[1]
    assert "past the 16,383 px WebP allows on a side" in lines[2]
    assert "is an animated WebP" in lines[3]
