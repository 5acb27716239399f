"""Every WARTA_* setting the theme plugin reads, with its default and its check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warta.config import Setting, list_of, optional, text, whole
from warta.messages import Text, t

SHARE_TARGETS = ("whatsapp", "facebook", "x", "telegram", "copy")
COMMENT_SYSTEMS = ("isso", "remark42")
FRONT_PAGE_SIZES = ("lead_window", "per_desk", "per_region")


def _front_page(value: Any) -> Text | None:
    if not isinstance(value, dict):
        return t("must be a dict")
    known = {"pinned", *FRONT_PAGE_SIZES}
    unknown = sorted(str(key) for key in value if key not in known)
    if unknown:
        return t(
            "has {unknown}; the keys are {keys}", unknown=str(unknown), keys=str(sorted(known))
        )
    pinned = value.get("pinned", [])
    if not isinstance(pinned, list) or not all(isinstance(slug, str) for slug in pinned):
        return t(
            "['pinned'] is {pinned}; give a list of story slugs, e.g. ['banjir-martapura', "
            "'apbd-2027']",
            pinned=repr(pinned),
        )
    sizes = {key: size for key, size in value.items() if key != "pinned"}
    if not all(
        isinstance(size, int) and not isinstance(size, bool) and size >= 0
        for size in sizes.values()
    ):
        return t("sizes must be whole numbers, 0 or more: {sizes}", sizes=str(sizes))
    return None


def _comments(value: Any) -> Text | None:
    if value is None:
        return None
    system = value.get("system") if isinstance(value, dict) else None
    url = str(value.get("url", "")) if isinstance(value, dict) else ""
    if (
        system not in COMMENT_SYSTEMS
        or not url.startswith(("https://", "http://"))
        or any(character in url for character in "\"'<> \\")
    ):
        return t(
            "needs a 'system' (one of {systems}) and the absolute 'url' of the comment server, "
            "e.g. {{'system': 'isso', 'url': 'https://komentar.outlet.example/'}}",
            systems=str(list(COMMENT_SYSTEMS)),
        )
    if system == "remark42" and not value.get("site_id"):
        return t("for remark42 needs its 'site_id'")
    return None


SETTINGS = (
    # The home page: the lead is the newest story with a photo among the newest `lead_window`;
    # "Berita terbaru" lists the rest of the home page's page of the newest stories
    # (DEFAULT_PAGINATION), so its "Berita lainnya" page goes on where it stops; each desk and
    # each region block then shows its `per_desk` or `per_region` newest stories not already on
    # the page. `pinned` lets the desk editor choose, by slug: the first pinned story leads,
    # the others are shown as "Pilihan redaksi", in that order. Unpin a story by taking its
    # slug out.
    Setting(
        "WARTA_FRONT_PAGE",
        {"pinned": [], "lead_window": 5, "per_desk": 3, "per_region": 4},
        _front_page,
    ),
    # Share links under each story, in this order: plain links, no third-party script.
    # Known: whatsapp, facebook, x, telegram, copy (copies the address; a link without JS).
    Setting(
        "WARTA_SHARE",
        ["whatsapp", "facebook", "x", "telegram", "copy"],
        list_of(text(False), SHARE_TARGETS),
    ),
    # Reader comments, off by default. To switch them on, name a self-hosted system and its
    # address, e.g. {"system": "isso", "url": "https://komentar.outlet.example/"} or
    # {"system": "remark42", "url": "https://remark.outlet.example/", "site_id": "outlet"}.
    Setting("WARTA_COMMENTS", None, _comments),
    # The theme's translation catalogues (messages.po per language); None means
    # <THEME>/translations. The language is DEFAULT_LANG: "id" (default) or "en".
    Setting("WARTA_TRANSLATIONS_PATH", None, optional(text(False))),
    # The site's own theme folder, relative to where the build runs (the site's folder), beside
    # Warta's: a template in its templates/ replaces Warta's of the same name (partials too);
    # the files of its static/ are published with Warta's, and static/css/site.css, when there,
    # is linked after Warta's stylesheet. "" means none.
    Setting("WARTA_SITE_THEME", "theme", text()),
    # How many of the newest stories the 404 page lists.
    Setting("WARTA_NOT_FOUND_STORIES", 5, whole(0, 50)),
)

# Each setting's default by name, for code and tests that read one.
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}

# Each kind of listing page, and the index page that lists every page of that kind.
INDEX_OF_LISTINGS = {
    "CATEGORY_SAVE_AS": "CATEGORIES_SAVE_AS",
    "TAG_SAVE_AS": "TAGS_SAVE_AS",
    "AUTHOR_SAVE_AS": "AUTHORS_SAVE_AS",
    "WARTA_SOURCE_SAVE_AS": "SOURCES_SAVE_AS",
    "WARTA_LOCATION_SAVE_AS": "LOCATIONS_SAVE_AS",
}


# The site's stylesheet, under its theme's static/ folder.
SITE_STYLESHEET = "css/site.css"


def finish(settings: dict[str, Any]) -> None:
    """Drop the index page of any kind of listing the site switched off: it would list nothing.
    Put the site's own theme folder before Warta's."""
    for pages, index in INDEX_OF_LISTINGS.items():
        if pages in settings and not settings[pages]:
            settings[index] = ""
    folder = site_theme(settings)
    if folder is None:
        return
    templates, static = folder / "templates", folder / "static"
    overrides = [str(path) for path in settings.get("THEME_TEMPLATES_OVERRIDES") or []]
    if templates.is_dir() and str(templates) not in overrides:
        settings["THEME_TEMPLATES_OVERRIDES"] = [str(templates), *overrides]
    # Pelican joins each of these to THEME; an absolute path stays itself. Copied after
    # Warta's static files, so a file of the same name is the site's.
    statics = list(settings.get("THEME_STATIC_PATHS") or ["static"])
    if static.is_dir() and str(static) not in statics:
        settings["THEME_STATIC_PATHS"] = [*statics, str(static)]


def site_theme(settings: dict[str, Any]) -> Path | None:
    """The site's own theme folder, or None when it has none (or it is Warta's own theme, as
    in the repository where Warta is developed)."""
    name = settings.get("WARTA_SITE_THEME")
    if not name or not Path(name).is_dir():
        return None
    folder = Path(name).resolve()
    return None if folder == Path(settings["THEME"]).resolve() else folder


def site_stylesheet(settings: dict[str, Any]) -> str:
    """The site's stylesheet under THEME_STATIC_DIR, or '' when its theme has none."""
    folder = site_theme(settings)
    return SITE_STYLESHEET if folder and (folder / "static" / SITE_STYLESHEET).is_file() else ""
