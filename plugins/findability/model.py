"""What search engines and link previews read about a page: cards, canonicals and JSON-LD."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from markupsafe import Markup

from .settings import site_url

# The ratios Google asks for in a NewsArticle's `image`, in the order it lists them.
JSON_LD_RATIOS = ("16x9", "4x3", "1x1")
LOGO_SIZE = (512, 512)
CARD_SIZE = (1200, 630)

# Characters that could end a <script> element or confuse an HTML parser inside one; JSON reads
# the escaped forms as the same text.
_SCRIPT_SAFE = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


@dataclass(frozen=True)
class CardImage:
    """An image for a link preview or structured data, with an absolute URL."""

    url: str
    width: int
    height: int
    alt: str = ""


@dataclass(frozen=True)
class Site:
    """The outlet as search engines see it: its address, name, language and images."""

    url: str
    name: str
    description: str
    lang: str
    og_locale: str
    twitter_site: str
    logo: CardImage
    card: CardImage
    search_url: str
    syndication: str
    zone: tzinfo

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Site:
        url = site_url(settings)
        static = f"{url}/{settings['THEME_STATIC_DIR']}/"
        name = str(settings["SITENAME"])
        return cls(
            url=url,
            name=name,
            description=str(settings.get("SITESUBTITLE") or ""),
            lang=str(settings["DEFAULT_LANG"]),
            og_locale=str(settings["WARTA_OG_LOCALE"]),
            twitter_site=str(settings["WARTA_TWITTER_SITE"]),
            logo=CardImage(static + settings["WARTA_LOGO"], *LOGO_SIZE, name),
            card=CardImage(static + settings["WARTA_DEFAULT_CARD"], *CARD_SIZE, name),
            search_url=f"{url}/{settings.get('SEARCH_URL', 'cari/')}",
            syndication=str(settings["WARTA_SYNDICATION"]),
            zone=ZoneInfo(settings["TIMEZONE"]),
        )

    def time(self, moment: datetime) -> str:
        """`moment` in ISO 8601 with the site's offset (+08:00 for WITA)."""
        return moment.astimezone(self.zone).isoformat()

    def absolute(self, path: str) -> str:
        """The absolute URL of a path relative to the site root."""
        return urljoin(self.url + "/", path)

    def page_url(self, output_file: str) -> str:
        """The address of a written file, with a folder's `index.html` left off."""
        path = output_file.replace("\\", "/")
        if path == "index.html" or path.endswith("/index.html"):
            path = path[: -len("index.html")]
        return self.absolute(path)


@dataclass(frozen=True)
class SocialCard:
    """Open Graph, Twitter card, canonical and robots values for one page's <head>."""

    kind: str
    title: str
    description: str
    url: str
    canonical: str
    robots: str
    image: CardImage
    site: Site
    published: str = ""
    modified: str = ""
    section: str = ""


def plain(html: str) -> str:
    """Metadata as plain text: tags dropped, entities decoded, spaces collapsed."""
    # Markup is only read here, for its text; nothing it returns is printed unescaped.
    return " ".join(Markup(html or "").striptags().split())  # noqa: S704


def script_json(data: object) -> Markup:
    """`data` as JSON that is safe to print inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_SAFE))  # noqa: S704 - every '<', '>' and '&' is escaped


def site_card(site: Site, output_file: str, title: str) -> SocialCard:
    """The card of a listing or other page that is not one article or static page."""
    url = site.page_url(output_file)
    return SocialCard(
        "website", plain(title) or site.name, site.description, url, url, "", site.card, site
    )


def social_images(article: Any) -> Any:
    """The crops the news_images plugin made of the lead photo, or None without it."""
    return getattr(article, "social_images", None)


def article_card(article: Any, site: Site) -> SocialCard:
    """An article's card; a syndicated copy points to the original or asks not to be indexed."""
    url = site.absolute(article.url)
    canonical, robots = url, ""
    if getattr(article, "syndicated_from", ""):
        if site.syndication == "canonical":
            canonical = article.syndicated_from
        else:
            robots = "noindex"
    crops = social_images(article)
    lead = getattr(article, "lead_image", None)
    image = site.card
    if crops is not None:
        og = crops.og
        image = CardImage(site.absolute(og.url), og.width, og.height, lead.alt if lead else "")
    return SocialCard(
        kind="article",
        title=plain(article.title),
        description=plain(str(getattr(article, "summary", "") or "")),
        url=url,
        canonical=canonical,
        robots=robots,
        image=image,
        site=site,
        published=site.time(article.date),
        modified=site.time(_modified(article)),
        section=str(article.category),
    )


