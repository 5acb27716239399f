"""The photos a story uses: its lead `Image:`, its body's local `<img>`s, its galleries' photos."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsroom_model.gallery import GalleryPhoto
from newsroom_model.source import BodyImage

from warta.messages import Text, t
from warta.problems import Problem, bounded

from .render import Focus, to_focus

# Pelican's link markers, which a body may put before a photo's path.
_MARKER = re.compile(r"^\{(?:static|attach|filename)\}")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@dataclass(frozen=True)
class Use:
    """One place a photo is used: which file, by which content, where, and how it is written."""

    source: Path
    written: str
    content_path: str
    line: int
    field: str
    focus: Focus | None = None
    alt: str = ""
    title: str = ""

    @property
    def is_lead(self) -> bool:
        return self.focus is not None


def resolve(written: str, content_root: Path, relative_to: Path) -> tuple[Path | None, Text | None]:
    """The file a src names (None for a web address), or the reason it cannot be used.

    As with Pelican's `{static}`, a path starting with '/' is relative to the content folder
    and any other path to the folder of the file that uses it.
    """
    target = _MARKER.sub("", written)
    if _EXTERNAL.match(target):
        return None, None
    path = unquote(urlsplit(target).path)
    base = content_root if path.startswith("/") else relative_to
    resolved = (base / path.lstrip("/")).resolve()
    root = content_root.resolve()
    if not resolved.is_relative_to(root):
        return resolved, t("is outside the content folder")
    if not resolved.is_file():
        return resolved, t("does not exist")
    return resolved, None


def body_use(
    image: BodyImage | GalleryPhoto, content_path: str, display: str, content_root: Path
) -> tuple[Use | None, Problem | None]:
    """A photo of a body or of one of its galleries as a use, or the problem with its file."""
    path, reason = resolve(image.src, content_root, Path(content_path).parent)
    if path is None:
        return None, None
    if reason is None:
        title = image.title if isinstance(image, BodyImage) else ""
        use = Use(path, image.src, content_path, image.line, "Body", alt=image.alt, title=title)
        return use, None
    return None, Problem(
        display,
        image.line,
        "Body",
        t("image '{src}' {reason}", src=bounded(image.src), reason=reason),
        t("put the photo under content/ and link it with {{static}}/images/..."),
    )


def lead_use(
    image: str, focus: tuple[float, float] | None, content_path: str, line: int, root: Path
) -> Use:
    """The lead photo; the schema has already checked that it exists inside content/."""
    return Use((root / image).resolve(), image, content_path, line, "Image", to_focus(focus))
