"""Nothing changed, nothing to do: `make html` on a site whose inputs and output are exactly as
the last good build left them stops before reading a file.

A build that ends well leaves a stamp in the cache (`.cache/warta/up-to-date-<output>.cache`):

- a digest of what it was built with: every setting (as the page digests take them), the code
  of Warta and of every plugin in PLUGINS and the libraries that shape the output
  (`code_version`), and every file of the theme;
- a `Tree` of each input folder (the content, the data folder, what plugins read besides) and
  one of the output folder: every folder and file under it in the order a walk met them, with
  each one's length (files), modification and change times and inode number, as git's index
  notes them. Each walk starts from the last stamp's walk of the same folder and lists again
  only the folders whose times changed (`Tree.refreshed`), as git's untracked cache does.
  output/'s is made from the last stamp's and what the build's commit changed
  (`Writes.committed`, `Tree.after`): only the folders on the way to those are asked again.
  Something else that wrote in output/ meanwhile only makes the next build an ordinary one,
  which walks output/ in full;
- its time, and the first moment at which the same inputs would give another site by the clock
  alone (`BuildRun.changes_at`: a scheduled story comes out, a story leaves the news sitemap).

The next build compares before Pelican reads anything. It does not list the folders again: it
asks each folder and file of the trees for its status, one `stat` each, and compares. A file
added, removed or renamed changes the times of the folder that holds it, so a folder whose
times are as stamped holds the same names as when it was listed, and only the files the tree
names need asking; reading a folder's entries costs several times a `stat`, and a built
archive has a folder for every page. When every folder and file is as stamped, and its own time
is not before the stamp's nor at or after that moment, it writes nothing and says so; any
difference, however small, and it is an ordinary build. The change time cannot be set back by
any tool, so a file rewritten with the same length and an old modification time still counts
as changed. A file or folder changed in the same tick of the file system's clock as the stamp's
snapshot could still look the same; such a build leaves no stamp (git's "racily clean" rule),
so the next build plans in full.

A folder's times follow its names on the local file systems a build runs on (ext4, XFS, Btrfs,
APFS, tmpfs, overlayfs); git's untracked cache relies on the same. Where they may not (some
network file systems), `WARTA_UP_TO_DATE_CHECK = False` makes every build an ordinary one.

The stamp is removed before a build writes anything and saved only once it has written
everything, so a build stopped half-way never leaves one. It is used only for `Pelican.run()`
in "build" mode with the check on (`WARTA_UP_TO_DATE_CHECK`), never by `warta check` or by
`warta serve`, and not when DELETE_OUTPUT_DIRECTORY asks for every build to start empty.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from stat import S_ISDIR, S_ISLNK
from typing import Any, TypeAlias

from rich.console import Console

from .cache import DiskCache, code_version, key_of
from .keyed import NEVER
from .messages import site_catalogue, t
from .output import OUTPUTS, Writes, settings_digest, theme_digest
from .parallel import map_ranges
from .run import BuildRun, build_time
from .signals import input_files, site_written

_NAME = "up-to-date-"


@dataclass(frozen=True)
class Tree:
    """Every folder and file under `root` as a walk found them, in its order: their paths
    (relative, joined by NUL) and, as one array, each folder's modification and change times and
    inode, then each file's length, times and inode, then each symbolic link's target's."""

    root: str
    folders: str
    files: str
    links: str  # a link's path, then what it points to
    numbers: bytes
    trusted: bool  # False: something under it could not be listed, so it is never unchanged
    newest: int  # the latest time of any of them

    # The file system's time as the walk began (None: unknown). A folder whose times are not
    # before it may have changed in the same tick as the walk listed it and kept its times
    # (git's "racily clean" rule): `refreshed` lists it again rather than trust its names.
    listed_at: int | None = None

    @classmethod
    def of(cls, root: Path, clock: int | None = None) -> Tree:
        """Walk `root`, a folder; a folder that cannot be read, a link to a folder or one that
        leads nowhere make the tree untrusted, as what lies behind them is not listed. `clock`:
        the file system's time as the walk begins (`listed_at`)."""
        walk = _Walk(str(root))
        walk.below(walk.top)
        return walk.tree(clock)

    def refreshed(self, clock: int | None = None, asked: _Asked | None = None) -> Tree:
        """This tree as a walk of its root would find it now, listing only the folders whose
        times changed since it was made (`clock`: as `of`).

        Every folder and file it names is asked for its status, one `stat` each, as
        `unchanged` does. A name added, removed or renamed changes its folder's times, so a
        folder whose times are as they were (and before `listed_at`) holds the names it held;
        only the others are listed again, and a folder found new is walked. Listing a folder
        costs several times a `stat`, and at 100,000 stories output/ has 220,000 folders, of
        which a one-story build changes a few dozen: a full walk took 3.0-5.2 s there, this
        one 1.6-2.1 s, most of it the `stat`s. The entries are a full walk's, in another
        order. A file gone or turned into a folder while its folder's times stayed, or a tree
        with links, is walked in full. `asked`: the statuses `asked` gave since `clock`, if
        they are not to be asked for again.
        """
        root = Path(self.root)
        if not self.trusted or self.listed_at is None or self.links:
            return Tree.of(root, clock)
        folders = self.folders.split("\0")
        files = self.files.split("\0") if self.files else []
        found = self._statuses(folders, files) if asked is None else asked.copy()
        if found is None:
            return Tree.of(root, clock)
        numbers, gone, lost = found
        changed = self._changed_folders(folders, numbers)
        if not changed and not gone and not lost:
            return _Walk.kept(self, numbers, clock)
        walk = _Walk(self.root)
        if not walk.patched(folders, files, numbers, gone=gone, lost=lost, changed=changed):
            return Tree.of(root, clock)
        return walk.tree(clock)

    def after(self, changed: Collection[str], clock: int | None = None) -> Tree:
        """This tree as a walk of its root would find it now, when since it was made only the
        entries named in `changed` (paths under the root) were written, replaced or removed.

        A build knows what its commit changed (`Writes.committed`); every other file of
        output/ is as the last build left it, or the stamp made from this tree only fails to
        match at the next build. So only the folders on the way to a changed entry are asked
        for their status, those whose times changed are listed again (`refreshed`), and every
        other folder and file keeps the numbers this tree has. At 100,000 stories, asking
        every entry of output/ again took 1.6-2.2 s at the end of each build; a one-story
        edit changes a few dozen. Where more than one folder in `_AFTER_SHARE` is on the
        way (and over `_AFTER_FLOOR`), this is `refreshed`, which asks each entry once without
        listing a folder.
        """
        if not self.trusted or self.listed_at is None or self.links:
            return Tree.of(Path(self.root), clock)
        folders = self.folders.split("\0")
        files = self.files.split("\0") if self.files else []
        place = {path: index for index, path in enumerate(folders)}
        # A folder named is walked again whole, from its parent: it may be another folder now.
        gone = {name for name in changed if name in place}
        on_the_way = {""}
        limit = max(len(folders) // _AFTER_SHARE, _AFTER_FLOOR)
        for name in changed:
            parent = name.rpartition(os.sep)[0]
            while parent not in on_the_way:
                on_the_way.add(parent)
                parent = parent.rpartition(os.sep)[0]
            if len(on_the_way) > limit:
                return self.refreshed(clock)
        numbers = array("q")
        numbers.frombytes(self.numbers)
        # A folder that holds, or is, an entry of the last walk's own tick is listed again
        # whatever its times say now; a file written as a hard link (a photo from the cache)
        # moves the change time of every other name of its inode: their folders too.
        racy = self._racy(folders, files, numbers)
        on_the_way |= racy
        listed_again = self._linked(changed, folders, files, numbers) | (racy - gone)
        prefix = self.root + os.sep
        for path in on_the_way:
            index = place.get(path)
            if index is None or path in gone:
                continue  # new, or walked again whole: found from its parent
            try:
                status = os.stat(prefix + path if path else self.root, follow_symlinks=False)
            except OSError:
                status = None
            if status is None or not S_ISDIR(status.st_mode):
                if not path:
                    return Tree.of(Path(self.root), clock)
                gone.add(path)
                continue
            now = (status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
            if tuple(numbers[3 * index : 3 * index + 3]) != now:
                numbers[3 * index : 3 * index + 3] = array("q", now)
                listed_again.add(path)
        # The parent of a folder walked again whole is listed again, to find it.
        listed_again |= {path.rpartition(os.sep)[0] for path in gone} - gone
        walk = _Walk(self.root)
        if not walk.patched(folders, files, numbers, gone=gone, lost=set(), changed=listed_again):
            return Tree.of(Path(self.root), clock)
        return walk.tree(clock)

    def _linked(
        self, changed: Collection[str], folders: list[str], files: list[str], numbers: array[int]
    ) -> set[str]:
        """The folders of the files whose change time a hard link may have moved: those that
        share an inode with a file named in `changed`, or with another file of the tree (a
        photo placed under two names: removing or replacing one moves the other's)."""
        prefix = self.root + os.sep
        offset = 3 * len(folders)
        kept = numbers[offset + 3 : offset + 4 * len(files) : 4]
        inodes = {inode for inode, names in Counter(kept).items() if names > 1}
        for name in changed:
            try:
                status = os.stat(prefix + name, follow_symlinks=False)
            except OSError:
                continue
            if status.st_nlink > 1 and not S_ISDIR(status.st_mode):
                inodes.add(status.st_ino)
        if not inodes:
            return set()
        return {
            path.rpartition(os.sep)[0]
            for path, inode in zip(files, kept, strict=True)
            if inode in inodes
        }

    def _racy(self, folders: list[str], files: list[str], numbers: array[int]) -> set[str]:
        """The folders that hold, or are, an entry whose times are not before `listed_at`:
        it may have changed in the same tick as the walk noted it (`refreshed`)."""
        since = self.listed_at if self.listed_at is not None else -1
        if self.newest < since:
            return set()
        offset = 3 * len(folders)
        end = offset + 4 * len(files)
        racy = {
            folders[index]
            for times in (numbers[0:offset:3], numbers[1:offset:3])
            for index, at in enumerate(times)
            if at >= since
        }
        for times in (numbers[offset + 1 : end : 4], numbers[offset + 2 : end : 4]):
            racy.update(
                files[index].rpartition(os.sep)[0] for index, at in enumerate(times) if at >= since
            )
        return racy

    def _statuses(self, folders: list[str], files: list[str]) -> _Statuses | None:
        """Every folder's and file's numbers now, in the tree's order (-1 for one gone); the
        folders gone, and the files gone or no longer files (by place). None: the root is gone.
        From `_PARALLEL_FROM` entries, asked for in forked processes side by side."""
        numbers = array("q")
        odd: list[int] = []
        for part, found in map_ranges(
            _numbers_range,
            len(folders) + len(files),
            os.cpu_count() or 1,
            self.root,
            folders,
            files,
            parallel_from=_PARALLEL_FROM,
            range_limit=_RANGE_LIMIT,
        ):
            numbers.frombytes(part)
            odd += found
        if odd and odd[0] == 0 and folders:
            return None
        gone = {folders[place] for place in odd if place < len(folders)}
        lost = {place - len(folders) for place in odd if place >= len(folders)}
        return numbers, gone, lost

    def _changed_folders(self, folders: list[str], numbers: array[int]) -> set[str]:
        """The folders whose times or inode differ from this tree's (`numbers`: their new
        ones first, as `refreshed` asks), or are not before `listed_at`."""
        since = self.listed_at if self.listed_at is not None else -1
        old = array("q")
        old.frombytes(self.numbers[: 3 * len(folders) * old.itemsize])
        return {
            path
            for index, path in enumerate(folders)
            if numbers[3 * index : 3 * index + 3] != old[3 * index : 3 * index + 3]
            or numbers[3 * index] >= since
            or numbers[3 * index + 1] >= since
        }

    def asked(self) -> _Asked:
        """Every folder's and file's status now (`_statuses`), for `unchanged` and then, if
        the tree has changed, for `refreshed`: the same `stat`s are not asked for twice."""
        if not self.trusted:
            return _Asked(None)
        return _Asked(
            self._statuses(self.folders.split("\0"), self.files.split("\0") if self.files else [])
        )

    def unchanged(self, asked: _Asked | None = None) -> bool:
        """Whether every folder and file is as the walk found it and no folder holds another
        name: one `stat` each, no folder listed (a name added, removed or renamed changes its
        folder's times). `asked`: the statuses `asked` gave just now."""
        if not self.trusted:
            return False
        found = (self.asked() if asked is None else asked).copy()
        if found is None or found[1] or found[2]:
            return False
        numbers = found[0]
        if self.links:
            prefix = self.root + os.sep
            pairs = self.links.split("\0")
            try:
                for path, target in zip(pairs[0::2], pairs[1::2], strict=True):
                    if os.readlink(prefix + path) != target:
                        return False
                    numbers.extend(_file_numbers(os.stat(prefix + path)))
            except OSError:
                return False
        return numbers.tobytes() == self.numbers


_Statuses: TypeAlias = "tuple[array[int], set[str], set[int]]"


@dataclass(frozen=True)
class _Asked:
    """A tree's entries' statuses, as `Tree._statuses` gives them (None: none to trust)."""

    found: _Statuses | None

    def copy(self) -> _Statuses | None:
        """The statuses, with numbers of their own (`unchanged` adds to them)."""
        if self.found is None:
            return None
        numbers, gone, lost = self.found
        return array("q", numbers), gone, lost


# Entries of a tree from which their `stat`s are asked for in forked processes, side by side
# (`Tree._statuses`): at 100,000 stories output/ holds 590,000, asked for in 1.46 s by one
# process and 0.87 s by two; that is most of a build with nothing changed, and the stamp's walk.
_PARALLEL_FROM = 50_000
_RANGE_LIMIT = 50_000
# `Tree.after` asks only the folders on the way to what a build changed while they are fewer
# than one in this many of the tree's (or this floor); beyond, listing them again costs more
# than `refreshed`.
_AFTER_SHARE = 8
_AFTER_FLOOR = 1000


def _numbers_range(
    root: str, folders: list[str], files: list[str], start: int, end: int
) -> tuple[bytes, list[int]]:
    """The numbers of entries start..end-1 of a tree (its folders, then its files), -1 for
    one gone or no longer of its kind, and the places of those."""
    prefix = root + os.sep
    stat = os.stat
    numbers = array("q")
    add = numbers.extend
    odd: list[int] = []
    count = len(folders)
    for place in range(start, min(end, count)):
        path = folders[place]
        try:
            status = stat(prefix + path if path else root, follow_symlinks=False)
        except OSError:
            status = None
        if status is None or not S_ISDIR(status.st_mode):
            odd.append(place)
            add((-1, -1, -1))
            continue
        add((status.st_mtime_ns, status.st_ctime_ns, status.st_ino))
    for place in range(max(start, count), end):
        try:
            status = stat(prefix + files[place - count], follow_symlinks=False)
        except OSError:
            status = None
        if status is None or S_ISDIR(status.st_mode) or S_ISLNK(status.st_mode):
            odd.append(place)
            add((-1, -1, -1, -1))
            continue
        add((status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino))
    return numbers.tobytes(), odd


def _file_numbers(status: os.stat_result) -> tuple[int, int, int, int]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


class _Walk:
    """The paths and numbers a walk of `top` notes, in the order it meets them (`Tree`)."""

    def __init__(self, top: str) -> None:
        self.top = top
        self.prefix = len(top) + 1
        self.folders: list[str] = []
        self.files: list[str] = []
        self.links: list[str] = []
        self.folder_numbers = array("q")
        self.file_numbers = array("q")
        self.link_numbers = array("q")
        self.trusted = True

    def below(self, start: str) -> None:
        """Note the folder `start` (a path under `top`, or `top`) and everything under it."""
        stack = [start]
        while stack:
            current = stack.pop()
            try:
                status = os.stat(current, follow_symlinks=False)
                scanned = list(os.scandir(current))
            except OSError:
                self.trusted = False
                continue
            self.folders.append(current[self.prefix :])
            self.folder_numbers.extend((status.st_mtime_ns, status.st_ctime_ns, status.st_ino))
            stack.extend(self.entries(scanned))

    def entries(self, scanned: list[os.DirEntry[str]]) -> list[str]:
        """Note the files and links of one folder's listing; returns its folders' paths."""
        found: list[str] = []
        prefix = self.prefix
        for entry in scanned:
            try:
                if entry.is_dir(follow_symlinks=False):
                    found.append(entry.path)
                elif entry.is_symlink():
                    target = os.readlink(entry.path)
                    status = os.stat(entry.path)
                    if S_ISDIR(status.st_mode):
                        self.trusted = False
                    self.links += (entry.path[prefix:], target)
                    self.link_numbers.extend(_file_numbers(status))
                else:
                    self.files.append(entry.path[prefix:])
                    self.file_numbers.extend(_file_numbers(entry.stat(follow_symlinks=False)))
            except OSError:
                self.trusted = False
        return found

    def tree(self, clock: int | None) -> Tree:
        return Tree(
            self.top,
            "\0".join(self.folders),
            "\0".join(self.files),
            "\0".join(self.links),
            (self.folder_numbers + self.file_numbers + self.link_numbers).tobytes(),
            self.trusted,
            _newest(
                self.trusted,
                self.folder_numbers[0::3],
                self.folder_numbers[1::3],
                self.file_numbers[1::4],
                self.file_numbers[2::4],
                self.link_numbers[1::4],
                self.link_numbers[2::4],
            ),
            clock,
        )

    def patched(
        self,
        folders: list[str],
        files: list[str],
        numbers: array[int],
        *,
        gone: set[str],
        lost: set[int],
        changed: set[str],
    ) -> bool:
        """Note a tree's `folders` and `files` with their `numbers` now (`Tree.refreshed`,
        `Tree.after`),
        but those under a folder `gone`, and the files of the `changed` folders, which are
        listed again (a new folder among them walked). False when a file was `lost` from a
        folder whose times stayed: only a full walk can say what else did."""
        # One gone takes every folder under it. The entries kept are copied in runs, not one by
        # one: at 100,000 stories a tree has 590,000, and a build changes a few hundred.
        if "" in gone:
            return False
        under = tuple(path + os.sep for path in gone)
        dropped = {path for path in folders if path in gone or path.startswith(under)}
        kept = set(folders) - dropped
        self.folders, self.folder_numbers = _but(
            folders, numbers, 0, 3, [index for index, path in enumerate(folders) if path in dropped]
        )
        listed_again = changed | dropped
        skipped = [
            index for index, path in enumerate(files) if path.rpartition(os.sep)[0] in listed_again
        ]
        if lost - set(skipped):
            return False
        self.files, self.file_numbers = _but(files, numbers, 3 * len(folders), 4, skipped)
        for path in sorted(changed - dropped):
            try:
                scanned = list(os.scandir(os.path.join(self.top, path) if path else self.top))
            except OSError:
                self.trusted = False
                continue
            for folder in self.entries(scanned):
                if folder[self.prefix :] not in kept:
                    self.below(folder)
        return True

    @staticmethod
    def kept(tree: Tree, numbers: array[int], clock: int | None) -> Tree:
        """`tree`, its folders and files as they were, with their `numbers` now."""
        folders = 3 * (tree.folders.count("\0") + 1)
        return Tree(
            tree.root,
            tree.folders,
            tree.files,
            tree.links,
            numbers.tobytes(),
            True,
            _newest(
                True,
                numbers[0:folders:3],
                numbers[1:folders:3],
                numbers[folders + 1 :: 4],
                numbers[folders + 2 :: 4],
            ),
            clock,
        )


def _but(
    paths: list[str], numbers: array[int], offset: int, width: int, skipped: list[int]
) -> tuple[list[str], array[int]]:
    """`paths` but the places `skipped` (ascending), and their numbers (`width` each, from
    `offset`), copied in runs between the places skipped."""
    kept: list[str] = []
    copied = array("q")
    start = 0
    for stop in [*skipped, len(paths)]:
        kept += paths[start:stop]
        copied += numbers[offset + width * start : offset + width * stop]
        start = stop + 1
    return kept, copied


def _newest(trusted: bool, *times: Sequence[int]) -> int:
    """The latest of the times, or NEVER for an untrusted tree (never before any clock)."""
    if not trusted:
        return NEVER
    return max((max(part, default=0) for part in times), default=0)


@dataclass(frozen=True)
class Stamp:
    """What the last good build of an output folder read, wrote and when."""

    inputs: str
    trees: tuple[Tree, ...]
    output: Tree
    now: datetime
    changes_at: datetime | None
    stories: int

    def covers(self, now: datetime) -> bool:
        """Whether a build at `now` makes the same site as the stamped one, inputs alike."""
        return self.now <= now and (self.changes_at is None or now < self.changes_at)


class Snapshot:
    """The inputs of a build, read before it starts."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.output = Path(settings["OUTPUT_PATH"]).resolve()
        self.cache = DiskCache(Path(settings["WARTA_CACHE_PATH"]).resolve())
        self.name = _NAME + hashlib.sha256(str(self.output).encode()).hexdigest()[:16]
        self.key = key_of(settings, "up-to-date")
        self.racy = False
        self._inputs: str | None = None
        self._trees: tuple[Tree, ...] = ()
        # The last build's stamp, if any: its trees spare listing the folders it did not change.
        self._last: Stamp | None = None
        # Whether output/ was found changed since that stamp, the inputs being the same: then
        # something besides a build wrote there, and the stamp's walk of it is not trusted.
        self._output_changed = False
        # The statuses `unchanged` asked each input tree for (by root), and the file system's
        # time before it asked: the walk that follows takes them rather than ask again.
        self._asked: dict[str, _Asked] = {}
        self._asked_at: int | None = None

    def usable(self) -> bool:
        """Whether this build may be skipped at all (see the module's notes)."""
        settings = self.settings
        if settings.get("WARTA_MODE") != "build" or not settings.get("WARTA_UP_TO_DATE_CHECK"):
            return False
        if settings.get("DELETE_OUTPUT_DIRECTORY"):
            return False
        # An output folder inside the content (or the other way round) would be read as input.
        return not any(
            folder.is_relative_to(self.output) or self.output.is_relative_to(folder)
            for folder in self._input_folders()
        )

    def _input_folders(self) -> list[Path]:
        content = Path(self.settings["PATH"]).resolve()
        data = (content / str(self.settings.get("WARTA_DATA_PATH", ""))).resolve()
        return [content] if data.is_relative_to(content) else [content, data]

    def _folders(self) -> list[Path]:
        """Every folder whose files are inputs: the content's, then what plugins read."""
        return [*self._input_folders(), *_plugin_inputs(self.settings)]

    def inputs(self) -> str:
        """The digest of the settings, the code and the theme, and of which folders are read
        (computed once)."""
        if self._inputs is None:
            digest = hashlib.sha256()
            for part in (
                settings_digest(self.settings),
                code_version(self.settings),
                theme_digest(
                    [
                        Path(self.settings["THEME"]),
                        *(
                            Path(path)
                            for path in self.settings.get("THEME_TEMPLATES_OVERRIDES", [])
                        ),
                        *(
                            Path(path)
                            for path in self.settings.get("THEME_STATIC_PATHS", [])
                            if Path(path).is_absolute()
                        ),
                    ]
                ),
                *(str(folder) for folder in self._folders()),
            ):
                digest.update(part.encode() + b"\n")
            self._inputs = digest.hexdigest()
        return self._inputs

    def walk(self) -> None:
        """List every input folder, before the build reads any: a file changed during the build
        counts as changed. Sets `racy` when one changed in the file system's current tick."""
        self.inputs()  # the settings as the build starts: plugins add to them as it runs
        # The statuses the check asked for were asked after its clock, and the others are
        # asked now: entries changed since that clock are the walk's racy ones.
        clock = self._asked_at if self._asked else self._clock()
        self._trees = tuple(
            self._walked(folder, clock, self._asked.pop(str(folder), None))
            for folder in self._folders()
        )
        self._asked.clear()
        self.racy = clock is None or any(tree.newest >= clock for tree in self._trees)

    def _walked(self, folder: Path, clock: int | None, asked: _Asked | None = None) -> Tree:
        """`folder` walked, from the last stamp's walk of it where there is one (`refreshed`,
        with the statuses `unchanged` asked for, if given)."""
        last = self._last
        known = [last.output, *last.trees] if last is not None else []
        for tree in known:
            if tree.root == str(folder):
                return tree.refreshed(clock, asked)
        return Tree.of(folder, clock)

    def _clock(self) -> int | None:
        """The file system's time now, as it stamps a file (None when it cannot be read)."""
        try:
            self.cache.folder.mkdir(parents=True, exist_ok=True)
            probe = self.cache.folder / ".clock"
            probe.write_bytes(b"")
            return probe.stat().st_mtime_ns
        except OSError:
            return None

    def unchanged(self, now: datetime) -> Stamp | None:
        """The stamp, if a build at `now` would write exactly what output/ holds."""
        stamp = self.cache.load(self.name, self.key)
        if not isinstance(stamp, Stamp):
            return None
        self._last = stamp
        if not stamp.covers(now):
            return None
        if stamp.inputs != self.inputs():
            return None
        self._asked_at = self._clock()
        for tree in stamp.trees:
            self._asked[tree.root] = asked = tree.asked()
            if not tree.unchanged(asked):
                return None
        if stamp.output.unchanged():
            return stamp
        self._output_changed = True
        return None

    def forget(self) -> None:
        self.cache.forget(self.name)

    def save(self, run: BuildRun, stories: int) -> None:
        """Stamp what `run` wrote, unless a file changed in the snapshot's own tick."""
        if self.racy or not self._trees:
            return
        self.cache.save(
            self.name,
            self.key,
            Stamp(
                self.inputs(),
                self._trees,
                self._output_now(run.get(OUTPUTS).writes),
                run.now,
                run.changes_at,
                stories,
            ),
        )

    def _output_now(self, writes: Writes | None) -> Tree:
        """output/ as the build left it: from the last stamp's walk and what the build's
        commit changed (`Tree.after`), when that walk is to be trusted. It is not when this
        build found output/ changed with the inputs the same, and there is no such walk after
        a cold build. Were output/ changed by something else while the inputs changed too,
        the stamp only fails to match at the next build, which walks it in full."""
        clock = self._clock()
        last = self._last
        committed = writes.committed if writes is not None else None
        # Pelican copies the theme's files into output/ itself, in place, at every build.
        theme = os.path.normpath(str(self.settings.get("THEME_STATIC_DIR", "theme")))
        if (
            committed is None
            or last is None
            or self._output_changed
            or last.output.root != str(self.output)
            or theme.startswith((".", os.sep))
        ):
            return self._walked(self.output, clock)
        return last.output.after([*committed, theme], clock)


def install(pelican: Any, stories_of: Callable[[BuildRun], int]) -> None:
    """Make `pelican.run()` stop at once when the site is up to date, and stamp each build
    that ends well; `stories_of(run)` counts the stories a build published."""
    original = pelican.run

    def run() -> None:
        snapshot = Snapshot(pelican.settings)
        if not snapshot.usable():
            original()
            return
        started = time.perf_counter()
        stamp = snapshot.unchanged(build_time(pelican.settings))
        if stamp is not None:
            _report(stamp, pelican.settings, time.perf_counter() - started)
            return
        snapshot.forget()
        snapshot.walk()  # before anything is read: a file changed during the build counts
        finished: list[BuildRun] = []

        def keep(run: BuildRun) -> None:
            finished.append(run)

        site_written.connect(keep)
        try:
            original()
        finally:
            site_written.disconnect(keep)
        if finished:
            snapshot.save(finished[-1], stories_of(finished[-1]))

    pelican.run = run


def _report(stamp: Stamp, settings: dict[str, Any], seconds: float) -> None:
    told = t(
        "Nothing changed since the last build: the site in {output} is up to date "
        "({stories:,} stories; checked in {seconds:.1f} s).",
        output=settings["OUTPUT_PATH"],
        stories=stamp.stories,
        seconds=seconds,
    ).told(site_catalogue(settings))
    Console(stderr=True, soft_wrap=True, highlight=False).print(told, markup=False)
    target = os.environ.get("WARTA_STAGE_TIMES")
    if target:
        Path(target).write_text(
            json.dumps(
                {
                    "total": round(seconds, 3),
                    "stories": stamp.stories,
                    "notes": ["nothing changed: nothing was read or written"],
                }
            ),
            encoding="utf-8",
        )


def _plugin_inputs(settings: dict[str, Any]) -> list[Path]:
    """The files and folders plugins read besides the content (`warta.signals.input_files`)."""
    return [Path(path).resolve() for _, paths in input_files.send(settings) for path in paths or ()]
