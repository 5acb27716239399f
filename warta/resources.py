"""Where Warta's own files are: its theme and its national places file, wherever it is installed."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import yaml

_PACKAGE = Path(__file__).resolve().parent
# The national list of places a story can be filed from (scripts/generate_locations.py).
PLACES_FILE = _PACKAGE / "data" / "indonesia.yaml"


def theme_folder() -> Path:
    """Warta's theme: `warta/theme` in an installed wheel; in this repository, where Warta is
    developed (an editable install), the `theme/` folder beside the package."""
    installed = _PACKAGE / "theme"
    return installed if installed.is_dir() else _PACKAGE.parent / "theme"


def warta_version() -> str:
    """The installed Warta's version, the one a site pins."""
    try:
        return version("warta")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


@cache
def national_places() -> tuple[dict[str, Any], ...]:
    """The national places file as records (read once per process; the C loader when PyYAML
    has it: the pure-Python one takes a fifth of a second for its 553 places)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loaded = yaml.load(PLACES_FILE.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    return tuple(loaded)


def province_names() -> list[str]:
    """The provinces of the national places file, in its order."""
    return [
        str(province["name"])
        for country in national_places()
        for province in country.get("children") or []
    ]
