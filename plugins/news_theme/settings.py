"""Defaults for every WARTA_* setting the theme plugin reads, merged into the settings once."""

from __future__ import annotations

import copy
from typing import Any

DEFAULTS: dict[str, Any] = {
    # The home page: how many stories each block shows. The lead is the newest story with a
    # photo among the newest `lead_window`; top stories are the next newest; each desk and each
    # region block then shows its newest stories not already on the page.
    # `pinned` lets the desk editor choose instead, by slug: the first pinned story leads, the
    # others head the top stories, in that order. Unpin a story by taking its slug out.
    "WARTA_FRONT_PAGE": {
        "pinned": [],
        "lead_window": 5,
        "top": 4,
        "per_desk": 3,
        "per_region": 4,
        "latest": 10,
    },
    # Share links under each story, in this order: plain links, no third-party script.
    # Known: whatsapp, facebook, x, telegram, copy (copies the address; a link without JS).
    "WARTA_SHARE": ["whatsapp", "facebook", "x", "telegram", "copy"],
    # Reader comments, off by default. To switch them on, name a self-hosted system and its
    # address, e.g. {"system": "isso", "url": "https://komentar.outlet.example/"} or
    # {"system": "remark42", "url": "https://remark.outlet.example/", "site_id": "outlet"}.
    "WARTA_COMMENTS": None,
    # The theme's translation catalogues (messages.po per language); None means
    # <THEME>/translations. The language is DEFAULT_LANG: "id" (default) or "en".
    "WARTA_TRANSLATIONS_PATH": None,
}

# Each kind of listing page, and the index page that lists every page of that kind.
INDEX_OF_LISTINGS = {
    "CATEGORY_SAVE_AS": "CATEGORIES_SAVE_AS",
    "TAG_SAVE_AS": "TAGS_SAVE_AS",
    "AUTHOR_SAVE_AS": "AUTHORS_SAVE_AS",
    "WARTA_SOURCE_SAVE_AS": "SOURCES_SAVE_AS",
    "WARTA_LOCATION_SAVE_AS": "LOCATIONS_SAVE_AS",
}
SHARE_TARGETS = ("whatsapp", "facebook", "x", "telegram", "copy")
COMMENT_SYSTEMS = ("isso", "remark42")


class ThemeSettingsError(ValueError):
    """A WARTA_* setting of the theme plugin cannot be used."""


def merge_defaults(settings: dict[str, Any]) -> None:
    """Fill in every setting the site did not set, check the ones a typo would break, and drop
    the index page of any kind of listing the site switched off."""
    front = {**DEFAULTS["WARTA_FRONT_PAGE"], **settings.get("WARTA_FRONT_PAGE", {})}
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
    settings["WARTA_FRONT_PAGE"] = front
    unknown_keys = sorted(set(front) - set(DEFAULTS["WARTA_FRONT_PAGE"]))
    if unknown_keys:
        raise ThemeSettingsError(
            f"WARTA_FRONT_PAGE has {unknown_keys}; "
            f"the keys are {sorted(DEFAULTS['WARTA_FRONT_PAGE'])}"
        )
    pinned = front["pinned"]
    if not isinstance(pinned, list) or not all(isinstance(slug, str) for slug in pinned):
        raise ThemeSettingsError(
            f"WARTA_FRONT_PAGE['pinned'] is {pinned!r}; give a list of story slugs, "
            "e.g. ['banjir-martapura', 'apbd-2027']"
        )
    sizes = {key: value for key, value in front.items() if key != "pinned"}
    if not all(isinstance(size, int) and size >= 0 for size in sizes.values()):
        raise ThemeSettingsError(
            f"WARTA_FRONT_PAGE sizes must be whole numbers, 0 or more: {sizes}"
        )
    unknown = [name for name in settings["WARTA_SHARE"] if name not in SHARE_TARGETS]
    if unknown:
        raise ThemeSettingsError(f"WARTA_SHARE names {unknown}; use any of {list(SHARE_TARGETS)}")
    comments = settings["WARTA_COMMENTS"]
    if comments is not None:
        system = comments.get("system") if isinstance(comments, dict) else None
        if system not in COMMENT_SYSTEMS or not str(comments.get("url", "")).startswith(
            ("https://", "http://")
        ):
            raise ThemeSettingsError(
                "WARTA_COMMENTS needs a 'system' (one of "
                f"{list(COMMENT_SYSTEMS)}) and the absolute 'url' of the comment server, "
                "e.g. {'system': 'isso', 'url': 'https://komentar.outlet.example/'}"
            )
        if system == "remark42" and not comments.get("site_id"):
            raise ThemeSettingsError("WARTA_COMMENTS for remark42 needs its 'site_id'")
    for pages, index in INDEX_OF_LISTINGS.items():
        # A kind switched off (an empty SAVE_AS) has no index either: it would list nothing.
        if pages in settings and not settings[pages]:
            settings[index] = ""
