"""Warta's article model: reads every file once, checks it, plans the site, writes what changed.

The build itself is `pipeline.py` (read → plan → gate → write); this file connects it to
Pelican. `register()` only connects signals; the receivers below run in build order:
initialized (every plugin's settings checked at once, `startup.prepare_settings`) →
generator_init (the run is made, once per `Pelican.run()`, in that run's context,
`startup.start_run`) → article_generator_init and page_generator_init (`pipeline.read`: every
file read, in parallel and from the cache; Pelican's article objects left to be made on demand
when nothing outside Warta listens, `pelican_objects.py`) → static_generator_finalized (Pelican
copies no content file: Warta publishes photos and documents itself) → all_generators_finalized
(`pipeline.plan`: listings here, then each plugin's feature in the order of PLUGINS; then
`pipeline.gate`: every problem of the run is printed and the build stops, before anything is
written) → the `SiteWriter` generator's output (`pipeline.write`: every changed page rendered,
in parallel; every other file written; what an earlier build wrote and this one does not,
removed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer

from warta.memory import install as install_collection_pause
from warta.output import OUTPUTS
from warta.run import RUN_KEY, run_of
from warta.uptodate import install as install_up_to_date_check

from . import pelican_objects, pipeline
from .reader import NewsroomMarkdownReader
from .schema import ARTICLE, PAGE
from .site import SITE
from .startup import prepare_settings, rules_of, start_run

__all__ = ["SiteWriter", "WartaWriter", "prepare_settings", "register", "rules_of", "start_run"]


def check_settings(pelican: Any) -> None:
    prepare_settings(pelican.settings)
    # Nothing changed since the last good build: `pelican.run()` stops before reading a file.
    install_up_to_date_check(pelican, lambda run: len(run.get(SITE).stories))
    # Around that check too: the cycle collector paused for the whole run.
    install_collection_pause(pelican)


def add_reader(readers: Any) -> None:
    """Warta's articles are Markdown: its reader takes every Markdown extension, and the
    reStructuredText reader is dropped (a site may bring it back through READERS)."""
    readers.reader_classes.pop("rst", None)
    for extension in NewsroomMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsroomMarkdownReader


def begin_run(generator: Any) -> None:
    """The first generator of a `Pelican.run()` makes the run; every generator's readers
    answer from it."""
    context = generator.context
    run = run_of(context)
    if run is None:
        run = context[RUN_KEY] = start_run(generator.settings, generator.env)
    for reader in generator.readers.readers.values():
        if isinstance(reader, NewsroomMarkdownReader):
            reader.run = run


def _no_stamp(filename: str) -> bytes:
    return b""


def _without_file_stamps(generator: Any) -> None:
    """Pelican asks for each file's modification time four times (a generator's cache and its
    readers', before and after reading), even when it caches nothing and so has nothing to
    compare a time with: 400,000 `stat` calls, about 3 s, in a build of 100,000 stories. A
    cache that neither keeps nor holds anything is left without stamps; one that does (a site
    that sets CACHE_CONTENT or LOAD_CONTENT_CACHE) keeps Pelican's own. Pelican has no setting
    for this, hence its private attributes; read with defaults that leave the stamps on."""
    for cacher in (generator, generator.readers):
        if not getattr(cacher, "_cache_data_policy", True) and not getattr(cacher, "_cache", True):
            cacher._filestamp_func = _no_stamp


def read_articles(generator: Any) -> None:
    run = run_of(generator.context)
    if run is not None:
        _without_file_stamps(generator)
        pipeline.read(run, ARTICLE)
        if not pelican_objects.wanted(generator.settings):
            pelican_objects.make_on_demand(generator, run)


def read_pages(generator: Any) -> None:
    run = run_of(generator.context)
    if run is not None:
        _without_file_stamps(generator)
        pipeline.read(run, PAGE)


def hand_over_listings(generator: Any) -> None:
    """Leave Pelican's own desk, tag, author and period pages nothing to do: Warta writes every
    listing from its own one-pass listings, while Pelican first filters the whole archive for
    each one (`[a for a in self.dates if a in articles]`, 19 s of a 10,000-story build).
    Pelican has already put its `categories`, `tags` and `authors` into the context."""
    if run_of(generator.context) is not None:
        generator.tags = {}
        generator.categories = []
        generator.authors = []
        generator.period_archives = {}


def withhold_static(generator: Any) -> None:
    """Pelican copies no file of the content folder: it would follow links out of it and copy
    any type. Warta publishes documents itself (below) and photos through news_images."""
    if run_of(generator.context) is not None:
        generator.staticfiles[:] = []
        generator.context["staticfiles"] = generator.staticfiles


def plan(generators: list[Any]) -> None:
    """Every generator finished: plan the site (`pipeline.plan`) and stop with every problem
    before anything is written."""
    run = run_of(generators[0].context) if generators else None
    if run is not None:
        pipeline.plan(run)
        pipeline.gate(run)


class SiteWriter(Generator):  # type: ignore[misc]  # Pelican has no type hints
    """Writes the planned site, once Pelican's own generators have handed over their output."""

    def generate_context(self) -> None:
        """Everything was planned when the generators finished (`plan`)."""

    def generate_output(self, writer: Any) -> None:
        run = run_of(self.context)
        if run is not None:
            pipeline.write(run, Path(self.output_path))


class WartaWriter(Writer):  # type: ignore[misc]  # Pelican has no type hints
    """Pelican's writer, minus what Warta writes itself.

    Pelican's generators still ask to write each article, page and direct template with
    Pelican's own context; Warta writes those from its views (`SiteWriter`), so those calls are
    let go, and so is any call for a story this build does not publish. Anything else (a
    TEMPLATE_PAGES entry, another plugin's page) is written as Pelican would.
    """

    def write_file(
        self, name: Any, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        run = run_of(context)
        if run is not None:
            outputs = run.get(OUTPUTS)
            if name in outputs.planned or "article" in kwargs or "page" in kwargs:
                return
            if kwargs.get("template_name") in run.settings["DIRECT_TEMPLATES"]:
                return
            if outputs.writes is not None:
                # Through the build's gate, staged with the rest (Pelican's own writer keeps
                # the name inside the folder it is given).
                self.output_path = str(outputs.writes.root)
        super().write_file(name, template, context, *args, **kwargs)


def writer_class(pelican: Any) -> type:
    return WartaWriter


def site_writer(pelican: Any) -> type:
    return SiteWriter


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(site_writer)
    signals.get_writer.connect(writer_class)
    signals.generator_init.connect(begin_run)
    signals.article_generator_init.connect(read_articles)
    signals.page_generator_init.connect(read_pages)
    signals.article_generator_finalized.connect(hand_over_listings)
    signals.static_generator_finalized.connect(withhold_static)
    signals.all_generators_finalized.connect(plan)
