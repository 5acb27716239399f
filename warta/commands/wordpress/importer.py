"""The import from start to end, in the order it runs: plan every post by the editor's mapping,
have its photos, give it its old addresses, check it with the build's own schema, write it; then
the redirects, the comments and the report's figures."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from newsroom_model.addresses import slugger
from newsroom_model.header import split_source
from newsroom_model.schema import ARTICLE, Rules, validate

from warta.problems import Problem

from . import messages
from .comments import COMMENTS_NAME, Handover, IssoUnavailable, handover, import_into_isso
from .files import MANIFEST_NAME, Outcome, PathRefused, Writer, inside
from .mapping import (
    UNFILED_CATEGORIES,
    MappingError,
    TermMapping,
    count_terms,
    default_tag,
    place_index,
)
from .media import Had, PhotoSource, own_hosts, place_photos
from .messages import Note
from .posts import (
    DRAFT,
    FOOTER_PAGE,
    HIDDEN_PAGE,
    PAGE,
    SCHEDULED,
    WITHHELD,
    Context,
    ImportedPost,
    plan,
)
from .redirects import (
    PUBLISHED_STATES,
    REDIRECTS_FILE,
    ImportedRedirects,
    RedirectsFileError,
    address_refusal,
    aliases_in_header,
    listing_redirects,
    listings_of,
    new_address,
    published_addresses,
)
from .text import shorten
from .wxr import Export

# Header fields a story can do without: one the build refuses is left out, and said so.
_OPTIONAL = (
    "Tags",
    "Summary",
    "Modified",
    "Source",
    "Dateline",
    "ImageCaption",
    "ImageCredit",
    "Aliases",
)
_IMAGE_FIELDS = ("Image", "ImageAlt", "ImageCaption", "ImageCredit")
_LOGIN_CHARACTERS = re.compile(r"[^a-z0-9_.@-]+")


@dataclass
class Options:
    """How the editor ran the import."""

    uploads: Path | None = None
    fetch_from: str = ""
    isso_config: Path | None = None
    source: str = "export.xml"


@dataclass
class Summary:
    """The figures at the top of the report."""

    states: Counter[tuple[str, str]] = field(default_factory=Counter)
    photos_copied: int = 0
    photos_fetched: int = 0
    photos_missing: int = 0
    galleries: int = 0
    gallery_photos: int = 0
    comments: Handover = field(default_factory=Handover)
    comments_to: str = ""
    aliases: int = 0
    redirects: int = 0
    aliases_in_header: bool = False


def unfiled_problems(posts: list[ImportedPost], mapping: TermMapping) -> list[Problem]:
    """The mapping file's problem when a story would get no desk or no place: every story needs
    both, so the editor gives a default (or a term a desk) before anything is written."""
    problems = []
    for what, field_name, key in (
        (messages.WHAT_DESK, "Category", "desk"),
        (messages.WHAT_PLACE, "Location", "location"),
    ):
        unfiled = [post for post in posts if post.kind == ARTICLE and not post.get(field_name)]
        if unfiled:
            examples = ", ".join(f"'{shorten(post.get('Title'), 40)}'" for post in unfiled[:3])
            problems.append(
                Problem(
                    mapping.path,
                    _default_line(mapping.path, key),
                    f"default.{key}",
                    messages.MAPPING_UNFILED.fill(count=len(unfiled), what=what, examples=examples),
                    messages.MAPPING_UNFILED_HINT.fill(what=what),
                )
            )
    return problems


def _default_line(path: str, key: str) -> int:
    """The line of `default:`'s `key` in the mapping file (of `default:` when not found)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    start = next((number for number, line in enumerate(lines, 1) if line.startswith("default")), 1)
    found = (
        number
        for number, line in enumerate(lines[start:], start + 1)
        if line.strip().startswith(f"{key}:")
    )
    return next(found, start)


def reserved_slugs(
    settings: dict[str, Any], content: Path, manifest: dict[str, str]
) -> frozenset[str]:
    """Addresses a page of the import cannot take: the first folder of every address the site
    writes (kategori, tag, feeds, ...) and the slugs of the site's own pages."""
    names: set[str] = {"theme", "images", "data", "pagefind", "feeds"}
    for key, value in settings.items():
        if isinstance(value, str) and key.endswith(("_SAVE_AS", "_URL", "_PATH")) and value:
            first = value.lstrip("/").split("/", 1)[0].removesuffix(".html")
            if first and "{" not in first and "." not in first:
                names.add(first)
    for value in (settings.get("WARTA_FEED_PATHS") or {}).values():
        names.add(str(value).lstrip("/").split("/", 1)[0])
    pages = content / "pages"
    if pages.is_dir():
        for path in pages.rglob("*.md"):
            if f"{content.name}/{path.relative_to(content).as_posix()}" not in manifest:
                names.add(_slug_of_file(path))
    return frozenset(names)


