"""Each WordPress post and page as a Warta file: its place, status, header, body and old addresses.

A post keeps its status: published, scheduled (a future Date, which the build holds back),
withheld (password-protected or private: a draft that is never published) or a draft. A page
keeps its place under its parent page (content/pages/<parent>/<page>.md), and only the pages
meant for the footer are published; the others are hidden (written, but in no menu).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from newsroom_model.catalog import Location
from newsroom_model.places import PlaceIndex
from newsroom_model.schema import MAX_SLUG
from pelican.utils import slugify

from warta.messages import Text

from . import messages
from .mapping import TermMapping, find_place
from .markdown import ImportedGallery, convert_body, escape_markdown
from .messages import ODD_TEXT, Note
from .shortcodes import credit_of
from .text import clean_field, field_text, header_value, shorten
from .wxr import BadDate, Export, Item, WxrError

_NO_DATE = "0000-00-00 00:00:00"
ARTICLE, PAGE = "article", "page"
# What became of a post or page, as the report counts them.
PUBLISHED, SCHEDULED, WITHHELD, DRAFT = "published", "scheduled", "withheld", "draft"
FOOTER_PAGE, HIDDEN_PAGE = "footer page", "hidden page"
# WordPress statuses the import carries over; trash, auto-drafts and revisions are left behind.
_KEPT_STATUSES = frozenset({"publish", "future", "private", "draft", "pending"})
_SLUG_CHARACTERS = re.compile(r"[^a-z0-9]+")
# A dateline at the start of a body: the place (in capitals, or a known place), an outlet
# after a comma, an agency in brackets, then a dash. "BANJARMASIN, PORTAL.EXAMPLE – ",
# "Banjarmasin – ", "BANJARMASIN (ANTARA) - ", "**BANJARMASIN** – ".
_DATELINE = re.compile(
    r"\A(?P<bold>\*\*)?(?P<place>[^\W\d_][^\W\d_ .'-]*+(?:[ .'-][^\W\d_]++){0,3})(?P=bold)?"
    r"(?:,[ \t]*+(?P<outlet>[^\s,()–—-][^,()\n–—]{0,40}?))?"
    r"(?:[ \t]*+\((?P<agency>[^()\n]{2,40})\))?"
    r"[ \t]++(?:–|—|-{1,2}|&#8211;|&ndash;)[ \t]++(?=\S)"
)
# An outlet's name in a dateline: a web address ("kabarbanua.com") or a capitalised word.
_OUTLET = re.compile(r"[^\s]+\.[a-z]{2,}|[A-Z][\w.]*+")
# A menu named like this is the footer's; without one, the footer lists the top-level pages.
_FOOTER_MENU = re.compile(r"footer|bawah|kaki", re.I)


@dataclass(frozen=True)
class FeaturedPhoto:
    """The post's featured image, as the export names it, with its words."""

    address: str
    alt: str
    caption: str
    credit: str
    alt_from_title: bool = False


@dataclass
class ImportedPost:
    """An item turned into a Warta file: where it goes, its header, body, photos and notes."""

    item: Item
    kind: str
    state: str
    target: PurePosixPath
    header: list[tuple[str, str]]
    body: str
    notes: list[Note] = field(default_factory=list)
    featured: FeaturedPhoto | None = None
    body_photos: list[str] = field(default_factory=list)
    galleries: list[ImportedGallery] = field(default_factory=list)
    # Every address the post had on the old site, as site-relative paths.
    aliases: list[str] = field(default_factory=list)
    date: datetime | None = None
    # Each photo that could not be had: the mark left in the body, and the report's line.
    missing: list[tuple[str, Text]] = field(default_factory=list)
    gallery_count: int = 0
    gallery_photos: int = 0

    @property
    def subject(self) -> str:
        return f"content/{self.target}"

    @property
    def slug(self) -> str:
        return self.target.stem

    def get(self, key: str) -> str:
        return next((value for name, value in self.header if name == key), "")

    def put(self, key: str, value: str, *, before: str = "") -> None:
        """Set a header field, in place if it is there, else before `before` or at the end."""
        self.header = [(name, old) for name, old in self.header if name != key]
        keys = [name for name, _ in self.header]
        position = keys.index(before) if before in keys else len(keys)
        self.header.insert(position, (key, value))

    def drop(self, *keys: str) -> None:
        self.header = [(name, value) for name, value in self.header if name not in keys]

    def text(self) -> str:
        # Values are cleaned when they are added; cleaning again here means no value, however it
        # got in, can end its line and start a header field of its own.
        lines = [f"{key}: {header_value(value)}" for key, value in self.header]
        return "\n".join(lines) + "\n\n" + self.body.strip() + "\n"


