"""Every page of the site as a view: the stories, the listings, the indexes, home, search, 404.

This is where the plugins' work meets the theme: the records and listings of newsroom_model,
the related stories, the photos, the cards and feeds of findability, and this plugin's home page,
share links and comments become one frozen view per page (`warta.views`). Templates print
views; they compute nothing.
"""

from __future__ import annotations

import dataclasses
import os
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from math import ceil
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from newsroom_model.dates import date_label
from newsroom_model.links import full_body, target_of
from newsroom_model.listings import Listing
from newsroom_model.record import Story
from newsroom_model.site import Site
from newsroom_model.source import EMBED_PLACEHOLDER
from pelican.paginator import Paginator

from warta.cache import value_pickle
from warta.csp import policy
from warta.output import site_url_for
from warta.views import (
    ArticleView,
    Block,
    Chrome,
    CorrectionNote,
    Counted,
    Deferred,
    EmbedCard,
    FeedLink,
    Figure,
    GoneView,
    Group,
    Head,
    HomeView,
    IndexView,
    LatestView,
    Link,
    ListingView,
    Neighbour,
    NotFoundView,
    PageJob,
    PageView,
    Pagination,
    Picture,
    RedirectView,
    RelatedBox,
    SearchView,
    SourceLine,
    StoryCard,
)

from .front import FrontPage
from .live import live_page, updated_label
from .settings import site_stylesheet
from .story import comments_of, reading_minutes, share_links

if TYPE_CHECKING:  # related_stories is optional: only its record's type is named here
    from related_stories import RelatedLinks

# Index pages of the kinds that grow with the archive, and the settings of their address.
GROWING_INDEXES = {"tag": "TAGS", "author": "AUTHORS", "source": "SOURCES"}
_PATH = attrgetter("path")
# A card's key (`_card_keys`): its record's digest, with its thumbnail if it has one.
CardKey = str | tuple[str, object]
_OTHER_INITIAL = "lainnya"


def _pickled_once() -> Callable[[object], bytes | None]:
    """A memo of parts of page keys that many keys share, pickled once each (`value_pickle`),
    by identity: a key holds their bytes in one piece, which pickles as one copy.

    A place's, a desk's and a tag's link, the bylines, a listing's feeds, and a card's
    thumbnail are in thousands of keys, and were pickled again inside every key, as frozen
    dataclasses field by field: at 100,000 stories the digests' workers took 12.8 s of CPU in a
    one-story build, 4.2 s of it pickling the keys. The bytes stand for the value
    itself, so two keys are equal exactly when their values are. Only frozen values are given
    (`Link`, `Byline`, `FeedLink`, `Counted`, `Picture` and tuples of them): a value that
    changed after it was pickled would keep its old bytes. Each value is held beside its bytes,
    so its identity is not taken by another while the memo lasts (one process's planning and
    digests). A closure, not a method: it is called a few times for every page.
    """
    by_id: dict[int, tuple[object, bytes]] = {}

    def pickled(value: object) -> bytes | None:
        if value is None:
            return None
        found = by_id.get(id(value))
        if found is None:
            found = by_id[id(value)] = (value, value_pickle(value))
        return found[1]

    return pickled


@dataclass
class Parts:
    """What the views are made from: the site and every plugin's part of it."""

    site: Site
    settings: dict[str, Any]
    findability: Any
    photos: Any
    related: Mapping[str, RelatedLinks]
    front: FrontPage
    site_url: str
    # Each story's card key (`_card_keys`), made once for all; and by the identity of the
    # site's story objects (`_cards_keys`).
    card_keys: dict[str, CardKey] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    card_ids: dict[int, CardKey] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    pickled: Callable[[object], bytes | None] = field(
        default_factory=_pickled_once, init=False, repr=False, compare=False
    )


