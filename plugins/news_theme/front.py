"""The home page's blocks: the lead story, the editor's picks, the latest news, then one block
per desk and one per region (province).

What each is for: the lead is the story the newsroom puts first (the editor's, or the newest
with a photo); the picks are the other stories the editor pinned; "Berita terbaru" is the
newest news, newest first, so a reader who comes back sees at once what is new: it is the rest
of the first page of the newest stories, and "Berita lainnya" (/halaman/2/) goes on exactly
where it stops. The desk and region blocks then show, by desk and by province, the newest
stories not already on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from newsroom_model.listings import Listing, Listings
from newsroom_model.record import Story

from warta.messages import Text, t


class FrontPageError(ValueError):
    """The editor's front-page plan names a story the site does not publish; `text` is the
    message, told in the site's language."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


@dataclass
class FrontPage:
    """The stories of each block, each story at most once on the page."""

    lead: Story | None = None
    picks: list[Story] = field(default_factory=list)
    latest: list[Story] = field(default_factory=list)
    desks: list[tuple[Listing, list[Story]]] = field(default_factory=list)
    regions: list[tuple[Listing, list[Story]]] = field(default_factory=list)


def front_page(
    newest: list[Story],
    listings: Listings,
    plan: dict[str, Any],
    has_photo: Callable[[Story], bool],
    page_size: int,
) -> FrontPage:
    """The home page from stories `newest` first, each story shown at most once.

    Each block reads from the head of an already sorted list until it has enough stories it
    has not yet seen, so the work depends on the block sizes, not on the size of the archive.
    Stories the editor pinned (`plan["pinned"]`) come first: the lead, then the picks. The
    latest news is the first `page_size` newest stories (the home page's page of the newest
    stories) less the lead and the picks.
    """
    shown: set[str] = set()

    def take(stories: Iterable[Story], count: int) -> list[Story]:
        picked = list(islice((story for story in stories if story.path not in shown), count))
        shown.update(story.path for story in picked)
        return picked

    pinned = pinned_stories(newest, plan["pinned"])
    window = newest[: plan["lead_window"]]
    lead = next((story for story in window if has_photo(story)), None)
    page = FrontPage(lead=pinned[0] if pinned else lead or (newest[0] if newest else None))
    if page.lead is not None:
        shown.add(page.lead.path)
    page.picks = take(pinned[1:], len(pinned))
    page.latest = take(newest[:page_size], page_size)
    for desk in listings.of("desk"):
        stories = take(desk.stories, plan["per_desk"])
        if stories:
            page.desks.append((desk, stories))
    # The region block groups the newest stories of each region (province) by place.
    for region in regions(listings):
        stories = take(region.stories, plan["per_region"])
        if stories:
            page.regions.append((region, stories))
    return page


def pinned_stories(newest: list[Story], slugs: list[str]) -> list[Story]:
    """The published stories the editor pinned, in the editor's order; a stale slug stops the
    build, so a story taken down or renamed cannot silently drop off the top of the home page."""
    if not slugs:
        return []
    by_slug = {story.slug: story for story in newest}
    missing = [slug for slug in slugs if slug not in by_slug]
    if missing:
        raise FrontPageError(
            t(
                "WARTA_FRONT_PAGE['pinned'] names {missing}, which no published story has as its "
                "Slug; check the spelling, or unpin a story that was taken down",
                missing=str(missing),
            )
        )
    return [by_slug[slug] for slug in slugs]


def regions(listings: Listings) -> list[Listing]:
    """The widest places that divide into places: provinces under the country, or the top."""
    places = listings.of("location")
    tops = [place for place in places if place.parent is None]
    if len(tops) == 1 and tops[0].children:
        return tops[0].children
    return tops
