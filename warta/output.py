"""Writing the site: every page from its view, in parallel, and only the pages that changed.

Each page is rendered from its template, its view, the site's chrome and the settings, and from
nothing else (the templates are given nothing more). So a digest of those is a digest of the
page: the build keeps, for every file it wrote, the digest it was rendered from, its size and
its modification time, and renders a page again only when one of them differs. Files of other
kinds (feeds, sitemaps, search, photos) come from `OutputFiles` that plugins add, each saying
which paths it writes, so two things that would write one address are found before anything is
written. A file an earlier build wrote and this one does not is removed: a deleted story's page
goes, as a cold build would never have made it.

Every file is written through one gate, `Writes`. It confines each name to the output folder
(`confine`: no absolute path, no `..` out of it, no name a file system cannot store), and it
writes this build's files into a staging folder beside output/ (`.<output>.writing`), noting
what is to be removed, until the build has written everything: only then are the staged files
moved into output/ and the removals made (`commit`), which is renames, not rendering. A build
that fails while writing, for any reason, discards the staging folder (`abandon`): output/ is
exactly as the last build left it. Two things that would write one address are found before
anything is written, by their normalised paths (`address_key`).
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import os
import posixpath
import shutil
import threading
import uuid
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from stat import S_ISDIR
from typing import Any
from urllib.parse import quote, unquote

from jinja2 import Environment, Template, TemplateNotFound, meta
from markupsafe import Markup
from pelican.utils import clean_output_dir, get_relative_path, path_to_url

from .cache import code_version, value_pickle
from .keyed import KeyedOutputs
from .messages import Text, t
from .parallel import map_ranges
from .problems import Problem
from .progress import progress
from .run import BuildRun, Slot
from .views import Chrome, Deferred, PageJob

# Below this many pages to render, a second process costs more than it saves.
_PARALLEL_FROM = 200
# Pages handed to a worker at a time: small enough to balance the work and move the bar.
_CHUNK = 250
# Pages a render worker writes before a fresh fork replaces it (map_ranges'
# `ranges_per_worker`): each worker's private copy of the build's memory stays bounded.
_WORKER_PAGES = 2_500
# The render workers' priority below the build's. The search index is built beside the render
# by Pagefind, one part after another; at equal priority it got about half a core, ended well
# after the pages, and the build's last 10-15 s ran on one core (10,000 stories). Below it, the
# index ends first and the pages take both cores to the end: in a paired traced build the time
# from the end of reading to the end went from 83 to 78 s.
_RENDER_NICE = 5
# Pages from which their digests, and the look at output/ that finds a page as the last build
# left it, are made in forked workers (`_changed_pages`): at 100,000 stories, 220,000 pages
# took 5-6 s in this process, most of it pickling keys and one `stat` each, while the other
# core was idle. Below it, forking costs more than it saves.
_DIGESTS_PARALLEL_FROM = 20_000
# Pages a digest worker looks at in one go.
_DIGEST_RANGE = 5_000


@dataclass(frozen=True)
class OutputFiles:
    """Files a plugin writes at the end of the build, other than pages.

    `claims` are the paths it will write (a path ending in '/' claims a whole folder), checked
    against every other output before anything is written. `write(writes)` writes what changed
    through the build's gate and returns every file it now owns, relative to the output folder,
    for the next build's clean-up.
    """

    owner: str
    stage: str
    claims: tuple[str, ...]
    write: Callable[[Writes], list[str]]
    # Written in a thread while the pages render, in this process, which only waits for its
    # render workers meanwhile: feeds, sitemaps and the search index at 10,000 stories are
    # 7-8 s of mostly file system work that would otherwise follow the render on one core.
    beside_pages: bool = False


@dataclass
class Outputs:
    """Everything a build will write: pages from views, and other files from plugins."""

    chrome: Chrome | None = None
    jobs: list[PageJob] = field(default_factory=list)
    files: list[OutputFiles] = field(default_factory=list)
    environment: Environment | None = None
    written_pages: int = 0
    kept_pages: int = 0
    # Every file this build wrote or removed, relative to the output folder (`warta serve`
    # reloads the browsers that show one of them).
    changed: list[str] = field(default_factory=list)
    # The gate every file of the build is written through, made once planning passed.
    writes: Writes | None = None
    # What each file of output/ was made from, the last build's and this one's (`keyed_outputs`).
    keyed: KeyedOutputs | None = None

    @cached_property
    def planned(self) -> frozenset[str]:
        """Every page's path, once the plan is complete."""
        return frozenset(job.save_as for job in self.jobs)


