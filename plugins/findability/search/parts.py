"""Search records and parts: what a story gives the index, and the cut of an archive by period."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Final

from warta.messages import t

from .errors import SearchPartitionError, SearchRecordError
from .service import INDEX_CONFIG, PagefindPage, pagefind_version

# The indexer's memory follows the part, not the archive: with stories of about 650 words it
# peaked at 440 MB for 2,000 and 760 MB for 2,440, against 1.86 GB for 10,000 in one index. A
# year of a busy regional daily still fits in one to four parts.
DEFAULT_MAX_PART: Final = 2_500


@dataclass(frozen=True)
class SearchRecord:
    """One story as the search index sees it: plain text, no HTML.

    `keywords` (the story's tags) are searched with the text: a reader who types a topic
    finds the stories filed under it even when the body never uses that word.

    `meta` is shown on each result (Pagefind's UI prints every key but "title" as a tag, e.g.
    "Tanggal: Rabu, 11 November 2026"); `filters` become the UI's filter panels. Their names
    are Indonesian because readers see them. The headline is sent as meta "title" whether or
    not `meta` repeats it.
    """

    url: str  # site-relative URL without a leading slash, e.g. "2026/11/slug/"
    title: str  # plain text headline
    text: str  # plain text the reader can search besides the headline: the body
    lang: str  # e.g. "id": picks Pagefind's stemmer
    date: datetime  # publication time, aware; its own calendar (the site's zone) picks the part
    meta: tuple[tuple[str, str], ...] = ()
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        problem = None
        if not self.url or self.url.startswith("/") or "://" in self.url:
            problem = "the URL must be site-relative, without a leading slash"
        elif self.date.utcoffset() is None:
            problem = "the date has no time zone"
        elif not self.lang:
            problem = "no language"
        elif len({name for name, _ in self.meta}) != len(self.meta):
            problem = "a meta name is given twice"
        elif len({name for name, _ in self.filters}) != len(self.filters):
            problem = "a filter name is given twice"
        if problem:
            raise SearchRecordError(f"search record {self.url!r}: {problem}")


@dataclass(frozen=True)
class SearchPart:
    """The records of one period, indexed together into output/pagefind/<key>/."""

    key: str  # "2026", "2026-h2", "2026-q4", "2026-11", or a day "2026-11-07"
    records: tuple[SearchRecord, ...]  # in index order: by publication time, then URL
    digest: str  # sha256 over the records, the Pagefind version and INDEX_CONFIG


def record_page(record: SearchRecord) -> PagefindPage:
    """The record as a small HTML page, not as a plain record: Pagefind ranks a word in the
    page's heading above one in its text only when it sees the heading as HTML. Meta and
    filters stand outside the indexed body, each in its own element, so no value needs
    escaping for Pagefind's `key:value, key:value` attribute syntax."""
    meta = "".join(
        f'<span data-pagefind-meta="{escape(name)}">{escape(value)}</span>'
        for name, value in record.meta
        if name != "title"
    )
    filters = "".join(
        f'<span data-pagefind-filter="{escape(name)}">{escape(value)}</span>'
        for name, values in record.filters
        for value in values
    )
    html = (
        f'<!doctype html><html lang="{escape(record.lang)}"><head><title>'
        f"{escape(record.title)}</title></head><body>{meta}{filters}"
        f'<main data-pagefind-body><h1 data-pagefind-meta="title">{escape(record.title)}</h1>'
        + (f"<p>{escape(', '.join(record.keywords))}</p>" if record.keywords else "")
        + f"<p>{escape(record.text)}</p></main></body></html>"
    )
    return PagefindPage(record.url, html)


# (key, start) of the period a date falls in, at each grain, coarsest first. The start
# (year, month, day) orders parts; each year takes the coarsest grain whose parts all fit.
Grain = Callable[[datetime], tuple[str, tuple[int, int, int]]]


def _year(date: datetime) -> tuple[str, tuple[int, int, int]]:
    return f"{date.year}", (date.year, 1, 1)


def _half(date: datetime) -> tuple[str, tuple[int, int, int]]:
    half = 1 if date.month <= 6 else 2
    return f"{date.year}-h{half}", (date.year, 6 * half - 5, 1)


def _quarter(date: datetime) -> tuple[str, tuple[int, int, int]]:
    quarter = (date.month - 1) // 3 + 1
    return f"{date.year}-q{quarter}", (date.year, 3 * quarter - 2, 1)


def _month(date: datetime) -> tuple[str, tuple[int, int, int]]:
    return f"{date.year}-{date.month:02d}", (date.year, date.month, 1)


def _day(date: datetime) -> tuple[str, tuple[int, int, int]]:
    return f"{date.year}-{date.month:02d}-{date.day:02d}", (date.year, date.month, date.day)


GRAINS: Final[tuple[Grain, ...]] = (_year, _half, _quarter, _month)

Group = tuple[tuple[int, int, int], str, list[SearchRecord]]


def _cut(records: list[SearchRecord], grain: Grain) -> list[Group]:
    groups: dict[str, Group] = {}
    for record in records:
        key, start = grain(record.date)
        groups.setdefault(key, (start, key, []))[2].append(record)
    return list(groups.values())


def _cut_year(records: list[SearchRecord], max_part: int) -> list[Group]:
    for grain in GRAINS:
        groups = _cut(records, grain)
        if all(len(group) <= max_part for _, _, group in groups):
            return groups
    # More than max_part stories in a month: only such months are cut further, into days.
    fitted: list[Group] = []
    for group in groups:
        if len(group[2]) <= max_part:
            fitted.append(group)
            continue
        for day in _cut(group[2], _day):
            if len(day[2]) > max_part:
                raise SearchPartitionError(
                    t(
                        "WARTA_SEARCH_PART_SIZE is {size:,}, but {count:,} stories were "
                        "published on {day}, and one day's stories share a search part: raise "
                        "it to at least {count:,}",
                        size=max_part,
                        count=len(day[2]),
                        day=day[1],
                    )
                )
            fitted.append(day)
    return fitted


def part_digest(records: Sequence[SearchRecord], version: str) -> str:
    """sha256 over what decides a part's bundle: its records in order, Pagefind, INDEX_CONFIG."""
    digest = hashlib.sha256()
    head = {"pagefind": version, "config": dict(INDEX_CONFIG)}
    digest.update(json.dumps(head, sort_keys=True).encode("utf-8") + b"\n")
    for record in records:
        fields = [
            record.url,
            record.title,
            record.text,
            record.lang,
            record.date.isoformat(),
            # Pagefind keeps meta and filters as maps (and settle_files sorts filter values),
            # so their order is no change.
            sorted(record.meta),
            sorted((name, sorted(values)) for name, values in record.filters),
            list(record.keywords),
        ]
        digest.update(json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()


def plan_parts(
    records: Iterable[SearchRecord],
    max_part: int = DEFAULT_MAX_PART,
    version: str | None = None,
) -> tuple[SearchPart, ...]:
    """Cut `records` into parts by publication time, newest part first.

    One part per year; a year of more than `max_part` stories is cut into half-years, else
    quarters, else months (the coarsest that fits, chosen for each year alone), and a month
    still too big into days. So a change to one story changes only its own part's digest,
    unless it takes its year across one of those thresholds; then only that year's parts
    change. `version` (of Pagefind, part of each digest) defaults to what the binary reports.
    """
    cut = cut_parts(records, max_part)
    if version is None:
        version = pagefind_version() if cut else ""
    return tuple(SearchPart(key, part, part_digest(part, version)) for key, part in cut)


def cut_parts(
    records: Iterable[SearchRecord], max_part: int = DEFAULT_MAX_PART
) -> list[tuple[str, tuple[SearchRecord, ...]]]:
    """`plan_parts`' cut, each part's key and records, without the digests: for a caller
    that digests the parts its own way (the build, from its records' digests)."""
    if max_part < 1:
        raise SearchPartitionError(
            t("a search part must hold at least 1 story, not {size}", size=max_part)
        )
    ordered = sorted(records, key=lambda record: (record.date, record.url))
    # Pagefind keeps one page per URL, so a second record would silently replace the first.
    seen: set[str] = set()
    for record in ordered:
        if record.url in seen:
            raise SearchRecordError(f"search record {record.url!r}: given twice")
        seen.add(record.url)
    # Grouped by each date's own calendar, which time order does not follow when offsets
    # differ: 1 January 00:30 at +08:00 comes before 31 December 20:00 at +00:00.
    years: dict[int, list[SearchRecord]] = {}
    for record in ordered:
        years.setdefault(record.date.year, []).append(record)
    groups: list[Group] = []
    for in_year in years.values():
        groups.extend(_cut_year(in_year, max_part))
    groups.sort(key=lambda group: group[0], reverse=True)
    return [(key, tuple(part)) for _, key, part in groups]
