"""Listing pages: Warta's one-pass listings beside Pelican's own per-listing filtering.

Pelican, before it writes a desk, tag or author page, filters the whole archive for it
(`[a for a in self.dates if a in articles]`), which grows with stories × listing sizes. Warta
builds every listing (desk, tag, author, source, place, year, month) in one pass. Both run here
on the same generated stories.
"""

from __future__ import annotations

import random
import time
import tracemalloc
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from newsroom_model import prepare_settings, rules_of
from newsroom_model.addresses import slugger
from newsroom_model.catalog import Location
from newsroom_model.listings import build_listings
from newsroom_model.record import Story
from pelican.settings import read_settings

REPO = Path(__file__).resolve().parent.parent


class Listed:
    """What listings read of a story record."""

    def __init__(self, number: int, chance: random.Random, places: list[Location]) -> None:
        start = datetime(2022, 1, 1, tzinfo=ZoneInfo("Asia/Makassar"))
        self.path = f"berita-{number}.md"
        self.date = start + timedelta(minutes=chance.randrange(5 * 365 * 24 * 60))
        self.category = chance.choice(("Politik", "Hukum", "Ekonomi", "Daerah", "Budaya"))
        self.tags = tuple(f"topik-{tag}" for tag in chance.sample(range(400), chance.randint(1, 4)))
        self.authors = (f"Penulis {chance.randrange(30)}",)
        self.source_info = None
        self.location = chance.choice(places)


def make_archive(count: int, settings: dict[str, Any], seed: int = 7) -> list[Listed]:
    """`count` stories over five years: 5 desks, 400 tags, 30 writers, every known place."""
    chance = random.Random(seed)  # noqa: S311 - it draws a test archive; nothing here is secret
    rules, _ = rules_of(settings)
    places = list(rules.catalog.locations.values())
    stories = [Listed(number, chance, places) for number in range(count)]
    return sorted(stories, key=lambda story: story.date, reverse=True)


def pelican_filtering(stories: list[Listed]) -> int:
    """Pelican 4.12's generate_tags/categories/authors: the `dates` list of each listing."""
    groups: dict[tuple[str, str], list[Listed]] = defaultdict(list)
    for story in stories:
        groups[("desk", story.category)].append(story)
        for tag in story.tags:
            groups[("tag", tag)].append(story)
        for author in story.authors:
            groups[("author", author)].append(story)
    return sum(
        len([story for story in stories if story in articles]) for articles in groups.values()
    )


def main(argv: list[str]) -> None:
    settings: dict[str, Any] = read_settings(
        str(REPO / "pelicanconf.py"), override={"PATH": str(REPO / "content")}
    )
    prepare_settings(settings)
    catalog = rules_of(settings)[0].catalog
    for count, with_baseline in ((10_000, True), (100_000, False)):
        stories = cast(list[Story], make_archive(count, settings))
        started = time.perf_counter()
        listings = build_listings(stories, settings, slugger(settings), catalog)
        seconds = time.perf_counter() - started
        tracemalloc.start()
        build_listings(stories, settings, slugger(settings), catalog)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        pages = sum(1 for _ in listings)
        print(
            f"{count:,} stories: Warta's listings, {pages:,} listings of 7 kinds, "
            f"in {seconds:.2f} s ({count / seconds:,.0f} stories/s), peak {peak:.0f} MB traced"
        )
        if with_baseline:
            started = time.perf_counter()
            pelican_filtering(cast(list[Listed], stories))
            seconds = time.perf_counter() - started
            print(
                f"{count:,} stories: baseline, Pelican's filtering for its desk, tag and author "
                f"pages only: {seconds:.2f} s ({count / seconds:,.0f} stories/s)"
            )
        else:
            print(f"{count:,} stories: baseline skipped (it grows with stories squared)")
