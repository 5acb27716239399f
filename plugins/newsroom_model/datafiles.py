"""The newsroom's data files (places, staff, sources), read through a schema as headers are.

Each file is a YAML list of entries. An entry's values become addresses (`slug:`), links
(`url:`), photos (`photo:`) and text on every page that names the entry, so each is checked as
the header field of the same kind is, by the same functions (schema.py): text is one line
without control characters and within a length, a slug is a slug, an address the entry makes
from its name fits a file name, a web address is http or https, a photo is a file under
content/. YAML anchors and aliases and deep nesting are refused before anything is built
(header.py's `yaml_hazard`). A key the entry does not take is refused with the nearest one;
an entry's name and its address are each one entry's. Every problem names `path:line`, and
all of them are reported with the rest of the run's before anything is written.

YAML is read into PyYAML's node tree with the BaseLoader, as front matter is: every scalar
stays text, and every value keeps its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from warta.messages import Hint, Text, t
from warta.problems import Problem, bounded

from .catalog import Catalog, Location, Source, StaffAuthor, did_you_mean
from .entries import Entry
from .header import MAX_YAML_DEPTH, FieldValue, YamlLoader, decode_source, yaml_hazard
from .national import merge
from .old_addresses import MAX_ADDRESS, AddressError, read_old_address
from .schema import (
    MAX_NAME,
    MAX_TEXT,
    FieldError,
    address_slug,
    content_file,
    one_line_text,
    slug_text,
    web_address,
)

Check = Callable[[FieldValue], str]
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


@dataclass(frozen=True)
class Key:
    """One key an entry may have: how its value is checked, and whether every entry needs it."""

    check: Check
    required: bool = False


def _text(limit: int) -> Check:
    def check(value: FieldValue) -> str:
        return one_line_text(value, limit)

    return check


def _paragraphs(limit: int) -> Check:
    """Text that may run over several lines (a bio written as a YAML block): each line break is
    a space, as it is on the page."""

    def check(value: FieldValue) -> str:
        if isinstance(value, str):
            value = _LINE_BREAKS.sub(" ", value)
        return one_line_text(value, limit)

    return check


def _name(limit: int) -> Check:
    def check(value: FieldValue) -> str:
        text = one_line_text(value, limit)
        if not text:
            raise FieldError(t("is empty"), t("write the name after the colon"))
        return text

    return check


# A withdrawn address's note to readers (redirects.yaml).
MAX_NOTE = 500
# What each file's entries take. Names are as long as the header field that names them may be:
# a byline's name (Author), a Source, a Location.
_LONG_NAME = MAX_NAME * 2


def keys_of(kind: str, content_root: Path) -> dict[str, Key]:
    """The keys an entry of the `kind` file takes, with their checks."""

    def photo(value: FieldValue) -> str:
        return content_file(value, content_root)

    return {
        "locations": {
            "name": Key(_name(_LONG_NAME), required=True),
            "slug": Key(slug_text),
            "dateline": Key(_text(_LONG_NAME)),
            "kind": Key(_text(MAX_NAME)),
            # A place Warta's national list holds, under which this one goes (national.py).
            "parent": Key(_name(_LONG_NAME)),
            "children": Key(lambda value: ""),  # read as entries of their own
        },
        "authors": {
            "name": Key(_name(MAX_NAME), required=True),
            "slug": Key(slug_text),
            "role": Key(_text(_LONG_NAME)),
            "bio": Key(_paragraphs(MAX_TEXT)),
            "photo": Key(photo),
            "photo_alt": Key(_text(MAX_TEXT)),
        },
        "sources": {
            "name": Key(_name(_LONG_NAME), required=True),
            "slug": Key(slug_text),
            "url": Key(web_address),
            "about": Key(_paragraphs(MAX_TEXT)),
        },
        # redirects.py: an old address and where it leads, or an address withdrawn on purpose.
        "redirects": {
            "from": Key(_old_address),
            "to": Key(_text(MAX_ADDRESS)),
            "gone": Key(_old_address),
            "note": Key(_paragraphs(MAX_NOTE)),
        },
    }[kind]


def _old_address(value: FieldValue) -> str:
    text = one_line_text(value, MAX_ADDRESS)
    try:
        read_old_address(text)
    except AddressError as error:
        raise FieldError(error.message, error.hint) from None
    return text


# The messages that name the kind of entry, one whole message for each file.
_NOT_A_KEY = {
    "locations": t("is not a key of a place"),
    "authors": t("is not a key of a writer"),
    "sources": t("is not a key of a source"),
    "redirects": t("is not a key of a redirect"),
}
_HAZARDS = {
    "alias": (
        t("YAML anchors and aliases (& and *) are not allowed in data files"),
        t("write each value out in full"),
    ),
    "deep": (
        t(
            "YAML nests lists and mappings more than {depth} deep in data files",
            depth=MAX_YAML_DEPTH,
        ),
        t("write the values out flat"),
    ),
}
_NOT_AN_ENTRY = {
    "locations": t("is not an entry of 'key: value' fields, as a place is written"),
    "authors": t("is not an entry of 'key: value' fields, as a writer is written"),
    "sources": t("is not an entry of 'key: value' fields, as a source is written"),
    "redirects": t("is not an entry of 'key: value' fields, as a redirect is written"),
}
# How an entry of each file starts.
_FIRST_KEY = {"locations": "name", "authors": "name", "sources": "name", "redirects": "from"}


def _label(key: str) -> str:
    """A key as a report's field: `slug` as `Slug`, `photo_alt` as `Photo_alt`."""
    return {"url": "URL"}.get(key, bounded(key, 40).capitalize())


