"""Draw the sample newsroom's photos (leads and a gallery): a tool kept to redraw them by hand.

The photos of Warta Banua's sample articles are our own: procedural illustrations drawn with
Pillow only (gradients for the sky, simple shapes for houses, boats, trees and people, a little
blur and film grain), nothing downloaded, nothing copied. This script is how they were made,
kept so that a scene can be changed or a photo added.

Its output is committed: the 12 JPEG files under ``content/images/YYYY/MM/``, at the paths the
articles' ``Image:`` fields name. Nothing runs this script, not the build, the tests nor CI, so
it is left out of the strict type check and the test suite (pyproject.toml says why); run it
only to change a picture, look at the new files, and commit them. Every scene has its own fixed
random seed: with the pinned Pillow, a run rewrites the committed files byte for byte.

Run from the repository root:

    .venv/bin/python scripts/generate_sample_photos.py
"""

# Procedural drawing: each scene is a long list of shapes, helpers take coordinates
# positionally, and the random generators only place shapes, they protect nothing.
# ruff: noqa: PLR0912, PLR0915, PLR0917, S311

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]
Point = tuple[float, float]

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "content" / "images"
LANDSCAPE = (1600, 1067)
PORTRAIT = (1200, 1600)
JPEG_QUALITY = 82


# --------------------------------------------------------------------------- helpers


def mix(a: Sequence[int], b: Sequence[int], t: float) -> RGB:
    """Linear interpolation between two colours (t=0 gives a, t=1 gives b)."""
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def rgba(c: Sequence[int], alpha: int = 255) -> RGBA:
    return (c[0], c[1], c[2], alpha)


def gradient(size: tuple[int, int], stops: Sequence[tuple[float, RGB]]) -> Image.Image:
    """A vertical gradient through colour stops given as (position 0..1, colour)."""
    w, h = size
    column = Image.new("RGB", (1, h))
    px = column.load()
    assert px is not None
    for y in range(h):
        t = y / max(1, h - 1)
        colour = stops[-1][1]
        for (t0, c0), (t1, c1) in itertools.pairwise(stops):
            if t0 <= t <= t1:
                colour = mix(c0, c1, (t - t0) / max(1e-9, t1 - t0))
                break
        if t < stops[0][0]:
            colour = stops[0][1]
        px[0, y] = colour
    return column.resize((w, h), Image.Resampling.BILINEAR).convert("RGBA")


def new_layer(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    return layer, ImageDraw.Draw(layer)


def compose(canvas: Image.Image, layer: Image.Image, blur: float = 0.0) -> None:
    """Alpha-composite a layer onto the canvas, optionally softened first."""
    if blur > 0:
        layer = layer.filter(ImageFilter.GaussianBlur(blur))
    canvas.alpha_composite(layer)


def fade(layer: Image.Image, factor: float, darken: float = 0.0) -> Image.Image:
    """Scale a layer's alpha and optionally darken its colours."""
    r, g, b, a = layer.split()
    a = a.point(lambda v: int(v * factor))
    if darken:
        keep = 1.0 - darken
        r, g, b = (ch.point(lambda v: int(v * keep)) for ch in (r, g, b))
    return Image.merge("RGBA", (r, g, b, a))


def ripple(
    layer: Image.Image, top: int, rng: random.Random, amp: float, band: int = 3
) -> Image.Image:
    """Shift horizontal bands of a layer sideways below ``top`` to fake water ripples."""
    w, h = layer.size
    out = layer.copy()
    out.paste((0, 0, 0, 0), (0, top, w, h))
    phase = rng.uniform(0, math.tau)
    for y in range(top, h, band):
        depth = (y - top) / max(1, h - top)
        dx = round(amp * (0.3 + depth) * math.sin(y * 0.21 + phase) + rng.uniform(-1, 1))
        strip = layer.crop((0, y, w, min(h, y + band)))
        out.paste(strip, (dx, y))
    return out


def reflect(layer: Image.Image, axis: int) -> Image.Image:
    """Mirror everything above ``axis`` to below it (a water reflection)."""
    w, h = layer.size
    upper = layer.crop((0, max(0, 2 * axis - h), w, axis)).transpose(
        Image.Transpose.FLIP_TOP_BOTTOM
    )
    out = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    out.paste(upper, (0, axis))
    return out


def add_grain(img: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    """Add soft monochrome film grain; deterministic because it uses ``rng``."""
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).filter(ImageFilter.GaussianBlur(0.7))
    noise = noise.point(lambda v: max(0, min(255, int(128 + (v - 128) * amount))))
    noise_rgb = Image.merge("RGB", (noise, noise, noise))
    return ImageChops.add(img.convert("RGB"), noise_rgb, scale=1.0, offset=-128)


def streaks(
    size: tuple[int, int], rng: random.Random, cell: tuple[int, int], low: int, high: int
) -> Image.Image:
    """Stretched noise, e.g. vertical streaks for bark (cell=(2, 40))."""
    w, h = size
    sw, sh = max(1, w // cell[0]), max(1, h // cell[1])
    small = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh))
    big = small.resize((w, h), Image.Resampling.BICUBIC)
    return big.point(lambda v: low + (high - low) * v // 255)


def vignette(img: Image.Image, strength: float) -> Image.Image:
    w, h = img.size
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).ellipse((-w * 0.15, -h * 0.2, w * 1.15, h * 1.2), fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(min(w, h) * 0.18))
    dark = img.point(lambda v: int(v * (1 - strength)))
    return Image.composite(img, dark, mask)


def finish(
    canvas: Image.Image, rng: random.Random, grain: float = 0.14, blur: float = 0.6
) -> Image.Image:
    img = canvas.convert("RGB").filter(ImageFilter.GaussianBlur(blur))
    img = vignette(img, 0.18)
    return add_grain(img, rng, grain)


def blobs(
    d: ImageDraw.ImageDraw,
    rng: random.Random,
    x0: float,
    x1: float,
    y_top: Callable[[float], float],
    base: float,
    colours: Sequence[RGB],
    r_min: float,
    r_max: float,
    step: float,
    alpha: int = 255,
) -> None:
    """A bumpy band of round shapes (tree line, bushes) from y_top(x) down to base."""
    x = x0
    while x < x1:
        r = rng.uniform(r_min, r_max)
        cy = y_top(x) + r
        c = rng.choice(colours)
        d.ellipse((x - r, cy - r, x + r, cy + r), fill=rgba(c, alpha))
        d.rectangle((x - r, min(cy, base), x + r, base), fill=rgba(c, alpha))
        x += step * rng.uniform(0.6, 1.3)


def palm(
    d: ImageDraw.ImageDraw, x: float, base: float, height: float, colour: RGBA, lean: float
) -> None:
    """A coconut palm silhouette."""
    top = (x + lean, base - height)
    d.line(
        [(x, base), (x + lean * 0.4, base - height * 0.5), top],
        fill=colour,
        width=max(2, int(height / 40)),
    )
    for k in range(9):
        ang = math.pi * (0.05 + 0.9 * k / 8)
        length = height * 0.32
        mid = (top[0] + math.cos(ang) * length * 0.55, top[1] - math.sin(ang) * length * 0.35)
        end = (
            top[0] + math.cos(ang) * length,
            top[1] + length * 0.25 - math.sin(ang) * length * 0.1,
        )
        d.line([top, mid, end], fill=colour, width=max(2, int(height / 60)))


def sun(
    canvas: Image.Image, centre: Point, radius: float, core: RGB, glow: RGB, glow_alpha: int
) -> None:
    layer, d = new_layer(canvas.size)
    gx = radius * 5
    d.ellipse(
        (centre[0] - gx, centre[1] - gx, centre[0] + gx, centre[1] + gx),
        fill=rgba(glow, glow_alpha),
    )
    compose(canvas, layer, blur=radius * 2)
    layer, d = new_layer(canvas.size)
    d.ellipse(
        (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
        fill=rgba(core),
    )
    compose(canvas, layer, blur=radius * 0.08)


def clouds(
    canvas: Image.Image, rng: random.Random, count: int, y_max: float, colour: RGB, alpha: int
) -> None:
    w, _ = canvas.size
    layer, d = new_layer(canvas.size)
    for _ in range(count):
        cx, cy = rng.uniform(-100, w + 100), rng.uniform(20, y_max)
        for _ in range(rng.randint(4, 8)):
            rx = rng.uniform(40, 120)
            ry = rx * rng.uniform(0.45, 0.7)
            ox, oy = rng.uniform(-120, 120), rng.uniform(-25, 15)
            d.ellipse(
                (cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=rgba(colour, alpha)
            )
    compose(canvas, layer, blur=18)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # very old Pillow or no FreeType
        return ImageFont.load_default()


class Pen:
    """Wraps ImageDraw and can mirror all shapes about a horizontal water line."""

    def __init__(self, draw: ImageDraw.ImageDraw, mirror: float | None = None) -> None:
        self.d = draw
        self.mirror = mirror

    def _y(self, y: float) -> float:
        return y if self.mirror is None else 2 * self.mirror - y

    def poly(self, pts: Sequence[Point], fill: RGBA | RGB) -> None:
        self.d.polygon([(x, self._y(y)) for x, y in pts], fill=fill)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: RGBA | RGB) -> None:
        a, b = sorted((self._y(y0), self._y(y1)))
        self.d.rectangle((min(x0, x1), a, max(x0, x1), b), fill=fill)

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, fill: RGBA | RGB) -> None:
        a, b = sorted((self._y(y0), self._y(y1)))
        self.d.ellipse((x0, a, x1, b), fill=fill)

    def line(self, pts: Sequence[Point], fill: RGBA | RGB, width: float) -> None:
        self.d.line([(x, self._y(y)) for x, y in pts], fill=fill, width=max(1, round(width)))


# --------------------------------------------------------------------------- flood


