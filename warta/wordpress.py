"""Turn a WordPress WXR export into Warta articles and pages, reporting what was not mapped."""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag
from lxml import etree
from markdownify import markdownify
from newsroom_model.catalog import Catalog, Location
from pelican.utils import slugify

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

_NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_NO_DATE = "0000-00-00 00:00:00"
_SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)\b([^\]]*)\]")
_CAPTION = re.compile(r"\[caption\b(?P<attributes>[^\]]*)\](?P<inner>.*?)\[/caption\]", re.S)
_CAPTIONED = re.compile(
    r"\s*(?P<media>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<words>.*)", re.S
)
# Shortcodes WordPress ships; any other bracketed word is one only with attributes or a closing
# tag, so editorial brackets such as "[sic]" stay in the text.
_CORE_SHORTCODES = frozenset({"gallery", "audio", "video", "playlist", "embed", "caption"})
_EMBED = re.compile(r"\[embed\b[^\]]*\](?P<url>.*?)\[/embed\]", re.S)
_BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
_BLOCK_START = re.compile(
    r"^<(?:!--|(?:p|div|h[1-6]|ul|ol|li|dl|blockquote|figure|table|pre|hr|iframe|section)\b)",
    re.I,
)
_YOUTUBE = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/(?:embed/|watch\?v=)|youtu\.be/)(?P<id>[\w-]{11})"
)
_VIMEO = re.compile(r"vimeo\.com/(?:video/)?(?P<id>\d+)")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\((?P<url>[^)\s]+)\)")
_PHP_CREDIT = re.compile(r's:6:"credit";s:\d+:"(?P<credit>[^"]*)"')


class WxrError(ValueError):
    """The export cannot be read as a WordPress WXR file."""


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


@dataclass
class Export:
    """What the import needs from a WXR file: bylines by login and every item in file order."""

    authors: dict[str, str]
    items: list[Item]

    @cached_property
    def attachments(self) -> dict[str, Item]:
        return {item.id: item for item in self.items if item.post_type == "attachment"}

    def attachment(self, item_id: str) -> Item | None:
        return self.attachments.get(item_id)


@dataclass(frozen=True)
class Note:
    """One thing the import could not map, under a report heading."""

    heading: str
    subject: str
    message: str


@dataclass
class Story:
    """An item turned into a Warta file: where it goes, its header, body, photo and notes."""

    target: PurePosixPath
    header: list[tuple[str, str]]
    body: str
    notes: list[Note] = field(default_factory=list)
    photo: tuple[PurePosixPath, PurePosixPath] | None = None

    def text(self) -> str:
        lines = [f"{key}: {value}" for key, value in self.header]
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
    """The authors and items of a WXR file; entities are not expanded and nothing is fetched."""
    # huge_tree: a newsroom's archive holds text nodes over libxml2's 10 MB default; with
    # entities left unexpanded, size is the only cost.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise WxrError(f"not well-formed XML: {error}") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WxrError("not a WordPress export: no <rss><channel>")
    # Exports from older WordPress declare WXR 1.0 or 1.1 addresses under the same prefixes.
    ns = {**_NS, **{prefix: uri for prefix, uri in root.nsmap.items() if prefix in _NS}}
    authors = {
        _text(author, "wp:author_login", ns): _text(author, "wp:author_display_name", ns)
        for author in channel.findall("wp:author", ns)
    }
    return Export(authors, [_item(element, ns) for element in channel.findall("item")])


def _text(element: Any, path: str, ns: dict[str, str]) -> str:
    found = element.find(path, ns)
    return (found.text or "").strip() if found is not None else ""


def _item(element: Any, ns: dict[str, str]) -> Item:
    meta = {
        _text(entry, "wp:meta_key", ns): _text(entry, "wp:meta_value", ns)
        for entry in element.findall("wp:postmeta", ns)
    }
    terms = [
        Term(term.get("domain", ""), term.get("nicename", ""), (term.text or "").strip())
        for term in element.findall("category")
    ]
    return Item(
        id=_text(element, "wp:post_id", ns),
        title=_text(element, "title", ns),
        post_type=_text(element, "wp:post_type", ns),
        status=_text(element, "wp:status", ns),
        creator=_text(element, "dc:creator", ns),
        slug=_text(element, "wp:post_name", ns),
        date=_text(element, "wp:post_date", ns),
        date_gmt=_text(element, "wp:post_date_gmt", ns),
        modified=_text(element, "wp:post_modified", ns),
        modified_gmt=_text(element, "wp:post_modified_gmt", ns),
        content=_text(element, "content:encoded", ns),
        excerpt=_text(element, "excerpt:encoded", ns),
        terms=terms,
        meta=meta,
        attachment_url=_text(element, "wp:attachment_url", ns),
    )


