"""Before anything is read: every Warta plugin's settings checked at once (`prepare_settings`),
the newsroom's data files read into the `Rules` files are checked against (`rules_of`), and a
build's run made (`start_run`)."""

from __future__ import annotations

import dataclasses
import importlib
import os
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from warta.cache import value_digest
from warta.config import apply, unknown, upgrade
from warta.defaults import WARTA_PLUGINS
from warta.messages import catalogue_folder, load_translations, site_catalogue, t
from warta.output import OUTPUTS, Outputs, stable
from warta.problems import Problem, stop_for_settings
from warta.resources import PLACES_FILE, national_places
from warta.run import BuildRun

from .datafiles import load_catalog
from .national import narrowed
from .places import PlaceIndex
from .reading import READING, Reading
from .schema import Rules
from .settings import (
    desk_problems,
    environment_problems,
    finish,
    output_problems,
    pattern_problems,
)
from .source import ReadConfig
from .starter import placeholders


def prepare_settings(settings: dict[str, Any]) -> None:
    """Every Warta plugin's settings at once: defaults filled in, mistakes named together."""
    loaded = [name for name in settings["PLUGINS"] if name in WARTA_PLUGINS]
    # Settings an older Warta named otherwise: carried over and told, before the schema looks.
    notices, problems = upgrade(settings)
    catalogue = site_catalogue(settings)
    for notice in notices:
        print(t("settings: {problem}", problem=notice).told(catalogue), file=sys.stderr, flush=True)
    known: list[str] = []
    for name in WARTA_PLUGINS:
        schema = importlib.import_module(f"{name}.settings").SETTINGS
        known.extend(setting.name for setting in schema)
        if name in loaded:
            problems.extend(apply(settings, schema))
    problems.extend(unknown(settings, known))
    problems.extend(desk_problems(settings))
    problems.extend(pattern_problems(settings))
    problems.extend(output_problems(settings))
    problems.extend(environment_problems(os.environ, settings))
    stop_for_settings(problems, catalogue=catalogue)
    finish(settings)
    if "news_theme" in loaded:
        # The site's own theme folder, for every command (warta check knows its page
        # templates too), not only for a build, where news_theme's start does it again.
        importlib.import_module("news_theme.settings").finish(settings)


def rules_of(settings: dict[str, Any]) -> tuple[Rules, list[Problem]]:
    """What files are checked against (desks, places, writers, sources...), and the problems of
    the data files they come from."""
    content_root = Path(settings["PATH"]).resolve()
    catalog, problems = load_catalog(
        content_root / settings["WARTA_DATA_PATH"],
        settings["WARTA_DATA_FILES"],
        settings["SLUG_REGEX_SUBSTITUTIONS"],
        Path(os.getcwd()),
        content_root=content_root,
        national=narrowed(national_places(), settings["WARTA_PROVINCES"]),
    )
    # The site's own templates (WARTA_SITE_THEME) may add page templates to Warta's.
    template_folders = [
        *settings["THEME_TEMPLATES_OVERRIDES"],
        Path(settings["THEME"]) / "templates",
    ]
    folder = catalogue_folder(settings)
    languages = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    rules = Rules(
        catalog=catalog,
        categories=tuple(settings["WARTA_CATEGORIES"]),
        timezone=ZoneInfo(settings["TIMEZONE"]),
        content_root=content_root,
        extra_fields=frozenset(name.lower() for name in settings["WARTA_EXTRA_FIELDS"]),
        slug_substitutions=tuple(tuple(pair) for pair in settings["SLUG_REGEX_SUBSTITUTIONS"]),
        page_templates=frozenset(
            path.stem
            for templates in template_folders
            for path in Path(templates).glob("page*.html")
            if path.is_file()
        )
        or frozenset({"page"}),
        date_formats=dict(settings["WARTA_DATE_FORMATS"]),
        default_lang=str(settings["DEFAULT_LANG"]),
        placeholders=placeholders(load_translations(folder, lang) for lang in languages),
    )
    data = content_root / settings["WARTA_DATA_PATH"]
    fingerprint = value_digest(
        rules.categories,
        str(rules.timezone),
        str(content_root),
        sorted(rules.extra_fields),
        rules.slug_substitutions,
        sorted(rules.page_templates),
        stable(rules.date_formats),
        rules.default_lang,
        sorted(rules.placeholders),
        PLACES_FILE.read_bytes(),
        settings["WARTA_PROVINCES"],
        # The data files a record is assembled against: its places and its source.
        # A record holds its writers' names only; who they are (role, bio, photo) is
        # read when the site is planned, so a writer's new role assembles no record
        # again (at 100,000 stories that was about 11 s of such a build).
        [
            (name, (data / file).read_bytes() if (data / file).is_file() else b"")
            for name, file in sorted(settings["WARTA_DATA_FILES"].items())
            if name != "authors"
        ],
    )
    places = PlaceIndex.of(catalog.locations.values())
    return dataclasses.replace(rules, fingerprint=fingerprint, places=places), problems


def start_run(settings: dict[str, Any], environment: Any) -> BuildRun:
    """A new run: the newsroom's data read and the reading settings fixed."""
    run = BuildRun.start(settings)
    rules, problems = rules_of(settings)
    run.problems.extend(problems)
    run.put(READING, Reading(ReadConfig.from_settings(settings), rules))
    run.put(OUTPUTS, Outputs(environment=environment))
    return run
