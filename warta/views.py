"""What each template is given: one plain, frozen record per page, computed before any is written.

This is the contract between the plugins (which compute) and the theme (which presents). A page
is rendered from its view, the site's `Chrome` and the settings, and from nothing else, so a
digest of those is a digest of the page: a page whose digest has not changed is not rendered
again. Every value is plain text, except the fields typed `Html`: HTML that Warta made or
cleaned, which templates print as it is (`markupsafe.Markup`); everything else is escaped by
Jinja's autoescape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

Html = Markup


@dataclass(frozen=True)
class Link:
    """A named address inside the site (`url` is relative to the site root) or outside it."""

    name: str
    url: str


@dataclass(frozen=True)
class Counted:
    """A listing as an index shows it: its name, address and number of stories."""

    name: str
    url: str
    count: int


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page's `<link rel="alternate">` and a listing's heading announce it."""

    title: str
    url: str
    type: str
    format: str


@dataclass(frozen=True)
class CardImage:
    """An image for a link preview or structured data, with an absolute URL."""

    url: str
    width: int
    height: int
    alt: str = ""


@dataclass(frozen=True)
class SocialCard:
    """Open Graph, Twitter card, canonical and robots values for one page's <head>."""

    kind: str
    title: str
    description: str
    url: str
    canonical: str
    robots: str
    image: CardImage
    site_name: str
    og_locale: str
    twitter_site: str
    published: str = ""
    modified: str = ""
    section: str = ""


@dataclass(frozen=True)
class Head:
    """What every page's <head> says besides its title: description, card, feeds, JSON-LD."""

    description: str
    card: SocialCard
    feeds: tuple[FeedLink, ...]
    json_ld: Html = field(default_factory=Html)
    robots: str = ""


@dataclass(frozen=True)
class ImageCandidate:
    """One file of a srcset: its address (relative to the site root) and width in pixels."""

    url: str
    width: int


@dataclass(frozen=True)
class ImageSource:
    """A photo's copies in one format (`type`, e.g. 'image/avif'), narrowest first."""

    type: str
    candidates: tuple[ImageCandidate, ...]


@dataclass(frozen=True)
class Picture:
    """A photo ready for `<picture>` (news_images): one source per format (AVIF, WebP) and the
    `fallback` every browser reads. `width` and `height` are those of the file at `src`;
    `placeholder` is a colour shown in the photo's space until it arrives. A list's thumbnail
    has no `alt`: the headline beside it says what the story is.
    """

    sources: tuple[ImageSource, ...]
    fallback: ImageSource
    src: str
    width: int
    height: int
    sizes: str
    placeholder: str
    alt: str = ""
    title: str = ""


@dataclass(frozen=True)
class StoryCard:
    """A story as lists show it: headline, place, time and summary; its thumbnail when it has
    a photo, and whether it loads at once (near the top of the page) or when scrolled to;
    with comments on, the comment system ('isso', 'remark42') and the story's address as
    comment counters know its thread (`thread`).
    """

    url: str
    title: str
    place: str
    date_iso: str
    date_label: str
    summary: Html
    live: bool = False
    thumb: Picture | None = None
    eager: bool = False
    comments: str = ""
    thread: str = ""


@dataclass(frozen=True)
class RelatedBox:
    """The box under a story: the stories related to it ("Baca juga"; `group` empty), or, when
    none is, other stories of one group that the heading names: "place" or "region" (`name`
    is the place), "desk" (`name` is the desk) or "latest"."""

    group: str = ""
    name: str = ""
    stories: tuple[StoryCard, ...] = ()


@dataclass(frozen=True)
class Byline:
    """One writer: name, profile page when the site writes one, and role when on staff."""

    name: str
    url: str
    role: str = ""


@dataclass(frozen=True)
class SourceLine:
    """Where the story comes from: the source's page, its home page, the original story."""

    name: str
    page_url: str
    home_url: str
    home_label: str
    original_url: str


@dataclass(frozen=True)
class Figure:
    """The lead photo: `<picture>` markup (or a plain image), caption and credit."""

    picture: Html
    caption: str
    credit: str


@dataclass(frozen=True)
class Step:
    """A link from one photo of a gallery to another: the photo's anchor and number."""

    anchor: str
    number: int


