"""The home page's blocks: lead story, top stories, one block per desk and per region, latest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from newsroom_model.listings import Listing, Listings


@dataclass(frozen=True)
class Block:
    """A home-page block: the listing it comes from and the stories it shows."""

    listing: Listing
    stories: list[Any]


@dataclass
class FrontPage:
    lead: Any | None = None
    top: list[Any] = field(default_factory=list)
    desks: list[Block] = field(default_factory=list)
    regions: list[Block] = field(default_factory=list)
    latest: list[Any] = field(default_factory=list)
    # The newest stories whatever the blocks show, for pages that list a few (the 404 page).
    newest: list[Any] = field(default_factory=list)


def front_page(newest: list[Any], listings: Listings, sizes: dict[str, int]) -> FrontPage:
    """The home page from stories `newest` first, each story shown at most once.

    Each block reads from the head of an already sorted list until it has enough stories it
    has not yet seen, so the work depends on the block sizes, not on the size of the archive.
    """
    shown: set[int] = set()

    def take(stories: Iterable[Any], count: int) -> list[Any]:
        picked = list(islice((story for story in stories if id(story) not in shown), count))
        shown.update(id(story) for story in picked)
        return picked

    window = newest[: sizes["lead_window"]]
    lead = next((story for story in window if getattr(story, "lead_image", None)), None)
    page = FrontPage(lead=lead or (newest[0] if newest else None), newest=newest[:5])
    if page.lead is not None:
        shown.add(id(page.lead))
    page.top = take(newest, sizes["top"])
    for desk in listings.of("desk"):
        stories = take(desk.articles, sizes["per_desk"])
        if stories:
            page.desks.append(Block(desk, stories))
    # The region block groups the newest stories of each region (province) by place.
    for region in regions(listings):
        stories = take(region.articles, sizes["per_region"])
        if stories:
            page.regions.append(Block(region, stories))
    page.latest = take(newest, sizes["latest"])
    return page


def regions(listings: Listings) -> list[Listing]:
    """The widest places that divide into places: provinces under the country, or the top."""
    places = listings.of("location")
    tops = [place for place in places if place.parent is None]
    if len(tops) == 1 and tops[0].children:
        return tops[0].children
    return tops
