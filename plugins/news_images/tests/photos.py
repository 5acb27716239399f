"""Photos made for the tests with Pillow: a phone shot with GPS, a transparent logo, bad files."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

RED = (200, 30, 30)
BLUE = (30, 60, 200)
CAMERA = "WartaCam X1"
SERIAL = "SN-0042-RAHASIA"


def upright_two_tone(size: tuple[int, int]) -> Image.Image:
    """Red above, blue below: a picture whose right way up can be checked."""
    picture = Image.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, size[0], size[1] // 2))
    return picture


def phone_photo(path: Path, upright_size: tuple[int, int] = (800, 1200)) -> Path:
    """A JPEG stored sideways with EXIF Orientation=6, GPS, camera make and serial, and XMP."""
    stored = upright_two_tone(upright_size).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    exif[0x010F] = CAMERA  # Make
    exif.get_ifd(0x8769)[0xA431] = SERIAL  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (3.0, 19.0, 12.5)  # latitude: Banjarmasin
    gps[3], gps[4] = "E", (114.0, 35.0, 24.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/>' + CAMERA.encode() + b"</x:xmpmeta>"
    path.parent.mkdir(parents=True, exist_ok=True)
    stored.save(path, "JPEG", quality=90, exif=exif.tobytes(), xmp=xmp)
    return path


def transparent_png(path: Path, size: tuple[int, int] = (500, 300)) -> Path:
    logo = Image.new("RGBA", size, (0, 0, 0, 0))
    logo.paste((11, 93, 138, 255), (50, 50, size[0] - 50, size[1] - 50))
    path.parent.mkdir(parents=True, exist_ok=True)
    logo.save(path, "PNG")
    return path


def plain_photo(path: Path, size: tuple[int, int], fmt: str = "JPEG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    upright_two_tone(size).save(path, fmt)
    return path


def truncated_jpeg(path: Path) -> Path:
    whole = io.BytesIO()
    upright_two_tone((300, 200)).save(whole, "JPEG")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 3])
    return path


def text_bomb_png(path: Path) -> Path:
    """A 2 KB PNG whose zTXt chunk inflates to 2 MB, past Pillow's limit for one chunk."""
    whole = io.BytesIO()
    upright_two_tone((10, 10)).save(whole, "PNG")
    png = whole.getvalue()
    data = b"Comment\x00\x00" + zlib.compress(b"A" * 2_000_000, 9)
    chunk = (
        struct.pack(">I", len(data))
        + b"zTXt"
        + data
        + struct.pack(">I", zlib.crc32(b"zTXt" + data))
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png[:33] + chunk + png[33:])  # after the 8-byte signature and IHDR
    return path


def animated(path: Path, fmt: str) -> Path:
    """Two frames, red then blue, as an animated WebP or PNG (APNG)."""
    frames = [Image.new("RGB", (60, 40), colour) for colour in (RED, BLUE)]
    path.parent.mkdir(parents=True, exist_ok=True)
    frames[0].save(path, fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    return path