def stilt_house(pen: Pen, x: float, yw: float, s: float, seed: int, gable: bool) -> None:
    """A Banjar-style wooden house on stilts whose posts meet the water at yw."""
    r = random.Random(seed)
    width, body = 260 * s, 150 * s
    floor = yw - r.uniform(10, 26) * s
    wood = r.choice([(128, 92, 60), (112, 84, 58), (140, 104, 70), (98, 76, 56)])
    for i in range(9):
        sx = x + 6 * s + i * (width - 12 * s) / 8
        pen.rect(sx, floor, sx + 7 * s, yw, (58, 44, 32))
    pen.rect(x - 4 * s, floor - 8 * s, x + width + 4 * s, floor, (74, 56, 40))
    top = floor - body
    pen.rect(x, top, x + width, floor - 8 * s, wood)
    y = top + 11 * s
    while y < floor - 10 * s:
        pen.line([(x, y), (x + width, y)], mix(wood, (40, 30, 20), r.uniform(0.25, 0.45)), 1.6 * s)
        y += 11 * s
    dark, frame = (42, 36, 32), (206, 196, 170)
    for wx in (0.12, 0.62):
        x0 = x + width * wx
        pen.rect(x0 - 4 * s, top + 36 * s, x0 + 62 * s, top + 96 * s, frame)
        pen.rect(x0, top + 40 * s, x0 + 58 * s, top + 92 * s, dark)
        pen.line([(x0 + 29 * s, top + 40 * s), (x0 + 29 * s, top + 92 * s)], frame, 3 * s)
    pen.rect(
        x + width * 0.42,
        top + 30 * s,
        x + width * 0.55,
        floor - 8 * s,
        mix(wood, (30, 22, 16), 0.45),
    )
    zinc = r.choice([(150, 154, 158), (132, 120, 110), (164, 160, 150)])
    if gable:
        apex = (x + width / 2, top - 95 * s)
        pen.poly(
            [(x - 2 * s, top), apex, (x + width + 2 * s, top)], mix(wood, (255, 240, 210), 0.12)
        )
        for side in (-1, 1):
            eave = (x + width / 2 + side * (width / 2 + 24 * s), top + 14 * s)
            pen.line([eave, apex], zinc, 16 * s)
        pen.line(
            [(x + width / 2, top - 70 * s), (x + width / 2, top)], mix(wood, (0, 0, 0), 0.3), 2 * s
        )
    else:
        roof = [
            (x - 26 * s, top + 6 * s),
            (x + width + 26 * s, top + 6 * s),
            (x + width - 30 * s, top - 70 * s),
            (x + 30 * s, top - 70 * s),
        ]
        pen.poly(roof, zinc)
        for i in range(1, 24):
            fx = i / 24
            pen.line(
                [
                    (x - 26 * s + (width + 52 * s) * fx, top + 6 * s),
                    (x + 30 * s + (width - 60 * s) * fx, top - 70 * s),
                ],
                mix(zinc, (60, 60, 60), 0.25),
                1.2 * s,
            )
        for _ in range(4):
            rx = x + r.uniform(0.1, 0.8) * width
            pen.ellipse(rx, top - 36 * s, rx + 26 * s, top - 26 * s, (128, 96, 74, 70))


def jukung(pen: Pen, x: float, yw: float, s: float, hull: RGB) -> None:
    """A long narrow wooden boat; only the part above the waterline yw is drawn."""
    half = 150 * s
    pen.poly(
        [
            (x - half, yw - 16 * s),
            (x + half, yw - 16 * s),
            (x + half * 0.86, yw + 1),
            (x - half * 0.86, yw + 1),
        ],
        hull,
    )
    pen.line(
        [(x - half, yw - 16 * s), (x + half, yw - 16 * s)], mix(hull, (230, 200, 160), 0.35), 3 * s
    )
    pen.poly(
        [(x - half, yw - 16 * s), (x - half - 14 * s, yw - 24 * s), (x - half * 0.9, yw - 12 * s)],
        hull,
    )
    pen.poly(
        [(x + half, yw - 16 * s), (x + half + 14 * s, yw - 24 * s), (x + half * 0.9, yw - 12 * s)],
        hull,
    )


def seated_person(
    pen: Pen, x: float, yw: float, s: float, shirt: RGB, wide_hat: bool, paddle: bool
) -> None:
    base = yw - 14 * s
    pen.poly(
        [
            (x - 15 * s, base),
            (x + 15 * s, base),
            (x + 10 * s, base - 38 * s),
            (x - 10 * s, base - 38 * s),
        ],
        shirt,
    )
    pen.ellipse(x - 9 * s, base - 58 * s, x + 9 * s, base - 38 * s, (138, 98, 68))
    if wide_hat:
        pen.ellipse(x - 36 * s, base - 60 * s, x + 36 * s, base - 49 * s, (214, 186, 122))
        pen.poly(
            [(x - 13 * s, base - 56 * s), (x, base - 72 * s), (x + 13 * s, base - 56 * s)],
            (196, 166, 104),
        )
    else:
        pen.ellipse(x - 10 * s, base - 62 * s, x + 10 * s, base - 48 * s, (40, 40, 46))
    if paddle:
        pen.line([(x - 22 * s, base - 44 * s), (x + 38 * s, yw + 4 * s)], (92, 64, 40), 3.5 * s)
        pen.line([(x - 8 * s, base - 30 * s), (x + 4 * s, base - 22 * s)], shirt, 6 * s)


def scene_flood() -> Image.Image:
    rng = random.Random(1110)
    w, h = LANDSCAPE
    horizon = 548
    canvas = gradient(
        (w, h),
        [
            (0, (108, 114, 124)),
            (0.3, (146, 150, 156)),
            (0.51, (184, 186, 188)),
            (1, (184, 186, 188)),
        ],
    )
    layer, d = new_layer(canvas.size)
    for _ in range(45):
        cx, cy = rng.uniform(-100, w + 100), rng.uniform(-60, 380)
        rx = rng.uniform(130, 380)
        shade = rng.randint(92, 150)
        d.ellipse(
            (cx - rx, cy - rx * 0.35, cx + rx, cy + rx * 0.35),
            fill=(shade, shade + 3, shade + 9, rng.randint(50, 110)),
        )
    compose(canvas, layer, blur=38)

    trees, d = new_layer(canvas.size)
    blobs(
        d,
        rng,
        -40,
        w + 40,
        lambda x: horizon - 95 - 25 * math.sin(x / 140),
        horizon,
        [(66, 84, 70), (74, 92, 76), (60, 78, 66)],
        24,
        58,
        22,
    )
    for px in (140, 610, 930, 1210, 1450):
        palm(d, px, horizon - 30, rng.uniform(190, 250), (60, 76, 64, 255), rng.uniform(-25, 25))
    compose(canvas, trees, blur=2.2)

    water = gradient(
        (w, h - horizon), [(0, (152, 124, 86)), (0.4, (132, 104, 70)), (1, (100, 78, 52))]
    )
    canvas.alpha_composite(water, (0, horizon))
    compose(canvas, fade(ripple(reflect(trees, horizon), horizon, rng, 4), 0.38, 0.15), blur=3)

    houses = [
        (700, 575, 0.42, 31, False),
        (855, 570, 0.36, 32, True),
        (1020, 612, 0.78, 33, True),
        (380, 640, 1.0, 34, False),
        (1260, 642, 1.05, 35, False),
        (1470, 668, 1.3, 36, True),
        (-70, 700, 1.55, 37, True),
    ]
    for hx, yw, s, seed, gable in houses:
        refl, rd = new_layer(canvas.size)
        stilt_house(Pen(rd, mirror=yw), hx, yw, s, seed, gable)
        compose(canvas, fade(ripple(refl, yw, rng, 5 * s), 0.42, 0.25), blur=2.5)
        body, bd = new_layer(canvas.size)
        stilt_house(Pen(bd), hx, yw, s, seed, gable)
        compose(canvas, body, blur=0.4)
        bush, bud = new_layer(canvas.size)
        for _ in range(4):
            bx = hx + rng.uniform(-20, 280) * s
            r = rng.uniform(14, 30) * s
            bud.ellipse((bx - r, yw - r * 1.1, bx + r, yw + 2), fill=(58, 96, 52, 255))
        compose(canvas, bush, blur=1.2)

    poles, d = new_layer(canvas.size)
    tops: list[Point] = []
    for px, base, ph in ((960, 600, 170), (1150, 660, 300), (1420, 760, 470)):
        d.line([(px, base), (px, base - ph)], fill=(62, 62, 64, 255), width=max(3, int(ph / 45)))
        d.line(
            [(px - ph * 0.12, base - ph * 0.93), (px + ph * 0.12, base - ph * 0.93)],
            fill=(62, 62, 64, 255),
            width=max(2, int(ph / 70)),
        )
        tops.append((px, base - ph * 0.93))
    for (x0, y0), (x1, y1) in itertools.pairwise(tops):
        pts = [
            (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + 40 * math.sin(math.pi * t))
            for t in (i / 20 for i in range(21))
        ]
        d.line(pts, fill=(50, 50, 54, 220), width=2)
    compose(canvas, poles, blur=0.5)

    ripples, d = new_layer(canvas.size)
    for _ in range(900):
        y = horizon + (h - horizon) * rng.random() ** 1.4
        depth = (y - horizon) / (h - horizon)
        x = rng.uniform(0, w)
        length = 8 + 70 * depth * rng.uniform(0.5, 1.2)
        light = rng.random() < 0.6
        col = (186, 160, 120, rng.randint(60, 130)) if light else (82, 62, 42, rng.randint(60, 120))
        d.line([(x, y), (x + length, y)], fill=col, width=max(1, int(1 + 2 * depth)))
    compose(canvas, ripples, blur=0.8)

    bx, byw, bs = 720, 830, 1.15
    refl, rd = new_layer(canvas.size)
    jukung(Pen(rd, mirror=byw), bx, byw, bs, (70, 50, 34))
    seated_person(Pen(rd, mirror=byw), bx + 55, byw, bs, (52, 84, 132), False, True)
    compose(canvas, fade(ripple(refl, byw, rng, 4), 0.35, 0.3), blur=2)
    boat, bd = new_layer(canvas.size)
    jukung(Pen(bd), bx, byw, bs, (70, 50, 34))
    seated_person(Pen(bd), bx + 55, byw, bs, (52, 84, 132), False, True)
    bd.arc((bx - 200, byw - 8, bx + 220, byw + 26), 10, 170, fill=(196, 170, 130, 160), width=2)
    compose(canvas, boat, blur=0.5)
    return finish(canvas, rng)


# --------------------------------------------------------------------------- floating market


def market_boat(pen: Pen, x: float, yw: float, s: float, seed: int, cargo: bool) -> None:
    r = random.Random(seed)
    jukung(pen, x, yw, s, r.choice([(76, 52, 34), (88, 60, 38), (64, 46, 32)]))
    if cargo:
        fruits = [
            (228, 196, 58),
            (232, 138, 40),
            (92, 142, 62),
            (190, 44, 40),
            (96, 52, 92),
            (162, 192, 88),
        ]
        for _ in range(int(26 + 10 * r.random())):
            fx = x + r.uniform(-0.78, 0.25) * 150 * s
            fy = yw - 18 * s - r.uniform(0, 16) * s
            c = r.choice(fruits)
            rad = r.uniform(6, 10) * s
            stretch = 1.8 if c == fruits[0] else 1.0
            pen.ellipse(fx - rad * stretch, fy - rad, fx + rad * stretch, fy + rad, c)
    shirt = r.choice(
        [
            (178, 60, 62),
            (60, 98, 150),
            (198, 158, 62),
            (118, 62, 118),
            (70, 128, 98),
            (220, 210, 196),
        ]
    )
    seated_person(pen, x + 100 * s, yw, s, shirt, True, r.random() < 0.7)


