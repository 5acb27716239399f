"""Indonesian and English date labels come from Babel, in the site's time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from newsroom_model.dates import date_label
from newsroom_model.settings import DEFAULTS

FORMATS = DEFAULTS["WARTA_DATE_FORMATS"]
WITA = ZoneInfo("Asia/Makassar")


def test_indonesian_label_with_weekday_month_and_zone() -> None:
    moment = datetime(2023, 10, 18, 9, 0, tzinfo=WITA)
    assert date_label(moment, "id", FORMATS, WITA) == "Rabu, 18 Oktober 2023 09.00 WITA"


def test_time_given_in_another_zone_is_told_in_site_time() -> None:
    moment = datetime(2026, 10, 2, 14, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert date_label(moment, "id", FORMATS, WITA) == "Jumat, 2 Oktober 2026 15.00 WITA"


def test_date_without_time_shows_the_date_only() -> None:
    moment = datetime(2026, 11, 28, tzinfo=WITA)
    assert date_label(moment, "id", FORMATS, WITA) == "Sabtu, 28 November 2026"


def test_english_follows_the_language() -> None:
    moment = datetime(2023, 10, 18, 9, 0, tzinfo=WITA)
    assert date_label(moment, "en", FORMATS, WITA).startswith("Wednesday, 18 October 2023, 09:00")
