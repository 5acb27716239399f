"""Listing pages (desk, tag, author, source, place, year, month), built in one pass over stories.

Pelican writes desk, tag and author pages itself, but first filters every story of the site for
each one (`[a for a in self.dates if a in articles]`): stories × pages × page size, which takes
minutes on a 100,000-story archive. Warta builds all its listings in one pass over the stories,
newest first, and writes them with Pelican's own writer and paginator, so each written page
renders only its slice. Pelican's loops are handed empty collections (`take_over_listings`);
the context keeps Pelican's `categories`, `tags` and `authors` for templates.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from operator import attrgetter
from typing import Any

from babel.dates import format_date

from .catalog import Location, Source

# Listing kinds, widest first, with the template each is written with. The template names are
# also PAGINATED_TEMPLATES keys: Pelican's own for desks, tags and authors.
TEMPLATES = {
    "desk": "category",
    "location": "location",
    "author": "author",
    "source": "source",
    "tag": "tag",
    "year": "period_archives",
    "month": "period_archives",
}
LISTINGS_KEY = "listings"


@dataclass(eq=False)
class Listing:
    """One listing page: what it is about, where it is written, and its stories, newest first.

    `item` is what the page is about: Pelican's Category, Tag or Author, a Source, a Location,
    or the first moment of the year or month. Places and years nest: a region lists its places,
    a year its months.
    """

    kind: str
    name: str
    slug: str
    url: str
    save_as: str
    item: Any
    articles: list[Any] = field(default_factory=list)
    parent: Listing | None = None
    children: list[Listing] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def template(self) -> str:
        return TEMPLATES[self.kind]


class Listings:
    """Every listing of the site by kind, in the order the kinds and their items are shown."""

    def __init__(self, by_kind: dict[str, list[Listing]]) -> None:
        self.by_kind = by_kind

    def of(self, kind: str) -> list[Listing]:
        return self.by_kind.get(kind, [])

    def __iter__(self) -> Iterator[Listing]:
        for kind in TEMPLATES:
            yield from self.of(kind)

    def written(self) -> Iterator[Listing]:
        """The listings that have a page (a site may switch a kind off with an empty SAVE_AS)."""
        return (listing for listing in self if listing.save_as)


def location_address(location: Location, pattern: str) -> str:
    return pattern.format(path=location.path, slug=location.slug)


class _Collector:
    """Listings as the pass over the stories finds them, each made once, on first use."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, Hashable], Listing] = {}

    def add(self, kind: str, key: Hashable, article: Any, make: Callable[[], Listing]) -> Listing:
        listing = self.found.get((kind, key))
        if listing is None:
            listing = self.found[(kind, key)] = make()
        if not listing.articles or listing.articles[-1] is not article:
            listing.articles.append(article)
        return listing

    def of(self, kind: str) -> list[Listing]:
        return [listing for (found_kind, _), listing in self.found.items() if found_kind == kind]


def build_listings(articles: list[Any], settings: dict[str, Any]) -> Listings:
    """Every listing page of `articles` (published, listed stories), in one pass, newest first.

    Each story is added to its desk, tags, authors, source, its place and that place's regions,
    and its year and month: work grows with the number of stories, never with pages × stories.
    Each story also learns its neighbours in its desk (`newer_in_desk`, `older_in_desk`).
    """
    newest = newest_first(articles)
    lang = str(settings["DEFAULT_LANG"])
    collector = _Collector()
    for article in newest:
        desk = getattr(article, "category", None)
        if desk is not None:
            collector.add("desk", desk.slug, article, partial(_wrapped, "desk", desk))
        for tag in getattr(article, "tags", None) or []:
            collector.add("tag", tag.slug, article, partial(_wrapped, "tag", tag))
        for author in getattr(article, "authors", None) or []:
            collector.add("author", author.slug, article, partial(_wrapped, "author", author))
        source: Source | None = getattr(article, "source", None)
        if source is not None:
            collector.add(
                "source", source.slug, article, partial(_source_listing, source, settings)
            )
        place: Location | None = getattr(article, "location", None)
        for step in place.trail if place is not None else []:
            collector.add("location", step.path, article, partial(_place_listing, step, settings))
        year = collector.add(
            "year",
            article.date.year,
            article,
            partial(_period_listing, "year", article.date, settings, lang),
        )
        month = collector.add(
            "month",
            (article.date.year, article.date.month),
            article,
            partial(_period_listing, "month", article.date, settings, lang),
        )
        if month.parent is None:
            month.parent = year
            year.children.append(month)

    places = {listing.item.path: listing for listing in collector.of("location")}
    for listing in places.values():
        parent = listing.item.parent
        if parent is not None and parent.path in places:
            listing.parent = places[parent.path]
            listing.parent.children.append(listing)
    for listing in places.values():
        listing.children.sort(key=attrgetter("name"))

    by_kind = {
        "desk": _in_desk_order(collector.of("desk"), settings),
        "location": sorted(places.values(), key=lambda item: (len(item.item.trail), item.name)),
        "author": sorted(collector.of("author"), key=attrgetter("name")),
        "source": sorted(collector.of("source"), key=attrgetter("name")),
        "tag": sorted(collector.of("tag"), key=lambda item: item.name.casefold()),
        "year": collector.of("year"),  # found newest first
        "month": collector.of("month"),
    }
    for desk in by_kind["desk"]:
        _link_neighbours(desk.articles)
    return Listings(by_kind)


