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

from warta.messages import Hint, Text, alternatives, t
from warta.problems import Problem, bounded

from .catalog import Catalog, closest, did_you_mean
from .header import FieldValue, RawField
from .live import LIVE_STATES
from .moments import MomentError, parse_moment
from .old_addresses import AddressError, OldAddress, read_old_address
from .places import PlaceIndex

ARTICLE = "article"
PAGE = "page"

STATUSES = ("published", "draft", "hidden")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Control characters have no place in a header: a NUL or a line break would reach file names,
# feeds and HTML attributes. A tab is only white space. U+FFFE and U+FFFF are not characters,
# and XML 1.0 forbids them as it forbids the C0 controls: one in a headline or a tag would make
# every feed and sitemap that carries it unreadable. Written with \u escapes, the class reads the
# same in JavaScript, where the editor refuses them before saving.
_CONTROL_RANGES = (
    ("\x00", "\x08"),
    ("\x0a", "\x1f"),
    ("\x7f", "\x9f"),
    ("\u2028", "\u2029"),
    ("\ufffe", "\uffff"),
)
CONTROL_CLASS = (
    "[" + "".join(f"\\u{ord(low):04x}-\\u{ord(high):04x}" for low, high in _CONTROL_RANGES) + "]"
)
# Lone surrogates too, which only Python's strings can hold (a JavaScript pattern without the u
# flag would take them for halves of every emoji, so the editor's class leaves them out).
_CONTROL = re.compile(CONTROL_CLASS[:-1] + "\ud800-\udfff]")
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
    # The catalog's places as people name them (made from the catalog; not in the digest).
    places: PlaceIndex | None = None
    # The body `warta new` starts a story with, in every language the site has (starter.py).
    placeholders: frozenset[str] = frozenset()

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
            t("'{name}' has no letters or digits to make its address from", name=bounded(name)),
            t("write the name in words"),
        )
    if len(slug) > MAX_SLUG:
        raise FieldError(
            t(
                "'{name}' makes an address of {length} characters",
                name=bounded(name),
                length=len(slug),
            ),
            t(
                "shorten it: an address may have {limit} (letters outside the Latin alphabet are "
                "spelt out in Latin ones)",
                limit=MAX_SLUG,
            ),
        )
    return slug


class FieldError(ValueError):
    """A field's value is wrong; carries the hint shown after the message."""

    def __init__(self, message: Text, hint: Hint = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.hint = hint


Parser = Callable[[FieldValue, Rules], object]


def _text(value: FieldValue, rules: Rules, limit: int = MAX_TEXT) -> str:
    return one_line_text(value, limit)


def one_line_text(value: FieldValue, limit: int = MAX_TEXT) -> str:
    """A header or data-file value checked as one line of text, stripped: no list or mapping,
    no control character, not too long. Not an HTML-to-text helper: markup in it is kept, to be
    escaped where it is printed."""
    if not isinstance(value, str):
        raise FieldError(t("must be text, not a list or a mapping"), t("write it on one line"))
    control = _CONTROL.search(value)
    if control:
        character = control.group(0)
        code = f"U+{ord(character):04X}"
        message = (
            t("contains a control character ({code})", code=code)
            if character < "\ud800"
            else t("contains a code that is not a character ({code})", code=code)
        )
        raise FieldError(message, t("retype the value; it may be pasted"))
    text = value.strip()
    if len(text) > limit:
        raise FieldError(
            t("is {length:,} characters long", length=len(text)),
            t("keep it under {limit:,} characters", limit=limit),
        )
    return text


def _required_text(value: FieldValue, rules: Rules | None) -> str:
    text = one_line_text(value, MAX_NAME * 2)
    if not text:
        raise FieldError(t("is empty"), t("write a value after the colon"))
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
        raise FieldError(t("must be a comma-separated list"), t("e.g. 'banjir, bpbd'"))
    names: list[str] = []
    slugs: set[str] = set()
    for item in (item.strip() for item in items):
        if not item:
            continue
        if len(item) > MAX_NAME:
            raise FieldError(
                t("'{item}' is {length} characters long", item=bounded(item), length=len(item)),
                t("keep each name under {limit} characters", limit=MAX_NAME),
            )
        slug = address_slug(item, rules.slug_substitutions)
        if slug not in slugs:
            slugs.add(slug)
            names.append(item)
    return names


def _title(value: FieldValue, rules: Rules) -> str:
    text = _text(value, rules, MAX_TITLE)
    if not text:
        raise FieldError(t("is empty"), t("write a value after the colon"))
    return text


def parse_datetime(value: FieldValue, rules: Rules) -> datetime:
    """A moment as a reporter writes it (moments.py): ISO 8601 or the Indonesian `14.45`, time
    optional, in the site time zone unless it gives an offset or WIB, WITA, WIT."""
    text = _required_text(value, rules)
    try:
        return parse_moment(text, rules.timezone)
    except MomentError as error:
        raise FieldError(error.message, error.hint) from None


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
        t("'{text}' is not one of the desks", text=bounded(text)),
        did_you_mean(
            text, list(rules.categories), t("desks: {desks}", desks=", ".join(rules.categories))
        ),
    )


