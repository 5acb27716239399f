"""Mapping: each published post and page as a Warta file, its header from WordPress's fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from newsroom_model.catalog import Catalog, Location
from pelican.utils import slugify

from .markdown import ImportedGallery, convert_body, escape_markdown
from .messages import MISSING_IMAGES, ODD_TEXT, Note
from .shortcodes import credit_of
from .text import clean_field, header_value, plain_text, shorten
from .urls import uploads_path
from .wxr import BadDate, Export, Item, WxrError

# WordPress desk names that differ from Warta's, matched without regard to case; the site's
# WARTA_WORDPRESS_DESKS is merged over these.
DEFAULT_DESKS: dict[str, str] = {
    "Berita Daerah": "Daerah",
    "Regional": "Daerah",
    "Pemerintahan": "Politik",
    "Kriminal": "Hukum",
    "Sport": "Olahraga",
}
# The category WordPress gives a post nobody filed; it says nothing about the post.
_DEFAULT_CATEGORIES = frozenset({"uncategorized", "tak-berkategori", "tidak-berkategori"})
# A place's name without these, e.g. "Banjarmasin" for "Kota Banjarmasin", still names it.
_NO_DATE = "0000-00-00 00:00:00"
_SLUG_LENGTH = 200
_PLACE_PREFIXES = ("Kota ", "Kabupaten ", "Kab. ", "Provinsi ")


@dataclass
class ImportedPost:
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
        raise BadDate(f"its date '{shorten(header_value(unreadable), 40)}' is not a date")
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


def _photo(item: Item, export: Export, post: ImportedPost) -> None:
    """Image, ImageAlt, ImageCaption and ImageCredit from the post's featured image."""
    thumbnail = item.meta.get("_thumbnail_id", "")
    if not thumbnail:
        return
    attachment = export.attachment(thumbnail)
    relative = uploads_path(attachment.attachment_url) if attachment else None
    if attachment is None or relative is None:
        where = "is not in the export" if attachment is None else "is not in wp-content/uploads"
        post.notes.append(
            Note(MISSING_IMAGES, item.label, f"featured image {shorten(thumbnail, 20)} {where}")
        )
        return
    post.notes += [Note(ODD_TEXT, attachment.label, message) for message in attachment.odd]
    image = PurePosixPath("images") / relative
    post.photo = (relative, image)
    alt = clean_field(
        plain_text(attachment.meta.get("_wp_attachment_image_alt", "")),
        "ImageAlt",
        item.label,
        post.notes,
    )
    if not alt:
        alt = clean_field(plain_text(attachment.title), "ImageAlt", item.label, post.notes)
        post.notes.append(
            Note(
                "Missing alt text",
                item.label,
                f"{shorten(header_value(relative.name), 80)} has no alt text; its title '{alt}' "
                "is used, describe the photo",
            )
        )
    post.header.append(("Image", image.as_posix()))
    post.header.append(("ImageAlt", alt))
    if caption := clean_field(
        plain_text(attachment.excerpt), "ImageCaption", item.label, post.notes
    ):
        post.header.append(("ImageCaption", caption))
    if credit := clean_field(credit_of(attachment), "ImageCredit", item.label, post.notes):
        post.header.append(("ImageCredit", credit))


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
        name = clean_field(plain_text(term.name), "Tag", item.label, notes, name=True)
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


