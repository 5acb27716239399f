"""Live coverage (`Live: yes`): a story told in timed updates, each a level-2 heading.

Reading cuts a live story's cleaned body at its top-level `<h2>` headings (`sections_of`, run by
source.py, so the cut is cached with the body by the file's bytes); assembling reads each
heading's time against the story's Date (`live_coverage`, run by record.py); planning refuses
updates later than the build's time (`future_updates`). The headings are writer input: only
their text is kept, and the theme prints it escaped, around markup Warta makes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from html import unescape
from html.parser import HTMLParser

from babel.dates import format_skeleton, get_datetime_format

from warta.messages import t
from warta.problems import Problem, bounded

from .dates import date_label
from .moments import MomentError, read_moment

# A story still marked live with no change for this long has most likely ended: `warta check`
# says so, since its badge stays on every card until someone writes `Live: ended`.
QUIET_AFTER = timedelta(hours=24)
ONGOING = "yes"
ENDED = "ended"
LIVE_STATES = (ONGOING, ENDED)
# Elements with no end tag: they open no level of nesting.
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
_TAGS = re.compile(r"<[^>]*>")
_WRITTEN_TIME = re.compile(r"^(?:\d{4}-\d{2}-\d{2}[ T]+)?\S+")
# What a writer may put between the time and the text: `## 14.05 – Tanggul jebol`.
_SEPARATORS = " \t-–—:|·"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_H2 = re.compile(r"^ {0,3}##(?:[ \t]|$)")
_SETEXT_H2 = re.compile(r"^ {0,3}-+[ \t]*$")
_HTML_H2 = re.compile(r"^\s*<h2\b", re.I)
TIME_HINT = t(
    "begin the heading with the time, e.g. '## 14.05 Tanggul jebol', "
    "or '## 2026-11-11 08.30 ...' on another day"
)


@dataclass(frozen=True)
class Section:
    """A top-level `<h2>` of a cleaned body and what follows it, as offsets into the body's
    HTML: the heading from `start` to `content_start`, its update to `end`."""

    line: int
    text: str
    start: int
    content_start: int
    end: int


@dataclass(frozen=True)
class LiveUpdate:
    """One update: when, its heading's text after the time, where it is written, its anchor
    on the page, its time as the reader's language tells it, and its place in the body."""

    moment: datetime
    heading: str
    line: int
    anchor: str
    label: str
    content_start: int
    end: int


@dataclass(frozen=True)
class Live:
    """A live story's coverage: still going or ended, the opening before the first update
    (`html[:opening_end]`), and the updates as written, oldest first."""

    ongoing: bool
    opening_end: int
    updates: tuple[LiveUpdate, ...]
    last_label: str = ""

    @property
    def last(self) -> LiveUpdate | None:
        return self.updates[-1] if self.updates else None