OUTPUTS = Slot[Outputs]("outputs")


def find_clashes(
    outputs: Outputs,
    owner_of: Callable[[PageJob], str],
    folds: bool = False,
    same_owner: Callable[[PageJob], Hashable] | None = None,
) -> list[tuple[str, str, str]]:
    """(path, first owner, second owner) for each address two things would write.

    `owner_of` names what a page job is (a story's file, "the search page"...). Paths are
    compared as the file system stores them (`address_key`; `folds` when it folds case), so
    'a/./b.html', 'a//b.html' and 'A/b.html' are one file; a file where another output needs a
    folder ('penulis' beside 'penulis/x/index.html') clashes too. Paths that lead out of the
    output folder are `escapes`' to report.

    `same_owner(job)`, when given, is a cheap value that tells two jobs' owners apart as their
    names would: jobs are then compared by it, and named only for a clash to report (at 100,000
    stories, naming every listing page in the site's language took about a second).
    """
    ownership: Callable[[PageJob], Hashable] = same_owner or owner_of
    # Each key's first claim: its path, what compares owners, and how to name the owner.
    claims: dict[str, tuple[str, Hashable, PageJob | str]] = {}
    folders: dict[str, tuple[str, str]] = {}
    found: list[tuple[str, PageJob | str, PageJob | str]] = []

    def claim(path: str, owner: Hashable, named: PageJob | str) -> None:
        key = address_key(path, folds)
        if key is None:
            return
        taken = claims.setdefault(key, (path, owner, named))
        if taken[1] != owner:
            found.append((path, taken[2], named))

    for job in outputs.jobs:
        claim(job.save_as, ownership(job), job)
    for files in outputs.files:
        for path in files.claims:
            if path.endswith("/"):
                key = address_key(path + "index.html", folds)
                if key is not None:
                    folders.setdefault(key.rsplit("/", 1)[0] + "/", (path, files.owner))
                continue
            claim(path, files.owner, files.owner)
    for key, (path, owner, named) in claims.items():
        for end in range(len(key)):
            if key[end] != "/":
                continue
            above = key[:end]
            if above in claims and claims[above][1] != owner:
                found.append((claims[above][0], claims[above][2], named))
            folder = folders.get(above + "/")
            if folder is not None and folder[1] != owner:
                found.append((path, folder[1], named))

    def name(named: PageJob | str) -> str:
        return named if isinstance(named, str) else owner_of(named)

    return [(path, name(first), name(second)) for path, first, second in found]


def escapes(outputs: Outputs, owner_of: Callable[[PageJob], str]) -> list[tuple[str, str, str]]:
    """(path, owner, why: a key of ESCAPES) for each page or file that would be written outside
    the output folder, or under a name no file system stores."""
    found = []
    for job in outputs.jobs:
        # An empty address is a page not written (the planning counts it); others must fit.
        why = refusal(job.save_as) if job.save_as else ""
        if why:
            found.append((job.save_as, owner_of(job), why))
    for files in outputs.files:
        for path in files.claims:
            why = refusal(path.rstrip("/") if path.endswith("/") else path)
            if why:
                found.append((path, files.owner, why))
    return found


class OutsideOutput(ValueError):
    """A name that would be written outside the output folder. Planning refuses every such
    name with the file that makes it; meeting one while writing is a defect."""


# A file name, in bytes, that every common file system stores (ext4, APFS, NTFS: 255).
MAX_NAME_BYTES = 255


# Why a name cannot be written (`refusal`), each as a whole message about what writes it.
ESCAPES: dict[str, Text] = {
    "empty": t("{owner} would be written under '{path}', which names no file"),
    "character": t("{owner} would be written at '{path}', which holds a character no address has"),
    "absolute": t("{owner} would be written at '{path}', an absolute path"),
    "outside": t("{owner} would be written at '{path}', outside the output folder"),
    "folder": t("{owner} would be written at '{path}', which names a folder, not a file"),
    "long": t("{owner} would be written at '{path}', which has a name longer than 255 bytes"),
}


