"""Read every article and page of a build: in parallel, each file once, from the cache if it can.

A file's bytes decide what `read_source` makes of it, so read sources are cached by the digest
of those bytes (and the reading settings and code, in the cache key): a build renders Markdown
only for files it has not seen. The records are then assembled against the newsroom's data for
this build (`record.assemble`), which is cheap.

A file is read from disk and hashed only when its `stat` differs from what the last build noted
beside its digest (`_Stamps`): length, modification and change times, inode and device. The
change time cannot be set by hand, and every write moves it, so the same numbers mean the same
bytes; except within the clock's tick, so a file changed in the two seconds before the walk is
not noted, and the next build reads it again (git's "racily clean" files). At 100,000 stories
reading and hashing every file was about 2.5 s of a one-story build; a `stat` each is 0.35 s.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from warta.cache import key_of
from warta.messages import t
from warta.parallel import map_ranges
from warta.progress import progress
from warta.run import BuildRun, Slot

from .addresses import Address, address_of, address_settings, slugger
from .files import ContentFile
from .record import Story, assemble, still_valid
from .schema import Rules
from .source import Body, ReadConfig, SourceFile, digest_of, read_source

# Below this many files to render, worker processes cost more than they save.
_PARALLEL_FROM = 64
_RANGE_LIMIT = 400
_CACHE = "reading"


# A file whose change time is less than this before the walk is not noted (see the top).
SETTLED_NS = 2_000_000_000
_STAMPS = "reading-stamps"


def _read_file(path: str) -> bytes:
    """A content file's bytes (the one place a build reads them)."""
    return Path(path).read_bytes()


@dataclass
class _Stamps:
    """The digest of each file's bytes beside its `stat` numbers: those the last build noted
    (`before`, by path) and those this build notes for the next (`now`)."""

    before: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)
    now: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)
    # The numbers of files read without a digest yet (`digest_of(hashing=False)`), noted once
    # their source comes back with it (`settle`).
    waiting: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def digest_of(
        self,
        path: str,
        known: KnownSources,
        read: dict[str, SourceFile],
        *,
        hashing: bool = True,
    ) -> tuple[bytes | None, str | None]:
        """The digest of the file's bytes, and the bytes if they had to be read: they are not
        when the file's numbers are those noted beside a digest whose source is at hand.
        Without `hashing`, a file that must be read is neither read nor hashed here (None,
        None): its reader does both, and `settle` notes the digest it found."""
        walked = time.time_ns()
        status = os.stat(path)
        numbers = (
            status.st_size,
            status.st_mtime_ns,
            status.st_ctime_ns,
            status.st_ino,
            status.st_dev,
        )
        noted = self.before.get(path)
        data: bytes | None = None
        settled = status.st_ctime_ns < walked - SETTLED_NS
        if noted is not None and noted[0] == numbers and (noted[1] in known or noted[1] in read):
            digest = noted[1]
        elif not hashing:
            if settled:
                self.waiting[path] = numbers
            return None, None
        else:
            data = _read_file(path)
            digest = digest_of(data)
        if settled:
            self.now[path] = (numbers, digest)
        return data, digest

    def settle(self, path: str, digest: str) -> None:
        """Note the digest of a file that `digest_of` left to its reader."""
        numbers = self.waiting.pop(path, None)
        if numbers is not None:
            self.now[path] = (numbers, digest)


@dataclass
class Reading:
    """What a run has read: records by source path, and the sources kept for the next run."""

    config: ReadConfig
    rules: Rules
    stories: dict[str, Story] = field(default_factory=dict)
    addresses: dict[str, Address] = field(default_factory=dict)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    rendered: int = 0
    # Sources earlier builds read, by digest (from the cache), and the records they
    # assembled, by (digest, path, kind), when the rules were the same.
    known: KnownSources | None = None
    # The digests of the known sources this build uses without having unpickled them: a kept
    # record needs no source (`_take`), and its shard's sources stay pickled.
    used: set[str] = field(default_factory=set)
    known_stories: dict[tuple[str, str, str], Story] = field(default_factory=dict)
    # This build's records without problems, kept for the next build.
    clean: dict[tuple[str, str, str], Story] = field(default_factory=dict)
    # The digest of each record (`site.record_key`) an earlier build worked out, by the same
    # keys as `known_stories`, and this build's by path: pickling every record again to hash
    # it took 3 s at 100,000 stories.
    known_keys: dict[tuple[str, str, str], str] = field(default_factory=dict)
    record_keys: dict[str, str] = field(default_factory=dict)
    # The address (url, save_as) of each record an earlier build kept, by the same keys, when
    # the address settings were the same (`address_settings`): formatting 100,000 addresses
    # again took 0.8 s of a one-story build's reading.
    known_addresses: dict[tuple[str, str, str], tuple[str, str]] = field(default_factory=dict)
    # What each shard of the cache (`save_known`) held, for those that were there and could be
    # trusted: records and their digests only when they were kept under this build's rules.
    kept: dict[str, _Kept] = field(default_factory=dict)
    # Each file's digest beside its `stat`, from the last build and for the next.
    stamps: _Stamps = field(default_factory=_Stamps)
    # Pelican's Category, Tag and Author objects, one per name and build (see reader.py).
    pelican: dict[str, Any] = field(default_factory=dict)

    def source_of(self, digest: str) -> SourceFile | None:
        """The source of `digest` this build read or used, if any."""
        found = self.sources.get(digest)
        if found is None and digest in self.used and self.known is not None:
            found = self.known.get(digest)
        return found


