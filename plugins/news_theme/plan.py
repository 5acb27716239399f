"""The theme's part of a build's plan: the home page's blocks, the `Parts` every view is made
from (in the `VIEWS` slot), the site's chrome and one job per page (`plan_views`, news_theme's
feature)."""

from __future__ import annotations

from findability import FINDABILITY
from findability.settings import site_url
from news_images import PHOTOS
from newsroom_model.site import SITE
from related_stories import RELATED

from warta.features import Planned
from warta.problems import stop_for_settings
from warta.run import BuildRun, Slot

from .front import FrontPageError, front_page
from .pages import Parts, chrome_of, index_page_size, plan_pages

# What this build's views were made from: `warta serve` makes a changed story's page from it.
VIEWS = Slot[Parts]("views", "news_theme")


def plan_views(run: BuildRun) -> Planned[Parts]:
    """The home page's blocks, then a view and a job for every page of the site."""
    settings = run.settings
    site = run.get(SITE)
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
        raise
    parts = Parts(
        site=site,
        settings=settings,
        findability=run.get(FINDABILITY),
        photos=photos,
        # Not `or {}`: asking the links' length would wait for the ranking, still at work.
        related=related if (related := run.find(RELATED)) is not None else {},
        front=front,
        site_url=site_url(settings),
    )
    with run.stage("listings"):
        pages = tuple(plan_pages(parts))
    return Planned(parts, pages=pages, chrome=chrome_of(parts))