def _plain(name: str) -> bool:
    """Whether `name` is already a normal relative path of short names (a page's address nearly
    always is): nothing to resolve, and no name in it can be too long. Checked at every write,
    so the common case is a few string searches."""
    return (
        0 < len(name) < MAX_NAME_BYTES // 4
        and name.isascii()
        and not name.startswith(("/", "."))
        and not name.endswith("/")
        and "//" not in name
        and "/." not in name
        and "\\" not in name
        and "\0" not in name
        and name.strip() == name
    )


def refusal(name: str) -> str:
    """Why `name` cannot be written as a file inside the output folder (a key of ESCAPES), or
    ''."""
    if _plain(name):
        return ""
    normal = posixpath.normpath(name) if name.strip() else "."
    longest = max(len(part.encode("utf-8", "surrogatepass")) for part in normal.split("/"))
    reasons = (
        (not name.strip(), "empty"),
        ("\0" in name or "\\" in name, "character"),
        (name.startswith("/"), "absolute"),
        (normal in (".", "..") or normal.startswith("../"), "outside"),
        (name.endswith("/"), "folder"),
        (longest > MAX_NAME_BYTES, "long"),
    )
    return next((why for wrong, why in reasons if wrong), "")


def confine(name: str) -> str:
    """`name` normalised ('a/./b' as 'a/b'), or OutsideOutput when it cannot be written inside
    the output folder."""
    if _plain(name):
        return name
    why = refusal(name)
    if why:
        raise OutsideOutput(str(ESCAPES[why].fill(owner="a file", path=name[:200])))
    return posixpath.normpath(name)


def address_key(name: str, folds: bool = False) -> str | None:
    """The file `name` is, as the file system sees it, to compare outputs by; None for a name
    that cannot be written (reported by `escapes`)."""
    if _plain(name):  # nearly every page's: nothing to refuse or resolve
        return name.casefold() if folds else name
    if refusal(name):
        return None
    normal = posixpath.normpath(name)
    return normal.casefold() if folds else normal


def folds_case(folder: Path) -> bool:
    """Whether the file system holding `folder` (or its nearest existing parent) takes 'A' and
    'a' for one name, as macOS and Windows do by default."""
    place = folder.resolve()
    while not place.is_dir():
        place = place.parent
    probe = place / f".warta-case-{uuid.uuid4().hex}-Aa"
    try:
        probe.touch()
    except OSError:
        return False
    try:
        return probe.with_name(probe.name.swapcase()).exists()
    finally:
        probe.unlink(missing_ok=True)


