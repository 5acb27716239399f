"""Features: what each plugin adds to a build's plan, what it needs for that, and in what order.

A Warta plugin that plans part of the site names its `Feature` in its package as `FEATURE`:
the slots of the run it reads (`needs`: it cannot plan without them; `uses`: it does without
them when their plugin is not listed), the slot its part goes into (`gives`), and the function
that plans it. That function returns a `Planned`: its part for the features after it, the files
it will write and the pages it will render. It puts nothing into the run itself; the build's
plan (`newsroom_model.pipeline.plan`) calls the features in the order of PLUGINS and puts what
each returns where the next ones find it.

Which features a build has follows from its settings alone: the `FEATURE` of each plugin in
PLUGINS, as Pelican loaded it (`features_of`). The order is a contract checked before anything is
read (`order_problems`): a feature that reads a slot of a plugin listed after it would find
nothing there, so the build stops at start-up and says which plugin to move.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

from .messages import Text, site_catalogue, t
from .output import OUTPUTS, OutputFiles
from .problems import stop_for_settings
from .run import BuildRun, Slot
from .signals import plugin_names
from .views import Chrome, PageJob

T = TypeVar("T")


@dataclass(frozen=True)
class Planned(Generic[T]):
    """What a feature planned: its part of the run (`part`, for the features after it), the
    files it writes and the pages it renders; `chrome` is the frame every page is rendered in,
    which the feature that plans the pages gives. `settle`, when given, is called once every
    feature has planned: a feature whose part is still being worked out beside the plan (in a
    `warta.parallel.Beside`) waits for it there, before anything forks or is written."""

    part: T
    files: tuple[OutputFiles, ...] = ()
    pages: tuple[PageJob, ...] = ()
    chrome: Chrome | None = None
    settle: Callable[[], object] | None = None


@dataclass(frozen=True)
class Feature(Generic[T]):
    """One plugin's part of the plan.

    `plan(run)` returns the feature's `Planned`; its `part` goes into `gives` (None: the feature
    hands nothing on). `start(run)`, when given, is called as soon as it is known which
    stories are out, with their records and digests (the site's `stories`, `keys`,
    `addresses`), before their listings are made and before any feature plans: work that needs
    nothing more starts there, beside the rest of the planning (related stories, the search
    index).
    """

    plugin: str
    plan: Callable[[BuildRun], Planned[T]]
    gives: Slot[T] | None = None
    needs: tuple[Slot[Any], ...] = ()
    uses: tuple[Slot[Any], ...] = ()
    start: Callable[[BuildRun], None] | None = None


def features_of(settings: dict[str, Any]) -> list[Feature[Any]]:
    """The features of the plugins in PLUGINS, in that order.

    A plugin is looked up among the modules Pelican has already loaded for these settings,
    never imported here: the core names no plugin.
    """
    found: list[Feature[Any]] = []
    for entry in settings["PLUGINS"]:
        module = entry if isinstance(entry, ModuleType) else sys.modules.get(str(entry))
        feature = getattr(module, "FEATURE", None)
        if isinstance(feature, Feature):
            found.append(feature)
    return found


def order_problems(settings: dict[str, Any], features: Sequence[Feature[Any]]) -> list[Text]:
    """Each feature that reads a slot whose plugin is missing (`needs`) or is listed after it
    (`needs` and `uses`), named with what to move."""
    listed = plugin_names(settings)
    problems: list[Text] = []
    for feature in features:
        place = listed.index(feature.plugin) if feature.plugin in listed else len(listed)
        missing = sorted(
            {
                slot.plugin
                for slot in feature.needs
                if slot.plugin
                and slot.plugin != feature.plugin
                and (slot.plugin not in listed or listed.index(slot.plugin) > place)
            },
            key=lambda name: listed.index(name) if name in listed else len(listed),
        )
        if missing:
            problems.append(
                t(
                    "PLUGINS: {plugin} needs {plugins} listed before it",
                    plugin=feature.plugin,
                    plugins=", ".join(missing),
                )
            )
        for slot in feature.uses:
            if slot.plugin in listed and listed.index(slot.plugin) > place:
                problems.append(
                    t(
                        "PLUGINS: {plugin} uses what {plugins} plans: list {plugins} before it",
                        plugin=feature.plugin,
                        plugins=slot.plugin,
                    )
                )
    return problems


def plan_features(run: BuildRun, features: Sequence[Feature[Any]]) -> None:
    """Each feature's plan, in order: its part put where the features after it read it, its
    files and pages added to the build's outputs; then whatever a feature left working beside
    the plan is waited for (`Planned.settle`)."""
    outputs = run.get(OUTPUTS)
    settle: list[Callable[[], object]] = []
    for feature in features:
        planned = feature.plan(run)
        if feature.gives is not None:
            run.put(feature.gives, planned.part)
        outputs.files.extend(planned.files)
        outputs.jobs.extend(planned.pages)
        if planned.chrome is not None:
            outputs.chrome = planned.chrome
        if planned.settle is not None:
            settle.append(planned.settle)
    for waiting in settle:
        waiting()


def check_order(pelican: Any) -> None:
    """At start-up (Pelican's `initialized`), before anything is read: stop the build if a
    feature would read what a plugin listed after it plans. Every plugin with a feature
    connects this one function; blinker calls it once."""
    settings = pelican.settings
    stop_for_settings(
        order_problems(settings, features_of(settings)), catalogue=site_catalogue(settings)
    )