def scene_market() -> Image.Image:
    rng = random.Random(808)
    w, h = LANDSCAPE
    horizon = 470
    canvas = gradient(
        (w, h),
        [
            (0, (134, 168, 198)),
            (0.22, (186, 194, 192)),
            (0.38, (236, 204, 148)),
            (0.44, (250, 226, 176)),
            (1, (250, 226, 176)),
        ],
    )
    sun(canvas, (430, 330), 38, (255, 246, 222), (255, 226, 160), 120)
    clouds(canvas, rng, 6, 220, (255, 236, 210), 70)

    bank, d = new_layer(canvas.size)
    blobs(
        d,
        rng,
        -40,
        w + 40,
        lambda x: horizon - 100 - 30 * math.sin(x / 170 + 1),
        horizon,
        [(66, 88, 70), (74, 96, 74), (58, 80, 66)],
        20,
        50,
        20,
    )
    for px in (90, 330, 700, 1080, 1390):
        palm(d, px, horizon - 40, rng.uniform(170, 230), (62, 84, 68, 255), rng.uniform(-20, 20))
    hx = -20.0
    while hx < w:
        hw = rng.uniform(70, 130)
        hh = rng.uniform(36, 58)
        wood = rng.choice([(128, 92, 60), (150, 110, 72), (110, 84, 62), (180, 170, 150)])
        base = horizon - 6
        d.rectangle((hx, base - hh, hx + hw, base - 8), fill=rgba(wood))
        for sx in range(int(hx) + 4, int(hx + hw), 14):
            d.line([(sx, base - 8), (sx, horizon)], fill=(60, 46, 34, 255), width=3)
        roof = rng.choice([(120, 64, 48), (150, 150, 150), (92, 88, 96)])
        d.polygon(
            [
                (hx - 8, base - hh),
                (hx + hw + 8, base - hh),
                (hx + hw - 14, base - hh - 26),
                (hx + 14, base - hh - 26),
            ],
            fill=rgba(roof),
        )
        d.rectangle(
            (hx + hw * 0.2, base - hh + 12, hx + hw * 0.35, base - hh + 28), fill=(40, 34, 30, 255)
        )
        hx += hw + rng.uniform(14, 70)
    compose(canvas, bank, blur=1.6)
    haze, d = new_layer(canvas.size)
    d.rectangle((0, horizon - 200, w, horizon + 4), fill=(240, 214, 166, 70))
    compose(canvas, haze, blur=20)

    river = gradient(
        (w, h - horizon), [(0, (176, 146, 104)), (0.3, (150, 120, 82)), (1, (110, 86, 58))]
    )
    canvas.alpha_composite(river, (0, horizon))
    compose(canvas, fade(ripple(reflect(bank, horizon), horizon, rng, 5), 0.4, 0.2), blur=3)
    glint, d = new_layer(canvas.size)
    for _ in range(260):
        y = horizon + (h - horizon) * rng.random() ** 1.8
        spread = 30 + (y - horizon) * 0.35
        x = 430 + rng.gauss(0, spread * 0.5)
        length = rng.uniform(10, 40) * (1 + (y - horizon) / 300)
        d.line(
            [(x - length / 2, y), (x + length / 2, y)],
            fill=(255, 232, 180, rng.randint(70, 170)),
            width=2,
        )
    compose(canvas, glint, blur=1.2)

    rows = [(520, 6), (560, 5), (615, 4), (690, 4), (790, 3), (910, 2), (1020, 2)]
    boats: list[tuple[float, float, float, int]] = []
    seed = 100
    for row_y, count in rows:
        s = 0.28 + (row_y - horizon) / (h - horizon) * 1.05
        for i in range(count):
            x = (i + 0.5) * w / count + rng.uniform(-0.25, 0.25) * w / count
            boats.append((x, row_y + rng.uniform(-8, 8), s, seed))
            seed += 1
    refl, rd = new_layer(canvas.size)
    for x, yw, s, sd in boats:
        market_boat(Pen(rd, mirror=yw), x, yw, s, sd, True)
    compose(canvas, fade(ripple(refl, horizon, rng, 4), 0.4, 0.35), blur=2.2)
    wakes, d = new_layer(canvas.size)
    for x, yw, s, _ in boats:
        d.arc(
            (x - 190 * s, yw - 6 * s, x + 190 * s, yw + 16 * s),
            5,
            175,
            fill=(214, 190, 150, 150),
            width=max(1, int(2 * s)),
        )
    compose(canvas, wakes, blur=1.0)
    for x, yw, s, sd in sorted(boats, key=lambda b: b[1]):
        layer, ld = new_layer(canvas.size)
        market_boat(Pen(ld), x, yw, s, sd, True)
        compose(canvas, layer, blur=0.35 + 0.3 * (1.3 - s))
    return finish(canvas, rng)


# --------------------------------------------------------------------------- peat fire


def scene_peat_fire() -> Image.Image:
    rng = random.Random(819)
    w, h = LANDSCAPE
    horizon = 612
    canvas = gradient(
        (w, h),
        [
            (0, (124, 82, 62)),
            (0.28, (186, 110, 62)),
            (0.5, (224, 148, 84)),
            (0.58, (232, 170, 110)),
            (1, (232, 170, 110)),
        ],
    )
    sun(canvas, (1150, 250), 44, (242, 156, 104), (238, 160, 100), 70)

    far, d = new_layer(canvas.size)
    blobs(
        d,
        rng,
        -40,
        w + 40,
        lambda x: horizon - 40 - 14 * math.sin(x / 90),
        horizon,
        [(128, 96, 80), (120, 90, 76)],
        14,
        30,
        18,
    )
    compose(canvas, far, blur=4)
    ground = gradient(
        (w, h - horizon), [(0, (96, 72, 54)), (0.35, (62, 48, 38)), (1, (34, 27, 22))]
    )
    canvas.alpha_composite(ground, (0, horizon))

    patches, d = new_layer(canvas.size)
    for _ in range(700):
        y = horizon + (h - horizon) * rng.random() ** 1.2
        depth = (y - horizon) / (h - horizon)
        x = rng.uniform(-40, w + 40)
        rx = (6 + 90 * depth) * rng.uniform(0.5, 1.4)
        kind = rng.random()
        if kind < 0.5:
            col = (20, 16, 14, rng.randint(90, 170))
        elif kind < 0.78:
            col = (118, 112, 104, rng.randint(50, 110))
        else:
            col = (150, 120, 66, rng.randint(70, 140))
        d.ellipse((x - rx, y - rx * 0.22, x + rx, y + rx * 0.22), fill=col)
    compose(canvas, patches, blur=3)
    stubble, d = new_layer(canvas.size)
    for _ in range(2600):
        y = horizon + (h - horizon) * rng.random() ** 1.2
        depth = (y - horizon) / (h - horizon)
        x = rng.uniform(0, w)
        tall = (2 + 16 * depth) * rng.uniform(0.4, 1.0)
        tuft = rng.choice([(26, 20, 16), (40, 32, 26), (132, 104, 58)])
        d.line(
            [(x, y), (x + rng.uniform(-3, 3) * depth, y - tall)],
            fill=rgba(tuft, 200),
            width=max(1, int(1 + 2 * depth)),
        )
    compose(canvas, stubble, blur=0.6)

    trees, d = new_layer(canvas.size)
    for tx, base, th in (
        (150, 760, 430),
        (330, 680, 260),
        (560, 650, 190),
        (1010, 668, 230),
        (1320, 700, 300),
        (1500, 820, 520),
        (760, 640, 140),
    ):
        wdt = max(3, th / 38)
        lean = rng.uniform(-18, 18)
        d.line([(tx, base), (tx + lean, base - th)], fill=(36, 28, 24, 255), width=int(wdt))
        for _ in range(rng.randint(2, 4)):
            t = rng.uniform(0.35, 0.85)
            sx, sy = tx + lean * t, base - th * t
            ang = rng.choice([-1, 1]) * rng.uniform(0.5, 1.1)
            ln = th * rng.uniform(0.15, 0.3)
            d.line(
                [(sx, sy), (sx + math.sin(ang) * ln, sy - math.cos(ang) * ln)],
                fill=(36, 28, 24, 255),
                width=max(2, int(wdt * 0.45)),
            )
    compose(canvas, trees, blur=0.8)

    sources = [(420, 705, 0.85), (880, 662, 1.15), (1240, 748, 0.7), (150, 650, 0.5)]
    glow, d = new_layer(canvas.size)
    for sx, sy, k in sources:
        for _ in range(int(14 * k) + 4):
            ex, ey = sx + rng.gauss(0, 60 * k), sy + rng.gauss(0, 8)
            r = rng.uniform(5, 14) * k
            d.ellipse((ex - r * 2.4, ey - r, ex + r * 2.4, ey + r), fill=(255, 96, 30, 150))
    compose(canvas, glow, blur=14)
    embers, d = new_layer(canvas.size)
    for sx, sy, k in sources:
        for _ in range(int(20 * k) + 4):
            ex, ey = sx + rng.gauss(0, 55 * k), sy + rng.gauss(0, 6)
            r = rng.uniform(1.5, 4.5) * k
            d.ellipse((ex - r * 1.8, ey - r, ex + r * 1.8, ey + r), fill=(255, 176, 70, 230))
    compose(canvas, embers, blur=1.4)

    veil, d = new_layer(canvas.size)
    for sx, sy, k in sources:
        for i in range(12):
            t = i / 11
            cx, cy = sx + t * t * 700 * k, sy - t * 620 * k
            r = (120 + 260 * t) * k
            d.ellipse(
                (cx - r, cy - r * 0.7, cx + r, cy + r * 0.7),
                fill=(196, 184, 170, int(40 * (1 - t) + 10)),
            )
    compose(canvas, veil, blur=50)
    for blur, alpha_scale in ((14, 1.0), (5, 0.5)):
        smoke, d = new_layer(canvas.size)
        for sx, sy, k in sources:
            for i in range(34):
                t = i / 33
                cx = sx + t * t * 560 * k
                cy = sy - t * 540 * k
                r0 = (22 + 150 * t) * k
                for _ in range(5):
                    px = cx + rng.gauss(0, r0 * 0.6)
                    py = cy + rng.gauss(0, r0 * 0.4)
                    r = r0 * rng.uniform(0.5, 1.0)
                    grey = rng.randint(150, 222)
                    a = int((150 * (1 - t) ** 1.3 + 20) * alpha_scale * rng.uniform(0.6, 1.0))
                    d.ellipse(
                        (px - r, py - r * 0.85, px + r, py + r * 0.85),
                        fill=(grey, grey - 4, grey - 12, a),
                    )
        compose(canvas, smoke, blur=blur)
    haze, d = new_layer(canvas.size)
    d.rectangle((0, 0, w, horizon + 60), fill=(224, 156, 100, 50))
    compose(canvas, haze, blur=40)
    return finish(canvas, rng)


