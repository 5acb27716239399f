"""The editor's mapping: the desk, place and tag each WordPress category and tag becomes.

The first import writes `wordpress-mapping.yaml` beside the settings: every category and tag of
the export with its number of posts, filled in where its name already names a desk or a place.
The editor completes it once, with a default desk and place for the posts none of their terms
file, and every later import follows it. So no story needs a hand edit after the import.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from newsroom_model.catalog import Catalog, Location, did_you_mean
from newsroom_model.places import PlaceIndex
from newsroom_model.schema import MAX_NAME, Rules

from warta.messages import Catalogue, Hint, Text, alternatives
from warta.problems import Problem, bounded

from . import messages
from .text import field_text, header_value
from .wxr import Export, Item

MAPPING_NAME = "wordpress-mapping.yaml"
# The two taxonomies a post is filed under, and their section in the mapping file.
SECTIONS = {"category": "categories", "post_tag": "tags"}
# WordPress desk names that differ from Warta's, matched without regard to case; only the
# first draft of the mapping file uses them, and the editor can change every guess.
DESK_ALIASES: dict[str, str] = {
    "berita daerah": "Daerah",
    "regional": "Daerah",
    "pemerintahan": "Politik",
    "kriminal": "Hukum",
    "kriminalitas": "Hukum",
    "sport": "Olahraga",
    "bisnis": "Ekonomi",
    "ekbis": "Ekonomi",
    "edukasi": "Pendidikan",
    "seni": "Budaya",
}
# The category WordPress gives a post nobody filed; it says nothing about the story, so the
# draft makes it no tag.
UNFILED_CATEGORIES = frozenset({"uncategorized", "tak-berkategori", "tidak-berkategori"})
_WORD = re.compile(r"\w+")
# The fields of one term's entry: what the editor sets, and what is only there to read.
_TERM_FIELDS = frozenset({"name", "posts", "desk", "location", "tag"})


class MappingError(ValueError):
    """The mapping file cannot be followed; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class TermRule:
    """What one category or tag becomes: a desk, a place, a tag, each possibly none."""

    kind: str
    slug: str
    name: str
    desk: str = ""
    place: Location | None = None
    tag: str = ""


@dataclass(frozen=True)
class Filing:
    """A post's desk, place and tags, and where its desk and place came from."""

    desk: str
    place: Location | None
    tags: tuple[str, ...]
    desk_from: str
    place_from: str


@dataclass(frozen=True)
class TermMapping:
    """The mapping file as read: a rule per term, and the defaults for posts with none."""

    rules: Rules
    terms: dict[tuple[str, str], TermRule]
    default_desk: str = ""
    default_place: Location | None = None
    path: str = MAPPING_NAME
    # The terms the file does not list, each with the rule guessed for it, for the report.
    unlisted: list[TermRule] = field(default_factory=list)

    def rule(self, kind: str, slug: str, name: str) -> TermRule:
        """The term's rule; for a term the file does not list (new since it was written), the
        rule the first draft would have written for it."""
        found = self.terms.get((kind, slug))
        if found is None:
            found = self.terms[(kind, slug)] = guessed_rule(kind, slug, name, self.rules)
            self.unlisted.append(found)
        return found

    def filing(self, item: Item, dateline_place: Location | None = None) -> Filing:
        """The desk and place of the post's first category, then first tag, that has one;
        a place its dateline names; then the defaults. Tags from every term, each once."""
        named = [
            (field_text(term.name), self.rule(term.kind, term.slug, field_text(term.name)))
            for kind in SECTIONS
            for term in item.terms
            if term.kind == kind
        ]
        desk_rule = next(((name, rule) for name, rule in named if rule.desk), None)
        place_rule = next(((name, rule) for name, rule in named if rule.place is not None), None)
        tags: dict[str, str] = {}
        for _, rule in named:
            if rule.tag:
                tags.setdefault(self.rules.slug(rule.tag), rule.tag)
        if desk_rule is not None:
            name, rule = desk_rule
            desk, desk_from = rule.desk, f"{_kind_name(rule.kind)} '{name}'"
        else:
            desk, desk_from = self.default_desk, "default"
        place: Location | None
        if place_rule is not None:
            name, rule = place_rule
            place, place_from = rule.place, f"{_kind_name(rule.kind)} '{name}'"
        elif dateline_place is not None:
            place, place_from = dateline_place, "dateline"
        else:
            place, place_from = self.default_place, "default"
        return Filing(desk, place, tuple(tags.values()), desk_from, place_from)


