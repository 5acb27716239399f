"""Warta's article model: reads both header styles, validates every file, and stops bad builds.

`register()` only connects signals; the receivers below run in build order: initialized →
readers_init → article_generator_init → content_object_init (per file) →
all_generators_finalized → content_written (per file) → finalized.
"""

from __future__ import annotations

import os
from typing import Any

from pelican import signals
from pelican.contents import Article, Content

from .enrich import enrich_article
from .problems import Problem, stop_build
from .reader import NewsroomMarkdownReader
from .settings import merge_defaults
from .state import STATE_KEY, BuildState, state_of


def start_build(pelican: Any) -> None:
    """Merge defaults and read the reference data once, before any content is read."""
    merge_defaults(pelican.settings)
    pelican.settings[STATE_KEY] = BuildState.start(pelican.settings)


def note_article_files(generator: Any) -> None:
    """Every file in the article folders: each is read and published, or named in an error."""
    state = state_of(generator.settings)
    if state is None:
        return
    settings = generator.settings
    every_file = generator.get_files(
        settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"], extensions=False
    )
    readable = tuple(f".{extension}" for extension in generator.readers.extensions)
    for name in sorted(every_file):
        path = os.path.abspath(os.path.join(generator.path, name))
        if name.endswith(readable):
            state.article_files.add(path)
        else:
            state.problems.append(
                Problem(
                    state.display(path),
                    1,
                    "File",
                    "is not a Markdown article, so it would never be published",
                    "rename it to .md, or keep it outside the article folders",
                )
            )


def add_reader(readers: Any) -> None:
    """Warta's articles are Markdown: its reader takes every Markdown extension, and the
    reStructuredText reader is dropped (a site may bring it back through READERS)."""
    readers.reader_classes.pop("rst", None)
    for extension in NewsroomMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsroomMarkdownReader


def prepare_content(instance: Content) -> None:
    """Claim the output file of every article and page, and compute an article's display data."""
    state = state_of(instance.settings)
    if state is None or not instance.source_path:
        return
    if instance.save_as:
        state.claim_output(instance.save_as, instance.url, instance.source_path)
    if isinstance(instance, Article):
        enrich_article(instance, instance.settings)


def stop_if_invalid(generators: list[Any]) -> None:
    """Print every problem of the run and stop, before the writer writes anything."""
    if generators:
        state = state_of(generators[0].settings)
        if state is not None:
            stop_build(state.problems)


def count_written(path: str, context: dict[str, Any]) -> None:
    article = context.get("article")
    state = state_of(context)
    if state is not None and isinstance(article, Article) and article.source_path:
        state.written[article.source_path] += 1


def check_every_article_written(pelican: Any) -> None:
    """Fail the build unless each published article file produced exactly one article page."""
    state = state_of(pelican.settings)
    if state is None:
        return
    problems = []
    for source_path in sorted(state.article_files - state.unpublished):
        pages = state.written[source_path]
        if pages != 1:
            problems.append(
                Problem(
                    state.display(source_path),
                    1,
                    "Output",
                    f"published article produced {pages} article pages instead of 1",
                    "check ARTICLE_SAVE_AS and the article's Status",
                )
            )
    stop_build(problems, outcome="the site in output/ is incomplete")


def register() -> None:
    signals.initialized.connect(start_build)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(note_article_files)
    signals.content_object_init.connect(prepare_content)
    signals.all_generators_finalized.connect(stop_if_invalid)
    signals.content_written.connect(count_written)
    signals.finalized.connect(check_every_article_written)