def chrome_of(parts: Parts) -> Chrome:
    """The masthead's desks, the footer's pages and indexes, the site's feed."""
    settings, site = parts.settings, parts.site
    indexes = [
        Link(kind, settings[f"{setting}_URL"])
        for kind, setting in (
            ("archive", "ARCHIVES"),
            ("location", "LOCATIONS"),
            ("tag", "TAGS"),
            ("author", "AUTHORS"),
            ("source", "SOURCES"),
        )
        if settings.get(f"{setting}_SAVE_AS") and _direct(settings, setting.lower())
    ]
    feeds = parts.findability.site_feeds
    return Chrome(
        name=str(settings["SITENAME"]),
        subtitle=str(settings.get("SITESUBTITLE") or ""),
        lang=str(settings["DEFAULT_LANG"]),
        desks=tuple(Link(desk.name, desk.url) for desk in site.listings.of("desk") if desk.save_as),
        desk_slugs=tuple(desk.slug for desk in site.listings.of("desk") if desk.save_as),
        pages=tuple(Link(page.title, site.address(page).url) for page in site.pages),
        indexes=tuple(indexes),
        site_feed=feed.url if (feed := follow_feed(feeds)) else "",
        search_url=str(settings.get("SEARCH_URL", "cari/")) if _direct(settings, "search") else "",
        csp=policy(settings, in_meta=True),
        banner=Link(site.breaking.title, site.address(site.breaking).url)
        if site.breaking is not None
        else None,
        stylesheet=site_stylesheet(settings),
        comments=comments_of(settings),
    )


def follow_feed(feeds: tuple[FeedLink, ...]) -> FeedLink | None:
    """The one feed a page offers its readers to follow: the RSS one, as the link says "RSS"
    (readers' apps read either; the others stay in the page's <link rel="alternate">)."""
    return next((feed for feed in feeds if feed.format == "rss"), feeds[0] if feeds else None)


def _direct(settings: dict[str, Any], name: str) -> bool:
    """Whether the site writes the direct template `name` (DIRECT_TEMPLATES, a SAVE_AS)."""
    aliases = {"archives": "archives", "locations": "locations", "sources": "sources"}
    template = aliases.get(name, name)
    return template in settings["DIRECT_TEMPLATES"] and bool(
        settings.get(f"{template.upper()}_SAVE_AS")
    )


def plan_pages(parts: Parts) -> list[PageJob]:
    """Every page job of the site."""
    jobs: list[PageJob] = []
    jobs.extend(_story_pages(parts))
    jobs.extend(_static_pages(parts))
    jobs.extend(_listing_pages(parts))
    jobs.extend(_home_pages(parts))
    jobs.extend(_index_pages(parts))
    jobs.extend(_special_pages(parts))
    jobs.extend(_redirect_pages(parts))
    return jobs


# Thumbnails a list's first cards load at once: on a phone these are the ones in view or just
# below; the rest load as the reader scrolls to them.
EAGER_THUMBNAILS = 2


def _cards(parts: Parts, stories: Iterable[Story], eager: int = 0) -> tuple[StoryCard, ...]:
    """The stories as cards, each with its thumbnail (the first `eager` loaded at once) and,
    with comments on, the address its comment counter asks about."""
    thumbnails = parts.photos.thumbnails if parts.photos is not None else {}
    comments = comments_of(parts.settings)
    cards = []
    for index, story in enumerate(stories):
        card = parts.site.card(story)
        thumb = thumbnails.get(story.path)
        if thumb is not None or comments:
            card = dataclasses.replace(
                card,
                thumb=thumb,
                eager=thumb is not None and index < eager,
                comments=comments.system if comments else "",
                thread=f"{parts.site_url}/{card.url}" if comments else "",
            )
        cards.append(card)
    return tuple(cards)


def _card_keys(parts: Parts) -> dict[str, CardKey]:
    """What each story's card is made from, by path: its record, and its thumbnail (whose
    addresses name the photo's content), so a list is written again when either changes. Made
    once for every story, in one pass: a story's card is on a page of each of its listings
    (1.6 million cards at 100,000 stories, where a lookup function per card took two seconds).
    A card without a thumbnail is keyed by its record's digest alone, a string: a page's key
    then holds a dozen strings, not a dozen pairs (`_pickled_once`)."""
    keys = parts.card_keys
    if not keys:
        thumbnails = parts.photos.thumbnails if parts.photos is not None else {}
        keys.update(
            (path, record if (thumbnail := thumbnails.get(path)) is None else (record, thumbnail))
            for path, record in parts.site.keys.items()
        )
        parts.card_ids.update(
            (id(story), keys[path])
            for path, story in parts.site.written_by_path.items()
            if path in keys
        )
    return keys


def index_page_size(settings: dict[str, Any]) -> int:
    """How many stories a page of the newest stories holds (the home page is the first)."""
    return int(settings["PAGINATED_TEMPLATES"].get("index") or settings["DEFAULT_PAGINATION"])


