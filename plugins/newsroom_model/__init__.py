"""Warta's article model: reads every file once, checks it, plans the site, writes what changed.

`register()` only connects signals; the receivers below run in build order:
initialized (every plugin's settings checked at once) → generator_init (the run is made, once
per `Pelican.run()`, in that run's context) → article_generator_init and page_generator_init
(every file read, in parallel and from the cache) → static_generator_finalized (Pelican copies
no content file: Warta publishes photos and documents itself) → all_generators_finalized (the
site is planned: listings here, then each plugin's part through `warta.signals.plan_site`, in
the order of PLUGINS; every problem of the run is printed and the build stops, before anything
is written) →
the `SiteWriter` generator's output (every changed page rendered, in parallel; every other file
written; what an earlier build wrote and this one does not, removed).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer

from warta.config import apply, unknown, upgrade
from warta.defaults import WARTA_PLUGINS
from warta.memory import install as install_collection_pause
from warta.messages import (
    Catalogue,
    Text,
    catalogue_folder,
    load_translations,
    site_catalogue,
    t,
)
from warta.output import (
    ESCAPES,
    OUTPUTS,
    OutputFiles,
    Outputs,
    Writes,
    escapes,
    find_clashes,
    folds_case,
    open_writes,
    stable,
    write_files,
    write_site,
)
from warta.problems import KEPT_AS_IT_WAS, Problem, bounded, stop_build, stop_for_settings
from warta.resources import PLACES_FILE, national_places
from warta.run import RUN_KEY, BuildRun, run_of
from warta.signals import plan_site, send_in_plugin_order, site_listed, site_written
from warta.uptodate import install as install_up_to_date_check

from .datafiles import load_catalog
from .files import DOCUMENT_SUFFIXES, PHOTO_SUFFIXES, ContentFile, listed, unpublishable, walk
from .links import target_of
from .national import narrowed
from .places import PlaceIndex
from .reader import NewsroomMarkdownReader
from .reading import READING, Reading, display_of, load_known, read_files, save_known
from .redirects import check_redirects, plan_site_redirects, record_published
from .schema import ARTICLE, PAGE, Rules
from .settings import (
    desk_problems,
    environment_problems,
    finish,
    output_problems,
    pattern_problems,
)
from .site import SITE, published_site
from .source import ReadConfig
from .starter import placeholders


class CheckFinished(Exception):
    """Ends a `warta check` run once everything is read and checked; carries the run."""

    def __init__(self, run: BuildRun) -> None:
        super().__init__("check finished")
        self.run = run


def check_settings(pelican: Any) -> None:
    prepare_settings(pelican.settings)
    # Nothing changed since the last good build: `pelican.run()` stops before reading a file.
    install_up_to_date_check(pelican, lambda run: len(run.get(SITE).stories))
    # Around that check too: the cycle collector paused for the whole run.
    install_collection_pause(pelican)


def prepare_settings(settings: dict[str, Any]) -> None:
    """Every Warta plugin's settings at once: defaults filled in, mistakes named together."""
    loaded = [name for name in settings["PLUGINS"] if name in WARTA_PLUGINS]
    # Settings an older Warta named otherwise: carried over and told, before the schema looks.
    notices, problems = upgrade(settings)
    catalogue = site_catalogue(settings)
    for notice in notices:
        print(t("settings: {problem}", problem=notice).told(catalogue), file=sys.stderr, flush=True)
    known: list[str] = []
    for name in WARTA_PLUGINS:
        schema = importlib.import_module(f"{name}.settings").SETTINGS
        known.extend(setting.name for setting in schema)
        if name in loaded:
            problems.extend(apply(settings, schema))
    problems.extend(unknown(settings, known))
    problems.extend(desk_problems(settings))
    problems.extend(pattern_problems(settings))
    problems.extend(output_problems(settings))
    problems.extend(environment_problems(os.environ, settings))
    stop_for_settings(problems, catalogue=catalogue)
    finish(settings)
    if "news_theme" in loaded:
        # The site's own theme folder, for every command (warta check knows its page
        # templates too), not only for a build, where news_theme's start does it again.
        importlib.import_module("news_theme.settings").finish(settings)


