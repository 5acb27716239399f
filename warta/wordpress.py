"""Turn a WordPress WXR export into Warta articles and pages, reporting what was not mapped."""

from __future__ import annotations

import codecs
import hashlib
import html
import json
import re
import secrets
from collections.abc import Callable
from collections.abc import Mapping as Lookup
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from html.entities import html5 as html5_entities
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString
from lxml import etree
from markdownify import ATX, MarkdownConverter
from newsroom_model import gallery as galleries
from newsroom_model.catalog import Catalog, Location
from pelican.utils import slugify

from warta.embeds import recognise

# WordPress desk names that differ from Warta's, matched without regard to case; the site's
# WARTA_WORDPRESS_DESKS is merged over these.
DEFAULT_DESKS: dict[str, str] = {
    "Berita Daerah": "Daerah",
    "Regional": "Daerah",
    "Pemerintahan": "Politik",
    "Kriminal": "Hukum",
    "Sport": "Olahraga",
}
# The category WordPress gives a post nobody filed; it says nothing about the story.
_DEFAULT_CATEGORIES = frozenset({"uncategorized", "tak-berkategori", "tidak-berkategori"})
# A place's name without these, e.g. "Banjarmasin" for "Kota Banjarmasin", still names it.
_PLACE_PREFIXES = ("Kota ", "Kabupaten ", "Kab. ", "Provinsi ")

MANIFEST_NAME = ".warta-wordpress.json"
REPORT_NAME = "wordpress-import-report.md"

# Report headings for what the import changed, refused or could not carry over.
MISSING_IMAGES = "Missing images"
UNCONVERTED = "Unconverted content"
UNSAFE_LINKS = "Unsafe links dropped"
LINKED_MEDIA = "Media left on WordPress"
REFUSED_PATHS = "Refused paths"
ODD_TEXT = "Odd text"
CLEANED_VALUES = "Cleaned header values"

_NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# What the report calls the export fields whose text had something odd in it.
_FIELD_NAMES = {
    "title": "title",
    "content:encoded": "body",
    "excerpt:encoded": "excerpt",
    "dc:creator": "author",
    "wp:meta_value": "custom field",
    "wp:author_display_name": "display name",
    "wp:author_login": "login",
}
_NO_DATE = "0000-00-00 00:00:00"
# libxml2's code for an entity used without a declaration, e.g. &nbsp; in an export with no DTD.
_UNDECLARED_ENTITY = 26
# Never loaded (the parser fetches nothing); naming it makes undeclared entities a warning.
_EXTERNAL_SUBSET = b'SYSTEM "about:legacy-compat"'
_PROLOG_SPACE = re.compile(rb"\s*+")
_PROLOG_ENDS = {b"<?": b"?>", b"<!--": b"-->"}
_DOCTYPE_NAME = re.compile(rb"<!DOCTYPE\s++[^\s\[>]++")
_EXTERNAL_ID = re.compile(rb"\s*+(?:SYSTEM|PUBLIC)\b")

# Every pattern below runs over text from the export, which may be hostile. Each is written so a
# failed match cannot backtrack: possessive quantifiers, and classes that stop at the next bracket,
# so an unclosed "[" or "<" costs one scan to the next one, and a post converts in linear time.
_SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*+)([^\[\]]*+)\]")
_OLD_CAPTION = re.compile(r'caption="([^"]*+)"')
_CAPTIONED = re.compile(
    r"\s*+(?P<media>(?:<a\b[^>]*+>\s*+)?<img\b[^>]*+>(?:\s*+</a>)?)(?P<words>.*)", re.S
)
# Shortcodes WordPress ships; any other bracketed word is one only with attributes or a closing
# tag, so editorial brackets such as "[sic]" stay in the text.
_CORE_SHORTCODES = frozenset({"gallery", "audio", "video", "playlist", "embed", "caption"})
_BARE_URL_LINE = re.compile(r"^[ \t]*+(https?://[^\s<>\"]++)[ \t]*+$", re.M)
_PARAGRAPH_BREAK = re.compile(r"(\n[^\S\n]*+\n\s*+)")
_PRE_OPEN = re.compile(r"<pre[\s>]", re.I)
_PRE_CLOSE = re.compile(r"</pre\s*+>", re.I)
_BLOCK_START = re.compile(
    r"<(?:!--|(?:p|div|h[1-6]|ul|ol|li|dl|blockquote|figure|table|pre|hr|iframe|section|details"
    r"|audio|video|form|article|aside|header|footer|nav|address)\b)",
    re.I,
)
_BLOCK_COMMENT = re.compile(r"\s*+wp:([a-z][a-z0-9_-]*+(?:/[a-z][a-z0-9_-]*+)?)")
_BACKGROUND_URL = re.compile(r"url\(\s*+['\"]?([^'\")\s]++)")
_WHITESPACE_RUN = re.compile(r"[\t \r\n]++")
# A line of spaces is blank to Markdown: it ends a paragraph, and any link or emphasis in it.
_BLANK_LINE = re.compile(r"\n *+\n")
_BACKTICKS = re.compile(r"`++")
_SHORT_NUMBER = re.compile(r"[0-9]{1,9}")
_PHP_CREDIT = re.compile(r's:6:"credit";s:\d++:"(?P<credit>[^"]*+)"')
_SHORTCODE_ATTRIBUTE = re.compile(r"""([a-z_]++)\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s"']++))""")
_ATTACHMENT_CLASS = re.compile(r"^wp-image-([0-9]{1,20})$")
_ID_LIST = re.compile(r"[0-9]{1,20}")
# A gallery stands in the converted Markdown as a paragraph of this per-process word and its
# number until its photos are copied (`finish_galleries`), so no text of a post can forge one.
_GALLERY_TOKEN = "wartagallery" + secrets.token_hex(8) + "n"
_GALLERY_SPOT = re.compile(rf"{_GALLERY_TOKEN}([0-9]++)")
# Elements a gallery block cannot stand in: it needs whole lines of the body.
_GALLERY_HOSTS = ["blockquote", "li", "td", "th", "dd", "dt", "p", "a"]

# Gutenberg blocks whose saved HTML converts to Markdown that keeps what the reader saw. Any other
# block (latest posts, archives, social links, plugin blocks, ...) is listed in the report.
_CONVERTED_BLOCKS = frozenset(
    {
        "paragraph", "heading", "list", "list-item", "quote", "pullquote", "table", "separator",
        "spacer", "code", "preformatted", "verse", "image", "gallery", "columns", "column",
        "group", "cover", "media-text", "buttons", "button", "audio", "video", "file",
        "details", "embed", "html", "freeform", "shortcode", "more", "nextpage",
        "text-columns", "subhead",
    }
)  # fmt: skip
# Elements with nothing a Markdown page can show; each kind dropped is named in the report.
_DROPPED_ELEMENTS = {
    "script": "script",
    "noscript": "script fallback",
    "style": "style sheet",
    "link": "linked style sheet",
    "meta": "meta tag",
    "base": "base address",
    "template": "template",
    "object": "embedded object",
    "embed": "embedded object",
    "applet": "applet",
    "canvas": "canvas drawing",
    "svg": "SVG drawing",
    "math": "formula (MathML)",
    "frameset": "frameset",
    "frame": "frame",
    "input": "form field",
    "select": "form field",
    "textarea": "form field",
    "button": "form button",
}

# Every character that ends a line for Python's splitlines() (so for the header parser) or that
# no header should hold: the C0 and C1 controls, U+2028 and U+2029. Tab, CR and LF are ordinary
# whitespace in an excerpt, so only the others are worth a note there.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAKS = re.compile(r"[\r\n]")
# Header fields that are one line in WordPress too, so a line break in them is worth a note.
_ONE_LINE_FIELDS = frozenset({"Title", "Author", "Tag", "ImageAlt", "ImageCredit"})
# Long enough for any real headline, byline or caption; longer is a broken or crafted export.
_LIMITS = {
    "Title": 300,
    "Author": 150,
    "Tag": 100,
    "Summary": 1000,
    "ImageAlt": 500,
    "ImageCaption": 1000,
    "ImageCredit": 200,
}
_SLUG_LENGTH = 200

