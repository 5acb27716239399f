"""Warta's photos: responsive, stripped and cached copies of every image a published page shows.

Needs `newsroom_model`, listed before this plugin in PLUGINS: a photo that cannot be published
becomes a problem in its build report, so the build stops before anything is written.
Its feature (`FEATURE`, `prepare`) renders every photo of every story (drafts and scheduled
ones too, so their problems show before they are published) or finds it in the cache, and the
pages that are published get their `<picture>` markup; their files are placed in output/ with
the rest of the site. Only photos of published pages reach output/.
See docs/adr/002-image-pipeline.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from newsroom_model.files import PHOTO_SUFFIXES, listed, walk
from newsroom_model.gallery import GALLERY_PLACEHOLDER, Gallery, GalleryPhoto
from newsroom_model.pipeline import linked_files
from newsroom_model.record import Story
from newsroom_model.site import SITE, Site
from newsroom_model.source import PHOTO_PLACEHOLDER, BodyImage
from pelican import signals
from pelican.log import console

from warta.features import Feature, Planned, check_order
from warta.messages import Text, t, tell
from warta.output import OUTPUTS, OutputFiles, Writes
from warta.problems import Problem
from warta.run import BuildRun, Slot
from warta.views import GalleryView, ImageCandidate, Picture, Slide, Step

from .picture import (
    Published,
    SocialImages,
    picture_of,
    social_images_of,
    thumbnail_of,
)
from .pipeline import ImageBuild, Want, place
from .references import Use, body_use, lead_use
from .render import CENTRE, Focus, Manifest, Refusal, focus_label

FORMAT_NAMES: dict[str, Text | str] = {"avif": "AVIF", "webp": "WebP", "jpeg": t("JPEG or PNG")}


@dataclass
class Ready:
    """A photo ready for a page: what was rendered and where its copies go."""

    manifest: Manifest
    published: Published


@dataclass
class StoryUses:
    """The photos one story shows: its lead, its body's, and each gallery's in order; None for
    a body or gallery photo that cannot be used (its problem is in the report)."""

    lead: Use | None = None
    body: list[Use | None] = field(default_factory=list)
    galleries: list[list[Use | None]] = field(default_factory=list)

    def every(self) -> list[Use | None]:
        """Every use, lead first, in the order the page shows them."""
        lead: list[Use | None] = [self.lead] if self.lead is not None else []
        return [*lead, *self.body, *(use for gallery in self.galleries for use in gallery)]

    @property
    def card(self) -> tuple[Use, Focus] | None:
        """The photo that stands for the story in lists and link previews, and the point its
        crops centre on: the lead photo, else the first photo of its galleries (centred)."""
        if self.lead is not None:
            return self.lead, self.lead.focus or CENTRE
        first = next((use for gallery in self.galleries for use in gallery if use), None)
        return (first, CENTRE) if first is not None else None


@dataclass
class Photos:
    """The build's photos as pages show them: the lead, body and gallery photos of each story."""

    build: ImageBuild
    environment: Environment
    settings: dict[str, Any]
    leads: dict[str, tuple[Ready, Focus]] = field(default_factory=dict)
    # Per published story: the content hashes (and crop focus) of the photos its page shows.
    keys: dict[str, tuple[tuple[str, Focus | None], ...]] = field(default_factory=dict)
    bodies: dict[str, list[Ready | None]] = field(default_factory=dict)
    galleries: dict[str, list[list[Ready | None]]] = field(default_factory=dict)
    social: dict[str, SocialImages] = field(default_factory=dict)
    # Per published story with a photo: its thumbnail for lists (the same crop as `social`).
    thumbnails: dict[str, Picture] = field(default_factory=dict)
    # Per staff writer whose profile page is written (by name, case-folded): their portrait.
    staff: dict[str, Picture] = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)

    def picture(self, ready: Ready, alt: str, title: str = "") -> Picture:
        return picture_of(
            ready.manifest,
            ready.published,
            alt=alt,
            title=title,
            sizes=self.settings["WARTA_IMAGES_SIZES"],
            fallback_width=self.settings["WARTA_IMAGES_FALLBACK_WIDTH"],
        )

    def markup(self, picture: Picture, siteurl: str, lead: bool, eager: bool = False) -> Markup:
        """The theme's `<picture>` partial for a page whose SITEURL is `siteurl`: `lead` for the
        page's first photo (fetched first), `eager` for one loaded before it is scrolled to."""
        template = self.environment.get_template(self.settings["WARTA_IMAGES_TEMPLATE"])
        rendered = template.render(picture=picture, SITEURL=siteurl, lead=lead, eager=eager)
        return Markup(rendered.strip())  # noqa: S704 - rendered by the autoescaping theme

    def has_lead(self, story: Story) -> bool:
        """Whether the story's page shows a lead photo."""
        found = self.leads.get(story.path)
        return found is not None and story.image is not None and bool(found[0].manifest.renditions)

    def gallery_photos(self, story: Story) -> list[tuple[GalleryPhoto, ImageCandidate, int]]:
        """Each photo the story's galleries show, in order, with its widest copy in the format
        every browser reads (as a site-relative URL and width) and that copy's height."""
        found = []
        for gallery, readies in zip(
            story.body.galleries, self.galleries.get(story.path, []), strict=True
        ):
            for photo, ready in zip(gallery.photos, readies, strict=True):
                if ready is None or not ready.manifest.renditions:
                    continue
                widest = self.picture(ready, photo.alt).fallback.candidates[-1]
                height = next(
                    rendition.height
                    for rendition in ready.manifest.renditions
                    if ready.published.name(rendition) == widest.url
                )
                found.append((photo, widest, height))
        return found

    def lead_html(self, story: Story, siteurl: str) -> Markup | None:
        """The story's lead photo as `<picture>` markup, or None if it has none."""
        if not self.has_lead(story) or story.image is None:
            return None
        return self.markup(self.picture(self.leads[story.path][0], story.image.alt), siteurl, True)

    def body_html(self, story: Story, html: str, siteurl: str, *, in_feed: bool = False) -> str:
        """The body with each of its photos as `<picture>` markup and each of its galleries as
        the theme's gallery, for a page (or, `in_feed`, a feed entry) at `siteurl`."""
        for index, ready in enumerate(self.bodies.get(story.path, [])):
            image = story.body.images[index]
            markup = (
                self.markup(self.picture(ready, image.alt, image.title), siteurl, lead=False)
                if ready is not None and ready.manifest.renditions
                else ""
            )
            html = html.replace(PHOTO_PLACEHOLDER.format(index), str(markup), 1)
        for index, readies in enumerate(self.galleries.get(story.path, [])):
            placeholder = GALLERY_PLACEHOLDER.format(index)
            # The first photo of a gallery loads at once; it is fetched first only when it is
            # the first photo of the page: no lead photo, no photo in the body before it. A live
            # story's page shows its updates newest first, not in the order of `html`, so
            # there no gallery can tell that it comes first.
            first = (
                not in_feed
                and not self.has_lead(story)
                and story.live is None
                and _first_photo(html, placeholder)
            )
            view = gallery_view(
                self,
                story.body.galleries[index],
                readies,
                index=index,
                siteurl=siteurl,
                in_feed=in_feed,
                first=first,
            )
            template = self.environment.get_template(self.settings["WARTA_IMAGES_GALLERY_TEMPLATE"])
            rendered = template.render(gallery=view).strip() if view.slides else ""
            html = html.replace(placeholder, rendered, 1)
        return html