def requires(settings: dict[str, Any], plugin: str, *needed: str) -> None:
    """Stop the build unless every plugin `plugin` needs is listed before it in PLUGINS."""
    listed = list(settings["PLUGINS"])
    missing = [
        name for name in needed if name not in listed or listed.index(name) > listed.index(plugin)
    ]
    if missing:
        stop_for_settings(
            [
                t(
                    "PLUGINS: {plugin} needs {plugins} listed before it",
                    plugin=plugin,
                    plugins=", ".join(missing),
                )
            ],
            catalogue=site_catalogue(settings),
        )


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


def rules_of(settings: dict[str, Any]) -> tuple[Rules, list[Problem]]:
    """What files are checked against (desks, places, writers, sources...), and the problems of
    the data files they come from."""
    content_root = Path(settings["PATH"]).resolve()
    catalog, problems = load_catalog(
        content_root / settings["WARTA_DATA_PATH"],
        settings["WARTA_DATA_FILES"],
        settings["SLUG_REGEX_SUBSTITUTIONS"],
        Path(os.getcwd()),
        content_root=content_root,
        national=narrowed(national_places(), settings["WARTA_PROVINCES"]),
    )
    # The site's own templates (WARTA_SITE_THEME) may add page templates to Warta's.
    template_folders = [
        *settings["THEME_TEMPLATES_OVERRIDES"],
        Path(settings["THEME"]) / "templates",
    ]
    folder = catalogue_folder(settings)
    languages = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    rules = Rules(
        catalog=catalog,
        categories=tuple(settings["WARTA_CATEGORIES"]),
        timezone=ZoneInfo(settings["TIMEZONE"]),
        content_root=content_root,
        extra_fields=frozenset(name.lower() for name in settings["WARTA_EXTRA_FIELDS"]),
        slug_substitutions=tuple(tuple(pair) for pair in settings["SLUG_REGEX_SUBSTITUTIONS"]),
        page_templates=frozenset(
            path.stem
            for templates in template_folders
            for path in Path(templates).glob("page*.html")
            if path.is_file()
        )
        or frozenset({"page"}),
        date_formats=dict(settings["WARTA_DATE_FORMATS"]),
        default_lang=str(settings["DEFAULT_LANG"]),
        placeholders=placeholders(load_translations(folder, lang) for lang in languages),
    )
    data = content_root / settings["WARTA_DATA_PATH"]
    fingerprint = hashlib.sha256(
        pickle.dumps(
            (
                rules.categories,
                str(rules.timezone),
                str(content_root),
                sorted(rules.extra_fields),
                rules.slug_substitutions,
                sorted(rules.page_templates),
                stable(rules.date_formats),
                rules.default_lang,
                sorted(rules.placeholders),
                PLACES_FILE.read_bytes(),
                settings["WARTA_PROVINCES"],
                [
                    (name, (data / file).read_bytes() if (data / file).is_file() else b"")
                    for name, file in sorted(settings["WARTA_DATA_FILES"].items())
                ],
            )
        )
    ).hexdigest()
    places = PlaceIndex.of(catalog.locations.values())
    return dataclasses.replace(rules, fingerprint=fingerprint, places=places), problems


def start_run(settings: dict[str, Any], environment: Any) -> BuildRun:
    """A new run: the newsroom's data read and the reading settings fixed."""
    run = BuildRun.start(settings)
    rules, problems = rules_of(settings)
    run.problems.extend(problems)
    run.put(READING, Reading(ReadConfig.from_settings(settings), rules))
    run.put(OUTPUTS, Outputs(environment=environment))
    return run