# Pure transforms of one item


def local_time(local: str, gmt: str, zone: ZoneInfo) -> datetime | None:
    """A WordPress time in the site zone: from the GMT column when set, else the local one."""
    if gmt and gmt != _NO_DATE:
        return datetime.fromisoformat(gmt + "+00:00").astimezone(zone).replace(tzinfo=None)
    if local and local != _NO_DATE:
        return datetime.fromisoformat(local)
    return None


def _format_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M" if moment.second == 0 else "%Y-%m-%d %H:%M:%S")


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


def _one_line(text: str) -> str:
    """Plain text on one header line: tags removed, entities decoded, whitespace collapsed."""
    plain = BeautifulSoup(text, "html.parser").get_text(" ") if "<" in text else text
    return " ".join(html.unescape(plain).split())


def _label(item: Item) -> str:
    return f'WordPress {item.post_type} {item.id} "{_one_line(item.title)}"'


def autop(text: str) -> str:
    """Paragraphs for classic-editor posts, which WordPress stores as text with blank lines."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return "\n".join(
        block if _BLOCK_START.match(block) else f"<p>{block}</p>" for block in blocks if block
    )


def _video_link(url: str) -> str | None:
    """The watch page of a YouTube or Vimeo player or link, or None for other sites."""
    if match := _YOUTUBE.search(url):
        return f"https://www.youtube.com/watch?v={match['id']}"
    if match := _VIMEO.search(url):
        return f"https://vimeo.com/{match['id']}"
    return None


def _link_paragraph(url: str) -> str:
    link = html.escape(_video_link(url) or url, quote=True)
    return f'<p><a href="{link}">{link}</a></p>'


def convert_body(content: str) -> tuple[str, list[str]]:
    """Markdown for a post's HTML, and what in it was left out (shortcodes, unknown embeds).

    Captioned photos become a photo and an italic caption; embeds and video players become a
    plain link line, so the page loads no third-party script.
    """
    left_out: list[str] = []

    def caption(match: re.Match[str]) -> str:
        parts = _CAPTIONED.match(match["inner"])
        media, words = (parts["media"], parts["words"]) if parts else ("", match["inner"])
        # WordPress before 3.4 kept the caption in an attribute instead of after the photo.
        if not words.strip() and (old := re.search(r'caption="([^"]*)"', match["attributes"])):
            words = old[1]
        return f"<figure>{media}<figcaption>{words.strip()}</figcaption></figure>"

    text = _CAPTION.sub(caption, content)
    text = _EMBED.sub(lambda match: "\n\n" + _link_paragraph(match["url"].strip()) + "\n\n", text)

    closed = {match[2] for match in _SHORTCODE.finditer(text) if match[1]}

    def shortcode(match: re.Match[str]) -> str:
        name = match[2]
        if name not in _CORE_SHORTCODES | closed and "=" not in match[3]:
            return match[0]
        if not match[1]:
            kind = "not converted" if name == "gallery" else "left out"
            left_out.append(f"[{name}] shortcode {kind}")
        return ""

    text = _SHORTCODE.sub(shortcode, text)
    text = _BARE_URL_LINE.sub(lambda match: "\n\n" + _link_paragraph(match[1]) + "\n\n", text)
    soup = BeautifulSoup(autop(text), "html.parser")
    for frame in soup.find_all("iframe"):
        source = str(frame.get("src", ""))
        if _video_link(source):
            frame.replace_with(BeautifulSoup(_link_paragraph(source), "html.parser"))
        else:
            left_out.append(f"embedded frame from {urlsplit(source).netloc or 'unknown'} left out")
            frame.decompose()
    for figure in soup.find_all("figure"):
        figcaption = figure.find("figcaption")
        words = figcaption.get_text(" ", strip=True) if isinstance(figcaption, Tag) else ""
        if isinstance(figcaption, Tag):
            figcaption.decompose()
        image = figure.find("img")
        if isinstance(image, Tag) and not str(image.get("alt", "")).strip() and words:
            image["alt"] = words
        if words:
            note = soup.new_tag("p")
            emphasis = soup.new_tag("em")
            emphasis.string = words
            note.append(emphasis)
            figure.insert_after(note)
        figure.unwrap()
    for image in soup.find_all("img"):
        if not str(image.get("alt", "")).strip():
            source = str(image.get("src", ""))
            left_out.append(f"photo {PurePosixPath(urlsplit(source).path).name} has no alt text")
            image.replace_with(BeautifulSoup(f'<a href="{source}">Foto</a>', "html.parser"))
    markdown = markdownify(
        str(soup), heading_style="ATX", bullets="-", strip=["script", "style"], escape_misc=False
    )
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n", left_out


def _uploads_path(url: str) -> PurePosixPath | None:
    """The part of an attachment address below wp-content/uploads/, e.g. 2026/11/foto.jpg."""
    path = unquote(urlsplit(url).path)
    marker = "/wp-content/uploads/"
    if marker not in path:
        return None
    return PurePosixPath(path.split(marker, 1)[1])


def body_photos(markdown: str) -> dict[str, PurePosixPath]:
    """Each photo address in a Markdown body that points into wp-content/uploads/."""
    found: dict[str, PurePosixPath] = {}
    for match in _MARKDOWN_IMAGE.finditer(markdown):
        if (relative := _uploads_path(match["url"])) is not None:
            found[match["url"]] = relative
    return found


def _photo(item: Item, export: Export, story: Story) -> None:
    """Image, ImageAlt, ImageCaption and ImageCredit from the post's featured image."""
    thumbnail = item.meta.get("_thumbnail_id", "")
    if not thumbnail:
        return
    attachment = export.attachment(thumbnail)
    relative = _uploads_path(attachment.attachment_url) if attachment else None
    if attachment is None or relative is None:
        story.notes.append(
            Note("Missing images", _label(item), f"featured image {thumbnail} is not in the export")
        )
        return
    image = PurePosixPath("images") / relative
    story.photo = (relative, image)
    alt = _one_line(attachment.meta.get("_wp_attachment_image_alt", ""))
    if not alt:
        alt = _one_line(attachment.title)
        story.notes.append(
            Note(
                "Missing alt text",
                _label(item),
                f"{relative.name} has no alt text; its title '{alt}' is used, describe the photo",
            )
        )
    story.header.append(("Image", image.as_posix()))
    story.header.append(("ImageAlt", alt))
    if caption := _one_line(attachment.excerpt):
        story.header.append(("ImageCaption", caption))
    credit = attachment.meta.get("_media_credit", "")
    found = _PHP_CREDIT.search(attachment.meta.get("_wp_attachment_metadata", ""))
    if credit := _one_line(credit or (found["credit"] if found else "")):
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
        desk = mapping.desk(term.name)
        place, could_be = find_place(term.name, mapping.catalog)
        if desk:
            desks.append(desk)
        elif place:
            places[term.kind].append((term.name, place))
        else:
            if could_be:
                names = " or ".join(place.name for place in could_be)
                notes.append(
                    Note("Ambiguous places", _label(item), f"{kind} '{term.name}' could be {names}")
                )
            elif term.kind == "category":
                notes.append(
                    Note("Unknown categories", _label(item), f"'{term.name}' kept as a tag")
                )
            tags.append(term.name.replace(",", " "))
    desk = desks[0] if desks else None
    if len(set(desks)) > 1:
        notes.append(
            Note("Several desks", _label(item), f"filed under {', '.join(desks)}; {desk} used")
        )
    # A category files the story; a tag only mentions a place, so it decides only without one.
    chosen = places["category"] or places["post_tag"]
    place = chosen[0][1] if chosen else None
    for name, other in [*places["category"], *places["post_tag"]]:
        if other is not place:
            tags.append(name)
            if any(other is rival for _, rival in chosen):
                notes.append(
                    Note("Several places", _label(item), f"also names {other}; {place} used")
                )
    return desk, place, list(dict.fromkeys(tags)), notes