def _kind_name(kind: str) -> str:
    return "category" if kind == "category" else "tag"


# Guessing, for the first draft


def find_place(name: str, places: Catalog | PlaceIndex) -> tuple[Location | None, list[Location]]:
    """The place a term names, or None with the places it could mean when it is ambiguous:
    the build's own resolver (newsroom_model.places), so "Banjarmasin" is Kota Banjarmasin here
    as in a `Location:` field, and "Martapura" the kabupaten whose seat it is."""
    index = places if isinstance(places, PlaceIndex) else PlaceIndex.of(places.locations.values())
    found = index.find(name)
    return found.place, list(found.candidates)


def place_index(rules: Rules) -> PlaceIndex:
    """The rules' place resolver, made once."""
    return rules.places or PlaceIndex.of(rules.catalog.locations.values())


def guess_desk(name: str, desks: Iterable[str]) -> str:
    """The desk a term's name names: the desk itself, a known other name for it, or the one
    desk named as a word of it ("Hukum & Kriminal" is Hukum); '' when none or several."""
    desks = list(desks)
    folded = name.strip().casefold()
    wanted = DESK_ALIASES.get(folded, folded).casefold()
    exact = [desk for desk in desks if desk.casefold() == wanted]
    if exact:
        return exact[0]
    words = {word.casefold() for word in _WORD.findall(name)}
    named = [desk for desk in desks if desk.casefold() in words]
    named += [desk for alias, desk in DESK_ALIASES.items() if alias in words and desk in desks]
    return named[0] if len(set(named)) == 1 else ""


def guessed_rule(kind: str, slug: str, name: str, rules: Rules) -> TermRule:
    """What the first draft makes of a term: the desk or the place its name names, else a tag
    of its name."""
    desk = guess_desk(name, rules.categories)
    place = None if desk else find_place(name, place_index(rules))[0]
    tag = "" if desk or place else default_tag(kind, slug, name, rules)
    return TermRule(kind, slug, name, desk, place, tag)


def default_tag(kind: str, slug: str, name: str, rules: Rules) -> str:
    """The tag a term becomes unless the editor says otherwise: its name, cleaned as the build's
    tag rule wants it (no comma, at most MAX_NAME characters, letters or digits in it); ''
    for the category WordPress gives unfiled posts and for a name that cannot be a tag."""
    if kind == "category" and slug in UNFILED_CATEGORIES:
        return ""
    tag = header_value(name.replace(",", " "))[:MAX_NAME].strip()
    return tag if rules.slug(tag) else ""


@dataclass(frozen=True)
class TermCount:
    """A category or tag as the export uses it: its name and how many posts carry it."""

    kind: str
    slug: str
    name: str
    posts: int


def count_terms(export: Export) -> list[TermCount]:
    """Every category and tag on the export's posts, most used first, then by name."""
    counts: dict[tuple[str, str], list[Any]] = {}
    for item in export.items:
        if item.post_type != "post":
            continue
        for term in {(term.kind, term.slug): term for term in item.terms}.values():
            if term.kind in SECTIONS:
                entry = counts.setdefault((term.kind, term.slug), [field_text(term.name), 0])
                entry[1] += 1
    found = [TermCount(kind, slug, name, posts) for (kind, slug), (name, posts) in counts.items()]
    return sorted(found, key=lambda term: (-term.posts, term.name.casefold(), term.slug))


