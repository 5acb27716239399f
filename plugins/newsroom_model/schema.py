"""The one schema for article and page metadata: each field's parser, and the checks across fields.

`validate` is pure: given the raw header fields of one file and the newsroom's reference data it
returns clean Python values and every problem found, and never raises for a content mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from markupsafe import escape
from pelican.utils import slugify

from warta.problems import Problem, bounded

from .catalog import Catalog, did_you_mean
from .header import FieldValue, RawField
from .live import STATES as LIVE_STATES

ARTICLE = "article"
PAGE = "page"

STATUSES = ("published", "draft", "hidden")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_EXAMPLE = "write ISO 8601, e.g. 2026-11-18 09:00 or 2026-11-18T09:00+07:00"
# Control characters have no place in a header: a NUL or a line break would reach file names,
# feeds and HTML attributes. A tab is only white space. U+FFFE, U+FFFF and lone surrogates are
# not characters at all, and XML 1.0 forbids them as it forbids the C0 controls: one in a
# headline or a tag would make every feed and sitemap that carries it unreadable.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# Lengths past which a value is a mistake (a pasted body, a runaway list), not a headline or a
# name; they also keep every address a file system can store (255 bytes a name).
MAX_TEXT = 2000
MAX_TITLE = 300
MAX_NAME = 100
MAX_SLUG = 150


@dataclass(frozen=True)
class Correction:
    """A dated note telling readers what was wrong in an earlier version."""

    date: datetime
    note: str


@dataclass(frozen=True)
class Rules:
    """What the schema checks a file against: the site's settings and reference data."""

    catalog: Catalog
    categories: tuple[str, ...]
    timezone: ZoneInfo
    content_root: Path
    extra_fields: frozenset[str] = frozenset()
    # Pelican's SLUG_REGEX_SUBSTITUTIONS: tags, authors and headlines become addresses with them.
    slug_substitutions: tuple[tuple[str, str], ...] = ()
    # The theme's templates a static page may name in `Template:` (page, page_wide...).
    page_templates: frozenset[str] = frozenset({"page"})
    # How dates are told (WARTA_DATE_FORMATS) and the site's language.
    date_formats: dict[str, dict[str, str]] = field(default_factory=dict)
    default_lang: str = "id"
    # A digest of everything above and of the data files: records assembled under other rules
    # are never reused.
    fingerprint: str = ""

    def slug(self, text: str) -> str:
        """The address segment Pelican makes of `text`, read as text (markup is not stripped)."""
        return text_slug(text, self.slug_substitutions)


@lru_cache(maxsize=65536)
def text_slug(text: str, substitutions: tuple[tuple[str, str], ...]) -> str:
    """Pelican's slugify of `text` as text: Pelican strips tags first, so a name written with
    '<' or '&' is escaped before, and 'Cabai <Naik>' gives 'cabai-naik' as a reader expects.
    Cached: a tag or a writer comes back in thousands of stories, and slugify is slow."""
    return str(slugify(str(escape(text)), regex_subs=list(substitutions)))


def address_slug(name: str, substitutions: tuple[tuple[str, str], ...]) -> str:
    """The address segment a name makes (a tag's, a writer's, a source's, a place's), checked as
    an address: it must have something to go by, and fit a file name.

    The name's own length says little: `龍` transliterates to `long`, so 99 of them, under any
    limit on names, make a slug of 494 characters, longer than a file system stores.
    """
    slug = text_slug(name, substitutions)
    if not slug:
        raise FieldError(
            f"'{bounded(name)}' has no letters or digits to make its address from",
            "write the name in words",
        )
    if len(slug) > MAX_SLUG:
        raise FieldError(
            f"'{bounded(name)}' makes an address of {len(slug)} characters",
            f"shorten it: an address may have {MAX_SLUG} (letters outside the Latin alphabet "
            "are spelt out in Latin ones)",
        )
    return slug


