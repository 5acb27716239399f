"""Warta's photos: responsive, stripped and cached copies of every image a published page shows.

Needs `newsroom_model`, listed before this plugin in PLUGINS: a photo that cannot be published
becomes a problem in its build report, so the build stops before anything is written.
`register()` only connects signals: at `plan_site` every photo of every story (drafts and
scheduled ones too, so their problems show before they are published) is rendered or found in
the cache, and the pages that are published get their `<picture>` markup; their files are
placed in output/ with the rest of the site. Only photos of published pages reach output/.
See docs/adr/002-image-pipeline.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from newsroom_model import requires
from newsroom_model.files import PHOTO_SUFFIXES, walk
from newsroom_model.record import Story
from newsroom_model.site import SITE
from newsroom_model.source import PLACEHOLDER
from pelican import signals
from pelican.log import console

from warta.output import OUTPUTS, OutputFiles
from warta.problems import Problem
from warta.run import BuildRun, Slot
from warta.signals import plan_site

from .picture import Picture, Published, SocialImages, picture_of, social_images_of
from .pipeline import ImageBuild, Want, place, withdraw
from .references import Use, body_use, lead_use
from .render import Focus, Manifest, Refusal, focus_label

FORMAT_NAMES = {"avif": "AVIF", "webp": "WebP", "jpeg": "JPEG or PNG"}


@dataclass
class Ready:
    """A photo ready for a page: what was rendered and where its copies go."""

    manifest: Manifest
    published: Published


@dataclass
class Photos:
    """The build's photos as pages show them: the lead and the body photos of each story."""

    build: ImageBuild
    environment: Environment
    settings: dict[str, Any]
    leads: dict[str, tuple[Ready, Focus]] = field(default_factory=dict)
    # Per published story: the content hashes (and crop focus) of the photos its page shows.
    keys: dict[str, tuple[tuple[str, Focus | None], ...]] = field(default_factory=dict)
    bodies: dict[str, list[Ready | None]] = field(default_factory=dict)
    social: dict[str, SocialImages] = field(default_factory=dict)
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

    def markup(self, picture: Picture, siteurl: str, lead: bool) -> Markup:
        """The theme's `<picture>` partial for a page whose SITEURL is `siteurl`."""
        template = self.environment.get_template(self.settings["WARTA_IMAGES_TEMPLATE"])
        return Markup(template.render(picture=picture, SITEURL=siteurl, lead=lead).strip())  # noqa: S704 - rendered by the autoescaping theme

    def lead_html(self, story: Story, siteurl: str) -> Markup | None:
        """The story's lead photo as `<picture>` markup, or None if it has none."""
        found = self.leads.get(story.path)
        if found is None or story.image is None or not found[0].manifest.renditions:
            return None
        return self.markup(self.picture(found[0], story.image.alt), siteurl, lead=True)

    def body_html(self, story: Story, html: str, siteurl: str) -> str:
        """The body with each of its photos as `<picture>` markup for a page at `siteurl`."""
        uses = self.bodies.get(story.path, [])
        if not uses:
            return html
        parts = []
        for index, ready in enumerate(uses):
            image = story.body.images[index]
            markup = (
                self.markup(self.picture(ready, image.alt, image.title), siteurl, lead=False)
                if ready is not None and ready.manifest.renditions
                else ""
            )
            parts.append((PLACEHOLDER.format(index), str(markup)))
        for placeholder, markup in parts:
            html = html.replace(placeholder, markup, 1)
        return html


PHOTOS = Slot[Photos]("photos")


def check_order(pelican: Any) -> None:
    requires(pelican.settings, "news_images", "newsroom_model")


def prepare(run: BuildRun) -> None:
    """Render (or find in the cache) every photo of every story; note what published pages use."""
    settings = run.settings
    site = run.get(SITE)
    outputs = run.get(OUTPUTS)
    assert outputs.environment is not None
    build = ImageBuild.start(settings)
    photos = run.put(PHOTOS, Photos(build, outputs.environment, settings))
    everything = [*site.articles, *site.static_pages, *site.scheduled, *site.drafts]
    uses = _uses(run, everything)
    static_photos = _originals(run)
    originals = static_photos if settings["WARTA_IMAGES_COPY_ORIGINALS"] else {}
    wants = _wants(uses, build, originals, settings["WARTA_IMAGES_COPY_ORIGINALS"])
    with run.stage("images"):
        build.prepare(wants, run.console, check_only=settings["WARTA_MODE"] == "check")
    published = {story.path for story in [*site.articles, *site.static_pages]}
    for story in everything:
        _present(run, photos, story, uses[story.path], show=story.path in published)
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
    outputs.files.append(
        OutputFiles(
            owner="photos",
            stage="images",
            claims=tuple(sorted(photos.outputs)),
            write=lambda output: _place(run, photos, output, set(static_photos)),
        )
    )


