"""Nothing changed, nothing to do: `make html` on a site whose inputs and output are exactly as
the last good build left them stops before reading a file.

A build that ends well leaves a stamp in the cache (`.cache/warta/up-to-date-<output>.cache`):

- a digest of what it was built with: every setting (as the page digests take them), the code
  of Warta and of every plugin in PLUGINS and the libraries that shape the output
  (`code_version`), and every file of the theme;
- a `Tree` of each input folder (the content, the data folder, what plugins read besides) and
  one of the output folder: every folder and file under it in the order a walk met them, with
  each one's length (files), modification and change times and inode number, as git's index
  notes them;
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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from stat import S_ISDIR
from typing import Any

from rich.console import Console

from .cache import DiskCache, code_version, key_of
from .keyed import NEVER
from .messages import site_catalogue, t
from .output import settings_digest, theme_digest
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

    @classmethod
    def of(cls, root: Path) -> Tree:
        """Walk `root`, a folder; a folder that cannot be read, a link to a folder or one that
        leads nowhere make the tree untrusted, as what lies behind them is not listed."""
        top = str(root)
        prefix = len(top) + 1
        folders: list[str] = []
        files: list[str] = []
        links: list[str] = []
        folder_numbers: list[int] = []
        file_numbers: list[int] = []
        link_numbers: list[int] = []
        trusted = True
        stack = [top]
        while stack:
            current = stack.pop()
            try:
                status = os.stat(current, follow_symlinks=False)
                scanned = list(os.scandir(current))
            except OSError:
                trusted = False
                continue
            folders.append(current[prefix:])
            folder_numbers += (status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
            for entry in scanned:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif entry.is_symlink():
                        target = os.readlink(entry.path)
                        status = os.stat(entry.path)
                        if S_ISDIR(status.st_mode):
                            trusted = False
                        links += (entry.path[prefix:], target)
                        link_numbers += _file_numbers(status)
                    else:
                        files.append(entry.path[prefix:])
                        file_numbers += _file_numbers(entry.stat(follow_symlinks=False))
                except OSError:
                    trusted = False
        times = [
            *folder_numbers[0::3],
            *folder_numbers[1::3],
            *file_numbers[1::4],
            *file_numbers[2::4],
            *link_numbers[1::4],
            *link_numbers[2::4],
        ]
        return cls(
            top,
            "\0".join(folders),
            "\0".join(files),
            "\0".join(links),
            array("q", folder_numbers + file_numbers + link_numbers).tobytes(),
            trusted,
            max(times, default=0) if trusted else NEVER,
        )

    def unchanged(self) -> bool:
        """Whether every folder and file is as the walk found it and no folder holds another
        name: one `stat` each, no folder listed (a name added, removed or renamed changes its
        folder's times)."""
        if not self.trusted:
            return False
        prefix = self.root + os.sep
        numbers = array("q")
        add = numbers.extend
        stat = os.stat
        try:
            for path in self.folders.split("\0"):
                status = stat(prefix + path if path else self.root, follow_symlinks=False)
                if not S_ISDIR(status.st_mode):
                    return False
                add((status.st_mtime_ns, status.st_ctime_ns, status.st_ino))
            if self.files:
                for path in self.files.split("\0"):
                    status = stat(prefix + path, follow_symlinks=False)
                    add((status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino))
            if self.links:
                pairs = self.links.split("\0")
                for path, target in zip(pairs[0::2], pairs[1::2], strict=True):
                    if os.readlink(prefix + path) != target:
                        return False
                    add(_file_numbers(stat(prefix + path)))
        except OSError:
            return False
        return numbers.tobytes() == self.numbers


def _file_numbers(status: os.stat_result) -> tuple[int, int, int, int]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


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
        clock = self._clock()
        self._trees = tuple(Tree.of(folder) for folder in self._folders())
        self.racy = clock is None or any(tree.newest >= clock for tree in self._trees)

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
        if not isinstance(stamp, Stamp) or not stamp.covers(now):
            return None
        if stamp.inputs != self.inputs():
            return None
        if not all(tree.unchanged() for tree in stamp.trees):
            return None
        return stamp if stamp.output.unchanged() else None

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
                Tree.of(self.output),
                run.now,
                run.changes_at,
                stories,
            ),
        )


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