def _first_photo(html: str, placeholder: str) -> bool:
    """Whether no photo stands in `html` before `placeholder`."""
    before = html[: html.find(placeholder)]
    return "<img" not in before and "<!--warta-photo:" not in before


def gallery_view(
    photos: Photos,
    gallery: Gallery,
    readies: list[Ready | None],
    *,
    index: int,
    siteurl: str,
    in_feed: bool,
    first: bool,
) -> GalleryView:
    """A gallery of a body as the theme's gallery partial prints it; its anchors are numbered
    by its place in the body, so they are the same on every build of the page."""
    anchor = f"galeri-{index + 1}"
    shown = [
        (photo, ready)
        for photo, ready in zip(gallery.photos, readies, strict=True)
        if ready is not None and ready.manifest.renditions
    ]
    anchors = [f"{anchor}-foto-{number}" for number in range(1, len(shown) + 1)]
    slides = tuple(
        Slide(
            anchor=anchors[number],
            picture=photos.markup(
                photos.picture(ready, photo.alt),
                siteurl,
                lead=first and number == 0,
                eager=number == 0,
            ),
            caption=photo.caption,
            credit=photo.credit,
            number=number + 1,
            total=len(shown),
            previous=Step(anchors[number - 1], number) if number > 0 else None,
            next=Step(anchors[number + 1], number + 2) if number + 1 < len(shown) else None,
        )
        for number, (photo, ready) in enumerate(shown)
    )
    return GalleryView(anchor, gallery.title, slides, in_feed)


