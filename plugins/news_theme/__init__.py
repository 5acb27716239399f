"""The theme's plugin: UI strings in the site's language, the home page, and the story's extras.

Templates present; this plugin computes what they show that is not the article itself.
Needs `newsroom_model` listed before it (its listings feed the home page). `register()` only
connects signals; the receivers run in build order: initialized (settings, catalogue) →
generator_init (each template environment gets the catalogue) → article_generator_finalized
(home page blocks, share links, comments).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from findability.settings import site_url
from newsroom_model.listings import LISTINGS_KEY, newest_first
from newsroom_model.problems import stop_for_setting
from pelican import signals

from .front import front_page
from .i18n import MissingCatalogue, load_translations
from .settings import ThemeSettingsError, merge_defaults
from .story import comments_of, share_links

TRANSLATIONS_KEY = "WARTA_THEME_TRANSLATIONS"


def start_build(pelican: Any) -> None:
    """Merge defaults, read the catalogue, and switch on Jinja2's i18n extension."""
    settings = pelican.settings
    try:
        merge_defaults(settings)
        folder = settings["WARTA_TRANSLATIONS_PATH"] or Path(settings["THEME"]) / "translations"
        settings[TRANSLATIONS_KEY] = load_translations(Path(folder), settings["DEFAULT_LANG"])
    except (ThemeSettingsError, MissingCatalogue) as error:
        stop_for_setting(error)
    environment = settings["JINJA_ENVIRONMENT"]
    extensions = list(environment.get("extensions", []))
    if "jinja2.ext.i18n" not in extensions:
        environment["extensions"] = [*extensions, "jinja2.ext.i18n"]


def install_translations(generator: Any) -> None:
    translations = generator.settings.get(TRANSLATIONS_KEY)
    if translations is not None:
        generator.env.install_gettext_translations(translations, newstyle=True)


def prepare_story_pages(generator: Any) -> None:
    """The home page's blocks, each story's share links, and the comments slot."""
    settings = generator.settings
    if TRANSLATIONS_KEY not in settings:
        return
    listings = generator.context.get(LISTINGS_KEY)
    if listings is None:
        raise ThemeSettingsError("news_theme needs newsroom_model listed before it in PLUGINS")
    newest = newest_first(generator.articles)
    try:
        generator.context["front_page"] = front_page(newest, listings, settings["WARTA_FRONT_PAGE"])
    except ThemeSettingsError as error:
        stop_for_setting(error)
    generator.context["comments"] = comments_of(settings)
    # The path the site lives under ("/" or "/project/"): the 404 page, served at any address,
    # resolves its links against it.
    generator.context["SITE_ROOT_PATH"] = urlsplit(site_url(settings)).path.rstrip("/") + "/"
    address = site_url(settings)
    for article in [*generator.articles, *generator.translations, *generator.hidden_articles]:
        article.address = f"{address}/{article.url}"
        article.share_links = share_links(article.title, article.address, settings["WARTA_SHARE"])


def register() -> None:
    signals.initialized.connect(start_build)
    signals.generator_init.connect(install_translations)
    signals.article_generator_finalized.connect(prepare_story_pages)
