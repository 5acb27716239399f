"""Photos: every photo a post shows is copied into content/images/, or named with its line.

WordPress shows one upload at many addresses: in the uploads folder, on files.wordpress.com,
through Jetpack's CDN (i0.wp.com/<site>/...), and as resized copies (`-300x200.jpg`). Each is
traced back to the upload's original, which is copied from the uploads folder or, when asked,
fetched from the old site (its own host only, bounded in time and size). Every file is opened
with Pillow before it is kept: the build refuses a damaged photo, and reads no GIF, so a GIF is
kept as PNG. A photo that cannot be had leaves the body, with a mark at its line, so no page
loads a photo from a host the site's Content-Security-Policy (`img-src 'self'`) blocks.
"""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import unquote, urljoin, urlsplit

from newsroom_model import gallery as galleries
from PIL import Image, UnidentifiedImageError

from warta.messages import Text, joined

from . import messages
from .files import Outcome, PathRefused, Writer, inside
from .markdown import GALLERY_SPOT, markdown_url
from .messages import REFUSED_PATHS, Note
from .posts import ImportedPost
from .shortcodes import PHOTO_SUFFIXES
from .text import shorten

# Formats the build reads (news_images); any other that Pillow opens is kept as PNG.
BUILD_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "TIFF", "AVIF"})
_JETPACK_CDN = re.compile(r"^i[0-9]\.wp\.com$")
_RESIZED = re.compile(r"^(?P<stem>.+)-[0-9]{2,5}x[0-9]{2,5}(?P<suffix>\.[A-Za-z0-9]{2,5})$")
_UPLOADS = "/wp-content/uploads/"
# Fetching from the old site: long enough for a slow host, small enough for a photo.
FETCH_TIMEOUT = 20.0
FETCH_MAX_BYTES = 25_000_000


@dataclass(frozen=True)
class Traced:
    """An upload: its path below the uploads folder and its path on its site (the original
    first, when the address named a resized copy), and whether that site is the old site (the
    only one photos are fetched from; an upload of an earlier domain may be in the folder)."""

    candidates: tuple[PurePosixPath, ...]
    site_paths: tuple[str, ...]
    own: bool = True
    host: str = ""


@dataclass(frozen=True)
class Had:
    """A photo copied into the content folder: where it is, and how it was had."""

    relative: PurePosixPath
    how: str
    note: Text | Literal[""] = ""


@dataclass(frozen=True)
class Missing:
    """A photo that could not be had, and why."""

    why: Text


def own_hosts(addresses: tuple[str, ...]) -> frozenset[str]:
    """The old site's hosts, from the export's own addresses, with and without `www.`."""
    hosts: set[str] = set()
    for address in addresses:
        try:
            host = (urlsplit(address.strip()).hostname or "").lower()
        except ValueError:
            continue
        if host and host != "wordpress.com":
            hosts.update({host, host.removeprefix("www."), "www." + host.removeprefix("www.")})
    return frozenset(hosts)


def trace(address: str, hosts: frozenset[str]) -> Traced | Missing:
    """Where an upload of the old site is, whatever form its address takes; Missing (with the
    reason) for a photo on another site or one that is not an upload."""
    written = address.strip()
    if written.startswith("//"):
        written = "https:" + written
    try:
        parts = urlsplit(written)
        host = (parts.hostname or "").lower()
    except ValueError:
        return Missing(messages.PHOTO_BAD_ADDRESS)
    path = unquote(parts.path)
    if _JETPACK_CDN.match(host):
        # Jetpack's CDN: i0.wp.com/<site host>/<path>?resize=...; the query only resizes.
        site_host, _, rest = path.lstrip("/").partition("/")
        host, path = site_host.lower(), "/" + rest
    # An export that names no address of its site leaves every host possibly its own.
    own = not host or not hosts or host in hosts
    if host.endswith(".files.wordpress.com"):
        name = host.removesuffix(".files.wordpress.com")
        own = any(known in (f"{name}.wordpress.com", host) for known in hosts)
        relative = path.lstrip("/")
    elif _UPLOADS in "/" + path.lstrip("/"):
        relative = ("/" + path.lstrip("/")).split(_UPLOADS, 1)[1]
    elif path.startswith("/files/") and own:  # a multisite's uploads before WordPress 3.5
        relative = path.removeprefix("/files/")
    elif host and (not own or not hosts):
        return Missing(messages.PHOTO_OTHER_SITE.fill(host=shorten(host, 60)))
    else:
        return Missing(messages.PHOTO_NOT_UPLOAD)
    site_path = "/" + path.lstrip("/")
    upload = PurePosixPath(relative)
    candidates, site_paths = [upload], [site_path]
    if resized := _RESIZED.match(upload.name):
        original = upload.with_name(resized["stem"] + resized["suffix"])
        candidates.insert(0, original)
        site_paths.insert(0, site_path[: -len(upload.name)] + original.name)
    return Traced(tuple(candidates), tuple(site_paths), own, host)


