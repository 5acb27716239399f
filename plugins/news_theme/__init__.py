"""The theme's plugin: UI strings in the site's language, and every page's view for the theme.

Templates present; this plugin computes what they show. Needs `newsroom_model` and
`findability` listed before it (and reads `related_stories` and `news_images` when they are).
`register()` only connects signals: initialized (Jinja's autoescape and i18n switched on, the
catalogue checked) → generator_init (each template environment gets the catalogue) →
`plan_site` (the home page's blocks, then one view per page of the site).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from findability import FINDABILITY
from findability.settings import site_url
from newsroom_model import requires
from newsroom_model.site import SITE
from pelican import signals

from warta.messages import MissingCatalogue, load_translations
from warta.output import OUTPUTS
from warta.problems import stop_for_setting, stop_for_settings
from warta.run import BuildRun, Slot
from warta.signals import plan_site

from .front import FrontPageError, front_page
from .pages import Parts, chrome_of, index_page_size, plan_pages
from .settings import finish

# What this build's views were made from: `warta serve` makes a changed story's page from it.
VIEWS = Slot[Parts]("views")


def start_build(pelican: Any) -> None:
    """Check the order of plugins and the catalogue; switch on autoescape and Jinja2's i18n.

    Autoescape is on for every template: a value is escaped unless Warta made or cleaned it
    (the `Html` fields of `warta.views`), so nothing a contributor writes becomes markup.
    """
    settings = pelican.settings
    requires(settings, "news_theme", "newsroom_model", "findability")
    finish(settings)
    try:
        load_translations(_catalogues(settings), settings["DEFAULT_LANG"])
    except MissingCatalogue as error:
        stop_for_setting(error)
    environment = dict(settings["JINJA_ENVIRONMENT"])
    extensions = list(environment.get("extensions", []))
    if "jinja2.ext.i18n" not in extensions:
        extensions.append("jinja2.ext.i18n")
    environment["extensions"] = extensions
    environment["autoescape"] = True
    settings["JINJA_ENVIRONMENT"] = environment


def _catalogues(settings: dict[str, Any]) -> Path:
    return Path(settings["WARTA_TRANSLATIONS_PATH"] or Path(settings["THEME"]) / "translations")


def install_translations(generator: Any) -> None:
    settings = generator.settings
    translations = load_translations(_catalogues(settings), settings["DEFAULT_LANG"])
    generator.env.install_gettext_translations(translations, newstyle=True)


def plan_views(run: BuildRun) -> None:
    """The home page's blocks, then a view for every page of the site."""
    settings = run.settings
    site = run.get(SITE)
    from news_images import PHOTOS  # noqa: PLC0415 - optional: news_images may not be listed
    from related_stories import RELATED  # noqa: PLC0415 - optional, as above

    photos = run.find(PHOTOS)
    try:
        front = front_page(
            site.stories,
            site.listings,
            settings["WARTA_FRONT_PAGE"],
            lambda story: photos is not None and story.path in photos.leads,
            index_page_size(settings),
        )
    except FrontPageError as error:
        stop_for_settings([error.text], catalogue=run.catalogue)
        return
    parts = Parts(
        site=site,
        settings=settings,
        findability=run.get(FINDABILITY),
        photos=photos,
        related=run.find(RELATED) or {},
        front=front,
        site_url=site_url(settings),
    )
    run.put(VIEWS, parts)
    outputs = run.get(OUTPUTS)
    outputs.chrome = chrome_of(parts)
    with run.stage("listings"):
        outputs.jobs.extend(plan_pages(parts))


def register() -> None:
    signals.initialized.connect(start_build)
    signals.generator_init.connect(install_translations)
    plan_site.connect(plan_views)