# Markdown escapes for text, so Python-Markdown shows it as written and never turns it into
# markup: emphasis, code, attribute lists ({: onclick=...}), tables, and links.
_MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}|"})
# Inside link text every bracket counts: one left bare would end the link early or late.
_LINK_TEXT_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}|[]"})
# In alt text only what could end the brackets matters.
_ALT_ESCAPES = str.maketrans({char: "\\" + char for char in "\\[]"})
_BRACKET_OPEN = re.compile(r"\[(?=[\^])")
# A "!" right before "[" (here or in the next piece of text) would make a link an image.
_BANG = re.compile(r"!(?=\[|\Z)")
# A "]" right before "(", "[" or ":" (or before the end of this piece of text, where the next one
# may supply them) would close a link, image or link definition.
_BRACKET_CLOSE = re.compile(r"\](?=\s?(?:[(\[:]|\Z))")
# Python-Markdown reads "&#60" as a character reference even without its ";".
_ENTITY_LIKE = re.compile(r"&(?=#|[0-9A-Za-z]++;)")
_TAG_LIKE = re.compile(r"<(?!\s)")
# The indent may hold no-break spaces, which a later strip() can take away.
_LINE_MARK = re.compile(
    r"^([^\S\n]*+)"
    r"([>#\[-]|\+(?=[ \t]|$)|:(?=[ \t]|::)|~(?=~~)|=(?==*+[ \t]*+$)|[0-9]++[.)](?=[ \t]|$))",
    re.M,
)
# Python-Markdown has no backslash escape for these; a numeric reference shows the same character.
_UNESCAPABLE = frozenset("=:~")

# Link schemes a reader's browser can follow without running anything.
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms", "whatsapp", "tg"})
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*+:")
# Browsers ignore these inside a scheme ("java\tscript:"), so they are ignored when judging one.
_URL_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")
_IMAGE_DATA = re.compile(r"data:image/(?:png|jpe?g|gif|webp|avif|bmp)[;,]", re.I)
# Characters that would end or confuse a Markdown link address; percent-encoded, they do not.
_URL_ESCAPES = str.maketrans(
    {" ": "%20", '"': "%22", "<": "%3C", ">": "%3E", "(": "%28", ")": "%29", "\\": "%5C"}
)
# Photo files the import copies; anything else named as a photo is reported, not copied.
_PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
# markdownify drops whitespace next to these, as a browser does around a block.
_BLOCK_ELEMENTS = frozenset(
    {"p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd", "table"}
    | {"thead", "tbody", "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
)
# Where fenced code cannot start (a list item, a quote, a table cell), code is written as text.
_NESTED_BLOCKS = frozenset({"blockquote", "li", "ul", "ol", "td", "th", "dd", "dt", "_inline"})


class WxrError(ValueError):
    """The export, or one item in it, cannot be read as WordPress WXR."""


class BadDate(WxrError):
    """A post's date is not a date, so it cannot be filed under articles/YYYY/MM/."""


class PathRefused(ValueError):
    """A path taken from the export would lead out of the folder it must stay in."""


@dataclass(frozen=True)
class Term:
    """A WordPress category or tag on a post."""

    kind: str
    slug: str
    name: str


@dataclass
class Item:
    """One `<item>` of the export: a post, page, attachment or any other post type."""

    id: str
    title: str
    post_type: str
    status: str
    creator: str
    slug: str
    date: str
    date_gmt: str
    modified: str
    modified_gmt: str
    content: str
    excerpt: str
    terms: list[Term]
    meta: dict[str, str]
    attachment_url: str
    # What was odd in the item's XML (undeclared entities, markup in a text field), for the report.
    odd: list[str] = field(default_factory=list)

    @cached_property
    def label(self) -> str:
        """How the report names the item: its type, id and title."""
        kind, number = _short(header_value(self.post_type), 30), _short(header_value(self.id), 20)
        return f'WordPress {kind} {number} "{_short(header_value(plain_text(self.title)), 80)}"'


@dataclass
class Export:
    """What the import needs from a WXR file: bylines by login and every item in file order."""

    authors: dict[str, str]
    items: list[Item]
    # Odd things outside any item (in the author list), for the report.
    notes: list[Note] = field(default_factory=list)

    @cached_property
    def attachments(self) -> dict[str, Item]:
        return {item.id: item for item in self.items if item.post_type == "attachment"}

    @cached_property
    def _bylines(self) -> dict[str, str]:
        return {login.casefold(): name for login, name in self.authors.items()}

    def attachment(self, item_id: str) -> Item | None:
        return self.attachments.get(item_id)

    def byline(self, login: str) -> str | None:
        """The display name of a `dc:creator`; WordPress logins are not case-sensitive."""
        return self._bylines.get(login.casefold())


@dataclass(frozen=True)
class Note:
    """One thing the import could not map, under a report heading."""

    heading: str
    subject: str
    message: str


@dataclass(frozen=True)
class GalleryPhoto:
    """A photo of a WordPress gallery: its address, alt text, caption and credit."""

    address: str
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class ImportedGallery:
    """A WordPress gallery: its caption (the gallery's title) and its photos in order."""

    title: str
    photos: list[GalleryPhoto]


@dataclass
class Body:
    """A post's HTML as Markdown, with (heading, message) notes and every photo address in it.

    Each gallery stands in `markdown` as a token paragraph until its photos are copied.
    """

    markdown: str
    notes: list[tuple[str, str]]
    photos: list[str]
    galleries: list[ImportedGallery] = field(default_factory=list)


@dataclass
class Story:
    """An item turned into a Warta file: where it goes, its header, body, photos and notes."""

    target: PurePosixPath
    header: list[tuple[str, str]]
    body: str
    notes: list[Note] = field(default_factory=list)
    photo: tuple[PurePosixPath, PurePosixPath] | None = None
    body_photos: list[str] = field(default_factory=list)
    galleries: list[ImportedGallery] = field(default_factory=list)

    def text(self) -> str:
        # Values are cleaned when they are added; cleaning again here means no value, however it
        # got in, can end its line and start a header field of its own.
        lines = [f"{key}: {header_value(value)}" for key, value in self.header]
        return "\n".join(lines) + "\n\n" + self.body.strip() + "\n"


@dataclass(frozen=True)
class Mapping:
    """The site's rules for turning WordPress terms into desks and places."""

    catalog: Catalog
    desks: tuple[str, ...]
    desk_aliases: dict[str, str]
    timezone: ZoneInfo
    slug_substitutions: list[tuple[str, str]]

    @classmethod
    def from_settings(cls, settings: dict[str, Any], catalog: Catalog) -> Mapping:
        aliases = {**DEFAULT_DESKS, **settings.get("WARTA_WORDPRESS_DESKS", {})}
        return cls(
            catalog=catalog,
            desks=tuple(settings["WARTA_CATEGORIES"]),
            desk_aliases={name.casefold(): desk for name, desk in aliases.items()},
            timezone=ZoneInfo(settings["TIMEZONE"]),
            slug_substitutions=settings["SLUG_REGEX_SUBSTITUTIONS"],
        )

    def desk(self, name: str) -> str | None:
        """The desk a WordPress category or tag names, directly or through the mapping."""
        wanted = self.desk_aliases.get(name.casefold(), name).casefold()
        return next((desk for desk in self.desks if desk.casefold() == wanted), None)


# Reading the export


def parse_export(data: bytes) -> Export:
    """The authors and items of a WXR file; entities are not expanded and nothing is fetched.

    An export that uses HTML entities such as &nbsp; without declaring them is not well-formed
    XML. It is read as if it named an external DTD (which is never loaded), so libxml2 keeps each
    such entity as a reference; its text is kept and the report says where it was.
    """
    try:
        root = _parse_xml(data)
    except etree.XMLSyntaxError as error:
        declared = _declare_external_subset(data) if error.code == _UNDECLARED_ENTITY else None
        if declared is None:
            raise WxrError(f"not well-formed XML: {error}") from None
        try:
            root = _parse_xml(declared)
        except etree.XMLSyntaxError as again:
            raise WxrError(f"not well-formed XML: {again}") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WxrError("not a WordPress export: no <rss><channel>")
    # Exports from older WordPress declare WXR 1.0 or 1.1 addresses under the same prefixes.
    ns = {**_NS, **{prefix: uri for prefix, uri in root.nsmap.items() if prefix in _NS}}
    authors: dict[str, str] = {}
    notes: list[Note] = []
    for author in channel.findall("wp:author", ns):
        odd: list[str] = []
        login = _text(author, "wp:author_login", ns, odd)
        authors[login] = _text(author, "wp:author_display_name", ns, odd)
        subject = f"WordPress author {_short(header_value(login), 40)}"
        notes += [Note(ODD_TEXT, subject, message) for message in odd]
    return Export(authors, [_item(element, ns) for element in channel.findall("item")], notes)


def _parse_xml(data: bytes) -> Any:
    # huge_tree: a newsroom's archive holds text nodes over libxml2's 10 MB default; with
    # entities left unexpanded, size is the only cost.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(data, parser)


def _declare_external_subset(data: bytes) -> bytes | None:
    """The export with an external DTD named in its DOCTYPE, or None if that cannot be done."""
    position = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    while True:  # past the XML declaration, comments and processing instructions
        space = _PROLOG_SPACE.match(data, position)
        assert space is not None  # it matches the empty string too
        position = space.end()
        start = next(
            (opening for opening in _PROLOG_ENDS if data.startswith(opening, position)), b""
        )
        if not start:
            break
        end = data.find(_PROLOG_ENDS[start], position + len(start))
        if end < 0:
            return None
        position = end + len(_PROLOG_ENDS[start])
    if data.startswith(b"<!DOCTYPE", position):
        name = _DOCTYPE_NAME.match(data, position)
        if name is None or _EXTERNAL_ID.match(data, name.end()):
            return None
        return data[: name.end()] + b" " + _EXTERNAL_SUBSET + data[name.end() :]
    if not data.startswith(b"<", position):
        return None
    return data[:position] + b"<!DOCTYPE rss " + _EXTERNAL_SUBSET + b">" + data[position:]


def _text(element: Any, path: str, ns: dict[str, str], odd: list[str]) -> str:
    """All the text of a child element, entity references and nested elements included.

    `.text` alone stops at the first child node, which cut titles short at an `&nbsp;`.
    """
    found = element.find(path, ns)
    if found is None:
        return ""
    if len(found):
        odd += _odd_nodes(found, _FIELD_NAMES.get(path, path))
    return "".join(found.itertext()).strip()


def _odd_nodes(element: Any, name: str) -> list[str]:
    """What in a text field is not plain text: entity references and elements, each named once."""
    entities: dict[str, None] = {}
    elements: dict[str, None] = {}
    for node in element.iterdescendants():
        if isinstance(node, etree._Entity):
            entities.setdefault(_short(str(node.name), 40))
        elif isinstance(node.tag, str):
            elements.setdefault(_short(etree.QName(node).localname, 40))
    messages = [
        f"{name}: &{entity}; is not declared in the XML; read as HTML"
        if f"{entity};" in html5_entities
        else f"{name}: &{entity}; is no entity HTML knows; kept as text"
        for entity in list(entities)[:10]
    ]
    if len(entities) > 10:
        messages.append(f"{name}: {len(entities) - 10} more undeclared entities")
    if elements:
        tags = ", ".join(f"<{tag}>" for tag in list(elements)[:10])
        messages.append(f"{name}: XML elements {tags} inside it; their text kept")
    return messages


def _item(element: Any, ns: dict[str, str]) -> Item:
    odd: list[str] = []
    meta = {
        _text(entry, "wp:meta_key", ns, odd): _text(entry, "wp:meta_value", ns, odd)
        for entry in element.findall("wp:postmeta", ns)
    }
    terms = [
        Term(term.get("domain", ""), term.get("nicename", ""), "".join(term.itertext()).strip())
        for term in element.findall("category")
    ]
    return Item(
        id=_text(element, "wp:post_id", ns, odd),
        title=_text(element, "title", ns, odd),
        post_type=_text(element, "wp:post_type", ns, odd),
        status=_text(element, "wp:status", ns, odd),
        creator=_text(element, "dc:creator", ns, odd),
        slug=_text(element, "wp:post_name", ns, odd),
        date=_text(element, "wp:post_date", ns, odd),
        date_gmt=_text(element, "wp:post_date_gmt", ns, odd),
        modified=_text(element, "wp:post_modified", ns, odd),
        modified_gmt=_text(element, "wp:post_modified_gmt", ns, odd),
        content=_text(element, "content:encoded", ns, odd),
        excerpt=_text(element, "excerpt:encoded", ns, odd),
        terms=terms,
        meta=meta,
        attachment_url=_text(element, "wp:attachment_url", ns, odd),
        odd=odd,
    )


# Pure transforms of one item


def local_time(local: str, gmt: str, zone: ZoneInfo) -> datetime | None:
    """A WordPress time in the site zone: from the GMT column when readable, else the local one.

    None when WordPress has neither; BadDate, naming the value, when what it has is not a date.
    """
    unreadable = ""
    for text, universal in ((gmt, True), (local, False)):
        if not text or text == _NO_DATE:
            continue
        try:
            moment = datetime.fromisoformat(text)
            if universal or moment.tzinfo is not None:
                moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone)
            return moment.replace(tzinfo=None)
        except (ValueError, OverflowError):
            unreadable = unreadable or text
    if unreadable:
        raise BadDate(f"its date '{_short(header_value(unreadable), 40)}' is not a date")
    return None