READING = Slot[Reading]("reading", "newsroom_model")


def _render_range(
    config: ReadConfig, jobs: list[tuple[str, bytes | None]], start: int, end: int
) -> list[SourceFile]:
    # A job without bytes is a file the build's process did not read (`read_files`).
    return [
        read_source(_read_file(path) if data is None else data, config)
        for path, data in jobs[start:end]
    ]


def read_files(run: BuildRun, files: list[ContentFile], kind: str) -> None:
    """Read `files` as `kind` (article or page) into the run's records, reporting problems.

    The sources earlier builds read (`load_known`, once a run) are used by digest; the ones
    used are kept in the run's reading for the next build. A record assembled by an earlier
    build under the same rules (data files, desks, date formats...) is used again when its
    file is unchanged and the files it points to are still there.
    """
    reading = run.get(READING)
    known = reading.known if reading.known is not None else load_known(run)
    # With no sources kept from earlier builds (a cold build), a file's digest can find none:
    # every file not noted is read and rendered. Its worker reads and hashes it then, not this
    # process on one core before the workers start (0.5-1 s at 10,000 stories). Two files with
    # the same bytes are then both rendered, to the same source.
    hashing = bool(known)
    jobs: list[tuple[str, bytes | None]] = []
    queued: set[str] = set()  # the digests of the jobs with bytes: each is rendered once
    # For each job whose file was not read here, its place in `files_in_order`.
    waiting: dict[int, int] = {}
    files_in_order: list[tuple[ContentFile, str | None]] = []
    for file in files:
        data, digest = reading.stamps.digest_of(file.path, known, reading.sources, hashing=hashing)
        if digest is None:
            waiting[len(jobs)] = len(files_in_order)
            jobs.append((file.path, None))
        elif data is not None and not (
            digest in known or digest in reading.sources or digest in queued
        ):
            queued.add(digest)
            jobs.append((file.path, data))
        files_in_order.append((file, digest))
    fresh: dict[str, SourceFile] = {}
    returned = 0
    assembled = 0
    root = Path(os.getcwd())
    slug_of = slugger(run.settings)

    def assemble_ready(sources: list[SourceFile]) -> None:
        # Called with each range's sources as it arrives, in file order: the files whose
        # sources are all here are assembled while the workers read the rest, not after.
        nonlocal assembled, returned
        for read in sources:
            fresh[read.digest] = read
            place = waiting.get(returned)
            if place is not None:
                unread = files_in_order[place][0]
                files_in_order[place] = (unread, read.digest)
                reading.stamps.settle(unread.path, read.digest)
            returned += 1
        while assembled < len(files_in_order):
            file, digest = files_in_order[assembled]
            if digest is None:
                return
            # A known source is there, unpickled only if its record must be assembled again.
            source = reading.sources.get(digest) or fresh.get(digest)
            if source is None and digest not in known:
                return
            _take(run, reading, (file, digest, kind, source), root, slug_of)
            assembled += 1

    label = t("Reading pages") if kind == "page" else t("Reading articles")
    with progress(run.console, label.told(run.catalogue), len(jobs)) as advance:
        map_ranges(
            _render_range,
            len(jobs),
            run.workers,
            reading.config,
            jobs,
            parallel_from=_PARALLEL_FROM,
            range_limit=_RANGE_LIMIT,
            done=advance,
            each=assemble_ready,
        )
    assemble_ready([])
    assert assembled == len(files_in_order), "a file's source never came back"
    reading.rendered += len(fresh)