class DataFile:
    """One data file, read and checked entry by entry; problems collected, never raised."""

    def __init__(self, kind: str, path: Path, display: str, content_root: Path) -> None:
        self.kind = kind
        self.display = display
        self.keys = keys_of(kind, content_root)
        self.problems: list[Problem] = []
        self.entries: list[Entry] = []
        if path.is_file():
            self._read(path)

    def problem(self, line: int, label: str, message: Text, hint: Hint = "") -> None:
        self.problems.append(Problem(self.display, line, label, message, hint))

    def _read(self, path: Path) -> None:
        text, undecodable = decode_source(path.read_bytes(), self.display)
        if text is None:
            assert undecodable is not None
            self.problems.append(undecodable)
            return
        hazard = yaml_hazard(text)
        if hazard is not None:
            line, kind = hazard
            self.problem(line + 1, "Data", *_HAZARDS[kind])
            return
        loader = YamlLoader(text)
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            self.problem(
                mark.line + 1 if mark else 1,
                "Data",
                t("cannot be read: {value}", value=bounded(str(error.problem or error.context))),
                t("check the YAML syntax; quote values that contain ': '"),
            )
            return
        finally:
            loader.dispose()
        if root is None:
            return
        if not isinstance(root, yaml.SequenceNode):
            self.problem(
                root.start_mark.line + 1,
                "Data",
                t("is not a list of entries"),
                t("start each with '- {key}:'", key=_FIRST_KEY[self.kind]),
            )
            return
        self.entries = self._entries(root)

    def _entries(self, node: yaml.SequenceNode) -> list[Entry]:
        entries = []
        for item in node.value:
            entry = self._entry(item)
            if entry is not None:
                entries.append(entry)
        return entries

    def _entry(self, node: yaml.Node) -> Entry | None:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                line,
                "Data",
                _NOT_AN_ENTRY[self.kind],
                t(
                    "start each entry with '- {key}:' and indent its other keys under it",
                    key=_FIRST_KEY[self.kind],
                ),
            )
            return None
        keys = self.keys
        entry = Entry(line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_line, "Data", t("a key is not a word"), t("write 'key: value'"))
                continue
            key = str(key_node.value)
            label = _label(key)
            if key not in keys:
                self.problem(
                    key_line,
                    label,
                    _NOT_A_KEY[self.kind],
                    did_you_mean(key, list(keys), t("keys: {keys}", keys=", ".join(keys))),
                )
                continue
            if key in entry.lines:
                self.problem(
                    key_line,
                    label,
                    t("is given twice (first on line {line})", line=entry.lines[key]),
                    t("keep one"),
                )
                continue
            entry.lines[key] = key_line
            if key == "children":
                if isinstance(value_node, yaml.SequenceNode):
                    entry.children = self._entries(value_node)
                elif not (isinstance(value_node, yaml.ScalarNode) and not value_node.value):
                    self.problem(
                        key_line,
                        label,
                        t("must be a list of places"),
                        t("start each with '- name:'"),
                    )
                continue
            value = _plain(value_node)
            try:
                entry.values[key] = keys[key].check(value)
            except FieldError as error:
                self.problem(key_line, label, error.message, error.hint)
        for key, spec in keys.items():
            if spec.required and key not in entry.lines:
                self.problem(
                    line, _label(key), t("is missing"), t("give every entry '{key}:'", key=key)
                )
        if "photo" in entry.values and not entry.values.get("photo_alt"):
            self.problem(
                entry.line_of("photo_alt")
                if "photo_alt" in entry.lines
                else entry.line_of("photo"),
                "Photo_alt",
                t("is required with a photo"),
                t("describe the photo for blind readers"),
            )
        named = "name" in keys
        return entry if (entry.values.get("name") if named else entry.lines) else None

    def slug(self, entry: Entry, substitutions: tuple[tuple[str, str], ...]) -> str:
        """The entry's address segment: its `slug:`, else one made from its name, checked as
        an address; a placeholder when neither will do (the build stops on that problem)."""
        written = entry.values.get("slug")
        if written:
            return written
        try:
            return address_slug(entry.values["name"], substitutions)
        except FieldError as error:
            self.problem(
                entry.line_of("name"), "Name", error.message, t("give the entry a 'slug:'")
            )
            return f"entry-line-{entry.line}"


