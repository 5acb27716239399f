"""Shortcodes and blocks: WordPress's bracketed codes, paragraphs and embeds made plain HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from warta.embeds import recognise
from warta.messages import Text

from . import messages
from .text import field_text, header_value, shorten
from .wxr import Item

# Every pattern below runs over text from the export, which may be hostile. Each is written so a
# failed match cannot backtrack: possessive quantifiers, and classes that stop at the next bracket,
# so an unclosed "[" or "<" costs one scan to the next one, and a post converts in linear time.
_SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*+)([^\[\]]*+)\]")
_OLD_CAPTION = re.compile(r'caption="([^"]*+)"')
_CAPTIONED = re.compile(
    r"\s*+(?P<media>(?:<a\b[^>]*+>\s*+)?<img\b[^>]*+>(?:\s*+</a>)?)(?P<words>.*)", re.S
)
# Shortcodes WordPress ships; any other bracketed word is one only with attributes or a closing
# tag, so editorial brackets such as "[sic]" stay in the text.
_CORE_SHORTCODES = frozenset({"gallery", "audio", "video", "playlist", "embed", "caption"})
BARE_URL_LINE = re.compile(r"^[ \t]*+(https?://[^\s<>\"]++)[ \t]*+$", re.M)
_PARAGRAPH_BREAK = re.compile(r"(\n[^\S\n]*+\n\s*+)")
_PRE_OPEN = re.compile(r"<pre[\s>]", re.I)
_PRE_CLOSE = re.compile(r"</pre\s*+>", re.I)
_BLOCK_START = re.compile(
    r"<(?:!--|(?:p|div|h[1-6]|ul|ol|li|dl|blockquote|figure|table|pre|hr|iframe|section|details"
    r"|audio|video|form|article|aside|header|footer|nav|address)\b)",
    re.I,
)
BLOCK_COMMENT = re.compile(r"\s*+wp:([a-z][a-z0-9_-]*+(?:/[a-z][a-z0-9_-]*+)?)")
_PHP_CREDIT = re.compile(r's:6:"credit";s:\d++:"(?P<credit>[^"]*+)"')
_SHORTCODE_ATTRIBUTE = re.compile(r"""([a-z_]++)\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s"']++))""")
# Photo files, by suffix; any other attachment (a PDF, a sound) is no gallery photo.
PHOTO_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff"}
)
_ID_LIST = re.compile(r"[0-9]{1,20}")

# Gutenberg blocks whose saved HTML converts to Markdown that keeps what the reader saw. Any other
# block (latest posts, archives, social links, plugin blocks, ...) is listed in the report.
CONVERTED_BLOCKS = frozenset(
    {
        "paragraph", "heading", "list", "list-item", "quote", "pullquote", "table", "separator",
        "spacer", "code", "preformatted", "verse", "image", "gallery", "columns", "column",
        "group", "cover", "media-text", "buttons", "button", "audio", "video", "file",
        "details", "embed", "html", "freeform", "shortcode", "more", "nextpage",
        "text-columns", "subhead", "jetpack/slideshow", "jetpack/tiled-gallery",
    }
)  # fmt: skip


def autop(text: str) -> str:
    """Paragraphs for classic-editor posts, which WordPress stores as text with blank lines.

    As in WordPress's wpautop, a `<pre>` keeps its blank lines: its text is never split.
    """
    pieces = _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n"))
    blocks: list[str] = []
    current: list[str] = []
    open_pre = 0
    # re.split with a group alternates text and the blank lines between.
    for index, piece in enumerate(pieces):
        if index % 2 and open_pre <= 0:
            blocks.append("".join(current).strip())
            current = []
            continue
        current.append(piece)
        if not index % 2:
            opened = len(_PRE_OPEN.findall(piece)) - len(_PRE_CLOSE.findall(piece))
            open_pre = max(0, open_pre + opened)
    blocks.append("".join(current).strip())
    return "\n".join(
        block if _BLOCK_START.match(block) else f"<p>{block}</p>" for block in blocks if block
    )


def video_link(url: str) -> str | None:
    """The post a video player, an embed or a link shows, as its own address; None for other
    addresses. A player's address may leave out the scheme ("//www.youtube.com/embed/...")."""
    embed = recognise(f"https:{url.strip()}" if url.strip().startswith("//") else url)
    return embed.link if embed is not None else None


def link_paragraph(url: str) -> str:
    link = html.escape(video_link(url) or url, quote=True)
    return f'<p><a href="{link}">{link}</a></p>'


