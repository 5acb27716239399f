"""One checked schema for every WARTA_* setting: defaults in one place, mistakes named at start.

Each plugin declares its settings as `Setting`s (name, default, check). At the start of a build
`apply` fills in the defaults the site did not set and checks every value; `unknown` names any
WARTA_* key no plugin declares, with the closest known one. Every mistake is told in one line
that names the setting, and all of them are told together, before anything is read or written.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .messages import Text, t
from .problems import bounded

# What is wrong with a value, told in the site's language (None when nothing is).
Check = Callable[[Any], Text | None]


@dataclass(frozen=True)
class Setting:
    """One setting: its name, its default, and a check that says what is wrong with a value."""

    name: str
    default: Any
    check: Check


def _shown(value: Any) -> str:
    return bounded(repr(value), 60)


def whole(minimum: int = 0, maximum: int | None = None) -> Check:
    def check(value: Any) -> Text | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return t("must be a whole number, not {value}", value=_shown(value))
        if maximum is not None and not minimum <= value <= maximum:
            return t(
                "must be {minimum:,} to {maximum:,}, not {value:,}",
                minimum=minimum,
                maximum=maximum,
                value=value,
            )
        if value < minimum:
            return t("must be {minimum:,} or more, not {value:,}", minimum=minimum, value=value)
        return None

    return check


def number(minimum: float = 0.0) -> Check:
    def check(value: Any) -> Text | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return t("must be a number, not {value}", value=_shown(value))
        if value < minimum:
            return t("must be {minimum} or more, not {value}", minimum=minimum, value=value)
        return None

    return check


def text(allow_empty: bool = True) -> Check:
    def check(value: Any) -> Text | None:
        if not isinstance(value, str):
            return t("must be text, not {value}", value=_shown(value))
        if not allow_empty and not value.strip():
            return t("must not be empty")
        return None

    return check


def optional(inner: Check) -> Check:
    def check(value: Any) -> Text | None:
        return None if value is None else inner(value)

    return check


def flag(value: Any) -> Text | None:
    if isinstance(value, bool):
        return None
    return t("must be True or False, not {value}", value=_shown(value))


def one_of(*choices: Any) -> Check:
    def check(value: Any) -> Text | None:
        if value in choices:
            return None
        problem = t(
            "is {value}; use one of {choices}", value=_shown(value), choices=str(list(choices))
        )
        return _closest(problem, str(value), [str(choice) for choice in choices])

    return check


def list_of(item: Check, choices: Iterable[str] | None = None, at_least: int = 0) -> Check:
    """A list of items passing `item` (each among `choices` when given), `at_least` of them."""
    allowed = list(choices) if choices is not None else None

    def check(value: Any) -> Text | None:
        if not isinstance(value, list | tuple):
            return t("must be a list, not {value}", value=_shown(value))
        if len(value) < at_least:
            return t("must list at least {count}, not {value}", count=at_least, value=_shown(value))
        for entry in value:
            problem = item(entry)
            if problem:
                return t("has {value}, which {problem}", value=_shown(entry), problem=problem)
            if allowed is not None and entry not in allowed:
                wrong = t(
                    "has {value}; use any of {choices}", value=_shown(entry), choices=str(allowed)
                )
                return _closest(wrong, str(entry), allowed)
        return None

    return check


def pair(item: Check, names: tuple[str, str]) -> Check:
    """Two values, each passing `item`: `[width, height]`."""

    def check(value: Any) -> Text | None:
        if not isinstance(value, list | tuple) or len(value) != 2:
            return t(
                "must be [{first}, {second}], not {value}",
                first=names[0],
                second=names[1],
                value=_shown(value),
            )
        for name, entry in zip(names, value, strict=True):
            problem = item(entry)
            if problem:
                return t(
                    "has the {name} {value}, which {problem}",
                    name=name,
                    value=_shown(entry),
                    problem=problem,
                )
        return None

    return check


def moment(value: Any) -> Text | None:
    """An ISO 8601 date and time, as `datetime.fromisoformat` reads it."""
    if isinstance(value, datetime):
        return None
    if not isinstance(value, str):
        return t("must be an ISO 8601 time, not {value}", value=_shown(value))
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return t(
            "is {value}, not an ISO 8601 time (e.g. '2026-11-18 09:00+08:00')",
            value=_shown(value),
        )
    return None


def mapping(keys: Mapping[str, Check], partial: bool = True) -> Check:
    """A dict whose keys are among `keys`, each value passing its check; `partial` lets a site
    give only some keys (the rest keep their defaults)."""

    def check(value: Any) -> Text | None:
        if not isinstance(value, dict):
            return t("must be a dict, not {value}", value=_shown(value))
        for key, entry in value.items():
            if key not in keys:
                named = {"key": _shown(key), "keys": str(sorted(keys))}
                matches = difflib.get_close_matches(str(key), list(keys), n=1, cutoff=0.6)
                if matches:
                    return t(
                        "has the key {key} (did you mean {name}?); its keys are {keys}",
                        name=repr(matches[0]),
                        **named,
                    )
                return t("has the key {key}; its keys are {keys}", **named)
            problem = keys[key](entry)
            if problem:
                return t("[{key}] {problem}", key=repr(key), problem=problem)
        missing = [key for key in keys if key not in value]
        if missing and not partial:
            return t("is missing {keys}", keys=str(missing))
        return None

    return check


def dict_of(key: Check, entry: Check) -> Check:
    """A dict of any keys passing `key`, each value passing `entry`."""

    def check(value: Any) -> Text | None:
        if not isinstance(value, dict):
            return t("must be a dict, not {value}", value=_shown(value))
        for name, item in value.items():
            problem = key(name) or entry(item)
            if problem:
                return t("[{key}] {problem}", key=_shown(name), problem=problem)
        return None

    return check


def _closest(problem: Text, name: str, known: list[str]) -> Text:
    """`problem`, with the known name closest to `name` suggested when one is close."""
    matches = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if not matches:
        return problem
    return t("{problem} (did you mean {name}?)", problem=problem, name=repr(matches[0]))


def apply(settings: dict[str, Any], schema: Iterable[Setting]) -> list[Text]:
    """Fill in the defaults of `schema` the site did not set, and check every value.

    Dict settings whose default is a dict merge key by key: a site that sets one weight keeps
    the others. Returns one line per mistake, each naming its setting.
    """
    problems = []
    for setting in schema:
        if setting.name in settings:
            value = settings[setting.name]
            problem = setting.check(value)
            if problem:
                problems.append(t("{setting} {problem}", setting=setting.name, problem=problem))
                continue
            if isinstance(setting.default, dict) and isinstance(value, dict):
                settings[setting.name] = {**copy.deepcopy(setting.default), **value}
        else:
            settings[setting.name] = copy.deepcopy(setting.default)
    return problems


@dataclass(frozen=True)
class Renamed:
    """A setting a site may still have from an older Warta (or from Pelican): `new` is the one
    to use instead, or None when it is gone; `since` the Warta version that changed it.

    A renamed Warta setting keeps working for at least one release: its value goes to the new
    name and the build says so, naming both. A removed one is ignored, and said. A Pelican
    setting whose work Warta does itself (`pelican=True`) stops the build: Warta would not do
    what it says."""

    old: str
    new: str | None
    since: str
    why: Text | str
    pelican: bool = False


# Every setting that was renamed or removed, and every Pelican setting Warta replaces: the one
# place an upgrade looks. Keep a Warta entry for at least one release after `since`.
RENAMED: tuple[Renamed, ...] = (
    Renamed("YEAR_ARCHIVE_SAVE_AS", "WARTA_YEAR_ARCHIVE_SAVE_AS", "0.1.0",
            t("Warta writes the archives itself"), pelican=True),
    Renamed("MONTH_ARCHIVE_SAVE_AS", "WARTA_MONTH_ARCHIVE_SAVE_AS", "0.1.0",
            t("Warta writes the archives itself"), pelican=True),
    Renamed("DAY_ARCHIVE_SAVE_AS", "WARTA_MONTH_ARCHIVE_SAVE_AS", "0.1.0",
            t("Warta writes the archives itself"), pelican=True),
)  # fmt: skip


def upgrade(
    settings: dict[str, Any], table: Iterable[Renamed] = RENAMED
) -> tuple[list[Text], list[Text]]:
    """Apply `table` to the site's settings: returns (notices, problems), one line each.

    A renamed setting's value moves to its new name unless the site set that too; a removed
    one is dropped; a replaced Pelican setting that is set (not empty) is a problem."""
    notices: list[Text] = []
    problems: list[Text] = []
    for entry in table:
        if entry.old not in settings:
            continue
        named = {"old": entry.old, "new": entry.new, "since": entry.since, "why": entry.why}
        if entry.pelican:
            if settings[entry.old]:
                problems.append(t("{old} is Pelican's; {why}: set {new} instead", **named))
            continue
        value = settings.pop(entry.old)
        if entry.new is None:
            notices.append(
                t(
                    "{old} was removed in Warta {since} ({why}); it does nothing now: delete it",
                    **named,
                )
            )
        elif entry.new in settings:
            notices.append(
                t(
                    "{old} was renamed {new} in Warta {since} ({why}); both are set, {new} is "
                    "used: delete {old}",
                    **named,
                )
            )
        else:
            settings[entry.new] = value
            notices.append(
                t(
                    "{old} was renamed {new} in Warta {since} ({why}); its value is used for "
                    "now: rename it in the settings file",
                    **named,
                )
            )
    return notices, problems


def unknown(
    settings: Mapping[str, Any], known: Iterable[str], prefix: str = "WARTA_"
) -> list[Text]:
    """One line for each setting with `prefix` that nothing declares, with the closest name."""
    names = sorted(set(known))
    return [
        _closest(t("{name} is not a Warta setting", name=name), name, names)
        for name in sorted(settings)
        if name.startswith(prefix) and name not in names
    ]