class Writes:
    """The one gate every file of a build is written through: names confined to the output
    folder, files staged beside it, and moved in only when the whole build is written.

    `staging` None writes in place (the preview's quick pass, tests of one writer). With
    `fresh`, the output folder's files are not this build's to keep (no trusted record of what
    wrote them): writers see it as empty, and `commit` empties it (OUTPUT_RETENTION kept) before
    moving the staged files in.
    """

    def __init__(
        self,
        output: Path,
        staging: Path | None = None,
        fresh: bool = False,
        retention: Iterable[str] = (),
    ) -> None:
        self.output = output
        self.staging = staging
        self.fresh = fresh
        self.retention = tuple(retention)
        self.removals: list[str] = []
        self.whole: set[str] = set()
        # What `commit` moved into output/ or took from it, relative to it (a folder moved in
        # whole is one name); None until a commit, and for one that emptied output/ first.
        self.committed: list[str] | None = None
        self._lock = threading.Lock()
        # Pages written again into folders output/ has (`page_target`): staged as files of
        # one folder beside the staging tree, where no name written can reach.
        self.pages = staging.with_name(f"{staging.name}-pages") if staging is not None else None
        self._output_root = os.path.join(output, "")

    @classmethod
    def stage(cls, output: Path, fresh: bool, retention: Iterable[str] = ()) -> Writes:
        """A gate staging into `.<output>.writing` beside `output`, left over from a build that
        stopped half-way, emptied."""
        staging = output.with_name(f".{output.name}.writing")
        gate = cls(output, staging, fresh, retention)
        for folder in (staging, gate.pages):
            assert folder is not None
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        return gate

    @property
    def root(self) -> Path:
        """Where files are written until `commit`."""
        return self.staging if self.staging is not None else self.output

    @property
    def existing(self) -> Path:
        """Where the output as it stands is read from (a folder that does not exist when
        `fresh`: nothing of it is kept)."""
        if self.fresh and self.staging is not None:
            return self.staging / ".nothing"
        return self.output

    def current(self, name: str) -> Path:
        """Where `name` is now, to compare a new file with it before writing."""
        return self.existing / confine(name)

    def target(self, name: str, made: set[Path] | None = None) -> Path:
        """Where to write `name` (its folders made; not again for a folder in `made`, which a
        writer of many files keeps)."""
        path = self.root / confine(name)
        if made is None or path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            if made is not None:
                made.add(path.parent)
        return path

    def page_target(self, name: str, made: set[Path] | None = None) -> Path:
        """Where to write the page `name` (`target`). A page written again into a folder that
        output/ has is staged as one file of a flat folder, its name percent-encoded,
        and moved into that folder at `commit`: staging it in a tree made its folders again,
        one or more for every page (about 0.2 ms each here: 3.4 s of CPU for the 17,000
        pages a story added at 100,000 stories writes again), and `commit` then walked and
        removed them (4.3 s, in the build's process)."""
        flat = self._flat(name)
        if flat is not None:
            folder = name.rpartition("/")[0]
            if folder and os.path.isdir(self._output_root + folder):
                return flat
        return self.target(name, made)

    def _flat(self, name: str) -> Path | None:
        """Where `page_target` stages `name` flat, if it may: not in a build that keeps nothing
        of output/ (its tree replaces output/ whole), and only a plain name (`_plain`)."""
        if self.pages is None or self.fresh or not _plain(name):
            return None
        return self.pages / _flat_name(name)

    def write(self, name: str, data: bytes) -> None:
        self.target(name).write_bytes(data)

    def replace_folder(self, name: str, fill: Callable[[Path], object]) -> Path:
        """Make the folder `name` anew with `fill(folder)`; it replaces what is there whole, so
        no reader ever sees half of each. Returns where the folder is until `commit`."""
        relative = confine(name)
        if self.staging is not None:
            folder = self.staging / relative
            shutil.rmtree(folder, ignore_errors=True)
            folder.parent.mkdir(parents=True, exist_ok=True)
            fill(folder)
            with self._lock:
                self.whole.add(relative)
            return folder
        final = self.output / relative
        fresh = final.with_name(f".{final.name}.partial")
        old = final.with_name(f".{final.name}.old")
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        fresh.parent.mkdir(parents=True, exist_ok=True)
        fill(fresh)
        if final.exists():
            final.rename(old)
        fresh.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        return final

    def holds(self, name: str) -> bool:
        """Whether `name` is a file of the output once this build is committed."""
        relative = confine(name)
        # A page written again is nearly always staged flat (`page_target`): looked for there
        # first.
        flat = self._flat(name)
        if flat is not None and flat.is_file():
            return True
        if self.staging is not None and (self.staging / relative).is_file():
            return True
        return relative not in self.removals and (self.existing / relative).is_file()

    def remove(self, name: str) -> None:
        """Remove `name` (a file or a folder) from the output, with the folders it leaves
        empty: at `commit` when staging."""
        relative = confine(name)
        if self.staging is None:
            remove_written(self.output, relative)
            return
        with self._lock:
            self.removals.append(relative)

    def commit(self) -> None:
        """Move the staged files into the output folder and make the removals. Nothing here
        reads content or renders: renames, and the deletions the plan decided."""
        staging = self.staging
        if staging is None:
            return
        self.output.mkdir(parents=True, exist_ok=True)
        if self.fresh:
            clean_output_dir(str(self.output), self.retention)
        moved = list(self.removals)
        for name in self.removals:
            remove_written(self.output, name)
        self._move(staging, self.output, "", moved)
        shutil.rmtree(staging, ignore_errors=True)
        self.staging = None
        if self.pages is not None:
            self._move_pages(self.pages, moved)
            shutil.rmtree(self.pages, ignore_errors=True)
            self.pages = None
        self.committed = None if self.fresh else moved

    def _move_pages(self, pages: Path, moved: list[str]) -> None:
        """Move each page staged flat (`page_target`) into its folder, as `_move` would have
        from a tree: every folder on its way that is not a folder (a file, a link, even one to
        a folder) is taken away and made a folder, so a page is never written through a link;
        a folder where the page goes is taken away whole."""
        folders: set[str] = set()
        with os.scandir(pages) as entries:
            staged = sorted(entry.name for entry in entries)
        for flat in staged:
            name = _unflat_name(flat)
            self._real_folders(name.rpartition("/")[0], folders)
            there = self._output_root + name
            try:
                if S_ISDIR(os.lstat(there).st_mode):
                    shutil.rmtree(there)
            except FileNotFoundError:
                pass
            _rename(pages / flat, Path(there))
            moved.append(name)

    def _real_folders(self, folder: str, known: set[str]) -> None:
        """Make `folder` (under output/) and each folder above it a real folder, once each."""
        if not folder or folder in known:
            return
        self._real_folders(folder.rpartition("/")[0], known)
        path = self._output_root + folder
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not S_ISDIR(mode):
            os.unlink(path)
            mode = None
        if mode is None:
            os.mkdir(path)
        known.add(folder)

    def _move(self, source: Path, target: Path, relative: str, moved: list[str]) -> None:
        with os.scandir(source) as entries:
            names = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries)
        for name, is_dir in names:
            inner = f"{relative}/{name}" if relative else name
            here, there = source / name, target / name
            if is_dir and there.is_dir() and not there.is_symlink() and inner not in self.whole:
                self._move(here, there, inner, moved)
                continue
            if there.is_dir() and not there.is_symlink():
                shutil.rmtree(there)
            elif is_dir and there.exists():
                there.unlink()
            _rename(here, there)
            moved.append(inner)

    def abandon(self) -> None:
        """Forget everything staged: the output folder stays as it was."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if self.pages is not None:
            shutil.rmtree(self.pages, ignore_errors=True)
            self.pages = None


def _flat_name(name: str) -> str:
    """A page's name as one file name (`Writes.page_target`), percent-encoded, '/' too. A plain
    name (`_plain`) is ASCII and under 63 characters, so this one is under 190."""
    return quote(name, safe="")


def _unflat_name(flat: str) -> str:
    return unquote(flat)


def _rename(source: Path, target: Path) -> None:
    """`source` to `target` in one rename; moved by copying where they are on two disks."""
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        shutil.move(source, target)


def stable(value: Any) -> Any:
    """A JSON-able stand-in for a settings value, the same in every process and run."""
    if isinstance(value, dict):
        return {str(key): stable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [stable(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(str(stable(item)) for item in value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if callable(value):
        name = getattr(value, "__qualname__", type(value).__name__)
        return f"{getattr(value, '__module__', '')}.{name}"
    return f"{type(value).__module__}.{type(value).__qualname__}"


def theme_digest(folders: Iterable[Path]) -> str:
    """A digest of every file under the theme's templates and translations."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def theme_folders(settings: dict[str, Any]) -> list[Path]:
    """Every folder the look of a page comes from: the site's templates first
    (THEME_TEMPLATES_OVERRIDES), then the theme's templates and catalogues. Static files are not
    among them: a page links its stylesheet, whatever the stylesheet holds."""
    theme = Path(settings["THEME"])
    return [
        *(Path(folder) for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or []),
        theme / "templates",
        theme / "translations",
    ]