def _story_pages(parts: Parts) -> Iterable[PageJob]:
    return story_jobs(parts, parts.site.articles)


def story_jobs(parts: Parts, stories: Iterable[Story]) -> Iterable[PageJob]:
    """Each story's page: its key (`_story_key`: digests and the few values it takes from
    other records) and its view, each made only when asked, where it is asked."""
    site = parts.site
    linker = _Linker(parts)
    for story in stories:
        yield PageJob(
            site.address(story).save_as,
            story.template,
            Deferred(partial(_story_key, linker, story)),
            partial(_story_view, linker, story),
            story.path,
        )


class _Linker:
    """Each story's `StoryLinks`, from the site's lists; the places' links made once each."""

    def __init__(self, parts: Parts) -> None:
        self.parts = parts
        # By path, not by object: a record kept from an earlier build holds its own copy of a
        # place.
        self.places = {item.slug: item for item in parts.site.listings.of("location")}
        # Each place object's link, made once, by identity: a place's path walks up its
        # regions, and hashing a place hashes them too.
        self.place_links: dict[int, Link] = {}
        # Each tag's link, made once: the same few hundred tags are on most stories.
        self.tag_links: dict[str, Link] = {}
        # Each desk's link and slug, made once (and pickled once for the keys: `_pickled_once`).
        self.desks: dict[str, tuple[Link, str]] = {}

    def links(self, story: Story) -> StoryLinks:
        site = self.parts.site
        place = None
        if story.location is not None:
            place = self.place_links.get(id(story.location))
            if place is None:
                listing = self.places.get(story.location.path)
                place = self.place_links[id(story.location)] = Link(
                    story.location.name, listing.url if listing and listing.save_as else ""
                )
        desk, desk_slug = self._desk(story.category)
        related = self.parts.related.get(story.path)
        older, newer = site.desk_neighbours.get(story.path, (None, None))
        return StoryLinks(
            place=place,
            desk=desk,
            desk_slug=desk_slug,
            bylines=site.bylines(story),
            tags=tuple([self._tag_link(tag) for tag in story.tags]),
            source=_source_line(site, story),
            related=related,
            older=older,
            newer=newer,
        )

    def _desk(self, category: str) -> tuple[Link, str]:
        found = self.desks.get(category)
        if found is None:
            listing = self.parts.site.listings.named("desk", category)
            found = self.desks[category] = (
                Link(category, listing.url if listing and listing.save_as else ""),
                listing.slug if listing else "",
            )
        return found

    def _tag_link(self, tag: str) -> Link:
        link = self.tag_links.get(tag)
        if link is None:
            link = self.tag_links[tag] = Link(tag, self.parts.site.listings.url_of("tag", tag))
        return link


def _story_key(linker: _Linker, story: Story) -> tuple[Any, ...]:
    parts = linker.parts
    site = parts.site
    links = linker.links(story)
    older, newer = links.older, links.newer
    pickled = parts.pickled
    return (
        "article",
        site.keys[story.path],
        parts.photos.keys.get(story.path) if parts.photos is not None else None,
        pickled(links.place),
        pickled(links.desk),
        pickled(links.bylines),
        tuple(map(pickled, links.tags)),
        links.source,
        _related_key(parts, links.related),
        site.keys[older.path] if older else None,
        site.keys[newer.path] if newer else None,
        _link_targets(site, story),
    )


def _story_view(linker: _Linker, story: Story) -> ArticleView:
    return _article_view(linker.parts, story, linker.links(story))


@dataclass(frozen=True)
class StoryLinks:
    """What a story's page takes from the rest of the site, all of it in the page's key."""

    place: Link | None
    desk: Link
    desk_slug: str
    bylines: tuple[Any, ...]
    tags: tuple[Link, ...]
    source: SourceLine | None
    related: RelatedLinks | None
    older: Story | None
    newer: Story | None


def _related_key(parts: Parts, related: RelatedLinks | None) -> tuple[Any, ...]:
    """What of the story's "Baca juga" its page shows: the stories' cards and the heading."""
    if related is None:
        return ()
    card_keys = _card_keys(parts)
    return (
        _with_thumbnails(parts, tuple([card_keys[path] for path in related.related])),
        _with_thumbnails(parts, tuple([card_keys[path] for path in related.filler])),
        related.group,
        related.group_name,
    )