def _plain(node: yaml.Node) -> FieldValue:
    """A value node as text, or as a list or mapping for the check to refuse."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {str(_plain(key)): _plain(value) for key, value in node.value}


class _Once:
    """Names and addresses already taken in one file, each with the line that took it."""

    def __init__(self, data: DataFile) -> None:
        self.data = data
        self.names: dict[str, int] = {}
        self.addresses: dict[str, tuple[str, int]] = {}

    def take(self, entry: Entry, address: str) -> bool:
        """Whether the entry is the first of its name and of its address; a problem if not."""
        name = entry.values["name"]
        first = self.names.get(name.casefold())
        if first is not None:
            self.data.problem(
                entry.line_of("name"),
                "Name",
                t(
                    "'{name}' is listed twice (first on line {first})",
                    name=bounded(name),
                    first=first,
                ),
                t("keep one entry per name"),
            )
            return False
        self.names[name.casefold()] = entry.line_of("name")
        owner = self.addresses.get(address)
        if owner is not None:
            self.data.problem(
                entry.line_of("slug") if "slug" in entry.lines else entry.line_of("name"),
                "Slug",
                t(
                    "'{address}' is already the address of '{owner}' (line {line})",
                    address=bounded(address),
                    owner=bounded(owner[0]),
                    line=owner[1],
                ),
                t("give each entry its own slug: two entries on one page would read as one"),
            )
            return False
        self.addresses[address] = (name, entry.line)
        return True


def load_catalog(
    data_dir: Path,
    files: dict[str, str],
    slug_substitutions: list[tuple[str, str]],
    root: Path,
    *,
    content_root: Path | None = None,
    national: list[Entry] | None = None,
) -> tuple[Catalog, list[Problem]]:
    """Read the locations, authors and sources files named in `files` from `data_dir`.

    The site's places are laid over `national` (Warta's, see `national.merge`). Problems are
    paths relative to `root`; a slug missing from an entry is made the way Pelican makes one,
    with the site's `SLUG_REGEX_SUBSTITUTIONS`. Photos are paths under `content_root` (the
    content folder; by default the data folder's parent).
    """

    substitutions = tuple(
        (str(pattern), str(replacement)) for pattern, replacement in slug_substitutions
    )
    content = (content_root or data_dir.parent).resolve()
    catalog = Catalog()

    def open_data(kind: str) -> DataFile:
        path = data_dir / files[kind]
        return DataFile(kind, path, _display(path, root), content)

    locations = open_data("locations")
    places, merged = merge(national or [], locations.entries, locations.display)
    locations.problems.extend(merged)
    once = _Once(locations)
    for entry, parent in _walk_places(places, None):
        slug = locations.slug(entry, substitutions)
        parent_place = catalog.location(parent) if parent else None
        place = Location(
            name=entry.values["name"],
            slug=slug,
            dateline=entry.values.get("dateline") or entry.values["name"].upper(),
            kind=entry.values.get("kind", ""),
            parent=parent_place,
        )
        if once.take(entry, place.path):
            catalog.locations[place.name.casefold()] = place

    authors = open_data("authors")
    for entry, slug in _unique(authors, substitutions):
        catalog.authors[entry.values["name"].casefold()] = StaffAuthor(
            name=entry.values["name"],
            slug=slug,
            role=entry.values.get("role", ""),
            bio=entry.values.get("bio", ""),
            photo=entry.values.get("photo", ""),
            photo_alt=entry.values.get("photo_alt", ""),
            photo_line=entry.line_of("photo"),
        )
    sources = open_data("sources")
    for entry, slug in _unique(sources, substitutions):
        catalog.sources[entry.values["name"].casefold()] = Source(
            name=entry.values["name"],
            slug=slug,
            url=entry.values.get("url", ""),
            about=entry.values.get("about", ""),
        )
    return catalog, [*locations.problems, *authors.problems, *sources.problems]


def _unique(
    data: DataFile, substitutions: tuple[tuple[str, str], ...]
) -> Iterator[tuple[Entry, str]]:
    """Each entry of a flat file (writers, sources) with its address, the first of each name
    and of each address only."""
    once = _Once(data)
    for entry in data.entries:
        slug = data.slug(entry, substitutions)
        if once.take(entry, slug):
            yield entry, slug


def _walk_places(entries: list[Entry], parent: str | None) -> Iterator[tuple[Entry, str | None]]:
    """Each place with its parent's name, parents before children (depth is bounded by
    `yaml_hazard`)."""
    for entry in entries:
        yield entry, parent
        yield from _walk_places(entry.children, entry.values["name"])


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
