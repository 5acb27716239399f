"""Reading a WordPress export (WXR): authors and items, with no entity expanded, nothing fetched."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import cached_property
from html.entities import html5 as html5_entities
from typing import Any

from lxml import etree

from warta.messages import Text

from . import messages
from .messages import ODD_TEXT, Note
from .text import field_text, header_value, shorten

_NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# What the report calls the export fields whose text had something odd in it.
_FIELD_NAMES = {
    "title": messages.FIELD_TITLE,
    "content:encoded": messages.FIELD_BODY,
    "excerpt:encoded": messages.FIELD_EXCERPT,
    "dc:creator": messages.FIELD_AUTHOR,
    "wp:meta_value": messages.FIELD_CUSTOM,
    "wp:author_display_name": messages.FIELD_DISPLAY_NAME,
    "wp:author_login": messages.FIELD_LOGIN,
}
# libxml2's code for an entity used without a declaration, e.g. &nbsp; in an export with no DTD.
_UNDECLARED_ENTITY = 26
# Never loaded (the parser fetches nothing); naming it makes undeclared entities a warning.
_EXTERNAL_SUBSET = b'SYSTEM "about:legacy-compat"'
_PROLOG_SPACE = re.compile(rb"\s*+")
_PROLOG_ENDS = {b"<?": b"?>", b"<!--": b"-->"}
_DOCTYPE_NAME = re.compile(rb"<!DOCTYPE\s++[^\s\[>]++")
_EXTERNAL_ID = re.compile(rb"\s*+(?:SYSTEM|PUBLIC)\b")


class WxrError(ValueError):
    """The export, or one item in it, cannot be read as WordPress WXR; `text` says why, in the
    site's language."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


class BadDate(WxrError):
    """A post's date is not a date, so it cannot be filed under articles/YYYY/MM/."""


@dataclass(frozen=True)
class Term:
    """A WordPress category or tag on a post."""

    kind: str
    slug: str
    name: str


@dataclass(frozen=True)
class Comment:
    """One reader comment on a post or page, as WordPress exported it."""

    id: str
    parent: str
    author: str
    email: str
    url: str
    ip: str
    date: str
    date_gmt: str
    text: str
    # "1" approved, "0" waiting for moderation, "spam" or "trash".
    approved: str
    # "" or "comment" for a reader's comment; "pingback" and "trackback" are other sites'.
    kind: str


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
    odd: list[Text] = field(default_factory=list)
    # The item's address on the old site (`<link>`), its parent (a page's parent page, an
    # attachment's post) and place among its siblings, and what WordPress knew of its status.
    link: str = ""
    parent: str = "0"
    menu_order: str = "0"
    password: str = ""
    sticky: bool = False
    comments: list[Comment] = field(default_factory=list)

    @cached_property
    def label(self) -> str:
        """How the report names the item: its type, id and title."""
        kind, number = shorten(header_value(self.post_type), 30), shorten(header_value(self.id), 20)
        return f'WordPress {kind} {number} "{shorten(header_value(field_text(self.title)), 80)}"'


