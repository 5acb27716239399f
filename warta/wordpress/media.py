"""Photos: copied from the uploads folder into content/images/, or named in the report."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from newsroom_model import gallery as galleries

from .files import Outcome, PathRefused, Writer, inside
from .mapping import ImportedPost
from .markdown import GALLERY_SPOT, markdown_url
from .messages import MISSING_IMAGES, REFUSED_PATHS, Note
from .text import shorten
from .urls import host_of, uploads_path

# Photo files the import copies; anything else named as a photo is reported, not copied.
_PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})


def _read_photo(
    relative: PurePosixPath, uploads: Path | None, outcome: Outcome, subject: str
) -> bytes | str:
    """The bytes of uploads/`relative`, or why it cannot be read (refusals noted as such)."""
    if uploads is None:
        return "no --uploads folder given"
    if relative.suffix.lower() not in _PHOTO_SUFFIXES:
        return f"'{shorten(relative.suffix, 20) or relative.name}' is not a photo file type"
    try:
        source = inside(uploads, relative)
    except PathRefused as refusal:
        message = f"{shorten(str(relative), 120)} in {uploads} {refusal}; not read"
        outcome.notes.append(Note(REFUSED_PATHS, subject, message))
        return f"refused, see {REFUSED_PATHS}"
    try:
        return source.read_bytes() if source.is_file() else f"not found in {uploads}"
    except OSError as error:
        return f"cannot be read ({error.strerror})"


def copy_photo(
    relative: PurePosixPath, uploads: Path | None, writer: Writer, outcome: Outcome, subject: str
) -> str | None:
    """Copy uploads/`relative` to content/images/`relative`: None when done, else why not."""
    data = _read_photo(relative, uploads, outcome, subject)
    if isinstance(data, str):
        return data
    if not writer.put(PurePosixPath("images") / relative, data, outcome, subject):
        return "not written, see Refused paths or Not written"
    return None


def outside_uploads(address: str) -> str:
    """Why a body photo that is not in wp-content/uploads was not copied."""
    if address.lower().startswith("data:"):
        return "written into the page as a data: address; kept as it is"
    if host := host_of(address):
        return f"on another site ({shorten(host, 60)}); not copied, still loaded from there"
    return "not in wp-content/uploads, so not copied; the new site has no such file"


def finish_galleries(
    post: ImportedPost, uploads: Path | None, writer: Writer, outcome: Outcome
) -> str:
    """The post's body with each gallery token replaced by its `::: galeri` block, of the
    photos that could be copied into content/images/ (each one that could not is noted; a
    gallery left with none is dropped)."""
    subject = f"content/{post.target}"

    def block(match: re.Match[str]) -> str:
        index = int(match[1])
        if index >= len(post.galleries):
            return ""
        gallery = post.galleries[index]
        lines = []
        for photo in gallery.photos:
            relative = uploads_path(photo.address)
            why = (
                outside_uploads(photo.address)
                if relative is None
                else copy_photo(relative, uploads, writer, outcome, subject)
            )
            if why is None and relative is not None:
                path = markdown_url("/images/" + relative.as_posix())
                lines.append(galleries.photo_line(path, photo.alt, photo.caption, photo.credit))
            else:
                shown = shorten(photo.address, 120)
                post.notes.append(
                    Note(MISSING_IMAGES, subject, f"gallery photo {shown}: {why}; left out")
                )
        if not lines:
            post.notes.append(Note(MISSING_IMAGES, subject, "a gallery with no photo left out"))
            return ""
        return galleries.block(lines, gallery.title)

    return GALLERY_SPOT.sub(block, post.body)
