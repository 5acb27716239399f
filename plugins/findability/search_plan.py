"""The search index of a build: every published story as a search record, in parts that change
independently, indexed by Pagefind in a thread beside the planning (`start_search`), and
placed in output/ with the pages (`plan_search`)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from newsroom_model.record import Story
from newsroom_model.site import SITE, Site
from newsroom_model.source import plain_text

from warta.cache import code_version, value_pickle
from warta.keyed import KeyedOutputs
from warta.output import OutputFiles, Writes, keyed_outputs, settings_digest
from warta.problems import stop_for_setting
from warta.run import BuildRun, Slot

from .search.errors import SearchPartitionError
from .search.parts import SearchPart, SearchRecord, cut_parts
from .search.service import INDEX_CONFIG, pagefind_version
from .search.store import (
    bundle_is_complete,
    bundle_is_intact,
    place_parts,
    prune_store,
    search_bundles,
    store_parts,
)


@dataclass(frozen=True)
class _SearchPlan:
    """The search parts of a build, and the indexer filling the cache with those it lacks."""

    parts: list[SearchPart]
    folder: str
    indexer: _Indexer
    placed: _Placed


_SEARCH = Slot[_SearchPlan]("search plan", "findability")


def start_search(run: BuildRun) -> None:
    """Every published story as a search record, split into parts that change independently.

    Called as soon as the stories out are known (the feature's `start`), before their
    listings are made: the parts the cache lacks are indexed at once, in a thread beside the
    rest of the planning, related stories included (Pagefind works in a process of its own),
    into the cache; the output stage then only copies in the parts that changed.
    """
    settings = run.settings
    if not settings["WARTA_SEARCH"]:
        return
    site = run.get(SITE)
    by_url: dict[str, Story] = {}
    for story in site.stories:
        # Two stories at one address stop the build (newsroom_model names both); until then
        # the index takes the first, as Pagefind keeps one page per address.
        by_url.setdefault(site.address(story).url, story)
    # The parts are cut from stand-ins (address and date are all a cut needs); each part's
    # digest is made of its stories' record digests, and its records are made only if the
    # cache has no bundle of that digest.
    stand_ins = [
        SearchRecord(url=url, title="", text="", lang=story.lang, date=story.date)
        for url, story in by_url.items()
    ]
    version = pagefind_version() if stand_ins else ""
    # Warta's own code and the libraries that shape a bundle (cbor2 among them) are in it too.
    common = (
        version,
        code_version(settings),
        sorted(INDEX_CONFIG.items()),
        settings_digest(settings),
    )
    try:
        planned = cut_parts(stand_ins, int(settings["WARTA_SEARCH_PART_SIZE"]))
    except SearchPartitionError as error:
        # More stories on one day than a part holds: the site's setting, not a crash.
        stop_for_setting(error.text, catalogue=run.catalogue)
    parts = [
        SearchPart(
            key,
            records,
            hashlib.sha256(
                value_pickle((common, [(r.url, site.keys[by_url[r.url].path]) for r in records]))
            ).hexdigest(),
        )
        for key, records in planned
    ]
    folder = str(settings["WARTA_SEARCH_PATH"]).strip("/")
    store = Path(settings["WARTA_CACHE_PATH"]) / "search"
    placed = _Placed(Path(settings["OUTPUT_PATH"]), folder, keyed_outputs(run))
    indexer = _Indexer(run, parts, store, partial(_records, site, by_url), placed)
    if settings["WARTA_MODE"] == "build" and not run.problems:
        indexer.start()
    run.put(_SEARCH, _SearchPlan(parts, folder, indexer, placed))


def plan_search(run: BuildRun) -> tuple[OutputFiles, tuple[str, ...]]:
    """The index's place among the outputs, and the bundles the search page loads (newest part
    first)."""
    plan = run.get(_SEARCH)
    parts, folder, indexer, placed = plan.parts, plan.folder, plan.indexer, plan.placed
    store = indexer.store

    def write(writes: Writes) -> list[str]:
        # This writer's stage starts with the render, and the indexer's thread counts its own
        # time: the time spent here only waiting for it is not counted twice.
        waiting = time.perf_counter()
        indexer.wait()
        run.seconds["search"] = run.seconds.get("search", 0.0) - (time.perf_counter() - waiting)
        # Found in place while planning; none is kept when the build keeps nothing of output/
        # (no trusted record of what the last build wrote there).
        existing = writes.existing
        in_place = frozenset(
            key
            for key in indexer.in_place
            if existing.resolve() == placed.output.resolve()
            and bundle_is_complete(existing / folder / key)
        )
        place_parts(parts, store, writes, path=folder, placed=in_place)
        # Each part's folder noted with the build's outputs: made from its digest, or kept.
        keyed = placed.keyed
        for part in parts:
            where = placed.name_of(part)
            if part.key in in_place:
                keyed.keep(where)
            else:
                keyed.made(where, part.digest, folder=True)
        return [placed.name_of(part) for part in parts]

    files = OutputFiles(
        owner="the search index",
        stage="search",
        claims=(f"{folder}/",),
        write=write,
        beside_pages=True,
    )
    return files, tuple(search_bundles(parts, folder))


@dataclass(frozen=True)
class _Placed:
    """Where the search parts go, and what the last build placed there (`KeyedOutputs`)."""

    output: Path
    folder: str
    keyed: KeyedOutputs

    def name_of(self, part: SearchPart) -> str:
        """The part's folder, relative to the output folder."""
        return f"{self.folder}/{part.key}"

    def in_place(self, parts: Sequence[SearchPart]) -> frozenset[str]:
        """The keys of the parts output/ holds already, whole and as the last build placed
        them: from the same digest, with the same files, lengths and times."""
        return frozenset(
            part.key
            for part in parts
            if self.keyed.as_left(self.name_of(part), part.digest, folder=True)
            and bundle_is_complete(self.output / self.name_of(part))
        )