def _take(
    run: BuildRun,
    reading: Reading,
    read: tuple[ContentFile, str, str, SourceFile | None],
    root: Path,
    slug_of: Callable[[str], str],
) -> None:
    """One file's record, assembled from its source (or kept from an earlier build). `source`
    is None for a known one (`reading.known`), unpickled only if it is needed."""
    file, digest, kind, source = read
    display = display_of(file.path, root)
    story = reading.known_stories.get((digest, file.path, kind))
    body: Body | None
    if (
        story is None
        or story.display != display
        or not still_valid(story, reading.rules.content_root)
    ):
        if source is None:
            assert reading.known is not None
            source = reading.known.get(digest)
            assert source is not None, "a known source is in its shard"
        reading.sources[digest] = source
        body = source.body
        story, problems = assemble(
            source,
            file.path,
            display,
            kind,
            rules=reading.rules,
            default_lang=reading.rules.default_lang,
        )
        run.problems.extend(problems)
        if story is not None and not problems:
            reading.clean[(digest, file.path, kind)] = story
        known_address = None
    else:
        if source is None:
            reading.used.add(digest)
        else:
            reading.sources[digest] = source
        # The record was assembled from this source: its body is the source's (`assemble`).
        body = story.body
        reading.clean[(digest, file.path, kind)] = story
        known_key = reading.known_keys.get((digest, file.path, kind))
        if known_key is not None:
            reading.record_keys[file.path] = known_key
        known_address = reading.known_addresses.get((digest, file.path, kind))
    run.advice.extend(finding.at(display) for finding in (body.removed if body else ()))
    if story is None:
        reading.unreadable.add(file.path)
    else:
        reading.stories[file.path] = story
        reading.addresses[file.path] = (
            Address(*known_address)
            if known_address is not None
            else address_of(story, run.settings, slug_of)
        )


def cache_key(settings: dict[str, Any], config: ReadConfig) -> str:
    return key_of(settings, "reading", config)


# What is kept of the read files is split by the first two hex digits of each file's digest,
# into 256 entries: a build that changes one story saves one or two of them again, not all. At
# 100,000 stories the whole is about 630 MB, and pickling it took 4.6 s of a one-story build.
_SHARDS = tuple(f"{number:02x}" for number in range(256))


def _shard_of(digest: str) -> str:
    return digest[:2]


class _Shelf:
    """One shard's sources as the cache keeps them: pickled apart from its records, and
    unpickled only when one of them is asked for.

    A build that keeps a file's record needs nothing of its source, and at 100,000 stories
    unpickling every source (their header fields, one object each) took 1.3 s of a one-story
    build. A source's body is the body of the records assembled from it (`assemble`), which
    the shard holds anyway: it is left out of the pickle where a record holds it, and put back
    from that record, so the cache holds each body once, as it did when sources and records
    were pickled together.
    """

    def __init__(self, blob: bytes, digests: frozenset[str], bodies: dict[str, Body]) -> None:
        self.blob = blob
        self.digests = digests
        self.bodies = bodies
        self._sources: dict[str, SourceFile] | None = None

    def sources(self) -> dict[str, SourceFile]:
        if self._sources is None:
            bare, left_out = pickle.loads(self.blob)  # noqa: S301 - from our own checked entry
            self._sources = {
                digest: replace(source, body=self.bodies[digest]) if digest in left_out else source
                for digest, source in bare.items()
            }
        return self._sources


class KnownSources:
    """The sources earlier builds read, by digest, from the cache's shards (`_Shelf`)."""

    def __init__(self) -> None:
        self.shelves: dict[str, _Shelf] = {}
        self._digests: set[str] = set()

    def add(self, shard: str, shelf: _Shelf) -> None:
        self.shelves[shard] = shelf
        self._digests |= shelf.digests

    def __contains__(self, digest: object) -> bool:
        return digest in self._digests

    def __bool__(self) -> bool:
        return bool(self._digests)

    def get(self, digest: str) -> SourceFile | None:
        if digest not in self._digests:
            return None
        return self.shelves[_shard_of(digest)].sources().get(digest)


_Named = tuple[str, str, str]  # a record's (digest, path, kind)


def _bodies(stories: dict[_Named, Story]) -> dict[str, Body]:
    """The records' bodies by their sources' digests: a body is its source's (`assemble`),
    whatever rules the record was assembled under."""
    return {named[0]: story.body for named, story in stories.items() if story.body}


def _pickled_sources(sources: dict[str, SourceFile], stories: dict[_Named, Story]) -> bytes:
    """A shard's sources as `_Shelf` unpickles them: each body left out where one of the
    shard's records holds it, and which ones were."""
    bodies = _bodies(stories)
    bare = {
        digest: replace(source, body=None)
        if source.body is not None and bodies.get(digest) is source.body
        else source
        for digest, source in sources.items()
    }
    left_out = frozenset(digest for digest, source in bare.items() if source is not sources[digest])
    return pickle.dumps((bare, left_out), protocol=pickle.HIGHEST_PROTOCOL)


