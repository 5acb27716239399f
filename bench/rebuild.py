"""Rebuilding a site already built: `make html` after small changes, and `warta serve`'s preview.

    python -m bench rebuild                         10,000 stories
    python -m bench rebuild --sizes 1000,10000      the sizes named
    python -m bench rebuild --keep DIR              keep the archives in DIR and reuse them
    python -m bench rebuild --no-preview            `make html` only, not `warta serve`

At each size, on one generated archive (bench/archive.py, the one `bench build` uses):

1. The baseline: a cold build of stock Pelican 4.12 with related_posts and sitemap, then the
   Pagefind CLI over its output (bench/stock.py), as `bench build` runs it.
2. Warta: a cold build (`python -m pelican ... --fatal warnings`, as `make html` runs it), then
   `make html` again after each change below, one after the other, each measured as a whole
   process tree and set beside the baseline:
   nothing changed; one story edited; one story added; that story deleted; a writer's role
   changed in the authors data file; a template changed (the theme is a copy in the archive's
   folder).
3. `warta serve` on the same folder and output: once it holds the site in memory, a real
   headless Chromium (Debian's) opens a story's page; the story is edited, and the time is
   taken from the save until the open page shows the new headline (reloaded by the preview,
   not by the benchmark). Then a new story is saved (until its page is served) and deleted
   (until its address answers 404). After each, the time until the whole site is up to date
   again (the preview's full pass) is printed too.

The targets are those of the instant-rebuilds issue: nothing changed at most 0.05x the
baseline, one story edited or added at most 0.1x, and the preview within 2 s. The archive is
put back as it was at the end, so `--keep` reuses it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench.build import (
    ARTIFACTS,
    BUILD_TIME,
    LOG_ENV,
    REPO,
    WARTA_SETTINGS,
    Build,
    build_baseline,
    clean,
    megabytes,
    parse_sizes,
    prepare_archive,
    run_warta,
    seconds,
    shown,
    verdict,
)
from bench.measure import Measurement, empty_trash

DEFAULT_SIZES = (10_000,)
TARGET_NOTHING = 0.05
TARGET_ONE_STORY = 0.10
TARGET_PREVIEW = 2.0
PREVIEW_LIMIT = 900.0  # seconds the preview may take to hold the site, after its first build
POLL = 0.02
NEW_STORY = "berita-uji-bangku-baru.md"


@dataclass
class Step:
    """One `make html` after one change."""

    label: str
    measurement: Measurement
    stages: dict[str, float]
    target: float | None = None


@dataclass
class Preview:
    """One change seen through `warta serve`."""

    label: str
    shown: float | None
    settled: float | None
    note: str = ""


@dataclass
class Outcome:
    size: int
    baseline: Build
    cold: Step
    steps: list[Step] = field(default_factory=list)
    previews: list[Preview] = field(default_factory=list)
    serve_memory: int | None = None
    notes: list[str] = field(default_factory=list)


def arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench rebuild",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES))
    parser.add_argument("--keep", type=Path, metavar="DIR")
    parser.add_argument("--baseline-limit", type=float, default=60.0, metavar="MINUTES")
    # At 100,000 stories the preview takes many minutes to hold the site before its first
    # figure; the `make html` steps are what the one-story targets are about.
    parser.add_argument(
        "--no-preview", action="store_true", help="leave out `warta serve` (step 3)"
    )
    known, unknown = parser.parse_known_args(list(argv))
    if unknown:
        print(f"  (options for other benchmarks, ignored here: {' '.join(unknown)})")
    return known


class Archive:
    """The archive's files this benchmark changes, and how to put them back."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.content = folder / "content"
        stories = sorted((self.content / "articles").rglob("*.md"))
        # A story from the middle of the archive: its page, its desk's and place's pages, its
        # neighbours and its search part all have older and newer stories around them.
        self.story = stories[len(stories) // 2]
        self.original = self.story.read_bytes()
        self.authors = self.content / "data" / "authors.yaml"
        self.authors_original = self.authors.read_bytes()
        self.new = self.story.parent / NEW_STORY

    def header(self, name: str) -> str:
        for line in self.original.decode("utf-8").splitlines():
            if line.startswith(f"{name}: "):
                return line.split(": ", 1)[1]
        raise KeyError(name)

    def edit(self, mark: str) -> str:
        """Give the story a new headline and a new paragraph; returns the headline."""
        title = f"{self.header('Title')} ({mark})"
        text = self.original.decode("utf-8").replace(
            f"Title: {self.header('Title')}", f"Title: {title}", 1
        )
        self.story.write_text(
            text + f"\nParagraf tambahan redaksi untuk uji sunting ({mark}).\n", encoding="utf-8"
        )
        return title

    def add(self, mark: str) -> tuple[str, str]:
        """A new story beside the edited one; returns its headline and slug."""
        slug = f"bangku-baru-taman-kota-{mark}"
        title = f"Bangku Baru Dipasang di Taman Kota ({mark})"
        text = self.original.decode("utf-8")
        text = text.replace(f"Title: {self.header('Title')}", f"Title: {title}", 1)
        text = text.replace(f"Slug: {self.header('Slug')}", f"Slug: {slug}", 1)
        self.new.write_text(text, encoding="utf-8")
        return title, slug

    def change_role(self) -> None:
        text = self.authors_original.decode("utf-8")
        start = text.index("- name:")
        line = text.index("role:", start)
        end = text.index("\n", line)
        self.authors.write_text(text[:line] + "role: Redaktur Senior" + text[end:], "utf-8")

    def restore(self) -> None:
        self.story.write_bytes(self.original)
        self.authors.write_bytes(self.authors_original)
        self.new.unlink(missing_ok=True)


def settings_file(folder: Path) -> Path:
    """The Warta settings `bench build` uses, with the theme copied into the folder (one step
    changes a template) and the output where the preview serves it."""
    theme = folder / "theme"
    if theme.exists():
        shutil.rmtree(theme)
    shutil.copytree(REPO / "theme", theme)
    conf = folder / "rebuildconf.py"
    conf.write_text(
        WARTA_SETTINGS.format(
            conf=str(REPO / "pelicanconf.py"),
            theme=str(theme),
            plugins=str(REPO / "plugins"),
            node_modules=str(REPO / "node_modules"),
        )
        + 'OUTPUT_PATH = "output-warta"\n',
        encoding="utf-8",
    )
    return conf


def make_html(folder: Path, conf: Path, size: int, label: str, target: float | None) -> Step:
    slug = label.split(":", maxsplit=1)[0].replace(" ", "-")
    measurement, (stages, _, _) = run_warta(
        folder, conf, folder / "output-warta", ARTIFACTS / f"rebuild-{size}-{slug}.log"
    )
    if not measurement.ok:
        print(f"  {label}: the build failed; see {ARTIFACTS / f'rebuild-{size}-{slug}.log'}")
    return Step(label, measurement, stages, target)


def rebuilds(folder: Path, size: int, archive: Archive, conf: Path) -> tuple[Step, list[Step]]:
    clean(folder, "output-warta", ".cache")
    print("  Warta, cold ...", flush=True)
    cold = make_html(folder, conf, size, "cold", None)
    steps = [make_html(folder, conf, size, "nothing changed", TARGET_NOTHING)]
    archive.edit("make html")
    steps.append(make_html(folder, conf, size, "one story edited", TARGET_ONE_STORY))
    archive.add("make-html")
    steps.append(make_html(folder, conf, size, "one story added", TARGET_ONE_STORY))
    archive.new.unlink()
    steps.append(make_html(folder, conf, size, "that story deleted", TARGET_ONE_STORY))
    archive.change_role()
    steps.append(make_html(folder, conf, size, "a writer's role (data file)", None))
    footer = folder / "theme" / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text("utf-8") + "<!-- uji templat -->\n", encoding="utf-8")
    steps.append(make_html(folder, conf, size, "a template", None))
    archive.restore()
    shutil.copy2(REPO / "theme" / "templates" / "partials" / "footer.html", footer)
    steps.append(make_html(folder, conf, size, "all changes undone", None))
    return cold, steps


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local preview
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return int(error.code), ""


