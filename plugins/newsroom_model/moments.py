"""Reading a moment as a reporter writes it: ISO 8601, the Indonesian `14.45`, or the site's label.

Python's `datetime.fromisoformat` reads `2026-12-06 14.45` as 14:00 and .45 of a second, and
Indonesian newsrooms write every time with a dot, as the site prints it. So Warta reads dates
itself, by one grammar for every field that holds a moment (Date, Modified, Correction,
Breaking, a live update's heading):

- `2026-12-06`, `2026-12-06 14.45`, `2026-12-06T14:45`, `2026-12-06 14:45:30`, with an optional
  offset (`+07:00`, `+0700`, `+07`, `Z`) or an Indonesian zone (`WIB`, `WITA`, `WIT`);
- the site's own label, in Indonesian or English: `Minggu, 6 Desember 2026 14.45 WITA`,
  `6 Des 2026 14.45`, `Sunday, 6 December 2026, 14:45 Central Indonesia Time`; a weekday, when
  given, must be the date's.

Anything else is refused, fractions of a second included (`14:45:30.5`, `14.45.30`): a time a
reporter writes is a time of day, and a dot there is always the minute's. Every moment must lie
in `EARLIEST`..`LATEST` and have an offset of whole minutes, so that every form the site derives
from it (UTC, feeds' RFC 3339, `datetime` attributes, archive folders) exists and is valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache

from babel.dates import format_datetime, get_day_names, get_month_names

from warta.messages import Hint, Text, t
from warta.problems import bounded

# The languages whose month and weekday names are read, whatever the site's: a story may be
# written in either, and the site prints both.
_LANGUAGES = ("id", "en")
# Indonesia's three zones by the names every Indonesian reads and writes.
_INDONESIAN_ZONES = {
    "wib": timezone(timedelta(hours=7)),
    "wita": timezone(timedelta(hours=8)),
    "wit": timezone(timedelta(hours=9)),
}
# A newsroom's stories, however old the archive: before 1900 Indonesia's zones kept local mean
# time (offsets in seconds, which RFC 3339 and HTML cannot write), and past 2999 nothing is news.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, 23, 59, tzinfo=UTC)
EXAMPLE = t("write e.g. 2026-12-06 14.45, 2026-12-06T14:45+07:00 or 6 Desember 2026 14.45 WITA")

_CLOCK = (
    r"(?P<hour>\d{1,2})(?:(?P<dot>\.)(?P<dminute>\d{2})|:(?P<minute>\d{2})(?::(?P<second>\d{2}))?)"
)
_ISO = re.compile(
    rf"(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?:(?:[ \t]+|T){_CLOCK})?",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:(?P<weekday>[^\W\d_]+)[ \t]*,?[ \t]+)?"
# '6 Desember' as Indonesian and British English write it, 'December 6' as American English does.
_DAY_MONTH = (
    r"(?:(?P<day>\d{1,2})[ \t]+(?P<month>[^\W\d_]+)\.?"
    r"|(?P<month2>[^\W\d_]+)\.?[ \t]+(?P<day2>\d{1,2}))"
)
_LABEL = re.compile(
    rf"{_WEEKDAY}{_DAY_MONTH}[ \t]*,?[ \t]+(?P<year>\d{{4}})(?:[ \t]*,?[ \t]+{_CLOCK})?",
    re.IGNORECASE,
)
# A live update's heading may copy the page's short label, which has no year: 'Rab, 11 Nov
# 08.30', or in English 'Wed, Nov 11, 08:30'.
_SHORT_LABEL = re.compile(rf"{_WEEKDAY}{_DAY_MONTH}[ \t]*,?[ \t]+{_CLOCK}", re.IGNORECASE)
_TIME_OF_DAY = re.compile(_CLOCK)
_OFFSET = re.compile(
    r"[ \t]*(Z|[+-]\d{2}(?::?\d{2})?|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?)(?![\w+-])",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[ \t]+([^\W\d_]+(?:[ \t]+[^\W\d_]+)*)")


class MomentError(ValueError):
    """A written moment that is not one; carries the hint shown after the message."""

    def __init__(self, message: Text, hint: Hint = EXAMPLE) -> None:
        super().__init__(str(message))
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Written:
    """A moment read from the start of a text, where in the text it ended, and whether the
    text gave its day (or only a time of day)."""

    moment: datetime
    end: int
    has_day: bool


def parse_moment(text: str, zone: tzinfo) -> datetime:
    """The moment `text` names, in `zone` unless it gives its own offset or zone name."""
    written = text.strip()
    found = read_moment(written, zone)
    if found is None:
        raise MomentError(t("'{written}' is not a date", written=bounded(written)))
    rest = written[found.end :]
    if rest.strip():
        if re.fullmatch(r"[ \t]*[^\W\d_][^\d]*", rest):
            raise MomentError(
                t("'{zone}' is not a time zone Warta knows", zone=bounded(rest.strip())),
                t("write WIB, WITA or WIT, or an offset such as +08:00"),
            )
        raise MomentError(t("'{written}' is not a date", written=bounded(written)))
    return found.moment


def read_moment(text: str, zone: tzinfo, *, on_day: date | None = None) -> Written | None:
    """The moment at the start of `text` and where it ends, or None when `text` does not start
    with one; what follows is the caller's (a live update's heading goes on after its time).

    With `on_day`, a bare time of day (`14.45`) is read on that day, and a day without a year
    (`Rab, 11 Nov 08.30`, as a live page labels an update) in that day's year, as a live
    update's heading writes them. A moment that starts `text` but is wrong (a 25th hour, a
    weekday that is not the date's, a fraction of a second, a year out of range) raises
    MomentError.
    """
    patterns = (_ISO, _LABEL, _SHORT_LABEL) if on_day is not None else (_ISO, _LABEL)
    for pattern in patterns:
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("month") is None and groups.get("month2") is not None:
            groups["month"], groups["day"] = groups["month2"], groups["day2"]
        if groups.get("year") is None:
            assert on_day is not None
            groups["year"] = str(on_day.year)
        month = groups["month"]
        number = int(month) if month.isdigit() else _months().get(month.casefold())
        if number is None:
            continue  # "6 orang 2026" is no date; the caller says what it expected
        try:
            on = date(int(groups["year"]), number, int(groups["day"]))
        except ValueError:
            raise MomentError(
                t("'{written}' names a day that does not exist", written=bounded(match.group(0)))
            ) from None
        if groups.get("weekday"):
            _check_weekday(groups["weekday"], on, match.group(0))
        clock = _clock(match) if groups["hour"] is not None else time(0, 0)
        return _finish(text, match, on, clock, zone, has_day=True)
    if on_day is not None:
        match = _TIME_OF_DAY.match(text)
        if match is not None:
            return _finish(text, match, on_day, _clock(match), zone, has_day=False)
    return None


def _finish(
    text: str, match: re.Match[str], on: date, clock: time, site: tzinfo, *, has_day: bool
) -> Written:
    """The moment with the offset or zone name that follows it, if any, checked."""
    end = match.end()
    if re.match(r"[.,:]\d", text[end:]):
        raise MomentError(
            t(
                "'{text}' gives a fraction of a second or a time with more parts",
                text=bounded(text[: end + 8]),
            ),
            t("write the time as hours and minutes, e.g. 14.45 or 14:45"),
        )
    given: tzinfo | None = None
    offset = _OFFSET.match(text, end)
    if offset is not None:
        given = _offset(offset.group(1), text[: offset.end()])
        end = offset.end()
    else:
        words = _WORDS.match(text, end)
        if words is not None:
            given, used = _zone_name(words.group(1), site)
            if given is not None:
                end = words.start(1) + used
    moment = datetime.combine(on, clock, tzinfo=given or site)
    return Written(_checked(moment, text[:end]), end, has_day)


def _zone_name(words: str, site: tzinfo) -> tuple[tzinfo | None, int]:
    """The known zone name `words` starts with (the longest), and its length."""
    names = zone_names(site)
    folded = words.casefold()
    for name in sorted(names, key=len, reverse=True):
        if folded.startswith(name) and (
            len(folded) == len(name) or not folded[len(name)].isalnum()
        ):
            written = len(name)
            return names[name], written
    return None, 0


def _clock(match: re.Match[str]) -> time:
    groups = match.groupdict()
    minute = groups["dminute"] if groups["dot"] else groups["minute"]
    try:
        return time(int(groups["hour"]), int(minute), int(groups["second"] or 0))
    except ValueError:
        raise MomentError(
            t("'{written}' is not a time of day", written=bounded(match.group(0))),
            t("hours 0 to 23, minutes 0 to 59"),
        ) from None


def _offset(written: str, text: str) -> tzinfo:
    value = written.upper()
    if value == "Z" or value in ("GMT", "UTC"):
        return UTC
    value = value.removeprefix("GMT").removeprefix("UTC")
    sign = -1 if value[0] == "-" else 1
    digits = value[1:].replace(":", "")
    hours = int(digits[:-2] if len(digits) > 2 else digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    if hours > 14 or minutes > 59:
        raise MomentError(t("'{text}' has an offset no place on Earth keeps", text=bounded(text)))
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _checked(moment: datetime, text: str) -> datetime:
    """The moment, if every form the site derives from it exists."""
    offset = moment.utcoffset()
    try:
        universal = moment.astimezone(UTC)
    except OverflowError:
        universal = None
    if universal is None or not EARLIEST <= universal <= LATEST:
        raise MomentError(
            t("'{text}' is outside the years 1900 to 2999", text=bounded(text)),
            t("check the year"),
        )
    if offset is not None and offset.total_seconds() % 60:
        raise MomentError(
            t(
                "'{text}' falls when the time zone kept local mean time ({moment:%z}), which "
                "feeds and pages cannot write",
                text=bounded(text),
                moment=moment,
            ),
            t("give the offset, e.g. +08:00"),
        )
    return moment


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in _LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    names[name.casefold().rstrip(".")] = number
    return names


@lru_cache(maxsize=1)
def _weekdays() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in _LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_day_names(width, context, language).items():
                    names[name.casefold().rstrip(".")] = number
    return names


def _check_weekday(name: str, on: date, text: str) -> None:
    number = _weekdays().get(name.casefold())
    if number is None:
        raise MomentError(
            t("'{name}' is not a day of the week", name=bounded(name)), t("e.g. Minggu or Min")
        )
    if number != on.weekday():
        actual = get_day_names("wide", locale="id")[on.weekday()]
        raise MomentError(
            t(
                "'{text}' is not a {name}: {date} is a {actual}",
                text=bounded(text),
                name=bounded(name),
                date=on.isoformat(),
                actual=actual,
            ),
            t("check the date, or leave the weekday out"),
        )


@lru_cache(maxsize=8)
def zone_names(site: tzinfo) -> dict[str, tzinfo]:
    """The zone names a moment may end with: WIB, WITA, WIT, and every name the site's labels
    print for the site's own zone (its short and long names in each language, in winter and
    summer), so that a printed date written back means the same moment."""
    names: dict[str, tzinfo] = dict(_INDONESIAN_ZONES)
    for month in (1, 7):
        sample = datetime(2026, month, 15, 12, 0, tzinfo=site)
        for language in _LANGUAGES:
            for pattern in ("z", "zzzz"):
                name = format_datetime(sample, pattern, tzinfo=site, locale=language)
                if not re.search(r"\d", name):
                    names.setdefault(" ".join(name.split()).casefold(), site)
    return names
