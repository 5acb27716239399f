"""Related stories ("Baca juga"): each published story's best links, computed before any page.

Needs `newsroom_model`, listed before this plugin in PLUGINS: it reads the site's records and
reports unknown `Related:` slugs through the build's problem report. Its feature (`FEATURE`,
`links.link_related`) hands the theme one `RelatedLinks` record per story (the `RELATED` slot):
the stories related to it, or, when none is, filler of one named group, so that the page never
calls filler related. The ranking starts as soon as the site is listed (`start_related`) and
works in a forked process while the rest of the site is planned; the plan waits for it before
any page is rendered. The ranking itself is `engine.py`, pure. This file only wires.
"""

from __future__ import annotations

from newsroom_model.site import SITE
from pelican import signals

from warta.features import Feature, check_order

from .links import RELATED, RelatedLinks, link_related, start_related, story_of

__all__ = [
    "FEATURE",
    "RELATED",
    "RelatedLinks",
    "link_related",
    "register",
    "start_related",
    "story_of",
]


FEATURE = Feature(
    "related_stories", link_related, gives=RELATED, needs=(SITE,), start=start_related
)


def register() -> None:
    signals.initialized.connect(check_order)