@dataclass(frozen=True)
class Slide:
    """One photo of a gallery: its `<picture>`, caption, credit, place in the gallery and the
    photos before and after it (None at either end)."""

    anchor: str
    picture: Html
    caption: str
    credit: str
    number: int
    total: int
    previous: Step | None
    next: Step | None


@dataclass(frozen=True)
class GalleryView:
    """A gallery as a page shows it: its anchor, its title ('' for none) and its slides.

    `in_feed` is set for a feed reader, which has neither the page's stylesheet nor its anchors.
    """

    anchor: str
    title: str
    slides: tuple[Slide, ...]
    in_feed: bool = False


@dataclass(frozen=True)
class CorrectionNote:
    label: str
    iso: str
    note: str


@dataclass(frozen=True)
class ShareLink:
    """One share link: `name` of the network ('copy' copies the address) and its href."""

    name: str
    label: str
    href: str


@dataclass(frozen=True)
class Comments:
    """The configured self-hosted comment system, as its embed needs it."""

    system: str
    url: str
    site_id: str
    lang: str


@dataclass(frozen=True)
class Neighbour:
    """The previous or next story of the same desk."""

    url: str
    title: str


@dataclass(frozen=True)
class EmbedCard:
    """A video or post in a story, as a card that loads the service's player when clicked.

    `placeholder` marks its place in the body (the template puts the card there); `link` is the
    post's own page, `player` the frame's address: both made by `warta.embeds`, never by the
    writer. Nothing of it is fetched before the reader clicks.
    """

    placeholder: Html
    service: str
    name: str
    title: str
    link: str
    player: str
    video: bool
    # Who posted it ('@wartabanua'), when the address says: the card's label without a title.
    author: str = ""


@dataclass(frozen=True)
class LiveEntry:
    """One update of live coverage: its anchor, time and heading text, and what it says."""

    anchor: str
    iso: str
    label: str
    heading: str
    body: Html


@dataclass(frozen=True)
class LiveCoverage:
    """A live story's page: still live or ended, "what we know", updates newest first, and
    the last update's time and anchor."""

    ongoing: bool
    summary: Html
    updates: tuple[LiveEntry, ...]
    last_iso: str
    last_label: str
    last_anchor: str


@dataclass(frozen=True)
class ArticleView:
    """A story's page, in the order a reader meets it."""

    title: str
    lang: str
    url: str
    address: str
    desk: Link
    desk_slug: str
    place: Link | None
    date_iso: str
    date_year: str
    date_label: str
    modified_iso: str
    modified_label: str
    bylines: tuple[Byline, ...]
    source: SourceLine | None
    figure: Figure | None
    # How long the story takes to read, in whole minutes (at least one).
    reading_minutes: int
    body: Html
    corrections: tuple[CorrectionNote, ...]
    tags: tuple[Link, ...]
    share: tuple[ShareLink, ...]
    related: RelatedBox
    older: Neighbour | None
    newer: Neighbour | None
    comments: Comments | None
    head: Head
    live: LiveCoverage | None = None
    embeds: tuple[EmbedCard, ...] = ()
    # The page's own Content-Security-Policy when it frames a service (else the site's).
    csp: str = ""


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    previous_url: str
    next_url: str


@dataclass(frozen=True)
class ListingView:
    """One page of a listing (desk, place, tag, writer, source, year, month)."""

    kind: str
    name: str
    count: int
    kind_link: Link | None
    stories: tuple[StoryCard, ...]
    pagination: Pagination
    # The listing's feed a reader may follow (RSS); its others are in the page's head.
    follow: FeedLink | None
    children: tuple[Counted, ...]
    children_label: str
    about: tuple[str, ...]
    about_link: str
    desk_slug: str
    head: Head
    # A staff writer's portrait on their page (authors.yaml `photo`), None elsewhere.
    photo: Picture | None = None


@dataclass(frozen=True)
class Block:
    """A block of the home page: the listing it comes from and the stories it shows."""

    title: Link
    slug: str
    stories: tuple[StoryCard, ...]


