"""What templates get for a photo: `<picture>` sources, the fallback, and social crops.

Every URL here is relative to the site root, without a leading slash, so templates write
`{{ SITEURL }}/{{ url }}` as they do for every other link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from warta.views import ImageCandidate, ImageSource, Picture

from .render import MIME_TYPES, THUMBNAIL, Focus, Manifest, Rendition, focus_label

_UNSAFE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class SocialImage:
    """A crop for social cards or structured data."""

    ratio: str
    url: str
    width: int
    height: int
    type: str = "image/jpeg"


@dataclass(frozen=True)
class SocialImages:
    """The story's photo cropped for sharing: `og` for Open Graph, `crops` for JSON-LD `image`,
    `alt` the photo's alt text (the lead photo's, or the first gallery photo's)."""

    og: SocialImage
    crops: tuple[SocialImage, ...]
    alt: str = ""


@dataclass(frozen=True)
class Published:
    """Where one photo's files go in output/: a folder named by its content hash, and a stem."""

    key: str
    folder: str
    stem: str

    @classmethod
    def of(cls, output_path: str, key: str, source_name: str) -> Published:
        stem = _UNSAFE.sub("-", PurePosixPath(source_name).stem.lower()).strip("-") or "photo"
        return cls(key, f"{output_path.strip('/')}/{key[:10]}", stem)

    def name(self, rendition: Rendition, focus: Focus | None = None) -> str:
        """The output path of a rendition, e.g. 'images/3fa2c1d0e9/banjir-720.webp'."""
        suffix = PurePosixPath(rendition.file).suffix
        if rendition.kind == "copy":
            label = str(rendition.width)
        else:
            label = rendition.kind
            if focus is not None and focus != (50, 50):
                label += f"-{focus_label(focus)}"
        return f"{self.folder}/{self.stem}-{label}{suffix}"


def picture_of(
    manifest: Manifest,
    published: Published,
    *,
    alt: str,
    sizes: str,
    fallback_width: int,
    title: str = "",
) -> Picture:
    """The `<picture>` of a rendered photo; the fallback format is the one rendered last."""
    by_format: dict[str, list[ImageCandidate]] = {}
    for rendition in manifest.renditions:
        by_format.setdefault(rendition.format, []).append(
            ImageCandidate(published.name(rendition), rendition.width)
        )
    sources = tuple(
        ImageSource(MIME_TYPES[fmt], tuple(sorted(items, key=lambda item: item.width)))
        for fmt, items in by_format.items()
    )
    fallback = sources[-1]
    fitting = [c for c in fallback.candidates if c.width <= fallback_width]
    chosen = fitting[-1] if fitting else fallback.candidates[0]
    return Picture(
        sources=sources[:-1],
        fallback=fallback,
        src=chosen.url,
        width=chosen.width,
        height=next(r.height for r in manifest.renditions if r.width == chosen.width),
        sizes=sizes,
        placeholder=manifest.colour,
        alt=alt,
        title=title,
    )


def social_images_of(
    manifest: Manifest, published: Published, focus: Focus, alt: str
) -> SocialImages | None:
    """The crops of the story's photo around `focus`; the one named 'og' is the sharing card.
    None when the settings ask for no social crop."""
    crops = tuple(
        SocialImage(item.kind, published.name(item, focus), item.width, item.height)
        for item in manifest.crops[focus_label(focus)]
        if not item.kind.startswith(THUMBNAIL)
    )
    if not crops:
        return None
    og = next((crop for crop in crops if crop.ratio == "og"), crops[0])
    return SocialImages(og=og, crops=tuple(crop for crop in crops if crop is not og), alt=alt)


def thumbnail_of(
    manifest: Manifest, published: Published, focus: Focus, sizes: str
) -> Picture | None:
    """The story's photo as a list thumbnail, cropped around `focus`: one source per format,
    the format every browser reads last (as `picture_of` orders them). None without any."""
    by_format: dict[str, list[ImageCandidate]] = {}
    heights: dict[int, int] = {}
    for item in manifest.crops[focus_label(focus)]:
        if item.kind.startswith(THUMBNAIL):
            candidate = ImageCandidate(published.name(item, focus), item.width)
            by_format.setdefault(item.format, []).append(candidate)
            heights[item.width] = item.height
    if not by_format:
        return None
    sources = tuple(
        ImageSource(MIME_TYPES[fmt], tuple(sorted(items, key=lambda item: item.width)))
        for fmt, items in by_format.items()
    )
    smallest = sources[-1].candidates[0]
    return Picture(
        sources=sources[:-1],
        fallback=sources[-1],
        src=smallest.url,
        width=smallest.width,
        height=heights[smallest.width],
        sizes=sizes,
        placeholder=manifest.colour,
    )
