"""Check all content without building the site: the build's own reading, plus newsroom advice.

Everything the build would refuse is an error here too, found by the same reader and schema; the
bodies are not rendered, which is what makes a check of a large archive fast. On top, `advise`
names the mistakes a desk editor would catch that do not stop a build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pelican.contents import Article
from pelican.generators import Generator

from .parallel import map_ranges
from .problems import Problem
from .reader import Header, NewsroomMarkdownReader
from .schema import ARTICLE
from .settings import merge_defaults
from .state import STATE_KEY, BuildState

# A check forks worker processes from this many articles on, each reading ranges of this size.
_PARALLEL_FROM = 2000
_RANGE_LIMIT = 2000
HEADLINE_LIMIT = 110
SHORTEST_BODY = 80


@dataclass
class CheckReport:
    """What a check found: errors stop a build, advice does not."""

    errors: list[Problem] = field(default_factory=list)
    advice: list[Problem] = field(default_factory=list)
    articles: int = 0
    pages: int = 0


@dataclass(frozen=True)
class Output:
    """The one thing of an article object an output claim needs, small enough to pass between
    processes."""

    source_path: str
    save_as: str
    url: str


@dataclass
class _Part:
    problems: list[Problem]
    advice: list[Problem]
    outputs: list[Output]
    field_lines: dict[str, dict[str, int]]


def check_site(
    settings: dict[str, Any], now: datetime | None = None, workers: int = 0
) -> CheckReport:
    """Read every article and page of the site as the build would, without writing anything.

    Articles are read over `workers` processes (0: one per core) when there are many.
    """
    merge_defaults(settings)
    state = BuildState.start(settings)
    settings[STATE_KEY] = state
    moment = now or datetime.now().astimezone()
    articles = _files(settings, settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"])
    pages = _files(settings, settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"])
    parts = map_ranges(
        _check_articles,
        len(articles),
        workers or os.cpu_count() or 1,
        _Job(state, settings, articles, moment),
        parallel_from=_PARALLEL_FROM,
        range_limit=_RANGE_LIMIT,
    )
    pages_part = _check_pages(state, settings, pages)
    report = CheckReport(pages=len(pages_part.field_lines))
    for part in [*parts, pages_part]:
        state.problems.extend(part.problems)
        report.advice.extend(part.advice)
        state.field_lines.update(part.field_lines)
    report.articles = sum(len(part.field_lines) for part in parts)
    for part in parts:
        for output in part.outputs:
            state.claim_output(output)
    report.errors = sorted(state.problems)
    report.advice.sort()
    return report


@dataclass(frozen=True)
class _Job:
    """What every part of a check shares: the main ledger, the settings, the files, the time."""

    state: BuildState
    settings: dict[str, Any]
    sources: list[str]
    moment: datetime


def _check_articles(job: _Job, start: int, end: int) -> _Part:
    """Read sources[start:end] as articles, with a ledger of their own."""
    settings, moment, state = job.settings, job.moment, job.state.for_part()
    reader = NewsroomMarkdownReader(settings)
    outputs, advice = [], []
    for source in job.sources[start:end]:
        if not source.endswith(_extensions(reader)):
            state.problems.append(state.not_markdown(source))
            continue
        header = reader.read_header(source, state, render_summary=False)
        if header is None:
            state.field_lines.setdefault(source, {})
            continue
        save_as = Article("", header.metadata, settings=settings, source_path=source).save_as
        if save_as:
            # The address shown in a clash is read off the file name: asking Pelican for the
            # URL too would format every article's settings a second time.
            outputs.append(Output(source, save_as, save_as.removesuffix("index.html")))
        advice.extend(advise(header, moment, settings["WITH_FUTURE_DATES"]))
    return _Part(state.problems, advice, outputs, state.field_lines)


def _check_pages(main: BuildState, settings: dict[str, Any], sources: list[str]) -> _Part:
    state = main.for_part()
    reader = NewsroomMarkdownReader(settings)
    for source in sources:
        if source.endswith(_extensions(reader)):
            reader.read_header(source, state, render_summary=False)
    return _Part(state.problems, [], [], state.field_lines)


def _extensions(reader: NewsroomMarkdownReader) -> tuple[str, ...]:
    return tuple(f".{extension}" for extension in reader.file_extensions)


def advise(header: Header, now: datetime, future_published: bool) -> list[Problem]:
    """Newsroom mistakes in one article that do not stop a build."""
    if header.kind != ARTICLE or not header.checked.ok:
        return []
    data, lines, path = header.checked.metadata, header.checked.lines, header.path
    first = max(lines.values(), default=1)
    advice = []
    title = str(data.get("title", ""))
    if len(title) > HEADLINE_LIMIT:
        advice.append(
            Problem(
                path,
                lines["title"],
                "Title",
                f"headline is {len(title)} characters",
                f"keep it under {HEADLINE_LIMIT} so search results and phones show it whole",
            )
        )
    if "summary" not in data:
        advice.append(
            Problem(
                path,
                first,
                "Summary",
                "is missing",
                "write one or two sentences; otherwise the first paragraph is cut short",
            )
        )
    if "image" in data and not data.get("imagecredit"):
        advice.append(
            Problem(path, lines["image"], "ImageCredit", "photo has no credit", "name who took it")
        )
    body_words = len(header.split.body.split())
    if body_words < SHORTEST_BODY:
        advice.append(
            Problem(
                path,
                header.split.body_line,
                "Body",
                f"only {body_words} words",
                f"a news story usually needs at least {SHORTEST_BODY}",
            )
        )
    published = data.get("date")
    if isinstance(published, datetime) and published > now and not future_published:
        advice.append(
            Problem(
                path,
                lines["date"],
                "Date",
                f"is in the future ({published.isoformat(timespec='minutes')})",
                "the story stays unpublished until a build after that time",
            )
        )
    return advice


def _files(settings: dict[str, Any], paths: list[str], excludes: list[str]) -> list[str]:
    """Files under `paths` of the content folder, found exactly as Pelican's generators find them.

    `Generator.get_files` reads only `path` and `settings` when every extension is wanted, so it
    runs on a generator made without `__init__`, which would load the theme and the readers.
    """
    walker = Generator.__new__(Generator)
    walker.path, walker.settings = settings["PATH"], settings
    found = walker.get_files(paths, exclude=excludes, extensions=False)
    return sorted(os.path.join(settings["PATH"], name) for name in found)