def _paired(text: str, name: str, render: Callable[[str, str], str]) -> str:
    """`[name attributes]inner[/name]` replaced by render(attributes, inner), in one pass.

    A closing tag pairs with the nearest opening before it; an opening never closed stays as
    written, for the shortcode pass to report.
    """
    pieces: list[str] = []
    position = 0
    opening: re.Match[str] | None = None
    for token in _SHORTCODE.finditer(text):
        if token[2] != name:
            continue
        if not token[1]:
            opening = token
        elif opening is not None:
            pieces += [
                text[position : opening.start()],
                render(opening[3], text[opening.end() : token.start()]),
            ]
            position, opening = token.end(), None
    pieces.append(text[position:])
    return "".join(pieces)


def _caption_figure(attributes: str, inner: str) -> str:
    parts = _CAPTIONED.match(inner)
    media, words = (parts["media"], parts["words"]) if parts else ("", inner)
    # WordPress before 3.4 kept the caption in an attribute instead of after the photo.
    if not words.strip() and (old := _OLD_CAPTION.search(attributes)):
        words = old[1]
    return f"<figure>{media}<figcaption>{words.strip()}</figcaption></figure>"


def credit_of(attachment: Item) -> str:
    """The photo credit a plugin keeps for an attachment (Media Credit, or in its metadata)."""
    credit = attachment.meta.get("_media_credit", "")
    found = _PHP_CREDIT.search(attachment.meta.get("_wp_attachment_metadata", ""))
    return field_text(credit or (found["credit"] if found else ""))


def _gallery_figure(
    attributes: str,
    attachments: Mapping[str, Item],
    attached: Sequence[Item],
    left_out: Callable[[Text], None],
) -> str:
    """A `[gallery]` shortcode (Jetpack's tiled and slideshow kinds too, `type="..."`) as the
    HTML of a Gutenberg gallery block, which the Markdown writer turns into a gallery: each
    attachment's file, alt text and caption, in the order written. Without `ids`, the
    photos uploaded to the post (`attached`), or to the post `id` names, less `exclude`.
    `orderby`, `columns`, `size`, `link` and `type` change only how WordPress laid it out."""
    values = {
        match[1].lower(): next(value for value in match.groups()[1:] if value is not None)
        for match in _SHORTCODE_ATTRIBUTE.finditer(attributes)
    }
    ids = _ID_LIST.findall(values.get("ids") or values.get("include") or "")
    if not ids:
        owner = values.get("id", "").strip()
        uploads = (
            [item for item in attachments.values() if item.parent == owner]
            if owner
            else list(attached)
        )
        excluded = set(_ID_LIST.findall(values.get("exclude", "")))
        ids = [item.id for item in uploads if item.id not in excluded and is_photo(item)]
        if not ids:
            left_out(messages.GALLERY_NOT_IN_EXPORT)
            return ""
    figures = []
    for number in ids:
        attachment = attachments.get(number)
        if attachment is None or attachment.post_type != "attachment":
            left_out(messages.GALLERY_PHOTO_NOT_ATTACHMENT.fill(number=number))
            continue
        caption = html.escape(header_value(field_text(attachment.excerpt)))
        alt = header_value(field_text(attachment.meta.get("_wp_attachment_image_alt", "")))
        figures.append(
            f'<figure class="wp-block-image"><img src="{html.escape(attachment.attachment_url)}" '
            f'alt="{html.escape(alt)}" class="wp-image-{number}">'
            + (f"<figcaption>{caption}</figcaption>" if caption else "")
            + "</figure>"
        )
    if not figures:
        return ""
    return f'\n\n<figure class="wp-block-gallery">{"".join(figures)}</figure>\n\n'


def is_photo(item: Item) -> bool:
    """Whether an attachment is a photo (its file's suffix), not a PDF or a sound."""
    return PurePosixPath(urlsplit(item.attachment_url).path).suffix.lower() in PHOTO_SUFFIXES


def expand_shortcodes(
    content: str,
    left_out: Callable[[Text], None],
    attachments: Mapping[str, Item],
    attached: Sequence[Item] = (),
) -> str:
    """Captions as figures, embeds as links and galleries as gallery blocks; other shortcodes
    removed and reported."""
    text = _paired(content, "caption", _caption_figure)
    text = _paired(text, "embed", lambda _, url: f"\n\n{link_paragraph(url.strip())}\n\n")
    opened: set[str] = set()
    closed: set[str] = set()
    for token in _SHORTCODE.finditer(text):
        if not token[1]:
            opened.add(token[2])
        elif not token[3].strip():
            closed.add(token[2])
    known = _CORE_SHORTCODES | closed

    def shortcode(match: re.Match[str]) -> str:
        name = match[2]
        if match[1]:  # a closing tag goes with its opening one; anything else is text
            return "" if name in opened and name in closed and not match[3].strip() else match[0]
        if name not in known and "=" not in match[3]:
            return match[0]
        if name == "gallery":
            return _gallery_figure(match[3], attachments, attached, left_out)
        left_out(messages.SHORTCODE_LEFT_OUT.fill(name=shorten(name, 40)))
        return ""

    return _SHORTCODE.sub(shortcode, text)
