"""Photo galleries in a body: the `::: galeri` blocks a reporter writes, read into typed records.

A gallery is written by hand between two fence lines, one photo a line, in the Markdown form
of a body photo; the title holds the caption and the credit, split at the last `|`:

    ::: galeri Suasana sidang vonis
    ![Hakim membacakan putusan](/images/2026/11/sidang-1.jpg "Amar dibacakan | Warta Banua")
    ![Terdakwa mendengarkan putusan](sidang-2.jpg "Terdakwa di kursi pesakitan")
    :::

The block is read here, before Markdown sees the body, and replaced by a paragraph holding a
token; the caller swaps that paragraph for `<!--warta-gallery:N-->` once the body is rendered
and cleaned, and each page resolves it to markup the theme writes. So nothing a writer puts in a
gallery line becomes HTML by itself: alt text, caption and credit are kept as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.messages import Hint, Text, t
from warta.problems import bounded

GALLERY_PLACEHOLDER = "<!--warta-gallery:{}-->"
PLACEHOLDER_PATTERN = re.compile(r"<!--warta-gallery:\d+-->")
# `::: galeri` (or `::: gallery`), an optional title after it; `:::` alone closes the block.
_OPEN = re.compile(r"^ {0,3}:::[ \t]*(?:galeri|gallery)\b[ \t]*(?P<title>.*?)[ \t]*$", re.I)
_CLOSE = re.compile(r"^ {0,3}:::[ \t]*$")
# A fenced code block opens with three or more backticks or tildes (CommonMark and Python-
# Markdown's fenced_code): a gallery written inside one is an example, not a gallery.
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
# One photo a line: ![alt](path) or ![alt](path "title"), the title in double or single quotes
# or in parentheses, as Markdown writes a photo's title; backslash escapes as in Markdown.
_PHOTO = re.compile(
    r"""^[ \t]*!\[(?P<alt>(?:\\.|[^\\\]])*)\]\([ \t]*(?P<src><[^<>\n]*>|[^\s()<>]+)"""
    r"""(?:[ \t]+(?:"(?P<double>(?:\\.|[^\\"])*)"|'(?P<single>(?:\\.|[^\\'])*)'"""
    r"""|\((?P<paren>(?:\\.|[^\\()])*)\)))?[ \t]*\)[ \t]*$"""
)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# The last `|` that is not written `\|`: before it the caption, after it the credit.
_CREDIT_BAR = re.compile(r"(?<!\\)\|(?!.*(?<!\\)\|)", re.S)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
PHOTO_HINT = t('write one photo a line: ![what the photo shows](path "caption | credit")')


@dataclass(frozen=True)
class GalleryPhoto:
    """One photo of a gallery as written: its file, alt text, caption, credit and line."""

    src: str
    alt: str
    caption: str
    credit: str
    line: int


@dataclass(frozen=True)
class Gallery:
    """A gallery of a body: its photos in the order written, its title, its opening line."""

    title: str
    photos: tuple[GalleryPhoto, ...]
    line: int


@dataclass(frozen=True)
class GalleryError:
    """Something wrong in a gallery block, at a line of the file."""

    line: int
    message: Text
    hint: Hint


@dataclass(frozen=True)
class Extracted:
    """A body with its gallery blocks taken out: each stands as a paragraph `token` + number."""

    text: str
    galleries: tuple[Gallery, ...]
    errors: tuple[GalleryError, ...]


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _plain(text: str) -> str:
    """A caption or credit as one line of plain text (Markdown escapes read)."""
    return " ".join(_unescape(text).split())


def split_title(title: str) -> tuple[str, str]:
    """A photo's title as (caption, credit): split at the last `|` not written as `\\|`."""
    found = _CREDIT_BAR.search(title)
    if found is None:
        return _plain(title), ""
    return _plain(title[: found.start()]), _plain(title[found.end() :])


