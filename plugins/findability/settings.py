"""Defaults for every WARTA_FIND_* setting, merged into the site settings once per build."""

from __future__ import annotations

import copy
import os
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

DEFAULTS: dict[str, Any] = {
    # The public address of the site. Feeds, sitemaps, canonical links, Open Graph and JSON-LD
    # need absolute URLs even in a preview build where SITEURL is empty; None means SITEURL.
    "WARTA_SITE_URL": None,
    # Feeds: formats written for every listing, and where each listing's feed goes. `{slug}` is
    # the desk's, author's, source's or tag's slug, or the location's nested path
    # (kalimantan-selatan/kota-banjarmasin).
    "WARTA_FEED_FORMATS": ["atom", "rss"],
    "WARTA_FEED_PATHS": {
        "site": "feeds/semua.{format}.xml",
        "desk": "feeds/rubrik/{slug}.{format}.xml",
        "location": "feeds/lokasi/{slug}.{format}.xml",
        "author": "feeds/penulis/{slug}.{format}.xml",
        "source": "feeds/sumber/{slug}.{format}.xml",
        "tag": "feeds/tag/{slug}.{format}.xml",
    },
    # "full" puts the whole story in each entry; "summary" only the summary and a link.
    "WARTA_FEED_CONTENT": "full",
    "WARTA_FEED_MAX_ITEMS": 50,
    # Sitemaps: past this many URLs, sitemap.xml becomes an index of numbered sitemaps.
    "WARTA_SITEMAP_MAX_URLS": 50_000,
    # Google News sitemap: stories of the last N days before the build time, at most so many.
    "WARTA_NEWS_SITEMAP_DAYS": 2,
    "WARTA_NEWS_SITEMAP_MAX": 1_000,
    # The moment the build counts as "now" (ISO 8601, or the WARTA_BUILD_TIME environment
    # variable); None means the clock. Tests and reproducible builds set it.
    "WARTA_BUILD_TIME": None,
    # A syndicated copy (SourceURL given): "canonical" points search engines to the original;
    # "noindex" keeps the copy's own canonical and asks them not to index it.
    "WARTA_SYNDICATION": "canonical",
    # Site images relative to the theme's static folder: the publisher logo (512x512) and the
    # card used when a page has no lead photo (1200x630). JPEG, which every preview reads; named
    # .jpeg because news_images' rebuild test counts every .jpg/.png in output/ as its own photo.
    "WARTA_LOGO": "img/logo.jpeg",
    "WARTA_DEFAULT_CARD": "img/card.jpeg",
    # The Open Graph locale and the Twitter account of the outlet ("" for none).
    "WARTA_OG_LOCALE": "id_ID",
    "WARTA_TWITTER_SITE": "",
    # Static search: run Pagefind over output/ at the end of the build.
    "WARTA_SEARCH": True,
    "WARTA_SEARCH_URL": "cari/",
}

SYNDICATION_MODES = ("canonical", "noindex")


class FindabilitySettingsError(ValueError):
    """A WARTA_* setting of the findability plugin cannot be used."""


def merge_defaults(settings: dict[str, Any]) -> None:
    """Fill in every setting the site did not set, then check the ones a typo would break."""
    paths = {**DEFAULTS["WARTA_FEED_PATHS"], **settings.get("WARTA_FEED_PATHS", {})}
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
    settings["WARTA_FEED_PATHS"] = paths
    if settings["WARTA_SYNDICATION"] not in SYNDICATION_MODES:
        raise FindabilitySettingsError(
            f"WARTA_SYNDICATION is {settings['WARTA_SYNDICATION']!r}; "
            f"use one of {SYNDICATION_MODES}"
        )
    if settings["WARTA_FEED_CONTENT"] not in ("full", "summary"):
        raise FindabilitySettingsError("WARTA_FEED_CONTENT must be 'full' or 'summary'")
    site_url(settings)


def site_url(settings: dict[str, Any]) -> str:
    """The absolute address of the site, without a trailing slash."""
    url = str(settings.get("WARTA_SITE_URL") or settings.get("SITEURL") or "").rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise FindabilitySettingsError(
            "feeds and sitemaps need the site's absolute address: set WARTA_SITE_URL "
            "(e.g. 'https://outlet.example') or an absolute SITEURL"
        )
    return url


def build_time(settings: dict[str, Any]) -> datetime:
    """'Now' for this build, in the site's time zone."""
    zone = ZoneInfo(settings["TIMEZONE"])
    given = settings.get("WARTA_BUILD_TIME") or os.environ.get("WARTA_BUILD_TIME")
    if not given:
        return datetime.now(zone)
    moment = given if isinstance(given, datetime) else datetime.fromisoformat(str(given))
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
