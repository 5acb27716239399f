"""Warta's article model: reads both header styles, validates every file, and stops bad builds.

`register()` only connects signals; the receivers below run in build order: initialized →
readers_init → article_generator_init → content_object_init (per file) →
article_generator_finalized (claims, listings) → page_generator_finalized →
all_generators_finalized → article_writer_finalized (listing pages) →
content_written (per file) → finalized.
"""

from __future__ import annotations

import os
from typing import Any

from pelican import signals
from pelican.contents import Article, Content

from .enrich import enrich_article
from .listings import take_over_listings, write_listings
from .problems import Problem, stop_build
from .reader import NewsroomMarkdownReader
from .settings import merge_defaults
from .state import STATE_KEY, BuildState, claim_outputs, state_of


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
            state.problems.append(state.not_markdown(path))


def add_reader(readers: Any) -> None:
    """Warta's articles are Markdown: its reader takes every Markdown extension, and the
    reStructuredText reader is dropped (a site may bring it back through READERS)."""
    readers.reader_classes.pop("rst", None)
    for extension in NewsroomMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsroomMarkdownReader


def prepare_content(instance: Content) -> None:
    """Compute an article's display data as Pelican creates it."""
    if state_of(instance.settings) is not None and isinstance(instance, Article):
        enrich_article(instance, instance.settings)


def claim_article_outputs(generator: Any) -> None:
    """Claim every article's output file, once Pelican has settled each one's status.

    Pelican turns a future-dated story into a draft after creating it, which moves its address,
    so claims wait until the generator is done. Drafts and hidden stories are noted as not
    expected among the published article pages.
    """
    state = state_of(generator.settings)
    if state is None:
        return
    unlisted = [
        *generator.drafts,
        *generator.drafts_translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]
    state.unpublished |= {article.source_path for article in unlisted}
    claim_outputs(state, [*generator.articles, *generator.translations, *unlisted])


def build_listing_pages(generator: Any) -> None:
    """Every desk, tag, author, source, place, year and month listing, in one pass."""
    if state_of(generator.settings) is not None:
        take_over_listings(generator)


def claim_page_outputs(generator: Any) -> None:
    """Claim every page's output file, in the same ledger as the articles'."""
    state = state_of(generator.settings)
    if state is not None:
        claim_outputs(
            state,
            [
                *generator.pages,
                *generator.translations,
                *generator.hidden_pages,
                *generator.hidden_translations,
                *generator.draft_pages,
                *generator.draft_translations,
            ],
        )


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
    signals.article_generator_finalized.connect(claim_article_outputs)
    signals.article_generator_finalized.connect(build_listing_pages)
    signals.page_generator_finalized.connect(claim_page_outputs)
    signals.all_generators_finalized.connect(stop_if_invalid)
    signals.article_writer_finalized.connect(write_listings)
    signals.content_written.connect(count_written)
    signals.finalized.connect(check_every_article_written)