def read_photo(line: str, number: int) -> GalleryPhoto | GalleryError:
    """One line of a gallery as a photo, or what is wrong with it."""
    match = _PHOTO.match(line)
    if match is None:
        shown = bounded(line.strip())
        return GalleryError(
            number, t("line '{line}' in a gallery is not a photo", line=shown), PHOTO_HINT
        )
    src = match["src"]
    if src.startswith("<"):
        src = src[1:-1].strip()
    src = _unescape(src)
    alt = _plain(match["alt"])
    if not alt:
        return GalleryError(
            number,
            t("photo '{src}' in the gallery has no alt text", src=bounded(src)),
            t("write ![what the photo shows](path); every photo of a gallery needs it"),
        )
    if not src or _EXTERNAL.match(src):
        return GalleryError(
            number,
            t(
                "photo '{src}' in the gallery is not a file of this site",
                src=bounded(src or "image"),
            ),
            t("put the photo under content/images/ and write its path"),
        )
    title = next((match[name] for name in ("double", "single", "paren") if match[name]), "")
    caption, credit = split_title(title or "")
    return GalleryPhoto(src, alt, caption, credit, number)


_ALT_ESCAPES = str.maketrans({char: "\\" + char for char in "\\[]"})
_TITLE_ESCAPES = str.maketrans({char: "\\" + char for char in '\\"|'})


def photo_line(src: str, alt: str, caption: str, credit: str) -> str:
    """One photo of a gallery as a writer would type it, read back by `read_photo` as the same
    photo whatever the text holds (brackets, quotes, bars, line breaks are escaped or folded).
    `src` must already be written as a Markdown address (no spaces or brackets)."""

    def one_line(text: str) -> str:
        return " ".join(text.split())

    alt = one_line(alt).translate(_ALT_ESCAPES)
    parts = [one_line(caption).translate(_TITLE_ESCAPES)]
    if credit.strip():
        parts.append(one_line(credit).translate(_TITLE_ESCAPES))
    title = " | ".join(parts).strip()
    return f'![{alt}]({src} "{title}")' if title else f"![{alt}]({src})"


def block(photos: list[str], title: str = "") -> str:
    """A gallery block of `photos` (lines made by `photo_line`)."""
    heading = f"::: galeri {' '.join(title.split())}".rstrip()
    return "\n".join([heading, *photos, ":::"])


def extract(body: str, first_line: int, token: str) -> Extracted:
    """Take every gallery block out of `body` (whose first line is `first_line` of the file).

    Each block becomes a paragraph of its own holding `token` and its number; a block with a
    problem becomes nothing (the build stops on the error anyway). Blocks inside fenced code are
    left as they are.
    """
    lines = body.split("\n")
    out: list[str] = []
    galleries: list[Gallery] = []
    errors: list[GalleryError] = []
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        number = first_line + index
        opened = _FENCE.match(line)
        if fence:
            if opened and opened["fence"][0] == fence[0] and len(opened["fence"]) >= len(fence):
                fence = ""
            out.append(line)
            index += 1
            continue
        if opened:
            fence = opened["fence"]
        start = None if opened else _OPEN.match(line)
        if start is None:
            out.append(line)
            index += 1
            continue
        end = next((i for i in range(index + 1, len(lines)) if _CLOSE.match(lines[i])), None)
        if end is None:
            errors.append(
                GalleryError(number, t("gallery is never closed"), t("end it with a line ':::'"))
            )
            out.extend(lines[index:])
            break
        photos: list[GalleryPhoto] = []
        block_errors: list[GalleryError] = []
        for offset, content in enumerate(lines[index + 1 : end], start=index + 1):
            if not content.strip():
                continue
            read = read_photo(content, first_line + offset)
            if isinstance(read, GalleryPhoto):
                photos.append(read)
            else:
                block_errors.append(read)
        if not photos and not block_errors:
            block_errors.append(GalleryError(number, t("gallery has no photos"), PHOTO_HINT))
        errors.extend(block_errors)
        if not block_errors:
            galleries.append(Gallery(_plain(start["title"]), tuple(photos), number))
            out.extend(["", f"{token}{len(galleries) - 1}", ""])
        # The block's lines stay counted: a blank line for each keeps later lines in place.
        out.extend([""] * max(0, end - index + 1 - (3 if not block_errors else 0)))
        index = end + 1
    return Extracted("\n".join(out), tuple(galleries), tuple(errors))
