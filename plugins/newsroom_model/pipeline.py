"""The build, read → plan → write, as one module: what `make html`, `warta serve` and `warta check`
all run.

1. **Read** (`read`): every Markdown file into a frozen `Story` record, from the cache where
   its bytes are unchanged.
2. **Plan** (`plan`): the site's listings, addresses and redirects from the records, then each
   feature of PLUGINS in order (`warta.features`: related stories, photos, findability, the
   pages' views and jobs), each handing its part to the ones after it; then every address
   checked. `gate` then stops the build with every problem of the run, before anything is
   written, or opens the gate the site is written through.
3. **Write** (`write`): the pages whose inputs changed rendered, every other output written,
   what no longer belongs removed, and the staged site moved into output/ at once.

`make html` runs these steps from Pelican's signals (`newsroom_model/__init__.py`: each hook
calls one step, in the run Pelican's context holds), so that Pelican's own generators and a
site's own plugins run in the same build. `warta serve`'s full pass (`build`) and `warta check`
(`check`) run them in a run of their own (`begin`), as the same functions.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from warta.cache import key_of, plain_digest
from warta.features import features_of, plan_features
from warta.messages import Catalogue, Text, t
from warta.output import (
    ESCAPES,
    OUTPUTS,
    OutputFiles,
    Outputs,
    Writes,
    escapes,
    find_clashes,
    folds_case,
    keyed_outputs,
    open_writes,
    write_files,
    write_site,
)
from warta.parallel import stop_beside
from warta.problems import KEPT_AS_IT_WAS, Problem, bounded, stop_build
from warta.run import RUN_KEY, BuildRun, run_of
from warta.signals import plan_site, send_in_plugin_order, site_listed, site_written

from .files import DOCUMENT_SUFFIXES, PHOTO_SUFFIXES, ContentFile, listed, unpublishable, walk
from .links import target_of
from .reader import NewsroomMarkdownReader
from .reading import READING, display_of, read_files, save_known
from .redirects import check_redirects, plan_site_redirects, record_published
from .schema import ARTICLE, PAGE
from .site import SITE, list_site, published_stories


def begin(settings: dict[str, Any], output: Path) -> BuildRun:
    """A run outside `Pelican.run()`, for `warta serve`'s full pass and `warta check`: made, as
    in every Pelican build, by the first generator's `generator_init` (so the template
    environment has every plugin's filters and the site's catalogue), in the context Pelican
    gives its generators."""
    context = {
        **settings,
        "generated_content": {},
        "static_links": set(),
        "static_content": {},
        "localsiteurl": settings["SITEURL"],
    }
    Generator(
        context=context,
        settings=settings,
        path=settings["PATH"],
        theme=settings["THEME"],
        output_path=str(output),
    )
    run = run_of(context)
    assert run is not None  # newsroom_model's `begin_run` makes it
    del context[RUN_KEY]
    return run


def build(run: BuildRun, output: Path) -> None:
    """Read, plan and write the whole site: `warta serve`'s full pass."""
    read(run, ARTICLE)
    read(run, PAGE)
    plan(run)
    gate(run)
    write(run, output)


def check(run: BuildRun) -> None:
    """Read and plan the whole site, as a build does, and write nothing: `warta check`."""
    read(run, ARTICLE)
    read(run, PAGE)
    plan(run)