def _location(value: FieldValue, rules: Rules) -> object:
    """A known place, by its full name or as people write it ('Banjarmasin', 'Martapura': the
    place resolver, places.py); the full name is what the story carries."""
    text = _required_text(value, rules)
    found = (rules.places or PlaceIndex.of(rules.catalog.locations.values())).find(text)
    if found.place is not None:
        return found.place
    if found.candidates:
        names = [place.name for place in found.candidates]
        raise FieldError(
            t(
                "'{text}' could be {places}",
                text=bounded(text),
                places=alternatives([f"'{name}'" for name in names]),
            ),
            t("write the place's full name"),
        )
    raise FieldError(
        t("'{text}' is not a known place", text=bounded(text)),
        did_you_mean(
            text,
            [known.name for known in rules.catalog.locations.values()],
            t("add it to the locations data file"),
        ),
    )


def _url(value: FieldValue, rules: Rules) -> str:
    return web_address(value)


def web_address(value: FieldValue) -> str:
    """A plain http(s) address: no other scheme (`javascript:`), and nothing that could break
    out of the attribute it is printed in."""
    text = one_line_text(value)
    if not text:
        raise FieldError(t("is empty"), t("write a value after the colon"))
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
        raise FieldError(
            t("'{text}' is not a web address", text=bounded(text)), t("start it with https://")
        )
    return text


def _image(value: FieldValue, rules: Rules) -> str:
    return content_file(value, rules.content_root)


def content_file(value: FieldValue, root: Path) -> str:
    """A path below the content folder (`root`, resolved), to a file that exists: a story's
    `Image:`, a writer's `photo:`."""
    text = _required_text(value, None).removeprefix("{static}").lstrip("/")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text):
        raise FieldError(
            t("'{text}' is a web address, not a file of the site", text=bounded(text)),
            t("save the photo under content/images/ and give its path from content/"),
        )
    if "\\" in text or any(part == ".." for part in text.split("/")):
        raise FieldError(
            t("'{text}' is outside the content folder", text=bounded(text)),
            t("put the photo in images/"),
        )
    relative = PurePosixPath(text)
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise FieldError(
            t("'{text}' is outside the content folder", text=bounded(text)),
            t("put the photo in images/"),
        )
    if not target.is_file():
        siblings = (
            [p.name for p in target.parent.iterdir() if p.is_file()]
            if target.parent.is_dir()
            else []
        )
        raise FieldError(
            t("file '{text}' does not exist", text=bounded(text)),
            did_you_mean(relative.name, siblings, t("paths are relative to the content folder")),
        )
    return relative.as_posix()


def _focus(value: FieldValue, rules: Rules) -> tuple[float, float]:
    """`x, y`: where the photo's subject is, as fractions of its width and height."""
    parts = value if isinstance(value, list) else _required_text(value, rules).split(",")
    hint = t("write two fractions from 0 to 1, left to right then top to bottom, e.g. '0.5, 0.3'")
    written = ", ".join(str(part).strip() for part in parts)
    try:
        x, y = (float(str(part).strip()) for part in parts)
    except ValueError:
        raise FieldError(t("'{written}' is not two fractions", written=written), hint) from None
    if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        raise FieldError(t("'{written}' is outside 0 to 1", written=written), hint)
    return x, y


def _slug(value: FieldValue, rules: Rules) -> str:
    return slug_text(value)


