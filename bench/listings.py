"""Listing pages: Warta's one-pass listings beside Pelican's own per-listing filtering.

Pelican, before it writes a desk, tag or author page, filters the whole archive for it
(`[a for a in self.dates if a in articles]`), which grows with stories × listing sizes. Warta
builds every listing (desk, tag, author, source, place, year, month) in one pass. Both run here
on the same generated archive, with Pelican's own Category, Tag and Author objects.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from newsroom_model.catalog import load_catalog  # noqa: E402
from newsroom_model.listings import build_listings  # noqa: E402
from newsroom_model.settings import merge_defaults  # noqa: E402
from pelican.settings import read_settings  # noqa: E402
from pelican.urlwrappers import Author, Category, Tag  # noqa: E402


class Story:
    """What listings read of an article; like Pelican's Content, compared by identity."""

    def __init__(
        self,
        number: int,
        *,
        date: datetime,
        category: Category,
        tags: list[Tag],
        authors: list[Author],
        source: Any,
        location: Any,
    ) -> None:
        self.url = f"{date:%Y/%m}/berita-{number}/"
        self.date = date
        self.category = category
        self.tags = tags
        self.authors = authors
        self.source = source
        self.location = location


def make_archive(count: int, settings: dict[str, Any], seed: int = 7) -> list[Story]:
    """`count` stories over five years: 9 desks, 400 tags, 30 writers, every known place."""
    chance = random.Random(seed)  # noqa: S311 - it draws a test archive; nothing here is secret
    content = Path(settings["PATH"])
    catalog, _ = load_catalog(
        content / settings["WARTA_DATA_PATH"],
        settings["WARTA_DATA_FILES"],
        settings["SLUG_REGEX_SUBSTITUTIONS"],
        content,
    )
    places = list(catalog.locations.values())
    sources = [None, None, None, *catalog.sources.values()]
    desks = [Category(name, settings) for name in settings["WARTA_CATEGORIES"]]
    tags = [Tag(f"topik-{number}", settings) for number in range(400)]
    writers = [Author(f"Penulis {number}", settings) for number in range(30)]
    start = datetime(2022, 1, 1, tzinfo=ZoneInfo("Asia/Makassar"))
    return [
        Story(
            number,
            date=start + timedelta(minutes=chance.randrange(5 * 365 * 24 * 60)),
            category=chance.choice(desks),
            tags=chance.sample(tags, chance.randint(1, 4)),
            authors=[chance.choice(writers)],
            source=chance.choice(sources),
            location=chance.choice(places),
        )
        for number in range(count)
    ]


def pelican_filtering(stories: list[Story]) -> int:
    """Pelican 4.12's generate_tags/categories/authors: the `dates` list of each listing."""
    dates = sorted(stories, key=lambda story: story.date, reverse=True)
    groups: dict[tuple[str, Any], list[Story]] = defaultdict(list)
    for story in stories:
        groups[("desk", story.category)].append(story)
        for tag in story.tags:
            groups[("tag", tag)].append(story)
        for author in story.authors:
            groups[("author", author)].append(story)
    listed = 0
    for articles in groups.values():
        listed += len([article for article in dates if article in articles])
    return listed


def timed(work: Any, *arguments: Any) -> tuple[float, float, Any]:
    """Seconds of one call, then peak traced memory (MB) of a second, traced call.

    Tracing slows Python several times over, so time and memory come from separate runs.
    """
    started = time.perf_counter()
    result = work(*arguments)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    work(*arguments)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak, result


def main(argv: list[str]) -> None:
    settings: dict[str, Any] = read_settings(
        str(REPO / "pelicanconf.py"), override={"PATH": str(REPO / "content")}
    )
    merge_defaults(settings)
    for count, with_baseline in ((10_000, True), (100_000, False)):
        stories = make_archive(count, settings)
        seconds, peak, listings = timed(build_listings, stories, settings)
        pages = sum(1 for _ in listings)
        print(
            f"{count:,} stories: Warta's listings, {pages:,} listings of 7 kinds, "
            f"in {seconds:.2f} s ({count / seconds:,.0f} stories/s), peak {peak:.0f} MB traced"
        )
        if with_baseline:
            started = time.perf_counter()
            pelican_filtering(stories)
            seconds = time.perf_counter() - started
            print(
                f"{count:,} stories: baseline, Pelican's filtering for its desk, tag and author "
                f"pages only: {seconds:.2f} s ({count / seconds:,.0f} stories/s)"
            )
        else:
            print(f"{count:,} stories: baseline skipped (it grows with stories squared)")