def _related_box(parts: Parts, related: RelatedLinks | None) -> RelatedBox:
    """The "Baca juga" box: related stories, or filler under the name of its group."""
    if related is None:
        return RelatedBox()
    by_path = parts.site.written_by_path
    if related.related:
        return RelatedBox(stories=_cards(parts, (by_path[path] for path in related.related)))
    filler = _cards(parts, (by_path[path] for path in related.filler))
    return RelatedBox(related.group, related.group_name, filler)


def _link_targets(site: Site, story: Story) -> tuple[str, ...]:
    """The addresses the story's `{filename}` links lead to: its page changes with them."""
    if not story.body.links:
        return ()
    root = site.content_root
    targets = []
    for link in story.body.links:
        if link.kind == "filename":
            linked = site.written_by_path.get(str(target_of(story, link.target, root)))
            targets.append(site.address(linked).url if linked is not None else "")
    return tuple(targets)


def _article_view(parts: Parts, story: Story, links: StoryLinks) -> ArticleView:
    """The view of a story's page (made in the worker that renders it)."""
    site, settings = parts.site, parts.settings
    address = site.address(story)
    siteurl = site_url_for(address.save_as, settings)
    picture = parts.photos.lead_html(story, siteurl) if parts.photos is not None else None
    figure = None
    if picture is not None and story.image is not None:
        figure = Figure(picture, story.image.caption, story.image.credit)
    absolute = f"{parts.site_url}/{address.url}"
    formats = settings["WARTA_DATE_FORMATS"]
    body, live = live_page(
        story, lambda told: full_body(told, site, settings, siteurl, parts.photos, embed=None)
    )
    return ArticleView(
        title=story.title,
        lang=story.lang,
        url=address.url,
        address=absolute,
        desk=links.desk,
        desk_slug=links.desk_slug,
        place=links.place,
        date_iso=story.date.isoformat(),
        date_year=str(story.date.year),
        date_label=site.labels[story.path][0],
        modified_iso=story.modified.isoformat() if story.modified else "",
        modified_label=updated_label(story, site.labels[story.path][1]),
        bylines=links.bylines,
        source=links.source,
        figure=figure,
        reading_minutes=reading_minutes(story.body.reading_words),
        body=Markup(body),  # noqa: S704 - cleaned when read
        corrections=tuple(
            CorrectionNote(
                date_label(note.date, story.lang, formats, story.date.tzinfo),  # type: ignore[arg-type]
                note.date.isoformat(),
                note.note,
            )
            for note in story.corrections
        ),
        tags=links.tags,
        share=share_links(story.title, absolute, settings["WARTA_SHARE"]),
        related=_related_box(parts, links.related),
        older=Neighbour(site.address(links.older).url, links.older.title) if links.older else None,
        newer=Neighbour(site.address(links.newer).url, links.newer.title) if links.newer else None,
        comments=comments_of(settings),
        head=parts.findability.head_of(story, links.bylines, links.desk.url),
        live=live,
        **_embeds_of(story, settings),
    )


def _embeds_of(story: Story, settings: dict[str, Any]) -> dict[str, Any]:
    """The cards of the story's videos and posts, and the page's policy that lets their players
    be framed: only on a page that has them, and only from the services it has."""
    embeds = story.body.embeds
    if not embeds:
        return {}
    cards = tuple(
        EmbedCard(
            placeholder=Markup(EMBED_PLACEHOLDER.format(index)),  # noqa: S704 - our own comment
            service=embed.service,
            name=embed.name,
            title=embed.title,
            link=embed.link,
            player=embed.player,
            video=embed.is_video,
            author=embed.author,
        )
        for index, embed in enumerate(embeds)
    )
    frames = (embed.origin for embed in embeds)
    return {"embeds": cards, "csp": policy(settings, in_meta=True, frames=frames)}


def _source_line(site: Site, story: Story) -> SourceLine | None:
    source = story.source_info
    if source is None:
        return None
    return SourceLine(
        name=source.name,
        page_url=site.listings.url_of("source", source.name),
        home_url=source.url,
        home_label=source.url.split("//", 1)[-1],
        original_url=story.source_url,
    )


def _static_pages(parts: Parts) -> Iterable[PageJob]:
    site, settings = parts.site, parts.settings
    for page in site.static_pages:
        address = site.address(page)
        siteurl = site_url_for(address.save_as, settings)
        view = PageView(
            title=page.title,
            lang=page.lang,
            body=Markup(full_body(page, site, settings, siteurl, parts.photos, embed=None)),  # noqa: S704 - cleaned when read
            head=parts.findability.head_of(page),
            **_embeds_of(page, settings),
        )
        yield PageJob.of(address.save_as, page.template, view, page.path)