@dataclass(frozen=True)
class HomeView:
    """The home page: the lead story, the editor's picks, the latest news, then the desks and
    the regions (news_theme.front says what each is for); later pages list older news."""

    lead: StoryCard | None
    lead_picture: Html
    picks: tuple[StoryCard, ...]
    latest: tuple[StoryCard, ...]
    desks: tuple[Block, ...]
    regions: tuple[Block, ...]
    more_url: str
    head: Head
    # Query names on the root that lead to an old page (`p` of WordPress's `/?p=123`), and the
    # folder of those pages: a small script sends such a visit on.
    old_queries: tuple[str, ...] = ()
    old_query_folder: str = ""


@dataclass(frozen=True)
class LatestView:
    """A later page of the newest stories (the home page's /halaman/2/...)."""

    stories: tuple[StoryCard, ...]
    pagination: Pagination
    head: Head


@dataclass(frozen=True)
class Group:
    """A group of an index page: a region's places, a year's months."""

    title: Counted
    slug: str
    items: tuple[Counted, ...]


@dataclass(frozen=True)
class IndexView:
    """An index of one kind of listing: desks, places, topics, writers, sources, the archive.

    `items` lists them (the most used first on large topic indexes), `groups` groups them (by
    region, by year), `letters` links the A-Z pages of a large index, `letter` is this page's.
    """

    kind: str
    heading: str
    items: tuple[Counted, ...]
    groups: tuple[Group, ...]
    letters: tuple[Link, ...]
    letter: str
    total: int
    pagination: Pagination | None
    head: Head


@dataclass(frozen=True)
class PageView:
    """A static page (Tentang, Redaksi, Pedoman Media Siber)."""

    title: str
    lang: str
    body: Html
    head: Head
    embeds: tuple[EmbedCard, ...] = ()
    csp: str = ""


@dataclass(frozen=True)
class SearchView:
    """The search page: the search bundles to load, the first one holding the UI."""

    bundles: tuple[str, ...]
    head: Head


@dataclass(frozen=True)
class NotFoundView:
    """The 404 page, whose links start from the site's root path wherever it is served."""

    root: str
    newest: tuple[StoryCard, ...]
    head: Head


@dataclass(frozen=True)
class Chrome:
    """What every page shows around its content: masthead, desks, footer."""

    name: str
    subtitle: str
    lang: str
    desks: tuple[Link, ...]
    desk_slugs: tuple[str, ...]
    pages: tuple[Link, ...]
    indexes: tuple[Link, ...]
    site_feed: str
    search_url: str
    csp: str = ""
    banner: Link | None = None
    # The site's own stylesheet (under THEME_STATIC_DIR), linked after Warta's; '' for none.
    stylesheet: str = ""
    # The comment system, when comments are on: list pages count each story's comments.
    comments: Comments | None = None


@dataclass(frozen=True)
class RedirectView:
    """An old address: the page sends readers and search engines on to where its page is now.
    `target` is relative to the site's root, or another site's address when `external`."""

    target: str
    title: str
    canonical: str
    external: bool = False


@dataclass(frozen=True)
class GoneView:
    """An address the newsroom withdrew on purpose, with its note to readers."""

    note: str
    head: Head


View = (
    ArticleView | ListingView | HomeView | LatestView | IndexView | PageView | SearchView
    | NotFoundView | RedirectView | GoneView
)  # fmt: skip


@dataclass(frozen=True)
class Deferred:
    """A page's key made only when its digest is (`PageJob.key`): at 100,000 stories, making
    every key took 4-5 s of planning in the build's process, where the digests are made in
    forked workers, side by side (`warta.output._changed_pages`)."""

    make: Callable[[], object]


@dataclass(frozen=True)
class PageJob:
    """One file to write from a template and a view; `source` names the story it shows, if any.

    `key` is everything the view is made from, kept small (digests of records, short text): a
    page is rendered again only when its key, the site's chrome, the settings, the theme or the
    code changed; a `Deferred` key is made when the page's digest is. `make()` builds the view,
    only for a page that is rendered, in the worker that renders it: at 10,000 stories,
    building every view would cost more than the rest of an unchanged build.
    """

    save_as: str
    template: str
    key: object
    make: Callable[[], View]
    source: str = ""

    @classmethod
    def of(cls, save_as: str, template: str, view: View, source: str = "") -> PageJob:
        """A page whose view is cheap to make: the view is its own key."""
        return cls(save_as, template, view, lambda: view, source)