def map_item(item: Item, export: Export, mapping: Mapping) -> ImportedPost:
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
    post = ImportedPost(
        folder / f"{slug}.md",
        [],
        body.markdown,
        body_photos=body.photos,
        galleries=body.galleries,
    )
    post.notes += [Note(ODD_TEXT, label, message) for message in item.odd]
    if title := clean_field(plain_text(item.title), "Title", label, post.notes):
        post.header.append(("Title", title))
    post.notes += [Note(heading, label, message) for heading, message in body.notes]
    desk, place, tags, notes = _filing(item, mapping)
    post.notes += notes
    display = export.byline(item.creator) if item.creator else None
    if item.creator and display is None:
        post.notes.append(
            Note(
                "Bylines",
                label,
                f"'{shorten(header_value(item.creator), 60)}' is not among the export's authors; "
                "the login is used as the byline",
            )
        )
    byline = clean_field(
        plain_text(display or item.creator), "Author", label, post.notes, name=True
    )
    post.header.append(("Date", _format_time(published)))
    try:
        modified = local_time(item.modified, item.modified_gmt, mapping.timezone)
    except BadDate as error:
        post.notes.append(Note("Unreadable dates", label, f"update time left out: {error}"))
        modified = None
    if modified is not None and modified > published:
        post.header.append(("Modified", _format_time(modified)))
    if desk:
        post.header.append(("Category", desk))
    if place:
        post.header.append(("Location", place.name))
    if byline:
        post.header.append(("Author", byline))
    if tags:
        post.header.append(("Tags", ", ".join(tags)))
    # Pelican renders Summary as Markdown, so the excerpt's text is escaped like a body's.
    if summary := clean_field(plain_text(item.excerpt), "Summary", label, post.notes):
        post.header.append(("Summary", escape_markdown(summary)))
    post.header.append(("Slug", slug))
    _photo(item, export, post)
    required = (("Title", title), ("Category", desk), ("Location", place), ("Author", byline))
    if missing := [name for name, found in required if not found]:
        post.header.append(("Status", "draft"))
        post.notes.append(
            Note(
                "Written as drafts",
                f"content/{post.target}",
                f"no {' or '.join(missing)} could be mapped from WordPress; add "
                f"{', '.join(missing)}, then remove 'Status: draft'",
            )
        )
    return post


def map_page(item: Item, export: Export, mapping: Mapping) -> ImportedPost:
    """A published WordPress page as a Warta page (Tentang, Redaksi, ...)."""
    slug = _slug(item, mapping)
    body = convert_body(item.content, export.attachments)
    post = ImportedPost(
        PurePosixPath("pages", f"{slug}.md"),
        [],
        body.markdown,
        body_photos=body.photos,
        galleries=body.galleries,
    )
    post.notes += [Note(ODD_TEXT, item.label, message) for message in item.odd]
    if title := clean_field(plain_text(item.title), "Title", item.label, post.notes):
        post.header.append(("Title", title))
    post.header.append(("Slug", slug))
    post.notes += [Note(heading, item.label, message) for heading, message in body.notes]
    post.notes.append(Note("Pages", item.label, f"written as content/{post.target}"))
    return post


def _rename(post: ImportedPost, slug: str, label: str) -> None:
    """Give a post whose file another post already takes a slug of its own, and say so."""
    before = f"content/{post.target}"
    post.target = post.target.with_name(f"{slug}.md")
    post.notes = [
        Note(note.heading, f"content/{post.target}", note.message)
        if note.subject == before
        else note
        for note in post.notes
    ]
    post.header = [(key, slug if key == "Slug" else value) for key, value in post.header]
    post.notes.append(
        Note("Renamed", label, f"its slug is taken by an earlier post; written as {slug}")
    )


def plan(export: Export, mapping: Mapping) -> tuple[list[ImportedPost], list[Note]]:
    """Every published post and page as a file to write, and every item not imported."""
    posts: list[ImportedPost] = []
    skipped: list[Note] = []
    taken: set[PurePosixPath] = set()
    for item in export.items:
        if item.post_type in ("post", "page") and item.status == "publish":
            try:
                post = (
                    map_item(item, export, mapping)
                    if item.post_type == "post"
                    else map_page(item, export, mapping)
                )
            except WxrError as error:
                skipped.append(Note("Not imported: unreadable", item.label, str(error)))
                continue
            if post.target in taken:
                _rename(post, f"{_slug(item, mapping)}-{_item_number(item)}", item.label)
            taken.add(post.target)
            posts.append(post)
        elif item.post_type in ("post", "page"):
            status = shorten(header_value(item.status), 30)
            skipped.append(Note("Not imported: unpublished", item.label, f"status '{status}'"))
        elif item.post_type != "attachment":
            skipped.append(Note("Not imported: other types", item.label, "not a post or page"))
    return posts, skipped
