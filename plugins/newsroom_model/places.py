"""Place names as people write them: 'Banjarmasin' is Kota Banjarmasin, 'Martapura' is Kabupaten
Banjar (its seat), and a name that could be two places is said to be so.

One resolver serves every way a story is written: the `Location:` field, `warta new
--location`, and the WordPress importer's categories and tags. It is an index built once per
set of places, so a 100,000-story archive looks each name up in a dictionary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .catalog import Location

# What a kota's or kabupaten's name starts with, left out when people name it.
PREFIXES = ("Kota ", "Kabupaten ", "Kab. ", "Kab ", "Provinsi ", "Prov. ")
_FULL_PREFIX = {"kab.": "kabupaten", "kab": "kabupaten", "prov.": "provinsi"}


@dataclass(frozen=True)
class Found:
    """What a name leads to: one place, or the places it could mean (none when it is unknown)."""

    place: Location | None
    candidates: tuple[Location, ...] = ()


@dataclass(frozen=True)
class PlaceIndex:
    """Every place by its full name, by its name without 'Kota'/'Kabupaten', and, for a place
    with nothing below it, by the town of its dateline. A name is looked up in that order, and
    the first kind of name that matches anything decides."""

    by_name: dict[str, Location] = field(default_factory=dict)
    by_short: dict[str, tuple[Location, ...]] = field(default_factory=dict)
    by_dateline: dict[str, tuple[Location, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, places: Iterable[Location]) -> PlaceIndex:
        listed = list(places)
        parents = {id(place.parent) for place in listed if place.parent is not None}
        by_short: dict[str, list[Location]] = {}
        by_dateline: dict[str, list[Location]] = {}
        for place in listed:
            by_short.setdefault(short_name(place.name).casefold(), []).append(place)
            if id(place) not in parents:
                by_dateline.setdefault(place.dateline.casefold(), []).append(place)
        return cls(
            {place.name.casefold(): place for place in listed},
            {name: tuple(found) for name, found in by_short.items()},
            {name: tuple(found) for name, found in by_dateline.items()},
        )

    def find(self, name: str) -> Found:
        wanted = " ".join(name.split()).casefold()
        exact = self.by_name.get(wanted)
        if exact is not None:
            return Found(exact)
        shortened = short_name(wanted)
        if shortened != wanted:
            # 'Kab. Banjar' is 'Kabupaten Banjar'; 'Kota Banjar' is not Kabupaten Banjar.
            prefix = wanted[: len(wanted) - len(shortened)].strip()
            full = f"{_FULL_PREFIX.get(prefix, prefix)} {shortened}".casefold()
            found = self.by_name.get(full)
            return Found(found) if found is not None else Found(None)
        for table in (self.by_short, self.by_dateline):
            matches = table.get(wanted, ())
            if len(matches) == 1:
                return Found(matches[0])
            if matches:
                return Found(None, matches)
        return Found(None)


def short_name(name: str) -> str:
    """'Banjarmasin' for 'Kota Banjarmasin'."""
    for prefix in PREFIXES:
        if name.casefold().startswith(prefix.casefold()):
            return name[len(prefix) :]
    return name