# --------------------------------------------------------------------------- haze over the city


def scene_haze_city() -> Image.Image:
    rng = random.Random(902)
    w, h = LANDSCAPE
    haze_col: RGB = (206, 164, 122)
    canvas = gradient((w, h), [(0, (172, 138, 112)), (0.45, (204, 162, 120)), (1, (210, 170, 128))])
    sun(canvas, (1080, 250), 52, (238, 208, 172), (232, 192, 150), 80)

    def skyline(base: float, haze: float, hmin: float, hmax: float, windows: bool) -> Image.Image:
        layer, d = new_layer(canvas.size)
        x = -30.0
        while x < w:
            bw = rng.uniform(60, 190)
            bh = rng.uniform(hmin, hmax)
            col = mix(
                rng.choice([(86, 80, 78), (104, 96, 90), (78, 76, 82), (120, 108, 96)]),
                haze_col,
                haze,
            )
            d.rectangle((x, base - bh, x + bw, base), fill=rgba(col))
            if rng.random() < 0.3:
                d.polygon(
                    [
                        (x - 6, base - bh),
                        (x + bw + 6, base - bh),
                        (x + bw / 2, base - bh - bw * 0.25),
                    ],
                    fill=rgba(mix(col, (60, 40, 30), 0.15)),
                )
            if windows and bw > 70:
                wc = mix(col, (230, 210, 170), 0.25)
                for wy in range(int(base - bh + 14), int(base - 10), 22):
                    for wx in range(int(x + 10), int(x + bw - 14), 20):
                        d.rectangle((wx, wy, wx + 9, wy + 11), fill=rgba(wc, 200))
            if rng.random() < 0.35:
                tr = rng.uniform(24, 46)
                tc = mix((54, 70, 52), haze_col, haze)
                d.ellipse((x + bw - tr, base - tr * 1.6, x + bw + tr, base + 4), fill=rgba(tc))
            x += bw + rng.uniform(-10, 40)
        return layer

    far = skyline(720, 0.8, 120, 260, False)
    fd = ImageDraw.Draw(far)
    dome = mix((120, 110, 100), haze_col, 0.72)
    fd.rectangle((470, 560, 650, 720), fill=rgba(dome))
    fd.ellipse((490, 470, 630, 610), fill=rgba(dome))
    fd.rectangle((680, 380, 702, 720), fill=rgba(dome))
    fd.polygon([(676, 382), (706, 382), (691, 340)], fill=rgba(dome))
    compose(canvas, far, blur=3)
    mid = skyline(790, 0.55, 90, 210, True)
    md = ImageDraw.Draw(mid)
    tower = rgba(mix((70, 66, 66), haze_col, 0.5))
    base_l, base_r, top = (1218, 790), (1302, 790), (1260, 230)
    md.line([base_l, top, base_r], fill=tower, width=5)
    for i in range(1, 14):
        t = i / 14
        yl = base_l[1] + (top[1] - base_l[1]) * t
        xl = base_l[0] + (top[0] - base_l[0]) * t
        xr = base_r[0] + (top[0] - base_r[0]) * t
        md.line([(xl, yl), (xr, yl)], fill=tower, width=2)
        md.line([(xl, yl), (xr, yl + 40 * (1 - t))], fill=tower, width=1)
    compose(canvas, mid, blur=1.8)
    near = skyline(870, 0.3, 60, 150, True)
    compose(canvas, near, blur=1.0)

    road, d = new_layer(canvas.size)
    d.rectangle((0, 868, w, 890), fill=rgba(mix((120, 112, 104), haze_col, 0.2)))
    d.rectangle((0, 890, w, h), fill=rgba(mix((70, 66, 64), haze_col, 0.18)))
    for x in range(0, w, 120):
        d.rectangle((x, 975, x + 60, 983), fill=(214, 204, 180, 200))
    for lx in (140, 560, 980, 1400):
        d.line([(lx, 880), (lx, 640)], fill=rgba(mix((50, 48, 48), haze_col, 0.2)), width=6)
        d.line([(lx, 644), (lx + 50, 650)], fill=rgba(mix((50, 48, 48), haze_col, 0.2)), width=5)
    compose(canvas, road, blur=0.8)
    bikes, d = new_layer(canvas.size)
    lights, ld = new_layer(canvas.size)
    for bx, by, s in ((380, 1010, 1.0), (760, 945, 0.8), (1230, 1030, 1.1), (1480, 950, 0.75)):
        dark = (44, 40, 40, 255)
        d.ellipse((bx - 40 * s, by - 18 * s, bx - 6 * s, by + 16 * s), fill=dark)
        d.ellipse((bx + 34 * s, by - 18 * s, bx + 68 * s, by + 16 * s), fill=dark)
        d.polygon(
            [
                (bx - 30 * s, by - 10 * s),
                (bx + 60 * s, by - 12 * s),
                (bx + 44 * s, by - 40 * s),
                (bx - 16 * s, by - 36 * s),
            ],
            fill=dark,
        )
        d.polygon(
            [
                (bx - 6 * s, by - 36 * s),
                (bx + 20 * s, by - 36 * s),
                (bx + 14 * s, by - 90 * s),
                (bx - 2 * s, by - 90 * s),
            ],
            fill=(60, 54, 58, 255),
        )
        d.ellipse((bx - 6 * s, by - 114 * s, bx + 18 * s, by - 88 * s), fill=(48, 46, 52, 255))
        ld.ellipse((bx + 58 * s, by - 42 * s, bx + 90 * s, by - 22 * s), fill=(255, 236, 180, 230))
    compose(canvas, bikes, blur=0.9)
    compose(canvas, lights, blur=6)
    compose(canvas, lights, blur=1.5)
    veil, d = new_layer(canvas.size)
    d.rectangle((0, 0, w, h), fill=rgba(haze_col, 46))
    compose(canvas, veil)
    return finish(canvas, rng, grain=0.16)


# --------------------------------------------------------------------------- football at dusk


def player(d: ImageDraw.ImageDraw, x: float, foot: float, s: float, stride: float) -> None:
    col = (20, 22, 28, 255)
    hip = (x, foot - 42 * s)
    d.line([hip, (x - stride * 16 * s, foot)], fill=col, width=int(7 * s))
    d.line([hip, (x + stride * 14 * s, foot - 4 * s)], fill=col, width=int(7 * s))
    d.polygon(
        [
            (x - 10 * s, foot - 44 * s),
            (x + 10 * s, foot - 44 * s),
            (x + 9 * s, foot - 80 * s),
            (x - 9 * s, foot - 80 * s),
        ],
        fill=col,
    )
    d.line([(x - 8 * s, foot - 76 * s), (x - 22 * s, foot - 56 * s)], fill=col, width=int(5 * s))
    d.line([(x + 8 * s, foot - 76 * s), (x + 22 * s, foot - 62 * s)], fill=col, width=int(5 * s))
    d.ellipse((x - 8 * s, foot - 98 * s, x + 8 * s, foot - 82 * s), fill=col)


def scene_football() -> Image.Image:
    rng = random.Random(926)
    w, h = LANDSCAPE
    horizon = 585
    canvas = gradient(
        (w, h),
        [
            (0, (50, 44, 94)),
            (0.24, (108, 70, 120)),
            (0.42, (208, 110, 100)),
            (0.52, (244, 158, 84)),
            (0.56, (250, 188, 112)),
            (1, (250, 188, 112)),
        ],
    )
    glow, d = new_layer(canvas.size)
    d.ellipse((700, horizon - 150, 1500, horizon + 60), fill=(255, 196, 124, 130))
    compose(canvas, glow, blur=70)
    clouds(canvas, rng, 5, 300, (120, 70, 110), 90)

    trees, d = new_layer(canvas.size)
    blobs(
        d,
        rng,
        -40,
        w + 40,
        lambda x: horizon - 70 - 22 * math.sin(x / 120),
        horizon + 20,
        [(26, 24, 36), (30, 26, 40)],
        18,
        44,
        20,
    )
    for px in (60, 420, 1020, 1290, 1560):
        palm(d, px, horizon - 40, rng.uniform(180, 250), (26, 24, 36, 255), rng.uniform(-20, 20))
    d.line([(0, horizon + 14), (w, horizon + 14)], fill=(40, 38, 44, 255), width=3)
    for x in range(0, w, 60):
        d.line([(x, horizon + 14), (x, horizon - 2)], fill=(40, 38, 44, 255), width=3)
    for x in range(30, w, 26):
        if rng.random() < 0.55:
            r = rng.uniform(5, 7)
            d.ellipse((x - r, horizon - 8 - r * 2, x + r, horizon - 8), fill=(34, 32, 40, 255))
            d.rectangle(
                (x - r * 1.2, horizon - 9, x + r * 1.2, horizon + 12), fill=(34, 32, 40, 255)
            )
    compose(canvas, trees, blur=1.2)

    poles, d = new_layer(canvas.size)
    lamps, ld = new_layer(canvas.size)
    for px in (180, 1420):
        d.line([(px, horizon + 20), (px, 170)], fill=(30, 30, 40, 255), width=8)
        d.rectangle((px - 48, 140, px + 48, 180), fill=(40, 40, 48, 255))
        for i in range(3):
            for j in range(2):
                cx, cy = px - 30 + i * 30, 150 + j * 20
                d.ellipse((cx - 8, cy - 7, cx + 8, cy + 7), fill=(255, 246, 214, 255))
        ld.ellipse((px - 120, 80, px + 120, 240), fill=(255, 236, 190, 120))
    compose(canvas, poles, blur=0.8)
    compose(canvas, lamps, blur=40)

    field = gradient((w, h - horizon - 14), [(0, (66, 98, 60)), (1, (30, 68, 34))])
    canvas.alpha_composite(field, (0, horizon + 14))
    stripes, d = new_layer(canvas.size)
    vp = (800, 300)
    top_y = horizon + 16
    for i in range(-12, 13, 2):
        xb0, xb1 = 800 + i * 170, 800 + (i + 1) * 170
        t = (top_y - vp[1]) / (h - vp[1])
        pts = [
            (vp[0] + (xb0 - vp[0]) * t, top_y),
            (vp[0] + (xb1 - vp[0]) * t, top_y),
            (xb1, h),
            (xb0, h),
        ]
        d.polygon(pts, fill=(140, 190, 110, 26))
    compose(canvas, stripes, blur=2)

    lines, d = new_layer(canvas.size)
    white = (226, 230, 222, 235)
    d.line([(0, 622), (w, 622)], fill=white, width=3)
    d.line([(960, 622), (1230, h)], fill=white, width=4)
    cx, cy = 1030, 770
    d.ellipse((cx - 250, cy - 62, cx + 250, cy + 62), outline=white, width=4)
    d.line([(340, 622), (-140, h)], fill=white, width=4)
    d.line([(300, 680), (640, 680)], fill=white, width=3)
    d.line([(640, 680), (600, 860)], fill=white, width=3)
    d.line([(600, 860), (170, 860)], fill=white, width=4)
    compose(canvas, lines, blur=0.8)

    goal, d = new_layer(canvas.size)
    p1, p2 = (300, 668), (196, 792)
    hgt1, hgt2 = 92, 118
    t1, t2 = (p1[0], p1[1] - hgt1), (p2[0], p2[1] - hgt2)
    net = (210, 214, 210, 120)
    for k in range(9):
        t = k / 8
        top = (t1[0] + (t2[0] - t1[0]) * t, t1[1] + (t2[1] - t1[1]) * t)
        bot = (p1[0] + (p2[0] - p1[0]) * t, p1[1] + (p2[1] - p1[1]) * t)
        d.line([top, (top[0] - 70, top[1] + 12), (bot[0] - 90, bot[1] - 4)], fill=net, width=1)
    for k in range(6):
        t = k / 5
        a = (t1[0] - 70 * t, t1[1] + 12 * t + 0 * k)
        b = (t2[0] - 70 * t, t2[1] + 12 * t)
        d.line([a, b], fill=net, width=1)
    post = (244, 244, 240, 255)
    d.line([p1, t1], fill=post, width=6)
    d.line([p2, t2], fill=post, width=7)
    d.line([t1, t2], fill=post, width=6)
    compose(canvas, goal, blur=0.6)

    people, d = new_layer(canvas.size)
    for px, foot, s, stride in (
        (640, 712, 0.8, 1.0),
        (790, 700, 0.75, -0.8),
        (930, 770, 1.0, 0.9),
        (1190, 735, 0.9, -1.0),
        (470, 810, 1.2, 0.7),
        (1370, 900, 1.45, -0.6),
        (262, 748, 0.95, 0.2),
    ):
        player(d, px, foot, s, stride)
    d.ellipse((700, 702, 712, 714), fill=(240, 240, 236, 255))
    compose(canvas, people, blur=0.7)
    return finish(canvas, rng)


