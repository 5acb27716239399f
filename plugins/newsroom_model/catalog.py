"""The newsroom's reference data: places with their hierarchy, staff authors and story sources.

The records and their look-ups; `datafiles.py` reads them from the data files through the schema.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from warta.messages import Hint, alternatives, t


@dataclass(frozen=True, eq=False)
class Location:
    """A place an article is filed from, linked to the region it belongs to."""

    name: str
    slug: str
    dateline: str
    kind: str
    parent: Location | None = None

    @property
    def trail(self) -> list[Location]:
        """This place and its ancestors, from the widest (country) down to this one."""
        chain: list[Location] = []
        place: Location | None = self
        while place is not None:
            chain.append(place)
            place = place.parent
        return chain[::-1]

    @property
    def path(self) -> str:
        """URL path below the top level, e.g. 'kalimantan-selatan/kota-banjarmasin'.

        The country is left out of nested paths because every place in a regional newsroom's
        file sits in it; a top-level place keeps its own slug.
        """
        trail = self.trail
        return "/".join(place.slug for place in (trail[1:] or trail))

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class StaffAuthor:
    """A byline the newsroom knows, with what its profile page shows."""

    name: str
    slug: str
    role: str = ""
    bio: str = ""
    # The writer's portrait on the profile page: a path under content/ (as `Image:`), and what
    # it shows (required with a photo; news_images checks both).
    photo: str = ""
    photo_alt: str = ""
    # The line of `photo:` in the authors file, to name it if the photo cannot be used.
    photo_line: int = 0


@dataclass(frozen=True)
class Source:
    """An outlet, agency or contributor a story comes from."""

    name: str
    slug: str
    url: str = ""
    about: str = ""


@dataclass
class Catalog:
    """Every known location, author and source, looked up by name without regard to case."""

    locations: dict[str, Location] = field(default_factory=dict)
    authors: dict[str, StaffAuthor] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def location(self, name: str) -> Location | None:
        return self.locations.get(name.casefold())

    def author(self, name: str) -> StaffAuthor | None:
        return self.authors.get(name.casefold())

    def source(self, name: str) -> Source | None:
        return self.sources.get(name.casefold())

    def similar_locations(self, name: str) -> list[str]:
        return closest(name, [place.name for place in self.locations.values()])


def closest(name: str, known: list[str], count: int = 3, cutoff: float = 0.6) -> list[str]:
    """Known names that look like a mistyped `name`, best first."""
    by_key = {item.casefold(): item for item in known}
    matches = difflib.get_close_matches(name.casefold(), list(by_key), n=count, cutoff=cutoff)
    return [by_key[match] for match in matches]


def did_you_mean(name: str, known: list[str], fallback: Hint) -> Hint:
    """A hint naming the closest known values, or `fallback` when nothing is close."""
    matches = closest(name, known)
    if not matches:
        return fallback
    return t("did you mean {choices}?", choices=alternatives([f"'{match}'" for match in matches]))
