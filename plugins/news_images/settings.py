"""Every WARTA_IMAGES_* setting, with its default and its check."""

from __future__ import annotations

from warta.config import Setting, dict_of, flag, list_of, one_of, optional, pair, text, whole
from warta.messages import Text, t

_SIZE = pair(whole(1, 10_000), ("width", "height"))


def _ratio(value: object) -> Text | None:
    if not isinstance(value, list | tuple) or len(value) != 2:
        return t("must be [width, height], e.g. [4, 3]")
    return list_of(whole(1, 100))(value)


SETTINGS = (
    # Widths (px) of the responsive copies; a photo is never enlarged, so a narrower one gets
    # only the widths it can fill (or its own width when it is narrower than the smallest).
    Setting("WARTA_IMAGES_WIDTHS", [360, 720, 1080, 1600], list_of(whole(16, 10_000), at_least=1)),
    # Formats in the order the browser is offered them. "jpeg" is the fallback every browser
    # reads, and becomes PNG for a photo with transparency; "avif" is dropped when the installed
    # Pillow cannot write it.
    Setting(
        "WARTA_IMAGES_FORMATS",
        ["avif", "webp", "jpeg"],
        list_of(text(False), ("avif", "webp", "jpeg"), at_least=1),
    ),
    # Encoder quality per format (0-100); PNG is lossless and takes none.
    Setting(
        "WARTA_IMAGES_QUALITY",
        {"avif": 50, "webp": 75, "jpeg": 80},
        dict_of(one_of("avif", "webp", "jpeg"), whole(1, 100)),
    ),
    # The width of the plain `src` for browsers that read no srcset (the widest one at or below).
    Setting("WARTA_IMAGES_FALLBACK_WIDTH", 720, whole(16, 10_000)),
    # The `sizes` attribute: how wide the photo shows. This fits the theme's one 42rem column.
    Setting("WARTA_IMAGES_SIZES", "(min-width: 44rem) 42rem, calc(100vw - 2rem)", text(False)),
    # Crops of the lead photo for social cards and structured data: name -> [width, height].
    # "og" is the Open Graph card; the others are the 16:9, 4:3 and 1:1 images search engines
    # ask for. They are centred on `ImageFocus: x, y` when the article gives one.
    Setting(
        "WARTA_IMAGES_CROPS",
        {"og": [1200, 630], "16x9": [1200, 675], "4x3": [1200, 900], "1x1": [1200, 1200]},
        dict_of(text(False), _SIZE),
    ),
    Setting("WARTA_IMAGES_CROP_QUALITY", 82, whole(1, 100)),
    # The small picture beside a story's headline in lists (home blocks, listings, "Baca juga"):
    # the story's photo cropped to this ratio around its focus, at these widths (a phone at 2x
    # or 3x takes the wider one), in every format of WARTA_IMAGES_FORMATS. An empty list of
    # widths leaves lists without pictures. `_SIZES` is the `sizes` attribute: how wide the theme
    # shows the picture (warta.css, `.card-thumb`).
    Setting("WARTA_IMAGES_THUMBNAIL_RATIO", [4, 3], _ratio),
    Setting("WARTA_IMAGES_THUMBNAIL_WIDTHS", [160, 320], list_of(whole(16, 2_000))),
    Setting("WARTA_IMAGES_THUMBNAIL_SIZES", "(min-width: 40rem) 8rem, 6rem", text(False)),
    # The `sizes` attribute of a writer's portrait on their profile page (authors.yaml `photo`):
    # how wide the theme shows it (warta.css, `.author-photo`).
    Setting("WARTA_IMAGES_STAFF_SIZES", "7rem", text(False)),
    # A photo with more pixels than this is refused before it is decoded (decompression bombs).
    Setting("WARTA_IMAGES_MAX_PIXELS", 100_000_000, whole(1)),
    # Where rendered copies are kept between builds, relative to where the build runs.
    Setting("WARTA_IMAGES_CACHE_PATH", ".cache/warta-images", text(False)),
    # The folder in output/ that receives the copies, one subfolder per photo's content hash.
    Setting("WARTA_IMAGES_OUTPUT_PATH", "images", text(False)),
    # Originals never reach output/ unless this is on; then they go as stripped, upright copies.
    Setting("WARTA_IMAGES_COPY_ORIGINALS", False, flag),
    Setting("WARTA_IMAGES_ORIGINAL_QUALITY", 92, whole(1, 100)),
    # Processes that render photos; None means one per CPU core.
    Setting("WARTA_IMAGES_WORKERS", None, optional(whole(1, 64))),
    # A progress bar is shown on a terminal when at least this many photos need rendering.
    Setting("WARTA_IMAGES_PROGRESS_FROM", 8, whole(0)),
    # The theme partial that writes a <picture>, for the lead photo and for photos in the body.
    Setting("WARTA_IMAGES_TEMPLATE", "partials/picture.html", text(False)),
    # The theme partial that writes a gallery of a body (`::: galeri`), its photos each through
    # WARTA_IMAGES_TEMPLATE.
    Setting("WARTA_IMAGES_GALLERY_TEMPLATE", "partials/gallery.html", text(False)),
)

# Each setting's default by name, for code and tests that read one.
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}
