"""Location pages: each place with stories lists them, its region's pages include its places'."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .catalog import Location


@dataclass
class LocationPage:
    """One place's listing: its stories (its places' too), and the places below it with news."""

    location: Location
    url: str
    save_as: str
    articles: list[Any] = field(default_factory=list)
    children: list[LocationPage] = field(default_factory=list)
    parent: LocationPage | None = None


def location_address(location: Location, pattern: str) -> str:
    return pattern.format(path=location.path, slug=location.slug)


def location_pages(articles: list[Any], settings: dict[str, Any]) -> list[LocationPage]:
    """A page for every place that has stories, in its own or its places' news, widest first.

    Each article is added to its place and that place's ancestors: work grows with the number
    of articles times the depth of the place tree, never with the number of pages.
    """
    pages: dict[str, LocationPage] = {}

    def page_of(place: Location) -> LocationPage:
        page = pages.get(place.path)
        if page is None:
            page = LocationPage(
                place,
                location_address(place, settings["WARTA_LOCATION_URL"]),
                location_address(place, settings["WARTA_LOCATION_SAVE_AS"]),
            )
            pages[place.path] = page
            if place.parent is not None:
                page.parent = page_of(place.parent)
                page.parent.children.append(page)
        return page

    counted: dict[str, set[int]] = defaultdict(set)
    for article in articles:  # already newest first
        place: Location | None = getattr(article, "location", None)
        if place is None:
            continue
        for step in place.trail:
            page = page_of(step)
            if id(article) not in counted[step.path]:
                counted[step.path].add(id(article))
                page.articles.append(article)
    for page in pages.values():
        page.children.sort(key=lambda child: child.location.name)
    return sorted(pages.values(), key=lambda page: (len(page.location.trail), page.location.name))


def write_location_pages(generator: Any, writer: Any) -> None:
    """Write every location page with Pelican's writer, paginated like the other listings."""
    template = generator.get_template("location")
    for page in location_pages(list(generator.articles), generator.settings):
        writer.write_file(
            page.save_as,
            template,
            generator.context,
            url=page.url,
            location_page=page,
            articles=page.articles,
            dates=page.articles,
            template_name="location",
            blog=True,
            relative_urls=generator.settings["RELATIVE_URLS"],
        )
