"""Moments as reporters write them: `14.45` is 14.45, a printed date read back is the same moment,
and anything that is not a plain time, or lies out of range, is refused with its line.

The unit tests read `newsroom_model.moments` directly; the site test builds a real newsroom with the
`pelican` command and reads the page and its feed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom_model.dates import date_label
from newsroom_model.live import short_label
from newsroom_model.moments import EARLIEST, LATEST, MomentError, parse_moment, read_moment
from newsroom_model.settings import DEFAULTS

from tests.sitekit import Site

WITA = ZoneInfo("Asia/Makassar")
FORMATS = DEFAULTS["WARTA_DATE_FORMATS"]
# The zones a newsroom of Indonesia sets, and two others whose labels print differently.
ZONES = [ZoneInfo(name) for name in ("Asia/Makassar", "Asia/Jakarta", "Asia/Jayapura")] + [
    ZoneInfo("UTC"),
    ZoneInfo("Europe/Berlin"),
]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-12-06 14.45", datetime(2026, 12, 6, 14, 45, tzinfo=WITA)),
        ("2026-12-06T14.45", datetime(2026, 12, 6, 14, 45, tzinfo=WITA)),
        ("2026-12-06 9.05", datetime(2026, 12, 6, 9, 5, tzinfo=WITA)),
        ("2026-12-06 14:45", datetime(2026, 12, 6, 14, 45, tzinfo=WITA)),
        ("2026-12-06 14:45:30", datetime(2026, 12, 6, 14, 45, 30, tzinfo=WITA)),
        ("2026-12-06", datetime(2026, 12, 6, tzinfo=WITA)),
        (
            "2026-12-06 14.45 WIB",
            datetime(2026, 12, 6, 14, 45, tzinfo=timezone(timedelta(hours=7))),
        ),
        (
            "2026-12-06 14.45 wit",
            datetime(2026, 12, 6, 14, 45, tzinfo=timezone(timedelta(hours=9))),
        ),
        (
            "2026-12-06T14:45+07:00",
            datetime(2026, 12, 6, 14, 45, tzinfo=timezone(timedelta(hours=7))),
        ),
        (
            "2026-12-06 14.45+0700",
            datetime(2026, 12, 6, 14, 45, tzinfo=timezone(timedelta(hours=7))),
        ),
        ("2026-12-06T06:45Z", datetime(2026, 12, 6, 6, 45, tzinfo=UTC)),
        ("Minggu, 6 Desember 2026 14.45 WITA", datetime(2026, 12, 6, 14, 45, tzinfo=WITA)),
        ("6 Des 2026 14.45", datetime(2026, 12, 6, 14, 45, tzinfo=WITA)),
        ("6 Desember 2026", datetime(2026, 12, 6, tzinfo=WITA)),
        (
            "Sunday, 6 December 2026, 14:45 Central Indonesia Time",
            datetime(2026, 12, 6, 14, 45, tzinfo=WITA),
        ),
    ],
)
def test_accepted_forms_give_the_moment_written(written: str, expected: datetime) -> None:
    moment = parse_moment(written, WITA)
    assert moment == expected
    assert moment.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("2026-12-06 14:00:00.45", "fraction of a second"),
        ("2026-12-06 14.45.30", "fraction of a second"),
        ("2026-12-06 14:45,5", "fraction of a second"),
        ("2026-12-06 24.00", "not a time of day"),
        ("2026-12-06 14.61", "not a time of day"),
        ("2026-02-30", "does not exist"),
        ("Senin, 6 Desember 2026", "is a Minggu"),
        ("2026-12-06 14.45 PST", "not a time zone"),
        ("2026-12-06 14.45+15:00", "offset no place"),
        ("0001-01-01T00:00+14:00", "outside the years"),
        ("9999-12-31T23:59-12:00", "outside the years"),
        ("1899-12-31", "outside the years"),
        ("1915-06-01 10.00", "local mean time"),
        ("06-12-2026 14.45", "is not a date"),
        ("kemarin sore", "is not a date"),
        ("14.45", "is not a date"),
    ],
)
def test_what_is_not_a_plain_moment_is_refused(written: str, says: str) -> None:
    with pytest.raises(MomentError) as refused:
        parse_moment(written, WITA)
    assert says in str(refused.value.message)
    assert refused.value.hint


def test_a_live_heading_reads_a_time_of_day_on_the_story_day_and_leaves_its_text() -> None:
    day = date(2026, 11, 20)
    found = read_moment("14.45 – Tanggul jebol", WITA, on_day=day)
    assert found is not None
    assert found.moment == datetime(2026, 11, 20, 14, 45, tzinfo=WITA)
    assert "14.45 – Tanggul jebol"[found.end :] == " – Tanggul jebol"
    # A heading that begins with a number that is no time is not read as one.
    assert read_moment("6 orang dievakuasi", WITA, on_day=day) is None
    with pytest.raises(MomentError, match="fraction"):
        read_moment("14.45.30 Air naik", WITA, on_day=day)


minutes = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2990, 12, 30), timezones=st.just(UTC)
).map(lambda moment: moment.replace(second=0, microsecond=0))


@settings(max_examples=300, deadline=None)
@given(moment=minutes, zone=st.sampled_from(ZONES), lang=st.sampled_from(["id", "en"]))
def test_every_moment_the_site_prints_reads_back_as_the_same_moment(
    moment: datetime, zone: ZoneInfo, lang: str
) -> None:
    """What a page prints (the date label, a live update's short label, the `datetime`
    attribute, a feed's date) written back into a header names the same instant."""
    local = moment.astimezone(zone)
    label = date_label(local, lang, FORMATS, zone)
    assert parse_moment(label, zone) == moment, label
    assert parse_moment(local.isoformat(), zone) == moment
    assert parse_moment(local.isoformat(sep=" ", timespec="minutes"), zone) == moment
    dotted = f"{local:%Y-%m-%d %H.%M}"
    assert parse_moment(dotted, zone) == moment, dotted
    # A live page labels every update 'Rab, 11 Nov 08.30' (no year).
    short = short_label(local, lang, zone)
    found = read_moment(short, zone, on_day=local.date())
    assert found is not None, short
    assert found.moment == moment, short
    assert EARLIEST <= moment <= LATEST


def test_indonesian_times_reach_the_page_feed_and_corrections(tmp_path: Path) -> None:
    """`14.45` in Date, Modified, Correction and a live heading is published as 14.45."""
    site = Site(tmp_path)
    site.article(
        "jam.md",
        body="Rapat dimulai siang.\n\n## 15.10 Rapat ditunda\n\nRapat ditunda sampai besok.\n",
        Title="Rapat Anggaran Dimulai",
        Slug="rapat",
        Date="2026-11-18 14.45",
        Modified="2026-11-18 16.30",
        Correction="2026-11-18 17.05 | Nama ketua rapat diperbaiki.",
        Live="ended",
    )
    built = site.build("WARTA_BUILD_TIME = '2026-11-20T00:00+08:00'")
    assert built.returncode == 0, built.stderr
    page = built.html("2026/11/rapat/")
    published = page.select_one("article.story time[datetime]")
    assert published is not None
    assert published["datetime"] == "2026-11-18T14:45:00+08:00"
    assert "14.45 WITA" in published.get_text()
    times = {str(node["datetime"]) for node in page.select("time[datetime]")}
    assert {"2026-11-18T16:30:00+08:00", "2026-11-18T17:05:00+08:00"} <= times
    assert "2026-11-18T15:10:00+08:00" in times
    feed = feedparser.parse((built.output / "feeds" / "semua.atom.xml").read_bytes())
    entry = feed.entries[0]
    assert entry.published == "2026-11-18T14:45:00+08:00"
    assert entry.updated == "2026-11-18T16:30:00+08:00"


def test_a_fraction_of_a_second_is_refused_with_its_line(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.article("pecahan.md", Date="2026-11-18 14:00:00.45")
    built = site.build()
    assert built.returncode == 1
    assert built.report_lines[0].startswith("content/articles/pecahan.md:2: Date: ")
    assert "fraction of a second" in built.report_lines[0]
    assert not (built.output / "index.html").exists()
