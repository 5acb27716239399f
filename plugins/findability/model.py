"""What search engines and link previews read about a page: cards, canonicals and JSON-LD."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup
from newsroom_model.record import Story

from warta.views import Byline, CardImage, SocialCard

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
class Outlet:
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
    def from_settings(cls, settings: dict[str, Any]) -> Outlet:
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
        """The absolute URL of a path relative to the site root (or already absolute)."""
        if path.startswith(("https://", "http://")):
            return path
        return f"{self.url}/{path.lstrip('/')}"

    def page_url(self, output_file: str) -> str:
        """The address of a written file, with a folder's `index.html` left off."""
        path = output_file.replace("\\", "/")
        if path == "index.html" or path.endswith("/index.html"):
            path = path[: -len("index.html")]
        return self.absolute(path)

    def card_of(
        self, kind: str, title: str, description: str, url: str, **extra: str
    ) -> SocialCard:
        return SocialCard(
            kind=kind,
            title=title,
            description=description,
            url=url,
            canonical=extra.pop("canonical", url),
            robots=extra.pop("robots", ""),
            image=self.card,
            site_name=self.name,
            og_locale=self.og_locale,
            twitter_site=self.twitter_site,
            **extra,
        )


def metadata_text(html: str) -> str:
    """A summary or a live update as the one line of text that a page's meta description,
    its card and its JSON-LD carry: tags and comments dropped where they stand (as
    markupsafe's `striptags` does: inline markup joins its neighbours, as a reader sees
    "<em>Banjar</em>masin"), entities decoded, whitespace collapsed. Compare
    `newsroom_model.source.plain_text`, where every tag is a word break."""
    # Markup is only read here, for its text; nothing it returns is printed unescaped.
    return " ".join(Markup(html or "").striptags().split())  # noqa: S704


def script_json(data: object) -> Markup:
    """`data` as JSON that is safe to print inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_SAFE))  # noqa: S704 - every '<', '>' and '&' is escaped


def site_card(outlet: Outlet, output_file: str, title: str) -> SocialCard:
    """The card of a listing or other page that is not one story or static page."""
    url = outlet.page_url(output_file)
    return outlet.card_of("website", title or outlet.name, outlet.description, url)


@dataclass(frozen=True)
class StoryImages:
    """The crops the news_images plugin made of a lead photo, with absolute URLs."""

    og: CardImage
    crops: tuple[tuple[str, CardImage], ...]


@dataclass(frozen=True)
class GalleryImage:
    """A photo of a story's gallery for structured data, with an absolute URL."""

    url: str
    width: int
    height: int
    caption: str
    credit: str


def article_card(story: Story, url: str, outlet: Outlet, images: StoryImages | None) -> SocialCard:
    """A story's card; a syndicated copy points to the original or asks not to be indexed."""
    canonical, robots = url, ""
    if story.source_url:
        if outlet.syndication == "canonical":
            canonical = story.source_url
        else:
            robots = "noindex"
    card = outlet.card_of(
        "article",
        story.title,
        metadata_text(story.summary),
        url,
        canonical=canonical,
        robots=robots,
        published=outlet.time(story.date),
        modified=outlet.time(story.last_changed),
        section=story.category,
    )
    if images is None:
        return card
    return SocialCard(**{**card.__dict__, "image": images.og})


def page_card(story: Story, url: str, outlet: Outlet) -> SocialCard:
    """A static page's card."""
    return outlet.card_of("website", story.title, outlet.description, url)


def _organization(outlet: Outlet) -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": outlet.name,
        "url": outlet.url + "/",
        "logo": _image_object(outlet.logo),
    }


def _image_object(image: CardImage) -> dict[str, Any]:
    return {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}


def _gallery_object(image: GalleryImage) -> dict[str, Any]:
    """A gallery photo as schema.org's ImageObject, with the caption and credit Google's image
    metadata reads (`caption`, `creditText`)."""
    found: dict[str, Any] = {
        "@type": "ImageObject",
        "url": image.url,
        "contentUrl": image.url,
        "width": image.width,
        "height": image.height,
    }
    if image.caption:
        found["caption"] = image.caption
    if image.credit:
        found["creditText"] = image.credit
    return found


def _place(story: Story) -> dict[str, Any] | None:
    """A Place inside the Place of its region, from the story's place (widest first)."""
    place: dict[str, Any] | None = None
    for location in story.location.trail if story.location else []:
        inner: dict[str, Any] = {"@type": "Place", "name": location.name}
        if place is not None:
            inner["containedInPlace"] = place
        place = inner
    return place


def news_article(
    story: Story,
    url: str,
    outlet: Outlet,
    bylines: tuple[Byline, ...],
    images: StoryImages | None,
    *,
    gallery: tuple[GalleryImage, ...] = (),
) -> dict[str, Any]:
    """The schema.org NewsArticle of one story; its `image` lists the lead photo's crops, then
    every photo of its galleries (the site's card and logo when it has neither)."""
    pictures = [
        _image_object(image)
        for ratio in JSON_LD_RATIOS
        for name, image in (images.crops if images is not None else ())
        if name == ratio
    ] + [_gallery_object(image) for image in gallery]
    if not pictures:
        pictures = [_image_object(outlet.card), _image_object(outlet.logo)]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url + "#berita",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": story.title,
        "description": metadata_text(story.summary),
        "inLanguage": story.lang or outlet.lang,
        "datePublished": outlet.time(story.date),
        "dateModified": outlet.time(story.last_changed),
        "author": [
            {
                "@type": "Person",
                "name": byline.name,
                **({"url": outlet.absolute(byline.url)} if byline.url else {}),
            }
            for byline in bylines
        ],
        "image": pictures,
        "publisher": _organization(outlet),
        "articleSection": story.category,
    }
    place = _place(story)
    if place is not None:
        data["contentLocation"] = place
    if story.dateline:
        data["dateline"] = story.dateline
    if story.tags:
        data["keywords"] = list(story.tags)
    source = story.source_info
    if source is not None:
        based_on: dict[str, Any] = {
            "@type": "NewsArticle" if story.source_url else "CreativeWork",
            "publisher": {"@type": "Organization", "name": source.name},
        }
        if story.source_url or source.url:
            based_on["url"] = story.source_url or source.url
        data["isBasedOn"] = based_on
    if story.corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": note.note,
                "datePublished": note.date.isoformat(),
            }
            for note in story.corrections
        ]
    return data


def breadcrumbs(story: Story, url: str, desk_url: str, outlet: Outlet) -> dict[str, Any]:
    """Home, the desk, the story: the path a reader sees above a result in search."""
    steps = [(outlet.name, outlet.url + "/")]
    if desk_url:
        steps.append((story.category, outlet.absolute(desk_url)))
    steps.append((story.title, url))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": item}
            for number, (name, item) in enumerate(steps, start=1)
        ],
    }


def website(outlet: Outlet) -> list[dict[str, Any]]:
    """The home page's WebSite, searchable through the search page, and its publisher."""
    return [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": outlet.name,
            "url": outlet.url + "/",
            "inLanguage": outlet.lang,
            "publisher": _organization(outlet),
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": outlet.search_url + "?q={search_term_string}",
                },
                "query-input": "required name=search_term_string",
            },
        }
    ]