def draft_mapping(
    export: Export, rules: Rules, source: str, catalogue: Catalogue | None = None
) -> str:
    """The first mapping file for an export: every term with its count and the guesses its
    name allows, defaults empty; a comment beside each term that could be two places. Its
    comments are in the catalogue's language (the site's)."""
    desks = ", ".join(rules.categories)
    lines: list[str] = []
    for number, paragraph in enumerate(messages.MAPPING_FILE_HEADER):
        told = paragraph.fill(source=source).told(catalogue)
        lines += ["#"] if number == 2 else []
        lines += ["# " + line for line in textwrap.wrap(told, 90, break_on_hyphens=False)]
    for field_line in messages.MAPPING_FILE_FIELDS:
        lines.append("#   " + field_line.fill(desks=desks).told(catalogue))
    lines += ["", "default:", '  desk: ""', '  location: ""']
    terms = count_terms(export)
    places = place_index(rules)
    for kind, section in SECTIONS.items():
        entries = [term for term in terms if term.kind == kind]
        lines += ["", f"{section}:" + ("" if entries else " {}")]
        for term in entries:
            rule = guessed_rule(kind, term.slug, term.name, rules)
            desk, place, tag = rule.desk, rule.place, rule.tag
            could_be = [] if desk or place else find_place(term.name, places)[1]
            fields = {
                "name": term.name,
                "posts": term.posts,
                "desk": desk,
                "location": place.name if place else "",
                "tag": tag,
            }
            shown = ", ".join(f"{key}: {_scalar(value)}" for key, value in fields.items())
            comment = ""
            if could_be:
                names = alternatives([other.name for other in could_be])
                comment = "  # " + messages.MAPPING_COULD_BE.fill(places=names).told(catalogue)
            elif not tag and not desk and not place and rules.slug(term.name) == "":
                comment = "  # " + messages.MAPPING_NO_TAG.told(catalogue)
            lines.append(f"  {_scalar(term.slug)}: {{{shown}}}{comment}")
    return "\n".join(lines) + "\n"