def _slug_of_file(path: Path) -> str:
    try:
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    except (OSError, UnicodeDecodeError):
        return path.stem
    for line in header.splitlines():
        if line.lower().startswith("slug:"):
            return line.split(":", 1)[1].strip()
    return path.stem


def _check(post: ImportedPost, rules: Rules) -> list[Problem]:
    """What the build's own header reader and schema say of the post's file; a refused optional
    field is left out, and the header read again. (The body is the Markdown writer's, and its
    photos are the ones copied: what the schema checks is what a WordPress value can break.)"""
    for _ in range(len(_OPTIONAL) + 2):
        split = split_source(post.text(), post.subject)
        checked = validate(
            split.fields, ARTICLE if post.kind != PAGE else "page", post.subject, rules
        )
        problems = [*split.problems, *checked.problems]
        if not problems:
            return []
        droppable = [p for p in problems if p.field in _OPTIONAL or p.field in _IMAGE_FIELDS]
        if len(droppable) < len(problems):
            return [p for p in problems if p not in droppable]
        for problem in droppable:
            dropped = _IMAGE_FIELDS if problem.field in _IMAGE_FIELDS else (problem.field,)
            post.drop(*dropped)
            post.notes.append(
                Note(
                    messages.CHANGED_VALUES,
                    post.subject,
                    messages.FIELD_DROPPED.fill(field=problem.field, problem=problem.message),
                )
            )
    return problems


def _mark_lines(post: ImportedPost) -> None:
    """The report's line for each photo left out: the line of its mark in the written file."""
    lines = post.text().splitlines()
    used: set[int] = set()
    for marker, message in post.missing:
        found = [number for number, line in enumerate(lines, 1) if marker in line]
        number = next((number for number in found if number not in used), found[0] if found else 1)
        used.add(number)
        post.notes.append(Note(messages.MISSING_PHOTOS, f"{post.subject}:{number}", message))


def _login_slug(login: str) -> str:
    return _LOGIN_CHARACTERS.sub("-", login.strip().lower()).strip("-")


