"""Writing the site: every page from its view, in parallel, and only the pages that changed.

Each page is rendered from its template, its view, the site's chrome and the settings, and from
nothing else (the templates are given nothing more). So a digest of those is a digest of the
page: the build keeps, for every file it wrote, the digest it was rendered from, its size and
its modification time, and renders a page again only when one of them differs. Files of other
kinds (feeds, sitemaps, search, photos) come from `OutputFiles` that plugins add, each saying
which paths it writes, so two things that would write one address are found before anything is
written. A file an earlier build wrote and this one does not is removed: a deleted story's page
goes, as a cold build would never have made it.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, TemplateNotFound, meta
from markupsafe import Markup
from pelican.utils import clean_output_dir, get_relative_path, path_to_url

from .cache import code_version, key_of
from .parallel import map_ranges
from .problems import Problem
from .progress import progress
from .run import BuildRun, Slot
from .views import Chrome, PageJob

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


@dataclass(frozen=True)
class OutputFiles:
    """Files a plugin writes at the end of the build, other than pages.

    `claims` are the paths it will write (a path ending in '/' claims a whole folder), checked
    against every other output before anything is written. `write(output)` writes what changed
    and returns every file it now owns, relative to `output`, for the next build's clean-up.
    """

    owner: str
    stage: str
    claims: tuple[str, ...]
    write: Callable[[Path], list[str]]
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

    @cached_property
    def planned(self) -> frozenset[str]:
        """Every page's path, once the plan is complete."""
        return frozenset(job.save_as for job in self.jobs)


OUTPUTS = Slot[Outputs]("outputs")


def find_clashes(
    outputs: Outputs, owner_of: Callable[[PageJob], str]
) -> list[tuple[str, str, str]]:
    """(path, first owner, second owner) for each address two things would write.

    `owner_of` names what a page job is (a story's file, "the search page"...).
    """
    claims: dict[str, str] = {}
    folders: dict[str, str] = {}
    clashes = []
    for job in outputs.jobs:
        owner = owner_of(job)
        taken = claims.setdefault(job.save_as, owner)
        if taken != owner:
            clashes.append((job.save_as, taken, owner))
    for files in outputs.files:
        for path in files.claims:
            if path.endswith("/"):
                folders.setdefault(path, files.owner)
                continue
            taken = claims.setdefault(path, files.owner)
            if taken != files.owner:
                clashes.append((path, taken, files.owner))
    for folder, owner in folders.items():
        for path, other in claims.items():
            if path.startswith(folder) and other != owner:
                clashes.append((path, owner, other))
    return clashes


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
        code_version(),
        settings_digest(run.settings),
        theme_digest(theme_folders(run.settings)),
    ]
    digest = hashlib.sha256("\n".join(parts).encode())
    digest.update(pickle.dumps(chrome, protocol=5))
    return digest.digest()


# A written page: its path, length, modification and change times.
PageStamp = tuple[str, int, int, int]


def _page_digest(base: bytes, job: PageJob) -> str:
    digest = hashlib.blake2b(base, digest_size=20)
    digest.update(job.template.encode() + b"\0" + job.save_as.encode() + b"\0")
    digest.update(pickle.dumps(job.key, protocol=5))
    return digest.hexdigest()


def site_url_for(save_as: str, settings: dict[str, Any]) -> str:
    """SITEURL as a page at `save_as` writes it: relative when RELATIVE_URLS, as Pelican does."""
    if settings["RELATIVE_URLS"]:
        return str(path_to_url(get_relative_path(save_as)))
    return str(settings["SITEURL"])


@dataclass
class _Renderer:
    """Renders page jobs into `output`; forked workers inherit it, so nothing is pickled."""

    environment: Environment
    settings: dict[str, Any]
    chrome: Chrome
    output: Path
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

    def render(self, jobs: list[PageJob]) -> list[PageStamp]:
        stamps = []
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
            target = self.output / job.save_as
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_text(html, encoding="utf-8")
            status = target.stat()
            stamps.append((job.save_as, status.st_size, status.st_mtime_ns, status.st_ctime_ns))
        return stamps


def _render_chunks(
    renderer: _Renderer, chunks: list[list[PageJob]], start: int, end: int
) -> list[list[PageStamp]]:
    return [renderer.render(chunks[index]) for index in range(start, end)]


def _manifest_name(output: Path) -> str:
    return "pages-" + hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]


def _previous_pages(run: BuildRun, output: Path) -> dict[str, Any] | None:
    previous = run.cache.load(_manifest_name(output), key_of("pages"))
    return previous if isinstance(previous, dict) else None


