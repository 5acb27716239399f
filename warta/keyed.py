"""What each file of output/ was made from, so that the next build makes again only what changed
and withdraws what no longer belongs: one keyed-output service for every kind of output.

Each output that knows what it is made from (a page's view, a feed's entries, the sitemaps'
stories, a search part's records) digests those inputs and, before it makes anything, asks
whether the last build made that file from the same digest and left it as it still is
(`KeyedOutputs.unchanged`: the same length, modification and change times; for a folder, the
same listing of files). If so, the file is this build's as it stands; otherwise the output
makes it and notes it (`made`), with the digest. Outputs that keep no digest (photos, placed by
content, documents, the editor's files) note their files all the same (`owned`). Outputs that
make several files from one digest (the sitemaps) note them as a group (`unchanged_group`,
`made_group`).

When the build has moved its files into output/, every file it made is stamped as it now
stands (`stamp`); every name the last build noted and this one did not is withdrawn (`stale`),
so a deleted story's page, a feed no desk has any more or a search part that was merged goes,
as a cold build would never have written it. The entries are kept in the build's cache, one
per output folder (`load`, `save`); with none (a first build, a cache made by other code) the
build keeps nothing of output/.

This is Sphinx's `env.note_dependency` and Hugo's content hashes, for a site whose outputs
come from several plugins: each registers its files and their inputs' digest here, and this one
place decides what is rewritten and what is withdrawn.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR
from typing import Any

from .cache import DiskCache, key_of

# A file's entry: the digest it was made from (empty when it has none), then its length,
# modification and change times as the build left it; a folder's: its digest and
# `folder_stamp`. None: owned without a digest, never trusted to be as it was.
Entry = tuple[str, int, int, int] | tuple[str, str] | None
# The time of a file whose stamp cannot be trusted: later than any real one.
NEVER = 2**63


def keyed_name(output: Path) -> str:
    """The cache entry of one output folder's entries."""
    return "pages-" + hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]


def load(cache: DiskCache, settings: dict[str, Any], output: Path) -> dict[str, Any] | None:
    """The last build's entries for `output`, or None if the cache cannot say what it wrote."""
    kept = cache.load(keyed_name(output), key_of(settings, "pages"))
    if not isinstance(kept, dict) or not isinstance(kept.get("files"), dict):
        return None
    return kept


