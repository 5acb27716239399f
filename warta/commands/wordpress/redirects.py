"""Old addresses: every WordPress address readers and search engines know leads to the new page.

Written to the site's redirect mechanism (docs: the stable-addresses design): a post's and a
page's own old addresses in its `Aliases:` header, and `content/data/redirects.yaml` for the
addresses that are not one story: category, tag and author archives and the feeds. Until the
build reads `Aliases:` (newsroom_model's schema names the field), a story's old addresses go
to redirects.yaml too, each leading to its content file, which the build resolves to its page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml
from newsroom_model.catalog import Location
from newsroom_model.listings import location_address
from newsroom_model.old_addresses import AddressError, read_old_address
from newsroom_model.schema import FIELDS

from warta.messages import Hint, Text

from . import messages
from .mapping import TermMapping
from .posts import ARTICLE, FOOTER_PAGE, HIDDEN_PAGE, PUBLISHED, SCHEDULED, ImportedPost
from .text import header_value
from .wxr import Export

REDIRECTS_FILE = PurePosixPath("data", "redirects.yaml")
# The import's own part of the redirects file, rewritten by each import; the rest is the
# newsroom's and is never changed.
BLOCK_START = "# Old WordPress addresses, rewritten by each `warta import-wordpress`:"
BLOCK_END = "# End of the old WordPress addresses."
# The states whose page the site publishes (a scheduled one once its time comes).
PUBLISHED_STATES = frozenset({PUBLISHED, SCHEDULED, FOOTER_PAGE, HIDDEN_PAGE})
# WordPress's feeds of the whole site, by every address its themes and plugins linked.
SITE_FEEDS = ("/feed/", "/feed/atom/", "/feed/rss/", "/feed/rss2/", "/feed/rdf/", "/?feed=rss2")
HOME = "/"


def address_refusal(old: str) -> Hint:
    """Why the build would refuse `old` as an old address ('' when it takes it): its own rule."""
    try:
        read_old_address(old)
    except AddressError as error:
        if not error.hint:
            return error.message
        return messages.REFUSAL_WITH_HINT.fill(message=error.message, hint=error.hint)
    return ""


class RedirectsFileError(ValueError):
    """The redirects file is not a YAML list; `text` says so in the site's language."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


def aliases_in_header() -> bool:
    """Whether the build reads `Aliases:` in a story's header (the stable-addresses work)."""
    return "aliases" in FIELDS


@dataclass
class ImportedRedirects:
    """The entries of redirects.yaml, each old address once, in the order they were found."""

    entries: dict[str, str] = field(default_factory=dict)
    # The addresses the new site answers at: an old address among them needs no redirect (and
    # the build refuses one).
    published: set[str] = field(default_factory=set)

    def add(self, old: str, new: str) -> None:
        if (
            old != new
            and old not in self.published
            and old.startswith("/")
            and header_value(old) == old
            and " " not in old
            and not address_refusal(old)
        ):
            self.entries.setdefault(old, new)

    def merged_into(self, existing: str) -> tuple[str, int]:
        """The redirects file with the import's entries in a block of their own at its end,
        every other line of it kept as written; an old address the file already leads
        somewhere (or withdraws) outside the block is left to it. Returns the text and how many
        entries the block holds. RedirectsFileError when the rest of the file is not a YAML list."""
        head, _, rest = existing.partition(BLOCK_START)
        _, _, tail = rest.partition(BLOCK_END + "\n")
        kept = (head.rstrip("\n") + "\n" + tail.lstrip("\n")).strip("\n")
        written = yaml.safe_load(kept) if kept else None
        if written is not None and not isinstance(written, list):
            raise RedirectsFileError(messages.REDIRECTS_NOT_A_LIST)
        taken = {
            str(entry.get(key, "")).strip()
            for entry in written or []
            if isinstance(entry, dict)
            for key in ("from", "gone")
        }
        lines = [BLOCK_START]
        count = 0
        for old, new in self.entries.items():
            if old not in taken:
                lines += [f"- from: {_quoted(old)}", f"  to: {_quoted(new)}"]
                count += 1
        lines.append(BLOCK_END)
        text = (kept + "\n" if kept else "") + "\n".join(lines) + "\n"
        return text, count


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def new_address(post: ImportedPost, settings: dict[str, Any], slug_of: Callable[[str], str]) -> str:
    """The post's address on the new site, site-relative, as the build formats it."""
    pattern = settings["ARTICLE_URL" if post.kind == ARTICLE else "PAGE_URL"]
    fields = {
        "slug": post.slug,
        "date": post.date,
        "lang": settings.get("DEFAULT_LANG", "id"),
        "category": slug_of(post.get("Category")) if post.get("Category") else "",
        "author": slug_of(post.get("Author")) if post.get("Author") else "",
        "path": str(post.target.with_suffix("")),
    }
    return "/" + str(pattern).format(**fields).lstrip("/")


