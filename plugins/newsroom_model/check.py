"""Check all content without writing the site: the build itself, stopped before it writes.

`warta check` reads and plans the site with WARTA_MODE = "check" (`pipeline.check`): every file
is read, every record, photo, pin and address is checked, exactly as a build does, by the same
code; nothing is written (photos are decoded and checked, not rendered). So a check and
a build cannot disagree about what is refused. On top, `advise` names the mistakes a desk
editor would catch that do not stop a build, and the report lists what is scheduled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pelican import Pelican

from warta.memory import build_pause
from warta.messages import t
from warta.problems import Problem
from warta.run import BuildRun

from . import pipeline
from .live import quiet_coverage
from .record import Story
from .schema import ARTICLE
from .site import SITE

HEADLINE_LIMIT = 110
# A headline with this many letters, every one a capital, is written in capitals (an acronym
# such as 'DPRD' or 'BPBD' alone is not).
CAPITALS_FROM = 12
SHORTEST_BODY = 80
# A body longer than this is almost surely pasted twice, or a document that should be linked.
LONGEST_BODY_WORDS = 20_000


@dataclass
class CheckReport:
    """What a check found: errors stop a build, advice does not, scheduled stories wait."""

    errors: list[Problem] = field(default_factory=list)
    advice: list[Problem] = field(default_factory=list)
    scheduled: list[tuple[str, datetime]] = field(default_factory=list)
    # The story whose breaking-news banner a build now would show, and until when.
    breaking: tuple[str, datetime] | None = None
    articles: int = 0
    pages: int = 0


def check_site(settings: dict[str, Any], now: datetime | None = None) -> CheckReport:
    """Read and check every file as the build would, without writing anything."""
    settings = dict(settings)
    settings["WARTA_MODE"] = "check"
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    if now is not None:
        settings["WARTA_BUILD_TIME"] = now.isoformat()
    # Pelican's plugins loaded and `initialized` sent: the settings checked as for a build.
    settings = Pelican(settings).settings
    with build_pause():
        run = pipeline.begin(settings, Path(settings["OUTPUT_PATH"]))
        pipeline.check(run)
    return report_of(run)


def report_of(run: BuildRun) -> CheckReport:
    site = run.get(SITE)
    stories = [*site.articles, *site.scheduled, *site.drafts]
    report = CheckReport(
        errors=sorted(set(run.problems)),
        articles=len([story for story in stories if story.kind == ARTICLE]),
        pages=len(site.static_pages) + len([s for s in site.drafts if s.kind != ARTICLE]),
        scheduled=[(story.display, story.date) for story in site.scheduled],
        breaking=(site.breaking.display, site.breaking.breaking)
        if site.breaking is not None and site.breaking.breaking is not None
        else None,
    )
    advice = list(run.advice)
    for story in stories:
        if story.kind == ARTICLE:
            advice.extend(advise(story, run.now))
    report.advice = sorted(set(advice))
    return report


def advise(story: Story, now: datetime) -> list[Problem]:
    """Newsroom mistakes in one article that do not stop a build."""
    path = story.display
    advice = []
    if len(story.title) > HEADLINE_LIMIT:
        advice.append(
            Problem(
                path,
                story.line_of("title"),
                "Title",
                t("headline is {length} characters", length=len(story.title)),
                t(
                    "keep it under {limit} so search results and phones show it whole",
                    limit=HEADLINE_LIMIT,
                ),
            )
        )
    letters = [character for character in story.title if character.isalpha()]
    if len(letters) >= CAPITALS_FROM and all(character.isupper() for character in letters):
        advice.append(
            Problem(
                path,
                story.line_of("title"),
                "Title",
                t("headline is written in capitals"),
                t(
                    "write it as a sentence, e.g. 'Sungai Martapura Meluap'; capitals read as "
                    "shouting and are slower to read"
                ),
            )
        )
    if not story.summary_html:
        advice.append(
            Problem(
                path,
                max((line for _, line in story.lines), default=1),
                "Summary",
                t("is missing"),
                t("write one or two sentences; otherwise the first paragraph is cut short"),
            )
        )
    if story.image is not None and not story.image.credit:
        advice.append(
            Problem(
                path,
                story.image.line,
                "ImageCredit",
                t("photo has no credit"),
                t("name who took it"),
            )
        )
    words = story.body.words
    if words < SHORTEST_BODY:
        advice.append(
            Problem(
                path,
                story.body_line,
                "Body",
                t("only {words} words", words=words),
                t(
                    "a news story usually needs at least {count}",
                    count=SHORTEST_BODY,
                ),
            )
        )
    elif words > LONGEST_BODY_WORDS:
        advice.append(
            Problem(
                path,
                story.body_line,
                "Body",
                t("is {words:,} words long", words=words),
                t("check that nothing was pasted twice; link long documents instead"),
            )
        )
    advice += quiet_coverage(story.live, path, story.line_of("live"), story.last_changed, now)
    if story.status == "published" and story.date > now:
        advice.append(
            Problem(
                path,
                story.line_of("date"),
                "Date",
                t(
                    "is in the future ({moment})",
                    moment=story.date.isoformat(timespec="minutes"),
                ),
                t("the story stays unpublished until a build after that time"),
            )
        )
    return advice
