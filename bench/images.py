"""Photo pipeline speed: images per second cold (one worker, then every core), a warm rebuild.

Photos are generated: textured 2400x1600 JPEGs (gradients, shapes and grain, so the encoders
have real work), rendered with the plugin's default settings into a fresh cache.

    python -m bench images            40 photos
    python -m bench images --quick    12 photos
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from news_images.pipeline import ImageBuild, Want
from news_images.render import CENTRE
from news_images.settings import DEFAULTS

from tests.sitekit import Site

SIZE = (2400, 1600)


def make_photo(path: Path, seed: int) -> None:
    """A deterministic, photo-like picture: sky, ground, shapes, blur and grain."""
    rng = random.Random(seed)  # noqa: S311 - it places shapes; nothing here is secret
    width, height = SIZE
    sky = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    tint = Image.new("RGB", SIZE, (rng.randrange(60, 200), rng.randrange(60, 200), 180))
    picture = Image.blend(sky, tint, 0.6)
    draw = ImageDraw.Draw(picture)
    for _ in range(120):
        x, y = rng.uniform(0, width), rng.uniform(height * 0.3, height)
        radius = rng.uniform(10, 160)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - radius, y - radius * 0.6, x + radius, y + radius * 0.6), fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(1.5))
    grain = Image.effect_noise(SIZE, 24).convert("RGB")
    Image.blend(picture, grain, 0.12).save(path, "JPEG", quality=90)


def settings_for(cache: Path, workers: int) -> dict[str, object]:
    return {**DEFAULTS, "WARTA_IMAGES_CACHE_PATH": str(cache), "WARTA_IMAGES_WORKERS": workers}


def render_all(photos: list[Path], cache: Path, workers: int) -> tuple[float, ImageBuild]:
    """Seconds to have every photo rendered with its lead crops, as an article build asks."""
    build = ImageBuild.start(settings_for(cache, workers))
    started = time.perf_counter()
    build.prepare({photo: Want(focuses={CENTRE}) for photo in photos})
    return time.perf_counter() - started, build


def site_build_seconds(site: Site, plugins: str, cache: Path) -> float:
    started = time.perf_counter()
    done = site.build(f"PLUGINS = {plugins}\nWARTA_IMAGES_CACHE_PATH = {str(cache)!r}")
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr or done.stdout)
    return elapsed


def sizes_by_format(build: ImageBuild, width: int) -> dict[str, float]:
    """Mean size in KB of the copies at `width`, per format."""
    sizes: dict[str, list[int]] = defaultdict(list)
    for photo in build.photos.values():
        manifest = photo.manifest
        assert manifest is not None
        for item in manifest.renditions:
            if item.width == width:
                sizes[item.format].append((build.entry(photo.key) / item.file).stat().st_size)
    return {fmt: sum(values) / len(values) / 1024 for fmt, values in sizes.items()}


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KB


def main(argv: list[str]) -> None:
    count = 12 if "--quick" in argv else 40
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="warta-bench-images-") as folder:
        root = Path(folder)
        site = Site(root / "site")
        photos = []
        for index in range(count):
            path = site.content / "images" / f"foto-{index:03}.jpg"
            path.parent.mkdir(parents=True, exist_ok=True)
            make_photo(path, index)
            photos.append(path.resolve())
            site.article(
                f"a{index:03}.md",
                Slug=f"berita-{index:03}",
                Image=f"images/{path.name}",
                ImageAlt="Foto",
            )
        source_kb = sum(photo.stat().st_size for photo in photos) / len(photos) / 1024
        print(f"{count} photos {SIZE[0]}x{SIZE[1]}, JPEG q90, mean {source_kb:.0f} KB")

        one, _ = render_all(photos, root / "cache-1", 1)
        print(f"cold, 1 worker (baseline): {one:6.1f} s  {count / one:5.2f} photos/s")
        every, build = render_all(photos, root / "cache-n", cores)
        print(
            f"cold, {cores} workers:          {every:6.1f} s  {count / every:5.2f} photos/s"
            f"  ({one / every:.2f}x)"
        )
        warm, again = render_all(photos, root / "cache-n", cores)
        print(f"warm, same cache:          {warm:6.3f} s  {again.rendered} rendered")
        kb = sizes_by_format(build, 720)
        print("mean KB at 720 px: " + ", ".join(f"{fmt} {size:.0f}" for fmt, size in kb.items()))

        # The whole `pelican` run on the warm cache: first into an empty output/, then again
        # over it, beside the same site without the plugin (Pelican copying the originals).
        plugins = '["newsroom_model", "related_stories", "news_images", "findability"]'
        first = site_build_seconds(site, plugins, root / "cache-n")
        again_s = site_build_seconds(site, plugins, root / "cache-n")
        without = site_build_seconds(site, plugins.replace(' "news_images",', ""), root / "cache-n")
        print(
            f"`pelican` on the warm cache, {count} articles: {first:.2f} s into an empty output/,"
            f" {again_s:.2f} s rebuilding it; {without:.2f} s without the plugin"
        )
    print(
        f"peak memory: bench {peak_mb(resource.RUSAGE_SELF):.0f} MB, "
        f"largest worker or build {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
