"""The home page's blocks: lead story, top stories, one block per desk and per region, latest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from newsroom_model.listings import Listing, Listings

from .settings import ThemeSettingsError


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


def front_page(newest: list[Any], listings: Listings, plan: dict[str, Any]) -> FrontPage:
    """The home page from stories `newest` first, each story shown at most once.

    Each block reads from the head of an already sorted list until it has enough stories it
    has not yet seen, so the work depends on the block sizes, not on the size of the archive.
    Stories the editor pinned (`plan["pinned"]`) come first: the lead, then the top stories.
    """
    shown: set[int] = set()

    def take(stories: Iterable[Any], count: int) -> list[Any]:
        picked = list(islice((story for story in stories if id(story) not in shown), count))
        shown.update(id(story) for story in picked)
        return picked

    pinned = pinned_stories(newest, plan["pinned"])
    window = newest[: plan["lead_window"]]
    lead = next((story for story in window if getattr(story, "lead_image", None)), None)
    lead = pinned[0] if pinned else lead or (newest[0] if newest else None)
    page = FrontPage(lead=lead, newest=newest[:5])
    if page.lead is not None:
        shown.add(id(page.lead))
    page.top = take(pinned[1:], len(pinned))
    page.top += take(newest, max(0, plan["top"] - len(page.top)))
    for desk in listings.of("desk"):
        stories = take(desk.articles, plan["per_desk"])
        if stories:
            page.desks.append(Block(desk, stories))
    # The region block groups the newest stories of each region (province) by place.
    for region in regions(listings):
        stories = take(region.articles, plan["per_region"])
        if stories:
            page.regions.append(Block(region, stories))
    page.latest = take(newest, plan["latest"])
    return page


def pinned_stories(newest: list[Any], slugs: list[str]) -> list[Any]:
    """The published stories the editor pinned, in the editor's order; a stale slug stops the
    build, so a story taken down or renamed cannot silently drop off the top of the home page."""
    if not slugs:
        return []
    by_slug = {story.slug: story for story in newest}
    missing = [slug for slug in slugs if slug not in by_slug]
    if missing:
        raise ThemeSettingsError(
            f"WARTA_FRONT_PAGE['pinned'] names {missing}, which no published story has as its "
            "Slug; check the spelling, or unpin a story that was taken down"
        )
    return [by_slug[slug] for slug in slugs]


def regions(listings: Listings) -> list[Listing]:
    """The widest places that divide into places: provinces under the country, or the top."""
    places = listings.of("location")
    tops = [place for place in places if place.parent is None]
    if len(tops) == 1 and tops[0].children:
        return tops[0].children
    return tops
