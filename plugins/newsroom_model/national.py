"""The places a site knows: Warta's national list, narrowed to the provinces the site covers,
with the site's own locations file laid over it.

Pure functions on the entries of the two files (`entries.Entry`), before `datafiles` turns
them into `Location`s. The site's file extends the national list by name: an entry whose name
Warta already knows (at the same level of nesting, or under the place its `parent:` names)
changes that place's fields and adds its children; any other entry is a new place. So a site
adds kecamatan under a kabupaten without repeating the chain above it:

    - name: Kecamatan Martapura
      parent: Kabupaten Banjar
      kind: kecamatan
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from warta.messages import t
from warta.problems import Problem, bounded

from .catalog import did_you_mean
from .entries import Entry

# Warta's own places have no line in the site's file.
NATIONAL_LINE = 0


def narrowed(national: Sequence[dict[str, Any]], provinces: Iterable[str] | None) -> list[Entry]:
    """The national records as entries, with only the named provinces under each country
    (every province when `provinces` is None)."""
    wanted = None if provinces is None else {name.casefold() for name in provinces}
    countries = []
    for country in national:
        kept = [
            province
            for province in country.get("children") or []
            if wanted is None or str(province["name"]).casefold() in wanted
        ]
        countries.append(_entry({**country, "children": kept}))
    return countries


def _entry(record: dict[str, Any]) -> Entry:
    values = {
        key: str(value) for key, value in record.items() if key != "children" and value is not None
    }
    children = [_entry(child) for child in record.get("children") or []]
    return Entry(NATIONAL_LINE, values, {}, children)


def merge(
    national: list[Entry], site: list[Entry], display: str
) -> tuple[list[Entry], list[Problem]]:
    """The national entries with the site's laid over them (see the module's notes), and a
    problem for each `parent:` that names no place."""
    places = [_copy(entry) for entry in national]
    problems: list[Problem] = []
    for entry in site:
        parent = entry.values.get("parent")
        if parent is None:
            _merge_into(places, entry)
            continue
        found = _find(places, parent)
        if found is None:
            problems.append(
                Problem(
                    display,
                    entry.line_of("parent"),
                    "parent",
                    t(
                        "'{parent}' is not a known place to put '{name}' under",
                        parent=bounded(parent),
                        name=bounded(entry.values.get("name", "")),
                    ),
                    did_you_mean(
                        parent,
                        [place.values["name"] for place in _all(places)],
                        t("name a kota, kabupaten or province Warta knows"),
                    ),
                )
            )
            continue
        _merge_into(found.children, entry)
    return places, problems


def _copy(entry: Entry) -> Entry:
    return dataclasses.replace(
        entry,
        values=dict(entry.values),
        lines=dict(entry.lines),
        children=[_copy(child) for child in entry.children],
    )


def _merge_into(places: list[Entry], entry: Entry) -> None:
    key = entry.values.get("name", "").casefold()
    for place in places:
        # Only a place of Warta's list takes the site's fields, once: a name the site gives
        # twice is kept twice, for the catalog to report.
        if place.values.get("name", "").casefold() == key and place.line == NATIONAL_LINE:
            place.values.update(
                {name: value for name, value in entry.values.items() if name != "parent"}
            )
            place.lines.update(entry.lines)
            place.line = entry.line
            for child in entry.children:
                _merge_into(place.children, child)
            return
    values = {name: value for name, value in entry.values.items() if name != "parent"}
    places.append(dataclasses.replace(entry, values=values))


def _all(entries: list[Entry]) -> Iterator[Entry]:
    for entry in entries:
        yield entry
        yield from _all(entry.children)


def _find(entries: list[Entry], name: str) -> Entry | None:
    key = name.casefold()
    return next(
        (place for place in _all(entries) if place.values.get("name", "").casefold() == key), None
    )