PHOTOS = Slot[Photos]("photos", "news_images")


def prepare(run: BuildRun) -> Planned[Photos]:
    """Render (or find in the cache) every photo of every story; note what published pages use."""
    settings = run.settings
    site = run.get(SITE)
    outputs = run.get(OUTPUTS)
    assert outputs.environment is not None
    build = ImageBuild.start(settings)
    photos = Photos(build, outputs.environment, settings)
    everything = [*site.articles, *site.static_pages, *site.scheduled, *site.drafts]
    uses = _uses(run, everything)
    static_photos = _originals(run)
    published = {story.path for story in [*site.articles, *site.static_pages]}
    originals = (
        _published_originals(run, static_photos, [uses[path] for path in sorted(published)])
        if settings["WARTA_IMAGES_COPY_ORIGINALS"]
        else {}
    )
    wants = _wants(uses, build, originals, settings["WARTA_IMAGES_COPY_ORIGINALS"])
    portraits = _staff_uses(run, site)
    for use in portraits.values():
        wants.setdefault(use.source, Want(original=bool(settings["WARTA_IMAGES_COPY_ORIGINALS"])))
    with run.stage("images"):
        build.prepare(wants, run.console, check_only=settings["WARTA_MODE"] == "check")
    for story in everything:
        _present(run, photos, story, uses[story.path], show=story.path in published)
    _present_staff(run, photos, portraits)
    for save_as, source in originals.items():
        photo = build.photos.get(source)
        if photo is None:
            continue
        manifest = photo.manifest
        if manifest is not None and manifest.original is not None:
            photos.outputs[save_as] = build.entry(photo.key) / manifest.original.file
        elif isinstance(photo.outcome, Refusal):
            run.problems.append(
                Problem(_shown(source), 1, "Image", photo.outcome.message, photo.outcome.hint)
            )
    return Planned(
        photos,
        files=(
            OutputFiles(
                owner="photos",
                stage="images",
                claims=tuple(sorted(photos.outputs)),
                write=lambda writes: _place(run, photos, writes, set(static_photos)),
            ),
        ),
    )


# The field of authors.yaml that names a writer's portrait.
STAFF_FIELD = "Photo"


def _staff_uses(run: BuildRun, site: Site) -> dict[str, Use]:
    """The portrait (`photo:` in the authors data file) of each staff writer whose profile page
    the site writes, by name. The data file's schema has checked each (a file under content/,
    with `photo_alt`); here it becomes a photo like any other, decoded and checked as one."""
    settings = run.settings
    root = Path(settings["PATH"]).resolve()
    data = root / settings["WARTA_DATA_PATH"] / settings["WARTA_DATA_FILES"]["authors"]
    display = _shown(data)
    written = {
        listing.staff.name.casefold()
        for listing in site.listings.of("author")
        if listing.staff is not None and listing.save_as
    }
    return {
        staff.name.casefold(): Use(
            (root / staff.photo).resolve(),
            staff.photo,
            display,
            staff.photo_line,
            STAFF_FIELD,
            alt=staff.photo_alt,
        )
        for staff in site.catalog.authors.values()
        if staff.photo and staff.photo_alt and staff.name.casefold() in written
    }


def _present_staff(run: BuildRun, photos: Photos, portraits: dict[str, Use]) -> None:
    """The portrait of each writer whose profile page is written, ready for that page."""
    for name, use in portraits.items():
        ready = _ready(run, photos.build, use, use.content_path)
        if ready is None or not ready.manifest.renditions:
            continue
        _publish(photos, ready)
        photos.staff[name] = picture_of(
            ready.manifest,
            ready.published,
            alt=use.alt,
            sizes=str(photos.settings["WARTA_IMAGES_STAFF_SIZES"]),
            fallback_width=int(photos.settings["WARTA_IMAGES_FALLBACK_WIDTH"]),
        )


