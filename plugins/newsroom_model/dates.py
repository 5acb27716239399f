"""Dates in the reader's language through Babel, independent of the operating system's locale."""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from babel.dates import format_datetime


def date_label(
    moment: datetime, lang: str, formats: dict[str, dict[str, str]], zone: tzinfo
) -> str:
    """E.g. 'Rabu, 18 Oktober 2023 09.00 WITA', told in the site's time zone `zone`.

    A time of exactly midnight as written is taken as "no time given", and only the date shows.
    """
    language = lang.replace("-", "_").split("_")[0]
    patterns = formats.get(language) or formats.get("id") or next(iter(formats.values()))
    has_time = moment.timetz().replace(tzinfo=None) != time(0, 0)
    pattern = patterns["datetime"] if has_time else patterns["date"]
    return format_datetime(moment, pattern, tzinfo=zone, locale=language)
