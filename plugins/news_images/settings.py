"""Defaults for every WARTA_IMAGES_* setting, merged into the site settings once per build."""

from __future__ import annotations

import copy
from typing import Any

DEFAULTS: dict[str, Any] = {
    # Widths (px) of the responsive copies; a photo is never enlarged, so a narrower one gets
    # only the widths it can fill (or its own width when it is narrower than the smallest).
    "WARTA_IMAGES_WIDTHS": [360, 720, 1080, 1600],
    # Formats in the order the browser is offered them. "jpeg" is the fallback every browser
    # reads, and becomes PNG for a photo with transparency; "avif" is dropped when the installed
    # Pillow cannot write it.
    "WARTA_IMAGES_FORMATS": ["avif", "webp", "jpeg"],
    # Encoder quality per format (0-100); PNG is lossless and takes none.
    "WARTA_IMAGES_QUALITY": {"avif": 50, "webp": 75, "jpeg": 80},
    # The width of the plain `src` for browsers that read no srcset (the widest one at or below).
    "WARTA_IMAGES_FALLBACK_WIDTH": 720,
    # The `sizes` attribute: how wide the photo shows. This fits the theme's one 42rem column.
    "WARTA_IMAGES_SIZES": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    # Crops of the lead photo for social cards and structured data: name -> [width, height].
    # "og" is the Open Graph card; the others are the 16:9, 4:3 and 1:1 images search engines
    # ask for. They are centred on `ImageFocus: x, y` when the article gives one.
    "WARTA_IMAGES_CROPS": {
        "og": [1200, 630],
        "16x9": [1200, 675],
        "4x3": [1200, 900],
        "1x1": [1200, 1200],
    },
    "WARTA_IMAGES_CROP_QUALITY": 82,
    # A photo with more pixels than this is refused before it is decoded (decompression bombs).
    "WARTA_IMAGES_MAX_PIXELS": 100_000_000,
    # Where rendered copies are kept between builds, relative to where the build runs.
    "WARTA_IMAGES_CACHE_PATH": ".cache/warta-images",
    # The folder in output/ that receives the copies, one subfolder per photo's content hash.
    "WARTA_IMAGES_OUTPUT_PATH": "images",
    # Originals never reach output/ unless this is on; then they go as stripped, upright copies.
    "WARTA_IMAGES_COPY_ORIGINALS": False,
    "WARTA_IMAGES_ORIGINAL_QUALITY": 92,
    # Processes that render photos; None means one per CPU core.
    "WARTA_IMAGES_WORKERS": None,
    # A progress bar is shown on a terminal when at least this many photos need rendering.
    "WARTA_IMAGES_PROGRESS_FROM": 8,
    # The theme partial that writes a <picture>, for the lead photo and for photos in the body.
    "WARTA_IMAGES_TEMPLATE": "partials/picture.html",
}


def merge_defaults(settings: dict[str, Any]) -> None:
    """Fill in every WARTA_IMAGES_* setting the site did not set; the site's own values win."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