def _slug(item: Item, mapping: Mapping) -> str:
    slug = slugify(unquote(item.slug) or item.title, mapping.slug_substitutions)
    return slug or f"post-{item.id}"


def map_item(item: Item, export: Export, mapping: Mapping) -> Story:
    """A published post as a Warta article; a post missing a required field becomes a draft.

    A field that cannot be mapped is left out rather than guessed, so `warta check` names the
    file and field (and the build stops) until an editor fills it in.
    """
    published = local_time(item.date, item.date_gmt, mapping.timezone)
    if published is None:
        raise WxrError("it has no date")
    slug = _slug(item, mapping)
    target = PurePosixPath("articles", published.strftime("%Y/%m"), f"{slug}.md")
    body, left_out = convert_body(item.content)
    title = _one_line(item.title)
    desk, place, tags, notes = _filing(item, mapping)
    byline = export.authors.get(item.creator) or item.creator
    story = Story(target, [("Title", title)] if title else [], body)
    story.notes += [Note("Unconverted content", _label(item), what) for what in left_out]
    story.notes += notes
    story.header.append(("Date", _format_time(published)))
    modified = local_time(item.modified, item.modified_gmt, mapping.timezone)
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
    if summary := _one_line(item.excerpt):
        story.header.append(("Summary", summary))
    story.header.append(("Slug", slug))
    _photo(item, export, story)
    required = (("Title", title), ("Category", desk), ("Location", place), ("Author", byline))
    if missing := [label for label, found in required if not found]:
        story.header.append(("Status", "draft"))
        story.notes.append(
            Note(
                "Written as drafts",
                f"content/{target}",
                f"no {' or '.join(missing)} could be mapped from WordPress; add "
                f"{', '.join(missing)}, then remove 'Status: draft'",
            )
        )
    return story


