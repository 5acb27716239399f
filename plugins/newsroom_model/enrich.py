"""What templates show about an article, computed once when Pelican creates it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import escape
from pelican.utils import truncate_html_words

from .catalog import Location, Source, StaffAuthor
from .dates import date_label
from .listings import location_address
from .schema import Correction


@dataclass(frozen=True)
class Byline:
    """One writer as printed: name, link to their page, and their role when on staff."""

    name: str
    url: str
    role: str
    bio: str


@dataclass(frozen=True)
class CorrectionNote:
    """A correction as the page prints it."""

    label: str
    iso: str
    note: str


@dataclass(frozen=True)
class LeadImage:
    """The article's lead photo, as given in its metadata."""

    path: str
    alt: str
    caption: str
    credit: str


def enrich_article(article: Any, settings: dict[str, Any]) -> None:
    """Set the display attributes the article template reads; metadata stays as read."""
    lang = getattr(article, "lang", None) or settings["DEFAULT_LANG"]
    formats = settings["WARTA_DATE_FORMATS"]
    zone = ZoneInfo(settings["TIMEZONE"])
    location: Location | None = getattr(article, "location", None)

    article.date_label = date_label(article.date, lang, formats, zone)
    modified = getattr(article, "modified", None)
    article.modified_label = (
        date_label(modified, lang, formats, zone) if modified and modified != article.date else ""
    )
    dateline = getattr(article, "dateline", "") or (location.dateline if location else "")
    article.dateline = dateline
    article.dateline_label = dateline_label(dateline, settings["WARTA_DATELINE_OUTLET"])
    article.location_trail = location.trail if location else []
    article.location_url = (
        location_address(location, settings["WARTA_LOCATION_URL"]) if location else ""
    )
    article.bylines = [_byline(author) for author in getattr(article, "authors", [])]
    source: Source | None = getattr(article, "source", None)
    article.source_info = source
    article.syndicated_from = getattr(article, "sourceurl", "") if source else ""
    article.source_page_url = (
        settings["WARTA_SOURCE_URL"].format(slug=source.slug)
        if source and settings["WARTA_SOURCE_SAVE_AS"]
        else ""
    )
    corrections: list[Correction] = getattr(article, "correction", None) or getattr(
        article, "corrections", []
    )
    article.correction_notes = [
        CorrectionNote(date_label(item.date, lang, formats, zone), item.date.isoformat(), item.note)
        for item in corrections
    ]
    image = getattr(article, "image", "")
    article.lead_image = (
        LeadImage(
            image,
            getattr(article, "imagealt", ""),
            getattr(article, "imagecaption", ""),
            getattr(article, "imagecredit", ""),
        )
        if image
        else None
    )


def _byline(author: Any) -> Byline:
    staff: StaffAuthor | None = getattr(author, "staff", None)
    return Byline(
        name=author.name,
        url=author.url,
        role=staff.role if staff else "",
        bio=staff.bio if staff else "",
    )


_FIRST_PARAGRAPH = re.compile(r"<p>(?P<inner>.*?)</p>", re.S)


def dateline_label(dateline: str, outlet: str) -> str:
    """'BANJARMASIN, WARTA BANUA –': where the story was filed, by whom."""
    return f"{dateline}, {outlet} –" if dateline else ""


def with_dateline(html: str, label: str) -> str:
    """The body with the dateline opening its first paragraph, as a newspaper prints it."""
    if not label:
        return html
    opening = f'<p><span class="dateline">{escape(label)}</span> '
    return _FIRST_PARAGRAPH.sub(lambda m: opening + m["inner"] + "</p>", html, count=1)


def first_paragraph(html: str, max_words: int | None, suffix: str) -> str:
    """The first paragraph, cut at a word boundary: the summary when none is written."""
    match = _FIRST_PARAGRAPH.search(html)
    if not match:
        return ""
    inner = match["inner"]
    if max_words:
        inner = truncate_html_words(inner, max_words, suffix)
    return f"<p>{inner}</p>"