def _uses(run: BuildRun, stories: list[Story]) -> dict[str, StoryUses]:
    """Each story's photos: its lead, its body's and its galleries'."""
    root = Path(run.settings["PATH"]).resolve()
    uses: dict[str, StoryUses] = {}

    def use_of(story: Story, image: BodyImage | GalleryPhoto) -> Use | None:
        use, problem = body_use(image, story.path, story.display, root)
        if problem is not None:
            run.problems.append(problem)
        return use

    for story in stories:
        found = StoryUses()
        if story.image is not None:
            image = story.image
            found.lead = lead_use(image.path, image.focus, story.path, image.line, root)
        found.body = [use_of(story, image) for image in story.body.images]
        found.galleries = [
            [use_of(story, photo) for photo in gallery.photos] for gallery in story.body.galleries
        ]
        uses[story.path] = found
    return uses


def _wants(
    uses: dict[str, StoryUses],
    build: ImageBuild,
    originals: dict[str, Path],
    copy_originals: bool,
) -> dict[Path, Want]:
    """What to render of each photo: its copies, the crops its leads ask for, the original."""
    wants: dict[Path, Want] = {}
    cropped = bool(build.spec.crops or build.spec.thumbnails)
    for found in uses.values():
        for use in found.every():
            if use is not None:
                wants.setdefault(use.source, Want(original=copy_originals))
        card = found.card
        if card is not None and cropped:
            wants[card[0].source].focuses.add(card[1])
    for source in originals.values():
        wants.setdefault(source, Want(original=True))
    return wants


def _present(run: BuildRun, photos: Photos, story: Story, uses: StoryUses, show: bool) -> None:
    """Report the story's refused photos; for a published story, note what its page shows."""
    if show:
        # The page's key: every photo it shows by content hash, so a photo changed under the
        # same name renders the page again.
        photos.keys[story.path] = tuple(
            (photos.build.photos[use.source].key, use.focus) if use is not None else ("", None)
            for use in uses.every()
        )

    def ready_of(use: Use | None) -> Ready | None:
        ready = _ready(run, photos.build, use, story.display) if use is not None else None
        if ready is not None and show:
            _publish(photos, ready)
        return ready

    lead = None
    if uses.lead is not None:
        lead = ready_of(uses.lead)
        if lead is not None and show:
            photos.leads[story.path] = (lead, uses.lead.focus or CENTRE)
    bodies = [ready_of(use) for use in uses.body]
    galleries = [[ready_of(use) for use in gallery] for gallery in uses.galleries]
    if show and bodies:
        photos.bodies[story.path] = bodies
    if show and galleries:
        photos.galleries[story.path] = galleries
    card = uses.card
    if show and card is not None:
        use, focus = card
        ready = lead if use is uses.lead else _gallery_ready(uses, galleries, use)
        if ready is not None:
            _publish_card(photos, story, ready, focus, use.alt or _lead_alt(story))


def _gallery_ready(
    uses: StoryUses, galleries: list[list[Ready | None]], wanted: Use
) -> Ready | None:
    """The rendered photo of the gallery use `wanted`."""
    for gallery_uses, readies in zip(uses.galleries, galleries, strict=True):
        for use, ready in zip(gallery_uses, readies, strict=True):
            if use is wanted:
                return ready
    return None


def _lead_alt(story: Story) -> str:
    return story.image.alt if story.image is not None else ""


def _ready(run: BuildRun, build: ImageBuild, use: Use, display: str) -> Ready | None:
    """The rendered photo, or None with the refusal in the report (`display` names the file
    that uses the photo)."""
    photo = build.photos[use.source]
    manifest = photo.manifest
    if manifest is None:
        assert isinstance(photo.outcome, Refusal)
        if use.is_lead or use.field == STAFF_FIELD:
            message = t("file '{name}' {problem}")
        else:
            message = t("image '{name}' {problem}")
        run.problems.append(
            Problem(
                display,
                use.line,
                use.field,
                message.fill(name=use.written, problem=photo.outcome.message),
                photo.outcome.hint,
            )
        )
        return None
    published = Published.of(build.output_path, photo.key, use.source.name)
    return Ready(manifest, published)


