"""Findability: feeds, sitemaps, structured data, link previews and static search.

Needs `newsroom_model` (locations, bylines, sources, corrections) and reads `social_images` from
`news_images` when that plugin is listed before this one. `register()` only connects signals;
the receivers run in build order: initialized (settings, the card filter) →
all_generators_finalized (each page's card and JSON-LD, the feed plan) → finalized (feeds,
sitemaps, robots.txt, then the Pagefind index over the written site).
See docs/adr/004-findability.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from newsroom_model.listings import LISTINGS_KEY, Listings
from newsroom_model.problems import stop_for_setting
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import console

from .feeds import Feed, plan_feeds, write_feeds
from .model import (
    Site,
    article_card,
    breadcrumbs,
    news_article,
    page_card,
    script_json,
    site_card,
    website,
)
from .search import BUNDLE, build_search_index
from .settings import FindabilitySettingsError, build_time, merge_defaults
from .sitemaps import (
    Entry,
    news_window,
    plan_sitemap,
    write_news_sitemap,
    write_robots,
    write_sitemaps,
)

PLAN_KEY = "WARTA_FINDABILITY_PLAN"


@dataclass
class Plan:
    """What the end of the build writes, computed while the content objects are at hand."""

    site: Site
    feeds: dict[str, Feed] = field(default_factory=dict)
    sitemap: list[Entry] = field(default_factory=list)
    articles: list[Any] = field(default_factory=list)


def start_build(pelican: Any) -> None:
    """Merge defaults and give templates the card filter for pages that are not one story."""
    settings = pelican.settings
    try:
        merge_defaults(settings)
    except FindabilitySettingsError as error:
        stop_for_setting(error)
    site = Site.from_settings(settings)
    settings[PLAN_KEY] = Plan(site)
    settings["JINJA_FILTERS"] = {
        **settings["JINJA_FILTERS"],
        "listing_card": partial(site_card, site),
    }


def describe_content(generators: list[Any]) -> None:
    """Give every article and page its card and JSON-LD; plan the feeds and the sitemap."""
    articles_generator = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    pages_generator = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    if articles_generator is None:
        return
    settings = articles_generator.settings
    plan: Plan | None = settings.get(PLAN_KEY)
    if plan is None:
        return
    site = plan.site
    generator = articles_generator
    for article in [
        *generator.articles,
        *generator.translations,
        *generator.hidden_articles,
        *generator.drafts,
    ]:
        article.social_card = article_card(article, site)
        article.structured_data = [news_article(article, site), breadcrumbs(article, site)]
        article.json_ld = script_json(article.structured_data)
    pages = list(pages_generator.pages) if pages_generator is not None else []
    for page in pages:
        page.social_card = page_card(page, site)
    formats = settings["WARTA_FEED_FORMATS"]
    plan.articles = list(generator.articles)
    # Every listing page (newsroom_model builds them in one pass) is announced and mapped.
    listings: Listings = generator.context[LISTINGS_KEY]
    plan.feeds = plan_feeds(plan.articles, listings, site, settings)
    plan.sitemap = plan_sitemap(
        site,
        plan.articles,
        pages,
        [(listing, listing.articles) for listing in listings.written()],
    )
    site_feed = plan.feeds[""].links(site, formats)
    context = generator.context
    context["feed_links"] = {
        key: site_feed + ([] if key == "" else feed.links(site, formats))
        for key, feed in plan.feeds.items()
    }
    # Each listing's own feeds, for the link its heading shows.
    context["listing_feeds"] = {
        key: feed.links(site, formats) for key, feed in plan.feeds.items() if key
    }
    context["site_json_ld"] = script_json(website(site))


def write_findability_files(pelican: Any) -> None:
    """Write feeds, sitemaps and robots.txt, then index the finished site for search."""
    settings = pelican.settings
    plan: Plan | None = settings.get(PLAN_KEY)
    if plan is None:
        return
    output = Path(pelican.output_path)
    site = plan.site
    feeds = write_feeds(plan.feeds, site, settings, output)
    sitemaps = write_sitemaps(plan.sitemap, site, output, settings["WARTA_SITEMAP_MAX_URLS"])
    recent = news_window(
        plan.articles,
        build_time(settings),
        settings["WARTA_NEWS_SITEMAP_DAYS"],
        settings["WARTA_NEWS_SITEMAP_MAX"],
    )
    write_news_sitemap(recent, site, output)
    write_robots(site, output)
    summary = (
        f"Findability: {feeds} feeds, {len(plan.sitemap)} URLs in {len(sitemaps)} sitemap "
        f"file(s), {len(recent)} in the news sitemap"
    )
    if settings["WARTA_SEARCH"]:
        started = time.perf_counter()
        languages = build_search_index(output)
        pages = ", ".join(f"{count} pages in '{lang}'" for lang, count in languages.items())
        size = sum(f.stat().st_size for f in (output / BUNDLE).rglob("*") if f.is_file())
        summary += (
            f"; search index: {pages or 'no pages'}, {size / 1024:.0f} KiB, "
            f"in {time.perf_counter() - started:.1f} s"
        )
    console.print(summary + ".", soft_wrap=True)


def register() -> None:
    signals.initialized.connect(start_build)
    signals.all_generators_finalized.connect(describe_content)
    signals.finalized.connect(write_findability_files)
