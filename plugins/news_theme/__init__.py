"""The theme's plugin: UI strings in the site's language, and every page's view for the theme.

Templates present; this plugin computes what they show. Needs `newsroom_model` and
`findability` listed before it (and reads `related_stories` and `news_images` when they are
listed, before it). `register()` only connects signals: initialized (the order of PLUGINS
checked, Jinja's autoescape and i18n switched on, the catalogue checked) → generator_init (each
template environment gets the catalogue). Its feature (`FEATURE`, `plan.plan_views`) plans the
home page's blocks, then one view and one job per page of the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from findability import FINDABILITY
from news_images import PHOTOS
from newsroom_model.site import SITE
from pelican import signals
from related_stories import RELATED

from warta.features import Feature, check_order
from warta.messages import MissingCatalogue, load_translations
from warta.problems import stop_for_setting

from .messages import ToldOnce, install
from .plan import VIEWS, plan_views
from .settings import finish

__all__ = ["FEATURE", "VIEWS", "plan_views", "register"]


# The theme's messages with no values, told when a template is compiled (`messages.py`); named
# by its import path, as JINJA_ENVIRONMENT names extensions.
_TOLD_ONCE = f"{ToldOnce.__module__}.{ToldOnce.__qualname__}"


def start_build(pelican: Any) -> None:
    """Check the order of plugins and the catalogue; switch on autoescape and Jinja2's i18n.

    Autoescape is on for every template: a value is escaped unless Warta made or cleaned it
    (the `Html` fields of `warta.views`), so nothing a contributor writes becomes markup.
    """
    settings = pelican.settings
    check_order(pelican)
    finish(settings)
    try:
        load_translations(_catalogues(settings), settings["DEFAULT_LANG"])
    except MissingCatalogue as error:
        stop_for_setting(error)
    environment = dict(settings["JINJA_ENVIRONMENT"])
    extensions = list(environment.get("extensions", []))
    if "jinja2.ext.i18n" not in extensions:
        extensions.append("jinja2.ext.i18n")
    if _TOLD_ONCE not in extensions:
        extensions.append(_TOLD_ONCE)
    environment["extensions"] = extensions
    environment["autoescape"] = True
    settings["JINJA_ENVIRONMENT"] = environment


def _catalogues(settings: dict[str, Any]) -> Path:
    return Path(settings["WARTA_TRANSLATIONS_PATH"] or Path(settings["THEME"]) / "translations")


def install_translations(generator: Any) -> None:
    settings = generator.settings
    translations = load_translations(_catalogues(settings), settings["DEFAULT_LANG"])
    install(generator.env, translations)


FEATURE = Feature(
    "news_theme",
    plan_views,
    gives=VIEWS,
    needs=(SITE, FINDABILITY),
    uses=(PHOTOS, RELATED),
)


def register() -> None:
    signals.initialized.connect(start_build)
    signals.generator_init.connect(install_translations)