@dataclass(frozen=True)
class Context:
    """What mapping a post needs beyond the post: the export, the editor's mapping, the site."""

    export: Export
    mapping: TermMapping
    timezone: ZoneInfo
    slug_substitutions: list[tuple[str, str]]
    # The byline of a post with no author.
    newsroom: str
    # The outlet's own name as a dateline may spell it ("PORTAL.EXAMPLE"), lower case.
    outlet_names: frozenset[str] = frozenset()
    # The build's resolver of place names, for datelines.
    places: PlaceIndex = field(default_factory=PlaceIndex)
    # The import's time in the site's zone, without the zone (as WordPress's times are read).
    now: datetime = field(default_factory=datetime.now)


@dataclass
class Plan:
    """Every post and page to write, and what the report says of the rest."""

    posts: list[ImportedPost]
    skipped: list[Note]
    sticky: list[ImportedPost]


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
        raise BadDate(messages.NOT_A_DATE.fill(date=shorten(header_value(unreadable), 40)))
    return None


def _format_time(moment: datetime) -> str:
    # isoformat, not strftime: strftime writes the year 5 as "5", which no reader takes for a date.
    return moment.isoformat(" ", "minutes" if moment.second == 0 else "seconds")


def clean_slug(text: str, substitutions: list[tuple[str, str]]) -> str:
    """A slug the build accepts (`^[a-z0-9]+(-[a-z0-9]+)*$`, at most MAX_SLUG characters):
    Pelican's slugify, then every run of other characters (an underscore, a second hyphen) as
    one hyphen, cut at a hyphen."""
    slug = str(slugify(text[: MAX_SLUG * 4], substitutions))
    slug = _SLUG_CHARACTERS.sub("-", slug.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug
        slug = slug[:MAX_SLUG].strip("-")
    return slug


def _slug(item: Item, context: Context, notes: list[Note]) -> str:
    written = header_value(unquote(item.slug))
    slug = clean_slug(written or field_text(item.title), context.slug_substitutions)
    if not slug:
        slug = f"{'halaman' if item.post_type == 'page' else 'berita'}-{item_number(item)}"
    if written and slug != written:
        notes.append(
            Note(
                messages.CHANGED_VALUES,
                item.label,
                messages.SLUG_CHANGED.fill(slug=shorten(written, 80), new=slug),
            )
        )
    return slug


def item_number(item: Item) -> str:
    return "".join(char for char in item.id if char.isascii() and char.isalnum())[:20] or "x"


def split_dateline(
    markdown: str, catalog_place: Any, outlets: frozenset[str]
) -> tuple[str, str, str, Location | None]:
    """A dateline at the start of a body, moved out of it: (the body without it, the dateline,
    an agency named in brackets, the place it names). The place must be in capitals, as
    datelines are printed, or a known place, so a sentence that starts "Tahun lalu -" stays."""
    match = _DATELINE.match(markdown)
    if match is None:
        return markdown, "", "", None
    place_text = match["place"].strip()
    place, _ = catalog_place(place_text)
    capitals = place_text.isupper() and len(place_text.replace(" ", "")) >= 3
    if place is None and not capitals:
        return markdown, "", "", None
    outlet = (match["outlet"] or "").strip()
    # "Banjarmasin, Senin (12/10) –" or a clause is not an outlet, so not a dateline.
    if (
        outlet
        and outlet.casefold() not in outlets
        and not outlet.isupper()
        and not _OUTLET.fullmatch(outlet)
    ):
        return markdown, "", "", None
    agency = header_value((match["agency"] or "").strip())
    rest = markdown[match.end() :]
    rest = rest[:1].upper() + rest[1:]
    return rest, place_text.upper(), agency, place


def _footer_pages(export: Export) -> tuple[set[str], Text]:
    """The ids of the pages meant for the footer, and how they were chosen."""
    menus: dict[str, set[str]] = {}
    for item in export.items:
        if item.post_type != "nav_menu_item" or item.meta.get("_menu_item_object") != "page":
            continue
        target = item.meta.get("_menu_item_object_id", "")
        for term in item.terms:
            if term.kind == "nav_menu":
                menus.setdefault(term.slug + " " + term.name, set()).add(target)
    footer = [pages for name, pages in menus.items() if _FOOTER_MENU.search(name)]
    if footer:
        return set().union(*footer), messages.FOOTER_FROM_MENU
    top = {
        item.id
        for item in export.items
        if item.post_type == "page" and item.status == "publish" and item.parent in ("", "0")
    }
    return top, messages.FOOTER_TOP_LEVEL


def _state(item: Item) -> str | None:
    if item.status not in _KEPT_STATUSES:
        return None
    if item.status == "publish" and not item.password:
        return PUBLISHED
    if item.status == "future" and not item.password and item.post_type == "post":
        return SCHEDULED
    if item.status in ("draft", "pending"):
        return DRAFT
    return WITHHELD


def _byline(item: Item, context: Context, notes: list[Note]) -> str:
    display = context.export.byline(item.creator) if item.creator else None
    if item.creator and display is None:
        notes.append(
            Note(
                messages.BYLINES,
                item.label,
                messages.UNKNOWN_AUTHOR.fill(login=shorten(header_value(item.creator), 60)),
            )
        )
    byline = clean_field(
        field_text(display or item.creator), "Author", item.label, notes, name=True
    )
    if not byline:
        byline = context.newsroom
        notes.append(
            Note(messages.CHANGED_VALUES, item.label, messages.NO_AUTHOR.fill(byline=byline))
        )
    return byline


def _featured(item: Item, context: Context, post: ImportedPost) -> None:
    """The post's featured image, to be copied by the media stage."""
    thumbnail = item.meta.get("_thumbnail_id", "")
    if not thumbnail:
        return
    attachment = context.export.attachment(thumbnail)
    if attachment is None or not attachment.attachment_url:
        post.notes.append(
            Note(
                messages.MISSING_PHOTOS,
                f"{post.subject}:1",
                messages.FEATURED_NOT_IN_EXPORT.fill(id=shorten(thumbnail, 20)),
            )
        )
        return
    post.notes += [Note(ODD_TEXT, attachment.label, message) for message in attachment.odd]
    label = item.label
    alt = clean_field(
        field_text(attachment.meta.get("_wp_attachment_image_alt", "")),
        "ImageAlt",
        label,
        post.notes,
    )
    from_title = not alt
    if from_title:
        alt = clean_field(field_text(attachment.title), "ImageAlt", label, post.notes)
    caption = clean_field(field_text(attachment.excerpt), "ImageCaption", label, post.notes)
    credit = clean_field(credit_of(attachment), "ImageCredit", label, post.notes)
    post.featured = FeaturedPhoto(attachment.attachment_url, alt, caption, credit, from_title)


def old_addresses(item: Item, post_date: datetime | None) -> list[str]:
    """Every address the item had on the old site, site-relative: its permalink as the export
    gives it, `/?p=ID` (and `/?page_id=ID` for a page), and `/YYYY/MM/DD/slug/`."""
    found: list[str] = []
    link = item.link.strip()
    try:
        parts = urlsplit(link)
    except ValueError:
        parts = urlsplit("")
    if parts.path or parts.query:
        path = "/" + parts.path.lstrip("/")
        found.append(path + (f"?{parts.query}" if parts.query else ""))
    number = item_number(item)
    if number.isdigit():
        found.append(f"/?p={number}")
        if item.post_type == "page":
            found.append(f"/?page_id={number}")
    if item.post_type == "post" and item.slug and post_date is not None:
        found.append(f"/{post_date:%Y/%m/%d}/{item.slug.strip()}/")
    cleaned = [address for address in found if _printable_path(address)]
    return list(dict.fromkeys(cleaned))


def _printable_path(address: str) -> bool:
    return address.startswith("/") and header_value(address) == address and " " not in address


def map_post(item: Item, context: Context, state: str) -> ImportedPost:
    """A WordPress post as a Warta article, filed by the editor's mapping."""
    notes: list[Note] = [Note(ODD_TEXT, item.label, message) for message in item.odd]
    published = local_time(item.date, item.date_gmt, context.timezone)
    if published is None and state == DRAFT:
        published = local_time(item.modified, item.modified_gmt, context.timezone)
    if published is None:
        raise WxrError(messages.NO_DATE)
    slug = _slug(item, context, notes)
    folder = PurePosixPath("articles", f"{published.year:04d}", f"{published.month:02d}")
    body = convert_body(
        item.content, context.export.attachments, context.export.attached.get(item.id, [])
    )
    markdown, dateline, agency, dateline_place = split_dateline(
        body.markdown,
        lambda name: find_place(name, context.places),
        context.outlet_names,
    )
    post = ImportedPost(
        item,
        ARTICLE,
        state,
        folder / f"{slug}.md",
        [],
        markdown,
        notes,
        body_photos=body.photos,
        galleries=body.galleries,
        date=published,
    )
    label = item.label
    title = clean_field(field_text(item.title), "Title", label, post.notes)
    if not title:
        title = messages.UNTITLED
        post.notes.append(Note(messages.CHANGED_VALUES, label, messages.NO_TITLE.fill(title=title)))
    post.header.append(("Title", title))
    post.notes += [Note(heading, label, message) for heading, message in body.notes]
    filing = context.mapping.filing(item, dateline_place)
    post.header.append(("Date", _format_time(published)))
    try:
        modified = local_time(item.modified, item.modified_gmt, context.timezone)
    except BadDate as error:
        post.notes.append(
            Note(
                messages.UNREADABLE_DATES,
                label,
                messages.UPDATE_TIME_LEFT_OUT.fill(problem=error.text),
            )
        )
        modified = None
    if modified is not None and modified > published:
        post.header.append(("Modified", _format_time(modified)))
    post.header.append(("Category", filing.desk))
    if filing.place is not None:
        post.header.append(("Location", filing.place.name))
    post.header.append(("Author", _byline(item, context, post.notes)))
    if filing.tags:
        post.header.append(("Tags", ", ".join(filing.tags)))
    # Pelican renders Summary as Markdown, so the excerpt's text is escaped like a body's.
    if summary := clean_field(field_text(item.excerpt), "Summary", label, post.notes):
        post.header.append(("Summary", escape_markdown(summary)))
    if dateline:
        post.header.append(("Dateline", dateline))
    if agency:
        post.header.append(("Source", agency))
    post.header.append(("Slug", slug))
    _featured(item, context, post)
    if state in (WITHHELD, DRAFT):
        post.header.append(("Status", "draft"))
    if state != DRAFT:
        post.aliases = old_addresses(item, local_time(item.date, "", context.timezone))
    return post


def map_page(item: Item, context: Context, state: str, folder: PurePosixPath) -> ImportedPost:
    """A WordPress page as a Warta page, in its parent page's folder."""
    notes: list[Note] = [Note(ODD_TEXT, item.label, message) for message in item.odd]
    slug = _slug(item, context, notes)
    body = convert_body(
        item.content, context.export.attachments, context.export.attached.get(item.id, [])
    )
    post = ImportedPost(
        item,
        PAGE,
        state,
        folder / f"{slug}.md",
        [],
        body.markdown,
        notes,
        body_photos=body.photos,
        galleries=body.galleries,
    )
    title = clean_field(field_text(item.title), "Title", item.label, post.notes)
    if not title:
        title = messages.UNTITLED
        post.notes.append(
            Note(messages.CHANGED_VALUES, item.label, messages.NO_TITLE.fill(title=title))
        )
    post.header.append(("Title", title))
    post.header.append(("Slug", slug))
    post.notes += [Note(heading, item.label, message) for heading, message in body.notes]
    if state == HIDDEN_PAGE:
        post.header.append(("Status", "hidden"))
    elif state in (WITHHELD, DRAFT):
        post.header.append(("Status", "draft"))
    if state not in (DRAFT, WITHHELD):
        post.aliases = old_addresses(item, None)
    return post


def _page_folders(export: Export, context: Context) -> dict[str, PurePosixPath]:
    """Each page's folder: pages/, then the slug of each parent page down to it."""
    pages = {item.id: item for item in export.items if item.post_type == "page"}
    folders: dict[str, PurePosixPath] = {}

    def folder(item: Item, depth: int = 0) -> PurePosixPath:
        if item.id in folders:
            return folders[item.id]
        parent = pages.get(item.parent)
        if parent is None or parent is item or depth > 20:  # a loop or an absent parent
            found = PurePosixPath("pages")
        else:
            found = folder(parent, depth + 1) / _slug(parent, context, [])
        folders[item.id] = found
        return found

    for item in pages.values():
        folder(item)
    return folders


def _rename(post: ImportedPost, slug: str) -> None:
    """Give a post whose address another post already takes a slug of its own, and say so."""
    before = post.subject
    post.target = post.target.with_name(f"{slug}.md")
    post.notes = [
        Note(note.heading, post.subject, note.message) if note.subject == before else note
        for note in post.notes
    ]
    post.put("Slug", slug)
    post.notes.append(
        Note(messages.CHANGED_VALUES, post.item.label, messages.RENAMED.fill(slug=slug))
    )


def plan(export: Export, context: Context, reserved: frozenset[str] = frozenset()) -> Plan:
    """Every post and page WordPress had, as a file to write, and every item not imported.

    An article's address is its month and slug, a page's its slug alone, so a second post of
    the same month and slug, or a page whose slug another page or a listing of the site
    (`reserved`) takes, gets the WordPress id after its slug."""
    posts: list[ImportedPost] = []
    skipped: list[Note] = []
    other_types: Counter[str] = Counter()
    left_behind: Counter[str] = Counter()
    footer, _ = _footer_pages(export)
    folders = _page_folders(export, context)
    taken: set[str] = set(reserved)
    for item in export.items:
        if item.post_type not in ("post", "page"):
            if item.post_type not in ("attachment", "nav_menu_item"):
                other_types[shorten(header_value(item.post_type), 30)] += 1
            continue
        state = _state(item)
        if state is None:
            left_behind[shorten(header_value(item.status), 30) or "?"] += 1
            continue
        try:
            if item.post_type == "post":
                post = map_post(item, context, state)
                if post.date is not None and post.state in (SCHEDULED, PUBLISHED):
                    # The build holds back a story dated later than its time, and publishes one
                    # whose time came (WordPress would have published it then).
                    post.state = SCHEDULED if post.date > context.now else PUBLISHED
            else:
                if state == PUBLISHED:
                    state = FOOTER_PAGE if item.id in footer else HIDDEN_PAGE
                post = map_page(item, context, state, folders.get(item.id, PurePosixPath("pages")))
        except WxrError as error:
            skipped.append(Note(messages.NOT_IMPORTED, item.label, error.text))
            continue
        key = str(post.target.parent / post.slug) if post.kind == ARTICLE else post.slug
        if key in taken:
            _rename(post, f"{post.slug}-{item_number(item)}"[:MAX_SLUG])
            key = str(post.target.parent / post.slug) if post.kind == ARTICLE else post.slug
        taken.add(key)
        posts.append(post)
    if other_types:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(other_types.items()))
        skipped.append(Note(messages.NOT_IMPORTED, "", messages.OTHER_TYPES.fill(kinds=kinds)))
    if left_behind:
        kinds = ", ".join(f"{count} '{status}'" for status, count in sorted(left_behind.items()))
        skipped.append(Note(messages.NOT_IMPORTED, "", messages.LEFT_BEHIND.fill(kinds=kinds)))
    sticky = [post for post in posts if post.item.sticky and post.state == PUBLISHED]
    return Plan(posts, skipped, sticky)