class _Headings(HTMLParser):
    """The top-level `<h2>` elements of a fragment, as (start, content start, content end)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, int]] = []
        self._lines = [0] + [index + 1 for index, char in enumerate(html) if char == "\n"]
        self._depth = 0
        self._open: tuple[int, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if tag == "h2" and self._depth == 0:
            start = self._offset()
            self._open = (start, start + len(self.get_starttag_text() or ""))
        self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self._depth = max(0, self._depth - 1)
        if tag == "h2" and self._depth == 0 and self._open is not None:
            self.found.append((*self._open, self._offset()))
            self._open = None


def heading_lines(markdown: str, first_line: int) -> list[int]:
    """The lines of the level-2 headings a Markdown body writes (`## ...`, a line underlined
    with `---`, or `<h2>`), outside fenced code, numbered from `first_line`."""
    lines = markdown.split("\n")
    found = []
    fence = ""
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if _ATX_H2.match(line) or _HTML_H2.match(line):
            found.append(first_line + index)
        elif (
            _SETEXT_H2.match(line)
            and index > 0
            and lines[index - 1].strip()
            and not _ATX_H2.match(lines[index - 1])
        ):
            found.append(first_line + index - 1)
    return found


def sections_of(html: str, markdown: str, first_line: int) -> tuple[Section, ...]:
    """The body cut at its top-level `<h2>` headings, each with the line it is written on.

    Headings are found in the cleaned HTML, where nesting is certain, and matched in order with
    the headings of the Markdown, which know their lines. Python-Markdown writes every level-2
    heading the Markdown has outside code as one `<h2>`; should the two ever disagree, a
    heading is named by the body's first line rather than by another heading's.
    """
    parser = _Headings(html)
    parser.feed(html)
    parser.close()
    lines = heading_lines(markdown, first_line)
    if len(lines) != len(parser.found):
        lines = [first_line] * len(parser.found)
    sections = []
    for index, (start, content_start, heading_end) in enumerate(parser.found):
        end = parser.found[index + 1][0] if index + 1 < len(parser.found) else len(html)
        text = " ".join(unescape(_TAGS.sub(" ", html[content_start:heading_end])).split())
        after = html.index(">", heading_end) + 1
        sections.append(Section(lines[index], text, start, after, end))
    return tuple(sections)


def short_label(moment: datetime, lang: str, zone: tzinfo) -> str:
    """An update's time as its heading shows it, with its day: 'Rab, 11 Nov 08.30', in the
    reader's language (CLDR's patterns, by Babel).

    Every update names its day, the first day's too. A bare '21.40' under an update of a later
    day reads as that later day; a page is static, so it cannot know that it is read on another
    day than it was written; and a reader who follows an update's own link lands on it with no
    date line in sight.
    """
    language = lang.replace("-", "_").split("_")[0]
    local = moment.astimezone(zone)
    clock = format_skeleton("Hm", local, tzinfo=zone, locale=language)
    when = format_skeleton("MMMEd", local, tzinfo=zone, locale=language)
    glue = str(get_datetime_format("short", locale=language))
    return glue.replace("{1}", when).replace("{0}", clock)


def _read_time(text: str, published: datetime) -> tuple[datetime, str] | None:
    """The time a heading begins with, on the day of `published` unless it names its own
    (moments.py reads it as any date field is read), and the heading's text after it; None
    when the heading does not begin with a time. A time that is wrong raises MomentError."""
    zone = published.tzinfo
    assert zone is not None
    found = read_moment(text, zone, on_day=published.date())
    if found is None:
        return None
    return found.moment, text[found.end :].lstrip(_SEPARATORS)


def live_coverage(
    state: str,
    sections: tuple[Section, ...],
    html_length: int,
    *,
    published: datetime,
    lang: str,
    formats: dict[str, dict[str, str]],
    zone: tzinfo,
    path: str,
) -> tuple[Live, list[Problem]]:
    """The updates of a live story, and every heading whose time is not a time, is before the
    story's Date, or is before the update above it."""
    problems = []
    updates: list[LiveUpdate] = []
    anchors: set[str] = set()
    for section in sections:
        try:
            read = _read_time(section.text, published)
        except MomentError as error:
            problems.append(Problem(path, section.line, "Update", error.message, error.hint))
            continue
        if read is None:
            written = _WRITTEN_TIME.match(section.text)
            shown = written.group(0) if written else ""
            message = (
                t("'{value}' is not a time", value=bounded(shown))
                if shown[:1].isdigit()
                else t("has no time")
            )
            problems.append(Problem(path, section.line, "Update", message, TIME_HINT))
            continue
        moment, heading = read
        if moment < published:
            problems.append(
                Problem(
                    path,
                    section.line,
                    "Update",
                    t(
                        "{moment} is before the story's Date ({date})",
                        moment=_written(moment),
                        date=_written(published),
                    ),
                    t("an update on a later day gives its date, e.g. '## 2026-11-11 08.30'"),
                )
            )
        elif updates and moment < updates[-1].moment:
            before = updates[-1]
            problems.append(
                Problem(
                    path,
                    section.line,
                    "Update",
                    t(
                        "{moment} is earlier than the update above it ({earlier}, line {line})",
                        moment=_written(moment),
                        earlier=_written(before.moment),
                        line=before.line,
                    ),
                    t(
                        "add each update below the last, in the order they happened; "
                        "the page shows them newest first"
                    ),
                )
            )
        anchor = base = f"pembaruan-{moment:%Y%m%d-%H%M}"
        number = 1
        while anchor in anchors:
            number += 1
            anchor = f"{base}-{number}"
        anchors.add(anchor)
        updates.append(
            LiveUpdate(
                moment=moment,
                heading=heading,
                line=section.line,
                anchor=anchor,
                label=short_label(moment, lang, zone),
                content_start=section.content_start,
                end=section.end,
            )
        )
    last = updates[-1].moment if updates else None
    live = Live(
        ongoing=state == ONGOING,
        opening_end=sections[0].start if sections else html_length,
        updates=tuple(updates),
        last_label=date_label(last, lang, formats, zone) if last and formats else "",
    )
    return live, problems


def future_updates(live: Live | None, path: str, now: datetime) -> list[Problem]:
    """A problem for each update later than the build's time: an update tells what happened.

    Checked each build, for the stories it writes, not when the record is made: the record is
    cached by the file's bytes, and this depends on the clock. A build refused for it writes
    nothing and leaves no up-to-date stamp, so the next build checks again; a build that
    passes has no update ahead of it, so nothing it wrote changes with the clock.
    """
    if live is None:
        return []
    return [
        Problem(
            path,
            update.line,
            "Update",
            t(
                "{moment} is in the future (the build's time is {now})",
                moment=_written(update.moment),
                now=_written(now),
            ),
            t("write an update once it has happened; check its time and day"),
        )
        for update in live.updates
        if update.moment > now
    ]


def quiet_coverage(
    live: Live | None, path: str, line: int, last_change: datetime, now: datetime
) -> list[Problem]:
    """Advice for a story still `Live: yes` that has not changed for a day."""
    if live is None or not live.ongoing or now - last_change < QUIET_AFTER:
        return []
    hours = int((now - last_change).total_seconds() // 3600)
    return [
        Problem(
            path,
            line,
            "Live",
            t("is still 'yes', but the story has not changed for {hours} hours", hours=hours),
            t(
                "write 'Live: ended' when the coverage is over: until then its cards carry the "
                "badge"
            ),
        )
    ]


def _written(moment: datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")
