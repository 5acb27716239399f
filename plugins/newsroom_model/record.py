"""One story or page as the rest of the build sees it: a plain, typed, picklable record.

`assemble` turns a `SourceFile` (one file as read) into a `Story`: the header is validated
against the schema and the newsroom's data, the body's links are checked against the content
folder, and every value is in its final type. Plugins and templates read these records, never
Pelican's objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from warta.messages import t
from warta.problems import Problem, bounded

from .catalog import Location, Source
from .dates import date_label
from .live import Live, live_coverage
from .old_addresses import OldAddress
from .schema import ARTICLE, Correction, Rules, file_slug, validate
from .source import Body, SourceFile


@dataclass(frozen=True)
class LeadImage:
    """The story's lead photo as its metadata gives it."""

    path: str
    alt: str
    caption: str
    credit: str
    focus: tuple[float, float] | None
    line: int


@dataclass(frozen=True)
class Story:
    """A validated article or static page.

    `status` is as written; whether a story is out yet is the run's to say (`is_scheduled`), as
    it depends on the build's time. `source_info` is the catalog's entry for `Source:` or one
    made from its name.
    """

    path: str
    display: str
    kind: str
    digest: str
    title: str
    slug: str
    date: datetime
    modified: datetime | None
    status: str
    lang: str
    category: str
    location: Location | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    source_info: Source | None
    source_url: str
    summary_html: str
    body: Body
    image: LeadImage | None
    dateline: str
    corrections: tuple[Correction, ...]
    pins: tuple[str, ...]
    template: str
    lines: tuple[tuple[str, int], ...]
    body_line: int
    # The date and update as the reader's language tells them ('' for no update).
    date_label: str = ""
    modified_label: str = ""
    # Until when the site carries a breaking-news banner for the story (`Breaking:`).
    breaking: datetime | None = None
    # Live coverage (`Live:`): its updates, read from the body's level-2 headings.
    live: Live | None = None
    # Old addresses that lead to this story (`Aliases:`).
    aliases: tuple[OldAddress, ...] = ()

    def line_of(self, *names: str) -> int:
        found = dict(self.lines)
        return next((found[name] for name in names if name in found), 1)

    @property
    def summary(self) -> str:
        """The summary as HTML: the one written, else the body's first paragraph, cut."""
        return self.summary_html or self.body.lead

    @property
    def last_changed(self) -> datetime:
        return self.modified or self.date


# Stands in for a date that is wrong or missing in a file the build will refuse anyway, so the
# rest of the run can go on to find every other problem.
EPOCH = datetime(1970, 1, 1)