# Settings that change how a build runs, never what it writes (tests build with 1 and 2
# workers, and with a cache in another folder, and compare every byte).
_NOT_IN_OUTPUT = frozenset(
    {
        "WARTA_MODE",
        "WARTA_RECORD_ADDRESSES",
        "WARTA_BUILD_TIME",
        "WARTA_WORKERS",
        "WARTA_UP_TO_DATE_CHECK",
        "WARTA_CACHE_PATH",
        "WARTA_IMAGES_CACHE_PATH",
        "WARTA_IMAGES_WORKERS",
        "WARTA_IMAGES_PROGRESS_FROM",
        "WARTA_RELATED_WORKERS",
    }
)


def settings_digest(settings: dict[str, Any]) -> str:
    """A digest of every setting (functions by name), the same in every process and run.

    What a build writes depends on its settings, but not on whether it only checks, nor on how
    many processes it uses, nor on when it runs: the build time decides which stories are out,
    which the site's plan already says.
    """
    chosen = {
        key: value for key, value in settings.items() if key.isupper() and key not in _NOT_IN_OUTPUT
    }
    return hashlib.sha256(json.dumps(stable(chosen), sort_keys=True).encode()).hexdigest()


def _base(run: BuildRun, chrome: Chrome) -> bytes:
    """What every page depends on: code, settings, theme, chrome."""
    parts = [
        code_version(run.settings),
        settings_digest(run.settings),
        theme_digest(theme_folders(run.settings)),
    ]
    digest = hashlib.sha256("\n".join(parts).encode())
    digest.update(value_pickle(chrome))
    return digest.digest()