@dataclass(frozen=True)
class ImportedListings:
    """The listings the imported stories give the new site, and how to address each."""

    settings: dict[str, Any]
    slug_of: Callable[[str], str]
    desks: frozenset[str]
    places: dict[str, Location]
    tags: frozenset[str]
    authors: frozenset[str]

    def _url(self, setting: str, slug: str) -> str:
        if not self.settings.get(f"{setting}_SAVE_AS"):
            return ""
        return "/" + str(self.settings[f"{setting}_URL"]).format(slug=slug, name=slug).lstrip("/")

    def _feed(self, kind: str, slug: str) -> str:
        pattern = self.settings.get("WARTA_FEED_PATHS", {}).get(kind, "")
        formats = self.settings.get("WARTA_FEED_FORMATS") or ["atom"]
        return "/" + pattern.replace("{slug}", slug).format(format=formats[0]) if pattern else ""

    def site_feed(self) -> str:
        return self._feed("site", "") or HOME

    def desk(self, name: str) -> tuple[str, str]:
        slug = self.slug_of(name)
        return self._url("CATEGORY", slug), self._feed("desk", slug)

    def tag(self, name: str) -> tuple[str, str]:
        slug = self.slug_of(name)
        return self._url("TAG", slug), self._feed("tag", slug)

    def author(self, name: str) -> tuple[str, str]:
        slug = self.slug_of(name)
        return self._url("AUTHOR", slug), self._feed("author", slug)

    def place(self, place: Location) -> tuple[str, str]:
        pattern = self.settings.get("WARTA_LOCATION_URL", "")
        page = (
            "/" + location_address(place, pattern).lstrip("/")
            if self.settings.get("WARTA_LOCATION_SAVE_AS")
            else ""
        )
        return page, self._feed("location", place.path)


def listings_of(
    posts: Iterable[ImportedPost],
    settings: dict[str, Any],
    slug_of: Callable[[str], str],
    mapping: TermMapping,
) -> ImportedListings:
    """The desks, places, tags and writers the published imported stories list."""
    desks: set[str] = set()
    tags: set[str] = set()
    authors: set[str] = set()
    places: dict[str, Location] = {}
    for post in posts:
        if post.kind != ARTICLE or post.state != PUBLISHED:
            continue
        desks.add(post.get("Category"))
        authors.add(post.get("Author"))
        tags.update(tag.strip() for tag in post.get("Tags").split(",") if tag.strip())
        place = mapping.rules.catalog.location(post.get("Location"))
        while place is not None:  # a place's listing and every region above it
            places[place.name] = place
            place = place.parent
    return ImportedListings(
        settings, slug_of, frozenset(desks), places, frozenset(tags), frozenset(authors)
    )


def published_addresses(listings: ImportedListings) -> set[str]:
    """Every listing and feed address the imported stories give the site."""
    found: set[str] = {listings.site_feed()}
    for desk in listings.desks:
        found.update(listings.desk(desk))
    for tag in listings.tags:
        found.update(listings.tag(tag))
    for author in listings.authors:
        found.update(listings.author(author))
    for place in listings.places.values():
        found.update(listings.place(place))
    return {address for address in found if address}


def listing_redirects(
    export: Export,
    mapping: TermMapping,
    listings: ImportedListings,
    logins: dict[str, str],
    redirects: ImportedRedirects,
) -> None:
    """Category, tag and author archives and feeds, each to the listing that took its stories
    (a desk, then a place, then a tag), or the home page when none did."""
    site_feed = listings.site_feed()
    for old in SITE_FEEDS:
        redirects.add(old, site_feed)
    redirects.add("/comments/feed/", site_feed)
    seen: set[tuple[str, str]] = set()
    for item in export.items:
        if item.post_type != "post":
            continue
        for term in item.terms:
            if term.kind not in ("category", "post_tag") or (term.kind, term.slug) in seen:
                continue
            seen.add((term.kind, term.slug))
            rule = mapping.rule(term.kind, term.slug, term.name)
            page, feed = "", ""
            if rule.desk in listings.desks:
                page, feed = listings.desk(rule.desk)
            if not page and rule.place is not None and rule.place.name in listings.places:
                page, feed = listings.place(rule.place)
            if not page and rule.tag in listings.tags:
                page, feed = listings.tag(rule.tag)
            base = "category" if term.kind == "category" else "tag"
            redirects.add(f"/{base}/{term.slug}/", page or HOME)
            redirects.add(f"/{base}/{term.slug}/feed/", feed or site_feed)
            term_id = export.term_ids.get((term.kind, term.slug), "")
            if term.kind == "category" and term_id.isdigit():
                redirects.add(f"/?cat={term_id}", page or HOME)
            elif term.kind == "post_tag":
                redirects.add(f"/?tag={term.slug}", page or HOME)
    for login, byline in logins.items():
        page, feed = listings.author(byline) if byline in listings.authors else ("", "")
        redirects.add(f"/author/{login}/", page or HOME)
        redirects.add(f"/author/{login}/feed/", feed or site_feed)