def _read(run: BuildRun, kind: str, folders: list[str], excludes: list[str]) -> None:
    settings = run.settings
    found = walk(
        Path(settings["PATH"]),
        folders,
        excludes,
        list(settings["IGNORE_FILES"]),
        Path(os.getcwd()),
    )
    run.problems.extend(found.problems)
    readable = tuple(f".{extension}" for extension in NewsroomMarkdownReader.file_extensions)
    markdown = [file for file in found.files if file.relative.endswith(readable)]
    for file in found.files:
        if not file.relative.endswith(readable):
            run.problems.append(_not_markdown(file, kind))
    for file in found.hidden:
        if file.relative.endswith(readable):
            run.problems.append(_hidden_markdown(file, kind))
    reading = run.get(READING)
    with run.stage("read"):
        if reading.known is None:
            load_known(run)
        read_files(run, markdown, kind, reading.known or {})


def read_articles(generator: Any) -> None:
    run = run_of(generator.context)
    if run is not None:
        _without_file_stamps(generator)
        settings = run.settings
        _read(run, ARTICLE, settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"])


def read_pages(generator: Any) -> None:
    run = run_of(generator.context)
    if run is not None:
        _without_file_stamps(generator)
        settings = run.settings
        _read(run, PAGE, settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"])


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
    """Plan the whole site, check it, and stop with every problem before anything is written."""
    if not generators:
        return
    run = run_of(generators[0].context)
    if run is None:
        return
    settings = run.settings
    reading = run.get(READING)
    stories = [story for story in reading.stories.values() if story.kind == ARTICLE]
    pages = [story for story in reading.stories.values() if story.kind == PAGE]
    with run.stage("listings"):
        site = run.put(
            SITE,
            published_site(
                run,
                stories,
                pages,
                reading.addresses,
                reading.rules.catalog,
                known_keys=reading.record_keys,
            ),
        )
        reading.record_keys.update(site.keys)
        plan_site_redirects(run, site)
    _plan_documents(run)
    send_in_plugin_order(site_listed, run)
    # Once the search index has started (on the core the planning leaves idle), not before:
    # keeping what this build read takes a second or more at 10,000 stories.
    save_known(run)
    send_in_plugin_order(plan_site, run)
    check_redirects(run)
    _check_outputs(run, run.get(OUTPUTS))
    if settings["WARTA_MODE"] == "check":
        raise CheckFinished(run)
    stop_build(run.problems, catalogue=run.catalogue)
    run.get(OUTPUTS).writes = open_writes(run, Path(settings["OUTPUT_PATH"]))


def _plan_documents(run: BuildRun) -> None:
    """Documents (PDF) under STATIC_PATHS that published stories and pages link, and those
    WARTA_EXTRA_STATIC_FILES names, are published as they are: a ruling only an embargoed story
    links stays out until the story is out. Other files that are not photos are refused by
    name."""
    settings = run.settings
    content = Path(settings["PATH"])
    found = walk(
        content,
        list(settings["STATIC_PATHS"]),
        list(settings["STATIC_EXCLUDES"]),
        list(settings["IGNORE_FILES"]),
        Path(os.getcwd()),
    )
    reading = run.get(READING)
    sources = set(reading.stories) | reading.unreadable
    readable = tuple(f".{extension}" for extension in NewsroomMarkdownReader.file_extensions)
    linked = linked_files(run.get(SITE))
    extras = list(settings["WARTA_EXTRA_STATIC_FILES"])
    documents: list[ContentFile] = []
    static: list[str] = []
    for file in found.files:
        if file.relative.endswith(readable) or file.path in sources:
            continue
        static.append(file.relative)
        problem = unpublishable(file, Path(os.getcwd()))
        if problem is not None:
            run.problems.append(problem)
        elif Path(file.relative).suffix.lower() in DOCUMENT_SUFFIXES and (
            file.relative in linked or listed(file.relative, extras)
        ):
            documents.append(file)
    run.problems.extend(found.problems)
    run.problems.extend(
        Problem(
            display_of(str(content), Path(os.getcwd())),
            1,
            "Static",
            t(
                "WARTA_EXTRA_STATIC_FILES names '{pattern}', which is no file of the static "
                "folders",
                pattern=bounded(pattern),
            ),
            t("write the path from the content folder, e.g. 'images/dokumen/pedoman.pdf'"),
        )
        for pattern in extras
        if not any(listed(relative, [pattern]) for relative in static)
    )
    if documents:
        run.get(OUTPUTS).files.append(
            OutputFiles(
                owner="documents",
                stage="images",
                claims=tuple(file.relative for file in documents),
                write=lambda writes: write_files(
                    writes, {file.relative: Path(file.path).read_bytes() for file in documents}
                ),
            )
        )


def linked_files(site: Any) -> frozenset[str]:
    """Every file of the content folder a published story or page links with `{static}` or
    `{attach}`, by its path below the folder."""
    root = site.content_root
    found = set()
    for story in [*site.articles, *site.static_pages]:
        for link in story.body.links:
            if link.kind in ("static", "attach"):
                target = target_of(story, link.target, root)
                if target.is_relative_to(root):
                    found.add(target.relative_to(root).as_posix())
    return frozenset(found)


def _check_outputs(run: BuildRun, outputs: Outputs) -> None:
    """Every page has an address, and no two things write one address."""
    site = run.get(SITE)
    for story in [*site.articles, *site.static_pages]:
        address = site.address(story)
        if not address.save_as:
            run.problems.append(
                Problem(
                    story.display,
                    1,
                    "Output",
                    t("published article produced 0 article pages instead of 1")
                    if story.kind == ARTICLE
                    else t("published page produced 0 pages instead of 1"),
                    t(
                        "check {setting} and the Status field",
                        setting="ARTICLE_SAVE_AS" if story.kind == ARTICLE else "PAGE_SAVE_AS",
                    ),
                )
            )

    def owner_of(job: Any) -> str:
        return _owner(job.source, job.template, job.save_as, site, run.catalogue)

    for path, owner, why in escapes(outputs, owner_of):
        run.problems.append(
            Problem(
                *_where(owner, site, run),
                ESCAPES[why].fill(owner=owner, path=bounded(path)),
                t(
                    "every address must lie inside the output folder: check its slug, or the "
                    "*_SAVE_AS setting that makes it"
                ),
            )
        )
    folds = folds_case(Path(run.settings["OUTPUT_PATH"]))
    for path, first, second in find_clashes(outputs, owner_of, folds):
        if not any(s.display in (first, second) for s in [*site.articles, *site.static_pages]):
            run.problems.append(
                Problem(
                    display_of(str(run.settings["PATH"]), Path(os.getcwd())),
                    1,
                    "Output",
                    t(
                        "'{path}' would be written by both {first} and {second}",
                        path=bounded(path),
                        first=first,
                        second=second,
                    ),
                    t("give one of them another address in the settings (*_URL, *_SAVE_AS)"),
                )
            )
            continue
        for mine, other in ((first, second), (second, first)):
            claimant = next(
                (s for s in [*site.articles, *site.static_pages] if s.display == mine), None
            )
            if claimant is not None:
                run.problems.append(
                    Problem(
                        claimant.display,
                        claimant.line_of("slug", "title"),
                        "Slug",
                        t(
                            "its address '{value}' is also taken by {other}",
                            value=site.address(claimant).url or path,
                            other=other,
                        ),
                        t("give one of them a different Slug"),
                    )
                )


def _where(owner: str, site: Any, run: BuildRun) -> tuple[str, int, str]:
    """The file, line and field a problem with an output of `owner` is reported at: the story
    that makes it, else the settings."""
    story = next((s for s in [*site.articles, *site.static_pages] if s.display == owner), None)
    if story is not None:
        return story.display, story.line_of("slug", "title"), "Slug"
    return display_of(str(run.settings["PATH"]), Path(os.getcwd())), 1, "Output"


def _owner(source: str, template: str, save_as: str, site: Any, catalogue: Catalogue) -> str:
    """A story's file, or what a generated page is and its address, in the site's language:
    the name both compares clashes by and is shown in their message."""
    story = site.written_by_path.get(source) if source else None
    if story is not None:
        return str(story.display)
    name = OWNER_NAMES.get(template) or t(
        "the {template} page", template=template.replace("_", " ")
    )
    return t("{owner} '{address}'", owner=name, address=save_as).told(catalogue)


# What each kind of generated page is, as a clash with a story names it.
OWNER_NAMES: dict[str, Text] = {
    "index": t("the home page"),
    "latest": t("a page of the latest news"),
    "category": t("a desk's page"),
    "tag": t("a topic's page"),
    "author": t("a writer's page"),
    "source": t("a source's page"),
    "location": t("a place's page"),
    "period_archives": t("an archive page"),
    "categories": t("the index of desks"),
    "tags": t("the index of topics"),
    "authors": t("the index of writers"),
    "sources": t("the index of sources"),
    "locations": t("the index of places"),
    "archives": t("the archive"),
    "search": t("the search page"),
    "not_found": t("the 404 page"),
    "redirect": t("an old address's redirect"),
    "gone": t("a withdrawn address's notice"),
}


def _not_markdown(file: ContentFile, kind: str) -> Problem:
    shown = (
        os.path.relpath(file.path) if not os.path.relpath(file.path).startswith("..") else file.path
    )
    folder = "content/articles/" if kind == ARTICLE else "content/pages/"
    suffix = Path(file.relative).suffix.lower()
    if suffix in PHOTO_SUFFIXES or suffix in DOCUMENT_SUFFIXES:
        # A photo or a document saved beside the story: it belongs in the images folder.
        return Problem(
            shown,
            1,
            "File",
            t("is a photo in {folder}, where only stories and pages are read", folder=folder)
            if suffix in PHOTO_SUFFIXES
            else t(
                "is a document in {folder}, where only stories and pages are read", folder=folder
            ),
            t(
                "move it to content/images/ (e.g. images/2026/11/) and name it in 'Image:' or in "
                "the body, e.g. ![what it shows](/images/2026/11/banjir.jpg)"
            ),
        )
    return Problem(
        shown,
        1,
        "File",
        t("is not a Markdown article, so it would never be published")
        if kind == ARTICLE
        else t("is not a Markdown page, so it would never be published"),
        t("rename it to .md, or keep it outside {folder}", folder=folder),
    )


def _hidden_markdown(file: ContentFile, kind: str) -> Problem:
    """A Markdown file whose name starts with '.': Pelican would pass over it without a word."""
    name = Path(file.relative).name
    stem, _, extension = name.rpartition(".")
    message = (
        t("has no name before '.{extension}', so it would never be published", extension=extension)
        if not stem
        else t("is hidden (its name starts with '.'), so it would never be published")
    )
    return Problem(
        display_of(file.path, Path(os.getcwd())),
        1,
        "File",
        message,
        t("give it a name, e.g. 'judul-berita.{extension}'", extension=extension)
        if not stem
        else t("rename it without the dot, or keep it outside the {kind} folders", kind=kind),
    )


class SiteWriter(Generator):  # type: ignore[misc]  # Pelican has no type hints
    """Writes the planned site, once Pelican's own generators have handed over their output."""

    def generate_context(self) -> None:
        """Everything was planned when the generators finished (`plan`)."""

    def generate_output(self, writer: Any) -> None:
        run = run_of(self.context)
        if run is None:
            return
        output = Path(self.output_path)
        stop_build(
            write_site(run, output, check=lambda writes: _missing_pages(run, writes)),
            KEPT_AS_IT_WAS,
            catalogue=run.catalogue,
        )
        site = run.get(SITE)
        outputs = run.get(OUTPUTS)
        if run.console.is_terminal:
            run.say(
                t(
                    "Pages: {written:,} written, {kept:,} unchanged.",
                    written=outputs.written_pages,
                    kept=outputs.kept_pages,
                )
            )
        run.report_times(len(site.stories))
        record_published(run)
        site_written.send(run)


def _missing_pages(run: BuildRun, writes: Writes) -> list[Problem]:
    """Every published article produced exactly one page: a last check that nothing was lost,
    made before the written site replaces the one in output/."""
    site = run.get(SITE)
    return [
        Problem(
            story.display,
            1,
            "Output",
            t("published article produced 0 article pages instead of 1"),
            t("check {setting} and the Status field", setting="ARTICLE_SAVE_AS"),
        )
        for story in site.articles
        if not writes.holds(site.address(story).save_as)
    ]


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
