"""Warta's photos: responsive, stripped and cached copies of every image an article shows.

Needs `newsroom_model`, listed before this plugin in PLUGINS: a photo that cannot be published
becomes a problem in its build report, so the build stops before anything is written.
`register()` only connects signals; the receivers below run in build order: initialized →
content_object_init (per file) → article_generator_finalized → page_generator_finalized →
static_generator_finalized → finalized (the pages are written: the photo files are placed).
See docs/adr/002-image-pipeline.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Template
from newsroom_model.problems import Problem
from newsroom_model.state import BuildState, state_of
from pelican import signals
from pelican.contents import Article, Page
from pelican.log import console
from pelican.utils import get_relative_path, path_to_url

from .picture import Picture, Published, picture_of, social_images_of
from .pipeline import (
    BUILD_KEY,
    PHOTO_EXTENSIONS,
    ImageBuild,
    Want,
    build_of,
    place,
    withdraw,
)
from .references import Use, claim_body_photos, fill_placeholders, lead_use
from .render import Focus, Manifest, Refusal, focus_label
from .settings import merge_defaults

FORMAT_NAMES = {"avif": "AVIF", "webp": "WebP", "jpeg": "JPEG or PNG"}


def start_build(pelican: Any) -> None:
    """Merge defaults and open the build's photo ledger, before any content is read."""
    merge_defaults(pelican.settings)
    pelican.settings[BUILD_KEY] = ImageBuild.start(pelican.settings)


def claim_body_photos_of(instance: Any) -> None:
    """As Pelican creates an article or page, take its body photos into the ledger."""
    build, state = build_of(instance.settings), state_of(instance.settings)
    if build is None or state is None or not isinstance(instance, (Article, Page)):
        return
    if not instance.source_path or not instance._content:
        return
    body, uses, problems = claim_body_photos(
        instance._content,
        instance.source_path,
        state.display(instance.source_path),
        state.rules.content_root,
    )
    instance._content = body
    build.body_uses[instance.source_path] = uses
    state.problems.extend(problems)


def prepare_articles(generator: Any) -> None:
    """Render the photos of every article (published, hidden and draft) before pages are made."""
    _prepare(
        generator,
        [
            *generator.articles,
            *generator.translations,
            *generator.hidden_articles,
            *generator.hidden_translations,
            *generator.drafts,
            *generator.drafts_translations,
        ],
    )


def prepare_pages(generator: Any) -> None:
    """The same for static pages, whose bodies may show photos too."""
    _prepare(
        generator,
        [
            *generator.pages,
            *generator.translations,
            *generator.hidden_pages,
            *generator.hidden_translations,
            *generator.draft_pages,
            *generator.draft_translations,
        ],
    )


def withhold_originals(generator: Any) -> None:
    """Keep original photos out of Pelican's static copying: they carry camera metadata.

    With WARTA_IMAGES_COPY_ORIGINALS on they are published instead as clean, upright copies at
    the same addresses, so links to them still work.
    """
    build, state = build_of(generator.settings), state_of(generator.settings)
    if build is None or state is None:
        return
    photos = {
        static.save_as: Path(generator.path, static.source_path).resolve()
        for static in generator.staticfiles
        if Path(static.source_path).suffix.lower() in PHOTO_EXTENSIONS
    }
    generator.staticfiles[:] = [
        static for static in generator.staticfiles if static.save_as not in photos
    ]
    generator.context["staticfiles"] = generator.staticfiles
    build.withheld |= set(photos)
    if not generator.settings["WARTA_IMAGES_COPY_ORIGINALS"]:
        return
    reported = {source for source, photo in build.photos.items() if photo.manifest is None}
    build.prepare({source: Want(original=True) for source in photos.values()}, console)
    for save_as, source in sorted(photos.items()):
        photo = build.photos[source]
        manifest = photo.manifest
        if manifest is not None and manifest.original is not None:
            build.publish(save_as, build.entry(photo.key) / manifest.original.file)
        elif source not in reported:  # a photo no article uses, so no article names it yet
            refusal = photo.outcome
            assert isinstance(refusal, Refusal)
            state.problems.append(
                Problem(state.display(str(source)), 1, "Image", refusal.message, refusal.hint)
            )


def place_files(pelican: Any) -> None:
    """Put every rendered file in output/, and take out originals an older build left there."""
    build = build_of(pelican.settings)
    if build is None:
        return
    output = Path(pelican.output_path)
    for stale in sorted(build.withheld - build.outputs.keys()):
        withdraw(output, stale)
    placed = sum(place(cached, output / name) for name, cached in sorted(build.outputs.items()))
    formats = ", ".join(FORMAT_NAMES.get(fmt, fmt.upper()) for fmt in build.spec.formats)
    if "avif" in pelican.settings["WARTA_IMAGES_FORMATS"] and "avif" not in build.spec.formats:
        formats += "; AVIF is off: the installed Pillow cannot write it"
    console.print(
        f"Photos: {len(build.photos)} sources, {build.rendered} rendered, {build.reused} from the "
        f"cache; {placed} of {len(build.outputs)} files placed in output/ ({formats}).",
        soft_wrap=True,
    )


