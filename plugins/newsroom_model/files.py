"""The files of the content folder, found as Pelican finds them, but never through a link out.

Pelican walks the content folder following every symbolic link, so a link in `content/images/`
to `/etc/hostname` would be published. Warta walks it itself, with Pelican's rules (the paths,
EXCLUDES and IGNORE_FILES settings), and a link that leads out of the content folder is a
problem naming the link. Static files are published only when they are photos (the news_images
plugin makes them web copies) or documents on an allowlist: a script or a web page placed in
`content/images/` would otherwise be served from the site's own address, where the
Content-Security-Policy trusts it.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from warta.messages import t
from warta.problems import Problem, bounded

# Documents a newsroom links from stories (a court ruling, a budget table). SVG is not here: it
# can carry scripts. Photos are the news_images plugin's (`PHOTO_SUFFIXES`).
DOCUMENT_SUFFIXES = frozenset({".pdf"})
PHOTO_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".avif", ".heic", ".heif",
     ".dng", ".gif", ".bmp", ".mpo"}
)  # fmt: skip


@dataclass(frozen=True)
class ContentFile:
    """A file in the content folder: its absolute path and its path below the folder."""

    path: str
    relative: str


@dataclass
class Walk:
    """What a walk found: files in path order, the links and files it refused, and the hidden
    files it passed over (a name starting with '.')."""

    files: list[ContentFile]
    problems: list[Problem]
    hidden: list[ContentFile]


def walk(
    root: Path,
    folders: list[str],
    excludes: list[str],
    ignores: list[str],
    display: Path,
) -> Walk:
    """Every file under `folders` of `root`, as Pelican's `Generator.get_files` lists them.

    Hidden files (a leading dot: editors' and the operating system's) are skipped, as are
    IGNORE_FILES. Links are followed only while they stay inside `root`.
    """
    root = root.resolve()
    excluded = {(root / name).resolve() for name in excludes}
    found: dict[str, ContentFile] = {}
    problems: list[Problem] = []
    hidden: list[ContentFile] = []

    def refuse(path: Path, target: Path) -> None:
        problems.append(
            Problem(
                _shown(path, display),
                1,
                "File",
                t(
                    "is a link to '{target}', outside the content folder",
                    target=bounded(str(target)),
                ),
                t("links are not followed out of content/; copy the file in instead"),
            )
        )

    def ignored(name: str) -> bool:
        return name.startswith(".") or any(fnmatch.fnmatch(name, rule) for rule in ignores)

    def unlisted(entry: os.DirEntry[str]) -> bool:
        """Skipped: hidden, or matched by IGNORE_FILES. A hidden file that is not the system's
        own (macOS's '._' copies) is noted, for a caller that must not skip it in silence."""
        name = entry.name
        if any(fnmatch.fnmatch(name, rule) for rule in ignores):
            return True
        if not name.startswith("."):
            return False
        if not name.startswith("._") and entry.is_file():
            relative = entry.path[prefix:].replace(os.sep, "/")
            hidden.append(ContentFile(entry.path, relative))
        return True

    prefix = len(str(root)) + 1

    def visit(folder: Path, seen: frozenset[Path]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if unlisted(entry):
                continue
            if entry.is_symlink():
                path = Path(entry.path)
                target = path.resolve()
                if not target.is_relative_to(root):
                    refuse(path, target)
                    continue
                is_dir, is_file = target.is_dir(), target.is_file()
            else:
                # scandir knows the type of a plain entry: no stat is needed.
                is_dir, is_file = entry.is_dir(), entry.is_file()
            if is_dir:
                path = Path(entry.path)
                target = path.resolve() if entry.is_symlink() else path
                if target in seen or target in excluded or path in excluded:
                    continue
                visit(path, seen | {target})
            elif is_file:
                relative = entry.path[prefix:].replace(os.sep, "/")
                found.setdefault(relative, ContentFile(entry.path, relative))

    for name in folders:
        start = (root / name) if name else root
        if start.is_symlink() and not start.resolve().is_relative_to(root):
            refuse(start, start.resolve())
        elif start.is_dir():
            visit(start, frozenset({start.resolve()}))
        elif start.is_file() and not ignored(start.name):
            relative = start.relative_to(root).as_posix()
            found.setdefault(relative, ContentFile(str(start), relative))
    return Walk(sorted(found.values(), key=lambda item: item.relative), problems, hidden)


def listed(relative: str, patterns: list[str]) -> bool:
    """Whether a file's path below the content folder is one of `patterns` (paths, or
    shell-style patterns such as 'images/dokumen/*.pdf')."""
    return any(fnmatch.fnmatchcase(relative, pattern.lstrip("/")) for pattern in patterns)


def unpublishable(file: ContentFile, display: Path) -> Problem | None:
    """The problem with a static file Warta will not publish, or None for a photo or document."""
    suffix = Path(file.relative).suffix.lower()
    if suffix in PHOTO_SUFFIXES or suffix in DOCUMENT_SUFFIXES:
        return None
    return Problem(
        _shown(Path(file.path), display),
        1,
        "File",
        t(
            "is not published: '{suffix}' files can run code or are not for readers",
            suffix=bounded(suffix, 12),
        )
        if suffix
        else t("is not published: files without a type can run code or are not for readers"),
        t("the site publishes photos and PDF documents; take this file out of content/"),
    )


def _shown(path: Path, display: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(display).as_posix()
    except ValueError:
        return str(absolute)
