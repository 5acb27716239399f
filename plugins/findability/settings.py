"""Every setting of the findability plugin, with its default and its check."""

from __future__ import annotations

from typing import Any

from warta.config import Setting, flag, list_of, mapping, one_of, optional, text, whole
from warta.messages import Text, t

FEED_KINDS = ("site", "desk", "location", "author", "source", "tag")


def _absolute(value: Any) -> Text | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        return t("must be the site's absolute address, e.g. 'https://outlet.example'")
    if any(character in value for character in "\"'<> \\"):
        return t("must be a web address without quotes, spaces or angle brackets")
    return None


SETTINGS = (
    # The public address of the site. Feeds, sitemaps, canonical links, Open Graph and JSON-LD
    # need absolute URLs even in a preview build where SITEURL is empty; None means SITEURL.
    Setting("WARTA_SITE_URL", None, _absolute),
    # Feeds: formats written for every listing, and where each listing's feed goes. `{slug}` is
    # the desk's, author's, source's or tag's slug, or the location's nested path
    # (kalimantan-selatan/kota-banjarmasin).
    Setting("WARTA_FEED_FORMATS", ["atom", "rss"], list_of(text(False), ("atom", "rss"))),
    Setting(
        "WARTA_FEED_PATHS",
        {
            "site": "feeds/semua.{format}.xml",
            "desk": "feeds/rubrik/{slug}.{format}.xml",
            "location": "feeds/lokasi/{slug}.{format}.xml",
            "author": "feeds/penulis/{slug}.{format}.xml",
            "source": "feeds/sumber/{slug}.{format}.xml",
            "tag": "feeds/tag/{slug}.{format}.xml",
        },
        mapping(dict.fromkeys(FEED_KINDS, text())),
    ),
    # "full" puts the whole story in the entries of the feeds named in WARTA_FEED_FULL_TEXT,
    # which readers follow to read; the others (a place's, a writer's, a tag's) carry the
    # summary and a link, which is what an alert needs. "summary" keeps every feed short.
    Setting("WARTA_FEED_CONTENT", "full", one_of("full", "summary")),
    Setting("WARTA_FEED_FULL_TEXT", ["site", "desk"], list_of(text(False), FEED_KINDS)),
    Setting("WARTA_FEED_MAX_ITEMS", 50, whole(1, 10_000)),
    # Sitemaps: past this many URLs, sitemap.xml becomes an index of numbered sitemaps.
    Setting("WARTA_SITEMAP_MAX_URLS", 50_000, whole(1, 50_000)),
    # Google News sitemap: stories of the last N days before the build time, at most so many.
    Setting("WARTA_NEWS_SITEMAP_DAYS", 2, whole(0, 365)),
    Setting("WARTA_NEWS_SITEMAP_MAX", 1_000, whole(0, 1_000)),
    # A syndicated copy (SourceURL given): "canonical" points search engines to the original;
    # "noindex" keeps the copy's own canonical and asks them not to index it.
    Setting("WARTA_SYNDICATION", "canonical", one_of("canonical", "noindex")),
    # Site images relative to the theme's static folder: the publisher logo (512x512) and the
    # card used when a page has no lead photo (1200x630). JPEG, which every preview reads.
    Setting("WARTA_LOGO", "img/logo.jpeg", text(False)),
    Setting("WARTA_DEFAULT_CARD", "img/card.jpeg", text(False)),
    # The Open Graph locale and the Twitter account of the outlet ("" for none).
    Setting("WARTA_OG_LOCALE", "id_ID", text(False)),
    Setting("WARTA_TWITTER_SITE", "", text()),
    # Static search: Pagefind indexes every story at the end of the build.
    Setting("WARTA_SEARCH", True, flag),
    Setting("WARTA_SEARCH_URL", "cari/", text()),
    # The search index is split by publication year (then half-year, quarter, month) into parts
    # of at most this many stories, merged in the reader's browser: a change re-indexes one
    # part, and the indexer's memory stays bounded whatever the archive's size.
    Setting("WARTA_SEARCH_PART_SIZE", 2500, whole(100, 50_000)),
    # Its output folder in output/.
    Setting("WARTA_SEARCH_PATH", "pagefind", optional(text(False))),
)

# Each setting's default by name, for code and tests that read one.
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


def site_url(settings: dict[str, Any]) -> str:
    """The absolute address of the site, without a trailing slash ('' when none is set)."""
    url = str(settings.get("WARTA_SITE_URL") or settings.get("SITEURL") or "").rstrip("/")
    return url if url.startswith(("https://", "http://")) else ""
