"""`warta serve`'s site kept in memory: a saved story's page in output/ within a second or two,
then the whole site exactly as a cold build makes it.

Each change to the content folder is handled in two passes:

1. The quick pass (`Session.quick`): the changed article and page files are read again, and
   their pages are made and written from the last full pass's plan, in which only those records
   changed. It is for the reporter at the preview: what the story says, how its page looks.
   Anything it cannot make exactly from that plan is left to the full pass: a problem in the
   file, a new or changed photo, an address another page holds, a data file, a file that is not
   plainly an article or a page.
2. The full pass (`Session.full`): the same reading, planning and writing as `make html`
   (`newsroom_model.pipeline.build`, the functions Pelican's hooks call), with the build's
   caches in memory (`MemoryCache`): only files whose bytes changed go through Markdown, and
   only pages whose inputs changed are written. Listings, "Baca juga", neighbours, feeds,
   sitemaps and the search index are brought up to date here; the site in output/ is then the
   one a cold build makes, which a test checks byte for byte.

Settings, the theme and plugin code are not kept in memory: a change to them is built by
Pelican in a new process, as `make html` builds it, and the session then starts again.

Both passes work in this process only (`warta.parallel.no_forking`): reading, related stories,
photos and pages, whatever their settings of workers ask. The preview's server and watcher run
in threads, and forking a process with threads can copy a lock another thread holds.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from news_theme import VIEWS
from news_theme.pages import story_jobs
from newsroom_model import pipeline
from newsroom_model.addresses import Address, address_of, slugger
from newsroom_model.live import future_updates
from newsroom_model.reader import NewsroomMarkdownReader
from newsroom_model.reading import READING, display_of
from newsroom_model.record import Story, assemble
from newsroom_model.site import SITE, Site, is_out, newest_first, record_key
from newsroom_model.source import digest_of, read_source
from pelican import Pelican

from warta.cache import MemoryCache
from warta.keyed import note_outside_a_build
from warta.memory import build_pause
from warta.output import OUTPUTS, PageRenderer, Writes, remove_written
from warta.parallel import no_forking
from warta.problems import ContentErrors, SettingsError
from warta.run import BuildRun, build_time
from warta.views import PageJob


@dataclass
class Pass:
    """What a pass did: the files it wrote or removed (relative to output/), its errors, time."""

    changed: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    # False when the quick pass left the change to the full pass.
    handled: bool = True


class Session:
    """One preview's site: the last full pass's run, its caches, and Pelican's plugins."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = dict(settings)
        self.output = Path(self.settings["OUTPUT_PATH"])
        self.cache = MemoryCache(Path(self.settings["WARTA_CACHE_PATH"]).resolve())
        # Registers Warta's plugins and sends `initialized`, as each `pelican` process does.
        self.pelican = Pelican(self.settings)
        self.last: BuildRun | None = None

    def full(self) -> Pass:
        """Read, plan and write the whole site as `make html` does, from memory where it can."""
        with build_pause(), no_forking():
            return self._full()

    def _full(self) -> Pass:
        started = time.perf_counter()
        try:
            run = pipeline.begin(self.settings, self.output)
            run.cache = self.cache
            pipeline.build(run, self.output)
        except (ContentErrors, SettingsError) as stopped:
            return Pass(error=str(stopped), seconds=time.perf_counter() - started)
        self.cache.flush()
        self.last = run
        return Pass(list(run.get(OUTPUTS).changed), seconds=time.perf_counter() - started)

    def keep(self, run: BuildRun) -> None:
        """Take a run made by `Pelican.run()` in this process as the last full pass."""
        self.last = run

    def forget(self) -> None:
        """Start again from disk: the settings, theme or code changed under the session."""
        self.last = None
        self.cache = MemoryCache(self.cache.folder)

    def quick(self, paths: set[str]) -> Pass:
        """Write the pages of the changed articles and pages in `paths` from the last full
        pass's plan; `handled` is False when the change needs the full pass to show."""
        with no_forking():
            return self._quick(paths)

    def _quick(self, paths: set[str]) -> Pass:
        started = time.perf_counter()
        last = self.last
        if last is None or not paths:
            return Pass(handled=False)
        made = _ChangedPages(last, self.settings).make(paths)
        if made is None:
            return Pass(handled=False)
        jobs, removed = made
        outputs = last.get(OUTPUTS)
        assert outputs.environment is not None
        assert outputs.chrome is not None
        renderer = PageRenderer(
            outputs.environment, last.settings, outputs.chrome, Writes(self.output)
        )
        written = renderer.render(jobs)
        # On disk at once: if the full pass then refuses the story, or the preview ends first,
        # the next build still knows these pages are its to take away.
        note_outside_a_build(self.cache, self.settings, self.output, written)
        self.cache.flush()
        for save_as in removed:
            # With its folder: the server would answer a folder's address with a listing.
            remove_written(self.output, save_as)
        return Pass([*written, *removed], seconds=time.perf_counter() - started)


