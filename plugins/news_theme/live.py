"""A live story's page: "what we know", then its updates newest first, each with its anchor."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from markupsafe import Markup
from newsroom_model.record import Story

from warta.views import LiveCoverage, LiveEntry

# Joins the parts of a live story's body while they are finished as one. It is a comment, and
# the cleaner removes every comment a writer's HTML holds, so no body can contain it.
_PART = "<!--warta-update-->"


def live_page(story: Story, finish: Callable[[Story], str]) -> tuple[str, LiveCoverage | None]:
    """The body a story's page prints, and its live coverage (None for other stories).

    `finish` turns a story's body into what a page prints (dateline, photos, links). A live
    story's opening and updates go through it together, in the order written, so the dateline
    opens the first paragraph written and each photo is where it was; the page's body is then
    the opening, and the updates are told apart, newest first, for the theme to print.
    """
    live = story.live
    if live is None:
        return finish(story), None
    html = story.body.html
    parts = [html[: live.opening_end]]
    parts += [html[update.content_start : update.end] for update in live.updates]
    joined = dataclasses.replace(
        story, body=dataclasses.replace(story.body, encoded=_PART.join(parts).encode("utf-8"))
    )
    opening, *bodies = finish(joined).split(_PART)
    entries = tuple(
        LiveEntry(
            anchor=update.anchor,
            iso=update.moment.isoformat(),
            label=update.label,
            heading=update.heading,
            body=Markup(body),  # noqa: S704 - the story's cleaned body, cut where Warta cut it
        )
        for update, body in zip(live.updates, bodies, strict=True)
    )
    last = live.last
    coverage = LiveCoverage(
        ongoing=live.ongoing,
        summary=Markup(story.summary_html),  # noqa: S704 - cleaned by newsroom_model.sanitize when read
        updates=entries[::-1],
        last_iso=last.moment.isoformat() if last else "",
        last_label=live.last_label,
        last_anchor=last.anchor if last else "",
    )
    return opening, coverage


def updated_label(story: Story, label: str) -> str:
    """The "Updated" label of a story's page: none for a live story whose last change is its
    last update, which the page already shows beside the date."""
    last = story.live.last if story.live is not None else None
    return "" if last is not None and story.modified == last.moment else label
