"""Atom and RSS feeds for the whole site and each desk, place, author, source and tag.

A story appears in many feeds (the site's, its desk's, its places', its writers'...), so each
story's entry is made once per format and kind of content, and every feed is its entries put
together. The XML is written here rather than with feedgenerator, which Pelican uses: it builds
a SAX document per feed and formats every entry again for each one, which at 10,000 stories
and 8,000 feed files took most of a minute. The output follows the same RSS 2.0 and Atom 1.0
elements; the tests read every feed with feedparser, as feed readers do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsroom_model.record import Story

from warta.views import FeedLink

from .model import Outlet
from .xmltext import escape, quoteattr, rss_text

MIME_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
_LINK_ATTRIBUTE = re.compile(r'\b(?P<name>src|href|poster)="(?P<value>[^"]*)"')
_SRCSET = re.compile(r'\bsrcset="(?P<value>[^"]*)"')
_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'


@dataclass(frozen=True)
class Enclosure:
    """The lead photo's sharing crop, as feeds attach it."""

    url: str
    alt: str
    length: int


@dataclass
class Feed:
    """One listing's stories, written once per format."""

    kind: str
    title: str
    link: str
    path: str
    stories: list[Story]
    full: bool

    def links(self, outlet: Outlet, formats: list[str]) -> tuple[FeedLink, ...]:
        return tuple(
            FeedLink(
                f"{self.title} ({kind.upper()})",
                outlet.absolute(self.path_of(kind)),
                MIME_TYPES[kind],
                kind,
            )
            for kind in formats
        )

    def path_of(self, kind: str) -> str:
        return self.path.format(format=kind)


def absolute_links(html: str, base: str) -> str:
    """The HTML with every src, href, poster and srcset URL made absolute against `base`."""

    def one(url: str) -> str:
        return url if url.startswith(("#", "mailto:", "data:")) else urljoin(base, url)

    html = _LINK_ATTRIBUTE.sub(lambda m: f'{m["name"]}="{one(m["value"])}"', html)
    return _SRCSET.sub(
        lambda m: (
            'srcset="'
            + ", ".join(
                " ".join([one(parts[0]), *parts[1:]])
                for candidate in m["value"].split(",")
                if (parts := candidate.split())
            )
            + '"'
        ),
        html,
    )


def tag_uri(url: str, date: datetime) -> str:
    """A permanent entry id (RFC 4151), as feedgenerator's `get_tag_uri` makes it."""
    parts = urlsplit(url)
    return f"tag:{parts.hostname},{date:%Y-%m-%d}:{parts.path}"


@dataclass
class Entries:
    """Each story's feed entry per format and content, made once for every feed that lists it.

    `body(story)` gives the story's full HTML with absolute links; `enclosure(story)` its
    photo; `author(name)` a writer's page URL.
    """

    outlet: Outlet
    url_of: Any
    body_of: Any
    enclosure_of: Any
    author_url: Any
    made: dict[tuple[str, str, bool], str] = field(default_factory=dict)

    def entry(self, story: Story, kind: str, full: bool) -> str:
        key = (story.path, kind, full)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = (self._atom if kind == "atom" else self._rss)(story, full)
        return found

    def _common(self, story: Story, full: bool) -> tuple[str, str, str, Enclosure | None]:
        url = self.outlet.absolute(self.url_of(story))
        summary = absolute_links(story.summary, url)
        image = self.enclosure_of(story)
        figure = (
            f"<figure><img src={quoteattr(image.url)} alt={quoteattr(image.alt)}></figure>"
            if image
            else ""
        )
        body = absolute_links(self.body_of(story), url) if full else summary
        return url, summary, figure + body, image

    def _atom(self, story: Story, full: bool) -> str:
        outlet = self.outlet
        url, summary, content, image = self._common(story, full)
        parts = [
            f"<entry><title>{escape(story.title)}</title>",
            f'<link href={quoteattr(url)} rel="alternate"/>',
            f"<published>{outlet.time(story.date)}</published>",
            f"<updated>{outlet.time(story.last_changed)}</updated>",
        ]
        if story.authors:
            parts.append(f"<author><name>{escape(', '.join(story.authors))}</name>")
            first = self.author_url(story.authors[0])
            if first:
                parts.append(f"<uri>{escape(outlet.absolute(first))}</uri>")
            parts.append("</author>")
        parts.append(f"<id>{escape(tag_uri(url, story.date))}</id>")
        if full:
            parts.append(f'<summary type="html">{escape(summary)}</summary>')
            parts.append(f'<content type="html">{escape(content)}</content>')
        else:
            parts.append(f'<summary type="html">{escape(content)}</summary>')
        if image is not None:
            parts.append(
                f'<link href={quoteattr(image.url)} rel="enclosure" '
                f'length="{image.length}" type="image/jpeg"/>'
            )
        for term in (story.category, *story.tags):
            if term:
                parts.append(f"<category term={quoteattr(term)}/>")
        parts.append("</entry>")
        return "".join(parts)

    def _rss(self, story: Story, full: bool) -> str:
        outlet = self.outlet
        url, _, content, image = self._common(story, full)
        parts = [
            f"<item><title>{rss_text(story.title)}</title>",
            f"<link>{escape(url)}</link>",
            f"<description>{escape(content)}</description>",
        ]
        if story.authors:
            parts.append(f"<dc:creator>{rss_text(', '.join(story.authors))}</dc:creator>")
        parts.append(f"<pubDate>{format_datetime(story.date.astimezone(outlet.zone))}</pubDate>")
        parts.append(f'<guid isPermaLink="false">{escape(tag_uri(url, story.date))}</guid>')
        if image is not None:
            parts.append(
                f'<enclosure url={quoteattr(image.url)} length="{image.length}" type="image/jpeg"/>'
            )
        for term in (story.category, *story.tags):
            text = rss_text(term)
            if text:
                parts.append(f"<category>{text}</category>")
        parts.append("</item>")
        return "".join(parts)


def document(feed: Feed, kind: str, entries: Entries, limit: int, fallback: datetime) -> str:
    """One feed file."""
    outlet = entries.outlet
    stories = feed.stories[:limit]
    updated = max((story.last_changed for story in stories), default=fallback)
    self_url = outlet.absolute(feed.path_of(kind))
    items = "".join(entries.entry(story, kind, feed.full) for story in stories)
    if kind == "atom":
        return (
            f'{_HEAD}<feed xml:lang={quoteattr(outlet.lang)} xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(feed.title)}</title>"
            f'<link href={quoteattr(feed.link)} rel="alternate"/>'
            f'<link href={quoteattr(self_url)} rel="self"/>'
            f"<id>{escape(feed.link)}</id><updated>{outlet.time(updated)}</updated>"
            f"<subtitle>{escape(outlet.description)}</subtitle>{items}</feed>"
        )
    return (
        f'{_HEAD}<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{rss_text(feed.title)}</title><link>{escape(feed.link)}</link>"
        f"<description>{rss_text(outlet.description)}</description>"
        f'<atom:link href={quoteattr(self_url)} rel="self"/>'
        f"<language>{escape(outlet.lang)}</language>"
        f"<lastBuildDate>{format_datetime(updated.astimezone(outlet.zone))}</lastBuildDate>"
        f"{items}</channel></rss>"
    )


def feed_title(name: str, outlet: Outlet) -> str:
    return f"{name} | {outlet.name}"