@dataclass
class _Kept:
    """One shard of what a build keeps: the digests of its sources, records, their digests
    and their addresses by (digest, path, kind)."""

    digests: set[str] = field(default_factory=set)
    stories: dict[_Named, Story] = field(default_factory=dict)
    keys: dict[_Named, str] = field(default_factory=dict)
    addresses: dict[_Named, tuple[str, str]] = field(default_factory=dict)

    def same_entries(self, other: _Kept) -> bool:
        # Sources are named by their content's digest, and records by it too (under the same
        # rules), and addresses by the record (under the same address settings): the same
        # names mean the same values.
        return (
            self.digests == other.digests
            and self.stories.keys() == other.stories.keys()
            and self.keys.keys() == other.keys.keys()
            and self.addresses.keys() == other.addresses.keys()
        )


def _sharded(
    digests: set[str],
    stories: dict[_Named, Story],
    keys: dict[_Named, str],
    addresses: dict[_Named, tuple[str, str]],
) -> dict[str, _Kept]:
    shards: dict[str, _Kept] = {}
    for digest in digests:
        shards.setdefault(_shard_of(digest), _Kept()).digests.add(digest)
    for named, story in stories.items():
        shards.setdefault(_shard_of(named[0]), _Kept()).stories[named] = story
    for named, key in keys.items():
        shards.setdefault(_shard_of(named[0]), _Kept()).keys[named] = key
    for named, address in addresses.items():
        shards.setdefault(_shard_of(named[0]), _Kept()).addresses[named] = address
    return shards


def load_known(run: BuildRun) -> KnownSources:
    """What earlier builds read: sources by digest, and records if the rules are the same."""
    reading = run.get(READING)
    key = cache_key(run.settings, reading.config)
    known = reading.known = KnownSources()
    addressing = address_settings(run.settings)
    stamps = run.cache.load(_STAMPS, key)
    if isinstance(stamps, dict):
        reading.stamps.before = stamps
    for shard in _SHARDS:
        entry = run.cache.load(f"{_CACHE}-{shard}", key)
        # A shard missing or not to be trusted only means its files are read again.
        if not isinstance(entry, dict) or not isinstance(blob := entry.get("sources"), bytes):
            continue
        same_rules = entry.get("rules") == reading.rules.fingerprint
        same_addressing = same_rules and entry.get("addressing") == addressing
        stories = entry.get("stories") or {}
        digests = entry.get("digests") or frozenset()
        known.add(shard, _Shelf(blob, digests, _bodies(stories)))
        kept = reading.kept[shard] = _Kept(
            set(digests),
            stories if same_rules else {},
            (entry.get("keys") or {}) if same_rules else {},
            (entry.get("addresses") or {}) if same_addressing else {},
        )
        reading.known_stories.update(kept.stories)
        reading.known_keys.update(kept.keys)
        reading.known_addresses.update(kept.addresses)
    return known


def save_known(run: BuildRun) -> None:
    """Keep what this build read for the next one: each shard that differs from what is kept."""
    reading = run.get(READING)
    key = cache_key(run.settings, reading.config)
    keys = {
        clean: reading.record_keys[clean[1]]
        for clean in reading.clean
        if clean[1] in reading.record_keys
    }
    addresses = {
        clean: (address.url, address.save_as)
        for clean in reading.clean
        if (address := reading.addresses.get(clean[1])) is not None
    }
    now = _sharded(reading.sources.keys() | reading.used, reading.clean, keys, addresses)
    addressing = address_settings(run.settings)
    empty = _Kept()
    for shard in _SHARDS:
        kept = now.get(shard, empty)
        before = reading.kept.get(shard)
        if before is not None and kept.same_entries(before):
            continue
        sources: dict[str, SourceFile] = {}
        for digest in sorted(kept.digests):
            source = reading.source_of(digest)
            assert source is not None, "a used source is read or known"
            sources[digest] = source
        run.cache.save(
            f"{_CACHE}-{shard}",
            key,
            {
                "sources": _pickled_sources(sources, kept.stories),
                "digests": frozenset(kept.digests),
                "stories": kept.stories,
                "keys": kept.keys,
                "addresses": kept.addresses,
                "rules": reading.rules.fingerprint,
                "addressing": addressing,
            },
        )
    # What a Warta before the shards kept, in one entry.
    run.cache.forget(_CACHE)
    if reading.stamps.now != reading.stamps.before:
        run.cache.save(_STAMPS, key, reading.stamps.now)


def display_of(path: str, root: Path) -> str:
    absolute = os.path.abspath(path)
    prefix = str(root) + os.sep
    return absolute[len(prefix) :] if absolute.startswith(prefix) else absolute