def page_card(page: Any, site: Site) -> SocialCard:
    """A static page's card."""
    url = site.absolute(page.url)
    return SocialCard("website", plain(page.title), site.description, url, url, "", site.card, site)


def _modified(article: Any) -> Any:
    return getattr(article, "modified", None) or article.date


def _organization(site: Site) -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": site.name,
        "url": site.url + "/",
        "logo": _image_object(site.logo),
    }


def _image_object(image: CardImage) -> dict[str, Any]:
    return {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}


def _place(trail: list[Any]) -> dict[str, Any] | None:
    """A Place inside the Place of its region, from a location trail (widest first)."""
    place: dict[str, Any] | None = None
    for location in trail:
        inner: dict[str, Any] = {"@type": "Place", "name": location.name}
        if place is not None:
            inner["containedInPlace"] = place
        place = inner
    return place


def _images(article: Any, site: Site) -> list[dict[str, Any]]:
    crops = social_images(article)
    if crops is None:
        return [_image_object(site.card), _image_object(site.logo)]
    by_ratio = {crop.ratio: crop for crop in crops.crops}
    return [
        _image_object(CardImage(site.absolute(crop.url), crop.width, crop.height))
        for ratio in JSON_LD_RATIOS
        if (crop := by_ratio.get(ratio)) is not None
    ]


def news_article(article: Any, site: Site) -> dict[str, Any]:
    """The schema.org NewsArticle of one story."""
    url = site.absolute(article.url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url + "#berita",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": plain(article.title),
        "description": plain(str(getattr(article, "summary", "") or "")),
        "inLanguage": getattr(article, "lang", None) or site.lang,
        "datePublished": site.time(article.date),
        "dateModified": site.time(_modified(article)),
        "author": [
            {"@type": "Person", "name": byline.name, "url": site.absolute(byline.url)}
            for byline in getattr(article, "bylines", [])
        ],
        "image": _images(article, site),
        "publisher": _organization(site),
        "articleSection": str(article.category),
    }
    place = _place(list(getattr(article, "location_trail", [])))
    if place is not None:
        data["contentLocation"] = place
    if getattr(article, "dateline", ""):
        data["dateline"] = article.dateline
    tags = [str(tag) for tag in getattr(article, "tags", []) or []]
    if tags:
        data["keywords"] = tags
    source = getattr(article, "source_info", None)
    if source is not None:
        based_on: dict[str, Any] = {
            "@type": "NewsArticle" if article.syndicated_from else "CreativeWork",
            "publisher": {"@type": "Organization", "name": source.name},
        }
        if article.syndicated_from or source.url:
            based_on["url"] = article.syndicated_from or source.url
        data["isBasedOn"] = based_on
    corrections = getattr(article, "correction_notes", [])
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": note.note, "datePublished": note.iso}
            for note in corrections
        ]
    return data


def breadcrumbs(article: Any, site: Site) -> dict[str, Any]:
    """Home, the desk, the story: the path a reader sees above a result in search."""
    steps = [
        (site.name, site.url + "/"),
        (str(article.category), site.absolute(article.category.url)),
        (plain(article.title), site.absolute(article.url)),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(steps, start=1)
        ],
    }


def website(site: Site) -> list[dict[str, Any]]:
    """The home page's WebSite, searchable through the search page, and its publisher."""
    return [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site.name,
            "url": site.url + "/",
            "inLanguage": site.lang,
            "publisher": _organization(site),
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": site.search_url + "?q={search_term_string}",
                },
                "query-input": "required name=search_term_string",
            },
        }
    ]
