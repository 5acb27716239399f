"""Findability: feeds, sitemaps, structured data, link previews and static search.

Needs `newsroom_model` before it in PLUGINS, and reads `news_images`' photos when that plugin is
listed (before this one: the order is checked at start-up). Its feature (`FEATURE`) starts the
search index as soon as the site is listed (`search_plan.start_search`), then gives every story
and page its card and JSON-LD and plans the feeds, the sitemaps and the search index
(`describe.describe_site`); they are written with the pages, each only when it changed. This
file wires, and checks the site's address at start-up. See docs/adr/004-findability.md.
"""

from __future__ import annotations

from typing import Any

from news_images import PHOTOS
from newsroom_model.site import SITE
from pelican import signals

from warta.features import Feature, check_order
from warta.messages import site_catalogue, t
from warta.problems import stop_for_settings

from .describe import FINDABILITY, Findability, describe_site
from .search_plan import start_search
from .settings import site_url

__all__ = ["FEATURE", "FINDABILITY", "Findability", "describe_site", "register", "start_search"]


def check_settings(pelican: Any) -> None:
    settings = pelican.settings
    if not site_url(settings):
        stop_for_settings(
            [
                t(
                    "feeds and sitemaps need the site's absolute address: set WARTA_SITE_URL "
                    "(e.g. 'https://outlet.example') or an absolute SITEURL"
                )
            ],
            catalogue=site_catalogue(settings),
        )


FEATURE = Feature(
    "findability",
    describe_site,
    gives=FINDABILITY,
    needs=(SITE,),
    uses=(PHOTOS,),
    start=start_search,
)


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.initialized.connect(check_order)
