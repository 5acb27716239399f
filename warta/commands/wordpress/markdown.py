"""A post's HTML as Markdown that Python-Markdown shows as WordPress did, and never as markup."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString
from markdownify import ATX, MarkdownConverter

from warta.embeds import recognise
from warta.messages import Text

from . import messages
from .messages import LINKED_MEDIA, UNCONVERTED, UNSAFE_LINKS
from .shortcodes import (
    BARE_URL_LINE,
    BLOCK_COMMENT,
    CONVERTED_BLOCKS,
    autop,
    credit_of,
    expand_shortcodes,
    link_paragraph,
    video_link,
)
from .text import CONTROL_CHARACTERS, LINE_BREAKS, field_text, header_value, shorten
from .urls import file_name, host_of, uploads_path
from .wxr import Item

# Every pattern below runs over text from the export, which may be hostile (see shortcodes.py).
_BACKGROUND_URL = re.compile(r"url\(\s*+['\"]?([^'\")\s]++)")
_WHITESPACE_RUN = re.compile(r"[\t \r\n]++")
# A line of spaces is blank to Markdown: it ends a paragraph, and any link or emphasis in it.
_BLANK_LINE = re.compile(r"\n *+\n")
_BACKTICKS = re.compile(r"`++")
_SHORT_NUMBER = re.compile(r"[0-9]{1,9}")
_ATTACHMENT_CLASS = re.compile(r"^wp-image-([0-9]{1,20})$")
# A gallery stands in the converted Markdown as a paragraph of this per-process word and its
# number until its photos are copied (`finish_galleries`), so no text of a post can forge one.
_GALLERY_TOKEN = "wartagallery" + secrets.token_hex(8) + "n"
GALLERY_SPOT = re.compile(rf"{_GALLERY_TOKEN}([0-9]++)")
# The element of each form of WordPress gallery: Gutenberg's (a figure, or a list before
# WordPress 5.3), Jetpack's tiled gallery and slideshow blocks, and Jetpack's older markup.
_GALLERY_CLASSES = frozenset(
    {
        "wp-block-gallery",
        "wp-block-jetpack-tiled-gallery",
        "wp-block-jetpack-slideshow",
        "tiled-gallery",
    }
)
# Where a gallery's photo keeps the full-size file and the attachment id, before its src.
_FULL_SIZE = ("data-orig-file", "data-full-url", "data-url", "data-lazy-src", "data-src", "src")
# Elements a gallery block cannot stand in: it needs whole lines of the body.
_GALLERY_HOSTS = ["blockquote", "li", "td", "th", "dd", "dt", "p", "a"]

# Elements with nothing a Markdown page can show: messages.DROPPED_ELEMENTS names each kind.

# Markdown escapes for text, so Python-Markdown shows it as written and never turns it into
# markup: emphasis, code, attribute lists ({: onclick=...}), tables, and links.
_MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}|"})
# Inside link text every bracket counts: one left bare would end the link early or late.
_LINK_TEXT_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}|[]"})
# In alt text only what could end the brackets matters.
_ALT_ESCAPES = str.maketrans({char: "\\" + char for char in "\\[]"})
_BRACKET_OPEN = re.compile(r"\[(?=[\^])")
# A "!" right before "[" (here or in the next piece of text) would make a link an image.
_BANG = re.compile(r"!(?=\[|\Z)")
# A "]" right before "(", "[" or ":" (or before the end of this piece of text, where the next one
# may supply them) would close a link, image or link definition.
_BRACKET_CLOSE = re.compile(r"\](?=\s?(?:[(\[:]|\Z))")
# Python-Markdown reads "&#60" as a character reference even without its ";".
_ENTITY_LIKE = re.compile(r"&(?=#|[0-9A-Za-z]++;)")
_TAG_LIKE = re.compile(r"<(?!\s)")
# The indent may hold no-break spaces, which a later strip() can take away.
_LINE_MARK = re.compile(
    r"^([^\S\n]*+)"
    r"([>#\[-]|\+(?=[ \t]|$)|:(?=[ \t]|::)|~(?=~~)|=(?==*+[ \t]*+$)|[0-9]++[.)](?=[ \t]|$))",
    re.M,
)
# Python-Markdown has no backslash escape for these; a numeric reference shows the same character.
_UNESCAPABLE = frozenset("=:~")

# Link schemes a reader's browser can follow without running anything.
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms", "whatsapp", "tg"})
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*+:")
# Browsers ignore these inside a scheme ("java\tscript:"), so they are ignored when judging one.
_URL_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")
_IMAGE_DATA = re.compile(r"data:image/(?:png|jpe?g|gif|webp|avif|bmp)[;,]", re.I)
# Characters that would end or confuse a Markdown link address; percent-encoded, they do not.
_URL_ESCAPES = str.maketrans(
    {" ": "%20", '"': "%22", "<": "%3C", ">": "%3E", "(": "%28", ")": "%29", "\\": "%5C"}
)

# markdownify drops whitespace next to these, as a browser does around a block.
_BLOCK_ELEMENTS = frozenset(
    {"p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd", "table"}
    | {"thead", "tbody", "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
)
# Where fenced code cannot start (a list item, a quote, a table cell), code is written as text.
_NESTED_BLOCKS = frozenset({"blockquote", "li", "ul", "ol", "td", "th", "dd", "dt", "_inline"})


@dataclass(frozen=True)
class ImportedGalleryPhoto:
    """A photo of a WordPress gallery: its address, alt text, caption and credit."""

    address: str
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class ImportedGallery:
    """A WordPress gallery: its caption (the gallery's title) and its photos in order."""

    title: str
    photos: list[ImportedGalleryPhoto]


@dataclass
class ImportedBody:
    """A post's HTML as Markdown, with (heading, message) notes and every photo address in it.

    Each gallery stands in `markdown` as a token paragraph until its photos are copied.
    """

    markdown: str
    notes: list[tuple[Text, Text]]
    photos: list[str]
    galleries: list[ImportedGallery] = field(default_factory=list)


def escape_markdown(text: str, *, in_link: bool = False) -> str:
    """Text that Python-Markdown (with the site's extensions) shows as written, never as markup.

    Backslash escapes where Markdown has them; `&lt;` for a "<" that could open a tag, comment or
    autolink; `&amp;` for an "&" that would read as an entity; and, at the start of a line, every
    character that could begin a quote, heading, list, definition, fence or link definition.
    """
    if in_link:
        text = text.translate(_LINK_TEXT_ESCAPES)
    else:
        text = text.translate(_MARKDOWN_ESCAPES)
        text = _BRACKET_OPEN.sub(r"\\[", text)
        text = _BRACKET_CLOSE.sub(r"\\]", text)
    text = _BANG.sub(r"\\!", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = _TAG_LIKE.sub("&lt;", text)
    return _LINE_MARK.sub(_escape_line_mark, text)


def _escape_line_mark(match: re.Match[str]) -> str:
    indent, mark = match[1], match[2]
    if mark[-1] in ".)":
        return f"{indent}{mark[:-1]}\\{mark[-1]}"
    if mark in _UNESCAPABLE:
        return f"{indent}&#{ord(mark)};"
    return f"{indent}\\{mark}"


# The blockquotes X, Instagram and TikTok give for a post (their script makes it a player).
_SOCIAL_QUOTES = frozenset({"twitter-tweet", "instagram-media", "tiktok-embed"})
_X_FRAME = re.compile(r"/embed/Tweet\.html$")


def _frame_link(source: str) -> str | None:
    """The video or post an embedded player shows, as the link a story makes a card of."""
    if link := video_link(source):
        return link
    try:
        parts = urlsplit(source.strip())
    except ValueError:
        return None
    host, query = (parts.hostname or "").lower(), parse_qs(parts.query)
    if host.endswith("facebook.com") and parts.path in ("/plugins/post.php", "/plugins/video.php"):
        return video_link(query.get("href", [""])[0])
    if host == "platform.twitter.com" and _X_FRAME.search(parts.path):
        return video_link(f"https://x.com/i/status/{query.get('id', [''])[0]}")
    return None


def _social_post(element: Tag) -> str | None:
    """The post a social network's embed blockquote (or Facebook's div) stands for."""
    candidates = [element.get("cite"), element.get("data-instgrm-permalink")]
    candidates += [element.get("data-href")]
    candidates += [link.get("href") for link in reversed(element.find_all("a"))]
    for candidate in candidates:
        if isinstance(candidate, str) and (embed := recognise(candidate)) is not None:
            return embed.link
    return None


def convert_body(
    content: str, attachments: Mapping[str, Item] | None = None, attached: Sequence[Item] = ()
) -> ImportedBody:
    """Markdown for a post's HTML, what in it was left out or dropped, and its photo addresses.

    Captioned photos become a photo and an italic caption; embeds and video players become a
    plain link line, so the page loads no third-party script. Text stays text: what WordPress
    showed as "<script>" is escaped so Markdown shows it too, and links that could run code are
    dropped. The tree is read once and converted once, never edited node by node (Beautiful
    Soup finds a node among its siblings by scanning them), so the work is linear in the post.
    """
    attachments = attachments or {}
    writer = _MarkdownWriter(attachments)
    text = expand_shortcodes(content, writer.left_out, attachments, attached)
    text = BARE_URL_LINE.sub(lambda match: f"\n\n{link_paragraph(match[1])}\n\n", text)
    # lxml, not Python's html.parser, which takes quadratic time on an unclosed "<a " or "<!--".
    soup = BeautifulSoup(autop(text), "lxml")
    writer.survey(soup)
    try:
        markdown = writer.convert_soup(soup)
    except RecursionError:
        writer.left_out(messages.TOO_DEEP)
        writer.photos.clear()  # the plain text links none of them
        writer.links.clear()
        writer.galleries.clear()
        lines = (" ".join(line.split()) for line in soup.get_text("\n").splitlines())
        markdown = "\n\n".join(escape_markdown(line) for line in lines if line)
    for href in writer.links:
        if href not in writer.photos and uploads_path(href) is not None:
            writer.note(LINKED_MEDIA, messages.LINK_TO_WORDPRESS.fill(address=shorten(href, 120)))
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    return ImportedBody(markdown, list(writer.notes), list(writer.photos), list(writer.galleries))


def _unsafe_scheme(url: str) -> str | None:
    """The scheme of an address that could run code or forge a page, or None when it is safe."""
    compact = _URL_INVISIBLE.sub("", url)
    scheme = _SCHEME.match(compact)
    if scheme is None:  # a relative address
        return None
    name = scheme[0][:-1].lower()
    if name in _SAFE_SCHEMES or (name == "data" and _IMAGE_DATA.match(compact)):
        return None
    return shorten(name, 30)


def markdown_url(url: str) -> str:
    """An address written so a Markdown link or image cannot end early or take a title."""
    return CONTROL_CHARACTERS.sub("", LINE_BREAKS.sub("", url.strip())).translate(_URL_ESCAPES)


def _chomp(text: str) -> tuple[str, str, str]:
    """A leading and a trailing space kept outside markup, as markdownify does for `** x**`."""
    prefix = " " if text.startswith(" ") else ""
    suffix = " " if text.endswith(" ") else ""
    return prefix, suffix, text.strip()


def _space_or_newline(run: re.Match[str]) -> str:
    return "\n" if "\n" in run[0] or "\r" in run[0] else " "


def _classes(element: Tag) -> list[str]:
    return [str(name) for name in element.get_attribute_list("class")]


def _is_block(node: object, *, outside: bool = False) -> bool:
    """Whether markdownify drops whitespace inside `node` (or, with `outside`, around it)."""
    name = node.name if isinstance(node, Tag) else None
    return name in _BLOCK_ELEMENTS or (outside and name == "pre")


def _colspan(cell: Tag) -> int:
    span = str(cell.get("colspan", "1"))
    return max(1, min(1000, int(span))) if _SHORT_NUMBER.fullmatch(span) else 1


class _MarkdownWriter(MarkdownConverter):
    """markdownify with Warta's rules, which also collects notes and photo addresses.

    Text is escaped so it stays text; links and photos are checked and written so they cannot
    run code or end early; figures, frames, players and Gutenberg shapes are converted here
    rather than by editing the tree. markdownify's own whitespace pattern, list numbering and
    table-header search are each quadratic on hostile input, so those steps are replaced.
    """

    def __init__(self, attachments: Mapping[str, Item] | None = None) -> None:
        super().__init__(heading_style=ATX, bullets="-", autolinks=True)
        self.attachments = attachments or {}
        self.galleries: list[ImportedGallery] = []
        self.notes: dict[tuple[Text, Text], None] = {}
        self.photos: dict[str, None] = {}
        self.links: dict[str, None] = {}
        self.numbers: dict[int, int] = {}
        self.rows: dict[int, str] = {}
        self.captions: dict[int, str] = {}

    def note(self, heading: Text, message: Text) -> None:
        self.notes.setdefault((heading, message))

    def left_out(self, message: Text) -> None:
        self.note(UNCONVERTED, message)

    def survey(self, soup: BeautifulSoup) -> None:
        """One read of the tree for what conversion needs to know ahead of each element."""
        blocks: dict[str, None] = {}
        for node in soup.descendants:
            if isinstance(node, Comment):
                if match := BLOCK_COMMENT.match(str(node)):
                    name = match[1].removeprefix("core/")
                    blocks.setdefault("embed" if name.startswith("core-embed/") else name)
            elif not isinstance(node, Tag):
                continue
            elif node.name == "ol":
                start = str(node.get("start", "1"))
                first = int(start) if _SHORT_NUMBER.fullmatch(start) else 1
                for index, item in enumerate(node.find_all("li", recursive=False)):
                    self.numbers[id(item)] = first + index
            elif node.name == "table":
                self._survey_table(node)
            elif node.name == "figure":
                self._survey_figure(node)
        for name in blocks:
            if name not in CONVERTED_BLOCKS:
                self.left_out(messages.BLOCK_NOT_CONVERTED.fill(name=shorten(name, 60)))

    def _survey_table(self, table: Tag) -> None:
        """The table's first row is its header: the one from <thead> or of <th> cells, or none."""
        for child in table.children:
            if not isinstance(child, Tag):
                continue
            sections = [child] if child.name == "tr" else []
            if child.name in ("thead", "tbody", "tfoot"):
                sections = child.find_all("tr", recursive=False)
            if sections:
                cells = sections[0].find_all(["td", "th"], recursive=False)
                heading = child.name == "thead" or all(cell.name == "th" for cell in cells)
                self.rows[id(sections[0])] = "header" if heading else "first"
                return

    def _survey_figure(self, figure: Tag) -> None:
        """A figure's own caption (a gallery's photos each have theirs), lent to a photo with
        no alt text."""
        figcaption = figure.find("figcaption", recursive=False)
        words = header_value(figcaption.get_text(" ")) if isinstance(figcaption, Tag) else ""
        images = figure.find_all("img", limit=2)
        if words and len(images) == 1 and not header_value(str(images[0].get("alt", ""))):
            images[0]["alt"] = words
        self.captions[id(figure)] = words

    def process_tag(self, node: Tag, parent_tags: set[str] | None = None) -> str:
        if _GALLERY_CLASSES & set(_classes(node)) and node.name in ("figure", "ul", "div"):
            gallery = self._gallery(node)
            if gallery is not None:
                return gallery
        if node.name in messages.DROPPED_ELEMENTS:
            if "wp-block-file__embed" not in _classes(node):  # a file block's PDF preview
                self.left_out(
                    messages.ELEMENT_LEFT_OUT.fill(
                        what=messages.DROPPED_ELEMENTS[node.name], element=node.name
                    )
                )
            return ""
        # A photo in a style attribute has no place in Markdown; a cover block's is kept (see
        # convert_div), any other is named.
        background = _BACKGROUND_URL.search(str(node.get("style", "")))
        if background and "wp-block-cover" not in _classes(node):
            shown = shorten(file_name(background[1]) or background[1], 80)
            self.left_out(messages.BACKGROUND_LEFT_OUT.fill(address=shown))
        # markdownify's stub declares only convert() and convert_soup(), not the steps between.
        converted: str = super().process_tag(node, parent_tags)  # type: ignore[misc]
        return converted

    def process_text(self, el: NavigableString, parent_tags: set[str] | None = None) -> str:
        parent_tags = parent_tags or set()
        text = str(el)
        if "pre" not in parent_tags:
            text = _WHITESPACE_RUN.sub(_space_or_newline, text)
        if "_noformat" not in parent_tags:
            text = escape_markdown(text, in_link="a" in parent_tags)
        if _is_block(el.previous_sibling, outside=True) or (
            _is_block(el.parent) and not el.previous_sibling
        ):
            text = text.lstrip(" \t\r\n")
        if _is_block(el.next_sibling, outside=True) or (
            _is_block(el.parent) and not el.next_sibling
        ):
            text = text.rstrip()
        return text

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        if "a" in parent_tags:  # HTML has no links in links; the outer one is kept
            self.left_out(messages.NESTED_LINK)
            return text
        prefix, suffix, text = _chomp(text)
        written = str(el.get("href") or "")
        href = ""
        if scheme := _unsafe_scheme(written):
            words = shorten(header_value(el.get_text(" ")), 60)
            self.note(UNSAFE_LINKS, messages.UNSAFE_LINK.fill(scheme=scheme, words=words))
        elif written.strip():
            href = markdown_url(written)
            self.links.setdefault(href)
        if not text or not href:
            return f"{prefix}{text}{suffix}"
        if _BLANK_LINE.search(text):
            # Link text that holds paragraphs or a heading cannot be one Markdown link: the text
            # is kept as it is, and the address follows it as a link of its own.
            shown = f"<{href}>" if href.startswith(("http://", "https://")) else f"[{href}]({href})"
            return f"{prefix}{text}\n\n{shown}\n\n"
        if el.get_text() == written and href.startswith(("http://", "https://")):
            return f"{prefix}<{href}>{suffix}"
        return f"{prefix}[{text}]({href}){suffix}"

    def _emphasis(self, text: str, parent_tags: set[str], marker: str, kind: set[str]) -> str:
        # Inside emphasis of its own kind, markers would close it early and show as "****"; and
        # emphasis cannot span paragraphs.
        if "_noformat" in parent_tags or parent_tags & kind or _BLANK_LINE.search(text.strip()):
            return text
        prefix, suffix, text = _chomp(text)
        return f"{prefix}{marker}{text}{marker}{suffix}" if text else ""

    def convert_b(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(text, parent_tags, "**", {"b", "strong"})

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(text, parent_tags, "*", {"em", "i"})

    convert_strong = convert_b
    convert_i = convert_em

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # Lazy-loading plugins put a placeholder in src and the photo in data-src.
        source = str(el.get("data-lazy-src") or el.get("data-src") or el.get("src") or "")
        return self._photo(source, str(el.get("alt") or ""))

    def _photo(self, source: str, alt: str) -> str:
        """A photo in Markdown, its address noted; a link when it has no alt text."""
        if not source.strip():
            self.left_out(messages.PHOTO_NO_ADDRESS)
            return ""
        if scheme := _unsafe_scheme(source):
            self.note(UNSAFE_LINKS, messages.UNSAFE_PHOTO.fill(scheme=scheme))
            return ""
        source = markdown_url(source)
        self.photos.setdefault(source)
        # Kept in headings and table cells too, where markdownify would keep only the alt text.
        if alt := header_value(alt):
            return f"![{alt.translate(_ALT_ESCAPES)}]({source})"
        self.left_out(messages.PHOTO_NO_ALT.fill(name=shorten(file_name(source) or source, 80)))
        return f"[Foto]({source})"

    def _gallery(self, figure: Tag) -> str | None:
        """A Gutenberg gallery block (or a `[gallery]` shortcode made into one): a token that
        `finish_galleries` replaces by a `::: galeri` block, titled with the gallery's own
        caption, once its photos are copied."""
        photos = []
        for image in figure.find_all("img"):
            photo = self._gallery_photo(figure, image)
            if photo is not None:
                photos.append(photo)
        words = self.captions.get(id(figure), "")
        if not photos:
            # Its text, if any, is kept as the element's: a block saved without its photos.
            self.left_out(messages.GALLERY_EMPTY)
            return f"\n\n*{escape_markdown(words)}*\n\n" if words else None
        if figure.find_parent(_GALLERY_HOSTS) is not None:
            # A `::: galeri` block needs lines of its own; in a quote, a list item or a table
            # cell it would be cut by their marks, so its photos are kept one after another.
            self.left_out(messages.GALLERY_NESTED)
            kept = (self._photo(photo.address, photo.alt) for photo in photos)
            return " ".join(photo for photo in kept if photo)
        self.galleries.append(ImportedGallery(words, photos))
        return f"\n\n{_GALLERY_TOKEN}{len(self.galleries) - 1}\n\n"

    def _gallery_photo(self, gallery: Tag, image: Tag) -> ImportedGalleryPhoto | None:
        """One photo of a gallery: the attachment's full-size file when its class names one
        (galleries show resized copies), its own caption and the attachment's credit."""
        found = (_ATTACHMENT_CLASS.match(name) for name in _classes(image))
        number = next((match[1] for match in found if match), "")
        for name in ("data-id", "data-attachment-id"):
            written = str(image.get(name) or "")
            number = number or (written if _SHORT_NUMBER.fullmatch(written) else "")
        attachment = self.attachments.get(number) if number else None
        source = next((str(image[name]) for name in _FULL_SIZE if image.get(name)), "")
        if attachment is not None and attachment.attachment_url:
            source = attachment.attachment_url
        if not source.strip():
            self.left_out(messages.GALLERY_PHOTO_NO_ADDRESS)
            return None
        if scheme := _unsafe_scheme(source):
            self.note(UNSAFE_LINKS, messages.UNSAFE_GALLERY_PHOTO.fill(scheme=scheme))
            return None
        holder = image.find_parent("figure")
        caption = ""
        if holder is not None and holder is not gallery:
            caption = self.captions.get(id(holder), "")
        alt = header_value(str(image.get("alt") or ""))
        if not alt and attachment is not None:
            alt = header_value(field_text(attachment.meta.get("_wp_attachment_image_alt", "")))
        name = shorten(file_name(source) or source, 80)
        if not alt and attachment is not None and (title := field_text(attachment.title)):
            alt = header_value(title)
            self.left_out(messages.GALLERY_ALT_FROM_TITLE.fill(name=name, alt=alt))
        if not alt:
            self.left_out(messages.GALLERY_PHOTO_NO_ALT.fill(name=name))
            return None
        credit = header_value(credit_of(attachment)) if attachment is not None else ""
        return ImportedGalleryPhoto(markdown_url(source), alt, caption, credit)

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        words = self.captions.get(id(el), "")
        caption = f"*{escape_markdown(words)}*" if words else ""
        if "_inline" in parent_tags:
            return f" {text.strip()} {caption} "
        return f"\n\n{text.strip()}\n\n{caption}\n\n"

    def convert_figcaption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if el.parent is not None and el.parent.name == "figure":
            return ""  # written by the figure, after its photo
        return f"\n\n{text.strip()}\n\n"

    def convert_iframe(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        source = str(el.get("src") or "")
        if link := _frame_link(source):
            return f"\n\n<{markdown_url(link)}>\n\n"
        host = shorten(host_of(source), 60) or messages.UNKNOWN_HOST
        self.left_out(messages.FRAME_LEFT_OUT.fill(host=host))
        return ""

    def _player(self, el: Tag, kind: str) -> str:
        """An audio or video player as a link to its file."""
        sources = [el.get("src"), *(found.get("src") for found in el.find_all("source"))]
        source = str(next((found for found in sources if found), ""))
        if not source.strip():
            self.left_out(messages.PLAYER_NO_FILE[kind])
            return ""
        if scheme := _unsafe_scheme(source):
            self.note(UNSAFE_LINKS, messages.UNSAFE_PLAYER[kind].fill(scheme=scheme))
            return ""
        href = markdown_url(source)
        self.links.setdefault(href)
        return f"\n\n[{kind}: {escape_markdown(file_name(href) or href)}]({href})\n\n"

    def convert_audio(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._player(el, "Audio")

    def convert_video(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._player(el, "Video")

    def convert_blockquote(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if _SOCIAL_QUOTES & set(_classes(el)) and (post := _social_post(el)):
            # A post as its link on a line of its own: the story plays it when clicked.
            return f"\n\n<{markdown_url(post)}>\n\n"
        return str(super().convert_blockquote(el, text, parent_tags))  # type: ignore[misc]

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        classes = _classes(el)
        if {"fb-post", "fb-video"} & set(classes) and (post := _social_post(el)):
            return f"\n\n<{markdown_url(post)}>\n\n"
        url = el.get_text().strip() if "wp-block-embed__wrapper" in classes else ""
        if url.startswith(("http://", "https://")) and not el.find(["a", "iframe"]):
            # An embed saved as its bare address (a post on X, a map): kept as a plain link.
            link = markdown_url(video_link(url) or url)
            text = f"<{link}>"
        # Older cover blocks keep their photo in a style attribute, where Markdown cannot see it.
        background = _BACKGROUND_URL.search(str(el.get("style", "")))
        if "wp-block-cover" in classes and background and not el.find("img"):
            text = f"{self._photo(background[1], '')}\n\n{text}"
        if "_inline" in parent_tags:
            return f" {text.strip()} "
        return f"\n\n{text.strip()}\n\n" if text.strip() else ""

    convert_details = convert_div

    def convert_form(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        self.left_out(messages.FORM_LEFT_OUT)
        return self.convert_div(el, text, parent_tags)

    def convert_summary(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip()
        return f"\n\n**{text}**\n\n" if text else ""

    def convert_cite(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if el.parent is not None and el.parent.name == "blockquote" and text.strip():
            return f"\n\n— {text.strip()}\n\n"  # a quote's source, on a line of its own
        return text

    def convert_code(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        # One line: a line break inside a code span lets the next line start a block of its own.
        prefix, suffix, text = _chomp(text.replace("\n", " "))
        if not text:
            return ""
        fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
        padded = f" {text} " if "`" in text else text
        return f"{prefix}{fence}{padded}{fence}{suffix}"

    convert_kbd = convert_code
    convert_samp = convert_code

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        lines = text.replace("\r\n", "\n").split("\n")
        filled = [index for index, line in enumerate(lines) if line.strip()]
        if not filled:
            return ""
        lines = lines[filled[0] : filled[-1] + 1]  # without the blank lines around the code
        if "wp-block-verse" in _classes(el) or parent_tags & _NESTED_BLOCKS:
            # A poem keeps its lines as line breaks. And a fence opens only at the start of a
            # line, not in a quote, list or table, so code there is text too, line by line.
            shown = [
                "\xa0" * (len(line) - len(line.lstrip(" "))) + escape_markdown(line.lstrip(" "))
                for line in lines
            ]
            return "\n\n" + "  \n".join(shown) + "\n\n"
        code = "\n".join(lines)
        # Longer than any run of backticks inside, so no line of the code can close the fence.
        longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}\n{code}\n{fence}\n\n"

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip()
        if not text:
            return "\n"
        numbered = el.parent is not None and el.parent.name == "ol"
        bullet = f"{self.numbers.get(id(el), 1)}. " if numbered else "- "
        lines = text.split("\n")
        indent = " " * len(bullet)
        rest = [indent + line if line else "" for line in lines[1:]]
        return "\n".join([bullet + lines[0], *rest]) + "\n"

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        row = f"|{text}\n"
        role = self.rows.get(id(el))
        if role is None:
            return row
        width = sum(_colspan(cell) for cell in el.find_all(["td", "th"], recursive=False)) or 1
        rule = "| " + " | ".join(["---"] * width) + " |\n"
        if role == "header":
            return row + rule
        return "| " + " | ".join([""] * width) + " |\n" + rule + row

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return " " + text.strip().replace("\n", " ") + " |" * _colspan(el)

    convert_th = convert_td