class FieldError(ValueError):
    """A field's value is wrong; carries the hint shown after the message."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


Parser = Callable[[FieldValue, Rules], object]


def _text(value: FieldValue, rules: Rules, limit: int = MAX_TEXT) -> str:
    return plain_text(value, limit)


def plain_text(value: FieldValue, limit: int = MAX_TEXT) -> str:
    """A one-line text value, stripped: no list or mapping, no control character, not too long."""
    if not isinstance(value, str):
        raise FieldError("must be text, not a list or a mapping", "write it on one line")
    control = _CONTROL.search(value)
    if control:
        character = control.group(0)
        code = f"U+{ord(character):04X}"
        message = (
            f"contains a control character ({code})"
            if character < "\ud800"
            else f"contains a code that is not a character ({code})"
        )
        raise FieldError(message, "retype the value; it may be pasted")
    text = value.strip()
    if len(text) > limit:
        raise FieldError(f"is {len(text):,} characters long", f"keep it under {limit:,} characters")
    return text


def _required_text(value: FieldValue, rules: Rules | None) -> str:
    text = plain_text(value, MAX_NAME * 2)
    if not text:
        raise FieldError("is empty", "write a value after the colon")
    return text


def _names(value: FieldValue, rules: Rules) -> list[str]:
    """A comma-separated line, or a YAML list of names, without blanks or repeats.

    Each name becomes a page address (a tag's, a writer's), so each must give a slug, and a short
    enough one for a file name.
    """
    if isinstance(value, str):
        items = _text(value, rules).split(",")
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = [_text(str(item), rules) for item in value]
    else:
        raise FieldError("must be a comma-separated list", "e.g. 'banjir, bpbd'")
    names: list[str] = []
    slugs: set[str] = set()
    for item in (item.strip() for item in items):
        if not item:
            continue
        if len(item) > MAX_NAME:
            raise FieldError(
                f"'{bounded(item)}' is {len(item)} characters long",
                f"keep each name under {MAX_NAME} characters",
            )
        slug = address_slug(item, rules.slug_substitutions)
        if slug not in slugs:
            slugs.add(slug)
            names.append(item)
    return names


def _title(value: FieldValue, rules: Rules) -> str:
    text = _text(value, rules, MAX_TITLE)
    if not text:
        raise FieldError("is empty", "write a value after the colon")
    return text


def parse_datetime(value: FieldValue, rules: Rules) -> datetime:
    """An ISO 8601 date, time optional, in the site time zone unless it carries an offset."""
    text = _required_text(value, rules)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise FieldError(f"'{bounded(text)}' is not a date", _DATE_EXAMPLE) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=rules.timezone)
    return moment


def _source(value: FieldValue, rules: Rules) -> str:
    """A source's name: one of the sources data file, or any name that makes an address."""
    text = _required_text(value, rules)
    if rules.catalog.source(text) is None:
        address_slug(text, rules.slug_substitutions)
    return text


def _category(value: FieldValue, rules: Rules) -> str:
    text = _required_text(value, rules)
    for desk in rules.categories:
        if desk.casefold() == text.casefold():
            return desk
    raise FieldError(
        f"'{bounded(text)}' is not one of the desks",
        did_you_mean(text, list(rules.categories), "desks: " + ", ".join(rules.categories)),
    )


def _location(value: FieldValue, rules: Rules) -> object:
    text = _required_text(value, rules)
    place = rules.catalog.location(text)
    if place is None:
        raise FieldError(
            f"'{bounded(text)}' is not a known place",
            did_you_mean(
                text,
                [known.name for known in rules.catalog.locations.values()],
                "add it to the locations data file",
            ),
        )
    return place


def _url(value: FieldValue, rules: Rules) -> str:
    return web_address(value)


def web_address(value: FieldValue) -> str:
    """A plain http(s) address: no other scheme (`javascript:`), and nothing that could break
    out of the attribute it is printed in."""
    text = plain_text(value)
    if not text:
        raise FieldError("is empty", "write a value after the colon")
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = urlsplit("")
    # Quotes, angle brackets and spaces are not part of a web address; a value with them is a
    # mistake or an attempt to break out of the attribute it is printed in.
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(character in text for character in "\"'<>` \\")
    ):
        raise FieldError(f"'{bounded(text)}' is not a web address", "start it with https://")
    return text


