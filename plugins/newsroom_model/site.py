"""The site a build publishes, from its records: which stories are out, and how they are listed.

`published_stories` decides, for the build's time, which stories are published (listed),
hidden, drafts or scheduled, and dates them in the reader's language; `list_site` then builds
the listings and each story's card (work that needs only the stories out starts between the
two). Everything after reads this `Site`, so no address is formatted twice and nothing
of a draft or a scheduled story leaks anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from markupsafe import Markup

from warta.cache import value_digest
from warta.messages import t
from warta.problems import Problem, bounded
from warta.run import BuildRun, Slot
from warta.views import Byline, StoryCard

from .addresses import Address, slugger
from .catalog import Catalog, closest, did_you_mean
from .listings import Listings, build_listings, neighbours, shared_pages
from .live import future_updates
from .old_addresses import Redirects
from .record import Story


@dataclass
class Site:
    """What one build publishes, newest first, with every story's address, labels and card."""

    stories: list[Story]
    hidden: list[Story]
    pages: list[Story]
    hidden_pages: list[Story]
    scheduled: list[Story]
    drafts: list[Story]
    addresses: dict[str, Address]
    catalog: Catalog
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    listings: Listings = field(default_factory=lambda: Listings({}))
    cards: dict[str, StoryCard] = field(default_factory=dict)
    desk_neighbours: dict[str, tuple[Story | None, Story | None]] = field(default_factory=dict)
    written_by_path: dict[str, Story] = field(default_factory=dict)
    # A digest of each written story's record: what a page made from the story depends on.
    keys: dict[str, str] = field(default_factory=dict)
    # Each set of bylines as printed, made once: 100,000 stories have a few hundred.
    printed_bylines: dict[tuple[str, ...], tuple[Byline, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    content_root: Path = Path()
    # The story of the site-wide breaking-news banner, if one is up (`Breaking:`).
    breaking: Story | None = None
    # Old addresses and where they lead now, and addresses withdrawn (redirects.py).
    redirects: Redirects = field(default_factory=Redirects)

    def address(self, story: Story) -> Address:
        return self.addresses[story.path]

    def card(self, story: Story) -> StoryCard:
        """The story as lists show it, made on first use: only pages that are rendered ask."""
        found = self.cards.get(story.path)
        if found is None:
            found = self.cards[story.path] = StoryCard(
                url=self.addresses[story.path].url,
                title=story.title,
                place=story.location.name if story.location else "",
                date_iso=story.date.isoformat(),
                date_label=story.date_label,
                summary=Markup(story.summary),  # noqa: S704 - cleaned by newsroom_model.sanitize when read
                live=story.live is not None and story.live.ongoing,
            )
        return found

    def bylines(self, story: Story) -> tuple[Byline, ...]:
        """The story's writers as printed: name, profile page (if written) and staff role."""
        found = self.printed_bylines.get(story.authors)
        if found is None:
            bylines = []
            for name in story.authors:
                staff = self.catalog.author(name)
                bylines.append(
                    Byline(name, self.listings.url_of("author", name), staff.role if staff else "")
                )
            found = self.printed_bylines[story.authors] = tuple(bylines)
        return found

    @property
    def articles(self) -> list[Story]:
        """Every story that gets a page: the listed ones, then the hidden."""
        return [*self.stories, *self.hidden]

    @property
    def static_pages(self) -> list[Story]:
        return [*self.pages, *self.hidden_pages]


SITE = Slot[Site]("site", "newsroom_model")


# How close a byline must be to a staff writer's name to be taken for a slip of the keyboard:
# 'Rahmat Hidayta' for 'Rahmat Hidayat', not 'Rahmat Hakim'.
BYLINE_CUTOFF = 0.88


def record_key(story: Story) -> str:
    """A digest of everything the record holds: the same for the same content, in every run."""
    return value_digest(story)


def is_out(story: Story, now: datetime) -> bool:
    """Published and not scheduled for later than the build's time."""
    return story.status == "published" and story.date <= now


def breaking_news(stories: list[Story], run: BuildRun) -> Story | None:
    """The story the breaking-news banner leads to: of the stories out (newest first) whose
    `Breaking:` time is still ahead, the newest. The banner changes when one comes down."""
    up = [story for story in stories if story.breaking is not None and run.now < story.breaking]
    for story in up:
        assert story.breaking is not None
        run.changes_by(story.breaking)
    return up[0] if up else None


def newest_first(stories: list[Story]) -> list[Story]:
    """Stories newest first; stories of the same minute by file, so every build agrees."""
    return sorted(stories, key=lambda story: (story.date, story.display), reverse=True)


def published_stories(
    run: BuildRun,
    stories: list[Story],
    pages: list[Story],
    addresses: dict[str, Address],
    catalog: Catalog,
    *,
    known_keys: Mapping[str, str],
) -> Site:
    """The published site for this build: which stories and pages are out, hidden, drafts or
    scheduled, with their records' digests and date labels; `list_site` lists them.

    `known_keys` holds record digests (`record_key`) already worked out, by path: those of
    records an earlier build read from the same files.
    """
    settings = run.settings
    site = Site(
        stories=newest_first([story for story in stories if is_out(story, run.now)]),
        hidden=newest_first([story for story in stories if story.status == "hidden"]),
        pages=sorted((p for p in pages if p.status == "published"), key=lambda p: p.display),
        hidden_pages=[page for page in pages if page.status == "hidden"],
        scheduled=sorted(
            (s for s in stories if s.status == "published" and s.date > run.now),
            key=lambda story: (story.date, story.display),
        ),
        drafts=[story for story in [*stories, *pages] if story.status == "draft"],
        addresses=addresses,
        catalog=catalog,
    )
    if site.scheduled:
        run.changes_by(site.scheduled[0].date)
    site.breaking = breaking_news(site.stories, run)
    for story in site.articles:
        run.problems.extend(future_updates(story.live, story.display, run.now))
    if "news_images" not in settings["PLUGINS"]:
        # news_images draws galleries: without it a gallery would leave the page unsaid.
        run.problems.extend(
            Problem(
                story.display,
                gallery.line,
                "Body",
                t("a photo gallery needs the news_images plugin"),
                t("add news_images to PLUGINS, or show the photos one by one"),
            )
            for story in [*site.articles, *site.static_pages]
            for gallery in story.body.galleries
        )
    site.content_root = Path(settings["PATH"]).resolve()
    site.written_by_path = {story.path: story for story in [*site.articles, *site.static_pages]}
    site.keys = {
        path: known_keys.get(path) or record_key(story)
        for path, story in site.written_by_path.items()
    }
    for story in site.articles:
        site.labels[story.path] = (story.date_label, story.modified_label)
    return site


def list_site(run: BuildRun, site: Site) -> None:
    """The listings of the stories `published_stories` found out, each address two listings
    would share reported, bylines that are nearly a writer's, each desk's neighbours."""
    settings = run.settings
    catalog = site.catalog
    slug_of = slugger(settings)
    run.problems.extend(shared_pages([*site.articles, *site.scheduled], catalog, slug_of))
    site.listings = build_listings(site.stories, settings, slug_of, catalog)
    run.advice.extend(misspelt_bylines(site.articles, catalog))
    for desk in site.listings.of("desk"):
        site.desk_neighbours.update(neighbours(desk.stories))


def misspelt_bylines(stories: list[Story], catalog: Catalog) -> list[Problem]:
    """Advice for each byline that is not a staff writer's but nearly is: 'Rahmat Hidayta'
    would get a writer's page of its own, beside Rahmat Hidayat's. Each name is compared with
    the staff once, however many stories carry it."""
    staff = [author.name for author in catalog.authors.values()]
    near: dict[str, list[str]] = {}
    advice = []
    for story in stories:
        for name in story.authors:
            if catalog.author(name) is not None:
                continue
            if name not in near:
                near[name] = closest(name, staff, cutoff=BYLINE_CUTOFF)
            if near[name]:
                advice.append(
                    Problem(
                        story.display,
                        story.line_of("authors", "author"),
                        "Author",
                        t(
                            "'{name}' is not on the staff list, and would get a writer's page of "
                            "its own",
                            name=bounded(name),
                        ),
                        did_you_mean(name, near[name], ""),
                    )
                )
    return advice