class _Page(NamedTuple):
    """One page of a paginated list, as Pelican's `Page` gives it: its number, its items, and
    the address it is written to and read at."""

    number: int
    object_list: Sequence[Any]
    save_as: str
    url: str


def _paginated(
    parts: Parts, save_as: str, url: str, items: Sequence[Any], template: str
) -> list[tuple[_Page, Pagination]]:
    """Each page of `items`, as Pelican's paginator cuts them, with its number, count and
    neighbours."""
    settings = parts.settings
    per_page = settings["PAGINATED_TEMPLATES"].get(template) or settings["DEFAULT_PAGINATION"]
    pages = paginate(save_as, url, items, settings, per_page)
    return [
        (
            page,
            Pagination(
                number=page.number,
                count=len(pages),
                previous_url=pages[index - 1].url if index > 0 else "",
                next_url=pages[index + 1].url if index + 1 < len(pages) else "",
            ),
        )
        for index, page in enumerate(pages)
    ]


def paginate(
    save_as: str, url: str, items: Sequence[Any], settings: dict[str, Any], per_page: int | None
) -> list[_Page]:
    """The pages Pelican's `Paginator` makes of `items` (pelican/paginator.py), each with the
    address its `Page.save_as` and `Page.url` give: the same cut (DEFAULT_ORPHANS on the last
    page), the same PAGINATION_PATTERNS rule for each number (the last one whose first page it
    has reached; a rule for -1 on the last page alone), the same leading slash dropped.

    Written here because Pelican's `Page` splits the list's name for each page and works each
    address out again at every ask: its 120,000 listing pages at 100,000 stories took about
    0.8 s of the planning of every build. Cutting 1.44 million items into pages of 12 and
    asking each page's addresses as the theme does took 1.1-1.3 s through Pelican's `Page`
    and 0.45-0.5 s here. A rule whose address is not a string is left to Pelican's own `Page`,
    which warns about it.
    """
    count = len(items)
    orphans = int(settings["DEFAULT_ORPHANS"]) if per_page else 0
    size = per_page or count
    pages = ceil(max(1, count - orphans) / (float(size) or 1))
    name, extension = os.path.splitext(save_as)
    folder, file = os.path.split(save_as)
    context: dict[str, Any] = {
        "save_as": save_as,
        "url": url,
        "name": name,
        "base_name": folder if file in ("index.htm", "index.html") else name,
        "extension": extension,
    }
    rules = list(settings["PAGINATION_PATTERNS"])
    if not all(isinstance(rule.URL, str) and isinstance(rule.SAVE_AS, str) for rule in rules):
        paginator = Paginator(save_as, url, items, settings, per_page)
        return [
            _Page(page.number, page.object_list, page.save_as, page.url)
            for page in map(paginator.page, range(1, paginator.num_pages + 1))
        ]
    made = []
    for number in range(1, pages + 1):
        bottom = (number - 1) * size
        top = count if bottom + size + orphans >= count else bottom + size
        rule = None
        for candidate in rules:
            if candidate.min_page == -1:
                if number >= pages:  # Pelican's `not has_next()`
                    rule = candidate
                    break
            elif candidate.min_page <= number:
                rule = candidate
        if rule is None:
            address, target = "", ""
        else:
            context["number"] = number
            address = rule.URL.format_map(context)
            target = rule.SAVE_AS.format_map(context)
        made.append(_Page(number, items[bottom:top], _unslashed(target), _unslashed(address)))
    return made


def _unslashed(address: str) -> str:
    """One leading slash dropped, as Pelican's `Page` drops it (a second one is kept)."""
    return address[1:] if address.startswith("/") else address


