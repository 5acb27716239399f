"""sitemap.xml (an index past the URL limit), news-sitemap.xml and robots.txt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from .model import Site, plain

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class Entry:
    """One address in the sitemap, with the time its content last changed."""

    url: str
    lastmod: datetime | None


def last_changed(article: Any) -> datetime:
    modified: datetime | None = getattr(article, "modified", None)
    return modified or article.date


def indexable(article: Any) -> bool:
    """False for a syndicated copy: its canonical is elsewhere, or it asks not to be indexed."""
    return not getattr(article, "syndicated_from", "")


def plan_sitemap(
    site: Site, articles: list[Any], pages: list[Any], listings: list[tuple[Any, list[Any]]]
) -> list[Entry]:
    """Home, every listing's first page, every indexable article and every page.

    A listing counts as changed when its newest story did.
    """
    stories = [article for article in articles if indexable(article)]
    newest = max((last_changed(item) for item in stories), default=None)
    entries = [Entry(site.url + "/", newest)]
    for listing, items in listings:
        entries.append(
            Entry(
                site.absolute(listing.url),
                max((last_changed(item) for item in items), default=None),
            )
        )
    entries += [Entry(site.absolute(item.url), last_changed(item)) for item in stories]
    entries += [Entry(site.absolute(page.url), getattr(page, "modified", None)) for page in pages]
    return entries


def write_sitemaps(entries: list[Entry], site: Site, output: Path, limit: int) -> list[str]:
    """sitemap.xml, or an index of sitemap-1.xml, sitemap-2.xml... past `limit` URLs."""
    entries = [
        Entry(entry.url, entry.lastmod.astimezone(site.zone) if entry.lastmod else None)
        for entry in entries
    ]
    chunks = [entries[start : start + limit] for start in range(0, len(entries), limit)] or [[]]
    if len(chunks) == 1:
        _write(output / "sitemap.xml", _urlset(chunks[0]))
        return ["sitemap.xml"]
    names = [f"sitemap-{number}.xml" for number in range(1, len(chunks) + 1)]
    for name, chunk in zip(names, chunks, strict=True):
        _write(output / name, _urlset(chunk))
    listed = "".join(
        f"<sitemap><loc>{escape(site.absolute(name))}</loc>{_lastmod(_newest(chunk))}</sitemap>\n"
        for name, chunk in zip(names, chunks, strict=True)
    )
    _write(
        output / "sitemap.xml", f'<sitemapindex xmlns="{SITEMAP_NS}">\n{listed}</sitemapindex>\n'
    )
    return ["sitemap.xml", *names]


def news_window(articles: list[Any], now: datetime, days: float, limit: int) -> list[Any]:
    """The newest indexable stories published in the `days` before `now`, at most `limit`."""
    start = now - timedelta(days=days)
    recent = [item for item in articles if indexable(item) and start <= item.date <= now]
    return sorted(recent, key=lambda item: item.date, reverse=True)[:limit]


def write_news_sitemap(articles: list[Any], site: Site, output: Path) -> None:
    """news-sitemap.xml; with no recent story it is an empty but valid urlset."""
    items = "".join(
        f"<url><loc>{escape(site.absolute(item.url))}</loc><news:news><news:publication>"
        f"<news:name>{escape(site.name)}</news:name>"
        f"<news:language>{escape(getattr(item, 'lang', None) or site.lang)}</news:language>"
        f"</news:publication><news:publication_date>{site.time(item.date)}"
        f"</news:publication_date><news:title>{escape(plain(item.title))}</news:title>"
        "</news:news></url>\n"
        for item in articles
    )
    _write(
        output / "news-sitemap.xml",
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n{items}</urlset>\n',
    )


def write_robots(site: Site, output: Path) -> None:
    (output / "robots.txt").write_text(
        "User-agent: *\nAllow: /\n\n"
        f"Sitemap: {site.absolute('sitemap.xml')}\nSitemap: {site.absolute('news-sitemap.xml')}\n",
        encoding="utf-8",
    )


def _urlset(entries: list[Entry]) -> str:
    urls = "".join(
        f"<url><loc>{escape(entry.url)}</loc>{_lastmod(entry.lastmod)}</url>\n" for entry in entries
    )
    return f'<urlset xmlns="{SITEMAP_NS}">\n{urls}</urlset>\n'


def _newest(entries: list[Entry]) -> datetime | None:
    return max((entry.lastmod for entry in entries if entry.lastmod), default=None)


def _lastmod(moment: datetime | None) -> str:
    return f"<lastmod>{moment.isoformat()}</lastmod>" if moment else ""


def _write(path: Path, xml: str) -> None:
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + xml, encoding="utf-8")
