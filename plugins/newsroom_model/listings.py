"""Listing pages (desk, tag, author, source, place, year, month), built in one pass over stories.

Pelican writes desk, tag and author pages itself, but first filters every story of the site for
each one (`[a for a in self.dates if a in articles]`): stories × pages × page size, which takes
minutes on a 100,000-story archive. Warta builds all its listings in one pass over the stories,
newest first; each written page then renders only its slice. Listing addresses come from
Pelican's own settings (CATEGORY_URL, TAG_SAVE_AS...; an empty SAVE_AS switches a kind off) and
Warta's (WARTA_SOURCE_*, WARTA_LOCATION_*, WARTA_YEAR_ARCHIVE_*, WARTA_MONTH_ARCHIVE_*).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from warta.messages import t
from warta.problems import Problem, bounded

from .catalog import Catalog, Location, Source, StaffAuthor

if TYPE_CHECKING:
    from .record import Story

# Listing kinds, widest first, with the template each is written with.
TEMPLATES = {
    "desk": "category",
    "location": "location",
    "author": "author",
    "source": "source",
    "tag": "tag",
    "year": "period_archives",
    "month": "period_archives",
}


@dataclass(eq=False)
class Listing:
    """One listing: what it is about, where it is written, and its stories, newest first.

    Places and years nest: a region lists its places, a year its months. `staff` and `source`
    carry what a writer's or a source's page says about them.
    """

    kind: str
    name: str
    slug: str
    url: str
    save_as: str
    stories: list[Story] = field(default_factory=list)
    parent: Listing | None = None
    children: list[Listing] = field(default_factory=list)
    location: Location | None = None
    staff: StaffAuthor | None = None
    source: Source | None = None
    start: datetime | None = None

    @property
    def count(self) -> int:
        return len(self.stories)

    @property
    def template(self) -> str:
        return TEMPLATES[self.kind]


class Listings:
    """Every listing of the site by kind, in the order the kinds and their items are shown.

    `named(kind, name)` finds a desk's, tag's, author's or source's listing by the name a
    story gives it.
    """

    def __init__(
        self,
        by_kind: dict[str, list[Listing]],
        by_name: dict[tuple[str, str], Listing] | None = None,
    ) -> None:
        self.by_kind = by_kind
        self.by_name = by_name or {}

    def of(self, kind: str) -> list[Listing]:
        return self.by_kind.get(kind, [])

    def named(self, kind: str, name: str) -> Listing | None:
        return self.by_name.get((kind, name))

    def url_of(self, kind: str, name: str) -> str:
        """The address of a listing that has a page, else ''."""
        listing = self.by_name.get((kind, name))
        return listing.url if listing is not None and listing.save_as else ""

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

    def add(self, kind: str, key: Hashable, story: Story, make: Callable[[], Listing]) -> Listing:
        listing = self.found.get((kind, key))
        if listing is None:
            listing = self.found[(kind, key)] = make()
        if not listing.stories or listing.stories[-1] is not story:
            listing.stories.append(story)
        return listing

    def of(self, kind: str) -> list[Listing]:
        return [listing for (found_kind, _), listing in self.found.items() if found_kind == kind]


Maker = tuple[str, Callable[[], Listing]]  # a listing's slug, and how to make it


class _Makers:
    """What each name and place adds a story to (`build_listings`), worked out once, not for
    each of the stories that carry it: a slug, the listing's maker, a place's trail up its
    regions."""

    def __init__(
        self, settings: dict[str, Any], slug_of: Callable[[str], str], catalog: Catalog
    ) -> None:
        self.settings = settings
        self.slug_of = slug_of
        self.catalog = catalog
        self.by_name: dict[tuple[str, str], Maker] = {}
        self.writers: dict[str, tuple[StaffAuthor | None, Maker]] = {}
        self.trails: dict[int, list[Maker]] = {}

    def named(self, kind: str, setting: str, name: str, slug: str | None = None) -> Maker:
        found = self.by_name.get((kind, name))
        if found is None:
            slug = self.slug_of(name) if slug is None else slug
            found = self.by_name[(kind, name)] = (
                slug,
                partial(_named_listing, self.settings, kind, setting, name, slug),
            )
        return found

    def writer(self, name: str) -> tuple[StaffAuthor | None, Maker]:
        found = self.writers.get(name)
        if found is None:
            staff = self.catalog.author(name)
            slug = staff.slug if staff else self.slug_of(name)
            found = self.writers[name] = (staff, self.named("author", "AUTHOR", name, slug))
        return found

    def steps(self, place: Location) -> list[Maker]:
        # By the object: a record kept from an earlier build holds its own copy of a place.
        found = self.trails.get(id(place))
        if found is None:
            found = self.trails[id(place)] = [
                (step.path, partial(_place_listing, step, self.settings)) for step in place.trail
            ]
        return found


def _named_listing(
    settings: dict[str, Any], kind: str, setting: str, name: str, slug: str
) -> Listing:
    url = settings[f"{setting}_URL"].format(slug=slug, name=name)
    save_as = settings[f"{setting}_SAVE_AS"]
    return Listing(kind, name, slug, url, save_as.format(slug=slug, name=name) if save_as else "")


def build_listings(
    newest: list[Story],
    settings: dict[str, Any],
    slug_of: Callable[[str], str],
    catalog: Catalog,
) -> Listings:
    """Every listing of `newest` (published stories, newest first), in one pass.

    Each story is added to its desk, tags, authors, source, its place and that place's regions,
    and its year and month: work grows with the number of stories, never with pages × stories.
    """
    lang = str(settings["DEFAULT_LANG"]).replace("-", "_").split("_")[0]
    collector = _Collector()
    by_name: dict[tuple[str, str], Listing] = {}
    makers = _Makers(settings, slug_of, catalog)
    for story in newest:
        if story.category:
            slug, make = makers.named("desk", "CATEGORY", story.category)
            by_name[("desk", story.category)] = collector.add("desk", slug, story, make)
        for tag in story.tags:
            slug, make = makers.named("tag", "TAG", tag)
            by_name[("tag", tag)] = collector.add("tag", slug, story, make)
        for author in story.authors:
            staff, (slug, make) = makers.writer(author)
            listing = collector.add("author", slug, story, make)
            listing.staff = listing.staff or staff
            by_name[("author", author)] = listing
        source = story.source_info
        if source is not None:
            by_name[("source", source.name)] = collector.add(
                "source", source.slug, story, partial(_source_listing, source, settings)
            )
        if story.location is not None:
            for path, make in makers.steps(story.location):
                collector.add("location", path, story, make)
        date = story.date
        year = collector.add(
            "year", date.year, story, partial(_period_listing, "year", date, settings, lang)
        )
        month = collector.add(
            "month",
            (date.year, date.month),
            story,
            partial(_period_listing, "month", date, settings, lang),
        )
        if month.parent is None:
            month.parent = year
            year.children.append(month)

    places = {listing.slug: listing for listing in collector.of("location")}
    for listing in places.values():
        assert listing.location is not None
        parent = listing.location.parent
        if parent is not None and parent.path in places:
            listing.parent = places[parent.path]
            listing.parent.children.append(listing)
    for listing in places.values():
        listing.children.sort(key=attrgetter("name"))

    return Listings(
        {
            "desk": _in_desk_order(collector.of("desk"), settings),
            "location": sorted(
                places.values(),
                key=lambda item: (len(item.location.trail) if item.location else 0, item.name),
            ),
            "author": sorted(collector.of("author"), key=attrgetter("name")),
            "source": sorted(collector.of("source"), key=attrgetter("name")),
            "tag": sorted(collector.of("tag"), key=lambda item: (item.name.casefold(), item.slug)),
            "year": collector.of("year"),  # found newest first
            "month": collector.of("month"),
        },
        by_name,
    )


def shared_pages(
    stories: list[Story], catalog: Catalog, slug_of: Callable[[str], str]
) -> list[Problem]:
    """A problem for each byline or source that would land on the page of a staff writer or a
    listed source it is not: 'Budi' with the address of the staff writer whose slug is
    'budi'. Bylines that differ only in how they are written ('Siti Aisyah' and 'siti aisyah')
    share a page on purpose, as tags do."""
    staff = {writer.slug: writer for writer in catalog.authors.values()}
    listed = {source.slug: source for source in catalog.sources.values()}
    problems = []
    for story in stories:
        for name in story.authors:
            owner = staff.get(slug_of(name))
            if catalog.author(name) is None and owner is not None:
                problems.append(
                    Problem(
                        story.display,
                        story.line_of("author", "authors"),
                        "Author",
                        t(
                            "'{name}' would share the page of staff writer '{staff}'",
                            name=bounded(name),
                            staff=bounded(owner.name),
                        ),
                        t(
                            "write the byline as the authors data file does, or give the staff "
                            "writer another slug"
                        ),
                    )
                )
        source = story.source_info
        if source is not None and catalog.source(source.name) is None:
            other = listed.get(source.slug)
            if other is not None:
                problems.append(
                    Problem(
                        story.display,
                        story.line_of("source"),
                        "Source",
                        t(
                            "'{name}' would share the page of the source '{listed}'",
                            name=bounded(source.name),
                            listed=bounded(other.name),
                        ),
                        t("write the source as the sources data file does"),
                    )
                )
    return problems


def _source_listing(source: Source, settings: dict[str, Any]) -> Listing:
    save_as = settings["WARTA_SOURCE_SAVE_AS"]
    return Listing(
        "source",
        source.name,
        source.slug,
        settings["WARTA_SOURCE_URL"].format(slug=source.slug),
        save_as.format(slug=source.slug) if save_as else "",
        source=source,
    )


def _place_listing(place: Location, settings: dict[str, Any]) -> Listing:
    save_as = settings["WARTA_LOCATION_SAVE_AS"]
    return Listing(
        "location",
        place.name,
        place.path,
        location_address(place, settings["WARTA_LOCATION_URL"]),
        location_address(place, save_as) if save_as else "",
        location=place,
    )


def _period_listing(kind: str, moment: datetime, settings: dict[str, Any], lang: str) -> Listing:
    """A year's or month's archive, at WARTA_YEAR_ARCHIVE_URL or WARTA_MONTH_ARCHIVE_URL."""
    start = moment.replace(month=1 if kind == "year" else moment.month, day=1)
    prefix = "WARTA_YEAR" if kind == "year" else "WARTA_MONTH"
    pattern = "y" if kind == "year" else "LLLL y"
    save_as = settings[f"{prefix}_ARCHIVE_SAVE_AS"]
    return Listing(
        kind,
        format_date(start.date(), pattern, locale=lang),
        start.strftime("%Y" if kind == "year" else "%Y-%m"),
        settings[f"{prefix}_ARCHIVE_URL"].format(date=start),
        save_as.format(date=start) if save_as else "",
        start=start,
    )


def _in_desk_order(desks: list[Listing], settings: dict[str, Any]) -> list[Listing]:
    """Desks in the order the newsroom configured them (WARTA_CATEGORIES), others after."""
    order = {name.casefold(): place for place, name in enumerate(settings["WARTA_CATEGORIES"])}
    return sorted(desks, key=lambda desk: (order.get(desk.name.casefold(), len(order)), desk.name))


def neighbours(stories: list[Story]) -> dict[str, tuple[Story | None, Story | None]]:
    """Each story's older and newer neighbour in a desk (`stories` is newest first)."""
    found: dict[str, tuple[Story | None, Story | None]] = {}
    for position, story in enumerate(stories):
        newer = stories[position - 1] if position > 0 else None
        older = stories[position + 1] if position + 1 < len(stories) else None
        found[story.path] = (older, newer)
    return found
