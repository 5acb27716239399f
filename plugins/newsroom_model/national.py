"""The places a site knows: Warta's national list, narrowed to the provinces the site covers,
with the site's own locations file laid over it.

Pure functions on the records of the two YAML files, before `catalog` turns them into
`Location`s. The site's file extends the national list by name: an entry whose name Warta
already knows (at the same level of nesting, or under the place its `parent:` names) changes that
place's fields and adds its children; any other entry is a new place. So a site adds kecamatan
under a kabupaten without repeating the chain above it:

    - name: Kecamatan Martapura
      parent: Kabupaten Banjar
      kind: kecamatan
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from warta.problems import Problem

from .catalog import did_you_mean

Record = dict[str, Any]


def narrowed(national: Sequence[Record], provinces: Iterable[str] | None) -> list[Record]:
    """A copy of the national records with only the named provinces under each country (every
    province when `provinces` is None), each record marked as Warta's (line 0)."""
    wanted = None if provinces is None else {name.casefold() for name in provinces}
    countries = []
    for country in national:
        kept = [
            province
            for province in country.get("children") or []
            if wanted is None or str(province["name"]).casefold() in wanted
        ]
        countries.append({**country, "children": kept})
    records = copy.deepcopy(countries)
    for record in _all(records):
        record["__line__"] = 0
    return records


def merge(
    national: list[Record], site: list[Record], display: str
) -> tuple[list[Record], list[Problem]]:
    """The national records with the site's laid over them (see the module's notes), and a
    problem for each `parent:` that names no place."""
    problems: list[Problem] = []
    for record in site:
        parent = record.get("parent")
        if parent is None:
            _merge_into(national, record)
            continue
        found = _find(national, str(parent))
        if found is None:
            problems.append(
                Problem(
                    display,
                    int(record.get("__line__", 1)),
                    "Data",
                    f"parent '{parent}' of '{record['name']}' is not a known place",
                    did_you_mean(
                        str(parent),
                        [str(place["name"]) for place in _all(national)],
                        "name a kota, kabupaten or province Warta knows",
                    ),
                )
            )
            continue
        _merge_into(found.setdefault("children", []), record)
    return national, problems


def _merge_into(places: list[Record], record: Record) -> None:
    key = str(record["name"]).casefold()
    for place in places:
        # Only a place of Warta's list takes the site's fields, once: a name the site gives
        # twice is kept twice, for the catalog to report.
        if str(place["name"]).casefold() == key and place["__line__"] == 0:
            fields = {
                name: value for name, value in record.items() if name not in ("children", "parent")
            }
            place.update(fields, __line__=record.get("__line__", 1))
            for child in _children(record):
                _merge_into(place.setdefault("children", []), child)
            return
    places.append({name: value for name, value in record.items() if name != "parent"})


def _children(record: Record) -> list[Record]:
    children = record.get("children") or []
    if not isinstance(children, list):
        return []
    return [child for child in children if isinstance(child, dict) and child.get("name")]


def _all(records: list[Record]) -> Iterator[Record]:
    for record in records:
        yield record
        yield from _all(_children(record))


def _find(records: list[Record], name: str) -> Record | None:
    key = name.casefold()
    return next((place for place in _all(records) if str(place["name"]).casefold() == key), None)