def _until(check: Callable[[], bool], limit: float) -> float | None:
    """Seconds until `check()` holds, polled every 20 ms; None after `limit` seconds."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        try:
            if check():
                return time.perf_counter() - started
        except (OSError, ValueError):
            pass
        time.sleep(POLL)
    return None


@contextmanager
def preview_running(folder: Path, conf: Path, size: int) -> Iterator[tuple[str, psutil.Process]]:
    port = _free_port()
    log = (ARTIFACTS / f"rebuild-{size}-serve.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "warta", "-s", str(conf), "serve", "--port", str(port)],
        cwd=folder,
        env={**os.environ, **LOG_ENV, "WARTA_BUILD_TIME": BUILD_TIME},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", psutil.Process(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _state(base: str) -> dict[str, Any]:
    status, body = _get(f"{base}/__warta/state")
    return json.loads(body) if status == 200 else {}


def _settled(base: str) -> Callable[[], bool]:
    def check() -> bool:
        state = _state(base)
        return bool(state.get("ready")) and not state.get("busy") and not state.get("error")

    return check


def previews(folder: Path, conf: Path, size: int, archive: Archive) -> tuple[list[Preview], int]:
    from selenium import webdriver  # noqa: PLC0415 - the preview benchmark's own dependency
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    from tests.browser import CHROMEDRIVER, CHROMIUM, CHROMIUM_ARGUMENTS  # noqa: PLC0415

    found: list[Preview] = []
    with preview_running(folder, conf, size) as (base, process):
        print("  warta serve: waiting for the site in memory ...", flush=True)
        warm = _until(_settled(base), PREVIEW_LIMIT)
        if warm is None:
            return [Preview("the preview did not settle", None, None)], 0
        print(f"  warta serve: site in memory after {warm:,.0f} s", flush=True)
        slug = archive.header("Slug")
        page = next(
            path
            for path in (folder / "output-warta").rglob(f"{slug}/index.html")
            if path.parent.name == slug
        )
        url = f"{base}/{page.parent.relative_to(folder / 'output-warta').as_posix()}/"
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in CHROMIUM_ARGUMENTS:
            options.add_argument(argument)
        browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        try:
            browser.get(url)

            def headline() -> str:
                return str(
                    browser.execute_script("return document.querySelector('h1').textContent")
                )

            def observe(label: str, change: Callable[[], Callable[[], bool]]) -> None:
                """Make the change; time until what it shows holds, then until all is done."""
                saved = time.perf_counter()
                check = change()
                seen = _until(check, 60)
                shown_at = None if seen is None else time.perf_counter() - saved
                settled = _until(_settled(base), PREVIEW_LIMIT)
                whole = None if settled is None or shown_at is None else shown_at + settled
                found.append(Preview(label, shown_at, whole))

            def edit() -> Callable[[], bool]:
                title = archive.edit("serve")
                return lambda: headline().strip() == title

            new_title, new_slug = "", ""
            new_url = ""

            def add() -> Callable[[], bool]:
                nonlocal new_title, new_slug, new_url
                new_title, new_slug = archive.add("serve")
                new_url = url.replace(f"/{slug}/", f"/{new_slug}/")
                return lambda: new_title in _get(new_url)[1]

            def delete() -> Callable[[], bool]:
                archive.new.unlink()
                return lambda: _get(new_url)[0] == 404

            observe("one story edited: the open page shows it", edit)
            observe("one story added: its page is served", add)
            observe("that story deleted: its address answers 404", delete)
        finally:
            browser.quit()
            archive.restore()
        memory = process.memory_info().rss + sum(
            child.memory_info().rss for child in process.children(recursive=True)
        )
        _until(_settled(base), PREVIEW_LIMIT)
    return found, memory


def print_outcome(outcome: Outcome) -> None:
    baseline = outcome.baseline.measurement
    base_wall = baseline.wall if outcome.baseline.finished else None
    print(f"\n{outcome.size:,} stories; baseline (stock Pelican + Pagefind, cold): "
          f"{seconds(base_wall)}")  # fmt: skip
    rows = [("make html", "wall", "peak PSS", "x baseline", "target", "", "stages")]
    for step in [outcome.cold, *outcome.steps]:
        wall = step.measurement.wall
        relative = wall / base_wall if base_wall else None
        target = "" if step.target is None else f"≤ {step.target:.2f}"
        result = ""
        if step.target is not None and relative is not None:
            result = verdict(step.measurement.ok and relative <= step.target)
        stages = ", ".join(f"{name} {value:.1f}" for name, value in step.stages.items())
        rows.append(
            (
                step.label,
                seconds(wall) if step.measurement.ok else "failed",
                megabytes(step.measurement.peak_pss),
                "-" if relative is None else shown(relative, step.target or 0.0, 3),
                target,
                result,
                stages,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(6)]
    for row in rows:
        print(
            f"  {row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}  "
            f"{row[3]:>{widths[3]}}  {row[4]:<{widths[4]}}  {row[5]:<{widths[5]}}  {row[6]}"
        )
    print("  peak memory (RSS sum) of the no-change build: "
          f"{outcome.steps[0].measurement.peak_rss / 1e6:,.0f} MB")  # fmt: skip
    print("\n  warta serve (Chromium)               shown     target   site up to date")
    for item in outcome.previews:
        result = "" if item.shown is None else verdict(item.shown <= TARGET_PREVIEW)
        print(
            f"  {item.label:<40} {seconds(item.shown):>9}  ≤ 2 s {result:<4}  "
            f"{seconds(item.settled)}"
        )
    if outcome.serve_memory:
        print(
            f"  the preview's memory (RSS, with its children): {outcome.serve_memory / 1e6:,.0f} MB"
        )
    for note in outcome.notes:
        print(f"  note: {note}")


def measure(root: Path, size: int, limit: float, preview: bool = True) -> Outcome:
    folder = root / str(size)
    print(f"\n{size:,} stories: preparing the archive ...", flush=True)
    prepare_archive(folder, size)
    archive = Archive(folder)
    archive.restore()
    print(f"  the baseline (stopped after {limit / 60:g} min) ...", flush=True)
    baseline = build_baseline(folder, size, limit)
    conf = settings_file(folder)
    try:
        cold, steps = rebuilds(folder, size, archive, conf)
        outcome = Outcome(size, baseline, cold, steps)
        if not preview:
            outcome.notes.append("the preview was not measured (--no-preview)")
            return outcome
        try:
            outcome.previews, outcome.serve_memory = previews(folder, conf, size, archive)
        except ImportError as error:
            outcome.notes.append(f"the preview was not measured: {error}")
    finally:
        archive.restore()
    return outcome


def main(argv: list[str]) -> None:
    options = arguments(argv)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    print(
        f"rebuilds at {', '.join(f'{size:,}' for size in options.sizes)} stories; "
        f"{os.cpu_count()} cores; load average "
        + ", ".join(f"{value:.1f}" for value in os.getloadavg())
    )
    root = options.keep or Path(tempfile.mkdtemp(prefix="warta-bench-rebuild-", dir="/tmp"))
    try:
        for size in options.sizes:
            outcome = measure(root, size, options.baseline_limit * 60, not options.no_preview)
            print_outcome(outcome)
            target = ARTIFACTS / f"rebuild-{size}.json"
            target.write_text(
                json.dumps(
                    {
                        "size": size,
                        "baseline": outcome.baseline.measurement.wall,
                        "steps": {
                            step.label: {
                                "wall": step.measurement.wall,
                                "cpu": step.measurement.cpu,
                                "peak_pss": step.measurement.peak_pss,
                                "peak_rss": step.measurement.peak_rss,
                                "stages": step.stages,
                            }
                            for step in [outcome.cold, *outcome.steps]
                        },
                        "preview": {
                            item.label: {"shown": item.shown, "settled": item.settled}
                            for item in outcome.previews
                        },
                    },
                    indent=1,
                ),
                encoding="utf-8",
            )
            print(f"  figures: {target.relative_to(REPO)}")
    finally:
        empty_trash()
        if options.keep is None:
            shutil.rmtree(root, ignore_errors=True)