class _ChangedPages:
    """The pages of a few changed files, made from a full pass's plan."""

    def __init__(self, last: BuildRun, settings: dict[str, Any]) -> None:
        self.last = last
        self.settings = settings

    def make(self, paths: set[str]) -> tuple[list[PageJob], list[str]] | None:
        parts = self.last.find(VIEWS)
        changed = self._records(paths)
        if parts is None or not changed:
            return None
        patch = _Patch(self.last.get(SITE), self.last.get(OUTPUTS).planned)
        now = build_time(self.settings)
        slug_of = slugger(self.settings)
        for path, story in changed.items():
            if story is not None and story.kind != "article":
                return None  # a static page: the footer of every page lists it
            if not patch.apply(path, story, now, lambda s: address_of(s, self.settings, slug_of)):
                return None  # its address is another page's: the full pass reports it
        site = patch.site(set(changed))
        views = dataclasses.replace(
            parts, site=site, findability=dataclasses.replace(parts.findability, site=site)
        )
        return list(story_jobs(views, patch.fresh)), patch.removed

    def _records(self, paths: set[str]) -> dict[str, Story | None] | None:
        """The changed articles' and pages' new records (None for a file that is gone), or None
        if one of them needs the full pass."""
        reading = self.last.get(READING)
        markdown = tuple(f".{extension}" for extension in NewsroomMarkdownReader.file_extensions)
        changed: dict[str, Story | None] = {}
        for path in sorted(paths):
            if not path.endswith(markdown):
                continue  # photos, data files, an editor's own files: the full pass reads them
            before = reading.stories.get(path)
            kind = before.kind if before is not None else self._kind_of(path)
            if kind is None:
                return None
            if not os.path.isfile(path):
                if before is not None:
                    changed[path] = None
                continue
            story = self._read(path, kind)
            if story is None or _photos(story) != _photos(before):
                return None  # a problem to report, or photos to render: the full pass's work
            changed[path] = story
        return changed

    def _kind_of(self, path: str) -> str | None:
        """Whether a new file is an article or a page, when Pelican's rules say so plainly: a
        plain file (no link on the way), no hidden or ignored name, in one kind's folders."""
        settings = self.settings
        root = Path(settings["PATH"]).resolve()
        try:
            parts = Path(path).relative_to(root).parts
        except ValueError:
            return None
        ignores = list(settings["IGNORE_FILES"])
        plain = not any(
            part.startswith(".")
            or any(fnmatch.fnmatch(part, rule) for rule in ignores)
            or root.joinpath(*parts[: index + 1]).is_symlink()
            for index, part in enumerate(parts)
        )

        def under(folders: list[str]) -> bool:
            return any(
                not folder or parts[: len(Path(folder).parts)] == Path(folder).parts
                for folder in folders
            )

        article = under(settings["ARTICLE_PATHS"]) and not under(settings["ARTICLE_EXCLUDES"])
        page = under(settings["PAGE_PATHS"]) and not under(settings["PAGE_EXCLUDES"])
        if not plain or article == page:
            return None
        return "article" if article else "page"

    def _read(self, path: str, kind: str) -> Story | None:
        """The file's record, or None if it has any problem (the full pass reports it)."""
        reading = self.last.get(READING)
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        digest = digest_of(data)
        source = reading.source_of(digest) or read_source(data, reading.config)
        story, problems = assemble(
            source,
            path,
            display_of(path, Path(os.getcwd())),
            kind,
            rules=reading.rules,
            default_lang=reading.rules.default_lang,
        )
        if story is not None:
            problems += future_updates(story.live, story.display, build_time(self.settings))
        return None if problems else story


@dataclass
class _Patch:
    """A full pass's site with a few records replaced, added or taken out."""

    base: Site
    planned: frozenset[str]
    fresh: list[Story] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        site = self.base
        self.owners = {site.address(story).save_as: story.path for story in site.articles}
        self.addresses = dict(site.addresses)
        self.written = dict(site.written_by_path)
        self.stories = {story.path: story for story in site.stories}
        self.hidden = {story.path: story for story in site.hidden}
        self.keys = dict(site.keys)
        self.labels = dict(site.labels)

    def apply(
        self, path: str, story: Story | None, now: datetime, address_of: Callable[[Story], Address]
    ) -> bool:
        """Put `story` in the place of the record at `path`; False if its address is taken."""
        old = self.written.get(path)
        old_save_as = self.base.address(old).save_as if old is not None else None
        for table in (self.written, self.stories, self.hidden, self.keys, self.labels):
            table.pop(path, None)
        shown = story is not None and (is_out(story, now) or story.status == "hidden")
        save_as = None
        if story is not None and shown:
            address = address_of(story)
            save_as = address.save_as
            holder = self.owners.get(save_as)
            if (holder is not None and holder != path) or (
                save_as in self.planned and save_as != old_save_as
            ):
                return False
            self.addresses[path] = address
            self.written[path] = story
            (self.hidden if story.status == "hidden" else self.stories)[path] = story
            self.keys[path] = record_key(story)
            self.labels[path] = (story.date_label, story.modified_label)
            self.fresh.append(story)
        if old_save_as is not None and old_save_as != save_as:
            self.removed.append(old_save_as)
        return True

    def site(self, changed: set[str]) -> Site:
        return dataclasses.replace(
            self.base,
            stories=newest_first(list(self.stories.values())),
            hidden=newest_first(list(self.hidden.values())),
            addresses=self.addresses,
            written_by_path=self.written,
            keys=self.keys,
            labels=self.labels,
            cards={path: card for path, card in self.base.cards.items() if path not in changed},
        )


def _photos(story: Story | None) -> tuple[object, ...]:
    """The photos a story's page shows, as its record names them (none for no story)."""
    if story is None:
        return (None, (), ())
    lead = (story.image.path, story.image.focus) if story.image is not None else None
    galleries = tuple(
        tuple(photo.src for photo in gallery.photos) for gallery in story.body.galleries
    )
    return lead, tuple(image.src for image in story.body.images), galleries
