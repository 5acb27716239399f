"""A story's body as one page prints it: the dateline, its photos, its links to the site.

The body is read once, page-independently; `full_body` finishes it for one page: the dateline
opens the first paragraph, photos become `<picture>` markup, videos and posts become what the
page shows of them, and `{static}` and `{filename}` links become addresses, all relative to that
page's SITEURL (or absolute, for feeds).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from warta.embeds import Embed
from warta.messages import t
from warta.problems import Problem, bounded

from .record import Story
from .source import EMBED_SPOT

if TYPE_CHECKING:
    from .site import Site

_FIRST_PARAGRAPH = re.compile(r"<p>(?P<inner>.*?)</p>", re.S)
_LINK = re.compile(
    r"""\b(?P<attribute>href|src)=(?P<quote>["'])\{(?P<kind>static|attach|filename)\}"""
    r"""(?P<target>[^"'#?]*)(?P<rest>[^"']*)(?P=quote)"""
)


def dateline_label(dateline: str, outlet: str) -> str:
    """'BANJARMASIN, WARTA BANUA –': where the story was filed, by whom."""
    return f"{dateline}, {outlet} –" if dateline else ""


def with_dateline(body: str, label: str) -> str:
    """The body with the dateline opening its first paragraph, as a newspaper prints it."""
    if not label:
        return body
    opening = f'<p><span class="dateline">{escape(label)}</span> '
    return _FIRST_PARAGRAPH.sub(lambda m: opening + m["inner"] + "</p>", body, count=1)


def target_of(story: Story, written: str, root: Path) -> Path:
    """The file a link of the story names: from content/ with '/', else from the story's folder."""
    base = root if written.startswith("/") else Path(story.path).parent
    return (base / html.unescape(written).lstrip("/")).resolve()


def resolve_links(body: str, story: Story, site: Site, siteurl: str, root: Path) -> str:
    """`{static}`, `{attach}` and `{filename}` links as addresses on a page at `siteurl`."""
    by_path = site.written_by_path

    def replace(match: re.Match[str]) -> str:
        target = target_of(story, match["target"], root)
        if match["kind"] == "filename":
            linked = by_path.get(str(target))
            path = site.address(linked).url if linked is not None else ""
        else:
            path = target.relative_to(root).as_posix() if target.is_relative_to(root) else ""
        quote = match["quote"]
        return f"{match['attribute']}={quote}{escape(siteurl)}/{escape(path)}{match['rest']}{quote}"

    return _LINK.sub(replace, body)


def embed_link(index: int, embed: Embed) -> str:
    """A video or post as a plain link to its own page: what a feed reader can show."""
    text = embed.title or embed.link
    return f'<p><a href="{escape(embed.link)}">{escape(text)}</a> ({escape(embed.name)})</p>'


def full_body(
    story: Story,
    site: Site,
    settings: dict[str, Any],
    siteurl: str,
    photos: Any = None,
    *,
    in_feed: bool = False,
    embed: Callable[[int, Embed], str] | None = embed_link,
) -> str:
    """The story's body as printed on a page whose SITEURL is `siteurl` (or, `in_feed`, in a
    feed entry, whose reader has no stylesheet of the site); each video or post as `embed`
    makes it: a link by default, and with None its place is left for the page's template,
    which puts a card there."""
    body = with_dateline(
        story.body.html, dateline_label(story.dateline, settings["WARTA_DATELINE_OUTLET"])
    )
    if photos is not None:
        body = photos.body_html(story, body, siteurl, in_feed=in_feed)
    if embed is not None and story.body.embeds:
        made = embed
        embeds = story.body.embeds
        body = EMBED_SPOT.sub(lambda spot: made(int(spot[1]), embeds[int(spot[1])]), body)
    if "{static}" not in body and "{attach}" not in body and "{filename}" not in body:
        return body
    return resolve_links(body, story, site, siteurl, site.content_root)


def link_problems(site: Site, root: Path) -> list[Problem]:
    """A problem for each `{filename}` link of a published story to a story that is not out."""
    problems = []
    for story in [*site.articles, *site.static_pages]:
        for link in story.body.links:
            if link.kind != "filename":
                continue
            target = target_of(story, link.target, root)
            if str(target) not in site.written_by_path:
                problems.append(
                    Problem(
                        story.display,
                        link.line,
                        "Body",
                        t(
                            "link to '{target}' leads to a story that is not published",
                            target=bounded(link.target),
                        ),
                        t("link it once it is out, or remove the link"),
                    )
                )
    return problems