class _Indexer:
    """Indexes the parts the cache lacks in a thread; `wait()` joins it and raises its error.

    A part that output/ holds already, as the last build placed it from the store, is neither
    checked nor indexed again: its files are what a reader gets, and they are the store's (same
    files, lengths and times). Every other part's bundle is checked whole (`bundle_is_intact`)
    before it is used. A daemon thread: a build that stops on a content problem does not wait
    for the index.
    """

    def __init__(
        self,
        run: BuildRun,
        parts: Sequence[SearchPart],
        store: Path,
        records: Callable[[SearchPart], SearchPart],
        placed: _Placed,
    ) -> None:
        self.run = run
        self.parts = parts
        self.store = store
        self.records = records
        self.placed = placed
        self.in_place: frozenset[str] = frozenset()
        self.thread: threading.Thread | None = None
        self.failure: BaseException | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._index, name="search index", daemon=True)
        self.thread.start()

    def _index(self) -> None:
        try:
            with self.run.stage("search"):
                self.in_place = self.placed.in_place(self.parts)
                missing = [
                    part
                    for part in self.parts
                    if part.key not in self.in_place
                    and not bundle_is_intact(self.store / part.digest)
                ]
                # One part's records at a time, made as the part is indexed: each holds its
                # stories' whole text, so all of them at once would be the largest thing the
                # build holds at 100,000 stories.
                store_parts(map(self.records, missing), self.store)
                prune_store(self.store, self.parts, spare=2 * len(self.parts))
        except BaseException as error:  # raised again by wait(), in the build's thread
            self.failure = error

    def wait(self) -> None:
        if self.thread is None:
            self.start()
        assert self.thread is not None
        self.thread.join()
        if self.failure is not None:
            raise self.failure


def _records(site: Site, by_url: dict[str, Story], part: SearchPart) -> SearchPart:
    """The part with the search records of its stories: headline, text, tags, date, place."""
    records = []
    for stand_in in part.records:
        story = by_url[stand_in.url]
        records.append(
            SearchRecord(
                url=stand_in.url,
                title=story.title,
                text=plain_text(story.body.html),
                lang=story.lang,
                date=story.date,
                meta=(
                    ("title", story.title),
                    ("tanggal", site.labels[story.path][0]),
                    *((("lokasi", story.location.name),) if story.location else ()),
                ),
                filters=(
                    ("rubrik", (story.category,)),
                    *((("lokasi", (story.location.name,)),) if story.location else ()),
                    ("tahun", (str(story.date.year),)),
                ),
                keywords=story.tags,
            )
        )
    return SearchPart(part.key, tuple(records), part.digest)