@dataclass
class Export:
    """What the import needs from a WXR file: bylines by login and every item in file order."""

    authors: dict[str, str]
    items: list[Item]
    # Odd things outside any item (in the author list), for the report.
    notes: list[Note] = field(default_factory=list)
    # The old site's addresses: its home page (`<link>`) and WordPress's base addresses.
    site_addresses: tuple[str, ...] = ()
    # The id of each category and tag by (kind, slug), for the old `/?cat=ID` addresses.
    term_ids: dict[tuple[str, str], str] = field(default_factory=dict)

    @cached_property
    def attachments(self) -> dict[str, Item]:
        return {item.id: item for item in self.items if item.post_type == "attachment"}

    @cached_property
    def _bylines(self) -> dict[str, str]:
        return {login.casefold(): name for login, name in self.authors.items()}

    def attachment(self, item_id: str) -> Item | None:
        return self.attachments.get(item_id)

    @cached_property
    def attached(self) -> dict[str, list[Item]]:
        """Each post's attachments (its uploads) in WordPress's gallery order: menu order, then
        the order they were uploaded in."""
        found: dict[str, list[Item]] = {}
        for attachment in self.attachments.values():
            if attachment.parent not in ("", "0"):
                found.setdefault(attachment.parent, []).append(attachment)
        for siblings in found.values():
            siblings.sort(key=lambda item: (_number(item.menu_order), _number(item.id)))
        return found

    def byline(self, login: str) -> str | None:
        """The display name of a `dc:creator`; WordPress logins are not case-sensitive."""
        return self._bylines.get(login.casefold())


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
            raise WxrError(messages.NOT_XML.fill(error=str(error))) from None
        try:
            root = _parse_xml(declared)
        except etree.XMLSyntaxError as again:
            raise WxrError(messages.NOT_XML.fill(error=str(again))) from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WxrError(messages.NOT_WXR)
    # Exports from older WordPress declare WXR 1.0 or 1.1 addresses under the same prefixes.
    ns = {**_NS, **{prefix: uri for prefix, uri in root.nsmap.items() if prefix in _NS}}
    authors: dict[str, str] = {}
    notes: list[Note] = []
    for author in channel.findall("wp:author", ns):
        odd: list[Text] = []
        login = _text(author, "wp:author_login", ns, odd)
        authors[login] = _text(author, "wp:author_display_name", ns, odd)
        subject = f"WordPress author {shorten(header_value(login), 40)}"
        notes += [Note(ODD_TEXT, subject, message) for message in odd]
    addresses = [_text(channel, path, ns, []) for path in ("link", "wp:base_blog_url")]
    addresses.append(_text(channel, "wp:base_site_url", ns, []))
    term_ids: dict[tuple[str, str], str] = {}
    for kind, tag, slug in (
        ("category", "category", "category_nicename"),
        ("post_tag", "tag", "tag_slug"),
    ):
        for term in channel.findall(f"wp:{tag}", ns):
            term_id, name = _text(term, "wp:term_id", ns, []), _text(term, f"wp:{slug}", ns, [])
            if term_id and name:
                term_ids[(kind, name)] = term_id
    return Export(
        authors,
        [_item(element, ns) for element in channel.findall("item")],
        notes,
        site_addresses=tuple(dict.fromkeys(address for address in addresses if address)),
        term_ids=term_ids,
    )


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


def _text(element: Any, path: str, ns: dict[str, str], odd: list[Text]) -> str:
    """All the text of a child element, entity references and nested elements included.

    `.text` alone stops at the first child node, which cut titles short at an `&nbsp;`.
    """
    found = element.find(path, ns)
    if found is None:
        return ""
    if len(found):
        odd += _odd_nodes(found, _FIELD_NAMES.get(path, path))
    return "".join(found.itertext()).strip()


def _odd_nodes(element: Any, name: Text | str) -> list[Text]:
    """What in a text field is not plain text: entity references and elements, each named once."""
    entities: dict[str, None] = {}
    elements: dict[str, None] = {}
    for node in element.iterdescendants():
        if isinstance(node, etree._Entity):
            entities.setdefault(shorten(str(node.name), 40))
        elif isinstance(node.tag, str):
            elements.setdefault(shorten(etree.QName(node).localname, 40))
    found = [
        (
            messages.ODD_UNDECLARED
            if f"{entity};" in html5_entities
            else messages.ODD_UNKNOWN_ENTITY
        ).fill(field=name, entity=entity)
        for entity in list(entities)[:10]
    ]
    if len(entities) > 10:
        found.append(messages.ODD_MORE_ENTITIES.fill(field=name, count=len(entities) - 10))
    if elements:
        tags = ", ".join(f"<{tag}>" for tag in list(elements)[:10])
        found.append(messages.ODD_ELEMENTS.fill(field=name, tags=tags))
    return found


def _number(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else 0


def _comment(element: Any, ns: dict[str, str], odd: list[Text]) -> Comment:
    def text(name: str) -> str:
        return _text(element, f"wp:comment_{name}", ns, odd)

    return Comment(
        id=text("id"),
        parent=text("parent") or "0",
        author=text("author"),
        email=text("author_email"),
        url=text("author_url"),
        ip=text("author_IP"),
        date=text("date"),
        date_gmt=text("date_gmt"),
        text=text("content"),
        approved=text("approved"),
        kind=text("type"),
    )


def _item(element: Any, ns: dict[str, str]) -> Item:
    odd: list[Text] = []
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
        link=_text(element, "link", ns, odd),
        parent=_text(element, "wp:post_parent", ns, odd) or "0",
        menu_order=_text(element, "wp:menu_order", ns, odd) or "0",
        password=_text(element, "wp:post_password", ns, odd),
        sticky=_text(element, "wp:is_sticky", ns, odd) == "1",
        comments=[_comment(entry, ns, odd) for entry in element.findall("wp:comment", ns)],
    )
