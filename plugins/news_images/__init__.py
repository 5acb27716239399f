"""Warta's photos: responsive, stripped and cached copies of every image a published page shows.

Needs `newsroom_model`, listed before this plugin in PLUGINS: a photo that cannot be published
becomes a problem in its build report, so the build stops before anything is written.
Its feature (`FEATURE`, `plan.prepare`) renders every photo of every story (drafts and
scheduled ones too, so their problems show before they are published) or finds it in the cache
(`pipeline.py`, `render.py`), and the pages that are published get their `<picture>` markup
(`photos.Photos`, `picture.py`); their files are placed in output/ with the rest of the site.
Only photos of published pages reach output/. This file only wires. See
docs/adr/002-image-pipeline.md.
"""

from __future__ import annotations

from newsroom_model.site import SITE
from pelican import signals

from warta.features import Feature, check_order

from .photos import PHOTOS, Photos, gallery_view
from .plan import prepare

__all__ = ["FEATURE", "PHOTOS", "Photos", "gallery_view", "prepare", "register"]


FEATURE = Feature("news_images", prepare, gives=PHOTOS, needs=(SITE,))


def register() -> None:
    signals.initialized.connect(check_order)