def _image(value: FieldValue, rules: Rules) -> str:
    return content_file(value, rules.content_root)


def content_file(value: FieldValue, root: Path) -> str:
    """A path below the content folder (`root`, resolved), to a file that exists: a story's
    `Image:`, a writer's `photo:`."""
    text = _required_text(value, None).removeprefix("{static}").lstrip("/")
    if "\\" in text or any(part == ".." for part in text.split("/")):
        raise FieldError(
            f"'{bounded(text)}' is outside the content folder", "put the photo in images/"
        )
    relative = PurePosixPath(text)
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise FieldError(
            f"'{bounded(text)}' is outside the content folder", "put the photo in images/"
        )
    if not target.is_file():
        siblings = (
            [p.name for p in target.parent.iterdir() if p.is_file()]
            if target.parent.is_dir()
            else []
        )
        raise FieldError(
            f"file '{bounded(text)}' does not exist",
            did_you_mean(relative.name, siblings, "paths are relative to the content folder"),
        )
    return relative.as_posix()


def _focus(value: FieldValue, rules: Rules) -> tuple[float, float]:
    """`x, y`: where the photo's subject is, as fractions of its width and height."""
    parts = value if isinstance(value, list) else _required_text(value, rules).split(",")
    hint = "write two fractions from 0 to 1, left to right then top to bottom, e.g. '0.5, 0.3'"
    written = ", ".join(str(part).strip() for part in parts)
    try:
        x, y = (float(str(part).strip()) for part in parts)
    except ValueError:
        raise FieldError(f"'{written}' is not two fractions", hint) from None
    if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        raise FieldError(f"'{written}' is outside 0 to 1", hint)
    return x, y


def _slug(value: FieldValue, rules: Rules) -> str:
    return slug_text(value)


def slug_text(value: FieldValue) -> str:
    """A slug as written: lower-case letters, digits and single hyphens, and short enough."""
    text = _required_text(value, None)
    if not _SLUG.match(text):
        raise FieldError(
            f"'{bounded(text)}' is not a slug", "use lower-case letters, digits and hyphens"
        )
    if len(text) > MAX_SLUG:
        raise FieldError(f"is {len(text)} characters long", f"keep it under {MAX_SLUG}")
    return text


def _status(value: FieldValue, rules: Rules) -> str:
    text = _required_text(value, rules).lower()
    if text not in STATUSES:
        raise FieldError(
            f"'{bounded(text)}' is not a status", did_you_mean(text, list(STATUSES), "published")
        )
    return text