class _RedirectedAway(urllib.error.HTTPError):
    """A redirect to another host, refused; `text` says so in the site's language."""

    def __init__(self, url: str, code: int, text: Text, headers: Any, fp: Any) -> None:
        super().__init__(url, code, str(text), headers, fp)
        self.text = text


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the host photos are fetched from."""

    def __init__(self, netloc: str) -> None:
        self.netloc = netloc

    def redirect_request(  # noqa: PLR0917 - urllib's signature
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        target = urlsplit(urljoin(req.full_url, newurl))
        if target.netloc.lower() != self.netloc or target.scheme not in ("http", "https"):
            raise _RedirectedAway(
                req.full_url,
                code,
                messages.PHOTO_REDIRECTED.fill(host=target.hostname),
                headers,
                fp,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class PhotoSource:
    """Where the import gets photos: the uploads folder, then (when given) the old site."""

    uploads: Path | None
    hosts: frozenset[str]
    fetch_from: str = ""
    max_pixels: int = 100_000_000
    timeout: float = FETCH_TIMEOUT
    max_bytes: int = FETCH_MAX_BYTES
    found: dict[str, Had | Missing] = field(default_factory=dict)
    fetched: int = 0

    def __post_init__(self) -> None:
        # Only the host (and port) the editor named: a redirect elsewhere is not followed.
        fetch_at = urlsplit(self.fetch_from).netloc.lower() if self.fetch_from else ""
        self._opener = (
            urllib.request.build_opener(_SameHostRedirects(fetch_at)) if fetch_at else None
        )

    def have(self, address: str, writer: Writer, outcome: Outcome, subject: str) -> Had | Missing:
        """The photo at `address` in content/images/, copied once however often it is named."""
        if address not in self.found:
            self.found[address] = self._have(address, writer, outcome, subject)
        return self.found[address]

    def _have(self, address: str, writer: Writer, outcome: Outcome, subject: str) -> Had | Missing:
        traced = trace(address, self.hosts)
        if isinstance(traced, Missing):
            return traced
        reasons: list[Text] = []
        for relative, site_path in zip(traced.candidates, traced.site_paths, strict=True):
            if relative.suffix.lower() not in PHOTO_SUFFIXES:
                return Missing(messages.PHOTO_NOT_A_PHOTO.fill(suffix=shorten(relative.suffix, 20)))
            data, how = self._read(relative, outcome, subject, reasons)
            if data is None and self._opener is not None and traced.own:
                data, how = self._fetch(site_path, reasons)
            if data is None:
                continue
            checked = self._check(data, relative)
            if isinstance(checked, Missing):
                reasons.append(checked.why)
                continue
            kept, note = checked
            target = relative.with_suffix(".png") if note else relative
            if not writer.put(PurePosixPath("images") / target, kept, outcome, subject):
                return Missing(messages.PHOTO_NOT_WRITTEN)
            if how == "fetched":
                self.fetched += 1
            return Had(target, how, note)
        if not traced.own:
            reasons.insert(0, messages.PHOTO_OTHER_SITE.fill(host=shorten(traced.host, 60)))
        if not reasons:
            return Missing(messages.PHOTO_NO_SOURCE)
        return Missing(joined(list(dict.fromkeys(reasons))))

    def _read(
        self, relative: PurePosixPath, outcome: Outcome, subject: str, reasons: list[Text]
    ) -> tuple[bytes | None, str]:
        if self.uploads is None:
            if self._opener is None:
                reasons.append(messages.PHOTO_NO_UPLOADS)
            return None, ""
        try:
            source = inside(self.uploads, relative)
        except PathRefused as refusal:
            message = messages.PATH_NOT_READ.fill(
                path=shorten(str(relative), 120), folder=str(self.uploads), refusal=refusal.text
            )
            outcome.notes.append(Note(REFUSED_PATHS, subject, message))
            reasons.append(messages.PHOTO_REFUSED)
            return None, ""
        try:
            if source.is_file():
                return source.read_bytes(), "copied"
        except OSError as error:
            reasons.append(messages.PHOTO_UNREADABLE.fill(error=error.strerror or str(error)))
            return None, ""
        reasons.append(messages.PHOTO_NOT_IN_UPLOADS)
        return None, ""

    def _fetch(self, site_path: str, reasons: list[Text]) -> tuple[bytes | None, str]:
        assert self._opener is not None
        url = self.fetch_from.rstrip("/") + site_path
        request = urllib.request.Request(url, headers={"User-Agent": "warta-import-wordpress"})  # noqa: S310 - http(s) only, checked by the caller's option
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                length = answer.headers.get("Content-Length", "")
                if length.isdigit() and int(length) > self.max_bytes:
                    reasons.append(messages.PHOTO_TOO_BIG.fill(limit=self.max_bytes))
                    return None, ""
                data = answer.read(self.max_bytes + 1)
        except urllib.error.HTTPError as error:
            said = error.text if isinstance(error, _RedirectedAway) else str(error.reason)
            failed = messages.PHOTO_FETCH_ERROR.fill(code=error.code, reason=said)
            reasons.append(messages.PHOTO_FETCH_FAILED.fill(error=failed))
            return None, ""
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            reasons.append(messages.PHOTO_FETCH_FAILED.fill(error=shorten(str(reason), 80)))
            return None, ""
        if len(data) > self.max_bytes:
            reasons.append(messages.PHOTO_TOO_BIG.fill(limit=self.max_bytes))
            return None, ""
        return data, "fetched"

    def _check(
        self, data: bytes, relative: PurePosixPath
    ) -> tuple[bytes, Text | Literal[""]] | Missing:
        """The file as the build will take it: a photo Pillow reads whole, of no more pixels
        than the build allows, in a format the build reads (else as PNG, said in a note)."""
        try:
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > self.max_pixels:
                    return Missing(
                        messages.PHOTO_TOO_MANY_PIXELS.fill(
                            width=image.width, height=image.height, limit=self.max_pixels
                        )
                    )
                if image.format in BUILD_FORMATS:
                    return data, ""
                image.seek(0)
                converted = io.BytesIO()
                frame = image.convert(
                    "RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB"
                )
                frame.save(converted, "PNG")
                note = messages.PHOTO_CONVERTED.fill(format=image.format or "?")
                return converted.getvalue(), note
        except (
            UnidentifiedImageError,
            OSError,
            ValueError,
            SyntaxError,
            Image.DecompressionBombError,
        ):
            return Missing(messages.PHOTO_DAMAGED)


def mark(address: str) -> str:
    """The HTML comment left where a photo could not be had: nothing a reader sees, and nothing
    that could end the comment early."""
    shown = markdown_url(shorten(address, 300)).replace("--", "-%2D")
    return f"<!-- {messages.PHOTO_MARK.fill(address=shown)} -->"


def without_photo(markdown: str, address: str, marker: str) -> str:
    """The Markdown with each photo the writer made of `address` (`![alt](address)` or
    `[Foto](address)`, alone or as the text of a link) replaced by `marker`.

    Found by its exact `](address)` and a walk back over its alt text, where the writer
    escaped every bracket: linear in the body, whatever brackets a hostile post holds.
    """
    needle = f"]({address})"
    pieces: list[str] = []
    position = 0
    while (end := markdown.find(needle, position)) >= 0:
        start = end - 1
        while start >= position and not (markdown[start] == "[" and _unescaped(markdown, start)):
            start -= 1
        if start < position:
            pieces.append(markdown[position : end + len(needle)])
            position = end + len(needle)
            continue
        if start > 0 and markdown[start - 1] == "!":
            start -= 1
        stop = end + len(needle)
        # A photo that was a link's text: the link goes with it.
        if start > 0 and markdown[start - 1] == "[" and markdown.startswith("](", stop):
            closing = markdown.find(")", stop)
            if closing > 0 and " " not in markdown[stop:closing]:
                start, stop = start - 1, closing + 1
        pieces += [markdown[position:start], marker]
        position = stop
    pieces.append(markdown[position:])
    return "".join(pieces)


def _unescaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 0


def place_photos(post: ImportedPost, source: PhotoSource, writer: Writer, outcome: Outcome) -> None:
    """Every photo of the post copied and linked from content/images/, or marked and listed."""
    subject = post.subject
    for address in post.body_photos:
        if address.lower().startswith("data:"):
            continue  # in the page itself: the policy allows data: photos
        got = source.have(address, writer, outcome, subject)
        if isinstance(got, Had):
            static = markdown_url(f"{{static}}/images/{got.relative.as_posix()}")
            post.body = post.body.replace(f"]({address})", f"]({static})")
            if got.note:
                post.notes.append(
                    Note(
                        messages.CHANGED_VALUES,
                        subject,
                        messages.PHOTO_KEPT_AS_PNG.fill(
                            address=shorten(address, 120), note=got.note
                        ),
                    )
                )
        else:
            marker = mark(address)
            post.body = without_photo(post.body, address, marker)
            post.missing.append(
                (
                    marker,
                    messages.MISSING_BODY_PHOTO.fill(address=shorten(address, 120), why=got.why),
                )
            )
    post.body = _finish_galleries(post, source, writer, outcome)
    if post.featured is not None:
        featured = post.featured
        got = source.have(featured.address, writer, outcome, subject)
        if isinstance(got, Missing):
            post.notes.append(
                Note(
                    messages.MISSING_PHOTOS,
                    f"{subject}:1",
                    messages.MISSING_FEATURED.fill(
                        address=shorten(featured.address, 120), why=got.why
                    ),
                )
            )
            return
        post.put("Image", f"images/{got.relative.as_posix()}", before="Status")
        post.put("ImageAlt", featured.alt, before="Status")
        if featured.caption:
            post.put("ImageCaption", featured.caption, before="Status")
        if featured.credit:
            post.put("ImageCredit", featured.credit, before="Status")
        if featured.alt_from_title:
            post.notes.append(
                Note(
                    messages.MISSING_ALT,
                    post.item.label,
                    messages.FEATURED_ALT_FROM_TITLE.fill(
                        name=shorten(got.relative.name, 80), alt=featured.alt
                    ),
                )
            )


def _finish_galleries(
    post: ImportedPost, source: PhotoSource, writer: Writer, outcome: Outcome
) -> str:
    """The body with each gallery token replaced by its `::: galeri` block, of the photos that
    could be had; a mark above the block for each that could not (a gallery with none is
    left out, its marks kept)."""

    def block(match: re.Match[str]) -> str:
        index = int(match[1])
        if index >= len(post.galleries):
            return ""
        gallery = post.galleries[index]
        lines, marks = [], []
        for photo in gallery.photos:
            got = source.have(photo.address, writer, outcome, post.subject)
            if isinstance(got, Had):
                path = markdown_url("/images/" + got.relative.as_posix())
                lines.append(galleries.photo_line(path, photo.alt, photo.caption, photo.credit))
            else:
                marker = mark(photo.address)
                marks.append(marker)
                why = messages.MISSING_GALLERY_PHOTO.fill(
                    address=shorten(photo.address, 120), why=got.why
                )
                post.missing.append((marker, why))
        post.gallery_photos += len(lines)
        if not lines:
            post.notes.append(Note(messages.MISSING_PHOTOS, post.subject, messages.EMPTY_GALLERY))
            return "\n\n".join(marks)
        post.gallery_count += 1
        return "\n\n".join([*marks, galleries.block(lines, gallery.title)])

    return GALLERY_SPOT.sub(block, post.body)