# --------------------------------------------------------------------------- council chamber


@dataclass(frozen=True)
class Camera:
    cx: float
    cy: float
    focal: float

    def p(self, x: float, y: float, z: float) -> Point:
        return (self.cx + self.focal * x / z, self.cy + self.focal * y / z)


def scene_council() -> Image.Image:
    rng = random.Random(1006)
    w, h = LANDSCAPE
    cam = Camera(800, 430, 800)
    zb, half, floor_y, ceil_y = 10.0, 5.875, 2.125, -3.25
    canvas = Image.new("RGBA", (w, h), (0, 0, 0, 255))
    d = ImageDraw.Draw(canvas)
    bl, br = cam.p(-half, ceil_y, zb), cam.p(half, floor_y, zb)
    d.polygon([(0, 0), (w, 0), (br[0], bl[1]), bl], fill=(230, 224, 208))
    d.polygon([(0, 0), bl, (bl[0], br[1]), (0, 719), (0, 0)], fill=(198, 184, 154))
    d.polygon([(w, 0), (br[0], bl[1]), br, (w, 719)], fill=(192, 178, 150))
    d.polygon([(0, 719), (bl[0], br[1]), br, (w, 719), (w, h), (0, h)], fill=(72, 80, 78))
    d.rectangle((bl[0], bl[1], br[0], br[1]), fill=(218, 204, 174))
    panel_top = cam.p(0, floor_y - 1.6, zb)[1]
    d.rectangle((bl[0], panel_top, br[0], br[1]), fill=(122, 80, 48))
    for i in range(1, 24):
        x = bl[0] + (br[0] - bl[0]) * i / 24
        d.line([(x, panel_top), (x, br[1])], fill=(96, 62, 36), width=2)
    for side in (-1, 1):
        for z0 in (4.6, 6.6, 8.4):
            z1 = z0 + 1.0
            quad = [
                cam.p(side * half, -2.6, z0),
                cam.p(side * half, -2.6, z1),
                cam.p(side * half, 0.4, z1),
                cam.p(side * half, 0.4, z0),
            ]
            d.polygon(quad, fill=(232, 232, 220))
            cur = [
                cam.p(side * half, -2.7, z0 - 0.2),
                cam.p(side * half, -2.7, z0 + 0.25),
                cam.p(side * half, 0.6, z0 + 0.25),
                cam.p(side * half, 0.6, z0 - 0.2),
            ]
            d.polygon(cur, fill=(122, 32, 38))
            cur2 = [
                cam.p(side * half, -2.7, z1 - 0.25),
                cam.p(side * half, -2.7, z1 + 0.2),
                cam.p(side * half, 0.6, z1 + 0.2),
                cam.p(side * half, 0.6, z1 - 0.25),
            ]
            d.polygon(cur2, fill=(122, 32, 38))
        wain = [
            cam.p(side * half, floor_y - 1.2, 5.9),
            cam.p(side * half, floor_y - 1.2, zb),
            cam.p(side * half, floor_y, zb),
            cam.p(side * half, floor_y, 5.9),
        ]
        d.polygon(wain, fill=(110, 72, 44))

    ex, ey = cam.p(0, -1.85, zb)
    shield = [
        (ex - 42, ey - 52),
        (ex + 42, ey - 52),
        (ex + 40, ey + 10),
        (ex, ey + 54),
        (ex - 40, ey + 10),
    ]
    d.polygon(shield, fill=(204, 162, 62))
    inner = [
        (ex - 30, ey - 40),
        (ex + 30, ey - 40),
        (ex + 28, ey + 6),
        (ex, ey + 38),
        (ex - 28, ey + 6),
    ]
    d.polygon(inner, outline=(150, 110, 40), width=3)
    star = [
        (
            ex + 16 * math.cos(a) * (1 if k % 2 == 0 else 0.45),
            ey - 8 + 16 * math.sin(a) * (1 if k % 2 == 0 else 0.45),
        )
        for k, a in ((k, -math.pi / 2 + k * math.pi / 5) for k in range(10))
    ]
    d.polygon(star, fill=(246, 220, 120))
    for side in (-1, 1):
        fx, fb = cam.p(side * 4.4, floor_y, 9.6)
        ft = cam.p(side * 4.4, floor_y - 2.6, 9.6)[1]
        d.line([(fx, fb), (fx, ft)], fill=(200, 180, 110), width=4)
        d.rectangle((fx + 2, ft + 2, fx + 62, ft + 22), fill=(196, 34, 44))
        d.rectangle((fx + 2, ft + 22, fx + 62, ft + 42), fill=(240, 240, 236))

    lights, ld = new_layer(canvas.size)
    for zz in (3.2, 4.4, 5.8, 7.2, 8.8):
        for xx in (-3.6, -1.2, 1.2, 3.6):
            lx, ly = cam.p(xx, ceil_y, zz)
            r = 0.28 * cam.focal / zz
            d.ellipse((lx - r, ly - r * 0.35, lx + r, ly + r * 0.35), fill=(255, 250, 232))
            ld.ellipse(
                (lx - r * 3, ly - r * 1.6, lx + r * 3, ly + r * 1.6), fill=(255, 244, 210, 90)
            )
    compose(canvas, lights, blur=18)

    def box(
        x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, front: RGB, top: RGB
    ) -> None:
        d.polygon(
            [cam.p(x0, y0, z0), cam.p(x1, y0, z0), cam.p(x1, y0, z1), cam.p(x0, y0, z1)], fill=top
        )
        a, b = cam.p(x0, y0, z0), cam.p(x1, y1, z0)
        d.rectangle((a[0], a[1], b[0], b[1]), fill=front)

    for cx in (-2.4, -1.2, 0.0, 1.2, 2.4):
        a, b = cam.p(cx - 0.32, floor_y - 1.7, 9.7), cam.p(cx + 0.32, floor_y - 0.8, 9.7)
        d.rounded_rectangle((a[0], a[1], b[0], b[1]), radius=6, fill=(34, 30, 30))
    box(-3.6, 3.6, floor_y - 0.85, floor_y, 9.0, 9.5, (112, 72, 42), (160, 118, 78))
    for cx in (-2.4, -1.2, 0.0, 1.2, 2.4):
        mb = cam.p(cx, floor_y - 0.85, 9.2)
        d.line([mb, (mb[0] - 4, mb[1] - 26)], fill=(30, 30, 30), width=2)
        d.ellipse((mb[0] - 7, mb[1] - 32, mb[0] - 1, mb[1] - 24), fill=(30, 30, 30))

    for z in (8.0, 7.2, 6.4, 5.6, 4.8, 4.0, 3.3):
        for lo, hi in ((-5.0, -0.7), (0.7, 5.0)):
            box(lo, hi, floor_y - 0.78, floor_y, z + 0.25, z + 0.65, (92, 58, 34), (150, 106, 66))
            for k in range(6):
                mx = lo + 0.4 + k * (hi - lo - 0.8) / 5
                mb = cam.p(mx, floor_y - 0.78, z + 0.5)
                d.line(
                    [mb, (mb[0], mb[1] - 0.3 * cam.focal / z)],
                    fill=(24, 24, 24),
                    width=max(1, int(12 / z)),
                )
        x = -4.8
        while x <= 4.8:
            if abs(x) > 0.6:
                a = cam.p(x - 0.26, floor_y - 1.18, z)
                b = cam.p(x + 0.26, floor_y - 0.42, z)
                rad = int(0.1 * cam.focal / z)
                d.rounded_rectangle((a[0], a[1], b[0], b[1]), radius=rad, fill=(150, 26, 36))
                inset = (b[0] - a[0]) * 0.14
                d.rounded_rectangle(
                    (a[0] + inset, a[1] + inset, b[0] - inset, b[1] - inset * 2),
                    radius=rad,
                    fill=(176, 36, 46),
                )
                d.line(
                    [
                        (a[0] + inset * 1.3, a[1] + inset * 1.5),
                        (a[0] + inset * 1.3, b[1] - inset * 3),
                    ],
                    fill=(204, 80, 84),
                    width=max(1, int(18 / z)),
                )
                leg = cam.p(x, floor_y, z)
                d.rectangle(
                    (leg[0] - 2 * 4 / z, b[1], leg[0] + 2 * 4 / z, leg[1]), fill=(40, 36, 36)
                )
            x += 0.8
    return finish(canvas, rng, grain=0.13, blur=0.7)