def _format_time(moment: datetime) -> str:
    # isoformat, not strftime: strftime writes the year 5 as "5", which no reader takes for a date.
    return moment.isoformat(" ", "minutes" if moment.second == 0 else "seconds")


def find_place(name: str, catalog: Catalog) -> tuple[Location | None, list[Location]]:
    """The place a term names, or None with the places it could mean when it is ambiguous.

    Tried in order, stopping at the first that matches anything: the full name, the name without
    its "Kota"/"Kabupaten" prefix, then the dateline town of a place with nothing below it (so
    "Martapura" is Kabupaten Banjar, and "Jakarta" is not the whole country).
    """
    places = list(catalog.locations.values())
    parents = {id(place.parent) for place in places if place.parent is not None}
    wanted = name.strip().casefold()

    def short(place: Location) -> str:
        for prefix in _PLACE_PREFIXES:
            if place.name.casefold().startswith(prefix.casefold()):
                return place.name[len(prefix) :]
        return place.name

    tiers = (
        [place for place in places if place.name.casefold() == wanted],
        [place for place in places if short(place).casefold() == wanted],
        [
            place
            for place in places
            if id(place) not in parents and place.dateline.casefold() == wanted
        ],
    )
    for matches in tiers:
        if len(matches) == 1:
            return matches[0], []
        if matches:
            return None, matches
    return None, []


def plain_text(text: str) -> str:
    """The text of a WordPress field that may hold HTML: tags removed, entities decoded once."""
    if "<" in text:
        # lxml, not Python's html.parser, which takes quadratic time on an unclosed "<a " or "<!--".
        return BeautifulSoup(text, "lxml").get_text(" ")
    return html.unescape(text)


def header_value(text: str) -> str:
    """Text as one header line: no line breaks or control characters, whitespace collapsed."""
    return " ".join(_UNPRINTABLE.sub(" ", text).split())


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clean(text: str, what: str, label: str, notes: list[Note], *, name: bool = False) -> str:
    """Plain `text` as the value of header field `what`, noting anything that had to change.

    Control characters and line breaks would start a header field of their own; in a name (a byline
    or tag) a comma would make two; and past a sensible length the value is a broken export.
    """
    value = header_value(text)
    changes = []
    if _CONTROL_CHARACTERS.search(text) or (what in _ONE_LINE_FIELDS and _LINE_BREAKS.search(text)):
        changes.append("line breaks or control characters removed")
    if name and "," in value:
        value = header_value(value.replace(",", " "))
        changes.append("commas, which separate names, replaced by spaces")
    limit = _LIMITS.get(what, 300)
    if len(value) > limit:
        changes.append(f"{len(value)} characters cut to {limit}")
        value = _short(value, limit)
    if changes:
        notes.append(
            Note(CLEANED_VALUES, label, f"{what} '{_short(value, 60)}': {'; '.join(changes)}")
        )
    return value