def _page_digest(base: bytes, job: PageJob) -> str:
    digest = hashlib.blake2b(base, digest_size=20)
    digest.update(job.template.encode() + b"\0" + job.save_as.encode() + b"\0")
    key = job.key.make() if isinstance(job.key, Deferred) else job.key
    digest.update(value_pickle(key))
    return digest.hexdigest()


def site_url_for(save_as: str, settings: dict[str, Any]) -> str:
    """SITEURL as a page at `save_as` writes it: relative when RELATIVE_URLS, as Pelican does."""
    if settings["RELATIVE_URLS"]:
        return str(path_to_url(get_relative_path(save_as)))
    return str(settings["SITEURL"])


@dataclass
class PageRenderer:
    """Renders page jobs into `output` (the build's workers, and the preview's quick pass);
    forked workers inherit it, so nothing is pickled."""

    environment: Environment
    settings: dict[str, Any]
    chrome: Chrome
    writes: Writes
    templates: dict[str, Template] = field(default_factory=dict)
    shared_parts: dict[tuple[str, str, tuple[tuple[str, Any], ...]], Markup] = field(
        default_factory=dict
    )

    def template(self, name: str) -> Template:
        found = self.templates.get(name)
        if found is None:
            found = self.templates[name] = self.environment.get_template(name)
        return found

    def compile_all(self, names: Iterable[str]) -> None:
        """Compile `names` and every template they extend, include or import, once, in this
        process: workers forked afterwards (a fresh one every _WORKER_PAGES pages) find them
        in the environment's cache instead of each compiling them again."""
        todo = list(names)
        seen: set[str] = set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            try:
                self.template(name)
            except TemplateNotFound:
                continue  # `ignore missing`, or the first of a list: the render decides
            loader = self.environment.loader
            assert loader is not None
            source, _, _ = loader.get_source(self.environment, name)
            # Only names written as constants can be known before rendering; others are
            # compiled by the worker that meets them, as before.
            todo.extend(
                found
                for found in meta.find_referenced_templates(self.environment.parse(source))
                if found is not None
            )

    def shared(self, name: str, siteurl: str, **values: Any) -> Markup:
        """The templates' `shared(partial, SITEURL, **values)`: the partial rendered from the
        chrome, SITEURL and `values` alone, once for each of them. The masthead and the footer
        are the same on every page of a folder depth, so they are rendered a few times, not
        once per page; a digest of the page's inputs still covers everything they show."""
        key = (name, siteurl, tuple(sorted(values.items())))
        found = self.shared_parts.get(key)
        if found is None:
            html = self.template(name).render(
                {**self.settings, "site": self.chrome, "SITEURL": siteurl, **values}
            )
            found = self.shared_parts[key] = Markup(html)  # noqa: S704 - autoescaped template
        return found

    def render(self, jobs: list[PageJob]) -> list[str]:
        """Render and write each job's page; returns the pages written."""
        made: set[Path] = set()
        for job in jobs:
            template = self.template(f"{job.template}.html")
            siteurl = site_url_for(job.save_as, self.settings)
            html = template.render(
                {
                    **self.settings,
                    "site": self.chrome,
                    "page": job.make(),
                    "SITEURL": siteurl,
                    "output_file": job.save_as,
                    "shared": self.shared,
                }
            )
            self.writes.page_target(job.save_as, made).write_text(html, encoding="utf-8")
        return [job.save_as for job in jobs]


def _render_chunks(
    renderer: PageRenderer, chunks: list[list[PageJob]], start: int, end: int
) -> None:
    # The pages are stamped once they are in output/ (`KeyedOutputs.stamp`), not here.
    for index in range(start, end):
        renderer.render(chunks[index])


