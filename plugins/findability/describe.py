"""What a build's pages say to search engines, link previews and feed readers (`Findability`,
in the `FINDABILITY` slot), and the feeds and sitemaps planned (`describe_site`, findability's
feature)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

from markupsafe import Markup
from news_images import PHOTOS
from newsroom_model.listings import Listing
from newsroom_model.record import Story
from newsroom_model.schema import ARTICLE
from newsroom_model.site import SITE, Site

from warta.cache import key_of, plain_digest, value_digest
from warta.features import Planned
from warta.output import OutputFiles, Writes, keyed_outputs, settings_digest, write_files
from warta.run import BuildRun, Slot
from warta.views import Byline, CardImage, FeedLink, Head

from .feeds import Enclosure, Entries, Feed, document, feed_title
from .liveblog import live_blog_posting
from .model import (
    GalleryImage,
    Outlet,
    StoryImages,
    article_card,
    breadcrumbs,
    metadata_text,
    news_article,
    page_card,
    script_json,
    site_card,
    website,
)
from .search_plan import plan_search
from .settings import site_url
from .sitemaps import news_sitemap, news_window, plan_sitemap, robots, sitemap_files


@dataclass
class Findability:
    """What the pages of a build say to search engines, link previews and feed readers."""

    outlet: Outlet
    site: Site
    images: dict[str, StoryImages] = field(default_factory=dict)
    galleries: dict[str, tuple[GalleryImage, ...]] = field(default_factory=dict)
    listing_feeds: dict[int, tuple[FeedLink, ...]] = field(default_factory=dict)
    site_feeds: tuple[FeedLink, ...] = ()
    home_json_ld: Any = None
    search_bundles: tuple[str, ...] = ()

    def head_of(self, story: Story, bylines: tuple[Byline, ...] = (), desk_url: str = "") -> Head:
        """A story's or a page's head: its card and, for a story, its JSON-LD NewsArticle and
        breadcrumbs. Made for each page as it is rendered, from the story, its photos and the
        bylines and desk address its page shows (all of which are in the page's key)."""
        outlet = self.outlet
        url = outlet.absolute(self.site.address(story).url)
        if story.kind != ARTICLE:
            return Head(outlet.description, page_card(story, url, outlet), self.site_feeds)
        images = self.images.get(story.path)
        return Head(
            description=metadata_text(story.summary),
            card=article_card(story, url, outlet, images),
            feeds=self.site_feeds,
            json_ld=script_json(
                [
                    live_blog_posting(
                        news_article(
                            story,
                            url,
                            outlet,
                            bylines,
                            images,
                            gallery=self.galleries.get(story.path, ()),
                        ),
                        story,
                        outlet,
                    ),
                    breadcrumbs(story, url, desk_url, outlet),
                ]
            ),
        )

    def feeds_of(self, listing: Listing) -> tuple[FeedLink, ...]:
        """A listing's own feeds (empty for years and months, whose stories the site feed has)."""
        return self.listing_feeds.get(id(listing), ())

    def page_head(
        self, save_as: str, title: str, description: str, listing: Listing | None = None
    ) -> Head:
        """The head of a page that is not a story: a listing, an index, the home page."""
        own = self.feeds_of(listing) if listing is not None else ()
        return Head(
            description=description,
            card=site_card(self.outlet, save_as, title),
            feeds=(*self.site_feeds, *own),
            json_ld=self.home_json_ld if save_as == "index.html" else Markup(""),
        )


FINDABILITY = Slot[Findability]("findability", "findability")


def describe_site(run: BuildRun) -> Planned[Findability]:
    """Cards and JSON-LD for every story and page; feeds, sitemaps and search planned."""
    settings = run.settings
    site = run.get(SITE)
    outlet = Outlet.from_settings(settings)
    findability = Findability(outlet, site)
    photos = run.find(PHOTOS)
    images = findability.images
    if photos is not None:
        for path, social in photos.social.items():
            images[path] = StoryImages(
                og=CardImage(
                    outlet.absolute(social.og.url),
                    social.og.width,
                    social.og.height,
                    social.alt,
                ),
                crops=tuple(
                    (crop.ratio, CardImage(outlet.absolute(crop.url), crop.width, crop.height))
                    for crop in social.crops
                ),
            )
        for story in [*site.articles, *site.static_pages]:
            if story.path in photos.galleries:
                findability.galleries[story.path] = tuple(
                    GalleryImage(
                        outlet.absolute(copy.url),
                        copy.width,
                        height,
                        photo.caption or photo.alt,
                        photo.credit,
                    )
                    for photo, copy, height in photos.gallery_photos(story)
                )
    formats = list(settings["WARTA_FEED_FORMATS"])
    feeds = _plan_feeds(site, outlet, settings)
    findability.site_feeds = feeds[0].links(outlet, formats)
    for listing, feed in feeds[1]:
        findability.listing_feeds[id(listing)] = feed.links(outlet, formats)
    findability.home_json_ld = script_json(website(outlet))
    entries = Entries(
        outlet,
        url_of=lambda story: site.address(story).url,
        body_of=_body_of(run, site),
        enclosure_of=_enclosure_of(run, images),
        author_url=lambda name: site.listings.url_of("author", name),
    )
    all_feeds = [feeds[0], *(feed for _, feed in feeds[1])]
    files = [
        OutputFiles(
            owner="the feeds",
            stage="feeds",
            claims=tuple(feed.path_of(kind) for feed in all_feeds for kind in formats),
            write=partial(_write_feeds, run, all_feeds, entries, images),
            beside_pages=True,
        ),
        OutputFiles(
            owner="the sitemaps",
            stage="sitemaps",
            claims=("sitemap.xml", "news-sitemap.xml", "robots.txt"),
            write=partial(_write_sitemaps, run, outlet),
            beside_pages=True,
        ),
    ]
    if settings["WARTA_SEARCH"]:
        search, findability.search_bundles = plan_search(run)
        files.append(search)
    return Planned(findability, files=tuple(files))


def _write_sitemaps(run: BuildRun, outlet: Outlet, writes: Writes) -> list[str]:
    """sitemap.xml (and its parts), news-sitemap.xml and robots.txt, put together again only
    when what they print changed: an address or its time, or a story of the news window. A
    headline edited or a paragraph added in an older story leaves them as they are."""
    settings = run.settings
    site = run.get(SITE)
    recent = news_window(
        site.stories,
        run.now,
        settings["WARTA_NEWS_SITEMAP_DAYS"],
        settings["WARTA_NEWS_SITEMAP_MAX"],
    )
    if recent:
        # The window moves with the clock: the oldest story in it is the first to leave.
        run.changes_by(recent[-1].date + timedelta(days=settings["WARTA_NEWS_SITEMAP_DAYS"]))

    written = list(site.listings.written())
    inputs = _sitemap_inputs(run, site, written, recent)
    keyed = keyed_outputs(run)
    noted_as = key_of(settings, "sitemaps: inputs and what they print")
    noted = run.cache.load(_SITEMAP_INPUTS, noted_as)
    if isinstance(noted, tuple) and len(noted) == 2 and noted[0] == inputs:
        kept = keyed.unchanged_group("sitemaps", str(noted[1]))
        if kept is not None:
            return list(kept)

    def url_of(story: Story) -> str:
        return site.address(story).url

    planned = plan_sitemap(outlet, site.stories, site.pages, written, url_of)
    # Everything the files print, besides the settings: each address and its time, and what
    # news-sitemap.xml says of each story in the window.
    about = (
        [(entry.url, entry.lastmod) for entry in planned],
        [
            (url_of(story), story.last_changed, story.date, story.lang, story.title)
            for story in recent
        ],
    )
    digest = plain_digest(about, settings_digest(settings))
    run.cache.save(_SITEMAP_INPUTS, noted_as, (inputs, digest))
    kept = keyed.unchanged_group("sitemaps", digest)
    if kept is not None:
        return list(kept)
    contents = {
        **sitemap_files(planned, outlet, int(settings["WARTA_SITEMAP_MAX_URLS"])),
        "news-sitemap.xml": news_sitemap(recent, outlet, url_of),
        "robots.txt": robots(outlet),
    }
    files = write_files(writes, contents)
    keyed.made_group("sitemaps", digest, files)
    return files


# The last sitemaps' inputs' digest and the digest of what they printed (`_write_sitemaps`).
_SITEMAP_INPUTS = "sitemap-inputs"
# What of each record the sitemaps depend on, by the record's digest (`_sitemap_inputs`).
_SITEMAP_PLACING = "sitemap-placing"


def _sitemap_inputs(run: BuildRun, site: Site, written: list[Listing], recent: list[Story]) -> str:
    """A digest of what the sitemaps are made from, cheap to make: when it is the last build's,
    what they print is too, and their entries are not made (about 4 s at 100,000 stories, as
    each listing's time is the newest of its stories', over every story it lists).

    Of each published story, only what the files print or what decides the listings it is in
    (`_placing`), and its address. A headline or a paragraph edited leaves all of that as it
    was, and the sitemaps with it; the stories of the news window, whose headlines
    news-sitemap.xml prints, count by their whole record. What turns a name into a listing is
    the settings' (slugs, addresses), the places' and sources' data (held by each record, by
    value) and a writer's staff slug, from the authors' data file: counted here too. The
    listings are `build_listings`' alone (a site's own plugins add outputs, not listings); each
    written one counts by its address and size, as it did when the records counted whole.
    """
    settings = run.settings
    noted_as = key_of(settings, "sitemaps: what places each record")
    noted = run.cache.load(_SITEMAP_PLACING, noted_as)
    kept: dict[str, str] = noted if isinstance(noted, dict) else {}
    # What places a story depends on its record alone: worked out for new and changed records
    # only (a digest of it each, by the record's; all of them took about 1 s at 100,000).
    keys, addresses = site.keys, site.addresses
    placing: dict[str, str] = {}
    stories: list[tuple[str, str]] = []
    for story in site.stories:
        record = keys[story.path]
        found = kept.get(record)
        if found is None:
            found = plain_digest(_placing(story))
        placing[record] = found
        stories.append((found, addresses[story.path].url))
    if placing.keys() != kept.keys():
        run.cache.save(_SITEMAP_PLACING, noted_as, placing)
    return plain_digest(
        stories,
        sorted((name, staff.slug) for name, staff in site.catalog.authors.items()),
        [(keys[page.path], addresses[page.path].url) for page in site.pages],
        [(listing.url, listing.count) for listing in written],
        [keys[story.path] for story in recent],
        settings_digest(settings),
    )


def _placing(story: Story) -> tuple[Any, ...]:
    """What of a record the sitemaps print (its times, whether it is indexable) or the
    listings it is in depend on (`build_listings`: desk, tags, writers, source, the place and
    its regions, the date)."""
    location = story.location
    source = story.source_info
    return (
        story.date,
        story.modified,
        story.source_url,
        story.category,
        story.tags,
        story.authors,
        (source.name, source.slug) if source is not None else None,
        tuple(step.path for step in location.trail) if location is not None else (),
    )


def _write_feeds(
    run: BuildRun,
    feeds: list[Feed],
    entries: Entries,
    images: dict[str, StoryImages],
    writes: Writes,
) -> list[str]:
    """Write each feed whose entries or settings changed since the last build; keep the rest.

    A feed's key is made of its stories' record digests, their photos (by content, the body's
    and galleries' too: a full-text entry prints them) and their first writer's page, so an
    unchanged feed is not even put together again.
    """
    settings = run.settings
    site = run.get(SITE)
    photos = run.find(PHOTOS)
    photo_keys = photos.keys if photos is not None else {}
    formats = list(settings["WARTA_FEED_FORMATS"])
    limit = int(settings["WARTA_FEED_MAX_ITEMS"])
    keyed = keyed_outputs(run)
    common = settings_digest(settings)
    names: list[str] = []
    # Each story's entry key, made once: a story is in the feeds of its desk, tags, writers,
    # places and source (at 100,000 stories, 40,000 feeds of up to 20 entries each).
    entry_keys_of: dict[str, tuple[Any, ...]] = {}

    def entry_key(story: Story) -> tuple[Any, ...]:
        found = entry_keys_of.get(story.path)
        if found is None:
            found = entry_keys_of[story.path] = (
                site.keys[story.path],
                images.get(story.path),
                photo_keys.get(story.path),
                site.listings.url_of("author", story.authors[0]) if story.authors else "",
            )
        return found

    for feed in feeds:
        stories = feed.stories[:limit]
        entry_keys = tuple([entry_key(story) for story in stories])
        moment = run.now.isoformat() if not stories else ""
        if not stories:
            # An empty feed is dated by the build: any other time writes another feed.
            run.changes_by(run.now)
        about = (feed.kind, feed.title, feed.link, feed.path, feed.full, entry_keys, moment)
        digest = value_digest(about, common)
        for kind in formats:
            path = feed.path_of(kind)
            names.append(path)
            if keyed.unchanged(path, f"{digest}.{kind}"):
                continue
            writes.write(path, document(feed, kind, entries, limit, run.now).encode("utf-8"))
            keyed.made(path, f"{digest}.{kind}")
    return names


def _plan_feeds(
    site: Site, outlet: Outlet, settings: dict[str, Any]
) -> tuple[Feed, list[tuple[Listing, Feed]]]:
    """The site's feed, and one feed for each listing of a kind with a path in
    WARTA_FEED_PATHS (a region's feed holds the stories of every place inside it)."""
    paths = settings["WARTA_FEED_PATHS"]
    full_kinds = (
        set(settings["WARTA_FEED_FULL_TEXT"]) if settings["WARTA_FEED_CONTENT"] == "full" else set()
    )
    limit = int(settings["WARTA_FEED_MAX_ITEMS"])
    site_feed = Feed(
        "site",
        outlet.name,
        outlet.url + "/",
        paths["site"],
        site.stories[:limit],
        "site" in full_kinds,
    )
    feeds = []
    for listing in site.listings.written():
        path = paths.get(listing.kind)
        if path:
            feeds.append(
                (
                    listing,
                    Feed(
                        listing.kind,
                        feed_title(listing.name, outlet),
                        outlet.absolute(listing.url),
                        path.replace("{slug}", listing.slug),
                        listing.stories[:limit],
                        listing.kind in full_kinds,
                    ),
                )
            )
    return site_feed, feeds


def _body_of(run: BuildRun, site: Site) -> Callable[[Story], str]:
    from newsroom_model.links import full_body  # noqa: PLC0415

    photos = run.find(PHOTOS)
    outlet_url = site_url(run.settings)

    def body(story: Story) -> str:
        return full_body(story, site, run.settings, outlet_url, photos, in_feed=True)

    return body


def _enclosure_of(
    run: BuildRun, images: dict[str, StoryImages]
) -> Callable[[Story], Enclosure | None]:
    photos = run.find(PHOTOS)

    def enclosure(story: Story) -> Enclosure | None:
        found = images.get(story.path)
        # A lead photo only: a gallery's first photo is in a full-text entry's body already.
        if found is None or photos is None or story.image is None:
            return None
        social = photos.social[story.path]
        cached = photos.outputs.get(social.og.url)
        length = cached.stat().st_size if cached is not None and cached.is_file() else 0
        return Enclosure(found.og.url, social.alt, length)

    return enclosure