def slug_text(value: FieldValue) -> str:
    """A slug as written: lower-case letters, digits and single hyphens, and short enough."""
    text = _required_text(value, None)
    if not _SLUG.match(text):
        raise FieldError(
            t("'{text}' is not a slug", text=bounded(text)),
            t("use lower-case letters, digits and hyphens"),
        )
    if len(text) > MAX_SLUG:
        raise FieldError(
            t("is {length} characters long", length=len(text)),
            t("keep it under {limit}", limit=MAX_SLUG),
        )
    return text


def _status(value: FieldValue, rules: Rules) -> str:
    text = _required_text(value, rules).lower()
    if text not in STATUSES:
        raise FieldError(
            t("'{text}' is not a status", text=bounded(text)),
            did_you_mean(
                text,
                list(STATUSES),
                t("use {statuses}", statuses=alternatives([f"'{s}'" for s in STATUSES])),
            ),
        )
    return text


def _lang(value: FieldValue, rules: Rules) -> str:
    text = _required_text(value, rules)
    try:
        Locale.parse(text.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise FieldError(
            t("'{text}' is not a language code", text=bounded(text)), t("e.g. id or en")
        ) from None
    return text


def _correction(value: FieldValue, rules: Rules) -> Correction:
    """`date | note` on one line, or a YAML mapping with `date` and `note`."""
    if isinstance(value, dict):
        date, note = value.get("date", ""), value.get("note", "")
    elif isinstance(value, str) and "|" in value:
        date, note = (part.strip() for part in value.split("|", 1))
    else:
        raise FieldError(
            t("must give a date and a note"),
            t("write 'Correction: 2026-11-18 10:00 | what was wrong'"),
        )
    if not isinstance(note, str) or not note.strip():
        raise FieldError(t("has no note"), t("say what was corrected after the '|'"))
    return Correction(parse_datetime(date, rules), _text(note, rules))


def _template(value: FieldValue, rules: Rules) -> str:
    """A page may choose one of the theme's page templates; nothing else can render a page."""
    text = _required_text(value, rules)
    if text not in rules.page_templates:
        raise FieldError(
            t("'{text}' is not one of the theme's page templates", text=bounded(text)),
            did_you_mean(
                text,
                sorted(rules.page_templates),
                t("templates: {names}", names=", ".join(sorted(rules.page_templates))),
            ),
        )
    return text


def _set_by_the_site(value: FieldValue, rules: Rules) -> str:
    """Fields Pelican would obey from a story, which only the site's settings may decide."""
    raise FieldError(
        t("is decided by the site's settings, not by a story"),
        t("remove it: the address comes from the Slug and ARTICLE_URL or PAGE_URL"),
    )


def _live(value: FieldValue, rules: Rules) -> str:
    """`yes` while the coverage goes on, `ended` once it is over (see live.py)."""
    text = _required_text(value, rules).lower()
    if text not in LIVE_STATES:
        raise FieldError(
            t("'{text}' is not 'yes' or 'ended'", text=bounded(text)),
            t("write 'Live: yes' while the coverage goes on and 'Live: ended' once it is over"),
        )
    return text


def _corrections(value: FieldValue, rules: Rules) -> list[Correction]:
    entries = value if isinstance(value, list) else [value]
    return [_correction(entry, rules) for entry in entries]


def _aliases(value: FieldValue, rules: Rules) -> list[OldAddress]:
    """Old addresses of the story (a YAML list, or separated by commas or spaces), each of
    which will lead to wherever the story is now."""
    if isinstance(value, str):
        items = re.split(r"[\s,]+", _text(value, rules))
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = [_text(str(item), rules) for item in value]
    else:
        raise FieldError(
            t("must be a list of addresses"), t("e.g. 'Aliases: /2023/10/18/banjir/, /?p=123'")
        )
    found: dict[str, OldAddress] = {}
    for item in items:
        if not item:
            continue
        try:
            address = read_old_address(item)
        except AddressError as error:
            raise FieldError(error.message, error.hint) from None
        found.setdefault(address.key, address)
    if not found:
        raise FieldError(t("is empty"), t("write the old addresses after the colon"))
    return list(found.values())


@dataclass(frozen=True)
class Kind:
    """What sort of value a field takes, whatever the field: what an editor's form offers for
    it, how a story file writes it (`starter.story_text`), and the most characters one value
    may have (0 when the value is not free text). `needed` is True when the parser refuses an
    empty value."""

    form: str
    limit: int = 0
    needed: bool = False


# Each parser's kind: a field added with one of these parsers is written and edited like the
# fields that share it. Any other parser is taken as one line of text.
TEXT = Kind("text", MAX_TEXT)
KINDS: dict[Parser, Kind] = {
    _title: Kind("headline", MAX_TITLE, True),
    parse_datetime: Kind("moment", MAX_NAME * 2, True),
    _live: Kind("live", needed=True),
    _category: Kind("desk", needed=True),
    _location: Kind("place", needed=True),
    _names: Kind("names", MAX_NAME),
    _required_text: Kind("text", MAX_NAME * 2, True),
    # A source's name makes its listing's address: longer than an address may be, it is refused.
    _source: Kind("text", MAX_SLUG, True),
    _url: Kind("web", MAX_TEXT, True),
    _text: TEXT,
    _image: Kind("photo", MAX_NAME * 2, True),
    _focus: Kind("focus", needed=True),
    _slug: Kind("slug", MAX_SLUG, True),
    _status: Kind("status", needed=True),
    _lang: Kind("lang", needed=True),
    _corrections: Kind("corrections", MAX_TEXT),
    _aliases: Kind("aliases", MAX_TEXT),
    _template: Kind("template", needed=True),
    _set_by_the_site: Kind("internal"),
}
SLUG_PATTERN = _SLUG.pattern


@dataclass(frozen=True)
class Field:
    """How one metadata field is written, parsed and whether articles must have it."""

    label: str
    parse: Parser
    required_in_article: bool = False

    @property
    def kind(self) -> Kind:
        return KINDS.get(self.parse, TEXT)


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
    "aliases": Field("Aliases", _aliases),
    "template": Field("Template", _template),
    "save_as": Field("Save_as", _set_by_the_site),
    "url": Field("URL", _set_by_the_site),
}
# The names an Indonesian newsroom writes for a field, in lower case, and the field each is: a
# reporter who writes `Lokasi:` means Location, and is answered in the name they wrote.
FIELD_ALIASES = {
    "judul": "title",
    "tanggal": "date",
    "terbit": "date",
    "diperbarui": "modified",
    "pembaruan": "modified",
    "terkini": "breaking",
    "langsung": "live",
    "kategori": "category",
    "rubrik": "category",
    "lokasi": "location",
    "tempat": "location",
    "penulis": "authors",
    "wartawan": "authors",
    "sumber": "source",
    "urlsumber": "sourceurl",
    "tautansumber": "sourceurl",
    "tag": "tags",
    "label": "tags",
    "ringkasan": "summary",
    "foto": "image",
    "gambar": "image",
    "altfoto": "imagealt",
    "keteranganfoto": "imagecaption",
    "kreditfoto": "imagecredit",
    "fokusfoto": "imagefocus",
    "bahasa": "lang",
    "ralat": "correction",
    "koreksi": "correction",
    "terkait": "related",
    "alamatlama": "aliases",
    "templat": "template",
}
# Fields a story must give whenever it gives another: alt text with a photo, the source with
# its address (with the hint the build gives). The editor refuses to save without them too.
NEEDED_WITH = {
    "imagealt": ("image", t("describe the photo for blind readers")),
    "source": ("sourceurl", t("name the outlet the story comes from")),
}
# Pages (Tentang, Redaksi, ...) are not news: they need a title, and take no desk or place.
PAGE_FIELDS = frozenset(
    {
        "title",
        "date",
        "modified",
        "slug",
        "status",
        "lang",
        "summary",
        "template",
        "aliases",
        "save_as",
        "url",
    }
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
    # A field written by its Indonesian name is named so in every message about it.
    written = {
        FIELD_ALIASES[raw.name]: raw.name.capitalize()
        for raw in fields
        if raw.name in FIELD_ALIASES
    }
    fields = [
        RawField(FIELD_ALIASES.get(raw.name, raw.name), raw.value, raw.line) for raw in fields
    ]

    def report(line: int, label: str, error: FieldError) -> None:
        shown = written.get(label.lower(), label)
        result.problems.append(Problem(path, line, shown, error.message, error.hint))

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
                FieldError(
                    t("cannot be chosen by a story"), t("remove it: stories share one template")
                ),
            )
            continue
        if spec is None or raw.name not in allowed:
            report(raw.line, bounded(raw.name.capitalize(), 40), _unknown_field(raw.name, allowed))
            continue
        if raw.name in result.lines and raw.name not in _REPEATABLE:
            report(
                raw.line,
                spec.label,
                FieldError(
                    t("is given twice (first on line {line})", line=result.lines[raw.name]),
                    t("keep one"),
                ),
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
    _check_address(result, report, rules, path)
    return result


def _check_address(
    result: Validated, report: Callable[[int, str, FieldError], None], rules: Rules, path: str
) -> None:
    """Without a Slug, the file's name makes the address (never the headline, so a headline
    edit never moves a story): it must give one, short enough to store."""
    if "slug" in result.metadata:
        return
    name = PurePosixPath(path.replace("\\", "/")).name
    slug = file_slug(path, rules)
    if not slug:
        report(
            1,
            "Slug",
            FieldError(
                t(
                    "the file name '{name}' has no letters or digits for an address",
                    name=bounded(name),
                ),
                t("name the file after the story, e.g. banjir-martapura.md, or add a Slug"),
            ),
        )
    elif len(slug) > MAX_SLUG:
        report(
            1,
            "Slug",
            FieldError(
                t(
                    "the file name '{name}' makes an address of {length} characters",
                    name=bounded(name),
                    length=len(slug),
                ),
                t(
                    "shorten the file name, or add a Slug under {limit} characters",
                    limit=MAX_SLUG,
                ),
            ),
        )


def file_slug(path: str, rules: Rules) -> str:
    """The slug a story's file name gives: `banjir-martapura.md` is at `.../banjir-martapura/`."""
    return rules.slug(PurePosixPath(path.replace("\\", "/")).stem)


def _unknown_field(name: str, allowed: set[str]) -> FieldError:
    labels = sorted(FIELDS[field].label for field in allowed if field not in _INTERNAL)
    by_name = {label.lower(): label for label in labels}
    # Indonesian names are suggested too: 'Lokasii' is nearer 'Lokasi' than 'Location'.
    by_name.update(
        {alias: alias.capitalize() for alias, field in FIELD_ALIASES.items() if field in allowed}
    )
    # Suggested as they are written in a header ('Location'), not as they are looked up.
    matches = [by_name[match] for match in closest(name, list(by_name))]
    hint = (
        t("did you mean {choices}?", choices=alternatives([f"'{label}'" for label in matches]))
        if matches
        else t("fields: {names}", names=", ".join(labels))
    )
    return FieldError(t("is not a field Warta knows"), hint)


def _check_article(
    result: Validated, fields: list[RawField], report: Callable[[int, str, FieldError], None]
) -> None:
    """Required fields and the rules between fields, for news articles only."""
    data, lines = result.metadata, result.lines
    given = {raw.name for raw in fields}
    header_end = max((raw.line for raw in fields), default=1)
    for name, spec in FIELDS.items():
        if spec.required_in_article and name not in given:
            report(
                header_end,
                spec.label,
                FieldError(t("is missing"), t("add '{label}: ...'", label=spec.label)),
            )
    if "author" not in given and "authors" not in given:
        report(
            header_end,
            "Author",
            FieldError(t("is missing"), t("add 'Author: Name' for the byline")),
        )
    if "author" in data and "authors" in data:
        report(
            lines["authors"], "Authors", FieldError(t("and Author are both given"), t("keep one"))
        )
    for name in ("author", "authors"):
        if name in data and not data[name]:
            report(lines[name], FIELDS[name].label, FieldError(t("is empty"), t("name the writer")))
    for needed, (needing, hint) in NEEDED_WITH.items():
        if needing in data and not data.get(needed):
            report(
                lines.get(needed, lines[needing]),
                FIELDS[needed].label,
                FieldError(t("is required with {field}", field=FIELDS[needing].label), hint),
            )
    published, modified = data.get("date"), data.get("modified")
    if isinstance(published, datetime) and isinstance(modified, datetime) and modified < published:
        report(
            lines["modified"],
            "Modified",
            FieldError(t("is earlier than Date"), t("an update comes after publication")),
        )
    breaking = data.get("breaking")
    if isinstance(published, datetime) and isinstance(breaking, datetime) and breaking <= published:
        report(
            lines["breaking"],
            "Breaking",
            FieldError(
                t("is not later than Date"),
                t("give the time the banner comes down, after the story is published"),
            ),
        )