def read(run: BuildRun, kind: str) -> None:
    """**Read**: every file of `kind` (articles or pages) into a frozen record, once, from the
    cache where its bytes are unchanged; every problem noted in the run."""
    settings = run.settings
    folders, excludes = (
        (settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"])
        if kind == ARTICLE
        else (settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"])
    )
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
    with run.stage("read"):
        read_files(run, markdown, kind)


def plan(run: BuildRun) -> None:
    """**Plan** the whole site from the records and check it; nothing is written."""
    settings = run.settings
    features = features_of(settings)
    reading = run.get(READING)
    stories = [story for story in reading.stories.values() if story.kind == ARTICLE]
    pages = [story for story in reading.stories.values() if story.kind == PAGE]
    with run.stage("listings"):
        site = run.put(
            SITE,
            published_stories(
                run,
                stories,
                pages,
                reading.addresses,
                reading.rules.catalog,
                known_keys=reading.record_keys,
            ),
        )
        reading.record_keys.update(site.keys)
    try:
        # Work that needs only the stories out and their records starts now, beside the rest
        # of the planning, the listings first: related stories, in a forked process; the
        # search index, in a thread.
        for feature in features:
            if feature.start is not None:
                feature.start(run)
        with run.stage("listings"):
            list_site(run, site)
            plan_site_redirects(run, site)
        _plan_documents(run)
        send_in_plugin_order(site_listed, run)  # a site's own plugins
        # Once the search index has started (on the core the planning leaves idle), not
        # before: keeping what this build read takes a second or more at 10,000 stories.
        save_known(run)
        plan_features(run, features)
    except BaseException:
        stop_beside()  # what a feature started beside the plan, which no one will wait for
        raise
    send_in_plugin_order(plan_site, run)  # a site's own plugins
    check_redirects(run)
    _check_outputs(run, run.get(OUTPUTS))


def gate(run: BuildRun) -> None:
    """Stop the build with every problem of the run, told in the site's language; else open
    the gate the site is written through (staging beside output/)."""
    stop_build(run.problems, catalogue=run.catalogue)
    run.get(OUTPUTS).writes = open_writes(run, Path(run.settings["OUTPUT_PATH"]))


def write(run: BuildRun, output: Path) -> None:
    """**Write** what changed, check that every published article has its page, and move the
    staged site into `output` at once; then note what was published and written."""
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

    folds = folds_case(Path(run.settings["OUTPUT_PATH"]))
    # What the checks below read: each page's address, template and story file, each other
    # output's owner and claims, and whether the file system folds case. The same as in the
    # last build whose outputs passed them, the same answer: nothing. At 100,000 stories the
    # checks took about 2 s of a one-story build; this digest takes a tenth of that.
    claims = plain_digest(
        folds,
        [(job.save_as, job.template, job.source) for job in outputs.jobs],
        [(files.owner, files.claims) for files in outputs.files],
    )
    passed = key_of(run.settings, "outputs passed their checks")
    if run.cache.load(_CHECKED, passed) == claims:
        return
    found = len(run.problems)

    def owner_of(job: Any) -> str:
        return _owner(job.source, job.template, job.save_as, site, run.catalogue)

    def same_owner(job: Any) -> Hashable:
        # What a clash compares: a story by its file, any other page by what it is (its
        # template) and its address, as `owner_of` names them; named only for a clash.
        story = site.written_by_path.get(job.source) if job.source else None
        return str(story.display) if story is not None else (job.template, job.save_as)

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
    for path, first, second in find_clashes(outputs, owner_of, folds, same_owner):
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

    if len(run.problems) == found:
        run.cache.save(_CHECKED, passed, claims)


# The digest of the outputs of the last build whose outputs passed `_check_outputs`.
_CHECKED = "outputs-checked"


def _where(owner: str, site: Any, run: BuildRun) -> tuple[str, int, str]:
    """The file, line and field a problem with an output of `owner` is reported at: the story
    that makes it, else the settings."""
    story = next((s for s in [*site.articles, *site.static_pages] if s.display == owner), None)
    if story is not None:
        return story.display, story.line_of("slug", "title"), "Slug"
    return display_of(str(run.settings["PATH"]), Path(os.getcwd())), 1, "Output"


def _owner(source: str, template: str, save_as: str, site: Any, catalogue: Catalogue) -> str:
    """A story's file, or what a generated page is and its address, in the site's language:
    the name a clash is shown by."""
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


def _missing_pages(run: BuildRun, writes: Writes) -> list[Problem]:
    """Every published article produced exactly one page: a last check that nothing was lost,
    made before the written site replaces the one in output/. A page this build kept as the
    last one left it was looked at already (`KeyedOutputs.kept`): at 100,000 stories, looking
    again for every page, in the staging folder and then in output/, took about two seconds."""
    site = run.get(SITE)
    keyed = keyed_outputs(run)
    return [
        Problem(
            story.display,
            1,
            "Output",
            t("published article produced 0 article pages instead of 1"),
            t("check {setting} and the Status field", setting="ARTICLE_SAVE_AS"),
        )
        for story in site.articles
        if not keyed.kept(save_as := site.address(story).save_as) and not writes.holds(save_as)
    ]
