"""The Pillow transforms on their own: crops, widths, colour, metadata and refusals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from news_images.render import (
    CENTRE,
    Job,
    Manifest,
    Refusal,
    Spec,
    available_formats,
    crop_box,
    dominant_colour,
    probe,
    render,
    target_widths,
    to_focus,
)

from .photos import (
    BLUE,
    RED,
    animated,
    phone_photo,
    plain_photo,
    text_bomb_png,
    transparent_png,
    upright_two_tone,
)

SPEC = Spec(
    widths=(360, 720, 1080, 1600),
    formats=available_formats(["avif", "webp", "jpeg"]),
    quality=(("avif", 50), ("jpeg", 80), ("webp", 75)),
    crops=(("og", 1200, 630), ("1x1", 1200, 1200)),
    crop_quality=82,
    original_quality=92,
    max_pixels=10_000_000,
)


def rendered(job: Job) -> Manifest:
    outcome = render(job)
    assert isinstance(outcome, Manifest), outcome
    return outcome


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (2400, [360, 720, 1080, 1600]),
        (1600, [360, 720, 1080, 1600]),
        (800, [360, 720]),
        (200, [200]),
    ],
)
def test_widths_never_enlarge(source: int, expected: list[int]) -> None:
    assert target_widths(source, SPEC.widths) == expected


@pytest.mark.parametrize(
    ("size", "aspect", "focus", "box"),
    [
        ((1600, 1067), (1200, 630), CENTRE, (0, 114, 1600, 954)),
        ((1000, 1000), (1200, 630), (50, 10), (0, 0, 1000, 525)),
        ((1000, 1000), (1200, 630), (50, 95), (0, 475, 1000, 1000)),
        ((1600, 900), (1, 1), (0, 50), (0, 0, 900, 900)),
        ((1600, 900), (1, 1), (75, 50), (700, 0, 1600, 900)),
    ],
)
def test_crop_box_is_centred_on_the_focus_and_stays_inside(
    size: tuple[int, int],
    aspect: tuple[int, int],
    focus: tuple[int, int],
    box: tuple[int, int, int, int],
) -> None:
    assert crop_box(size, aspect, focus) == box


def test_focus_fractions_become_whole_percent() -> None:
    assert to_focus(None) == CENTRE
    assert to_focus((0.333, 0.0)) == (33, 0)


def test_dominant_colour_is_the_largest_area() -> None:
    picture = Image.new("RGB", (100, 100), BLUE)
    picture.paste(RED, (0, 0, 100, 30))
    assert dominant_colour(picture) == "#{:02x}{:02x}{:02x}".format(*BLUE)


def test_phone_photo_comes_out_upright_with_no_metadata(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "shot.jpg")
    with Image.open(source) as original:
        assert original.getexif()[0x0112] == 6
        assert original.getexif().get_ifd(0x8825)[1] == "S"
        assert "xmp" in original.info
    manifest = rendered(Job(source, tmp_path / "entry", SPEC, (CENTRE,), original=True))
    assert (manifest.width, manifest.height) == (800, 1200)
    files = [*manifest.renditions, *manifest.crops["50-50"], manifest.original]
    assert {(r.format, r.width) for r in manifest.renditions} == {
        (fmt, width) for fmt in SPEC.formats for width in (360, 720)
    }
    for item in files:
        assert item is not None
        path = tmp_path / "entry" / item.file
        with Image.open(path) as output:
            assert output.size == (item.width, item.height)
            assert not output.getexif()
            assert not {"exif", "xmp", "icc_profile"} & set(output.info), output.info
            top = output.convert("RGB").getpixel((output.width // 2, 2))
            bottom = output.convert("RGB").getpixel((output.width // 2, output.height - 3))
        assert isinstance(top, tuple)
        assert isinstance(bottom, tuple)
        assert top[0] > 150 > top[2], (item.file, top)
        assert bottom[2] > 150 > bottom[0], (item.file, bottom)
        assert b"WartaCam" not in path.read_bytes()


def test_transparency_falls_back_to_png(tmp_path: Path) -> None:
    manifest = rendered(Job(transparent_png(tmp_path / "logo.png"), tmp_path / "e", SPEC))
    assert manifest.transparent
    assert {r.format for r in manifest.renditions} == {*SPEC.formats[:-1], "png"}
    with Image.open(tmp_path / "e" / "360.png") as output:
        assert output.mode == "RGBA"
        assert output.getpixel((0, 0)) == (0, 0, 0, 0)


def test_second_render_of_an_entry_adds_only_what_is_missing(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    upright_two_tone((400, 300)).save(source)
    first = rendered(Job(source, tmp_path / "e", SPEC))
    written = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "e").iterdir()}
    second = rendered(Job(source, tmp_path / "e", SPEC, ((50, 10),)))
    assert second.renditions == first.renditions
    assert set(second.crops) == {"50-10"}
    for name, mtime in written.items():
        if name != "manifest.json":
            assert (tmp_path / "e" / name).stat().st_mtime_ns == mtime
    assert Manifest.load(tmp_path / "e") == second


def test_thumbnails_join_a_cached_photo_and_leave_its_other_files_alone(tmp_path: Path) -> None:
    """Thumbnails are not in the cache key: asking for them (or for others) adds them beside
    the crops of each focus, and every other file, and so its address, stays as it was."""
    source = tmp_path / "a.jpg"
    upright_two_tone((800, 600)).save(source)
    thumbnails = replace(SPEC, thumbnails=((160, 120), (320, 240)))
    assert thumbnails.fingerprint() == SPEC.fingerprint()
    first = rendered(Job(source, tmp_path / "e", SPEC, (CENTRE,)))
    assert first.has((CENTRE,), False)
    assert not first.has((CENTRE,), False, thumbnails.thumbnails)
    written = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "e").iterdir()}
    second = rendered(Job(source, tmp_path / "e", thumbnails, (CENTRE,)))
    assert second.has((CENTRE,), False, thumbnails.thumbnails)
    made = {(item.kind, item.format, item.width, item.height) for item in second.crops["50-50"]}
    assert made >= {
        (f"thumb-{w}x{h}", fmt, w, h) for w, h in ((160, 120), (320, 240)) for fmt in SPEC.formats
    }
    for name, mtime in written.items():
        if name != "manifest.json":
            assert (tmp_path / "e" / name).stat().st_mtime_ns == mtime, name
    # Other widths replace them; a small photo's are never enlarged, and still count as made.
    other = replace(SPEC, thumbnails=((1000, 750),))
    third = rendered(Job(source, tmp_path / "e", other, (CENTRE,)))
    kinds = {item.kind for item in third.crops["50-50"] if item.kind.startswith("thumb-")}
    assert kinds == {"thumb-1000x750"}
    assert max(item.width for item in third.crops["50-50"] if item.kind in kinds) == 800
    assert Manifest.load(tmp_path / "e") == third
    assert third.has((CENTRE,), False, other.thumbnails)


def test_pixel_limit_is_checked_before_decoding(tmp_path: Path) -> None:
    source = tmp_path / "big.png"
    Image.new("L", (4000, 3000)).save(source)
    outcome = render(Job(source, tmp_path / "e", SPEC))
    assert isinstance(outcome, Refusal)
    assert str(outcome.message) == "has more pixels than the limit of 10 megapixels"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda path: text_bomb_png(path / "bom.png"),
            "is damaged or crafted (Decompressed data too large for PngImagePlugin.MAX_TEXT_CHUNK)",
        ),
        (
            lambda path: plain_photo(path / "tinggi.png", (1, 60_000), "PNG"),
            "is 1 × 60,000 px: its WebP copy would be 1 × 60,000 px, past the 16,383 px WebP "
            "allows on a side",
        ),
        (
            lambda path: animated(path / "gerak.webp", "WEBP"),
            "is an animated WebP: Warta publishes still photos, as it does with GIF",
        ),
        (
            lambda path: animated(path / "gerak.png", "PNG"),
            "is an animated PNG (APNG): Warta publishes still photos, as it does with GIF",
        ),
    ],
    ids=["text-chunk-bomb", "past-webp-side", "animated-webp", "apng"],
)
def test_photos_past_a_decoder_or_encoder_limit_are_refused_by_check_and_build(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    job = Job(make(tmp_path), tmp_path / "e", SPEC)
    assert probe(job) == render(job)
    outcome = render(job)
    assert isinstance(outcome, Refusal)
    assert str(outcome.message) == message
    assert not (tmp_path / "e" / "manifest.json").exists()


def test_a_wide_photo_whose_copies_fit_is_published(tmp_path: Path) -> None:
    # 20,000 px wide is past WebP's side, but its copies are at most 1,600.
    manifest = rendered(
        Job(plain_photo(tmp_path / "lebar.jpg", (20_000, 300)), tmp_path / "e", SPEC)
    )
    assert max(rendition.width for rendition in manifest.renditions) == 1600