def _lang(value: FieldValue, rules: Rules) -> str:
    text = _required_text(value, rules)
    try:
        Locale.parse(text.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise FieldError(f"'{bounded(text)}' is not a language code", "e.g. id or en") from None
    return text


def _correction(value: FieldValue, rules: Rules) -> Correction:
    """`date | note` on one line, or a YAML mapping with `date` and `note`."""
    if isinstance(value, dict):
        date, note = value.get("date", ""), value.get("note", "")
    elif isinstance(value, str) and "|" in value:
        date, note = (part.strip() for part in value.split("|", 1))
    else:
        raise FieldError(
            "must give a date and a note", "write 'Correction: 2026-11-18 10:00 | what was wrong'"
        )
    if not isinstance(note, str) or not note.strip():
        raise FieldError("has no note", "say what was corrected after the '|'")
    return Correction(parse_datetime(date, rules), _text(note, rules))


def _template(value: FieldValue, rules: Rules) -> str:
    """A page may choose one of the theme's page templates; nothing else can render a page."""
    text = _required_text(value, rules)
    if text not in rules.page_templates:
        raise FieldError(
            f"'{bounded(text)}' is not one of the theme's page templates",
            did_you_mean(text, sorted(rules.page_templates), "")
            or "templates: " + ", ".join(sorted(rules.page_templates)),
        )
    return text


def _set_by_the_site(value: FieldValue, rules: Rules) -> str:
    """Fields Pelican would obey from a story, which only the site's settings may decide."""
    raise FieldError(
        "is decided by the site's settings, not by a story",
        "remove it: the address comes from the Slug and ARTICLE_URL or PAGE_URL",
    )


def _live(value: FieldValue, rules: Rules) -> str:
    """`yes` while the coverage goes on, `ended` once it is over (see live.py)."""
    text = _required_text(value, rules).lower()
    if text not in LIVE_STATES:
        raise FieldError(
            f"'{bounded(text)}' is not 'yes' or 'ended'",
            "write 'Live: yes' while the coverage goes on and 'Live: ended' once it is over",
        )
    return text


def _corrections(value: FieldValue, rules: Rules) -> list[Correction]:
    entries = value if isinstance(value, list) else [value]
    return [_correction(entry, rules) for entry in entries]


@dataclass(frozen=True)
class Field:
    """How one metadata field is written, parsed and whether articles must have it."""

    label: str
    parse: Parser
    required_in_article: bool = False


FIELDS: dict[str, Field] = {
    "title": Field("Title", _title, True),
    "date": Field("Date", parse_datetime, True),
    "modified": Field("Modified", parse_datetime),
    "breaking": Field("Breaking", parse_datetime),
    "live": Field("Live", _live),
    "category": Field("Category", _category, True),
    "location": Field("Location", _location, True),
    "author": Field("Author", _names),
    "authors": Field("Authors", _names),
    "source": Field("Source", _source),
    "sourceurl": Field("SourceURL", _url),
    "tags": Field("Tags", _names),
    "summary": Field("Summary", _text),
    "image": Field("Image", _image),
    "imagealt": Field("ImageAlt", _text),
    "imagecaption": Field("ImageCaption", _text),
    "imagecredit": Field("ImageCredit", _text),
    "imagefocus": Field("ImageFocus", _focus),
    "dateline": Field("Dateline", _required_text),
    "slug": Field("Slug", _slug),
    "status": Field("Status", _status),
    "lang": Field("Lang", _lang),
    "correction": Field("Correction", _corrections),
    "corrections": Field("Corrections", _corrections),
    "related": Field("Related", _names),
    "template": Field("Template", _template),
    "save_as": Field("Save_as", _set_by_the_site),
    "url": Field("URL", _set_by_the_site),
}
# Pages (Tentang, Redaksi, ...) are not news: they need a title, and take no desk or place.
PAGE_FIELDS = frozenset(
    {"title", "date", "modified", "slug", "status", "lang", "summary", "template", "save_as", "url"}
)
# Every page is a story page: an article cannot pick another template.
ARTICLE_FIELDS = frozenset(FIELDS) - {"template"}
_REPEATABLE = frozenset({"correction"})
# Never suggested: known only to refuse them by name.
_INTERNAL = frozenset({"save_as", "url"})


@dataclass
class Validated:
    """One file's clean metadata, the line of each field, and what is wrong with it."""

    metadata: dict[str, object]
    lines: dict[str, int]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(fields: list[RawField], kind: str, path: str, rules: Rules) -> Validated:
    """Check every field of one file, then the rules that tie fields together."""
    allowed = set(ARTICLE_FIELDS) if kind == ARTICLE else set(PAGE_FIELDS)
    result = Validated({}, {}, [])

    def report(line: int, label: str, error: FieldError) -> None:
        result.problems.append(Problem(path, line, label, error.message, error.hint))

    for raw in fields:
        spec = FIELDS.get(raw.name)
        if raw.name in rules.extra_fields:
            result.metadata[raw.name] = raw.value
            result.lines[raw.name] = raw.line
            continue
        if kind == ARTICLE and raw.name == "template":
            report(
                raw.line,
                "Template",
                FieldError("cannot be chosen by a story", "remove it: stories share one template"),
            )
            continue
        if spec is None or raw.name not in allowed:
            report(raw.line, bounded(raw.name.capitalize(), 40), _unknown_field(raw.name, allowed))
            continue
        if raw.name in result.lines and raw.name not in _REPEATABLE:
            report(
                raw.line,
                spec.label,
                FieldError(f"is given twice (first on line {result.lines[raw.name]})", "keep one"),
            )
            continue
        try:
            value = spec.parse(raw.value, rules)
        except FieldError as error:
            report(raw.line, spec.label, error)
            continue
        if raw.name in _REPEATABLE and raw.name in result.metadata:
            existing = result.metadata[raw.name]
            assert isinstance(existing, list)
            assert isinstance(value, list)
            value = existing + value
        result.metadata[raw.name] = value
        result.lines.setdefault(raw.name, raw.line)

    if kind == ARTICLE:
        _check_article(result, fields, report)
    _check_address(result, report, rules)
    return result


def _check_address(
    result: Validated, report: Callable[[int, str, FieldError], None], rules: Rules
) -> None:
    """Without a Slug, the headline makes the address: it must give one, short enough to store."""
    data, lines = result.metadata, result.lines
    if "slug" in data or "title" not in data:
        return
    slug = rules.slug(str(data["title"]))
    if not slug:
        report(
            lines["title"],
            "Title",
            FieldError("has no letters or digits to make the address from", "add a Slug"),
        )
    elif len(slug) > MAX_SLUG:
        report(
            lines["title"],
            "Title",
            FieldError(f"makes an address of {len(slug)} characters", "add a shorter Slug"),
        )


def _unknown_field(name: str, allowed: set[str]) -> FieldError:
    labels = sorted(FIELDS[field].label for field in allowed if field not in _INTERNAL)
    by_name = {label.lower(): label for label in labels}
    hint = did_you_mean(name, list(by_name), "")
    for lower, label in by_name.items():
        hint = hint.replace(f"'{lower}'", f"'{label}'")
    return FieldError("is not a field Warta knows", hint or "fields: " + ", ".join(labels))


def _check_article(
    result: Validated, fields: list[RawField], report: Callable[[int, str, FieldError], None]
) -> None:
    """Required fields and the rules between fields, for news articles only."""
    data, lines = result.metadata, result.lines
    given = {raw.name for raw in fields}
    header_end = max((raw.line for raw in fields), default=1)
    for name, spec in FIELDS.items():
        if spec.required_in_article and name not in given:
            report(header_end, spec.label, FieldError("is missing", f"add '{spec.label}: ...'"))
    if "author" not in given and "authors" not in given:
        report(header_end, "Author", FieldError("is missing", "add 'Author: Name' for the byline"))
    if "author" in data and "authors" in data:
        report(lines["authors"], "Authors", FieldError("and Author are both given", "keep one"))
    for name in ("author", "authors"):
        if name in data and not data[name]:
            report(lines[name], FIELDS[name].label, FieldError("is empty", "name the writer"))
    if "image" in data and not data.get("imagealt"):
        report(
            lines.get("imagealt", lines["image"]),
            "ImageAlt",
            FieldError("is required with an image", "describe the photo for blind readers"),
        )
    if "sourceurl" in data and "source" not in data:
        report(lines["sourceurl"], "SourceURL", FieldError("has no Source", "add 'Source: Name'"))
    published, modified = data.get("date"), data.get("modified")
    if isinstance(published, datetime) and isinstance(modified, datetime) and modified < published:
        report(
            lines["modified"],
            "Modified",
            FieldError("is earlier than Date", "an update comes after publication"),
        )
    breaking = data.get("breaking")
    if isinstance(published, datetime) and isinstance(breaking, datetime) and breaking <= published:
        report(
            lines["breaking"],
            "Breaking",
            FieldError(
                "is not later than Date",
                "give the time the banner comes down, after the story is published",
            ),
        )