def prepare_output(run: BuildRun, output: Path) -> None:
    """Before anything is written: if the cache cannot say what an earlier build wrote in
    `output` (no cache, or one cut short, damaged or made by other code), `output` is emptied,
    as Pelican's DELETE_OUTPUT_DIRECTORY would (OUTPUT_RETENTION kept), so that no file of an
    unknown build outlives this one: the build is then a cold build. Never when `output` holds
    the content folder."""
    if _previous_pages(run, output) is not None or not output.is_dir():
        return
    content = Path(run.settings["PATH"]).resolve()
    if content.is_relative_to(output.resolve()):
        return
    clean_output_dir(str(output), run.settings["OUTPUT_RETENTION"])


def write_site(run: BuildRun, output: Path) -> list[Problem]:
    """Render every changed page, write every other output, remove what no longer belongs.

    Returns problems found while writing (a page that could not be written names its file).
    """
    outputs = run.get(OUTPUTS)
    assert outputs.environment is not None
    assert outputs.chrome is not None
    previous = _previous_pages(run, output) or {}
    base = _base(run, outputs.chrome)
    digests: dict[str, str] = {}
    todo: list[PageJob] = []
    with run.stage("render"):
        for job in outputs.jobs:
            digest = digests[job.save_as] = _page_digest(base, job)
            known = previous.get(job.save_as)
            if known is not None and known[0] == digest and _unchanged(output / job.save_as, known):
                continue
            todo.append(job)
        environment = outputs.environment
        renderer = _Renderer(environment, run.settings, outputs.chrome, output)
        # Compiled once here, before the fork, not again in every worker.
        renderer.compile_all(sorted({f"{job.template}.html" for job in todo}))
        # Then taken as they are until the pages are written: each page's imports, includes
        # and `extends` would otherwise look at each template's file again (a stat apiece).
        reload, environment.auto_reload = environment.auto_reload, False
        chunks = [todo[start : start + _CHUNK] for start in range(0, len(todo), _CHUNK)]
        sizes = iter([len(chunk) for chunk in chunks])
        beside = _Beside(run, [files for files in outputs.files if files.beside_pages], output)
        try:
            with progress(run.console, "Writing pages", len(todo)) as advance:
                parts = map_ranges(
                    _render_chunks,
                    len(chunks),
                    run.workers if len(todo) >= _PARALLEL_FROM else 1,
                    renderer,
                    chunks,
                    parallel_from=2,
                    range_limit=1,
                    done=lambda _: advance(next(sizes)),
                    forked=beside.start,
                    ranges_per_worker=_WORKER_PAGES // _CHUNK,
                    nice=_RENDER_NICE,
                )
        finally:
            environment.auto_reload = reload
        stamps = {
            save_as: (digests[save_as], size, mtime, ctime)
            for part in parts
            for chunk in part
            for save_as, size, mtime, ctime in chunk
        }
    outputs.written_pages = len(todo)
    outputs.kept_pages = len(outputs.jobs) - len(todo)
    manifest: dict[str, tuple[str, int, int, int] | None] = {}
    for job in outputs.jobs:
        manifest[job.save_as] = stamps.get(job.save_as) or previous.get(job.save_as)
    for path in beside.finish():
        manifest.setdefault(path, None)
    for files in outputs.files:
        if files.beside_pages:
            continue
        with run.stage(files.stage):
            for path in files.write(output):
                manifest.setdefault(path, None)
    outputs.changed.extend(stamps)
    for stale in sorted(set(previous) - set(manifest)):
        remove_written(output, stale)
        outputs.changed.append(stale)
    run.cache.save(_manifest_name(output), key_of("pages"), manifest)
    return []


class _Beside:
    """Outputs written in threads while the pages render in worker processes."""

    def __init__(self, run: BuildRun, files: list[OutputFiles], output: Path) -> None:
        self.run = run
        self.files = files
        self.output = output
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
                self.written[index] = files.write(self.output)
        except BaseException as error:
            self.failures[index] = error

    def finish(self) -> list[str]:
        """Wait for every thread; the first output's failure is raised here, in the build's
        thread. The files come back in the outputs' order, whichever thread ended first, so
        the page manifest, and the cache entry that keeps it, are the same from build to build."""
        for thread in self.threads:
            thread.join()
        if self.failures:
            raise self.failures[min(self.failures)]
        return [path for index in sorted(self.written) for path in self.written[index]]


def _unchanged(target: Path, known: tuple[str, int, int, int] | None) -> bool:
    """Whether the page is as this code wrote it: the same length, modification and change
    times (a file rewritten by hand to the same length and time has a new change time)."""
    if known is None:
        return False
    try:
        status = target.stat()
    except OSError:
        return False
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns) == known[1:]


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


def write_files(output: Path, contents: Mapping[str, str | bytes]) -> list[str]:
    """Write `contents` (path → text or bytes) under `output`, leaving unchanged files untouched.

    An unchanged file keeps its modification time, so a host's or a CDN's caching stays warm.
    """
    written = []
    for name, content in contents.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = output / name
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                written.append(name)
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(name)
    return written
