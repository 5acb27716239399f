"""A build's photos as its pages show them: `<picture>` markup, galleries and card images, by
the story they belong to (`Photos`, in the `PHOTOS` slot)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from newsroom_model.gallery import GALLERY_PLACEHOLDER, Gallery, GalleryPhoto
from newsroom_model.record import Story
from newsroom_model.source import PHOTO_PLACEHOLDER

from warta.run import Slot
from warta.views import GalleryView, ImageCandidate, Picture, Slide, Step

from .picture import (
    Published,
    SocialImages,
    picture_of,
)
from .pipeline import ImageBuild
from .references import Use
from .render import CENTRE, Focus, Manifest


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
