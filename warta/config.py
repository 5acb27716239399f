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
from typing import Any

from .problems import bounded

Check = Callable[[Any], str | None]


@dataclass(frozen=True)
class Setting:
    """One setting: its name, its default, and a check that says what is wrong with a value."""

    name: str
    default: Any
    check: Check


def _shown(value: Any) -> str:
    return bounded(repr(value), 60)


def whole(minimum: int = 0, maximum: int | None = None) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number, not {_shown(value)}"
        if value < minimum or (maximum is not None and value > maximum):
            top = f" to {maximum:,}" if maximum is not None else " or more"
            return f"must be {minimum:,}{top}, not {value:,}"
        return None

    return check


def number(minimum: float = 0.0) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be a number, not {_shown(value)}"
        if value < minimum:
            return f"must be {minimum} or more, not {value}"
        return None

    return check


def text(allow_empty: bool = True) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"must be text, not {_shown(value)}"
        if not allow_empty and not value.strip():
            return "must not be empty"
        return None

    return check


def optional(inner: Check) -> Check:
    def check(value: Any) -> str | None:
        return None if value is None else inner(value)

    return check


def flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be True or False, not {_shown(value)}"


def one_of(*choices: Any) -> Check:
    def check(value: Any) -> str | None:
        if value in choices:
            return None
        hint = _closest(str(value), [str(choice) for choice in choices])
        return f"is {_shown(value)}; use one of {list(choices)}{hint}"

    return check


def list_of(item: Check, choices: Iterable[str] | None = None) -> Check:
    allowed = list(choices) if choices is not None else None

    def check(value: Any) -> str | None:
        if not isinstance(value, list | tuple):
            return f"must be a list, not {_shown(value)}"
        for entry in value:
            problem = item(entry)
            if problem:
                return f"has {_shown(entry)}, which {problem}"
            if allowed is not None and entry not in allowed:
                return f"has {_shown(entry)}; use any of {allowed}{_closest(str(entry), allowed)}"
        return None

    return check


def mapping(keys: Mapping[str, Check], partial: bool = True) -> Check:
    """A dict whose keys are among `keys`, each value passing its check; `partial` lets a site
    give only some keys (the rest keep their defaults)."""

    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"must be a dict, not {_shown(value)}"
        for key, entry in value.items():
            if key not in keys:
                closest = _closest(str(key), list(keys))
                return f"has the key {_shown(key)}{closest}; its keys are {sorted(keys)}"
            problem = keys[key](entry)
            if problem:
                return f"[{key!r}] {problem}"
        missing = [key for key in keys if key not in value]
        if missing and not partial:
            return f"is missing {missing}"
        return None

    return check


def dict_of(key: Check, entry: Check) -> Check:
    """A dict of any keys passing `key`, each value passing `entry`."""

    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"must be a dict, not {_shown(value)}"
        for name, item in value.items():
            problem = key(name) or entry(item)
            if problem:
                return f"[{_shown(name)}] {problem}"
        return None

    return check


def _closest(name: str, known: list[str]) -> str:
    matches = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


def apply(settings: dict[str, Any], schema: Iterable[Setting]) -> list[str]:
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
                problems.append(f"{setting.name} {problem}")
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
    why: str
    pelican: bool = False


# Every setting that was renamed or removed, and every Pelican setting Warta replaces: the one
# place an upgrade looks. Keep a Warta entry for at least one release after `since`.
RENAMED: tuple[Renamed, ...] = (
    Renamed("YEAR_ARCHIVE_SAVE_AS", "WARTA_YEAR_ARCHIVE_SAVE_AS", "0.1.0",
            "Warta writes the archives itself", pelican=True),
    Renamed("MONTH_ARCHIVE_SAVE_AS", "WARTA_MONTH_ARCHIVE_SAVE_AS", "0.1.0",
            "Warta writes the archives itself", pelican=True),
    Renamed("DAY_ARCHIVE_SAVE_AS", "WARTA_MONTH_ARCHIVE_SAVE_AS", "0.1.0",
            "Warta writes the archives itself", pelican=True),
)  # fmt: skip


def upgrade(
    settings: dict[str, Any], table: Iterable[Renamed] = RENAMED
) -> tuple[list[str], list[str]]:
    """Apply `table` to the site's settings: returns (notices, problems), one line each.

    A renamed setting's value moves to its new name unless the site set that too; a removed
    one is dropped; a replaced Pelican setting that is set (not empty) is a problem."""
    notices: list[str] = []
    problems: list[str] = []
    for entry in table:
        if entry.old not in settings:
            continue
        if entry.pelican:
            if settings[entry.old]:
                problems.append(f"{entry.old} is Pelican's; {entry.why}: set {entry.new} instead")
            continue
        value = settings.pop(entry.old)
        if entry.new is None:
            notices.append(
                f"{entry.old} was removed in Warta {entry.since} ({entry.why}); "
                "it does nothing now: delete it"
            )
        elif entry.new in settings:
            notices.append(
                f"{entry.old} was renamed {entry.new} in Warta {entry.since} ({entry.why}); "
                f"both are set, {entry.new} is used: delete {entry.old}"
            )
        else:
            settings[entry.new] = value
            notices.append(
                f"{entry.old} was renamed {entry.new} in Warta {entry.since} ({entry.why}); "
                f"its value is used for now: rename it in the settings file"
            )
    return notices, problems


def unknown(settings: Mapping[str, Any], known: Iterable[str], prefix: str = "WARTA_") -> list[str]:
    """One line for each setting with `prefix` that nothing declares, with the closest name."""
    names = sorted(set(known))
    return [
        f"{name} is not a Warta setting{_closest(name, names)}"
        for name in sorted(settings)
        if name.startswith(prefix) and name not in names
    ]
