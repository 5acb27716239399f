"""Planning a build's photos: every photo every story uses, rendered or found in the cache, and
what each published page shows (`prepare`, news_images' feature)."""

from __future__ import annotations

from pathlib import Path

from newsroom_model.files import PHOTO_SUFFIXES, listed, walk
from newsroom_model.gallery import GalleryPhoto
from newsroom_model.pipeline import linked_files
from newsroom_model.record import Story
from newsroom_model.site import SITE, Site
from newsroom_model.source import BodyImage
from pelican.log import console

from warta.features import Planned
from warta.messages import Text, t, tell
from warta.output import OUTPUTS, OutputFiles, Writes
from warta.problems import Problem
from warta.run import BuildRun

from .photos import Photos, Ready, StoryUses
from .picture import (
    Published,
    picture_of,
    social_images_of,
    thumbnail_of,
)
from .pipeline import ImageBuild, Want, place
from .references import Use, body_use, lead_use
from .render import CENTRE, Focus, Refusal, focus_label


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


FORMAT_NAMES: dict[str, Text | str] = {"avif": "AVIF", "webp": "WebP", "jpeg": t("JPEG or PNG")}


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