def _listing_pages(parts: Parts) -> Iterable[PageJob]:
    site, settings = parts.site, parts.settings
    _card_keys(parts)  # made here, before the digests' workers fork: they share it
    for listing in site.listings.written():
        kind_link = _kind_link(listing, settings)
        feeds = parts.findability.feeds_of(listing) or (
            parts.findability.site_feeds if listing.kind in ("year", "month") else ()
        )
        children = tuple(
            Counted(child.name, child.url if child.save_as else "", child.count)
            for child in listing.children
        )
        about: tuple[str, ...] = ()
        about_link = ""
        photo = None
        if listing.staff is not None:
            about = tuple(text for text in (listing.staff.role, listing.staff.bio) if text)
            if parts.photos is not None:
                photo = parts.photos.staff.get(listing.staff.name.casefold())
        if listing.source is not None:
            about = (listing.source.about,) if listing.source.about else ()
            about_link = listing.source.url
        for page, pagination in _paginated(
            parts, listing.save_as, listing.url, listing.stories, listing.template
        ):
            title = listing.name if page.number == 1 else f"{listing.name} ({page.number})"
            frame = ListingFrame(
                listing=listing,
                kind_link=kind_link,
                feeds=feeds,
                children=children,
                about=about,
                about_link=about_link,
                photo=photo,
                pagination=pagination,
                save_as=page.save_as,
                title=f"{title} | {settings['SITENAME']}",
            )
            stories = tuple(page.object_list)
            yield PageJob(
                page.save_as,
                listing.template,
                Deferred(partial(_listing_key, frame, stories, parts)),
                partial(_listing_view, parts, frame, stories),
            )


def _listing_key(frame: ListingFrame, stories: tuple[Story, ...], parts: Parts) -> tuple[Any, ...]:
    listing = frame.listing
    pickled = parts.pickled
    return (
        listing.kind,
        listing.name,
        listing.slug,
        listing.count,
        pickled(frame.kind_link),
        pickled(frame.feeds),
        pickled(frame.children),
        frame.about,
        frame.about_link,
        pickled(frame.photo),
        frame.pagination,
        frame.title,
        _cards_keys(parts, stories),
    )


def _cards_keys(parts: Parts, stories: tuple[Story, ...]) -> tuple[CardKey, ...]:
    """The stories' card keys, looked up in C (no Python frame each) by the objects' identity
    (no look inside them): 1.3 million of them at 100,000 stories, where a comprehension by
    path took 1.9 s, and a lookup by path in C 2.1 s of scattered reads. A list holding a story
    the site does not (none should) is looked up by path."""
    by_id = parts.card_ids
    try:
        keys = tuple(map(by_id.__getitem__, map(id, stories)))
    except KeyError:
        keys = tuple(map(_card_keys(parts).__getitem__, map(_PATH, stories)))
    return _with_thumbnails(parts, keys)


def _with_thumbnails(parts: Parts, keys: tuple[CardKey, ...]) -> tuple[CardKey, ...]:
    """Card keys with each thumbnail pickled once (`_pickled_once`): a story's thumbnail is on a
    page of each of its listings, and in the related stories of others."""
    if parts.photos is None or all(type(key) is str for key in keys):
        return keys
    pickled = parts.pickled
    return tuple(key if type(key) is str else (key[0], pickled(key[1])) for key in keys)


@dataclass(frozen=True)
class ListingFrame:
    """What a listing page shows besides its stories; everything in it is in the page's key."""

    listing: Listing
    kind_link: Link | None
    feeds: tuple[Any, ...]
    children: tuple[Counted, ...]
    about: tuple[str, ...]
    about_link: str
    photo: Picture | None
    pagination: Pagination
    save_as: str
    title: str


def _listing_view(parts: Parts, frame: ListingFrame, stories: tuple[Story, ...]) -> ListingView:
    listing = frame.listing
    return ListingView(
        kind=listing.kind,
        name=listing.name,
        count=listing.count,
        kind_link=frame.kind_link,
        stories=_cards(parts, stories, EAGER_THUMBNAILS),
        pagination=frame.pagination,
        follow=follow_feed(frame.feeds),
        children=frame.children,
        children_label=listing.name,
        about=frame.about,
        about_link=frame.about_link,
        photo=frame.photo,
        desk_slug=listing.slug if listing.kind == "desk" else "",
        head=parts.findability.page_head(frame.save_as, frame.title, "", listing),
    )


def _kind_link(listing: Listing, settings: dict[str, Any]) -> Link | None:
    """Where a listing's kind label leads: a place's region, a month's year, the kind's index."""
    if listing.parent is not None:
        return Link(listing.parent.name, listing.parent.url if listing.parent.save_as else "")
    index = {
        "desk": ("CATEGORIES", "categories"),
        "location": ("LOCATIONS", "locations"),
        "author": ("AUTHORS", "authors"),
        "source": ("SOURCES", "sources"),
        "tag": ("TAGS", "tags"),
        "year": ("ARCHIVES", "archives"),
        "month": ("ARCHIVES", "archives"),
    }[listing.kind]
    if _direct(settings, index[1]):
        return Link("", settings[f"{index[0]}_URL"])
    return None