@dataclass
class KeyedOutputs:
    """What one build's files in the output folder `output` are made from, beside the last
    build's (`previous`)."""

    output: Path
    previous: dict[str, Entry] = field(default_factory=dict)
    previous_groups: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # Whether a last build's entries were found: without one, nothing of output/ is trusted.
    known: bool = False
    files: dict[str, Entry] = field(default_factory=dict)
    groups: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    _made: dict[str, str] = field(default_factory=dict)
    _folders: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # Where the output as it stands is read from: output/, or, once the build's gate is open
    # and keeps nothing of output/, a folder that does not exist (`Writes.existing`).
    existing: Path | None = None

    @classmethod
    def of(cls, cache: DiskCache, settings: dict[str, Any], output: Path) -> KeyedOutputs:
        kept = load(cache, settings, output)
        if kept is None:
            return cls(output)
        return cls(output, dict(kept["files"]), dict(kept.get("groups", {})), known=True)

    # Where `as_left` looks (`existing`, else `output`), as a string ending in a separator:
    # joined to a name, it makes no Path and calls no `os.path.join` (220,000 of them at
    # 100,000 stories).
    _root: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self._root = os.path.join(self.existing or self.output, "")

    def open(self, existing: Path, fresh: bool) -> None:
        """The build's gate is open: the output as it stands is read from `existing`; when the
        build keeps nothing of output/ (`fresh`), nothing the last build wrote is this one's."""
        self.existing = existing
        self._root = os.path.join(existing, "")
        if fresh:
            self.previous, self.previous_groups = {}, {}

    def as_left(self, name: str, digest: str, *, folder: bool = False) -> bool:
        """Whether the last build made `name` (a folder when `folder`) from `digest`, and it is
        as that build left it."""
        known = self.previous.get(name)
        if known is None or known[0] != digest:
            return False
        # A string, not a Path: at 100,000 stories this is asked for 220,000 pages, and making
        # a Path for each took about a second of a one-story build.
        where = self._root + name
        return _as_left(where, known, folder)

    def keep(self, name: str) -> None:
        """`name` is this build's as the last build left it (found so by `as_left`)."""
        self.keep_all((name,))

    def keep_all(self, names: Iterable[str]) -> None:
        """Each of `names` is this build's as the last build left it (found so by `as_left`,
        perhaps in a worker)."""
        with self._lock:
            for name in names:
                self.files[name] = self.previous[name]

    def kept(self, name: str) -> bool:
        """Whether this build kept `name` as the last build left it (found so by `as_left`,
        with its own look at the file, earlier in this build)."""
        return name not in self._made and self.files.get(name) is not None

    def unchanged(self, name: str, digest: str, *, folder: bool = False) -> bool:
        """Whether the last build made `name` from `digest` and it is as that build left it; if
        so, it is this build's again, untouched."""
        if not self.as_left(name, digest, folder=folder):
            return False
        self.keep(name)
        return True

    def made(self, name: str, digest: str = "", *, folder: bool = False) -> None:
        """This build wrote `name` (a folder when `folder`), from `digest`; stamped once the
        build is in output/ (`stamp`)."""
        with self._lock:
            self.files[name] = None
            self._made[name] = digest
            if folder:
                self._folders.add(name)

    def owned(self, names: Iterable[str]) -> None:
        """Files this build wrote or kept without a digest: they stay, and are never trusted
        to be as they were."""
        with self._lock:
            for name in names:
                self.files.setdefault(name, None)

    def unchanged_group(self, key: str, digest: str) -> tuple[str, ...] | None:
        """The files of the group `key` if the last build made them all from `digest` and each
        is as it left it: then they are this build's again, untouched."""
        known = self.previous_groups.get(key)
        if known is None or known[0] != digest:
            return None
        names = known[1]
        if not all(self.unchanged(name, digest) for name in names):
            return None
        with self._lock:
            self.groups[key] = known
        return names

    def made_group(self, key: str, digest: str, names: Iterable[str]) -> None:
        """This build wrote the files `names` of the group `key` from `digest`."""
        names = tuple(names)
        for name in names:
            self.made(name, digest)
        with self._lock:
            self.groups[key] = (digest, names)

    def stale(self) -> list[str]:
        """What the last build noted and this one did not: to be withdrawn."""
        return sorted(set(self.previous) - set(self.files))

    def stamp(self) -> list[str]:
        """Once the build is in output/: every file it made, stamped as it now stands (moving a
        file in changes its change time). Returns the names made."""
        for name, digest in self._made.items():
            target = self.output / name
            if name in self._folders:
                self.files[name] = (digest, folder_stamp(target))
                continue
            try:
                status = target.stat()
            except OSError:
                continue  # not in output/ after all: never trusted
            self.files[name] = (digest, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        return list(self._made)

    def save(self, cache: DiskCache, settings: dict[str, Any]) -> None:
        """Keep this build's entries for the next one. In the order of their names, not the
        order they were noted in (threads note theirs side by side): an unchanged build saves
        the same entry, which the cache then leaves untouched."""
        cache.save(
            keyed_name(self.output),
            key_of(settings, "pages"),
            {
                "files": dict(sorted(self.files.items())),
                "groups": dict(sorted(self.groups.items())),
            },
        )


def note_outside_a_build(
    cache: DiskCache, settings: dict[str, Any], output: Path, names: Iterable[str]
) -> None:
    """Note among the entries files written outside a build (the preview's quick pass), so the
    next build, of any kind, takes them away if it does not write them itself: a page the build
    then refuses, or of a story deleted before any build, never outlives it."""
    kept = load(cache, settings, output)
    files: dict[str, Entry] = dict(kept["files"]) if kept is not None else {}
    added = {name: None for name in names if name not in files}
    if added:
        groups = kept.get("groups", {}) if kept is not None else {}
        cache.save(
            keyed_name(output),
            key_of(settings, "pages"),
            {"files": {**files, **added}, "groups": groups},
        )


def _as_left(target: str, known: tuple[Any, ...], folder: bool) -> bool:
    """Whether `target` is as the build that noted `known` left it: for a file, the same
    length, modification and change times (a file rewritten by hand to the same length and
    time has a new change time); for a folder, the same listing."""
    if folder:
        return len(known) == 2 and os.path.isdir(target) and folder_stamp(Path(target)) == known[1]
    if len(known) != 4:
        return False
    try:
        status = os.stat(target)
    except OSError:
        return False
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns) == known[1:]


def folder_stamp(folder: Path) -> str:
    """A digest of every file under `folder`: name, length, modification and change times.
    Nothing can set a change time back, so a file rewritten by hand, even to the same length
    and modification time, changes the stamp."""
    digest = hashlib.sha256()
    for line, _ in _listing(folder):
        digest.update(line)
    return digest.hexdigest()


def _listing(folder: Path) -> Iterator[tuple[bytes, int]]:
    """Each file under `folder`, sorted by path: a line of its name, length, modification and
    change times, and the later of those times. A symbolic link is noted with what it points
    to; one to a folder, or one that leads nowhere, is never trusted (its time is the end of
    time), as what lies behind it is not listed."""
    prefix = len(str(folder)) + 1
    stack = [str(folder)]
    entries: list[tuple[bytes, int]] = []
    while stack:
        current = stack.pop()
        try:
            scanned = list(os.scandir(current))
        except OSError:
            entries.append((f"{current[prefix:]}/\0?\n".encode(errors="surrogateescape"), NEVER))
            continue
        for entry in scanned:
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
                continue
            relative = entry.path[prefix:]
            target = ""
            try:
                if entry.is_symlink():
                    target = os.readlink(entry.path)
                    status = os.stat(entry.path)
                else:
                    status = entry.stat(follow_symlinks=False)
            except OSError:
                status = None
            if status is None or S_ISDIR(status.st_mode):
                entries.append(
                    (f"{relative}\0{target}\0?\n".encode(errors="surrogateescape"), NEVER)
                )
                continue
            text = (
                f"{relative}\0{target}\0{status.st_size}\0{status.st_mtime_ns}\0"
                f"{status.st_ctime_ns}\n"
            )
            entries.append(
                (text.encode(errors="surrogateescape"), max(status.st_mtime_ns, status.st_ctime_ns))
            )
    entries.sort()
    yield from entries