@dataclass
class _Run:
    """One import's state as it goes from stage to stage."""

    export: Export
    mapping: TermMapping
    settings: dict[str, Any]
    rules: Rules
    project: Path
    options: Options
    writer: Writer
    context: Context
    outcome: Outcome = field(default_factory=Outcome)
    summary: Summary = field(default_factory=Summary)
    redirects: ImportedRedirects = field(default_factory=ImportedRedirects)
    addresses: dict[int, str] = field(default_factory=dict)
    claimed: set[str] = field(default_factory=set)

    @property
    def content(self) -> Path:
        return Path(self.settings["PATH"])

    def give_addresses(self, post: ImportedPost, slug_of: Callable[[str], str]) -> None:
        """The post's new address, and its old ones: in its header once the build reads
        `Aliases:`, until then in redirects.yaml, leading to its file."""
        address = new_address(post, self.settings, slug_of)
        self.addresses[id(post)] = address
        aliases = []
        for alias in post.aliases:
            refusal = address_refusal(alias)
            if refusal:
                post.notes.append(
                    Note(
                        messages.CHANGED_VALUES,
                        post.subject,
                        messages.ALIAS_REFUSED.fill(alias=alias, problem=refusal),
                    )
                )
            elif alias != address and "," not in alias:
                aliases.append(alias)
        if post.state not in PUBLISHED_STATES or not aliases:
            return
        # One old address leads to one place: a second item with the same WordPress id (an
        # export can have them) leaves it to the first.
        taken = [alias for alias in aliases if alias in self.claimed]
        for alias in taken:
            post.notes.append(
                Note(messages.CHANGED_VALUES, post.subject, messages.ALIAS_TAKEN.fill(alias=alias))
            )
        aliases = [alias for alias in aliases if alias not in self.claimed]
        self.claimed.update(aliases)
        if not aliases:
            return
        self.summary.aliases += len(aliases)
        if self.summary.aliases_in_header:
            post.put("Aliases", ", ".join(aliases), before="Status")
        elif post.state != SCHEDULED:
            for alias in aliases:
                self.redirects.add(alias, post.target.as_posix())

    def write(self, post: ImportedPost) -> None:
        """The post's file, if the build's own reader and schema take it."""
        problems = _check(post, self.rules)
        _mark_lines(post)
        self.outcome.notes += post.notes
        if problems:
            self.outcome.notes += [
                Note(
                    messages.NOT_WRITTEN,
                    post.subject,
                    messages.REFUSED_BY_BUILD.fill(problem=problem.text),
                )
                for problem in problems
            ]
            return
        self.writer.put(post.target, post.text().encode("utf-8"), self.outcome, post.subject)
        self.summary.states[(post.kind, post.state)] += 1
        if post.state == WITHHELD:
            why = messages.LOCKED_POST if post.item.password else messages.PRIVATE
            self.outcome.notes.append(Note(messages.WITHHELD_POSTS, post.subject, why))

    def count_photos(self, photos: PhotoSource) -> None:
        for got in photos.found.values():
            if isinstance(got, Had):
                self.summary.photos_copied += got.how == "copied"
                self.summary.photos_fetched += got.how == "fetched"
            else:
                self.summary.photos_missing += 1

    def write_redirects(self, posts: list[ImportedPost], slug_of: Callable[[str], str]) -> None:
        listings = listings_of(posts, self.settings, slug_of, self.mapping)
        self.redirects.published |= published_addresses(listings)
        self.redirects.published |= set(self.addresses.values())
        # WordPress answers only for a writer with published posts: the others had no archive.
        writers = {
            post.item.creator.casefold()
            for post in posts
            if post.state in PUBLISHED_STATES and post.item.creator
        }
        logins = {
            _login_slug(login): self.export.byline(login) or login
            for login in self.export.authors
            if login.casefold() in writers
        }
        logins.pop("", None)
        listing_redirects(self.export, self.mapping, listings, logins, self.redirects)
        subject = f"content/{REDIRECTS_FILE}"
        try:
            target = inside(self.content, REDIRECTS_FILE)
            existing = target.read_text(encoding="utf-8") if target.is_file() else ""
            text, self.summary.redirects = self.redirects.merged_into(existing)
            if text != existing:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        except (PathRefused, OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
            why = error.text if isinstance(error, PathRefused | RedirectsFileError) else str(error)
            self.outcome.notes.append(
                Note(messages.NOT_WRITTEN, subject, messages.REDIRECTS_NOT_WRITTEN.fill(error=why))
            )


def run_import(  # noqa: PLR0917 - the import's inputs, each its own
    export: Export,
    mapping: TermMapping,
    settings: dict[str, Any],
    rules: Rules,
    project: Path,
    options: Options,
) -> tuple[Outcome, Summary]:
    """Write every post, page and photo, the redirects and the comments' copy; returns what was
    done and everything the report lists. MappingError, before anything is written, when the
    mapping leaves a story without a desk or a place."""
    writer = Writer(project, Path(settings["PATH"]))
    # The site's hosts: its own addresses, and those its uploads were at (a site that moved
    # kept its old domain in its attachments' addresses).
    uploads_at = tuple(item.attachment_url for item in export.attachments.values())
    hosts = own_hosts(export.site_addresses + uploads_at)
    context = Context(
        export=export,
        mapping=mapping,
        timezone=ZoneInfo(settings["TIMEZONE"]),
        slug_substitutions=settings["SLUG_REGEX_SUBSTITUTIONS"],
        newsroom=str(settings.get("AUTHOR") or settings.get("SITENAME") or "Redaksi"),
        outlet_names=frozenset(hosts) | {str(settings.get("SITENAME", "")).casefold()},
        now=datetime.now(ZoneInfo(settings["TIMEZONE"])).replace(tzinfo=None),
        places=place_index(rules),
    )
    run = _Run(export, mapping, settings, rules, project, options, writer, context)
    run.summary.aliases_in_header = aliases_in_header()
    planned = plan(export, context, reserved_slugs(settings, run.content, writer.manifest))
    if problems := unfiled_problems(planned.posts, mapping):
        raise MappingError(problems)
    if writer.unreadable_manifest:
        message = messages.MANIFEST_UNREADABLE.fill(error=writer.unreadable_manifest)
        run.outcome.notes.append(Note(messages.KEPT_AS_EDITED, MANIFEST_NAME, message))
    photos = PhotoSource(
        options.uploads,
        hosts,
        options.fetch_from,
        max_pixels=int(settings.get("WARTA_IMAGES_MAX_PIXELS", 100_000_000)),
    )
    slug_of = slugger(settings)
    for post in planned.posts:
        place_photos(post, photos, writer, run.outcome)
        run.summary.galleries += post.gallery_count
        run.summary.gallery_photos += post.gallery_photos
        run.give_addresses(post, slug_of)
        run.write(post)
    run.count_photos(photos)
    run.write_redirects(planned.posts, slug_of)
    run.outcome.notes += _term_notes(export, mapping)
    if mapping.unlisted:
        names = ", ".join(f"'{shorten(rule.name, 40)}'" for rule in mapping.unlisted[:20])
        run.outcome.notes.append(
            Note(
                messages.CHANGED_VALUES,
                mapping.path,
                messages.UNLISTED_TERMS.fill(count=len(mapping.unlisted), names=names),
            )
        )
    run.outcome.notes += planned.skipped
    run.outcome.notes += export.notes
    _pages_note(planned.posts, run.outcome)
    _sticky_note(planned.sticky, run.outcome)
    _hand_over_comments(planned.posts, run)
    writer.save()
    return run.outcome, run.summary


def _term_notes(export: Export, mapping: TermMapping) -> list[Note]:
    """A line for each term whose tag is not its name as the first draft of the mapping made
    it: the build's tag rule changed it (a comma, a name with no letters or digits)."""
    notes = []
    for term in count_terms(export):
        rule = mapping.rule(term.kind, term.slug, term.name)
        if rule.desk or rule.place is not None or rule.tag == term.name:
            continue
        guessed = default_tag(term.kind, term.slug, term.name, mapping.rules)
        if rule.tag != guessed or term.slug in UNFILED_CATEGORIES:
            continue  # the editor's own choice, or WordPress's "Uncategorized"
        label = f"{'category' if term.kind == 'category' else 'tag'} '{shorten(term.name, 60)}'"
        message = messages.TAG_CHANGED.fill(tag=rule.tag) if rule.tag else messages.TAG_LEFT_OFF
        notes.append(Note(messages.CHANGED_VALUES, label, message))
    return notes


def _pages_note(posts: list[ImportedPost], outcome: Outcome) -> None:
    footer = [post.get("Title") for post in posts if post.state == FOOTER_PAGE]
    hidden = [post for post in posts if post.state == HIDDEN_PAGE]
    if footer or hidden:
        outcome.notes.append(
            Note(
                messages.PAGES,
                "",
                messages.PAGES_PLACED.fill(
                    footer=", ".join(footer) or messages.NONE, hidden=len(hidden)
                ),
            )
        )


def _sticky_note(sticky: list[ImportedPost], outcome: Outcome) -> None:
    if sticky:
        slugs = ", ".join(json.dumps(post.slug) for post in sticky)
        outcome.notes.append(
            Note(messages.STICKY_POSTS, "pelicanconf.py", messages.STICKY.fill(slugs=slugs))
        )


def _hand_over_comments(posts: list[ImportedPost], run: _Run) -> None:
    """The comments' copy beside the settings, and into Isso when its configuration is given."""
    summary, outcome, options = run.summary, run.outcome, run.options
    site_url = str(run.settings.get("WARTA_SITE_URL") or run.settings.get("SITEURL") or "")
    # Every story with comments but drafts: a withheld or scheduled story keeps its thread at
    # its address, and shows it if it is published one day.
    published = [
        (post, site_url.rstrip("/") + run.addresses[id(post)])
        for post in posts
        if post.state != DRAFT and post.item.comments and id(post) in run.addresses
    ]
    summary.comments = handover(published, run.context.timezone)
    if not summary.comments.kept:
        return
    copy = run.project / COMMENTS_NAME
    copy.write_bytes(summary.comments.copy)
    summary.comments_to = COMMENTS_NAME
    if options.isso_config is None:
        outcome.notes.append(
            Note(
                messages.COMMENTS,
                COMMENTS_NAME,
                messages.COMMENTS_WAITING.fill(count=summary.comments.kept),
            )
        )
        return
    try:
        threads, taken = import_into_isso(summary.comments.copy, options.isso_config)
    except IssoUnavailable as error:
        outcome.notes.append(
            Note(messages.COMMENTS, COMMENTS_NAME, messages.ISSO_FAILED.fill(error=error.text))
        )
        return
    summary.comments_to = "Isso"
    outcome.notes.append(
        Note(
            messages.COMMENTS,
            str(options.isso_config),
            messages.ISSO_DONE.fill(threads=threads, comments=taken),
        )
    )
