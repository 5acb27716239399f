"""One build's ledger: what it read, what it found wrong, what it plans to write, how long it took.

A `BuildRun` is made for each `Pelican.run()` and lives in that run's context (Pelican copies the
settings into a fresh context for every run), never in the settings or a module, so nothing of
one build leaks into the next: `warta serve` runs many builds in one process. Plugins keep their
own typed parts of it in slots (`Slot`), and stages time themselves (`stage`).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from rich.console import Console

from .cache import DiskCache
from .messages import Catalogue, Text, site_catalogue, t
from .problems import Problem

T = TypeVar("T")
RUN_KEY = "WARTA_RUN"
# The stages `make bench` reports, in build order.
STAGES = ("read", "related", "listings", "images", "render", "feeds", "sitemaps", "search")


class Slot(Generic[T]):
    """A typed place in a run for one plugin's part of it; `plugin` names the plugin that fills
    it (empty for the build's own parts, which every run has)."""

    def __init__(self, name: str, plugin: str = "") -> None:
        self.name = name
        self.plugin = plugin

    def __repr__(self) -> str:
        return f"Slot({self.name!r}, {self.plugin!r})"


@dataclass
class BuildRun:
    """The state of one build, from the first file read to the last file written."""

    settings: dict[str, Any]
    now: datetime
    cache: DiskCache
    console: Console
    problems: list[Problem] = field(default_factory=list)
    advice: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    # The first moment at which a build of the same inputs could write another site, by the
    # clock alone (a scheduled story comes out, a story leaves the news window); None while
    # nothing of this build depends on the time. Noted by whatever reads `now` (`changes_by`).
    changes_at: datetime | None = None
    _noting: threading.Lock = field(default_factory=threading.Lock)
    _slots: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def start(cls, settings: dict[str, Any], console: Console | None = None) -> BuildRun:
        return cls(
            settings=settings,
            now=build_time(settings),
            cache=DiskCache(Path(settings["WARTA_CACHE_PATH"]).resolve()),
            console=console or Console(stderr=True, soft_wrap=True, highlight=False),
        )

    @cached_property
    def catalogue(self) -> Catalogue:
        """The catalogue messages are told in: WARTA_MESSAGES_LANG, else the site's language."""
        return site_catalogue(self.settings)

    def say(self, text: Text, console: Console | None = None) -> None:
        """Print a message to the newsroom in the catalogue's language, on `console` or the
        run's own."""
        (console or self.console).print(text.told(self.catalogue), markup=False, soft_wrap=True)

    @property
    def workers(self) -> int:
        """Processes for the parallel stages: WARTA_WORKERS, or one per core."""
        return int(self.settings.get("WARTA_WORKERS") or os.cpu_count() or 1)

    def changes_by(self, moment: datetime) -> None:
        """Note that what this build writes depends on whether `now` is before `moment`."""
        with self._noting:  # outputs are written in threads too
            if self.changes_at is None or moment < self.changes_at:
                self.changes_at = moment

    def put(self, slot: Slot[T], value: T) -> T:
        self._slots[slot.name] = value
        return value

    def get(self, slot: Slot[T]) -> T:
        return self._slots[slot.name]  # type: ignore[no-any-return]

    def find(self, slot: Slot[T]) -> T | None:
        return self._slots.get(slot.name)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage of the build; stages may run in several parts, which add up."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def report_times(self, stories: int) -> None:
        """Print the stages' seconds; with WARTA_STAGE_TIMES set, also write them as JSON there."""
        total = time.perf_counter() - self.started
        figures = {name: round(self.seconds[name], 3) for name in STAGES if name in self.seconds}
        target = os.environ.get("WARTA_STAGE_TIMES")
        if target:
            Path(target).write_text(
                json.dumps({**figures, "total": round(total, 3), "stories": stories}),
                encoding="utf-8",
            )
        if self.console.is_terminal or target:
            # The stages by the names `make bench` reports them under.
            parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in figures.items())
            self.say(
                t(
                    "Built {stories:,} stories in {total:.1f} s ({parts}).",
                    stories=stories,
                    total=total,
                    parts=parts,
                )
            )


def build_time(settings: dict[str, Any]) -> datetime:
    """'Now' for this build, in the site's time zone: WARTA_BUILD_TIME (setting or environment
    variable), else the clock. Scheduled stories and the news sitemap depend on it."""
    zone = ZoneInfo(settings["TIMEZONE"])
    given = settings.get("WARTA_BUILD_TIME") or os.environ.get("WARTA_BUILD_TIME")
    if not given:
        return datetime.now(zone)
    moment = given if isinstance(given, datetime) else datetime.fromisoformat(str(given))
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def run_of(context: dict[str, Any]) -> BuildRun | None:
    """The run a Pelican context belongs to, or None outside a Warta build."""
    run = context.get(RUN_KEY)
    return run if isinstance(run, BuildRun) else None
