"""Findability: feeds, sitemaps, structured data, link previews and static search.

Needs `newsroom_model` before it in PLUGINS, and reads `news_images`' photos when that plugin is
listed before this one. At `plan_site` it gives every story and page its card and JSON-LD, plans
the feeds, the sitemaps and the search index, and adds them to the build's outputs; they are
written with the pages, each only when it changed. See docs/adr/004-findability.md.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from newsroom_model import requires
from newsroom_model.listings import Listing
from newsroom_model.record import Story
from newsroom_model.site import SITE, Site
from newsroom_model.source import plain_text
from pelican import signals

from warta.cache import key_of
from warta.output import OUTPUTS, OutputFiles, write_files
from warta.problems import stop_for_settings
from warta.run import BuildRun, Slot
from warta.signals import plan_site
from warta.views import CardImage, FeedLink, Head

from .feeds import Enclosure, Entries, Feed, document, feed_title
from .model import (
    Outlet,
    StoryImages,
    article_card,
    breadcrumbs,
    news_article,
    page_card,
    plain,
    script_json,
    site_card,
    website,
)
from .search import SearchPart, SearchRecord, build_parts, place_parts, plan_parts, search_bundles
from .settings import site_url
from .sitemaps import news_sitemap, news_window, plan_sitemap, robots, sitemap_files


@dataclass
class Findability:
    """What the pages of a build say to search engines, link previews and feed readers."""

    outlet: Outlet
    heads: dict[str, Head] = field(default_factory=dict)
    listing_feeds: dict[int, tuple[FeedLink, ...]] = field(default_factory=dict)
    site_feeds: tuple[FeedLink, ...] = ()
    home_json_ld: Any = None
    search_bundles: tuple[str, ...] = ()

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


FINDABILITY = Slot[Findability]("findability")


def check_settings(pelican: Any) -> None:
    settings = pelican.settings
    requires(settings, "findability", "newsroom_model")
    if not site_url(settings):
        stop_for_settings(
            [
                "feeds and sitemaps need the site's absolute address: set WARTA_SITE_URL "
                "(e.g. 'https://outlet.example') or an absolute SITEURL"
            ]
        )


def describe_site(run: BuildRun) -> None:
    """Cards and JSON-LD for every story and page; feeds, sitemaps and search planned."""
    settings = run.settings
    site = run.get(SITE)
    outlet = Outlet.from_settings(settings)
    findability = run.put(FINDABILITY, Findability(outlet))
    from news_images import PHOTOS  # noqa: PLC0415 - optional: news_images may not be listed

    photos = run.find(PHOTOS)
    images: dict[str, StoryImages] = {}
    if photos is not None:
        for path, social in photos.social.items():
            images[path] = StoryImages(
                og=CardImage(
                    outlet.absolute(social.og.url),
                    social.og.width,
                    social.og.height,
                    _alt(site, path),
                ),
                crops=tuple(
                    (crop.ratio, CardImage(outlet.absolute(crop.url), crop.width, crop.height))
                    for crop in social.crops
                ),
            )
    formats = list(settings["WARTA_FEED_FORMATS"])
    feeds = _plan_feeds(site, outlet, settings)
    findability.site_feeds = feeds[0].links(outlet, formats)
    for listing, feed in feeds[1]:
        findability.listing_feeds[id(listing)] = feed.links(outlet, formats)
    findability.home_json_ld = script_json(website(outlet))
    for story in site.articles:
        url = outlet.absolute(site.address(story).url)
        bylines = site.bylines(story)
        desk_url = site.listings.url_of("desk", story.category)
        findability.heads[story.path] = Head(
            description=plain(story.summary),
            card=article_card(story, url, outlet, images.get(story.path)),
            feeds=findability.site_feeds,
            json_ld=script_json(
                [
                    news_article(story, url, outlet, bylines, images.get(story.path)),
                    breadcrumbs(story, url, desk_url, outlet),
                ]
            ),
        )
    for page in site.static_pages:
        url = outlet.absolute(site.address(page).url)
        findability.heads[page.path] = Head(
            description=outlet.description,
            card=page_card(page, url, outlet),
            feeds=findability.site_feeds,
        )
    outputs = run.get(OUTPUTS)
    entries = Entries(
        outlet,
        url_of=lambda story: site.address(story).url,
        body_of=_body_of(run, site),
        enclosure_of=_enclosure_of(run, images),
        author_url=lambda name: site.listings.url_of("author", name),
    )
    all_feeds = [feeds[0], *(feed for _, feed in feeds[1])]
    limit = int(settings["WARTA_FEED_MAX_ITEMS"])
    outputs.files.append(
        OutputFiles(
            owner="the feeds",
            stage="feeds",
            claims=tuple(feed.path_of(kind) for feed in all_feeds for kind in formats),
            write=lambda output: write_files(
                output,
                {
                    feed.path_of(kind): document(feed, kind, entries, limit, run.now)
                    for feed in all_feeds
                    for kind in formats
                },
            ),
        )
    )
    url_of: Callable[[Story], str] = lambda story: site.address(story).url  # noqa: E731
    written = list(site.listings.written())
    outputs.files.append(
        OutputFiles(
            owner="the sitemaps",
            stage="sitemaps",
            claims=("sitemap.xml", "news-sitemap.xml", "robots.txt"),
            write=lambda output: write_files(
                output,
                {
                    **sitemap_files(
                        plan_sitemap(outlet, site.stories, site.pages, written, url_of),
                        outlet,
                        int(settings["WARTA_SITEMAP_MAX_URLS"]),
                    ),
                    "news-sitemap.xml": news_sitemap(
                        news_window(
                            site.stories,
                            run.now,
                            settings["WARTA_NEWS_SITEMAP_DAYS"],
                            settings["WARTA_NEWS_SITEMAP_MAX"],
                        ),
                        outlet,
                        url_of,
                    ),
                    "robots.txt": robots(outlet),
                },
            ),
        )
    )
    if settings["WARTA_SEARCH"]:
        _plan_search(run, site, findability)


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
    from news_images import PHOTOS  # noqa: PLC0415 - optional: news_images may not be listed
    from newsroom_model.links import full_body  # noqa: PLC0415

    photos = run.find(PHOTOS)
    outlet_url = site_url(run.settings)

    def body(story: Story) -> str:
        return full_body(story, site, run.settings, outlet_url, photos)

    return body


def _enclosure_of(
    run: BuildRun, images: dict[str, StoryImages]
) -> Callable[[Story], Enclosure | None]:
    from news_images import PHOTOS  # noqa: PLC0415 - optional: news_images may not be listed

    photos = run.find(PHOTOS)

    def enclosure(story: Story) -> Enclosure | None:
        found = images.get(story.path)
        if found is None or photos is None or story.image is None:
            return None
        social = photos.social[story.path]
        cached = photos.outputs.get(social.og.url)
        length = cached.stat().st_size if cached is not None and cached.is_file() else 0
        return Enclosure(found.og.url, story.image.alt, length)

    return enclosure


def _alt(site: Site, path: str) -> str:
    story = site.written_by_path.get(path)
    return story.image.alt if story is not None and story.image is not None else ""


def _plan_search(run: BuildRun, site: Site, findability: Findability) -> None:
    """Every published story as a search record, split into parts that change independently.

    The parts the cache lacks are indexed at once, in a thread beside the rest of the build
    (Pagefind works in a process of its own, on the core the planning leaves idle), into the
    cache; the output stage then only copies in the parts that changed.
    """
    settings = run.settings
    records = [
        SearchRecord(
            url=site.address(story).url,
            title=story.title,
            text=plain_text(story.body.html),
            lang=story.lang,
            date=story.date,
            meta=(
                ("title", story.title),
                ("tanggal", site.labels[story.path][0]),
                *((("lokasi", story.location.name),) if story.location else ()),
            ),
            filters=(
                ("rubrik", (story.category,)),
                *((("lokasi", (story.location.name,)),) if story.location else ()),
                ("tahun", (str(story.date.year),)),
            ),
            keywords=story.tags,
        )
        for story in site.stories
    ]
    # Two stories at one address stop the build (newsroom_model names both); until then the
    # index takes the first, as Pagefind keeps one page per address.
    unique = list({record.url: record for record in reversed(records)}.values())[::-1]
    parts = plan_parts(unique, int(settings["WARTA_SEARCH_PART_SIZE"]))
    folder = str(settings["WARTA_SEARCH_PATH"]).strip("/")
    findability.search_bundles = tuple(search_bundles(parts, folder))
    store = Path(settings["WARTA_CACHE_PATH"]) / "search"
    indexer = _Indexer(run, parts, store)
    if settings["WARTA_MODE"] == "build":
        indexer.start()
    name = "search-" + _output_key(settings)
    key = key_of("search-parts")

    def write(output: Path) -> list[str]:
        indexer.wait()
        previous = run.cache.load(name, key)
        manifest = place_parts(
            parts, store, output, previous if isinstance(previous, dict) else {}, path=folder
        )
        run.cache.save(name, key, manifest)
        return [
            file.relative_to(output).as_posix()
            for file in sorted((output / folder).rglob("*"))
            if file.is_file()
        ]

    run.get(OUTPUTS).files.append(
        OutputFiles(owner="the search index", stage="search", claims=(f"{folder}/",), write=write)
    )


class _Indexer:
    """Indexes the parts the cache lacks in a thread; `wait()` joins it and raises its error.

    A daemon thread: a build that stops on a content problem does not wait for the index.
    """

    def __init__(self, run: BuildRun, parts: Sequence[SearchPart], store: Path) -> None:
        self.run = run
        self.parts = parts
        self.store = store
        self.thread: threading.Thread | None = None
        self.failure: BaseException | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._index, name="search index", daemon=True)
        self.thread.start()

    def _index(self) -> None:
        try:
            with self.run.stage("search"):
                build_parts(self.parts, self.store)
        except BaseException as error:  # raised again by wait(), in the build's thread
            self.failure = error

    def wait(self) -> None:
        if self.thread is None:
            self.start()
        assert self.thread is not None
        self.thread.join()
        if self.failure is not None:
            raise self.failure


def _output_key(settings: dict[str, Any]) -> str:
    import hashlib  # noqa: PLC0415

    return hashlib.sha256(str(Path(settings["OUTPUT_PATH"]).resolve()).encode()).hexdigest()[:16]


def register() -> None:
    signals.initialized.connect(check_settings)
    plan_site.connect(describe_site)