# --------------------------------------------------------------------------- courthouse


def column(d: ImageDraw.ImageDraw, cx: float, top: float, bottom: float, width: float) -> None:
    for i in range(int(width)):
        t = i / width
        shade = 0.55 + 0.45 * math.sin(math.pi * (0.15 + 0.85 * t))
        c = mix((150, 146, 138), (250, 248, 242), shade)
        d.line([(cx - width / 2 + i, top), (cx - width / 2 + i, bottom)], fill=rgba(c))
    d.rectangle((cx - width * 0.7, top - 14, cx + width * 0.7, top), fill=(236, 232, 222, 255))
    d.rectangle(
        (cx - width * 0.7, bottom, cx + width * 0.7, bottom + 14), fill=(220, 216, 206, 255)
    )


def scene_courthouse() -> Image.Image:
    rng = random.Random(1112)
    w, h = LANDSCAPE
    canvas = gradient((w, h), [(0, (66, 126, 198)), (0.6, (176, 208, 236)), (1, (190, 214, 236))])
    clouds(canvas, rng, 7, 260, (255, 255, 255), 170)
    trees, d = new_layer(canvas.size)
    blobs(d, rng, -40, 220, lambda x: 420 + (x / 5), 860, [(52, 96, 56), (62, 110, 62)], 40, 80, 40)
    blobs(
        d,
        rng,
        1380,
        w + 40,
        lambda x: 440 - (x - 1380) / 6,
        860,
        [(52, 96, 56), (62, 110, 62)],
        40,
        80,
        40,
    )
    compose(canvas, trees, blur=1.5)
    ground = gradient((w, h - 830), [(0, (92, 140, 72)), (1, (58, 108, 48))])
    canvas.alpha_composite(ground, (0, 830))

    b, d = new_layer(canvas.size)
    d.polygon([(170, 334), (1430, 334), (1340, 250), (260, 250)], fill=(122, 62, 46, 255))
    for y in range(258, 334, 9):
        d.line(
            [(170 + (334 - y) * 1.07, y), (1430 - (334 - y) * 1.07, y)],
            fill=(96, 48, 36, 255),
            width=2,
        )
    d.rectangle((200, 334, 1400, 830), fill=(234, 222, 192, 255))
    d.rectangle((190, 330, 1410, 350), fill=(246, 242, 232, 255))
    d.rectangle((196, 572, 1404, 586), fill=(246, 242, 232, 255))
    d.rectangle((196, 810, 1404, 830), fill=(206, 198, 176, 255))
    for wing0, wing1 in ((232, 560), (1040, 1370)):
        n = 4
        for i in range(n):
            wx = wing0 + 20 + i * (wing1 - wing0 - 40) / (n - 1) - 32
            for wy0, wy1 in ((384, 500), (622, 742)):
                d.rectangle((wx - 6, wy0 - 6, wx + 70, wy1 + 6), fill=(250, 248, 240, 255))
                d.rectangle((wx, wy0, wx + 64, wy1), fill=(64, 84, 104, 255))
                d.polygon(
                    [
                        (wx + 8, wy1 - 10),
                        (wx + 30, wy0 + 10),
                        (wx + 44, wy0 + 10),
                        (wx + 22, wy1 - 10),
                    ],
                    fill=(120, 146, 170, 255),
                )
                d.line([(wx + 32, wy0), (wx + 32, wy1)], fill=(250, 248, 240, 255), width=4)
                d.line(
                    [(wx, (wy0 + wy1) / 2), (wx + 64, (wy0 + wy1) / 2)],
                    fill=(250, 248, 240, 255),
                    width=4,
                )
    d.rectangle((590, 380, 1010, 810), fill=(198, 186, 158, 255))
    d.rectangle((750, 600, 850, 810), fill=(236, 230, 214, 255))
    d.rectangle((760, 612, 840, 810), fill=(88, 56, 34, 255))
    d.line([(800, 612), (800, 810)], fill=(60, 38, 24, 255), width=3)
    d.rectangle((660, 430, 730, 540), fill=(64, 84, 104, 255))
    d.rectangle((870, 430, 940, 540), fill=(64, 84, 104, 255))
    compose(canvas, b, blur=0.6)
    shadow, d = new_layer(canvas.size)
    d.rectangle((200, 350, 1400, 372), fill=(60, 50, 40, 70))
    for cx in (630, 735, 865, 970):
        d.rectangle((cx + 26, 392, cx + 60, 806), fill=(70, 56, 40, 70))
    compose(canvas, shadow, blur=6)

    p, d = new_layer(canvas.size)
    d.polygon([(572, 336), (800, 186), (1028, 336)], fill=(250, 248, 242, 255))
    d.polygon([(604, 326), (800, 204), (996, 326)], fill=(236, 228, 206, 255))
    d.rectangle((580, 334, 1020, 388), fill=(246, 244, 236, 255))
    d.rectangle((660, 342, 940, 378), fill=(62, 50, 40, 255))
    d.text((800, 360), "PENGADILAN", fill=(224, 190, 110, 255), font=font(26), anchor="mm")
    for cx in (630, 735, 865, 970):
        column(d, cx, 402, 796, 44)
    for i in range(6):
        y0 = 810 + i * 13
        x0, x1 = 560 - i * 22, 1040 + i * 22
        d.rectangle((x0, y0, x1, y0 + 6), fill=(226, 222, 212, 255))
        d.rectangle((x0, y0 + 6, x1, y0 + 13), fill=(184, 180, 170, 255))
    d.polygon([(428, 888), (1172, 888), (1340, h), (260, h)], fill=(194, 190, 180, 255))
    for x in range(232, 1380, 54):
        if 540 < x < 1060:
            continue
        r = rng.uniform(22, 32)
        d.ellipse((x - r, 826 - r * 1.4, x + r, 838), fill=(46, 92, 48, 255))
    d.line([(300, 900), (300, 262)], fill=(210, 210, 214, 255), width=6)
    d.ellipse((293, 254, 307, 268), fill=(230, 200, 90, 255))
    d.polygon([(303, 272), (420, 276), (424, 312), (303, 308)], fill=(204, 32, 42, 255))
    d.polygon([(303, 308), (424, 312), (420, 348), (303, 344)], fill=(246, 246, 244, 255))
    d.rectangle((280, 890, 320, 904), fill=(180, 176, 166, 255))
    compose(canvas, p, blur=0.5)
    return finish(canvas, rng, grain=0.13)


# --------------------------------------------------------------------------- school


def scene_school() -> Image.Image:
    rng = random.Random(702)
    w, h = LANDSCAPE
    canvas = gradient((w, h), [(0, (92, 146, 208)), (0.55, (196, 222, 240)), (1, (200, 224, 240))])
    clouds(canvas, rng, 8, 280, (255, 255, 255), 160)
    trees, d = new_layer(canvas.size)
    blobs(
        d,
        rng,
        -40,
        w + 40,
        lambda x: 330 + 40 * math.sin(x / 110),
        720,
        [(56, 104, 58), (66, 118, 64), (48, 92, 52)],
        36,
        70,
        36,
    )
    for px in (60, 1540, 260):
        palm(d, px, 700, rng.uniform(360, 430), (50, 92, 54, 255), rng.uniform(-30, 30))
    compose(canvas, trees, blur=1.6)
    yard = gradient((w, h - 712), [(0, (118, 156, 78)), (1, (80, 126, 54))])
    canvas.alpha_composite(yard, (0, 712))
    sand, d = new_layer(canvas.size)
    d.polygon([(720, 712), (880, 712), (1040, h), (560, h)], fill=(206, 190, 150, 230))
    for _ in range(14):
        x, y = rng.uniform(0, w), rng.uniform(760, h)
        r = rng.uniform(30, 90)
        d.ellipse((x - r * 2, y - r * 0.4, x + r * 2, y + r * 0.4), fill=(198, 182, 140, 140))
    compose(canvas, sand, blur=6)

    b, d = new_layer(canvas.size)
    d.rectangle((120, 470, 1480, 700), fill=(238, 236, 228, 255))
    d.rectangle((120, 640, 1480, 700), fill=(150, 188, 148, 255))
    d.rectangle((100, 700, 1500, 718), fill=(170, 168, 160, 255))
    unit = (1480 - 120) / 6
    for i in range(6):
        ux = 120 + i * unit
        door = (ux + unit * 0.42, 540, ux + unit * 0.58, 700)
        d.rectangle((door[0] - 5, door[1] - 5, door[2] + 5, door[3]), fill=(250, 250, 246, 255))
        d.rectangle(door, fill=(70, 110, 150, 255))
        d.line(
            [((door[0] + door[2]) / 2, door[1]), ((door[0] + door[2]) / 2, door[3])],
            fill=(50, 86, 120, 255),
            width=2,
        )
        for wx in (ux + unit * 0.1, ux + unit * 0.66):
            d.rectangle((wx - 4, 536, wx + unit * 0.24 + 4, 626), fill=(250, 250, 246, 255))
            d.rectangle((wx, 540, wx + unit * 0.24, 622), fill=(60, 80, 96, 255))
            d.line(
                [(wx + unit * 0.12, 540), (wx + unit * 0.12, 622)],
                fill=(250, 250, 246, 255),
                width=3,
            )
            for ly in range(504, 528, 5):
                d.line([(wx, ly), (wx + unit * 0.24, ly)], fill=(150, 146, 136, 255), width=2)
        d.rectangle((ux + unit * 0.4, 508, ux + unit * 0.6, 528), fill=(250, 250, 250, 255))
        d.line([(ux + unit * 0.43, 518), (ux + unit * 0.57, 518)], fill=(60, 60, 60, 255), width=3)
    for i in range(11):
        post_x = 120 + i * (1360 / 10)
        d.rectangle((post_x - 7, 478, post_x + 7, 700), fill=(246, 246, 240, 255))
    d.polygon([(80, 480), (1520, 480), (1420, 356), (180, 356)], fill=(176, 70, 50, 255))
    for y in range(366, 480, 12):
        t = (480 - y) / 124
        d.line([(80 + 100 * t, y), (1520 - 100 * t, y)], fill=(140, 50, 38, 255), width=3)
        for x in range(int(80 + 100 * t) + (y % 24), int(1520 - 100 * t), 24):
            d.line([(x, y), (x, y - 10)], fill=(150, 56, 42, 200), width=1)
    d.rectangle((76, 478, 1524, 490), fill=(244, 244, 238, 255))
    compose(canvas, b, blur=0.6)
    shade, d = new_layer(canvas.size)
    d.rectangle((120, 490, 1480, 520), fill=(40, 40, 50, 70))
    compose(canvas, shade, blur=8)

    crack, d = new_layer(canvas.size)
    cx, cy = 120 + 3 * unit + unit * 0.3, 492.0
    pts: list[Point] = [(cx, cy)]
    for _ in range(14):
        cx += rng.uniform(-6, 16)
        cy += rng.uniform(8, 14)
        pts.append((cx, cy))
    d.line(pts, fill=(78, 74, 70, 255), width=3)
    bx, by = pts[6]
    d.line([(bx, by), (bx - 30, by + 26), (bx - 38, by + 50)], fill=(78, 74, 70, 255), width=2)
    d.line(
        [(pts[-1][0], 644), (pts[-1][0] + 18, 672), (pts[-1][0] + 10, 698)],
        fill=(70, 80, 70, 255),
        width=3,
    )
    compose(canvas, crack, blur=0.5)

    fg, d = new_layer(canvas.size)
    d.rectangle((772, 930, 828, 950), fill=(190, 186, 176, 255))
    d.line([(800, 932), (800, 250)], fill=(214, 214, 218, 255), width=7)
    d.polygon([(803, 258), (930, 262), (934, 300), (803, 296)], fill=(206, 30, 40, 255))
    d.polygon([(803, 296), (934, 300), (930, 338), (803, 334)], fill=(248, 248, 246, 255))
    d.line([(250, 1000), (250, 840)], fill=(120, 110, 100, 255), width=8)
    d.line([(560, 1000), (560, 840)], fill=(120, 110, 100, 255), width=8)
    d.rectangle((220, 770, 590, 856), fill=(30, 92, 62, 255))
    d.rectangle((228, 778, 582, 848), outline=(240, 240, 236, 255), width=2)
    d.text((405, 798), "SD NEGERI 9", fill=(244, 244, 240, 255), font=font(30), anchor="mm")
    d.text((405, 830), "PASIR PUTIH", fill=(244, 244, 240, 255), font=font(24), anchor="mm")
    compose(canvas, fg, blur=0.6)
    return finish(canvas, rng)


