"""The newsroom's reference data: places with their hierarchy, staff authors and story sources."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pelican.utils import slugify

from warta.messages import Text, alternatives, t
from warta.problems import Problem


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


def did_you_mean(name: str, known: list[str], fallback: Text | str) -> Text | str:
    """A hint naming the closest known values, or `fallback` when nothing is close."""
    matches = closest(name, known)
    if not matches:
        return fallback
    return t("did you mean {choices}?", choices=alternatives([f"'{match}'" for match in matches]))


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader that records each mapping's line under the key '__line__'."""


def _construct_mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {
        str(key): value for key, value in loader.construct_mapping(node, deep=True).items()
    }
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping_with_line
)


class _DataFile:
    """One YAML list of records, read once, with problems collected instead of raised."""

    def __init__(self, path: Path, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []
        self.records: list[dict[str, Any]] = []
        if not path.exists():
            return
        try:
            loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            self.problems.append(
                Problem(display, line, "Data", f"cannot be read: {error}", "check the YAML syntax")
            )
            return
        if loaded is None:
            return
        if not isinstance(loaded, list):
            self.problems.append(
                Problem(display, 1, "Data", "is not a list of entries", "start each with '- name:'")
            )
            return
        self.records = [record for record in loaded if self._is_record(record)]

    def _is_record(self, record: object) -> bool:
        if isinstance(record, dict) and isinstance(record.get("name"), str) and record["name"]:
            return True
        line = record.get("__line__", 1) if isinstance(record, dict) else 1
        self.problems.append(
            Problem(self.display, line, "Data", "entry has no name", "give every entry 'name:'")
        )
        return False

    def text(self, record: dict[str, Any], key: str, default: str = "") -> str:
        value = record.get(key, default)
        return str(value).strip() if value is not None else default

    def unique(self, seen: dict[str, Any], record: dict[str, Any]) -> bool:
        key = record["name"].casefold()
        if key in seen:
            self.problems.append(
                Problem(
                    self.display,
                    record["__line__"],
                    "Data",
                    f"'{record['name']}' is listed twice",
                    "keep one entry per name",
                )
            )
            return False
        return True


def load_catalog(
    data_dir: Path, files: dict[str, str], slug_substitutions: list[tuple[str, str]], root: Path
) -> tuple[Catalog, list[Problem]]:
    """Read the locations, authors and sources files named in `files` from `data_dir`.

    Problems are paths relative to `root`; a slug missing from an entry is made the way Pelican
    makes one, with the site's `SLUG_REGEX_SUBSTITUTIONS`.
    """
    catalog = Catalog()

    def open_data(kind: str) -> _DataFile:
        path = data_dir / files[kind]
        return _DataFile(path, _display(path, root))

    def slug_of(data: _DataFile, record: dict[str, Any]) -> str:
        return data.text(record, "slug") or slugify(record["name"], slug_substitutions)

    locations = _DataFile(
        data_dir / files["locations"], _display(data_dir / files["locations"], root)
    )
    for record, parent in _walk_places(locations.records, None):
        if locations.unique(catalog.locations, record):
            place = Location(
                name=record["name"],
                slug=slug_of(locations, record),
                dateline=locations.text(record, "dateline") or record["name"].upper(),
                kind=locations.text(record, "kind"),
                parent=catalog.locations.get(parent.casefold()) if parent else None,
            )
            catalog.locations[place.name.casefold()] = place

    authors = open_data("authors")
    for record in authors.records:
        if authors.unique(catalog.authors, record):
            catalog.authors[record["name"].casefold()] = StaffAuthor(
                name=record["name"],
                slug=slug_of(authors, record),
                role=authors.text(record, "role"),
                bio=authors.text(record, "bio"),
                photo=authors.text(record, "photo"),
                photo_alt=authors.text(record, "photo_alt"),
            )

    sources = open_data("sources")
    for record in sources.records:
        if sources.unique(catalog.sources, record):
            catalog.sources[record["name"].casefold()] = Source(
                name=record["name"],
                slug=slug_of(sources, record),
                url=sources.text(record, "url"),
                about=sources.text(record, "about"),
            )
    return catalog, [*locations.problems, *authors.problems, *sources.problems]


def _walk_places(
    records: list[dict[str, Any]], parent: str | None
) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Each place record with its parent's name, parents before children."""
    for record in records:
        yield record, parent
        children = record.get("children") or []
        if isinstance(children, list):
            yield from _walk_places(
                [child for child in children if isinstance(child, dict) and child.get("name")],
                record["name"],
            )


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