def _home_pages(parts: Parts) -> Iterable[PageJob]:
    site, settings = parts.site, parts.settings
    _card_keys(parts)  # made here, before the digests' workers fork: they share it
    if not _direct(settings, "index"):
        return
    save_as = settings["INDEX_SAVE_AS"]
    url = settings.get("INDEX_URL", "index.html")
    front = parts.front
    for page, pagination in _paginated(parts, save_as, url, site.stories, "index"):
        head = parts.findability.page_head(page.save_as, str(settings["SITENAME"]), "")
        if page.number == 1:
            lead_picture = Markup("")
            if front.lead is not None and parts.photos is not None:
                lead_picture = parts.photos.lead_html(
                    front.lead, site_url_for(page.save_as, settings)
                ) or Markup("")
            view: Any = HomeView(
                lead=site.card(front.lead) if front.lead is not None else None,
                lead_picture=lead_picture,
                picks=_cards(parts, front.picks),
                latest=_cards(parts, front.latest, EAGER_THUMBNAILS),
                desks=tuple(
                    Block(
                        Link(desk.name, desk.url if desk.save_as else ""),
                        desk.slug,
                        _cards(parts, stories),
                    )
                    for desk, stories in front.desks
                ),
                regions=tuple(
                    Block(
                        Link(region.name, region.url if region.save_as else ""),
                        region.slug.replace("/", "-"),
                        _cards(parts, stories),
                    )
                    for region, stories in front.regions
                ),
                more_url=pagination.next_url,
                head=head,
                old_queries=site.redirects.query_names,
                old_query_folder=str(settings["WARTA_OLD_QUERY_PATH"]).strip("/") + "/",
            )
            yield PageJob.of(page.save_as, "index", view)
        else:
            stories = tuple(page.object_list)
            frame = LatestView((), pagination, head)
            yield PageJob(
                page.save_as,
                "latest",
                Deferred(partial(_latest_key, frame, stories, parts)),
                partial(_latest_with_cards, parts, frame, stories),
            )


def _latest_key(frame: LatestView, stories: tuple[Story, ...], parts: Parts) -> tuple[Any, ...]:
    return (frame, _cards_keys(parts, stories))


def _latest_with_cards(parts: Parts, frame: LatestView, stories: tuple[Story, ...]) -> LatestView:
    return dataclasses.replace(frame, stories=_cards(parts, stories, EAGER_THUMBNAILS))


def _index_pages(parts: Parts) -> Iterable[PageJob]:
    site, settings = parts.site, parts.settings
    find = parts.findability

    def counted(items: Iterable[Listing]) -> tuple[Counted, ...]:
        return tuple(Counted(item.name, item.url, item.count) for item in items if item.save_as)

    if _direct(settings, "categories"):
        save_as = settings["CATEGORIES_SAVE_AS"]
        desks = counted(site.listings.of("desk"))
        yield PageJob.of(
            save_as,
            "categories",
            IndexView(
                "desk", "", desks, (), (), "", len(desks), None, find.page_head(save_as, "", "")
            ),
        )
    for kind, setting in GROWING_INDEXES.items():
        if _direct(settings, f"{setting.lower()}"):
            yield from _growing_index(parts, kind, setting, counted(site.listings.of(kind)))
    if _direct(settings, "locations"):
        save_as = settings["LOCATIONS_SAVE_AS"]
        groups = tuple(
            Group(
                Counted(region.name, region.url if region.save_as else "", region.count),
                region.slug.replace("/", "-"),
                counted(region.children),
            )
            for region in site.listings.of("location")
            if region.children or region.parent is None
        )
        yield PageJob.of(
            save_as,
            "locations",
            IndexView(
                "location",
                "",
                (),
                groups,
                (),
                "",
                len(site.listings.of("location")),
                None,
                find.page_head(save_as, "", ""),
            ),
        )
    if _direct(settings, "archives"):
        save_as = settings["ARCHIVES_SAVE_AS"]
        groups = tuple(
            Group(
                Counted(year.name, year.url if year.save_as else "", year.count),
                year.slug,
                tuple(Counted(m.name, m.url if m.save_as else "", m.count) for m in year.children),
            )
            for year in site.listings.of("year")
        )
        yield PageJob.of(
            save_as,
            "archives",
            IndexView(
                "archive",
                "",
                (),
                groups,
                (),
                "",
                len(site.stories),
                None,
                find.page_head(save_as, "", ""),
            ),
        )