# --------------------------------------------------------------------------- rubber plantation


def scene_rubber() -> Image.Image:
    rng = random.Random(603)
    w, h = PORTRAIT
    cam = Camera(600, 900, 700)
    eye = 1.6
    fog: RGB = (154, 172, 140)
    canvas = gradient(
        (w, h),
        [
            (0, (44, 78, 44)),
            (0.3, (110, 146, 100)),
            (0.5, fog),
            (0.5625, (150, 160, 128)),
            (0.7, (110, 88, 60)),
            (1, (66, 50, 34)),
        ],
    )

    litter, d = new_layer(canvas.size)
    for _ in range(5200):
        y = 900 + (h - 900) * rng.random() ** 1.3
        depth = (y - 900) / (h - 900)
        x = rng.uniform(-20, w + 20)
        r = 1.5 + 14 * depth * rng.uniform(0.5, 1.2)
        c = rng.choice(
            [
                (120, 86, 48),
                (146, 104, 52),
                (96, 70, 44),
                (170, 128, 64),
                (80, 60, 40),
                (124, 100, 60),
            ]
        )
        d.ellipse(
            (x - r * 1.8, y - r * 0.6, x + r * 1.8, y + r * 0.6),
            fill=rgba(mix(c, fog, 0.5 * (1 - depth) ** 3), 220),
        )
    compose(canvas, litter, blur=0.8)

    trunks: list[tuple[float, float]] = []
    for xr in (-4.6, -2.2, 2.2, 4.6, -7.0, 7.0):
        z = 2.2 if abs(xr) < 5 else 3.0
        while z < 60:
            trunks.append((xr + rng.uniform(-0.15, 0.15), z))
            z += 3.0 * rng.uniform(0.9, 1.1)
    bark = streaks((w, h), rng, (3, 60), 150, 255)
    for x3, z in sorted(trunks, key=lambda t: -t[1]):
        layer, d = new_layer(canvas.size)
        base = cam.p(x3, eye, z)
        top = cam.p(x3, eye - 9.0, z)
        half_w = 0.16 * cam.focal / z
        lean = rng.uniform(-0.04, 0.04) * (base[1] - top[1])
        t = min(1.0, z / 45)
        col = mix((104, 96, 84), fog, t**0.8)
        d.polygon(
            [
                (base[0] - half_w, base[1]),
                (base[0] + half_w, base[1]),
                (top[0] + lean + half_w * 0.8, top[1]),
                (top[0] + lean - half_w * 0.8, top[1]),
            ],
            fill=rgba(col),
        )
        if half_w > 4:
            d.polygon(
                [
                    (base[0] - half_w, base[1]),
                    (base[0] - half_w * 0.45, base[1]),
                    (top[0] + lean - half_w * 0.35, top[1]),
                    (top[0] + lean - half_w * 0.8, top[1]),
                ],
                fill=rgba(mix(col, (30, 28, 24), 0.35)),
            )
            d.polygon(
                [
                    (base[0] + half_w * 0.35, base[1]),
                    (base[0] + half_w * 0.8, base[1]),
                    (top[0] + lean + half_w * 0.6, top[1]),
                    (top[0] + lean + half_w * 0.25, top[1]),
                ],
                fill=rgba(mix(col, (220, 220, 200), 0.18)),
            )
        if half_w > 9:

            def at(
                height: float,
                side: float,
                x3: float = x3,
                z: float = z,
                lean: float = lean,
                half_w: float = half_w,
            ) -> Point:
                px, py = cam.p(x3, eye - height, z)
                k = height / 9.0
                return (px + lean * k + side * half_w * 0.92, py)

            hi_l, lo_r = at(1.55, -1), at(1.2, 1)
            panel = [hi_l, lo_r, at(0.7, 1), at(1.05, -1)]
            d.polygon(panel, fill=rgba(mix((196, 170, 128), fog, t)))
            d.line(
                [hi_l, lo_r],
                fill=rgba(mix((246, 240, 224), fog, t)),
                width=max(2, int(half_w / 10)),
            )
            cup_x, cup_y = lo_r[0] - half_w * 0.15, lo_r[1] + 0.22 * cam.focal / z
            cw = half_w * 0.62
            d.line(
                [lo_r, (cup_x, cup_y - cw * 0.5)],
                fill=(90, 90, 92, 255),
                width=max(1, int(half_w / 18)),
            )
            d.chord(
                (cup_x - cw, cup_y - cw * 0.9, cup_x + cw, cup_y + cw * 0.9),
                0,
                180,
                fill=rgba(mix((86, 58, 38), fog, t)),
            )
            d.ellipse(
                (cup_x - cw, cup_y - cw * 0.28, cup_x + cw, cup_y + cw * 0.28),
                fill=rgba(mix((244, 242, 232), fog, t)),
            )
        textured = Image.merge("RGB", layer.split()[:3])
        textured = ImageChops.multiply(textured, Image.merge("RGB", (bark, bark, bark)))
        layer = Image.merge("RGBA", (*textured.split(), layer.split()[3]))
        compose(canvas, layer, blur=0.4 + min(1.6, z / 20))

    canopy, d = new_layer(canvas.size)
    greens = [
        (34, 70, 36),
        (48, 92, 44),
        (70, 118, 56),
        (96, 140, 70),
        (120, 160, 84),
        (28, 58, 30),
    ]
    for _ in range(900):
        y = 620 * rng.random() ** 1.6 - 40
        x = rng.uniform(-60, w + 60)
        r = rng.uniform(20, 70) * (1.4 - y / 800)
        d.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), fill=rgba(rng.choice(greens), 235))
    for _ in range(22):
        x, y = rng.uniform(0, w), rng.uniform(0, 300)
        r = rng.uniform(5, 14)
        d.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), fill=(196, 218, 170, 200))
    compose(canvas, canopy, blur=2.2)

    rays, d = new_layer(canvas.size)
    for _ in range(5):
        x0 = rng.uniform(300, 1300)
        spread = rng.uniform(40, 110)
        d.polygon(
            [(x0, -20), (x0 + spread, -20), (x0 - 520 + spread * 2, 1300), (x0 - 600, 1300)],
            fill=(255, 250, 210, 26),
        )
    compose(canvas, rays, blur=30)
    return finish(canvas, rng, grain=0.1, blur=0.8)


# --------------------------------------------------------------------------- courtroom (gallery)


def robed_person(d: ImageDraw.ImageDraw, x: float, foot: float, s: float, robe: RGB) -> None:
    """A person seen from the front behind a table: shoulders, head, hair, a white collar."""
    d.polygon(
        [
            (x - 46 * s, foot),
            (x + 46 * s, foot),
            (x + 34 * s, foot - 70 * s),
            (x - 34 * s, foot - 70 * s),
        ],
        fill=robe,
    )
    d.polygon(
        [(x - 12 * s, foot - 70 * s), (x + 12 * s, foot - 70 * s), (x, foot - 44 * s)],
        fill=(236, 232, 222),
    )
    d.ellipse((x - 19 * s, foot - 118 * s, x + 19 * s, foot - 72 * s), fill=(150, 108, 78))
    d.chord((x - 20 * s, foot - 122 * s, x + 20 * s, foot - 88 * s), 180, 360, fill=(34, 30, 30))


def back_person(
    d: ImageDraw.ImageDraw, x: float, foot: float, s: float, shirt: RGB, hair: RGB
) -> None:
    """A seated person seen from behind: back, neck and the back of the head."""
    d.rounded_rectangle(
        (x - 40 * s, foot - 96 * s, x + 40 * s, foot), radius=int(18 * s), fill=shirt
    )
    d.rectangle((x - 8 * s, foot - 108 * s, x + 8 * s, foot - 92 * s), fill=(146, 104, 74))
    d.ellipse((x - 22 * s, foot - 152 * s, x + 22 * s, foot - 102 * s), fill=hair)