def _scalar(value: object) -> str:
    """A value as YAML writes it on one line: numbers bare, text always double-quoted."""
    if isinstance(value, int):
        return str(value)
    dumped = yaml.safe_dump(str(value), default_style='"', allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n").removesuffix("...").strip()


# Reading the file the editor filled in


def read_mapping(text: str, path: str, rules: Rules) -> TermMapping:
    """The mapping file's rules, or MappingError naming every line that cannot be followed."""
    problems: list[Problem] = []

    def problem(node: Any, field: str, message: Text, hint: Hint = "") -> None:
        problems.append(Problem(path, node.start_mark.line + 1, field, message, hint))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        raise MappingError(
            [
                Problem(
                    path,
                    line,
                    "YAML",
                    messages.MAPPING_YAML_ERROR.fill(reason=str(reason)),
                    messages.MAPPING_YAML_HINT,
                )
            ]
        ) from None
    if root is None:
        root = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(root, yaml.MappingNode):
        problem(root, "YAML", messages.MAPPING_NOT_A_MAPPING)
        raise MappingError(problems)
    default_desk, default_place = "", None
    terms: dict[tuple[str, str], TermRule] = {}
    sections = {section: kind for kind, section in SECTIONS.items()}
    for key, value in root.value:
        name = str(key.value)
        if name == "default":
            fields = _fields(value, "default", {"desk", "location"}, problem)
            default_desk = _desk(fields.get("desk"), "default.desk", rules, problem)
            default_place = _place(fields.get("location"), "default.location", rules, problem)
        elif name in sections:
            terms.update(_section(value, sections[name], name, rules, problem))
        else:
            problem(key, name, messages.MAPPING_UNKNOWN_KEY, messages.MAPPING_KEYS_HINT)
    if problems:
        raise MappingError(problems)
    return TermMapping(rules, terms, default_desk, default_place, path)


def _fields(
    node: Any, where: str, known: frozenset[str] | set[str], problem: Any
) -> dict[str, Any]:
    """The scalar fields of a YAML mapping node, each with its node for line numbers."""
    if not isinstance(node, yaml.MappingNode):
        if not (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
            problem(node, where, messages.MAPPING_NOT_A_MAPPING)
        return {}
    fields: dict[str, Any] = {}
    for key, value in node.value:
        name = str(key.value)
        if name not in known:
            problem(
                key,
                f"{where}.{bounded(name, 40)}",
                messages.MAPPING_UNKNOWN_FIELD,
                messages.MAPPING_FIELDS_HINT.fill(fields=", ".join(sorted(known))),
            )
        elif not isinstance(value, yaml.ScalarNode):
            problem(value, f"{where}.{name}", messages.MAPPING_NOT_TEXT)
        else:
            fields[name] = value
    return fields


def _text_of(node: Any) -> str:
    value = "" if node is None or node.value in ("~", "null") else str(node.value)
    return value.strip()


def _desk(node: Any, where: str, rules: Rules, problem: Any) -> str:
    text = _text_of(node)
    if not text:
        return ""
    for desk in rules.categories:
        if desk.casefold() == text.casefold():
            return desk
    problem(
        node,
        where,
        messages.MAPPING_UNKNOWN_DESK.fill(desk=bounded(text)),
        did_you_mean(
            text,
            list(rules.categories),
            messages.MAPPING_DESKS_HINT.fill(desks=", ".join(rules.categories)),
        ),
    )
    return ""


def _place(node: Any, where: str, rules: Rules, problem: Any) -> Location | None:
    text = _text_of(node)
    if not text:
        return None
    place = rules.catalog.location(text)
    if place is None:
        known = [location.name for location in rules.catalog.locations.values()]
        problem(
            node,
            where,
            messages.MAPPING_UNKNOWN_PLACE.fill(place=bounded(text)),
            did_you_mean(text, known, messages.MAPPING_PLACE_HINT),
        )
    return place


def _tag(node: Any, where: str, rules: Rules, problem: Any) -> str:
    text = _text_of(node)
    if not text:
        return ""
    if "," in text or len(text) > MAX_NAME or not rules.slug(text) or text != header_value(text):
        problem(
            node,
            where,
            messages.MAPPING_BAD_TAG.fill(tag=bounded(text)),
            messages.MAPPING_TAG_HINT.fill(limit=MAX_NAME),
        )
        return ""
    return text


def _section(
    node: Any, kind: str, section: str, rules: Rules, problem: Any
) -> dict[tuple[str, str], TermRule]:
    found: dict[tuple[str, str], TermRule] = {}
    if not isinstance(node, yaml.MappingNode):
        if not (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
            problem(node, section, messages.MAPPING_NOT_A_MAPPING)
        return found
    for key, value in node.value:
        slug = str(key.value)
        where = f"{section}.{bounded(slug, 40)}"
        fields = _fields(value, where, _TERM_FIELDS, problem)
        name = _text_of(fields.get("name")) or slug
        found[(kind, slug)] = TermRule(
            kind,
            slug,
            name,
            desk=_desk(fields.get("desk"), f"{where}.desk", rules, problem),
            place=_place(fields.get("location"), f"{where}.location", rules, problem),
            tag=_tag(fields.get("tag"), f"{where}.tag", rules, problem),
        )
    return found


def load_or_draft(
    path: Path, export: Export, rules: Rules, source: str, catalogue: Catalogue | None = None
) -> tuple[TermMapping | None, str]:
    """The mapping at `path`, or None and the draft to write there when there is none yet."""
    if not path.exists():
        return None, draft_mapping(export, rules, source, catalogue)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(
            [Problem(path.name, 1, "File", messages.MAPPING_UNREADABLE.fill(error=error))]
        ) from None
    return read_mapping(text, path.name, rules), ""