def keyed_outputs(run: BuildRun) -> KeyedOutputs:
    """The build's `KeyedOutputs` of its output folder (`warta.keyed`), loaded once, when first
    asked: the search index asks while the site is still being planned."""
    outputs = run.get(OUTPUTS)
    if outputs.keyed is None:
        output = Path(run.settings["OUTPUT_PATH"])
        outputs.keyed = KeyedOutputs.of(run.cache, run.settings, output)
    return outputs.keyed


def open_writes(run: BuildRun, output: Path) -> Writes:
    """The build's gate, once planning passed: files are staged beside `output` until all are
    written. If the cache cannot say what an earlier build wrote in `output` (no cache, or one
    cut short, damaged or made by other code), the build is a cold one: it keeps nothing of
    `output`, which the commit empties (OUTPUT_RETENTION kept), as Pelican's
    DELETE_OUTPUT_DIRECTORY would, so that no file of an unknown build outlives this one. Never
    when `output` holds the content folder."""
    content = Path(run.settings["PATH"]).resolve()
    keyed = keyed_outputs(run)
    fresh = not keyed.known and output.is_dir() and not content.is_relative_to(output.resolve())
    writes = Writes.stage(output, fresh, run.settings["OUTPUT_RETENTION"])
    keyed.open(writes.existing, fresh)
    return writes


def write_site(
    run: BuildRun, output: Path, check: Callable[[Writes], list[Problem]] | None = None
) -> list[Problem]:
    """Render every changed page, write every other output, remove what no longer belongs.

    Everything goes through the build's gate (`Outputs.writes`), staged until all of it is
    written and `check(writes)` finds nothing wrong; then it is moved into `output` at once.
    Problems `check` finds, and any exception, leave `output` as it was.
    """
    outputs = run.get(OUTPUTS)
    assert outputs.environment is not None
    assert outputs.chrome is not None
    writes = outputs.writes or open_writes(run, output)
    keyed = keyed_outputs(run)
    try:
        stale = _stage(run, outputs, writes, keyed)
        problems = check(writes) if check is not None else []
        if problems:
            writes.abandon()
            return problems
        writes.commit()
    except BaseException:
        writes.abandon()
        raise
    written = keyed.stamp()
    outputs.changed.extend([*written, *stale])
    keyed.save(run.cache, run.settings)
    return []


def _stage(run: BuildRun, outputs: Outputs, writes: Writes, keyed: KeyedOutputs) -> list[str]:
    """Write the build into `writes`, each file noted in `keyed`; returns the files removed."""
    assert outputs.environment is not None
    assert outputs.chrome is not None
    with run.stage("render"):
        # The outputs written beside the pages start as soon as the digests' workers exist:
        # this process only waits for them (at 100,000 stories the feeds, the sitemaps and the
        # search index's placing took 2-3 s, waited for after the pages of a one-story build).
        beside = _Beside(run, [files for files in outputs.files if files.beside_pages], writes)
        try:
            todo = _changed_pages(
                _base(run, outputs.chrome), outputs.jobs, keyed, run.workers, forked=beside.start
            )
            _render(run, outputs, writes, todo)
        except BaseException:
            beside.wait()  # their work is thrown away with the build's; not left running
            raise
    keyed.owned(beside.finish())
    outputs.written_pages = len(todo)
    outputs.kept_pages = len(outputs.jobs) - len(todo)
    for files in outputs.files:
        if files.beside_pages:
            continue
        with run.stage(files.stage):
            keyed.owned(files.write(writes))
    stale = keyed.stale()
    for name in stale:
        writes.remove(name)
    return stale


def _render(run: BuildRun, outputs: Outputs, writes: Writes, todo: list[PageJob]) -> None:
    """Render the pages of `todo` into `writes`, in forked workers when there are many."""
    assert outputs.environment is not None
    assert outputs.chrome is not None
    environment = outputs.environment
    renderer = PageRenderer(environment, run.settings, outputs.chrome, writes)
    # Compiled once here, before the fork, not again in every worker.
    renderer.compile_all(sorted({f"{job.template}.html" for job in todo}))
    # Then taken as they are until the pages are written: each page's imports, includes and
    # `extends` would otherwise look at each template's file again (a stat apiece).
    reload, environment.auto_reload = environment.auto_reload, False
    chunks = [todo[start : start + _CHUNK] for start in range(0, len(todo), _CHUNK)]
    sizes = iter([len(chunk) for chunk in chunks])
    try:
        with progress(run.console, t("Writing pages").told(run.catalogue), len(todo)) as advance:
            map_ranges(
                _render_chunks,
                len(chunks),
                run.workers if len(todo) >= _PARALLEL_FROM else 1,
                renderer,
                chunks,
                parallel_from=2,
                range_limit=1,
                done=lambda _: advance(next(sizes)),
                ranges_per_worker=_WORKER_PAGES // _CHUNK,
                nice=_RENDER_NICE,
            )
    finally:
        environment.auto_reload = reload


