"""The import from start to end: plan every post, copy its photos, write it, keep the manifest."""

from __future__ import annotations

from pathlib import Path

from .files import MANIFEST_NAME, Outcome, Writer
from .mapping import Mapping, plan
from .markdown import markdown_url
from .media import copy_photo, finish_galleries, outside_uploads
from .messages import MISSING_IMAGES, Note
from .text import shorten
from .urls import uploads_path
from .wxr import Export


def run_import(
    export: Export, mapping: Mapping, content: Path, project: Path, uploads: Path | None
) -> Outcome:
    """Write every planned post and its photos; returns what was done and what was not."""
    posts, skipped = plan(export, mapping)
    writer = Writer(project, content)
    outcome = Outcome()
    if writer.unreadable_manifest:
        message = f"cannot be read ({writer.unreadable_manifest}); files already there are kept"
        outcome.notes.append(Note("Kept as edited", MANIFEST_NAME, message))
    for post in posts:
        subject = f"content/{post.target}"
        for address in post.body_photos:
            relative = uploads_path(address)
            why = (
                outside_uploads(address)
                if relative is None
                else copy_photo(relative, uploads, writer, outcome, subject)
            )
            if why is None and relative is not None:
                static = f"]({{static}}/images/{markdown_url(relative.as_posix())})"
                post.body = post.body.replace(f"]({address})", static)
            else:
                shown = shorten(address, 120)
                post.notes.append(Note(MISSING_IMAGES, subject, f"body photo {shown}: {why}"))
        post.body = finish_galleries(post, uploads, writer, outcome)
        if post.photo is not None:
            relative = post.photo[0]
            if why := copy_photo(relative, uploads, writer, outcome, subject):
                post.notes.append(Note(MISSING_IMAGES, subject, f"{relative}: {why}"))
                post.header = [
                    (key, value) for key, value in post.header if not key.startswith("Image")
                ]
        writer.put(post.target, post.text().encode("utf-8"), outcome, subject)
        outcome.notes += post.notes
    outcome.notes += skipped
    outcome.notes += export.notes
    writer.save()
    return outcome
