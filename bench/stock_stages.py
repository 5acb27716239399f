"""A Pelican plugin for the baseline build: when stock Pelican's signals fire, as seconds per stage.

It does no work of its own: it notes the time of Pelican's signals and, as the process exits,
writes the stages in the format Warta uses, to the file named by the environment variable
WARTA_STAGE_TIMES. Each stage is the time between two signals, cut where Warta cuts its own:

- read: article_generator_init to article_generator_pretaxonomy (the articles), plus the first
  page read to all_generators_finalized (pages and static files).
- related: related_posts works on article_generator_finalized; until the next signal, the first
  page read.
- listings: grouping the articles by tag, desk, author and period, article_generator_pretaxonomy
  to article_generator_finalized. As in Warta, writing the listing pages is render; there, too,
  is Pelican's filtering of the whole archive for each listing page, which happens as it writes.
- feeds: all_generators_finalized to the first article_generator_write_article, since Pelican
  writes every feed before any page.
- render: every page, from the first article_generator_write_article to page_writer_finalized,
  then the copy of the theme's files until finalized.
- sitemaps: the sitemap plugin writes on finalized; until the process exits.

Blinker promises no order among the receivers of one signal. This plugin is listed first in
PLUGINS, which in CPython makes its receivers run first, and it checks: if related_posts (or
sitemap) already ran when its receiver is called, that stage starts at the previous signal
instead and takes in the little work done in between, and `notes` in the JSON says so.
"""

from __future__ import annotations

import atexit
import json
import os
import time
from pathlib import Path
from typing import Any

from pelican import signals

STAGE_FILE_VARIABLE = "WARTA_STAGE_TIMES"


class _Clock:
    """Signal times of one build."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.marks: dict[str, float] = {}
        self.stories = 0
        self.related_ran_first = False
        self.sitemap_ran_first = False

    def mark(self, name: str) -> None:
        """Note the time of a signal; a signal sent for each file counts from its first."""
        self.marks.setdefault(name, time.perf_counter())

    def span(self, start: str, end: str) -> float | None:
        if start in self.marks and end in self.marks:
            return self.marks[end] - self.marks[start]
        return None

    def stages(self) -> dict[str, Any]:
        notes: list[str] = []
        figures: dict[str, float | None] = {}
        figures["read"] = _add(
            self.span("articles_init", "articles_read"), self.span("pages_start", "context_done")
        )
        if self.related_ran_first:
            notes.append("related_posts ran before the clock's receiver: related includes grouping")
            figures["related"] = self.span("articles_read", "articles_finalized")
            grouping: float | None = 0.0
        else:
            figures["related"] = self.span("articles_finalized", "pages_start")
            grouping = self.span("articles_read", "articles_finalized")
        figures["listings"] = grouping
        figures["feeds"] = self.span("context_done", "article_pages_start")
        static_copy = (
            self.span("page_pages_end", "finalized") if not self.sitemap_ran_first else 0.0
        )
        figures["render"] = _add(self.span("article_pages_start", "page_pages_end"), static_copy)
        if self.sitemap_ran_first:
            notes.append("sitemap ran before the clock's receiver: sitemaps include static files")
            figures["sitemaps"] = self.span("page_pages_end", "finalized")
        else:
            figures["sitemaps"] = self.span("finalized", "exit")
        figures["total"] = self.span("start", "exit")
        found: dict[str, Any] = {
            name: value for name, value in figures.items() if value is not None
        }
        found["stories"] = self.stories
        found["notes"] = notes
        return found


def _add(*parts: float | None) -> float | None:
    """The sum of the parts, or None if any of them was not measured."""
    if any(part is None for part in parts):
        return None
    return sum(part for part in parts if part is not None)


# One build per process (the benchmark starts `pelican` for each), so the run's clock can live
# here; it is made anew on `initialized`, once per run.
_clock: _Clock | None = None


def start(pelican: Any) -> None:
    global _clock  # noqa: PLW0603 - the one build of this process; see above
    _clock = _Clock(Path(pelican.output_path))
    _clock.mark("start")
    atexit.register(write_stages)


def articles_init(generator: Any) -> None:
    if _clock:
        _clock.mark("articles_init")


def articles_read(generator: Any) -> None:
    if _clock:
        _clock.mark("articles_read")
        _clock.stories = len(generator.articles)


def articles_finalized(generator: Any) -> None:
    if _clock:
        _clock.mark("articles_finalized")
        _clock.related_ran_first = any(hasattr(a, "related_posts") for a in generator.articles)


def pages_start(generator: Any) -> None:
    if _clock:
        _clock.mark("pages_start")


def pages_read(generator: Any) -> None:
    if _clock:
        _clock.mark("pages_start")  # a site without pages sends no page_generator_preread
        _clock.mark("pages_read")


def context_done(generators: Any) -> None:
    if _clock:
        _clock.mark("context_done")


def article_page_started(generator: Any, content: Any) -> None:
    if _clock:
        _clock.mark("article_pages_start")


def static_pages_written(generator: Any, writer: Any) -> None:
    if _clock:
        _clock.mark("page_pages_end")


def finalized(pelican: Any) -> None:
    if _clock:
        _clock.mark("finalized")
        _clock.sitemap_ran_first = (_clock.output / "sitemap.xml").exists()


def write_stages() -> None:
    target = os.environ.get(STAGE_FILE_VARIABLE)
    if not _clock or not target:
        return
    _clock.mark("exit")
    Path(target).write_text(json.dumps(_clock.stages(), indent=2), encoding="utf-8")


def register() -> None:
    signals.initialized.connect(start)
    signals.article_generator_init.connect(articles_init)
    signals.article_generator_pretaxonomy.connect(articles_read)
    signals.article_generator_finalized.connect(articles_finalized)
    signals.page_generator_preread.connect(pages_start)
    signals.page_generator_finalized.connect(pages_read)
    signals.all_generators_finalized.connect(context_done)
    signals.article_generator_write_article.connect(article_page_started)
    signals.page_writer_finalized.connect(static_pages_written)
    signals.finalized.connect(finalized)