def _changed_pages(
    base: bytes,
    jobs: list[PageJob],
    keyed: KeyedOutputs,
    workers: int,
    forked: Callable[[], None] | None = None,
) -> list[PageJob]:
    """The jobs whose page the last build did not make from the same digest, or made and
    someone changed since, in their order; each job noted in `keyed`, as made or kept.
    `forked()`: called once the workers exist (`map_ranges`)."""
    parts = map_ranges(
        _changed_range,
        len(jobs),
        workers,
        base,
        jobs,
        keyed,
        parallel_from=_DIGESTS_PARALLEL_FROM,
        range_limit=_DIGEST_RANGE,
        forked=forked,
    )
    changed = dict(itertools.chain.from_iterable(parts))
    keyed.keep_all([job.save_as for index, job in enumerate(jobs) if index not in changed])
    todo: list[PageJob] = []
    for index, digest in changed.items():
        keyed.made(jobs[index].save_as, digest)
        todo.append(jobs[index])
    return todo


def _changed_range(
    base: bytes, jobs: list[PageJob], keyed: KeyedOutputs, start: int, end: int
) -> list[tuple[int, str]]:
    """Of jobs[start:end], each one to render again (`_changed_pages`), by place, with its
    page's digest: in a worker, only what the parent needs crosses back."""
    changed = []
    for index in range(start, end):
        job = jobs[index]
        digest = _page_digest(base, job)
        if not keyed.as_left(job.save_as, digest):
            changed.append((index, digest))
    return changed


class _Beside:
    """Outputs written in threads while the pages' digests are made and the pages render, in
    worker processes."""

    def __init__(self, run: BuildRun, files: list[OutputFiles], writes: Writes) -> None:
        self.run = run
        self.files = files
        self.writes = writes
        self.threads: list[threading.Thread] = []
        # By the output's place in `files`: threads end in any order.
        self.written: dict[int, list[str]] = {}
        self.failures: dict[int, BaseException] = {}

    def start(self) -> None:
        for index, files in enumerate(self.files):
            thread = threading.Thread(target=self._write, args=(index, files), name=files.owner)
            thread.start()
            self.threads.append(thread)

    def _write(self, index: int, files: OutputFiles) -> None:
        try:
            with self.run.stage(files.stage):
                self.written[index] = files.write(self.writes)
        except BaseException as error:
            self.failures[index] = error

    def wait(self) -> None:
        """Wait for every thread that was started."""
        for thread in self.threads:
            thread.join()

    def finish(self) -> list[str]:
        """Wait for every thread; the first output's failure is raised here, in the build's
        thread. The files come back in the outputs' order, whichever thread ended first, so
        what `KeyedOutputs` notes, and the cache entry that keeps it, are the same from build to
        build."""
        self.wait()
        if self.failures:
            raise self.failures[min(self.failures)]
        return [path for index in sorted(self.written) for path in self.written[index]]


def remove_written(output: Path, name: str) -> None:
    """Remove a file an earlier build wrote, and the folders it leaves empty."""
    target = output / name
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target, ignore_errors=True)
    else:
        target.unlink(missing_ok=True)
    for folder in target.parents:
        if folder == output or not folder.is_relative_to(output):
            break
        try:
            folder.rmdir()
        except OSError:
            break


def write_files(writes: Writes, contents: Mapping[str, str | bytes]) -> list[str]:
    """Write `contents` (path → text or bytes) through `writes`, leaving unchanged files as they
    are. An unchanged file keeps its modification time, so a host's or a CDN's caching stays
    warm."""
    written = []
    for name, content in contents.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        current = writes.current(name)
        try:
            if current.stat().st_size == len(data) and current.read_bytes() == data:
                written.append(name)
                continue
        except OSError:
            pass
        writes.write(name, data)
        written.append(name)
    return written