def map_page(item: Item, mapping: Mapping) -> Story:
    """A published WordPress page as a Warta page (Tentang, Redaksi, ...)."""
    slug = _slug(item, mapping)
    body, left_out = convert_body(item.content)
    story = Story(PurePosixPath("pages", f"{slug}.md"), [("Title", _one_line(item.title))], body)
    story.header.append(("Slug", slug))
    story.notes += [Note("Unconverted content", _label(item), what) for what in left_out]
    story.notes.append(Note("Pages", _label(item), f"written as content/{story.target}"))
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
                    else map_page(item, mapping)
                )
            except WxrError as error:
                skipped.append(Note("Not imported: unreadable", _label(item), str(error)))
                continue
            if story.target in taken:
                _rename(story, f"{_slug(item, mapping)}-{item.id}", _label(item))
            taken.add(story.target)
            stories.append(story)
        elif item.post_type in ("post", "page"):
            skipped.append(
                Note("Not imported: unpublished", _label(item), f"status '{item.status}'")
            )
        elif item.post_type != "attachment":
            skipped.append(Note("Not imported: other types", _label(item), "not a post or page"))
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
    """Writes files below the project, never over one changed since the importer wrote it."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.manifest_path = project / MANIFEST_NAME
        self.manifest: dict[str, str] = (
            json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if self.manifest_path.exists()
            else {}
        )

    def put(self, target: Path, data: bytes, outcome: Outcome) -> None:
        name = (
            target.relative_to(self.project).as_posix()
            if target.is_relative_to(self.project)
            else target.as_posix()
        )
        if target.exists():
            current = target.read_bytes()
            if current == data:
                self.manifest[name] = _digest(data)
                outcome.unchanged.append(name)
                return
            if self.manifest.get(name) != _digest(current):
                why = (
                    "changed since it was imported"
                    if name in self.manifest
                    else "already there, not written by an import"
                )
                outcome.notes.append(Note("Kept as edited", name, f"{why}; not overwritten"))
                return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.manifest[name] = _digest(data)
        outcome.written.append(name)

    def save(self) -> None:
        text = json.dumps(dict(sorted(self.manifest.items())), indent=2) + "\n"
        self.manifest_path.write_text(text, encoding="utf-8")


def run_import(
    export: Export, mapping: Mapping, content: Path, project: Path, uploads: Path | None
) -> Outcome:
    """Write every planned story and its photo; returns what was done and what was not."""
    content = content.resolve()
    stories, skipped = plan(export, mapping)
    writer = Writer(project)
    outcome = Outcome()
    for story in stories:
        for url, relative in body_photos(story.body).items():
            source = uploads / relative if uploads is not None else None
            if source is not None and source.is_file():
                writer.put(content / "images" / relative, source.read_bytes(), outcome)
                story.body = story.body.replace(f"]({url})", f"]({{static}}/images/{relative})")
            else:
                story.notes.append(
                    Note("Missing images", f"content/{story.target}", f"{url} still linked")
                )
        if story.photo is not None:
            relative, image = story.photo
            source = uploads / relative if uploads is not None else None
            if source is not None and source.is_file():
                writer.put(content / image, source.read_bytes(), outcome)
            else:
                where = f"not found in {uploads}" if uploads else "no --uploads folder given"
                story.notes.append(
                    Note("Missing images", f"content/{story.target}", f"{relative}: {where}")
                )
                story.header = [
                    (key, value) for key, value in story.header if not key.startswith("Image")
                ]
        writer.put(content / story.target, story.text().encode("utf-8"), outcome)
        outcome.notes += story.notes
    outcome.notes += skipped
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
        lines += [f"- {note.subject}: {note.message}" for note in notes]
    if not headings:
        lines += ["", "Everything was mapped."]
    return "\n".join(lines) + "\n"