def _uses(run: BuildRun, stories: list[Story]) -> dict[str, list[Use | None]]:
    """Each story's photos, lead first, with None for a body photo that cannot be used."""
    root = Path(run.settings["PATH"]).resolve()
    uses: dict[str, list[Use | None]] = {}
    for story in stories:
        found: list[Use | None] = []
        if story.image is not None:
            image = story.image
            found.append(lead_use(image.path, image.focus, story.path, image.line, root))
        for body_image in story.body.images:
            use, problem = body_use(body_image, story.path, story.display, root)
            if problem is not None:
                run.problems.append(problem)
            found.append(use)
        uses[story.path] = found
    return uses


def _wants(
    uses: dict[str, list[Use | None]],
    build: ImageBuild,
    originals: dict[str, Path],
    copy_originals: bool,
) -> dict[Path, Want]:
    """What to render of each photo: its copies, the crops its leads ask for, the original."""
    wants: dict[Path, Want] = {}
    for found in uses.values():
        for use in found:
            if use is None:
                continue
            want = wants.setdefault(use.source, Want(original=copy_originals))
            if use.focus is not None and build.spec.crops:
                want.focuses.add(use.focus)
    for source in originals.values():
        wants.setdefault(source, Want(original=True))
    return wants


def _present(
    run: BuildRun, photos: Photos, story: Story, uses: list[Use | None], show: bool
) -> None:
    """Report the story's refused photos; for a published story, note what its page shows."""
    bodies: list[Ready | None] = []
    if show:
        photos.keys[story.path] = tuple(
            (photos.build.photos[use.source].key, use.focus) if use is not None else ("", None)
            for use in uses
        )
    for use in uses:
        if use is None:
            bodies.append(None)
            continue
        ready = _ready(run, photos.build, use, story)
        if use.is_lead:
            if ready is not None and show:
                focus = use.focus or (50, 50)
                photos.leads[story.path] = (ready, focus)
                _publish_lead(photos, story, ready, focus)
            continue
        bodies.append(ready)
        if ready is not None and show:
            _publish(photos, ready)
    if show and bodies:
        photos.bodies[story.path] = bodies


def _ready(run: BuildRun, build: ImageBuild, use: Use, story: Story) -> Ready | None:
    """The rendered photo, or None with the refusal in the report."""
    photo = build.photos[use.source]
    manifest = photo.manifest
    if manifest is None:
        assert isinstance(photo.outcome, Refusal)
        noun = "file" if use.is_lead else "image"
        run.problems.append(
            Problem(
                story.display,
                use.line,
                use.field,
                f"{noun} '{use.written}' {photo.outcome.message}",
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


def _publish_lead(photos: Photos, story: Story, ready: Ready, focus: Focus) -> None:
    _publish(photos, ready)
    if not photos.build.spec.crops or not ready.manifest.renditions:
        return
    entry = photos.build.entry(ready.published.key)
    for crop in ready.manifest.crops[focus_label(focus)]:
        photos.outputs[ready.published.name(crop, focus)] = entry / crop.file
    photos.social[story.path] = social_images_of(ready.manifest, ready.published, focus)


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


def _place(run: BuildRun, photos: Photos, output: Path, originals: set[str]) -> list[str]:
    """Put every published copy in output/, and take out originals an older build left there
    (Pelican copies static photos as they are, camera metadata and all)."""
    for stale in sorted(originals - photos.outputs.keys()):
        withdraw(output, stale)
    placed = sum(place(cached, output / name) for name, cached in sorted(photos.outputs.items()))
    build = photos.build
    formats = ", ".join(FORMAT_NAMES.get(fmt, fmt.upper()) for fmt in build.spec.formats)
    if "avif" in run.settings["WARTA_IMAGES_FORMATS"] and "avif" not in build.spec.formats:
        formats += "; AVIF is off: the installed Pillow cannot write it"
    if build.photos:
        console.print(
            f"Photos: {len(build.photos)} sources, {build.rendered} rendered, {build.reused} from "
            f"the cache; {placed} of {len(photos.outputs)} files placed in output/ ({formats}).",
            soft_wrap=True,
        )
    return sorted(photos.outputs)


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def register() -> None:
    signals.initialized.connect(check_order)
    plan_site.connect(prepare)