def newest_first(articles: list[Any]) -> list[Any]:
    """Stories newest first; stories of the same minute by address, so every build agrees."""
    return sorted(articles, key=lambda article: (article.date, article.url), reverse=True)


def _wrapped(kind: str, item: Any) -> Listing:
    """A listing for one of Pelican's own Category, Tag or Author objects, at its addresses."""
    return Listing(kind, item.name, item.slug, item.url, item.save_as, item)


def _source_listing(source: Source, settings: dict[str, Any]) -> Listing:
    return Listing(
        "source",
        source.name,
        source.slug,
        settings["WARTA_SOURCE_URL"].format(slug=source.slug),
        settings["WARTA_SOURCE_SAVE_AS"].format(slug=source.slug),
        source,
    )


def _place_listing(place: Location, settings: dict[str, Any]) -> Listing:
    return Listing(
        "location",
        place.name,
        place.path,
        location_address(place, settings["WARTA_LOCATION_URL"]),
        location_address(place, settings["WARTA_LOCATION_SAVE_AS"]),
        place,
    )


def _period_listing(kind: str, moment: datetime, settings: dict[str, Any], lang: str) -> Listing:
    """A year's or month's archive, at Pelican's YEAR_/MONTH_ARCHIVE_URL addresses."""
    start = moment.replace(month=1 if kind == "year" else moment.month, day=1)
    prefix = "YEAR" if kind == "year" else "MONTH"
    pattern = "y" if kind == "year" else "LLLL y"
    language = lang.replace("-", "_").split("_")[0]
    return Listing(
        kind,
        format_date(start.date(), pattern, locale=language),
        start.strftime("%Y" if kind == "year" else "%Y-%m"),
        settings[f"{prefix}_ARCHIVE_URL"].format(date=start),
        settings[f"{prefix}_ARCHIVE_SAVE_AS"].format(date=start),
        start,
    )


def _in_desk_order(desks: list[Listing], settings: dict[str, Any]) -> list[Listing]:
    """Desks in the order the newsroom configured them (WARTA_CATEGORIES), others after."""
    order = {name.casefold(): place for place, name in enumerate(settings["WARTA_CATEGORIES"])}
    return sorted(desks, key=lambda desk: (order.get(desk.name.casefold(), len(order)), desk.name))


def _link_neighbours(stories: list[Any]) -> None:
    """Each story's newer and older neighbour in its desk (`stories` is newest first)."""
    for position, story in enumerate(stories):
        story.newer_in_desk = stories[position - 1] if position > 0 else None
        story.older_in_desk = stories[position + 1] if position + 1 < len(stories) else None


def take_over_listings(generator: Any) -> Listings:
    """Build the listings into the context, and leave Pelican's own listing loops nothing to do.

    Called when the articles generator is finalized: Pelican has already put its `categories`,
    `tags`, `authors` and `dates` into the context, where templates still find them.
    """
    listings = build_listings(list(generator.articles), generator.settings)
    generator.context[LISTINGS_KEY] = listings
    generator.tags = {}
    generator.categories = []
    generator.authors = []
    generator.period_archives = {}
    return listings


def write_listings(generator: Any, writer: Any) -> None:
    """Write every listing with Pelican's writer, paginated by PAGINATED_TEMPLATES."""
    listings: Listings | None = generator.context.get(LISTINGS_KEY)
    if listings is None:
        return
    templates = {name: generator.get_template(name) for name in set(TEMPLATES.values())}
    for listing in listings.written():
        # Pelican's own names for what the page is about, beside Warta's `listing`.
        about = {"desk": "category", "tag": "tag", "author": "author"}.get(listing.kind)
        writer.write_file(
            listing.save_as,
            templates[listing.template],
            generator.context,
            url=listing.url,
            listing=listing,
            articles=listing.articles,
            dates=listing.articles,
            template_name=listing.template,
            blog=True,
            relative_urls=generator.settings["RELATIVE_URLS"],
            **({about: listing.item} if about else {}),
        )
