"""Find the photos an article or page uses: its lead `Image:` and every `<img>` in its body."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsroom_model.problems import Problem

from .render import Focus, to_focus

IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
# Pelican's link markers; the newsroom reader already reports those that point to no file.
_MARKER = re.compile(r"^\{(?:static|attach|filename)\}")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_PLACEHOLDER = re.compile(r"<!--warta-photo:(\d+)-->")


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


class _Attributes(HTMLParser):
    """Reads the attributes of one tag, with entities decoded."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = {name: value or "" for name, value in attrs}


def attributes_of(tag: str) -> dict[str, str]:
    return _Attributes(tag).attributes


def resolve(written: str, content_root: Path, relative_to: Path) -> tuple[Path | None, str | None]:
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
        return resolved, "is outside the content folder"
    if not resolved.is_file():
        return resolved, "does not exist"
    return resolved, None


def claim_body_photos(
    body: str, content_path: str, display: str, content_root: Path
) -> tuple[str, list[Use], list[Problem]]:
    """Take every local photo out of a rendered body, leaving a numbered placeholder.

    This runs as soon as Pelican creates the article, so that nothing that reads the body early
    makes Pelican resolve an `{static}` photo link it does not know yet. A photo that cannot be
    published is reported and dropped: the build stops before anything is written.
    """
    uses: list[Use] = []
    problems: list[Problem] = []
    source_text = _source_text(content_path)

    def claim(match: re.Match[str]) -> str:
        attributes = attributes_of(match.group(0))
        written = attributes.get("src", "")
        if not written:
            return match.group(0)
        path, reason = resolve(written, content_root, Path(content_path).parent)
        if path is None:
            return match.group(0)
        line = _line_of(source_text, written)
        if reason is None:
            uses.append(
                Use(
                    path,
                    written,
                    content_path,
                    line,
                    "Body",
                    alt=attributes.get("alt", ""),
                    title=attributes.get("title", ""),
                )
            )
            return placeholder(len(uses) - 1)
        if not (_MARKER.match(written) and reason == "does not exist"):
            problems.append(
                Problem(
                    display,
                    line,
                    "Body",
                    f"image '{written}' {reason}",
                    "put the photo under content/ and link it with {static}/images/...",
                )
            )
        return ""

    return IMG_TAG.sub(claim, body), uses, problems


def placeholder(index: int) -> str:
    return f"<!--warta-photo:{index}-->"


def fill_placeholders(body: str, markup: list[str]) -> str:
    """The body with each placeholder replaced by the markup of its photo."""
    return _PLACEHOLDER.sub(lambda match: markup[int(match.group(1))], body)


def lead_use(
    image: str, focus: tuple[float, float] | None, content_path: str, line: int, root: Path
) -> Use:
    """The lead photo; the schema has already checked that it exists inside content/."""
    return Use((root / image).resolve(), image, content_path, line, "Image", to_focus(focus))


def _source_text(content_path: str) -> str:
    try:
        return Path(content_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _line_of(text: str, written: str) -> int:
    """The line of the source file where a src is written, or 1 when it cannot be found."""
    for needle in (written, html.escape(written, quote=False)):
        index = text.find(needle)
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return 1
