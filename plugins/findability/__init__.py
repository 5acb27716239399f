"""Findability: feeds, sitemaps, structured data, link previews and static search.

Needs `newsroom_model` before it in PLUGINS, and reads `news_images`' photos when that plugin is
listed (before this one: the order is checked at start-up). Its feature (`FEATURE`) starts the
search index as soon as the site is listed (`start_search`), then gives every story and page its
card and JSON-LD and plans the feeds, the sitemaps and the search index (`describe_site`); they
are written with the pages, each only when it changed. See docs/adr/004-findability.md.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup
from news_images import PHOTOS
from newsroom_model.listings import Listing
from newsroom_model.record import Story
from newsroom_model.schema import ARTICLE
from newsroom_model.site import SITE, Site
from newsroom_model.source import plain_text
from pelican import signals

from warta.cache import code_version, key_of
from warta.features import Feature, Planned, check_order
from warta.messages import site_catalogue, t
from warta.output import OutputFiles, Writes, settings_digest, write_files
from warta.problems import stop_for_setting, stop_for_settings
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
from .search.errors import SearchPartitionError
from .search.parts import SearchPart, SearchRecord, plan_parts
from .search.service import INDEX_CONFIG, pagefind_version
from .search.store import (
    Placed,
    bundle_is_complete,
    bundle_is_intact,
    files_of,
    parts_in_place,
    place_parts,
    prune_store,
    search_bundles,
    store_parts,
)
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
        files.append(_plan_search(run, findability))
    return Planned(findability, files=tuple(files))


def _write_sitemaps(run: BuildRun, outlet: Outlet, writes: Writes) -> list[str]:
    """sitemap.xml (and its parts), news-sitemap.xml and robots.txt, put together again only
    when a published story, a listing, a page or the news window changed."""
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
    about = (
        [site.keys[story.path] for story in site.stories],
        [site.keys[page.path] for page in site.pages],
        [(listing.url, listing.count, site.keys[listing.stories[0].path]) for listing in written],
        [story.path for story in recent],
    )
    digest = hashlib.blake2b(pickle.dumps(about), digest_size=16).hexdigest()
    name = "sitemaps-" + _output_key(settings)
    cache_key = key_of(settings, "sitemaps", settings_digest(settings))
    previous = run.cache.load(name, cache_key)
    if isinstance(previous, dict) and previous.get("digest") == digest:
        files = list(previous["files"])
        if all(writes.current(file).is_file() for file in files):
            return files

    def url_of(story: Story) -> str:
        return site.address(story).url

    contents = {
        **sitemap_files(
            plan_sitemap(outlet, site.stories, site.pages, written, url_of),
            outlet,
            int(settings["WARTA_SITEMAP_MAX_URLS"]),
        ),
        "news-sitemap.xml": news_sitemap(recent, outlet, url_of),
        "robots.txt": robots(outlet),
    }
    files = write_files(writes, contents)
    run.cache.save(name, cache_key, {"digest": digest, "files": files})
    return files


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
    name = "feeds-" + _output_key(settings)
    cache_key = key_of(settings, "feeds", settings_digest(settings))
    previous = run.cache.load(name, cache_key)
    previous = previous if isinstance(previous, dict) else {}
    manifest: dict[str, str] = {}
    for feed in feeds:
        stories = feed.stories[:limit]
        entry_keys = tuple(
            (
                site.keys[story.path],
                images.get(story.path),
                photo_keys.get(story.path),
                site.listings.url_of("author", story.authors[0]) if story.authors else "",
            )
            for story in stories
        )
        moment = run.now.isoformat() if not stories else ""
        if not stories:
            # An empty feed is dated by the build: any other time writes another feed.
            run.changes_by(run.now)
        digest = hashlib.blake2b(
            pickle.dumps(
                (feed.kind, feed.title, feed.link, feed.path, feed.full, entry_keys, moment)
            ),
            digest_size=16,
        ).hexdigest()
        for kind in formats:
            path = feed.path_of(kind)
            manifest[path] = f"{digest}.{kind}"
            if previous.get(path) == manifest[path] and writes.current(path).is_file():
                continue
            writes.write(path, document(feed, kind, entries, limit, run.now).encode("utf-8"))
    run.cache.save(name, cache_key, manifest)
    return list(manifest)


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


@dataclass(frozen=True)
class _SearchPlan:
    """The search parts of a build, and the indexer filling the cache with those it lacks."""

    parts: list[SearchPart]
    folder: str
    indexer: _Indexer
    placed: _Placed
    name: str
    key: str


_SEARCH = Slot[_SearchPlan]("search plan", "findability")


def start_search(run: BuildRun) -> None:
    """Every published story as a search record, split into parts that change independently.

    Sent as soon as the site's records and listings are made (`site_listed`): the parts the
    cache lacks are indexed at once, in a thread beside the rest of the planning, related
    stories included (Pagefind works in a process of its own, on the core the planning leaves
    idle), into the cache; the output stage then only copies in the parts that changed.
    """
    settings = run.settings
    if not settings["WARTA_SEARCH"]:
        return
    site = run.get(SITE)
    by_url: dict[str, Story] = {}
    for story in site.stories:
        # Two stories at one address stop the build (newsroom_model names both); until then
        # the index takes the first, as Pagefind keeps one page per address.
        by_url.setdefault(site.address(story).url, story)
    # The parts are cut from stand-ins (address and date are all a cut needs); each part's
    # digest is made of its stories' record digests, and its records are made only if the
    # cache has no bundle of that digest.
    stand_ins = [
        SearchRecord(url=url, title="", text="", lang=story.lang, date=story.date)
        for url, story in by_url.items()
    ]
    version = pagefind_version() if stand_ins else ""
    # Warta's own code and the libraries that shape a bundle (cbor2 among them) are in it too.
    common = (
        version,
        code_version(settings),
        sorted(INDEX_CONFIG.items()),
        settings_digest(settings),
    )
    try:
        planned = plan_parts(stand_ins, int(settings["WARTA_SEARCH_PART_SIZE"]), version)
    except SearchPartitionError as error:
        # More stories on one day than a part holds: the site's setting, not a crash.
        stop_for_setting(error.text, catalogue=run.catalogue)
    parts = [
        SearchPart(
            part.key,
            tuple(record for record in part.records),
            hashlib.sha256(
                pickle.dumps(
                    (common, [(r.url, site.keys[by_url[r.url].path]) for r in part.records])
                )
            ).hexdigest(),
        )
        for part in planned
    ]
    folder = str(settings["WARTA_SEARCH_PATH"]).strip("/")
    store = Path(settings["WARTA_CACHE_PATH"]) / "search"
    name = "search-" + _output_key(settings)
    key = key_of(settings, "search-parts")
    previous = run.cache.load(name, key)
    placed = _Placed(
        Path(settings["OUTPUT_PATH"]), folder, previous if isinstance(previous, dict) else {}
    )
    indexer = _Indexer(run, parts, store, partial(_records, site, by_url), placed)
    if settings["WARTA_MODE"] == "build" and not run.problems:
        indexer.start()
    run.put(_SEARCH, _SearchPlan(parts, folder, indexer, placed, name, key))


def _plan_search(run: BuildRun, findability: Findability) -> OutputFiles:
    """The search page's parts, and the index's place among the outputs."""
    plan = run.get(_SEARCH)
    parts, folder, indexer, placed = plan.parts, plan.folder, plan.indexer, plan.placed
    findability.search_bundles = tuple(search_bundles(parts, folder))
    store = indexer.store

    def write(writes: Writes) -> list[str]:
        # This writer's stage starts with the render, and the indexer's thread counts its own
        # time: the time spent here only waiting for it is not counted twice.
        waiting = time.perf_counter()
        indexer.wait()
        run.seconds["search"] = run.seconds.get("search", 0.0) - (time.perf_counter() - waiting)
        # Found in place while planning; none is kept when the build keeps nothing of output/
        # (an untrusted page manifest).
        existing = writes.existing
        in_place = frozenset(
            key
            for key in indexer.in_place
            if existing.resolve() == placed.output.resolve()
            and bundle_is_complete(existing / folder / key)
        )
        manifest = place_parts(parts, store, writes, placed.manifest, path=folder, placed=in_place)
        run.cache.save(plan.name, plan.key, manifest)
        names: list[str] = []
        for part in parts:
            where = f"{folder}/{part.key}"
            staged = writes.root / where
            found = files_of(staged if staged.is_dir() else existing / where)
            names.extend(f"{where}/{name}" for name in found)
        return names

    return OutputFiles(
        owner="the search index",
        stage="search",
        claims=(f"{folder}/",),
        write=write,
        beside_pages=True,
    )


@dataclass(frozen=True)
class _Placed:
    """Where the search parts go, and what the last build placed there (key → digest, stamp)."""

    output: Path
    folder: str
    manifest: dict[str, Placed]


class _Indexer:
    """Indexes the parts the cache lacks in a thread; `wait()` joins it and raises its error.

    A part that output/ holds already, as the last build placed it from the store, is neither
    checked nor indexed again: its files are what a reader gets, and they are the store's (same
    files, lengths and times). Every other part's bundle is checked whole (`bundle_is_intact`)
    before it is used. A daemon thread: a build that stops on a content problem does not wait
    for the index.
    """

    def __init__(
        self,
        run: BuildRun,
        parts: Sequence[SearchPart],
        store: Path,
        records: Callable[[SearchPart], SearchPart],
        placed: _Placed,
    ) -> None:
        self.run = run
        self.parts = parts
        self.store = store
        self.records = records
        self.placed = placed
        self.in_place: frozenset[str] = frozenset()
        self.thread: threading.Thread | None = None
        self.failure: BaseException | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._index, name="search index", daemon=True)
        self.thread.start()

    def _index(self) -> None:
        try:
            with self.run.stage("search"):
                placed = self.placed
                self.in_place = parts_in_place(
                    self.parts, placed.output, placed.manifest, placed.folder
                )
                missing = [
                    part
                    for part in self.parts
                    if part.key not in self.in_place
                    and not bundle_is_intact(self.store / part.digest)
                ]
                # One part's records at a time, made as the part is indexed: each holds its
                # stories' whole text, so all of them at once would be the largest thing the
                # build holds at 100,000 stories.
                store_parts(map(self.records, missing), self.store)
                prune_store(self.store, self.parts, spare=2 * len(self.parts))
        except BaseException as error:  # raised again by wait(), in the build's thread
            self.failure = error

    def wait(self) -> None:
        if self.thread is None:
            self.start()
        assert self.thread is not None
        self.thread.join()
        if self.failure is not None:
            raise self.failure


def _records(site: Site, by_url: dict[str, Story], part: SearchPart) -> SearchPart:
    """The part with the search records of its stories: headline, text, tags, date, place."""
    records = []
    for stand_in in part.records:
        story = by_url[stand_in.url]
        records.append(
            SearchRecord(
                url=stand_in.url,
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
        )
    return SearchPart(part.key, tuple(records), part.digest)


def _output_key(settings: dict[str, Any]) -> str:
    import hashlib  # noqa: PLC0415

    return hashlib.sha256(str(Path(settings["OUTPUT_PATH"]).resolve()).encode()).hexdigest()[:16]


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