def _publish(photos: Photos, ready: Ready) -> None:
    if not ready.manifest.renditions:
        return  # only checked (warta check): nothing was rendered
    entry = photos.build.entry(ready.published.key)
    for rendition in ready.manifest.renditions:
        photos.outputs[ready.published.name(rendition)] = entry / rendition.file


def _publish_card(photos: Photos, story: Story, ready: Ready, focus: Focus, alt: str) -> None:
    """The crops of the story's photo (lead, or first of a gallery): its link-preview and
    structured-data images, and its thumbnail for lists."""
    crops = ready.manifest.crops.get(focus_label(focus))
    if not crops or not ready.manifest.renditions:
        return
    entry = photos.build.entry(ready.published.key)
    for crop in crops:
        photos.outputs[ready.published.name(crop, focus)] = entry / crop.file
    social = social_images_of(ready.manifest, ready.published, focus, alt)
    if social is not None:
        photos.social[story.path] = social
    sizes = str(photos.settings["WARTA_IMAGES_THUMBNAIL_SIZES"])
    thumbnail = thumbnail_of(ready.manifest, ready.published, focus, sizes)
    if thumbnail is not None:
        photos.thumbnails[story.path] = thumbnail


def _originals(run: BuildRun) -> dict[str, Path]:
    """With WARTA_IMAGES_COPY_ORIGINALS: every photo under STATIC_PATHS, by its output path."""
    settings = run.settings
    found = walk(
        Path(settings["PATH"]),
        list(settings["STATIC_PATHS"]),
        list(settings["STATIC_EXCLUDES"]),
        list(settings["IGNORE_FILES"]),
        Path.cwd(),
    )
    return {
        file.relative: Path(file.path).resolve()
        for file in found.files
        if Path(file.relative).suffix.lower() in PHOTO_SUFFIXES
    }


def _published_originals(
    run: BuildRun, static_photos: dict[str, Path], used: list[StoryUses]
) -> dict[str, Path]:
    """The originals a build publishes: those of photos published pages show or link, and
    those WARTA_EXTRA_STATIC_FILES names. A photo only a draft or a scheduled story uses stays
    out, as its copies do."""
    shown = {use.source for uses in used for use in uses.every() if use is not None}
    linked = linked_files(run.get(SITE))
    extras = list(run.settings["WARTA_EXTRA_STATIC_FILES"])
    return {
        relative: source
        for relative, source in static_photos.items()
        if source in shown or relative in linked or listed(relative, extras)
    }


def _place(run: BuildRun, photos: Photos, writes: Writes, originals: set[str]) -> list[str]:
    """Put every published copy in output/, and take out originals an older build left there
    (Pelican copies static photos as they are, camera metadata and all)."""
    for stale in sorted(originals - photos.outputs.keys()):
        if writes.current(stale).exists():
            writes.remove(stale)
    placed = sum(place(cached, writes, name) for name, cached in sorted(photos.outputs.items()))
    build = photos.build
    names = [FORMAT_NAMES.get(fmt, fmt.upper()) for fmt in build.spec.formats]
    formats = ", ".join(tell(name, run.catalogue) for name in names)
    if "avif" in run.settings["WARTA_IMAGES_FORMATS"] and "avif" not in build.spec.formats:
        formats += t("; AVIF is off: the installed Pillow cannot write it").told(run.catalogue)
    if build.photos:
        run.say(
            t(
                "Photos: {sources} sources, {rendered} rendered, {reused} from the cache; "
                "{placed} of {files} files placed in output/ ({formats}).",
                sources=len(build.photos),
                rendered=build.rendered,
                reused=build.reused,
                placed=placed,
                files=len(photos.outputs),
                formats=formats,
            ),
            console,
        )
    return sorted(photos.outputs)


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


FEATURE = Feature("news_images", prepare, gives=PHOTOS, needs=(SITE,))


def register() -> None:
    signals.initialized.connect(check_order)