def assemble(
    read: SourceFile, path: str, display: str, kind: str, *, rules: Rules, default_lang: str
) -> tuple[Story | None, list[Problem]]:
    """The record of one file, with every problem found in it.

    None when the file could not be read at all (not UTF-8, a control character in the body).
    """
    problems = [finding.at(display) for finding in read.findings]
    if read.body is None or (
        not read.fields and any(finding.field == "Header" for finding in read.findings)
    ):
        # Unreadable, or a header refused whole: its fields are not "missing", only unread.
        return None, problems
    checked = validate(list(read.fields), kind, display, rules)
    problems.extend(checked.problems)
    problems.extend(_unwritten(read.body.html, display, read.body_line, rules.placeholders))
    problems.extend(_missing_links(read.body, path, display, rules.content_root))
    data = checked.metadata
    image = None
    if "image" in data:
        image = LeadImage(
            path=str(data["image"]),
            alt=str(data.get("imagealt", "")),
            caption=str(data.get("imagecaption", "")),
            credit=str(data.get("imagecredit", "")),
            focus=data.get("imagefocus"),  # type: ignore[arg-type]
            line=checked.lines["image"],
        )
    place = data.get("location")
    location = place if isinstance(place, Location) else None
    source_name = str(data.get("source", ""))
    source_info = None
    if source_name:
        source_info = rules.catalog.source(source_name) or Source(
            source_name, rules.slug(source_name)
        )
    authors = data.get("authors", data.get("author", []))
    date = data.get("date")
    title = str(data.get("title", "") or Path(path).stem)
    corrections = data.get("correction", data.get("corrections", []))
    lang = str(data.get("lang", default_lang))
    when = date if isinstance(date, datetime) else EPOCH.replace(tzinfo=rules.timezone)
    modified = data.get("modified")
    breaking = data.get("breaking")
    live = None
    if "live" in data and isinstance(date, datetime):
        live, found = live_coverage(
            str(data["live"]),
            read.body.sections,
            len(read.body.html),
            published=date,
            lang=lang,
            formats=rules.date_formats,
            zone=rules.timezone,
            path=display,
        )
        problems.extend(found)
        last = live.last
        # The last update is the story's last change, unless a later Modified is given.
        if last is not None and (not isinstance(modified, datetime) or modified < last.moment):
            modified = last.moment
    story = Story(
        path=path,
        display=display,
        kind=kind,
        digest=read.digest,
        title=title,
        slug=str(data.get("slug") or file_slug(path, rules) or "untitled"),
        date=when,
        modified=modified,  # type: ignore[arg-type]
        status=str(data.get("status", "published")),
        lang=lang,
        category=str(data.get("category", "")),
        location=location,
        authors=tuple(str(name) for name in authors),  # type: ignore[attr-defined]
        tags=tuple(str(tag) for tag in data.get("tags", [])),  # type: ignore[attr-defined]
        source_info=source_info,
        source_url=str(data.get("sourceurl", "")) if source_info else "",
        summary_html=read.body.summary_html,
        body=read.body,
        image=image,
        dateline=str(data.get("dateline", "") or (location.dateline if location else "")),
        corrections=tuple(corrections),  # type: ignore[arg-type]
        pins=tuple(str(slug) for slug in data.get("related", [])),  # type: ignore[attr-defined]
        template=str(data.get("template", "article" if kind == ARTICLE else "page")),
        lines=tuple(sorted(checked.lines.items())),
        body_line=read.body_line,
        date_label=date_label(when, lang, rules.date_formats, rules.timezone)
        if rules.date_formats
        else "",
        modified_label=date_label(modified, lang, rules.date_formats, rules.timezone)
        if isinstance(modified, datetime) and modified != when and rules.date_formats
        else "",
        breaking=breaking if isinstance(breaking, datetime) else None,
        live=live,
        aliases=tuple(data.get("aliases", ())),  # type: ignore[arg-type]
    )
    return story, problems


def _unwritten(html: str, display: str, line: int, placeholders: frozenset[str]) -> list[Problem]:
    """A problem when the body still holds the line `warta new` started it with."""
    for placeholder in placeholders:
        if placeholder in html:
            return [
                Problem(
                    display,
                    line,
                    "Body",
                    t(
                        "still holds '{placeholder}', the line warta new starts a story with",
                        placeholder=bounded(placeholder),
                    ),
                    t("write the story in its place"),
                )
            ]
    return []


def still_valid(story: Story, root: Path) -> bool:
    """Whether a record assembled by an earlier build still holds: the files it points to (its
    photo, its links) are still there. Everything else it depends on is in the cache's key."""
    if story.image is not None:
        target = (root / story.image.path).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return False
    # Most stories link no file: no path is made for them (at 100,000 stories, making one per
    # story was most of the second this check took in a one-story build).
    return not story.body.links or not _missing_links(story.body, story.path, story.display, root)


def _missing_links(body: Body, path: str, display: str, root: Path) -> list[Problem]:
    """A problem for each `{static}`/`{filename}` link that points to no file in content/."""
    problems = []
    folder = Path(path).parent
    for link in body.links:
        target = link.target
        resolved = (root / target.lstrip("/")) if target.startswith("/") else folder / target
        resolved = resolved.resolve()
        if not resolved.is_relative_to(root) or not resolved.is_file():
            problems.append(
                Problem(
                    display,
                    link.line,
                    "Body",
                    t("link to '{target}' points to no file", target=bounded(target)),
                    t("paths after {{static}} are relative to this file, or to content/ with '/'"),
                )
            )
    return problems
