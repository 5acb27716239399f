"""Defaults for every WARTA_* setting the newsroom model reads, merged into the settings once."""

from __future__ import annotations

import copy
from typing import Any

DEFAULTS: dict[str, Any] = {
    # The desks (rubrik) an article's Category must name.
    "WARTA_CATEGORIES": [
        "Politik",
        "Hukum",
        "Ekonomi",
        "Pendidikan",
        "Kesehatan",
        "Olahraga",
        "Lingkungan",
        "Budaya",
        "Daerah",
    ],
    # Reference data, relative to PATH (the content folder).
    "WARTA_DATA_PATH": "data",
    "WARTA_DATA_FILES": {
        "locations": "locations.yaml",
        "authors": "authors.yaml",
        "sources": "sources.yaml",
    },
    # The outlet named in the dateline, "BANJARMASIN, <OUTLET> –"; None means SITENAME in capitals.
    "WARTA_DATELINE_OUTLET": None,
    # Babel date patterns by language; a time of exactly midnight is taken as "no time given".
    "WARTA_DATE_FORMATS": {
        "id": {"datetime": "EEEE, d MMMM y HH.mm z", "date": "EEEE, d MMMM y"},
        # English has no short name for Indonesia's zones in CLDR ("GMT+8"), so it spells it out.
        "en": {"datetime": "EEEE, d MMMM y, HH:mm zzzz", "date": "EEEE, d MMMM y"},
    },
    # Each place's listing, nested by region: {path} is e.g. kalimantan-selatan/kota-banjarmasin.
    "WARTA_LOCATION_URL": "lokasi/{path}/",
    "WARTA_LOCATION_SAVE_AS": "lokasi/{path}/index.html",
    # Each source's listing (agencies, partner outlets, readers' submissions).
    "WARTA_SOURCE_URL": "sumber/{slug}/",
    "WARTA_SOURCE_SAVE_AS": "sumber/{slug}/index.html",
    # Header fields other plugins or templates read, which the schema should let through.
    "WARTA_EXTRA_FIELDS": [],
}


def merge_defaults(settings: dict[str, Any]) -> None:
    """Fill in every WARTA_* setting the site did not set; the site's own values win."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
    # Warta's listings are paginated like Pelican's own, at DEFAULT_PAGINATION a page.
    for template in ("location", "source", "period_archives"):
        settings["PAGINATED_TEMPLATES"].setdefault(template, None)
    if not settings["WARTA_DATELINE_OUTLET"]:
        settings["WARTA_DATELINE_OUTLET"] = str(settings.get("SITENAME", "")).upper()
