"""A live story's structured data: a schema.org LiveBlogPosting with each update in it."""

from __future__ import annotations

from typing import Any

from newsroom_model.record import Story
from newsroom_model.source import first_paragraph

from .model import Outlet, metadata_text

# Google shows at most 110 characters of a headline.
HEADLINE_LIMIT = 110
_HEADLINE_WORDS = 16
# NewsArticle's own properties, which a LiveBlogPosting (a BlogPosting) does not have.
_NEWS_ONLY = ("dateline",)


def live_blog_posting(article: dict[str, Any], story: Story, outlet: Outlet) -> dict[str, Any]:
    """The story's NewsArticle (`article`) as a LiveBlogPosting: its coverage starts with its
    Date and, once `Live: ended`, ends with its last change; every update is a BlogPosting,
    newest first as on the page, with its own address (the page's, at the update's anchor)."""
    live = story.live
    if live is None:
        return article
    data = {key: value for key, value in article.items() if key not in _NEWS_ONLY}
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = outlet.time(story.date)
    if not live.ongoing:
        data["coverageEndTime"] = outlet.time(story.last_changed)
    html = story.body.html
    url = str(article["url"])
    updates = []
    for update in reversed(live.updates):
        text = html[update.content_start : update.end]
        updates.append(
            {
                "@type": "BlogPosting",
                "@id": f"{url}#{update.anchor}",
                "url": f"{url}#{update.anchor}",
                "headline": headline(update.heading, text, story.title, update.label),
                "datePublished": outlet.time(update.moment),
                "articleBody": metadata_text(text),
            }
        )
    data["liveBlogUpdate"] = updates
    return data


def headline(heading: str, html: str, title: str, label: str) -> str:
    """An update's headline: its heading's text; for a heading that is only a time, the
    update's first words; for an update with neither, the story's title and the time."""
    text = (
        heading
        or metadata_text(first_paragraph(html, _HEADLINE_WORDS, "…"))
        or f"{title} ({label})"
    )
    if len(text) <= HEADLINE_LIMIT:
        return text
    return text[: HEADLINE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