def courtroom(rng: random.Random, cam: Camera) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """The room of a district court: cream walls, wooden wainscot, the raised bench with three
    judges in black robes, the national emblem and two flags behind them."""
    w, h = LANDSCAPE
    zb, half, floor_y, ceil_y = 9.0, 6.0, 2.2, -3.4
    canvas = Image.new("RGBA", (w, h), (0, 0, 0, 255))
    d = ImageDraw.Draw(canvas)
    bl, br = cam.p(-half, ceil_y, zb), cam.p(half, floor_y, zb)
    d.polygon([(0, 0), (w, 0), (br[0], bl[1]), bl], fill=(236, 230, 214))
    d.polygon([(0, 0), bl, (bl[0], br[1]), (0, h)], fill=(206, 192, 164))
    d.polygon([(w, 0), (br[0], bl[1]), br, (w, h)], fill=(200, 186, 158))
    d.polygon([(0, h), (bl[0], br[1]), br, (w, h)], fill=(112, 84, 58))
    d.rectangle((bl[0], bl[1], br[0], br[1]), fill=(226, 214, 186))
    for i in range(10):
        z = zb - i * 0.85
        y0 = cam.p(0, floor_y, z)[1]
        d.line([(0, y0), (w, y0)], fill=(98, 72, 50), width=2)
    wain = cam.p(0, floor_y - 1.3, zb)[1]
    d.rectangle((bl[0], wain, br[0], br[1]), fill=(118, 78, 46))
    ex, ey = cam.p(0, -2.1, zb)
    d.polygon(
        [
            (ex - 46, ey - 56),
            (ex + 46, ey - 56),
            (ex + 44, ey + 12),
            (ex, ey + 60),
            (ex - 44, ey + 12),
        ],
        fill=(206, 164, 64),
    )
    d.ellipse((ex - 18, ey - 30, ex + 18, ey + 6), fill=(150, 40, 40))
    for side in (-1, 1):
        pole = cam.p(side * 2.6, floor_y, zb)
        top = cam.p(side * 2.6, -2.9, zb)
        d.line([pole, top], fill=(200, 190, 170), width=5)
        d.rectangle(
            (top[0] - 34 * (side < 0), top[1], top[0] + 34 * (side > 0), top[1] + 30),
            fill=(200, 30, 36),
        )
        d.rectangle(
            (top[0] - 34 * (side < 0), top[1] + 30, top[0] + 34 * (side > 0), top[1] + 60),
            fill=(244, 244, 240),
        )
    judges_foot = cam.p(0, 0.5, zb - 1.2)[1]
    scale = cam.focal / (zb - 1.2) / 80
    for offset in (-1.6, 0.0, 1.6):
        robed_person(d, cam.p(offset, 0, zb - 1.2)[0], judges_foot, scale * 1.1, (26, 26, 30))
    bench_top, bench_bottom = cam.p(-3.4, 0.35, zb - 1.4), cam.p(3.4, floor_y, zb - 1.4)
    d.rectangle((bench_top[0], bench_top[1], bench_bottom[0], bench_bottom[1]), fill=(132, 86, 50))
    d.rectangle(
        (bench_top[0] - 10, bench_top[1] - 14, bench_bottom[0] + 10, bench_top[1]),
        fill=(98, 62, 34),
    )
    for i in range(1, 8):
        x = bench_top[0] + (bench_bottom[0] - bench_top[0]) * i / 8
        d.line([(x, bench_top[1] + 8), (x, bench_bottom[1] - 4)], fill=(108, 70, 40), width=3)
    light, ld = new_layer(canvas.size)
    for _ in range(5):
        x0 = rng.uniform(200, 1400)
        ld.ellipse((x0 - 260, -200, x0 + 260, 240), fill=(255, 248, 220, 40))
    compose(canvas, light, blur=60)
    return canvas, ImageDraw.Draw(canvas)


def scene_verdict_bench() -> Image.Image:
    rng = random.Random(1201)
    canvas, d = courtroom(rng, Camera(800, 470, 760))
    for side in (-1, 1):
        x0 = 800 + side * 560
        d.rectangle((x0 - 170, 760, x0 + 170, 800), fill=(140, 92, 54))
        d.rectangle((x0 - 160, 800, x0 + 160, 930), fill=(118, 78, 46))
        robed_person(d, x0 - 60, 768, 1.0, (30, 30, 36))
        robed_person(d, x0 + 70, 768, 1.0, (30, 30, 36) if side < 0 else (60, 60, 66))
        for k in range(3):
            d.rectangle((x0 - 120 + k * 80, 748, x0 - 60 + k * 80, 762), fill=(244, 242, 232))
    return finish(canvas, rng, grain=0.1, blur=0.7)


def scene_verdict_defendant() -> Image.Image:
    rng = random.Random(1202)
    canvas, d = courtroom(rng, Camera(800, 380, 900))
    chair_x, foot = 800, 1060
    d.rectangle((chair_x - 70, foot - 140, chair_x + 70, foot - 40), fill=(70, 46, 30))
    for leg in (-60, 60):
        d.rectangle((chair_x + leg - 6, foot - 40, chair_x + leg + 6, foot + 10), fill=(60, 40, 26))
    back_person(d, chair_x, foot - 30, 1.9, (236, 236, 230), (30, 28, 28))
    d.rectangle((0, 980, 260, LANDSCAPE[1]), fill=(92, 60, 36))
    d.rectangle((1340, 980, 1600, LANDSCAPE[1]), fill=(92, 60, 36))
    return finish(canvas, rng, grain=0.12, blur=0.8)


def scene_verdict_audience() -> Image.Image:
    rng = random.Random(1203)
    canvas, d = courtroom(rng, Camera(800, 330, 700))
    shirts = [
        (180, 60, 50),
        (60, 90, 140),
        (232, 230, 220),
        (90, 120, 80),
        (200, 170, 90),
        (70, 70, 76),
    ]
    hair = [(28, 26, 26), (40, 34, 30), (232, 232, 236), (48, 40, 36)]
    for row, (foot, scale) in enumerate(((880, 1.2), (1010, 1.6), (1140, 2.0))):
        d.rectangle((0, foot - 70 * scale, 1600, foot - 58 * scale), fill=(104, 68, 40))
        x = rng.uniform(-40, 60) + row * 50
        while x < 1660:
            back_person(d, x, foot, scale, rng.choice(shirts), rng.choice(hair))
            if rng.random() < 0.25:
                d.ellipse(
                    (x - 26 * scale, foot - 160 * scale, x + 26 * scale, foot - 128 * scale),
                    fill=(236, 236, 232),
                )
            x += rng.uniform(95, 125) * scale
    return finish(canvas, rng, grain=0.12, blur=0.7)


# --------------------------------------------------------------------------- staff portrait

SQUARE = (800, 800)


def scene_portrait_editor() -> Image.Image:
    """A head-and-shoulders portrait for a writer's profile page: a man in a batik shirt with
    glasses, before the soft blue wall of the newsroom."""
    rng = random.Random(1301)
    w, h = SQUARE
    canvas = gradient(SQUARE, [(0.0, (120, 146, 168)), (1.0, (72, 96, 118))]).convert("RGBA")
    glow, gd = new_layer(SQUARE)
    gd.ellipse((120, 40, 680, 600), fill=(200, 216, 226, 90))
    compose(canvas, glow, blur=90)
    d = ImageDraw.Draw(canvas)
    cx, skin, hair = w / 2, (158, 112, 80), (28, 24, 24)
    # Shoulders in a brown batik shirt, its pattern rows of small light rings inside the shirt.
    shirt = (cx - 330, 560, cx + 330, h + 120)
    d.rounded_rectangle(shirt, radius=170, fill=(104, 62, 38))
    pattern, pd = new_layer(SQUARE)
    for row in range(4):
        for col in range(10):
            x, y = cx - 315 + col * 70 + (row % 2) * 35, 615 + row * 55
            pd.ellipse((x - 14, y - 14, x + 14, y + 14), outline=(214, 176, 112, 255), width=5)
    inside = Image.new("L", SQUARE, 0)
    ImageDraw.Draw(inside).rounded_rectangle(shirt, radius=170, fill=255)
    pattern.putalpha(ImageChops.multiply(pattern.getchannel("A"), inside))
    compose(canvas, pattern)
    d.polygon([(cx - 70, 560), (cx + 70, 560), (cx, 650)], fill=skin)  # the open collar
    d.polygon([(cx - 70, 560), (cx - 10, 650), (cx - 110, 610)], fill=(124, 78, 48))
    d.polygon([(cx + 70, 560), (cx + 10, 650), (cx + 110, 610)], fill=(124, 78, 48))
    d.rectangle((cx - 58, 470, cx + 58, 580), fill=(146, 102, 72))  # neck
    d.ellipse((cx - 170, 300, cx - 118, 400), fill=skin)  # ears
    d.ellipse((cx + 118, 300, cx + 170, 400), fill=skin)
    d.ellipse((cx - 140, 170, cx + 140, 520), fill=skin)  # face
    d.chord((cx - 150, 140, cx + 150, 380), 180, 360, fill=hair)  # hair
    d.rectangle((cx - 150, 255, cx - 128, 330), fill=hair)
    d.rectangle((cx + 128, 255, cx + 150, 330), fill=hair)
    for side in (-1, 1):
        ex = cx + side * 58
        d.line(
            [(ex - 34, 318), (ex + 30, 312)] if side < 0 else [(ex - 30, 312), (ex + 34, 318)],
            fill=hair,
            width=9,
        )  # brows
        d.ellipse((ex - 12, 340, ex + 12, 362), fill=(30, 24, 22))  # eyes
        d.rounded_rectangle((ex - 46, 322, ex + 46, 384), radius=16, outline=(40, 36, 34), width=6)
    d.line([(cx - 12, 350), (cx + 12, 350)], fill=(40, 36, 34), width=6)  # the glasses' bridge
    d.line([(cx, 372), (cx - 10, 420), (cx + 8, 424)], fill=(128, 86, 60), width=6)  # nose
    d.arc((cx - 52, 410, cx + 52, 470), 20, 160, fill=(110, 60, 50), width=7)  # a smile
    return finish(canvas, rng, grain=0.1, blur=0.9)


# --------------------------------------------------------------------------- main


SCENES: dict[str, Callable[[], Image.Image]] = {
    "2026/06/kebun-karet-tabalong.jpg": scene_rubber,
    "2026/07/sekolah-sampit.jpg": scene_school,
    "2026/08/pasar-terapung-lok-baintan.jpg": scene_market,
    "2026/08/karhutla-gambut-pulang-pisau.jpg": scene_peat_fire,
    "2026/09/kabut-asap-palangka-raya.jpg": scene_haze_city,
    "2026/09/lapangan-sepak-bola-barabai.jpg": scene_football,
    "2026/10/ruang-sidang-dprd-banjarmasin.jpg": scene_council,
    "2026/11/banjir-sungai-martapura.jpg": scene_flood,
    "2026/11/pengadilan-tipikor-banjarmasin.jpg": scene_courthouse,
    # The gallery of the verdict story.
    "2026/11/sidang-vonis-majelis-hakim.jpg": scene_verdict_bench,
    "2026/11/sidang-vonis-terdakwa.jpg": scene_verdict_defendant,
    "2026/11/sidang-vonis-pengunjung.jpg": scene_verdict_audience,
    # A writer's portrait (content/data/authors.yaml, `photo`).
    "staf/rahmat-hidayat.jpg": scene_portrait_editor,
}


def main() -> None:
    for rel, scene in SCENES.items():
        target = IMAGES / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        img = scene()
        img.save(target, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        size_kb = target.stat().st_size // 1024
        print(f"{target.relative_to(ROOT)}  {img.width}x{img.height}  {size_kb} KB")


if __name__ == "__main__":
    main()