def _prepare(generator: Any, contents: list[Any]) -> None:
    settings = generator.settings
    build, state = build_of(settings), state_of(settings)
    if build is None or state is None:
        return
    found = [
        (content, _lead_uses(content, state) + build.body_uses.get(content.source_path, []))
        for content in contents
    ]
    wants: dict[Path, Want] = {}
    for _, uses in found:
        for use in uses:
            want = wants.setdefault(
                use.source, Want(original=settings["WARTA_IMAGES_COPY_ORIGINALS"])
            )
            if use.focus is not None and build.spec.crops:
                want.focuses.add(use.focus)
    build.prepare(wants, console)
    template = generator.env.get_template(settings["WARTA_IMAGES_TEMPLATE"])
    for content, uses in found:
        _present(content, uses, build, state, template)


def _lead_uses(content: Any, state: BuildState) -> list[Use]:
    lead = getattr(content, "lead_image", None)
    if lead is None:
        return []
    line = state.field_lines.get(content.source_path, {}).get("image", 1)
    focus = getattr(content, "imagefocus", None)
    return [lead_use(lead.path, focus, content.source_path, line, state.rules.content_root)]


def _present(
    content: Any, uses: list[Use], build: ImageBuild, state: BuildState, template: Template
) -> None:
    """Give the content its computed pictures, or name each photo that failed in the report."""
    content.lead_picture = None
    content.social_images = None
    body_markup: list[str] = []
    for use in uses:
        ready = _published(use, build, state)
        if use.focus is not None:
            if ready is not None:
                _present_lead(content, *ready, use.focus, build)
            continue
        if ready is None:
            # A refused photo leaves nothing: the build stops before any page is written.
            body_markup.append("")
            continue
        picture = _picture(content, *ready, use.alt, use.title)
        body_markup.append(
            template.render(picture=picture, SITEURL=_site_url(content), lead=False).strip()
        )
    if body_markup:
        content._content = fill_placeholders(content._content, body_markup)
        _forget_rendered_body(content)


def _published(use: Use, build: ImageBuild, state: BuildState) -> tuple[Manifest, Published] | None:
    """The rendered photo and where its copies go, or None with the refusal in the report."""
    photo = build.photos[use.source]
    manifest = photo.manifest
    if manifest is None:
        assert isinstance(photo.outcome, Refusal)
        noun = "file" if use.is_lead else "image"
        state.problems.append(
            Problem(
                state.display(use.content_path),
                use.line,
                use.field,
                f"{noun} '{use.written}' {photo.outcome.message}",
                photo.outcome.hint,
            )
        )
        return None
    published = Published.of(build.output_path, photo.key, use.source.name)
    entry = build.entry(photo.key)
    for rendition in manifest.renditions:
        build.publish(published.name(rendition), entry / rendition.file)
    return manifest, published


def _present_lead(
    content: Any, manifest: Manifest, published: Published, focus: Focus, build: ImageBuild
) -> None:
    content.lead_picture = _picture(content, manifest, published, content.lead_image.alt)
    if not build.spec.crops:
        return
    entry = build.entry(published.key)
    for crop in manifest.crops[focus_label(focus)]:
        build.publish(published.name(crop, focus), entry / crop.file)
    content.social_images = social_images_of(manifest, published, focus)


def _picture(
    content: Any, manifest: Manifest, published: Published, alt: str, title: str = ""
) -> Picture:
    settings = content.settings
    return picture_of(
        manifest,
        published,
        alt=alt,
        title=title,
        sizes=settings["WARTA_IMAGES_SIZES"],
        fallback_width=settings["WARTA_IMAGES_FALLBACK_WIDTH"],
    )


def _site_url(content: Any) -> str:
    """SITEURL as the writer will set it for this content's page, for links inside its body."""
    settings = content.settings
    if settings["RELATIVE_URLS"]:
        return str(path_to_url(get_relative_path(content.save_as)))
    return str(settings["SITEURL"])


def _forget_rendered_body(content: Any) -> None:
    """Drop Pelican's memo of the body, in case another plugin read it before the photos."""
    memo = getattr(getattr(type(content), "get_content", None), "cache", None)
    if isinstance(memo, dict):
        for key in [key for key in memo if key and key[0] is content]:
            del memo[key]


def register() -> None:
    signals.initialized.connect(start_build)
    signals.content_object_init.connect(claim_body_photos_of)
    signals.article_generator_finalized.connect(prepare_articles)
    signals.page_generator_finalized.connect(prepare_pages)
    signals.static_generator_finalized.connect(withhold_originals)
    signals.finalized.connect(place_files)
