"""Pelican's Markdown reader, answering from the records Warta has already read and checked.

Warta reads every file of a build before Pelican asks (`reading.py`: in parallel, from the
cache), so when Pelican's generators call `read()` for each file, the answer is ready: the
metadata in Pelican's types. Pelican's objects then exist for Pelican and any third-party
plugin; Warta's own plugins and templates read the records. When nothing outside Warta can look
at them, the article generator asks for none until one is read (`pelican_objects.py`).
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from markupsafe import escape
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime

from warta.run import BuildRun

from .reading import READING, Reading
from .record import EPOCH, Story


def status_in_build(story: Story, now: datetime) -> str:
    """The story's status for Pelican in a build at `now`: one scheduled for later is a draft."""
    return "draft" if story.status == "published" and story.date > now else story.status


class NewsroomMarkdownReader(MarkdownReader):  # type: ignore[misc]  # Pelican has no type hints
    """Reads `.md` articles and pages in either header style, from the build's records.

    `run` is set for each build when its generators are made. A content mistake never raises
    here: it is already in the run's problems, and the build stops with every problem listed
    before any page is written.
    """

    run: BuildRun | None = None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        if self.run is None:
            return super().read(source_path)  # type: ignore[no-any-return]
        reading = self.run.get(READING)
        story = reading.stories.get(os.path.abspath(source_path))
        if story is None:
            # Unreadable, or outside the files Warta reads: reported already; Pelican still
            # needs an object so the run can go on to find every other problem.
            return "", self._stand_in(source_path)
        # Pelican's object gets the metadata, not the body: Warta's pages, feeds and search are
        # made from the record, and a second copy of every body would double what a build of a
        # large archive holds in memory.
        return "", self._metadata(story, reading)

    def _metadata(self, story: Story, reading: Reading) -> dict[str, Any]:
        """The record in Pelican's terms, with the address Warta gave it (so Pelican formats no
        URL) and the status it has in this build (a story scheduled for later is a draft)."""
        address = reading.addresses.get(story.path)
        status = story.status
        if self.run is not None:
            status = status_in_build(story, self.run.now)
            if status != story.status:
                self.run.changes_by(story.date)
        metadata: dict[str, Any] = {
            # Pelican treats a title as HTML; Warta's is text.
            "title": str(escape(story.title)),
            "date": story.date,
            "slug": story.slug,
            "status": status,
            "lang": story.lang,
            "summary": story.summary,
            "template": story.template,
        }
        if address is not None:
            metadata["url"], metadata["save_as"] = address.url, address.save_as
        if story.modified is not None:
            metadata["modified"] = story.modified
        if story.category:
            metadata["category"] = self._named(Category, story.category, reading)
        if story.tags:
            metadata["tags"] = [self._named(Tag, tag, reading) for tag in story.tags]
        if story.authors:
            metadata["authors"] = [self._named(Author, name, reading) for name in story.authors]
        return metadata

    def _named(self, kind: type, name: str, reading: Reading) -> Any:
        """One Pelican Category, Tag or Author per name and build, with Warta's slug for it (a
        staff writer's from the data file), so Pelican never slugs a name itself."""
        key = f"{kind.__name__}:{name}"
        found = reading.pelican.get(key)
        if found is None:
            found = reading.pelican[key] = kind(name, self.settings)
            staff = reading.rules.catalog.author(name) if kind is Author else None
            found.slug = staff.slug if staff is not None else reading.rules.slug(name)
        return found

    def _stand_in(self, source_path: str) -> dict[str, Any]:
        """Values that let Pelican build an object for a file whose own values are wrong."""
        return {
            "title": os.path.splitext(os.path.basename(source_path))[0],
            "date": SafeDatetime.fromtimestamp(EPOCH.timestamp()),
            "status": "draft",
        }