def initial_of(name: str) -> str:
    """The A-Z page a name is listed on: its first letter, '0-9', or 'lainnya'."""
    first = name.strip()[:1].casefold()
    if first in string.ascii_lowercase:
        return first
    if first.isdigit():
        return "0-9"
    return _OTHER_INITIAL


def _growing_index(
    parts: Parts, kind: str, setting: str, items: tuple[Counted, ...]
) -> Iterable[PageJob]:
    """An index of topics, writers or sources that fits the page budget at any size.

    Up to WARTA_INDEX_PAGE_SIZE names: one page, A-Z. More: the first page lists the most used,
    and links one page per initial letter (paginated in turn), A-Z within each.
    """
    settings = parts.settings
    find = parts.findability
    save_as = settings[f"{setting}_SAVE_AS"]
    template = setting.lower()
    size = int(settings["WARTA_INDEX_PAGE_SIZE"])
    if len(items) <= size:
        yield PageJob.of(
            save_as,
            template,
            IndexView(
                kind, "", items, (), (), "", len(items), None, find.page_head(save_as, "", "")
            ),
        )
        return
    folder = save_as.rsplit("/", 1)[0] + "/" if "/" in save_as else ""
    by_initial: dict[str, list[Counted]] = {}
    for item in items:
        by_initial.setdefault(initial_of(item.name), []).append(item)
    order = [*string.ascii_lowercase, "0-9", _OTHER_INITIAL]
    letters = tuple(
        Link(initial, f"{folder}abjad/{initial}/") for initial in order if initial in by_initial
    )
    most_used = tuple(sorted(items, key=lambda item: (-item.count, item.name.casefold()))[:size])
    yield PageJob.of(
        save_as,
        template,
        IndexView(
            kind, "", most_used, (), letters, "", len(items), None, find.page_head(save_as, "", "")
        ),
    )
    for letter in letters:
        names = by_initial[letter.name]
        letter_save_as = f"{letter.url}index.html"
        for page, pagination in _paginated(parts, letter_save_as, letter.url, names, "index"):
            view = IndexView(
                kind,
                "",
                tuple(page.object_list),
                (),
                letters,
                letter.name,
                len(items),
                pagination if pagination.count > 1 else None,
                find.page_head(page.save_as, "", ""),
            )
            yield PageJob.of(page.save_as, template, view)


def _special_pages(parts: Parts) -> Iterable[PageJob]:
    site, settings = parts.site, parts.settings
    find = parts.findability
    if _direct(settings, "search"):
        save_as = settings["SEARCH_SAVE_AS"]
        yield PageJob.of(
            save_as,
            "search",
            SearchView(tuple(find.search_bundles), find.page_head(save_as, "", "")),
        )
    if _direct(settings, "not_found"):
        save_as = settings["NOT_FOUND_SAVE_AS"]
        root = urlsplit(parts.site_url).path.rstrip("/") + "/"
        head = find.page_head(save_as, "", "")
        yield PageJob.of(
            save_as,
            "not_found",
            NotFoundView(
                root,
                _cards(parts, site.stories[: int(settings["WARTA_NOT_FOUND_STORIES"])]),
                Head(head.description, head.card, head.feeds, head.json_ld, "noindex"),
            ),
        )


def _redirect_pages(parts: Parts) -> Iterable[PageJob]:
    """A page at each old address that leads on, and at each address withdrawn on purpose."""
    redirects = parts.site.redirects
    for redirect in redirects.moved:
        if redirect.save_as:
            canonical = (
                redirect.target if redirect.external else f"{parts.site_url}/{redirect.target}"
            )
            view = RedirectView(redirect.target, redirect.title, canonical, redirect.external)
            yield PageJob.of(redirect.save_as, "redirect", view)
    for gone in redirects.gone:
        if gone.save_as:
            head = parts.findability.page_head(gone.save_as, "", "")
            robots = Head(head.description, head.card, (), head.json_ld, "noindex")
            yield PageJob.of(gone.save_as, "gone", GoneView(gone.note, robots))


__all__ = ["Parts", "chrome_of", "escape", "initial_of", "plan_pages"]
