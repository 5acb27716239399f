"""Writing inside the content folder, with a manifest so hand edits survive a second run."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from warta.messages import Text

from . import messages
from .messages import Note
from .text import UNPRINTABLE, shorten

MANIFEST_NAME = ".warta-wordpress.json"


class PathRefused(ValueError):
    """A path taken from the export would lead out of the folder it must stay in; `text` says
    how, in the site's language."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


def inside(folder: Path, relative: PurePosixPath) -> Path:
    """`folder/relative`, or PathRefused when that leads out of `folder`.

    Refused: an absolute path, "..", control characters, and a symlink anywhere along the way
    that resolves outside the folder. Symlinks that stay inside are followed.
    """
    if relative.is_absolute() or ".." in relative.parts:
        raise PathRefused(messages.PATH_OUTSIDE)
    if UNPRINTABLE.search(str(relative)) or not relative.parts:
        raise PathRefused(messages.PATH_UNUSABLE)
    root = folder.resolve()
    candidate = root.joinpath(*relative.parts)
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):  # a symlink loop, a name too long
        raise PathRefused(messages.PATH_UNRESOLVED) from None
    if not resolved.is_relative_to(root):
        raise PathRefused(messages.PATH_SYMLINK_OUT)
    return candidate


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Outcome:
    """What one import did: files written or kept, and everything the report lists."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


class Writer:
    """Writes files inside the content folder, never over one changed since the import wrote it."""

    def __init__(self, project: Path, content: Path) -> None:
        self.project = project
        self.content = content.resolve()
        self.manifest_path = project / MANIFEST_NAME
        self.manifest: dict[str, str] = {}
        self.unreadable_manifest = ""
        if self.manifest_path.exists():
            try:
                self.manifest = dict(json.loads(self.manifest_path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError) as error:
                # Without it no file counts as the import's own, so none is overwritten.
                self.unreadable_manifest = str(error)

    def put(self, relative: PurePosixPath, data: bytes, outcome: Outcome, subject: str) -> bool:
        """Write content/`relative` unless refused or edited; True when the file is there."""
        try:
            target = inside(self.content, relative)
        except PathRefused as refusal:
            message = messages.PATH_NOT_WRITTEN.fill(
                path=shorten(str(relative), 120), refusal=refusal.text
            )
            outcome.notes.append(Note(messages.REFUSED_PATHS, subject, message))
            return False
        name = (
            target.relative_to(self.project).as_posix()
            if target.is_relative_to(self.project)
            else target.as_posix()
        )
        try:
            if target.exists():
                current = target.read_bytes()
                if current == data:
                    self.manifest[name] = _digest(data)
                    if name not in outcome.written and name not in outcome.unchanged:
                        outcome.unchanged.append(name)  # a photo two posts show: counted once
                    return True
                if self.manifest.get(name) != _digest(current):
                    why = (
                        messages.CHANGED_SINCE_IMPORT
                        if name in self.manifest
                        else messages.NOT_IMPORTED_BEFORE
                    )
                    outcome.notes.append(Note(messages.KEPT_AS_EDITED, name, why))
                    return True
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as error:
            outcome.notes.append(
                Note(
                    messages.NOT_WRITTEN,
                    name,
                    messages.PATH_UNWRITABLE.fill(error=error.strerror or str(error)),
                )
            )
            return False
        self.manifest[name] = _digest(data)
        outcome.written.append(name)
        return True

    def save(self) -> None:
        text = json.dumps(dict(sorted(self.manifest.items())), indent=2) + "\n"
        self.manifest_path.write_text(text, encoding="utf-8")
