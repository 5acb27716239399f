"""Atom and RSS feeds for the whole site and each desk, place, author, source and tag."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed, get_tag_uri
from markupsafe import escape
from newsroom_model.listings import Listings

from .model import Site, plain, social_images

FEED_CLASSES: dict[str, type[SyndicationFeed]] = {"atom": Atom1Feed, "rss": Rss201rev2Feed}
MIME_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
_LINK_ATTRIBUTE = re.compile(r'\b(?P<name>src|href|poster)="(?P<value>[^"]*)"')
_SRCSET = re.compile(r'\bsrcset="(?P<value>[^"]*)"')


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page's <link rel="alternate"> announces it."""

    title: str
    url: str
    type: str
    format: str


@dataclass
class Feed:
    """One listing's stories, written once per format."""

    title: str
    link: str
    path: str
    articles: list[Any]

    def links(self, site: Site, formats: list[str]) -> list[FeedLink]:
        return [
            FeedLink(
                f"{self.title} ({kind.upper()})",
                site.absolute(self.path_of(kind)),
                MIME_TYPES[kind],
                kind,
            )
            for kind in formats
        ]

    def path_of(self, kind: str) -> str:
        return self.path.format(format=kind)


def plan_feeds(
    articles: list[Any], listings: Listings, site: Site, settings: dict[str, Any]
) -> dict[str, Feed]:
    """Every feed the site gets, keyed by the listing page that announces it ('' for the site).

    Each listing kind with a path in WARTA_FEED_PATHS (desk, location, author, source, tag) gets
    a feed of the listing's stories; a region's feed holds the stories of every place inside it.
    """
    paths = settings["WARTA_FEED_PATHS"]
    newest = sorted(articles, key=lambda item: item.date, reverse=True)
    feeds = {"": Feed(site.name, site.url + "/", paths["site"], newest)}
    for listing in listings.written():
        path = paths.get(listing.kind)
        if path:
            feeds[listing.save_as] = Feed(
                f"{listing.name} | {site.name}",
                site.absolute(listing.url),
                path.replace("{slug}", listing.slug),
                listing.articles,
            )
    return feeds


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


def write_feeds(feeds: dict[str, Feed], site: Site, settings: dict[str, Any], output: Path) -> int:
    """Write every planned feed in every format; returns how many files were written."""
    written = 0
    for feed in feeds.values():
        for kind in settings["WARTA_FEED_FORMATS"]:
            path = output / feed.path_of(kind)
            path.parent.mkdir(parents=True, exist_ok=True)
            document = _document(feed, kind, site, settings, output)
            with path.open("w", encoding="utf-8") as handle:
                document.write(handle, "utf-8")
            written += 1
    return written


def _document(
    feed: Feed, kind: str, site: Site, settings: dict[str, Any], output: Path
) -> SyndicationFeed:
    document = FEED_CLASSES[kind](
        title=feed.title,
        link=feed.link,
        description=site.description,
        feed_url=site.absolute(feed.path_of(kind)),
        language=site.lang,
    )
    full = settings["WARTA_FEED_CONTENT"] == "full"
    for article in feed.articles[: settings["WARTA_FEED_MAX_ITEMS"]]:
        url = site.absolute(article.url)
        image = _lead_image(article, site, output)
        summary = absolute_links(str(getattr(article, "summary", "") or ""), url)
        body = absolute_links(article.get_content(site.url), url) if full else summary
        figure = (
            f'<figure><img src="{escape(image.url)}" alt="{escape(image.alt)}"></figure>'
            if image
            else ""
        )
        bylines = list(getattr(article, "bylines", []))
        document.add_item(
            title=plain(article.title),
            link=url,
            unique_id=get_tag_uri(url, article.date),
            # RSS has one field for the text; Atom keeps the summary beside the full content.
            description=figure + body if kind == "rss" or not full else summary,
            content=figure + body if kind == "atom" and full else None,
            author_name=", ".join(byline.name for byline in bylines) or None,
            author_link=site.absolute(bylines[0].url) if bylines else None,
            pubdate=article.date.astimezone(site.zone),
            updateddate=(getattr(article, "modified", None) or article.date).astimezone(site.zone),
            categories=[
                str(article.category),
                *(str(tag) for tag in getattr(article, "tags", []) or []),
            ],
            enclosures=[Enclosure(image.url, str(image.length), "image/jpeg")] if image else [],
        )
    return document


@dataclass(frozen=True)
class _Image:
    url: str
    alt: str
    length: int


def _lead_image(article: Any, site: Site, output: Path) -> _Image | None:
    """The lead photo's sharing crop (or the photo itself without news_images), with its size."""
    lead = getattr(article, "lead_image", None)
    if lead is None:
        return None
    crops = social_images(article)
    path = crops.og.url if crops is not None else lead.path
    file = output / path
    return _Image(site.absolute(path), lead.alt, file.stat().st_size if file.is_file() else 0)
