"""Related stories ("Baca juga"): each article's best links, computed before any page is written.

Needs `newsroom_model`, listed before this plugin in PLUGINS: it reads the article model's
locations and reports unknown `Related:` slugs through its build-wide problem report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from newsroom_model.catalog import did_you_mean
from newsroom_model.problems import Problem
from newsroom_model.state import state_of
from pelican import signals

from .engine import Config, Story, related
from .settings import merge_defaults
from .text import plain_text

_EPOCH_DAY = 86400.0


def apply_defaults(pelican: Any) -> None:
    merge_defaults(pelican.settings)


def story_of(article: Any, key: str) -> Story:
    """The engine's view of a Pelican article."""
    location = getattr(article, "location", None)
    trail = location.trail if location is not None else []
    return Story(
        key=key,
        day=article.date.timestamp() / _EPOCH_DAY,
        location=location.name if location is not None else "",
        region=trail[-2].name if len(trail) > 1 else "",
        desk=str(getattr(article, "category", "")),
        tags=tuple(str(tag) for tag in getattr(article, "tags", [])),
        title=plain_text(article.title),
        summary=plain_text(str(getattr(article, "summary", "") or "")),
        # The body as read: `content` would resolve {static} links now, before Pelican knows
        # the static files, and warn that each one cannot be found.
        body=plain_text(article._content),
    )


def link_related(generator: Any) -> None:
    """Give every published article its `related_stories`; check every `Related:` pin."""
    settings = generator.settings
    articles = list(generator.articles)
    by_slug: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        by_slug[article.slug].append(article)
    unlisted = {
        article.slug: article.status for article in [*generator.drafts, *generator.hidden_articles]
    }
    stories = []
    for article in articles:
        pins = _checked_pins(article, by_slug, unlisted, settings)
        story = story_of(article, article.source_path)
        stories.append(replace(story, pinned=tuple(pin.source_path for pin in pins)))
    for article, picks in zip(
        articles, related(stories, Config.from_settings(settings)), strict=True
    ):
        article.related_stories = [articles[pick] for pick in picks]
    for article in [*generator.drafts, *generator.hidden_articles]:
        article.related_stories = []


def _checked_pins(
    article: Any, by_slug: dict[str, list[Any]], unlisted: dict[str, str], settings: dict[str, Any]
) -> list[Any]:
    """The published articles an editor pinned; any other slug is reported as a problem."""
    pins = []
    state = state_of(settings)
    for slug in getattr(article, "related", []) or []:
        matches = by_slug.get(slug, [])
        if len(matches) == 1:
            pins.append(matches[0])
            continue
        if slug in unlisted:
            message, hint = f"'{slug}' is a {unlisted[slug]} story", "link only published stories"
        elif matches:
            message, hint = f"'{slug}' names {len(matches)} stories", "give them distinct slugs"
        else:
            message = f"'{slug}' is not the slug of any published story"
            hint = did_you_mean(slug, list(by_slug), "check the slug in the story's address")
        if state is not None:
            line = state.field_lines.get(article.source_path, {}).get("related", 1)
            state.problems.append(
                Problem(state.display(article.source_path), line, "Related", message, hint)
            )
    return pins


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.article_generator_finalized.connect(link_related)