def escape_markdown(text: str, *, in_link: bool = False) -> str:
    """Text that Python-Markdown (with the site's extensions) shows as written, never as markup.

    Backslash escapes where Markdown has them; `&lt;` for a "<" that could open a tag, comment or
    autolink; `&amp;` for an "&" that would read as an entity; and, at the start of a line, every
    character that could begin a quote, heading, list, definition, fence or link definition.
    """
    if in_link:
        text = text.translate(_LINK_TEXT_ESCAPES)
    else:
        text = text.translate(_MARKDOWN_ESCAPES)
        text = _BRACKET_OPEN.sub(r"\\[", text)
        text = _BRACKET_CLOSE.sub(r"\\]", text)
    text = _BANG.sub(r"\\!", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = _TAG_LIKE.sub("&lt;", text)
    return _LINE_MARK.sub(_escape_line_mark, text)


def _escape_line_mark(match: re.Match[str]) -> str:
    indent, mark = match[1], match[2]
    if mark[-1] in ".)":
        return f"{indent}{mark[:-1]}\\{mark[-1]}"
    if mark in _UNESCAPABLE:
        return f"{indent}&#{ord(mark)};"
    return f"{indent}\\{mark}"


def autop(text: str) -> str:
    """Paragraphs for classic-editor posts, which WordPress stores as text with blank lines.

    As in WordPress's wpautop, a `<pre>` keeps its blank lines: its text is never split.
    """
    pieces = _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n"))
    blocks: list[str] = []
    current: list[str] = []
    open_pre = 0
    # re.split with a group alternates text and the blank lines between.
    for index, piece in enumerate(pieces):
        if index % 2 and open_pre <= 0:
            blocks.append("".join(current).strip())
            current = []
            continue
        current.append(piece)
        if not index % 2:
            opened = len(_PRE_OPEN.findall(piece)) - len(_PRE_CLOSE.findall(piece))
            open_pre = max(0, open_pre + opened)
    blocks.append("".join(current).strip())
    return "\n".join(
        block if _BLOCK_START.match(block) else f"<p>{block}</p>" for block in blocks if block
    )


def _video_link(url: str) -> str | None:
    """The post a video player, an embed or a link shows, as its own address; None for other
    addresses. A player's address may leave out the scheme ("//www.youtube.com/embed/...")."""
    embed = recognise(f"https:{url.strip()}" if url.strip().startswith("//") else url)
    return embed.link if embed is not None else None


# The blockquotes X, Instagram and TikTok give for a post (their script makes it a player).
_SOCIAL_QUOTES = frozenset({"twitter-tweet", "instagram-media", "tiktok-embed"})
_X_FRAME = re.compile(r"/embed/Tweet\.html$")


def _frame_link(source: str) -> str | None:
    """The video or post an embedded player shows, as the link a story makes a card of."""
    if link := _video_link(source):
        return link
    try:
        parts = urlsplit(source.strip())
    except ValueError:
        return None
    host, query = (parts.hostname or "").lower(), parse_qs(parts.query)
    if host.endswith("facebook.com") and parts.path in ("/plugins/post.php", "/plugins/video.php"):
        return _video_link(query.get("href", [""])[0])
    if host == "platform.twitter.com" and _X_FRAME.search(parts.path):
        return _video_link(f"https://x.com/i/status/{query.get('id', [''])[0]}")
    return None


def _social_post(element: Tag) -> str | None:
    """The post a social network's embed blockquote (or Facebook's div) stands for."""
    candidates = [element.get("cite"), element.get("data-instgrm-permalink")]
    candidates += [element.get("data-href")]
    candidates += [link.get("href") for link in reversed(element.find_all("a"))]
    for candidate in candidates:
        if isinstance(candidate, str) and (embed := recognise(candidate)) is not None:
            return embed.link
    return None


def _link_paragraph(url: str) -> str:
    link = html.escape(_video_link(url) or url, quote=True)
    return f'<p><a href="{link}">{link}</a></p>'


def _paired(text: str, name: str, render: Callable[[str, str], str]) -> str:
    """`[name attributes]inner[/name]` replaced by render(attributes, inner), in one pass.

    A closing tag pairs with the nearest opening before it; an opening never closed stays as
    written, for the shortcode pass to report.
    """
    pieces: list[str] = []
    position = 0
    opening: re.Match[str] | None = None
    for token in _SHORTCODE.finditer(text):
        if token[2] != name:
            continue
        if not token[1]:
            opening = token
        elif opening is not None:
            pieces += [
                text[position : opening.start()],
                render(opening[3], text[opening.end() : token.start()]),
            ]
            position, opening = token.end(), None
    pieces.append(text[position:])
    return "".join(pieces)


def _caption_figure(attributes: str, inner: str) -> str:
    parts = _CAPTIONED.match(inner)
    media, words = (parts["media"], parts["words"]) if parts else ("", inner)
    # WordPress before 3.4 kept the caption in an attribute instead of after the photo.
    if not words.strip() and (old := _OLD_CAPTION.search(attributes)):
        words = old[1]
    return f"<figure>{media}<figcaption>{words.strip()}</figcaption></figure>"


def _credit_of(attachment: Item) -> str:
    """The photo credit a plugin keeps for an attachment (Media Credit, or in its metadata)."""
    credit = attachment.meta.get("_media_credit", "")
    found = _PHP_CREDIT.search(attachment.meta.get("_wp_attachment_metadata", ""))
    return plain_text(credit or (found["credit"] if found else ""))


def _gallery_figure(
    attributes: str, attachments: Lookup[str, Item], left_out: Callable[[str], None]
) -> str:
    """`[gallery ids="..."]` as the HTML of a Gutenberg gallery block, which the Markdown writer
    turns into a gallery: each attachment's file, alt text and caption, in the order written
    (`orderby`, `columns`, `size`, `link` change only how WordPress laid it out)."""
    values = {
        match[1].lower(): next(value for value in match.groups()[1:] if value is not None)
        for match in _SHORTCODE_ATTRIBUTE.finditer(attributes)
    }
    ids = _ID_LIST.findall(values.get("ids") or values.get("include") or "")
    if not ids:
        left_out("[gallery] shortcode without ids (the post's own attachments) not converted")
        return ""
    figures = []
    for number in ids:
        attachment = attachments.get(number)
        if attachment is None or attachment.post_type != "attachment":
            left_out(f"[gallery] photo {number} is not an attachment in the export; left out")
            continue
        caption = html.escape(header_value(plain_text(attachment.excerpt)))
        alt = header_value(plain_text(attachment.meta.get("_wp_attachment_image_alt", "")))
        figures.append(
            f'<figure class="wp-block-image"><img src="{html.escape(attachment.attachment_url)}" '
            f'alt="{html.escape(alt)}" class="wp-image-{number}">'
            + (f"<figcaption>{caption}</figcaption>" if caption else "")
            + "</figure>"
        )
    if not figures:
        return ""
    return f'\n\n<figure class="wp-block-gallery">{"".join(figures)}</figure>\n\n'


def _expand_shortcodes(
    content: str, left_out: Callable[[str], None], attachments: Lookup[str, Item]
) -> str:
    """Captions as figures, embeds as links and galleries as gallery blocks; other shortcodes
    removed and reported."""
    text = _paired(content, "caption", _caption_figure)
    text = _paired(text, "embed", lambda _, url: f"\n\n{_link_paragraph(url.strip())}\n\n")
    opened: set[str] = set()
    closed: set[str] = set()
    for token in _SHORTCODE.finditer(text):
        if not token[1]:
            opened.add(token[2])
        elif not token[3].strip():
            closed.add(token[2])
    known = _CORE_SHORTCODES | closed

    def shortcode(match: re.Match[str]) -> str:
        name = match[2]
        if match[1]:  # a closing tag goes with its opening one; anything else is text
            return "" if name in opened and name in closed and not match[3].strip() else match[0]
        if name not in known and "=" not in match[3]:
            return match[0]
        if name == "gallery":
            return _gallery_figure(match[3], attachments, left_out)
        left_out(f"[{_short(name, 40)}] shortcode left out")
        return ""

    return _SHORTCODE.sub(shortcode, text)


def convert_body(content: str, attachments: Lookup[str, Item] | None = None) -> Body:
    """Markdown for a post's HTML, what in it was left out or dropped, and its photo addresses.

    Captioned photos become a photo and an italic caption; embeds and video players become a
    plain link line, so the page loads no third-party script. Text stays text: what WordPress
    showed as "<script>" is escaped so Markdown shows it too, and links that could run code are
    dropped. The tree is read once and converted once, never edited node by node (Beautiful
    Soup finds a node among its siblings by scanning them), so the work is linear in the post.
    """
    attachments = attachments or {}
    writer = _MarkdownWriter(attachments)
    text = _expand_shortcodes(content, writer.left_out, attachments)
    text = _BARE_URL_LINE.sub(lambda match: f"\n\n{_link_paragraph(match[1])}\n\n", text)
    # lxml, not Python's html.parser, which takes quadratic time on an unclosed "<a " or "<!--".
    soup = BeautifulSoup(autop(text), "lxml")
    writer.survey(soup)
    try:
        markdown = writer.convert_soup(soup)
    except RecursionError:
        writer.left_out("nested too deeply to convert; its text kept as plain paragraphs")
        writer.photos.clear()  # the plain text links none of them
        writer.links.clear()
        writer.galleries.clear()
        lines = (" ".join(line.split()) for line in soup.get_text("\n").splitlines())
        markdown = "\n\n".join(escape_markdown(line) for line in lines if line)
    for href in writer.links:
        if href not in writer.photos and _uploads_path(href) is not None:
            writer.note(LINKED_MEDIA, f"link to {_short(href, 120)} still points at WordPress")
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    return Body(markdown, list(writer.notes), list(writer.photos), list(writer.galleries))


def _unsafe_scheme(url: str) -> str | None:
    """The scheme of an address that could run code or forge a page, or None when it is safe."""
    compact = _URL_INVISIBLE.sub("", url)
    scheme = _SCHEME.match(compact)
    if scheme is None:  # a relative address
        return None
    name = scheme[0][:-1].lower()
    if name in _SAFE_SCHEMES or (name == "data" and _IMAGE_DATA.match(compact)):
        return None
    return _short(name, 30)


def markdown_url(url: str) -> str:
    """An address written so a Markdown link or image cannot end early or take a title."""
    return _CONTROL_CHARACTERS.sub("", _LINE_BREAKS.sub("", url.strip())).translate(_URL_ESCAPES)


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc
    except ValueError:  # e.g. an unclosed "[" of an IPv6 address
        return ""


def _file_name(url: str) -> str:
    try:
        return PurePosixPath(urlsplit(url).path).name
    except ValueError:
        return ""


def _chomp(text: str) -> tuple[str, str, str]:
    """A leading and a trailing space kept outside markup, as markdownify does for `** x**`."""
    prefix = " " if text.startswith(" ") else ""
    suffix = " " if text.endswith(" ") else ""
    return prefix, suffix, text.strip()


def _space_or_newline(run: re.Match[str]) -> str:
    return "\n" if "\n" in run[0] or "\r" in run[0] else " "


def _classes(element: Tag) -> list[str]:
    return [str(name) for name in element.get_attribute_list("class")]


def _is_block(node: object, *, outside: bool = False) -> bool:
    """Whether markdownify drops whitespace inside `node` (or, with `outside`, around it)."""
    name = node.name if isinstance(node, Tag) else None
    return name in _BLOCK_ELEMENTS or (outside and name == "pre")


def _colspan(cell: Tag) -> int:
    span = str(cell.get("colspan", "1"))
    return max(1, min(1000, int(span))) if _SHORT_NUMBER.fullmatch(span) else 1


class _MarkdownWriter(MarkdownConverter):
    """markdownify with Warta's rules, which also collects notes and photo addresses.

    Text is escaped so it stays text; links and photos are checked and written so they cannot
    run code or end early; figures, frames, players and Gutenberg shapes are converted here
    rather than by editing the tree. markdownify's own whitespace pattern, list numbering and
    table-header search are each quadratic on hostile input, so those steps are replaced.
    """

    def __init__(self, attachments: Lookup[str, Item] | None = None) -> None:
        super().__init__(heading_style=ATX, bullets="-", autolinks=True)
        self.attachments = attachments or {}
        self.galleries: list[ImportedGallery] = []
        self.notes: dict[tuple[str, str], None] = {}
        self.photos: dict[str, None] = {}
        self.links: dict[str, None] = {}
        self.numbers: dict[int, int] = {}
        self.rows: dict[int, str] = {}
        self.captions: dict[int, str] = {}

    def note(self, heading: str, message: str) -> None:
        self.notes.setdefault((heading, message))

    def left_out(self, message: str) -> None:
        self.note(UNCONVERTED, message)

    def survey(self, soup: BeautifulSoup) -> None:
        """One read of the tree for what conversion needs to know ahead of each element."""
        blocks: dict[str, None] = {}
        for node in soup.descendants:
            if isinstance(node, Comment):
                if match := _BLOCK_COMMENT.match(str(node)):
                    name = match[1].removeprefix("core/")
                    blocks.setdefault("embed" if name.startswith("core-embed/") else name)
            elif not isinstance(node, Tag):
                continue
            elif node.name == "ol":
                start = str(node.get("start", "1"))
                first = int(start) if _SHORT_NUMBER.fullmatch(start) else 1
                for index, item in enumerate(node.find_all("li", recursive=False)):
                    self.numbers[id(item)] = first + index
            elif node.name == "table":
                self._survey_table(node)
            elif node.name == "figure":
                self._survey_figure(node)
        for name in blocks:
            if name not in _CONVERTED_BLOCKS:
                self.left_out(
                    f"block wp:{_short(name, 60)} not converted; only its text, if any, kept"
                )

    def _survey_table(self, table: Tag) -> None:
        """The table's first row is its header: the one from <thead> or of <th> cells, or none."""
        for child in table.children:
            if not isinstance(child, Tag):
                continue
            sections = [child] if child.name == "tr" else []
            if child.name in ("thead", "tbody", "tfoot"):
                sections = child.find_all("tr", recursive=False)
            if sections:
                cells = sections[0].find_all(["td", "th"], recursive=False)
                heading = child.name == "thead" or all(cell.name == "th" for cell in cells)
                self.rows[id(sections[0])] = "header" if heading else "first"
                return

    def _survey_figure(self, figure: Tag) -> None:
        """A figure's own caption (a gallery's photos each have theirs), lent to a photo with
        no alt text."""
        figcaption = figure.find("figcaption", recursive=False)
        words = header_value(figcaption.get_text(" ")) if isinstance(figcaption, Tag) else ""
        images = figure.find_all("img", limit=2)
        if words and len(images) == 1 and not header_value(str(images[0].get("alt", ""))):
            images[0]["alt"] = words
        self.captions[id(figure)] = words

    def process_tag(self, node: Tag, parent_tags: set[str] | None = None) -> str:
        if node.name == "figure" and "wp-block-gallery" in _classes(node):
            return self._gallery(node)
        if node.name in _DROPPED_ELEMENTS:
            if "wp-block-file__embed" not in _classes(node):  # a file block's PDF preview
                self.left_out(f"{_DROPPED_ELEMENTS[node.name]} (<{node.name}>) left out")
            return ""
        # A photo in a style attribute has no place in Markdown; a cover block's is kept (see
        # convert_div), any other is named.
        background = _BACKGROUND_URL.search(str(node.get("style", "")))
        if background and "wp-block-cover" not in _classes(node):
            shown = _short(_file_name(background[1]) or background[1], 80)
            self.left_out(f"background photo {shown} (in a style attribute) left out")
        # markdownify's stub declares only convert() and convert_soup(), not the steps between.
        converted: str = super().process_tag(node, parent_tags)  # type: ignore[misc]
        return converted

    def process_text(self, el: NavigableString, parent_tags: set[str] | None = None) -> str:
        parent_tags = parent_tags or set()
        text = str(el)
        if "pre" not in parent_tags:
            text = _WHITESPACE_RUN.sub(_space_or_newline, text)
        if "_noformat" not in parent_tags:
            text = escape_markdown(text, in_link="a" in parent_tags)
        if _is_block(el.previous_sibling, outside=True) or (
            _is_block(el.parent) and not el.previous_sibling
        ):
            text = text.lstrip(" \t\r\n")
        if _is_block(el.next_sibling, outside=True) or (
            _is_block(el.parent) and not el.next_sibling
        ):
            text = text.rstrip()
        return text

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        if "a" in parent_tags:  # HTML has no links in links; the outer one is kept
            self.left_out("link inside another link: the inner address left out")
            return text
        prefix, suffix, text = _chomp(text)
        written = str(el.get("href") or "")
        href = ""
        if scheme := _unsafe_scheme(written):
            words = _short(header_value(el.get_text(" ")), 60)
            self.note(UNSAFE_LINKS, f"link to a {scheme}: address dropped; its text '{words}' kept")
        elif written.strip():
            href = markdown_url(written)
            self.links.setdefault(href)
        if not text or not href:
            return f"{prefix}{text}{suffix}"
        if _BLANK_LINE.search(text):
            # Link text that holds paragraphs or a heading cannot be one Markdown link: the text
            # is kept as it is, and the address follows it as a link of its own.
            shown = f"<{href}>" if href.startswith(("http://", "https://")) else f"[{href}]({href})"
            return f"{prefix}{text}\n\n{shown}\n\n"
        if el.get_text() == written and href.startswith(("http://", "https://")):
            return f"{prefix}<{href}>{suffix}"
        return f"{prefix}[{text}]({href}){suffix}"

    def _emphasis(self, text: str, parent_tags: set[str], marker: str, kind: set[str]) -> str:
        # Inside emphasis of its own kind, markers would close it early and show as "****"; and
        # emphasis cannot span paragraphs.
        if "_noformat" in parent_tags or parent_tags & kind or _BLANK_LINE.search(text.strip()):
            return text
        prefix, suffix, text = _chomp(text)
        return f"{prefix}{marker}{text}{marker}{suffix}" if text else ""

    def convert_b(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(text, parent_tags, "**", {"b", "strong"})

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(text, parent_tags, "*", {"em", "i"})

    convert_strong = convert_b
    convert_i = convert_em

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # Lazy-loading plugins put a placeholder in src and the photo in data-src.
        source = str(el.get("data-lazy-src") or el.get("data-src") or el.get("src") or "")
        return self._photo(source, str(el.get("alt") or ""))

    def _photo(self, source: str, alt: str) -> str:
        """A photo in Markdown, its address noted; a link when it has no alt text."""
        if not source.strip():
            self.left_out("photo without an address left out")
            return ""
        if scheme := _unsafe_scheme(source):
            self.note(UNSAFE_LINKS, f"photo with a {scheme}: address dropped")
            return ""
        source = markdown_url(source)
        self.photos.setdefault(source)
        # Kept in headings and table cells too, where markdownify would keep only the alt text.
        if alt := header_value(alt):
            return f"![{alt.translate(_ALT_ESCAPES)}]({source})"
        self.left_out(f"photo {_short(_file_name(source) or source, 80)} has no alt text")
        return f"[Foto]({source})"

    def _gallery(self, figure: Tag) -> str:
        """A Gutenberg gallery block (or a `[gallery]` shortcode made into one): a token that
        `finish_galleries` replaces by a `::: galeri` block, titled with the gallery's own
        caption, once its photos are copied."""
        photos = []
        for image in figure.find_all("img"):
            photo = self._gallery_photo(figure, image)
            if photo is not None:
                photos.append(photo)
        words = self.captions.get(id(figure), "")
        if not photos:
            self.left_out("gallery without photos left out")
            return f"\n\n*{escape_markdown(words)}*\n\n" if words else ""
        if figure.find_parent(_GALLERY_HOSTS) is not None:
            # A `::: galeri` block needs lines of its own; in a quote, a list item or a table
            # cell it would be cut by their marks, so its photos are kept one after another.
            self.left_out("gallery inside a quote, list or table kept as its photos")
            kept = (self._photo(photo.address, photo.alt) for photo in photos)
            return " ".join(photo for photo in kept if photo)
        self.galleries.append(ImportedGallery(words, photos))
        return f"\n\n{_GALLERY_TOKEN}{len(self.galleries) - 1}\n\n"

    def _gallery_photo(self, gallery: Tag, image: Tag) -> GalleryPhoto | None:
        """One photo of a gallery: the attachment's full-size file when its class names one
        (galleries show resized copies), its own caption and the attachment's credit."""
        found = (_ATTACHMENT_CLASS.match(name) for name in _classes(image))
        number = next((match[1] for match in found if match), "")
        attachment = self.attachments.get(number) if number else None
        source = str(image.get("data-lazy-src") or image.get("data-src") or image.get("src") or "")
        if attachment is not None and attachment.attachment_url:
            source = attachment.attachment_url
        if not source.strip():
            self.left_out("gallery photo without an address left out")
            return None
        if scheme := _unsafe_scheme(source):
            self.note(UNSAFE_LINKS, f"gallery photo with a {scheme}: address dropped")
            return None
        holder = image.find_parent("figure")
        caption = ""
        if holder is not None and holder is not gallery:
            caption = self.captions.get(id(holder), "")
        alt = header_value(str(image.get("alt") or ""))
        if not alt and attachment is not None:
            alt = header_value(plain_text(attachment.meta.get("_wp_attachment_image_alt", "")))
        name = _short(_file_name(source) or source, 80)
        if not alt and attachment is not None and (title := plain_text(attachment.title)):
            alt = header_value(title)
            self.left_out(f"gallery photo {name} has no alt text; its title '{alt}' is used")
        if not alt:
            self.left_out(f"gallery photo {name} has no alt text; left out of the gallery")
            return None
        credit = header_value(_credit_of(attachment)) if attachment is not None else ""
        return GalleryPhoto(markdown_url(source), alt, caption, credit)

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        words = self.captions.get(id(el), "")
        caption = f"*{escape_markdown(words)}*" if words else ""
        if "_inline" in parent_tags:
            return f" {text.strip()} {caption} "
        return f"\n\n{text.strip()}\n\n{caption}\n\n"

    def convert_figcaption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if el.parent is not None and el.parent.name == "figure":
            return ""  # written by the figure, after its photo
        return f"\n\n{text.strip()}\n\n"

    def convert_iframe(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        source = str(el.get("src") or "")
        if link := _frame_link(source):
            return f"\n\n<{markdown_url(link)}>\n\n"
        self.left_out(f"embedded frame from {_short(_host(source), 60) or 'unknown'} left out")
        return ""

    def _player(self, el: Tag, kind: str) -> str:
        """An audio or video player as a link to its file."""
        sources = [el.get("src"), *(found.get("src") for found in el.find_all("source"))]
        source = str(next((found for found in sources if found), ""))
        if not source.strip():
            self.left_out(f"{kind.lower()} player without a file left out")
            return ""
        if scheme := _unsafe_scheme(source):
            self.note(UNSAFE_LINKS, f"{kind.lower()} with a {scheme}: address dropped")
            return ""
        href = markdown_url(source)
        self.links.setdefault(href)
        return f"\n\n[{kind}: {escape_markdown(_file_name(href) or href)}]({href})\n\n"

    def convert_audio(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._player(el, "Audio")

    def convert_video(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._player(el, "Video")

    def convert_blockquote(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if _SOCIAL_QUOTES & set(_classes(el)) and (post := _social_post(el)):
            # A post as its link on a line of its own: the story plays it when clicked.
            return f"\n\n<{markdown_url(post)}>\n\n"
        return str(super().convert_blockquote(el, text, parent_tags))  # type: ignore[misc]

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        classes = _classes(el)
        if {"fb-post", "fb-video"} & set(classes) and (post := _social_post(el)):
            return f"\n\n<{markdown_url(post)}>\n\n"
        url = el.get_text().strip() if "wp-block-embed__wrapper" in classes else ""
        if url.startswith(("http://", "https://")) and not el.find(["a", "iframe"]):
            # An embed saved as its bare address (a post on X, a map): kept as a plain link.
            link = markdown_url(_video_link(url) or url)
            text = f"<{link}>"
        # Older cover blocks keep their photo in a style attribute, where Markdown cannot see it.
        background = _BACKGROUND_URL.search(str(el.get("style", "")))
        if "wp-block-cover" in classes and background and not el.find("img"):
            text = f"{self._photo(background[1], '')}\n\n{text}"
        if "_inline" in parent_tags:
            return f" {text.strip()} "
        return f"\n\n{text.strip()}\n\n" if text.strip() else ""

    convert_details = convert_div

    def convert_form(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        self.left_out("form left out; its text kept")
        return self.convert_div(el, text, parent_tags)

    def convert_summary(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip()
        return f"\n\n**{text}**\n\n" if text else ""

    def convert_cite(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if el.parent is not None and el.parent.name == "blockquote" and text.strip():
            return f"\n\n— {text.strip()}\n\n"  # a quote's source, on a line of its own
        return text

    def convert_code(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        # One line: a line break inside a code span lets the next line start a block of its own.
        prefix, suffix, text = _chomp(text.replace("\n", " "))
        if not text:
            return ""
        fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
        padded = f" {text} " if "`" in text else text
        return f"{prefix}{fence}{padded}{fence}{suffix}"

    convert_kbd = convert_code
    convert_samp = convert_code

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        lines = text.replace("\r\n", "\n").split("\n")
        filled = [index for index, line in enumerate(lines) if line.strip()]
        if not filled:
            return ""
        lines = lines[filled[0] : filled[-1] + 1]  # without the blank lines around the code
        if "wp-block-verse" in _classes(el) or parent_tags & _NESTED_BLOCKS:
            # A poem keeps its lines as line breaks. And a fence opens only at the start of a
            # line, not in a quote, list or table, so code there is text too, line by line.
            shown = [
                "\xa0" * (len(line) - len(line.lstrip(" "))) + escape_markdown(line.lstrip(" "))
                for line in lines
            ]
            return "\n\n" + "  \n".join(shown) + "\n\n"
        code = "\n".join(lines)
        # Longer than any run of backticks inside, so no line of the code can close the fence.
        longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}\n{code}\n{fence}\n\n"

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip()
        if not text:
            return "\n"
        numbered = el.parent is not None and el.parent.name == "ol"
        bullet = f"{self.numbers.get(id(el), 1)}. " if numbered else "- "
        lines = text.split("\n")
        indent = " " * len(bullet)
        rest = [indent + line if line else "" for line in lines[1:]]
        return "\n".join([bullet + lines[0], *rest]) + "\n"

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        row = f"|{text}\n"
        role = self.rows.get(id(el))
        if role is None:
            return row
        width = sum(_colspan(cell) for cell in el.find_all(["td", "th"], recursive=False)) or 1
        rule = "| " + " | ".join(["---"] * width) + " |\n"
        if role == "header":
            return row + rule
        return "| " + " | ".join([""] * width) + " |\n" + rule + row

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return " " + text.strip().replace("\n", " ") + " |" * _colspan(el)

    convert_th = convert_td


def _uploads_path(url: str) -> PurePosixPath | None:
    """The part of an attachment address below wp-content/uploads/, e.g. 2026/11/foto.jpg."""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    marker = "/wp-content/uploads/"
    if path.startswith(marker[1:]):
        path = "/" + path
    if marker not in path:
        return None
    return PurePosixPath(path.split(marker, 1)[1])


def inside(folder: Path, relative: PurePosixPath) -> Path:
    """`folder/relative`, or PathRefused when that leads out of `folder`.

    Refused: an absolute path, "..", control characters, and a symlink anywhere along the way
    that resolves outside the folder. Symlinks that stay inside are followed.
    """
    if relative.is_absolute() or ".." in relative.parts:
        raise PathRefused("leads out of the folder")
    if _UNPRINTABLE.search(str(relative)) or not relative.parts:
        raise PathRefused("is not a usable file name")
    root = folder.resolve()
    candidate = root.joinpath(*relative.parts)
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):  # a symlink loop, a name too long
        raise PathRefused("cannot be resolved") from None
    if not resolved.is_relative_to(root):
        raise PathRefused("is a symlink, or lies under one, that leads out of the folder")
    return candidate


def _photo(item: Item, export: Export, story: Story) -> None:
    """Image, ImageAlt, ImageCaption and ImageCredit from the post's featured image."""
    thumbnail = item.meta.get("_thumbnail_id", "")
    if not thumbnail:
        return
    attachment = export.attachment(thumbnail)
    relative = _uploads_path(attachment.attachment_url) if attachment else None
    if attachment is None or relative is None:
        where = "is not in the export" if attachment is None else "is not in wp-content/uploads"
        story.notes.append(
            Note(MISSING_IMAGES, item.label, f"featured image {_short(thumbnail, 20)} {where}")
        )
        return
    story.notes += [Note(ODD_TEXT, attachment.label, message) for message in attachment.odd]
    image = PurePosixPath("images") / relative
    story.photo = (relative, image)
    alt = _clean(
        plain_text(attachment.meta.get("_wp_attachment_image_alt", "")),
        "ImageAlt",
        item.label,
        story.notes,
    )
    if not alt:
        alt = _clean(plain_text(attachment.title), "ImageAlt", item.label, story.notes)
        story.notes.append(
            Note(
                "Missing alt text",
                item.label,
                f"{_short(header_value(relative.name), 80)} has no alt text; its title '{alt}' "
                "is used, describe the photo",
            )
        )
    story.header.append(("Image", image.as_posix()))
    story.header.append(("ImageAlt", alt))
    if caption := _clean(plain_text(attachment.excerpt), "ImageCaption", item.label, story.notes):
        story.header.append(("ImageCaption", caption))
    if credit := _clean(_credit_of(attachment), "ImageCredit", item.label, story.notes):
        story.header.append(("ImageCredit", credit))


def _filing(
    item: Item, mapping: Mapping
) -> tuple[str | None, Location | None, list[str], list[Note]]:
    """The desk, place and tags of a post from its WordPress categories and tags."""
    notes: list[Note] = []
    desks: list[str] = []
    places: dict[str, list[tuple[str, Location]]] = {"category": [], "post_tag": []}
    tags: list[str] = []
    for term in item.terms:
        if term.kind not in places or term.slug in _DEFAULT_CATEGORIES:
            continue
        kind = "category" if term.kind == "category" else "tag"
        name = _clean(plain_text(term.name), "Tag", item.label, notes, name=True)
        if not name:
            continue
        desk = mapping.desk(name)
        place, could_be = find_place(name, mapping.catalog)
        if desk:
            desks.append(desk)
        elif place:
            places[term.kind].append((name, place))
        else:
            if could_be:
                names = " or ".join(place.name for place in could_be)
                notes.append(
                    Note("Ambiguous places", item.label, f"{kind} '{name}' could be {names}")
                )
            elif term.kind == "category":
                notes.append(Note("Unknown categories", item.label, f"'{name}' kept as a tag"))
            tags.append(name)
    desk = desks[0] if desks else None
    if len(set(desks)) > 1:
        notes.append(
            Note("Several desks", item.label, f"filed under {', '.join(desks)}; {desk} used")
        )
    # A category files the story; a tag only mentions a place, so it decides only without one.
    chosen = places["category"] or places["post_tag"]
    place = chosen[0][1] if chosen else None
    for name, other in [*places["category"], *places["post_tag"]]:
        if other is not place:
            tags.append(name)
            if any(other is rival for _, rival in chosen):
                notes.append(
                    Note("Several places", item.label, f"also names {other}; {place} used")
                )
    return desk, place, list(dict.fromkeys(tags)), notes


def _slug(item: Item, mapping: Mapping) -> str:
    # Bounded before and after: a crafted slug must not make a file name the system refuses.
    source = unquote(item.slug) or plain_text(item.title)
    slug = slugify(source[: _SLUG_LENGTH * 4], mapping.slug_substitutions)
    slug = slug.encode()[:_SLUG_LENGTH].decode(errors="ignore").strip("-")
    return slug or f"post-{_item_number(item)}"


def _item_number(item: Item) -> str:
    return "".join(char for char in item.id if char.isascii() and char.isalnum())[:20] or "x"


def map_item(item: Item, export: Export, mapping: Mapping) -> Story:
    """A published post as a Warta article; a post missing a required field becomes a draft.

    A field that cannot be mapped is left out rather than guessed, so `warta check` names the
    file and field (and the build stops) until an editor fills it in.
    """
    published = local_time(item.date, item.date_gmt, mapping.timezone)
    if published is None:
        raise WxrError("it has no date")
    slug = _slug(item, mapping)
    folder = PurePosixPath("articles", f"{published.year:04d}", f"{published.month:02d}")
    body = convert_body(item.content, export.attachments)
    label = item.label
    story = Story(
        folder / f"{slug}.md",
        [],
        body.markdown,
        body_photos=body.photos,
        galleries=body.galleries,
    )
    story.notes += [Note(ODD_TEXT, label, message) for message in item.odd]
    if title := _clean(plain_text(item.title), "Title", label, story.notes):
        story.header.append(("Title", title))
    story.notes += [Note(heading, label, message) for heading, message in body.notes]
    desk, place, tags, notes = _filing(item, mapping)
    story.notes += notes
    display = export.byline(item.creator) if item.creator else None
    if item.creator and display is None:
        story.notes.append(
            Note(
                "Bylines",
                label,
                f"'{_short(header_value(item.creator), 60)}' is not among the export's authors; "
                "the login is used as the byline",
            )
        )
    byline = _clean(plain_text(display or item.creator), "Author", label, story.notes, name=True)
    story.header.append(("Date", _format_time(published)))
    try:
        modified = local_time(item.modified, item.modified_gmt, mapping.timezone)
    except BadDate as error:
        story.notes.append(Note("Unreadable dates", label, f"update time left out: {error}"))
        modified = None
    if modified is not None and modified > published:
        story.header.append(("Modified", _format_time(modified)))
    if desk:
        story.header.append(("Category", desk))
    if place:
        story.header.append(("Location", place.name))
    if byline:
        story.header.append(("Author", byline))
    if tags:
        story.header.append(("Tags", ", ".join(tags)))
    # Pelican renders Summary as Markdown, so the excerpt's text is escaped like a body's.
    if summary := _clean(plain_text(item.excerpt), "Summary", label, story.notes):
        story.header.append(("Summary", escape_markdown(summary)))
    story.header.append(("Slug", slug))
    _photo(item, export, story)
    required = (("Title", title), ("Category", desk), ("Location", place), ("Author", byline))
    if missing := [name for name, found in required if not found]:
        story.header.append(("Status", "draft"))
        story.notes.append(
            Note(
                "Written as drafts",
                f"content/{story.target}",
                f"no {' or '.join(missing)} could be mapped from WordPress; add "
                f"{', '.join(missing)}, then remove 'Status: draft'",
            )
        )
    return story


def map_page(item: Item, export: Export, mapping: Mapping) -> Story:
    """A published WordPress page as a Warta page (Tentang, Redaksi, ...)."""
    slug = _slug(item, mapping)
    body = convert_body(item.content, export.attachments)
    story = Story(
        PurePosixPath("pages", f"{slug}.md"),
        [],
        body.markdown,
        body_photos=body.photos,
        galleries=body.galleries,
    )
    story.notes += [Note(ODD_TEXT, item.label, message) for message in item.odd]
    if title := _clean(plain_text(item.title), "Title", item.label, story.notes):
        story.header.append(("Title", title))
    story.header.append(("Slug", slug))
    story.notes += [Note(heading, item.label, message) for heading, message in body.notes]
    story.notes.append(Note("Pages", item.label, f"written as content/{story.target}"))
    return story


def _rename(story: Story, slug: str, label: str) -> None:
    """Give a story whose file another post already takes a slug of its own, and say so."""
    before = f"content/{story.target}"
    story.target = story.target.with_name(f"{slug}.md")
    story.notes = [
        Note(note.heading, f"content/{story.target}", note.message)
        if note.subject == before
        else note
        for note in story.notes
    ]
    story.header = [(key, slug if key == "Slug" else value) for key, value in story.header]
    story.notes.append(
        Note("Renamed", label, f"its slug is taken by an earlier post; written as {slug}")
    )


def plan(export: Export, mapping: Mapping) -> tuple[list[Story], list[Note]]:
    """Every published post and page as a file to write, and every item not imported."""
    stories: list[Story] = []
    skipped: list[Note] = []
    taken: set[PurePosixPath] = set()
    for item in export.items:
        if item.post_type in ("post", "page") and item.status == "publish":
            try:
                story = (
                    map_item(item, export, mapping)
                    if item.post_type == "post"
                    else map_page(item, export, mapping)
                )
            except WxrError as error:
                skipped.append(Note("Not imported: unreadable", item.label, str(error)))
                continue
            if story.target in taken:
                _rename(story, f"{_slug(item, mapping)}-{_item_number(item)}", item.label)
            taken.add(story.target)
            stories.append(story)
        elif item.post_type in ("post", "page"):
            status = _short(header_value(item.status), 30)
            skipped.append(Note("Not imported: unpublished", item.label, f"status '{status}'"))
        elif item.post_type != "attachment":
            skipped.append(Note("Not imported: other types", item.label, "not a post or page"))
    return stories, skipped


# Writing, with a manifest so hand edits survive a second run


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Outcome:
    """What one import did: files written or kept, and everything the report lists."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


class Writer:
    """Writes files inside the content folder, never over one changed since the import wrote it."""

    def __init__(self, project: Path, content: Path) -> None:
        self.project = project
        self.content = content.resolve()
        self.manifest_path = project / MANIFEST_NAME
        self.manifest: dict[str, str] = {}
        self.unreadable_manifest = ""
        if self.manifest_path.exists():
            try:
                self.manifest = dict(json.loads(self.manifest_path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError) as error:
                # Without it no file counts as the import's own, so none is overwritten.
                self.unreadable_manifest = str(error)

    def put(self, relative: PurePosixPath, data: bytes, outcome: Outcome, subject: str) -> bool:
        """Write content/`relative` unless refused or edited; True when the file is there."""
        try:
            target = inside(self.content, relative)
        except PathRefused as refusal:
            message = f"content/{_short(str(relative), 120)} {refusal}; not written"
            outcome.notes.append(Note(REFUSED_PATHS, subject, message))
            return False
        name = (
            target.relative_to(self.project).as_posix()
            if target.is_relative_to(self.project)
            else target.as_posix()
        )
        try:
            if target.exists():
                current = target.read_bytes()
                if current == data:
                    self.manifest[name] = _digest(data)
                    outcome.unchanged.append(name)
                    return True
                if self.manifest.get(name) != _digest(current):
                    why = (
                        "changed since it was imported"
                        if name in self.manifest
                        else "already there, not written by an import"
                    )
                    outcome.notes.append(Note("Kept as edited", name, f"{why}; not overwritten"))
                    return True
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as error:
            outcome.notes.append(Note("Not written", name, error.strerror or str(error)))
            return False
        self.manifest[name] = _digest(data)
        outcome.written.append(name)
        return True

    def save(self) -> None:
        text = json.dumps(dict(sorted(self.manifest.items())), indent=2) + "\n"
        self.manifest_path.write_text(text, encoding="utf-8")


def _read_photo(
    relative: PurePosixPath, uploads: Path | None, outcome: Outcome, subject: str
) -> bytes | str:
    """The bytes of uploads/`relative`, or why it cannot be read (refusals noted as such)."""
    if uploads is None:
        return "no --uploads folder given"
    if relative.suffix.lower() not in _PHOTO_SUFFIXES:
        return f"'{_short(relative.suffix, 20) or relative.name}' is not a photo file type"
    try:
        source = inside(uploads, relative)
    except PathRefused as refusal:
        message = f"{_short(str(relative), 120)} in {uploads} {refusal}; not read"
        outcome.notes.append(Note(REFUSED_PATHS, subject, message))
        return f"refused, see {REFUSED_PATHS}"
    try:
        return source.read_bytes() if source.is_file() else f"not found in {uploads}"
    except OSError as error:
        return f"cannot be read ({error.strerror})"


def _copy_photo(
    relative: PurePosixPath, uploads: Path | None, writer: Writer, outcome: Outcome, subject: str
) -> str | None:
    """Copy uploads/`relative` to content/images/`relative`: None when done, else why not."""
    data = _read_photo(relative, uploads, outcome, subject)
    if isinstance(data, str):
        return data
    if not writer.put(PurePosixPath("images") / relative, data, outcome, subject):
        return "not written, see Refused paths or Not written"
    return None


def _outside_uploads(address: str) -> str:
    """Why a body photo that is not in wp-content/uploads was not copied."""
    if address.lower().startswith("data:"):
        return "written into the page as a data: address; kept as it is"
    if host := _host(address):
        return f"on another site ({_short(host, 60)}); not copied, still loaded from there"
    return "not in wp-content/uploads, so not copied; the new site has no such file"


def finish_galleries(story: Story, uploads: Path | None, writer: Writer, outcome: Outcome) -> str:
    """The story's body with each gallery token replaced by its `::: galeri` block, of the
    photos that could be copied into content/images/ (each one that could not is noted; a
    gallery left with none is dropped)."""
    subject = f"content/{story.target}"

    def block(match: re.Match[str]) -> str:
        index = int(match[1])
        if index >= len(story.galleries):
            return ""
        gallery = story.galleries[index]
        lines = []
        for photo in gallery.photos:
            relative = _uploads_path(photo.address)
            why = (
                _outside_uploads(photo.address)
                if relative is None
                else _copy_photo(relative, uploads, writer, outcome, subject)
            )
            if why is None and relative is not None:
                path = markdown_url("/images/" + relative.as_posix())
                lines.append(galleries.photo_line(path, photo.alt, photo.caption, photo.credit))
            else:
                shown = _short(photo.address, 120)
                story.notes.append(
                    Note(MISSING_IMAGES, subject, f"gallery photo {shown}: {why}; left out")
                )
        if not lines:
            story.notes.append(Note(MISSING_IMAGES, subject, "a gallery with no photo left out"))
            return ""
        return galleries.block(lines, gallery.title)

    return _GALLERY_SPOT.sub(block, story.body)


def run_import(
    export: Export, mapping: Mapping, content: Path, project: Path, uploads: Path | None
) -> Outcome:
    """Write every planned story and its photos; returns what was done and what was not."""
    stories, skipped = plan(export, mapping)
    writer = Writer(project, content)
    outcome = Outcome()
    if writer.unreadable_manifest:
        message = f"cannot be read ({writer.unreadable_manifest}); files already there are kept"
        outcome.notes.append(Note("Kept as edited", MANIFEST_NAME, message))
    for story in stories:
        subject = f"content/{story.target}"
        for address in story.body_photos:
            relative = _uploads_path(address)
            why = (
                _outside_uploads(address)
                if relative is None
                else _copy_photo(relative, uploads, writer, outcome, subject)
            )
            if why is None and relative is not None:
                static = f"]({{static}}/images/{markdown_url(relative.as_posix())})"
                story.body = story.body.replace(f"]({address})", static)
            else:
                shown = _short(address, 120)
                story.notes.append(Note(MISSING_IMAGES, subject, f"body photo {shown}: {why}"))
        story.body = finish_galleries(story, uploads, writer, outcome)
        if story.photo is not None:
            relative = story.photo[0]
            if why := _copy_photo(relative, uploads, writer, outcome, subject):
                story.notes.append(Note(MISSING_IMAGES, subject, f"{relative}: {why}"))
                story.header = [
                    (key, value) for key, value in story.header if not key.startswith("Image")
                ]
        writer.put(story.target, story.text().encode("utf-8"), outcome, subject)
        outcome.notes += story.notes
    outcome.notes += skipped
    outcome.notes += export.notes
    writer.save()
    return outcome


def render_report(source: str, outcome: Outcome) -> str:
    """The report as Markdown: counts, then each kind of problem under its heading."""
    lines = [
        "# WordPress import report",
        "",
        f"From `{source}`: {len(outcome.written)} files written, "
        f"{len(outcome.unchanged)} already up to date.",
    ]
    headings: dict[str, list[Note]] = {}
    for note in outcome.notes:
        headings.setdefault(note.heading, []).append(note)
    for heading, notes in headings.items():
        lines += ["", f"## {heading}", ""]
        # One line per note, whatever a crafted title or address holds.
        for note in notes:
            subject, message = header_value(note.subject), header_value(note.message)
            lines.append(f"- {_short(subject, 300)}: {_short(message, 500)}")
    if not headings:
        lines += ["", "Everything was mapped."]
    return "\n".join(lines) + "\n"
