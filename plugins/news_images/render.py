"""Pillow work on one photo: check it, turn it upright in sRGB, and write clean copies.

Everything here is pure of Pelican and runs in worker processes: `render` takes a `Job` and
returns a `Manifest` of the files it wrote, or a `Refusal` that says what is wrong with the photo.
Files are written to the job's cache folder, each under a temporary name and then renamed, so a
build that is stopped half-way never leaves a broken copy behind.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

from warta.messages import Hint, Text, t

# Pillow's names of the formats a photo may come in (MPO is how Pillow reads many phone JPEGs).
READABLE_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "TIFF", "AVIF")
READABLE_NAMES = t("JPEG, PNG, WebP, TIFF or AVIF")
# Bump when the rendering changes in a way the settings do not show, so caches are redone.
# 2: AVIF is encoded on one thread (its bytes depended on the machine's thread count).
PIPELINE_VERSION = 2
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
_ORIGINAL_FORMAT = {"MPO": "JPEG"}
_MANIFEST = "manifest.json"
_SRGB = ImageCms.createProfile("sRGB")
_EXPORT_AGAIN = t("export it again from the camera or photo editor as JPEG")
# What Pillow raises for a file it cannot read: its decoders report damage as OSError, and its
# plugins and the EXIF and text-chunk readers meet a crafted file with the others (a zTXt chunk
# that inflates past PngImagePlugin.MAX_TEXT_CHUNK is a ValueError). Image.open itself catches
# most of the same to try the next format; past it, they reach us.
_DECODER_ERRORS = (
    OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError, TypeError,
    ZeroDivisionError, OverflowError,
)  # fmt: skip
# The most pixels an encoder takes on a side (WebP's 16,383 is the first a tall or wide photo
# meets); a copy past it would fail half-way through the build.
MAX_SIDE = {"webp": 16_383, "jpeg": 65_500, "avif": 65_535, "png": 2**31 - 1, "tiff": 2**31 - 1}
FORMAT_NAMES = {"webp": "WebP", "jpeg": "JPEG", "avif": "AVIF", "png": "PNG", "tiff": "TIFF"}
# Formats whose files may hold an animation, by the name a writer knows them by; a phone's MPO
# holds several frames that are not one.
_ANIMATED_FORMATS = {"PNG": "PNG (APNG)", "WEBP": "WebP", "AVIF": "AVIF"}

Focus = tuple[int, int]
"""The crop centre in whole percent of the width and height: (50, 50) is the middle."""

CENTRE: Focus = (50, 50)

# The kind of a thumbnail rendition begins with this, then its size as asked: "thumb-160x120".
THUMBNAIL = "thumb-"


def thumbnail_size(kind: str) -> tuple[int, int]:
    """The size a thumbnail rendition of `kind` was asked for: "thumb-160x120" is (160, 120)."""
    width, height = kind.removeprefix(THUMBNAIL).split("x")
    return int(width), int(height)


@dataclass(frozen=True)
class Spec:
    """What to make of every photo; all of it but the limits and the thumbnails is part of the
    cache key. Thumbnails are kept beside the crops of each focus, like them made when missing
    (`Manifest.has`), so that adding or changing them leaves every other file, and its address
    in output/, as it was."""

    widths: tuple[int, ...]
    formats: tuple[str, ...]
    quality: tuple[tuple[str, int], ...]
    crops: tuple[tuple[str, int, int], ...]
    crop_quality: int
    original_quality: int
    max_pixels: int = field(compare=False)
    # Thumbnails for lists, cropped with the crops: (width, height) each, in every format.
    thumbnails: tuple[tuple[int, int], ...] = ()

    def fingerprint(self) -> bytes:
        """The settings that shape the output, with the versions that shape it too."""
        shaping = {
            "version": PIPELINE_VERSION,
            "pillow": PIL.__version__,
            "widths": self.widths,
            "formats": self.formats,
            "quality": self.quality,
            "crops": self.crops,
            "crop_quality": self.crop_quality,
            "original_quality": self.original_quality,
        }
        return json.dumps(shaping, sort_keys=True).encode()

    def quality_of(self, fmt: str) -> int:
        return dict(self.quality).get(fmt, 80)


@dataclass(frozen=True)
class Job:
    """One photo to render into its cache folder: copies, these crops, and maybe the original."""

    source: Path
    entry: Path
    spec: Spec
    focuses: tuple[Focus, ...] = ()
    original: bool = False


@dataclass(frozen=True)
class Rendition:
    """One file in a cache folder: its format (or crop name), size and file name."""

    kind: str
    format: str
    width: int
    height: int
    file: str
    # The file as written: length, modification time and SHA-256. A cached file of another
    # length, or of another time whose content differs, was cut short, damaged or replaced,
    # and the photo is rendered again (a hash only when the time differs: every build checks).
    bytes: int = -1
    mtime_ns: int = 0
    sha256: str = ""


@dataclass
class Manifest:
    """What a cache folder holds for one photo, saved beside the files as JSON."""

    width: int
    height: int
    transparent: bool
    colour: str
    source_format: str
    renditions: list[Rendition]
    crops: dict[str, list[Rendition]] = field(default_factory=dict)
    original: Rendition | None = None

    @property
    def pixels(self) -> int:
        return self.width * self.height

    def has(
        self,
        focuses: tuple[Focus, ...],
        original: bool,
        thumbnails: tuple[tuple[int, int], ...] = (),
    ) -> bool:
        """Whether this folder already holds these crops with these thumbnails and, if asked,
        the clean original."""
        return all(
            focus_label(focus) in self.crops and self.has_thumbnails(focus, thumbnails)
            for focus in focuses
        ) and (self.original is not None or not original)

    def has_thumbnails(self, focus: Focus, thumbnails: tuple[tuple[int, int], ...]) -> bool:
        """Whether the crops of `focus` hold exactly these thumbnails (width, height as asked;
        a small photo's are smaller, never enlarged)."""
        held = {
            thumbnail_size(item.kind)
            for item in self.crops.get(focus_label(focus), [])
            if item.kind.startswith(THUMBNAIL)
        }
        return held == set(thumbnails)

    def save(self, entry: Path) -> None:
        _write_atomically(entry / _MANIFEST, json.dumps(asdict(self), indent=1).encode())

    @classmethod
    def load(cls, entry: Path) -> Manifest | None:
        """The manifest in `entry`, or None when there is none (or it cannot be trusted)."""
        try:
            data = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
            manifest = cls(
                width=data["width"],
                height=data["height"],
                transparent=data["transparent"],
                colour=data["colour"],
                source_format=data["source_format"],
                renditions=[Rendition(**item) for item in data["renditions"]],
                crops={
                    label: [Rendition(**item) for item in items]
                    for label, items in data["crops"].items()
                },
                original=Rendition(**data["original"]) if data["original"] else None,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        files = [*manifest.renditions, *(r for rs in manifest.crops.values() for r in rs)]
        if manifest.original:
            files.append(manifest.original)
        return manifest if all(_intact(entry / item.file, item) for item in files) else None


def _intact(path: Path, rendition: Rendition) -> bool:
    try:
        status = path.stat()
        if status.st_size != rendition.bytes:
            return False
        if status.st_mtime_ns == rendition.mtime_ns:
            return True
        return hashlib.sha256(path.read_bytes()).hexdigest() == rendition.sha256
    except OSError:
        return False


@dataclass(frozen=True)
class Refusal:
    """Why a photo cannot be published, as a message and a hint for the reporter."""

    message: Text
    hint: Hint


class PhotoRefused(ValueError):
    """Raised inside `render` for a bad photo; `render` turns it into a `Refusal`."""

    def __init__(self, message: Text, hint: Hint) -> None:
        super().__init__(str(message))
        self.refusal = Refusal(message, hint)


def available_formats(wanted: list[str]) -> tuple[str, ...]:
    """The wanted formats this Pillow can write, with the JPEG/PNG fallback always last."""
    writable = [
        fmt for fmt in wanted if fmt != "jpeg" and (fmt != "avif" or features.check("avif"))
    ]
    return (*dict.fromkeys(writable), "jpeg")


def focus_label(focus: Focus) -> str:
    return f"{focus[0]}-{focus[1]}"


def to_focus(fractions: tuple[float, float] | None) -> Focus:
    """`ImageFocus` fractions as whole percent: finer steps would not move a crop visibly."""
    if fractions is None:
        return CENTRE
    return round(fractions[0] * 100), round(fractions[1] * 100)


def target_widths(source_width: int, widths: tuple[int, ...]) -> list[int]:
    """The configured widths the photo can fill, or its own width when it fills none."""
    fitting = sorted(width for width in set(widths) if width <= source_width)
    return fitting or [source_width]


def scaled_height(width: int, height: int, new_width: int) -> int:
    return max(1, round(height * new_width / width))


def crop_box(
    size: tuple[int, int], aspect: tuple[int, int], focus: Focus
) -> tuple[int, int, int, int]:
    """The largest box of the given aspect ratio in `size`, as near centred on `focus` as fits."""
    width, height = size
    ratio = aspect[0] / aspect[1]
    if width / height > ratio:
        box_w, box_h = max(1, round(height * ratio)), height
    else:
        box_w, box_h = width, max(1, round(width / ratio))
    left = round(focus[0] / 100 * width - box_w / 2)
    top = round(focus[1] / 100 * height - box_h / 2)
    left = min(max(left, 0), width - box_w)
    top = min(max(top, 0), height - box_h)
    return left, top, left + box_w, top + box_h


def render(job: Job) -> Manifest | Refusal:
    """Render `job` into its cache folder; a bad photo gives a Refusal, never an exception."""
    try:
        photo, source_format = _open(job.source, job.spec.max_pixels)
        _check_encodable(photo, source_format, job)
    except PhotoRefused as refused:
        return refused.refusal
    job.entry.mkdir(parents=True, exist_ok=True)
    try:
        manifest = Manifest.load(job.entry) or _render_copies(photo, source_format, job)
        for focus in job.focuses:
            label = focus_label(focus)
            if label not in manifest.crops:
                manifest.crops[label] = _render_crops(photo, focus, job)
            elif not manifest.has_thumbnails(focus, job.spec.thumbnails):
                # Crops made before these thumbnails were asked for stay as they are.
                social = [
                    item for item in manifest.crops[label] if not item.kind.startswith(THUMBNAIL)
                ]
                manifest.crops[label] = social + _render_thumbnails(_flatten(photo), focus, job)
        if job.original and manifest.original is None:
            manifest.original = _render_original(photo, source_format, job)
    except _DECODER_ERRORS as error:
        # An encoder that fails on a photo the checks passed: refused, never a crash. Files it
        # wrote are whole (each renamed into place), and without a manifest none is used.
        return Refusal(
            t("cannot be written as a web copy ({error})", error=str(error)), _EXPORT_AGAIN
        )
    manifest.save(job.entry)
    return manifest


def probe(job: Job) -> Refusal | None:
    """What `render` would refuse about the photo, found by decoding it without writing any copy
    (`warta check`): the same checks, so a check and a build agree on every photo."""
    try:
        photo, source_format = _open(job.source, job.spec.max_pixels)
        _check_encodable(photo, source_format, job)
    except PhotoRefused as refused:
        return refused.refusal
    return None


def _check_encodable(photo: Image.Image, source_format: str, job: Job) -> None:
    """PhotoRefused when a copy the build would make of `photo` is past its encoder's limit on
    a side: a photo of 1 × 60,000 px has copies 1 px wide and 60,000 high, which WebP cannot
    hold. Crops are at most the configured sizes, which the settings bound."""
    sizes: list[tuple[str, int, int]] = []
    transparent = photo.mode == "RGBA"
    for width in target_widths(photo.width, job.spec.widths):
        height = scaled_height(photo.width, photo.height, width)
        for fmt in job.spec.formats:
            sizes.append(("png" if fmt == "jpeg" and transparent else fmt, width, height))
    if job.original:
        fmt = _ORIGINAL_FORMAT.get(source_format, source_format).lower()
        sizes.append((fmt, photo.width, photo.height))
    for fmt, width, height in sizes:
        limit = MAX_SIDE.get(fmt, MAX_SIDE["webp"])
        if max(width, height) > limit:
            name = FORMAT_NAMES.get(fmt, fmt.upper())
            raise PhotoRefused(
                t(
                    "is {width:,} × {height:,} px: its {format} copy would be {copy_width:,} × "
                    "{copy_height:,} px, past the {limit:,} px {format} allows on a side",
                    width=photo.width,
                    height=photo.height,
                    format=name,
                    copy_width=width,
                    copy_height=height,
                    limit=limit,
                ),
                t("crop it to a less extreme shape, or scale it down"),
            )


def _open(source: Path, max_pixels: int) -> tuple[Image.Image, str]:
    """The photo decoded, upright and in sRGB, or PhotoRefused saying what is wrong."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise over_limit(max_pixels) from None
    except UnidentifiedImageError:
        raise PhotoRefused(
            t("is not a picture in a format Warta reads ({formats})", formats=READABLE_NAMES),
            _EXPORT_AGAIN,
        ) from None
    except OSError as error:
        raise PhotoRefused(
            t("cannot be read ({error})", error=str(error.strerror or error)), t("check the file")
        ) from None
    except _DECODER_ERRORS as error:
        raise PhotoRefused(
            t("is damaged or crafted ({error})", error=str(error)), _EXPORT_AGAIN
        ) from None
    # Closed once decoded or refused: a file of several frames stays open until then.
    with image:
        return _decode(image, max_pixels)


def _decode(image: Image.Image, max_pixels: int) -> tuple[Image.Image, str]:
    """An opened photo checked and decoded, upright and in sRGB."""
    source_format = str(image.format)
    if source_format not in READABLE_FORMATS:
        raise PhotoRefused(
            t("is a {format} file, a format Warta does not publish", format=source_format),
            t("save it as {formats}", formats=READABLE_NAMES),
        )
    if image.width * image.height > max_pixels:
        raise over_limit(max_pixels)
    if source_format in _ANIMATED_FORMATS and getattr(image, "is_animated", False):
        raise PhotoRefused(
            t(
                "is an animated {format}: Warta publishes still photos, as it does with GIF",
                format=_ANIMATED_FORMATS[source_format],
            ),
            t("save one frame as a photo, or publish the animation as a video"),
        )
    try:
        image.load()
        return _upright_srgb(image), source_format
    except _DECODER_ERRORS as error:
        # Pillow reports a cut-off or damaged file as OSError; some decoders use the others.
        raise PhotoRefused(
            t("is truncated or corrupt ({error})", error=str(error)), _EXPORT_AGAIN
        ) from None
    except MemoryError:
        raise PhotoRefused(
            t("is too large to decode in the memory this machine has"),
            t("scale it down, or lower WARTA_IMAGES_MAX_PIXELS or WARTA_IMAGES_WORKERS"),
        ) from None


def over_limit(max_pixels: int) -> PhotoRefused:
    return PhotoRefused(
        t(
            "has more pixels than the limit of {megapixels:g} megapixels",
            megapixels=max_pixels / 1e6,
        ),
        t("scale it down before publishing, or raise WARTA_IMAGES_MAX_PIXELS"),
    )


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _upright_srgb(image: Image.Image) -> Image.Image:
    """The picture turned as its EXIF orientation says, in sRGB, with no metadata attached."""
    upright = ImageOps.exif_transpose(image)
    alpha = None
    if _has_alpha(upright):
        with_alpha = upright.convert("RGBA")
        alpha = with_alpha.getchannel("A")
        colour = with_alpha.convert("RGB")
        if alpha.getextrema()[0] == 255:
            alpha = None
    elif upright.mode.startswith("I") or upright.mode == "F":
        # 16-bit and float greys: scaled into 8 bits rather than clipped to white.
        colour = upright.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif upright.mode in ("RGB", "L", "CMYK"):
        colour = upright
    else:
        colour = upright.convert("RGB")
    clean = _to_srgb(colour, image.info.get("icc_profile"))
    if alpha is not None:
        clean.putalpha(alpha)
    clean.info = {}
    return clean


def _to_srgb(colour: Image.Image, profile: bytes | None) -> Image.Image:
    """RGB in sRGB: through the embedded ICC profile when there is one that can be read."""
    if profile:
        try:
            embedded = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if not ImageCms.getProfileDescription(embedded).strip().startswith("sRGB"):
                converted = ImageCms.profileToProfile(colour, embedded, _SRGB, outputMode="RGB")
                if converted is not None:
                    return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            # An unreadable or mismatched profile: treat the pixels as sRGB, as browsers do.
            pass
    return colour.convert("RGB")


def _render_copies(photo: Image.Image, source_format: str, job: Job) -> Manifest:
    spec = job.spec
    transparent = photo.mode == "RGBA"
    renditions = []
    for width in target_widths(photo.width, spec.widths):
        height = scaled_height(photo.width, photo.height, width)
        sized = (
            photo
            if width == photo.width
            else photo.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        for fmt in spec.formats:
            written = "png" if fmt == "jpeg" and transparent else fmt
            name = f"{width}.{'jpg' if written == 'jpeg' else written}"
            stamp = _save(sized, job.entry / name, written, spec)
            renditions.append(Rendition("copy", written, width, height, name, *stamp))
    return Manifest(
        width=photo.width,
        height=photo.height,
        transparent=transparent,
        colour=dominant_colour(photo),
        source_format=source_format,
        renditions=renditions,
    )


def _render_crops(photo: Image.Image, focus: Focus, job: Job) -> list[Rendition]:
    """The social crops (JPEG, for every client) and the list thumbnails (every format, as the
    page's other photos) of the photo around `focus`."""
    opaque = _flatten(photo)
    crops = []
    for name, width, height in job.spec.crops:
        cropped, size = _cropped(opaque, width, height, focus)
        file = f"crop-{name}-{focus_label(focus)}.jpg"
        stamp = _save(cropped, job.entry / file, "jpeg", job.spec, job.spec.crop_quality)
        crops.append(Rendition(name, "jpeg", size[0], size[1], file, *stamp))
    return crops + _render_thumbnails(opaque, focus, job)


def _render_thumbnails(opaque: Image.Image, focus: Focus, job: Job) -> list[Rendition]:
    """The list thumbnails of the photo around `focus`, in every format of the page's photos."""
    thumbnails = []
    for width, height in job.spec.thumbnails:
        cropped, size = _cropped(opaque, width, height, focus)
        for fmt in job.spec.formats:
            suffix = "jpg" if fmt == "jpeg" else fmt
            kind = f"{THUMBNAIL}{width}x{height}"
            file = f"{kind}-{focus_label(focus)}.{suffix}"
            stamp = _save(cropped, job.entry / file, fmt, job.spec)
            thumbnails.append(Rendition(kind, fmt, size[0], size[1], file, *stamp))
    return thumbnails


def _cropped(
    opaque: Image.Image, width: int, height: int, focus: Focus
) -> tuple[Image.Image, tuple[int, int]]:
    """The largest `width`:`height` box around `focus`, scaled to that size (never enlarged)."""
    box = crop_box(opaque.size, (width, height), focus)
    box_w = box[2] - box[0]
    size = (width, height) if box_w >= width else (box_w, box[3] - box[1])
    return opaque.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0), size


def _render_original(photo: Image.Image, source_format: str, job: Job) -> Rendition:
    fmt = _ORIGINAL_FORMAT.get(source_format, source_format).lower()
    file = f"original.{fmt}"
    if fmt == "jpeg" and photo.mode == "RGBA":
        photo = _flatten(photo)
    stamp = _save(photo, job.entry / file, fmt, job.spec, job.spec.original_quality)
    return Rendition("original", fmt, photo.width, photo.height, file, *stamp)


def _flatten(photo: Image.Image) -> Image.Image:
    """The photo on white, for formats and cards that take no transparency."""
    if photo.mode != "RGBA":
        return photo
    flat = Image.new("RGB", photo.size, (255, 255, 255))
    flat.paste(photo, mask=photo.getchannel("A"))
    return flat


def dominant_colour(photo: Image.Image) -> str:
    """The most common of a few representative colours, as #rrggbb, to fill the space early."""
    small = _flatten(photo).copy()
    small.thumbnail((64, 64))
    palette_image = small.quantize(colors=5, method=Image.Quantize.MEDIANCUT)
    palette: list[int] = palette_image.getpalette() or [0, 0, 0]
    counts: list[tuple[int, int]] = palette_image.getcolors() or [(1, 0)]  # type: ignore[assignment]
    index = max(counts)[1]
    red, green, blue = palette[index * 3 : index * 3 + 3]
    return f"#{red:02x}{green:02x}{blue:02x}"


def _save(
    image: Image.Image, target: Path, fmt: str, spec: Spec, quality: int | None = None
) -> tuple[int, int, str]:
    """Encode with no metadata at all (`image.info` is empty and nothing else is passed);
    returns the file's length, modification time and SHA-256."""
    quality = quality if quality is not None else spec.quality_of(fmt)
    options: dict[str, Any] = {}
    if fmt == "avif":
        # One encoder thread, always: libavif's output depends on its thread count (a grainy
        # 720 px photo differs between 1 and 2 threads), and a build's files must be the same
        # on any machine, serial or parallel. Parallel builds use every core with processes.
        options = {"quality": quality, "speed": 8, "max_threads": 1}
    elif fmt == "webp":
        options = {"quality": quality, "method": 4}
    elif fmt == "jpeg":
        options = {"quality": quality, "optimize": True, "progressive": True}
    elif fmt == "png":
        options = {"optimize": True}
    elif fmt == "tiff":
        options = {"compression": "tiff_lzw"}
    buffer = io.BytesIO()
    image.info = {}
    image.save(buffer, fmt.upper(), **options)
    data = buffer.getvalue()
    _write_atomically(target, data)
    return len(data), target.stat().st_mtime_ns, hashlib.sha256(data).hexdigest()


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)
