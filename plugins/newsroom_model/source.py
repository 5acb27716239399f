"""Reading one source file: decode, split the header, render the body once, clean it, take stock.

This is the expensive part of reading (Python-Markdown), so it is pure and keyed by the file's
bytes: `read_source` runs in worker processes, and what it returns is cached between builds
(`reading.py`). Nothing here depends on the newsroom's data files or on other files: checks
against those happen each build, in `record.py`.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import secrets
from dataclasses import dataclass
from functools import cache
from typing import Any

import smartypants
from markdown import Markdown
from pelican.utils import truncate_html_words

from warta.embeds import Embed, recognise
from warta.messages import Hint, Text, t
from warta.problems import Problem, bounded

from .body_limits import excess
from .gallery import GALLERY_PLACEHOLDER, Gallery, extract
from .header import RawField, decode_source, split_source
from .linear_markdown import linearise
from .live import Section, sections_of
from .quick_patterns import quicken
from .sanitize import clean, removals

_META_EXTENSIONS = {"meta", "markdown.extensions.meta"}
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(
    r"""\b(?P<name>src|alt|title)\s*=\s*(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.S
)
_INTERNAL_LINK = re.compile(
    r"""\b(?:href|src)\s*=\s*(["'])\{(?P<kind>static|attach|filename)\}(?P<target>[^"'#?]*)"""
)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_FIRST_PARAGRAPH = re.compile(r"<p>(?P<inner>.*?)</p>", re.S)
_TAGS = re.compile(r"<[^>]+>")
# NUL and the other C0 controls (but tab, line feed and carriage return), DEL and C1: no editor
# writes them on purpose, and they break file names, feeds and HTML; nor U+FFFE and U+FFFF,
# which are no characters, and which XML 1.0 forbids.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Curly quotes, en and em dashes ("--", "---") and ellipses, as a newspaper prints them. Done
# on the HTML by smartypants rather than by Python-Markdown's smarty extension, which gives the
# same characters but made reading four times slower (2.6 against 10 ms a story of 650 words).
_TYPOGRAPHY = smartypants.Attr.q | smartypants.Attr.D | smartypants.Attr.e
# A word as a reader counts it (`reading_words`): letters and digits, joined by a hyphen or an
# apostrophe ("Kalimantan-Selatan", "Qur'an") into one.
_READ_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A top-level block: a <pre> element whole (with its newlines), else one line with its newline.
_BLOCKS = re.compile(r"<pre\b.*?</pre>\n?|[^\n]*\n|[^\n]+", re.S)
_TYPOGRAPHIC = re.compile(r"[\"']|--|\.\.\.|&quot;|&#39;|&#34;")
PHOTO_PLACEHOLDER = "<!--warta-photo:{}-->"
_PHOTO = re.compile(r"<!--warta-photo:\d+-->")
EMBED_PLACEHOLDER = "<!--warta-embed:{}-->"
EMBED_SPOT = re.compile(r"<!--warta-embed:(\d+)-->")
# A paragraph that is only an address, bare or as a link: where a video or a post can be played.
_ADDRESS_LINE = re.compile(
    r'^<p>(?:(?P<bare>https?://[^\s<>"]+)'
    r'|<a href="(?P<href>[^"]+)"(?: title="[^"]*")?>(?P<text>(?:(?!</?a\b).)*)</a>)</p>$',
    re.M,
)
# An address as the text of a paragraph or of its one link: left as written by typography,
# which would turn the "--" of a video's identifier into a dash.
_ADDRESS_BLOCK = re.compile(r'<p>(?:<a href="[^"]*">)?https?://[^\s<]+(?:</a>)?</p>\n?')
# The summary and the body go through Markdown together, split again at a paragraph holding this
# per-process random word, which no source can contain by accident or design.
_SPLIT = "wartasplit" + secrets.token_hex(8)
# A gallery block stands in the Markdown as a paragraph of this per-process word and its number.
_GALLERY_TOKEN = "wartagallery" + secrets.token_hex(8) + "n"
_GALLERY_SPOT = re.compile(rf"(?:<p>)?{_GALLERY_TOKEN}(\d+)(?:</p>)?")


@dataclass(frozen=True)
class Finding:
    """A problem in a file, before it is known by which path the file is reported."""

    line: int
    field: str
    message: Text
    hint: Hint = ""

    def at(self, path: str) -> Problem:
        return Problem(path, self.line, self.field, self.message, self.hint)


@dataclass(frozen=True)
class BodyImage:
    """A photo the body shows from the content folder, as written."""

    src: str
    alt: str
    title: str
    line: int


@dataclass(frozen=True)
class BodyLink:
    """A link in the body to another file of the site: `{static}`, `{attach}` or `{filename}`."""

    kind: str
    target: str
    line: int


@dataclass(frozen=True)
class Body:
    """A rendered, cleaned body, and what the rest of the build needs to know about it.

    `html` holds a `<!--warta-photo:N-->` where each of `images` was, a `<!--warta-embed:N-->`
    where each of `embeds` was, a `<!--warta-gallery:N-->` where each of `galleries` was, and
    `{static}` links as written: all are resolved for each page that prints the body. It is
    kept as UTF-8 bytes:
    a story with one curly quote is a str of two bytes a character, and at 100,000 stories
    the bodies are most of what a build holds in memory.
    """

    encoded: bytes
    summary_html: str
    lead: str
    words: int
    # The words a reader reads (`reading_words`), counted once when the body is read: every
    # page that prints the story's reading time took them from its HTML again, 0.2 ms a story,
    # and a template change prints every story's page.
    reading_words: int
    images: tuple[BodyImage, ...]
    links: tuple[BodyLink, ...]
    removed: tuple[Finding, ...]
    embeds: tuple[Embed, ...] = ()
    # A live story's body cut at its update headings (`Live:`); nothing for other stories.
    sections: tuple[Section, ...] = ()
    galleries: tuple[Gallery, ...] = ()

    @property
    def html(self) -> str:
        return self.encoded.decode("utf-8")


@dataclass(frozen=True)
class SourceFile:
    """One file as read: its header fields, its body, and what is wrong with either."""

    digest: str
    fields: tuple[RawField, ...]
    findings: tuple[Finding, ...]
    body: Body | None
    body_line: int
    header_style: str


@dataclass(frozen=True)
class ReadConfig:
    """The settings reading depends on; their fingerprint keys the cache of read sources."""

    markdown: str
    summary_words: int | None
    summary_suffix: str
    max_body_bytes: int
    typography: bool = False

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> ReadConfig:
        config = dict(settings["MARKDOWN"])
        config["extensions"] = [
            ext for ext in config.get("extensions", []) if ext not in _META_EXTENSIONS
        ]
        config["extension_configs"] = {
            name: options
            for name, options in config.get("extension_configs", {}).items()
            if name not in _META_EXTENSIONS
        }
        return cls(
            markdown=json.dumps(config, sort_keys=True, default=repr),
            summary_words=settings["SUMMARY_MAX_LENGTH"],
            summary_suffix=str(settings["SUMMARY_END_SUFFIX"]),
            max_body_bytes=int(settings["WARTA_MAX_BODY_BYTES"]),
            typography=bool(settings["WARTA_TYPOGRAPHY"]),
        )


@cache
def _converter(markdown: str) -> Markdown:
    """One Markdown converter per process and configuration, reset before each use; its
    patterns skip text that cannot hold them (`quick_patterns`), and its scans grow with the
    body, not with its square (`linear_markdown`)."""
    config = json.loads(markdown)
    extensions = [*config.pop("extensions", []), *config.get("extension_configs", {})]
    return quicken(linearise(Markdown(extensions=list(dict.fromkeys(extensions)), **config)))


def _size(count: int) -> str:
    """A size as a writer reads it: '1.2 MB', '40 KB'."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{max(1, round(count / 1000))} KB"


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(data: bytes, config: ReadConfig) -> SourceFile:
    """Everything about a file that takes Markdown, from its bytes alone."""
    digest = digest_of(data)
    text, problem = decode_source(data, "")
    if text is None:
        assert problem is not None
        finding = Finding(problem.line, problem.field, problem.message, problem.hint)
        return SourceFile(digest, (), (finding,), None, 1, "")
    split = split_source(text, "")
    findings = [Finding(p.line, p.field, p.message, p.hint) for p in split.problems]
    body_text = split.body
    control = _CONTROL.search(body_text)
    if control:
        line = split.body_line + body_text.count("\n", 0, control.start())
        code = f"U+{ord(control.group(0)):04X}"
        findings.append(
            Finding(
                line,
                "Body",
                t("contains a control character ({code})", code=code)
                if control.group(0) < "\ufffe"
                else t("contains a code that is not a character ({code})", code=code),
                t("retype the line; it may be pasted from another program"),
            )
        )
        return SourceFile(digest, tuple(split.fields), tuple(findings), None, split.body_line, "")
    size = len(body_text.encode("utf-8"))
    if size > config.max_body_bytes:
        findings.append(
            Finding(
                split.body_line,
                "Body",
                t("is {size}", size=_size(size)),
                t(
                    "a story is at most {size} (WARTA_MAX_BODY_BYTES); split it or link the "
                    "document",
                    size=_size(config.max_body_bytes),
                ),
            )
        )
        return SourceFile(digest, tuple(split.fields), tuple(findings), None, split.body_line, "")
    past = excess(body_text)
    if past is not None:
        line = split.body_line + body_text.count("\n", 0, past.offset)
        findings.append(Finding(line, "Body", past.message, past.hint))
        return SourceFile(digest, tuple(split.fields), tuple(findings), None, split.body_line, "")
    summary = next((field.value for field in split.fields if field.name == "summary"), None)
    live = any(field.name == "live" for field in split.fields)
    try:
        body = _render(
            body_text, summary if isinstance(summary, str) else None, split.body_line, config, live
        )
    except RecursionError:
        # The bounds above keep every body we know of far from Python's recursion limit; this
        # is for a way of nesting they do not count.
        findings.append(
            Finding(
                split.body_line,
                "Body",
                t("is nested too deeply to read (lists, quotes or HTML inside one another)"),
                t("flatten it: no story needs that many levels"),
            )
        )
        return SourceFile(digest, tuple(split.fields), tuple(findings), None, split.body_line, "")
    findings.extend(body[1])
    return SourceFile(
        digest, tuple(split.fields), tuple(findings), body[0], split.body_line, split.header_style
    )


def _markdown(text: str, config: ReadConfig) -> str:
    html = str(_converter(config.markdown).reset().convert(text))
    return typographic(html) if config.typography else html


def typographic(html: str) -> str:
    """`html` with typographic quotes, dashes and ellipses, by smartypants.

    smartypants reads the whole fragment token by token (2.9 ms a story), yet most blocks of a
    story have nothing to change. So the fragment is cut into its top-level blocks (one a
    line, as Python-Markdown writes them; a `<pre>` block whole, since smartypants must see
    that it is code) and only the blocks with a quote, a double hyphen or three dots go
    through it. A block is where quotes pair up, so nothing is lost at the cuts.
    """
    parts = []
    for segment in _BLOCKS.findall(html):
        parts.append(
            smartypants.smartypants(segment, _TYPOGRAPHY)
            if _TYPOGRAPHIC.search(segment) and not _ADDRESS_BLOCK.fullmatch(segment)
            else segment
        )
    return "".join(parts)


def _render_both(body: str, summary: str | None, config: ReadConfig) -> tuple[str, str]:
    """The body's and the summary's HTML, in one Markdown pass when the split is clean."""
    if summary is None or not summary.strip() or _CONTROL.search(summary):
        return _markdown(body, config), ""
    joined = _markdown(f"{summary}\n\n{_SPLIT}\n\n{body}", config)
    marker = f"<p>{_SPLIT}</p>"
    if joined.count(marker) == 1 and body.count(_SPLIT) == 0 and summary.count(_SPLIT) == 0:
        before, after = joined.split(marker)
        return after.strip("\n"), before.strip("\n")
    # The summary ran into the body (an open code fence, say): render them apart.
    return _markdown(body, config), _markdown(summary, config)


def _render(
    body: str, summary: str | None, body_line: int, config: ReadConfig, live: bool = False
) -> tuple[Body, list[Finding]]:
    extracted = extract(body, body_line, _GALLERY_TOKEN)
    raw_html, raw_summary = _render_both(extracted.text, summary, config)

    def line_of(fragment: str) -> int:
        for needle in (fragment, html.unescape(fragment)):
            index = body.find(needle) if needle else -1
            if index >= 0:
                return body_line + body.count("\n", 0, index)
        return body_line

    removed = tuple(
        Finding(
            line_of(item.fragment),
            "Body",
            t("removed {what}", what=item.what),
            t("HTML a story may not carry"),
        )
        for item in removals(raw_html + raw_summary)
    )
    cleaned = clean(raw_html)
    findings = [
        Finding(error.line, "Body", error.message, error.hint) for error in extracted.errors
    ]
    images: list[BodyImage] = []

    def take_image(match: re.Match[str]) -> str:
        tag = match.group(0)
        attributes = {m["name"]: html.unescape(m["value"]) for m in _ATTRIBUTE.finditer(tag)}
        src = attributes.get("src", "")
        line = line_of(src) if src else body_line
        if not attributes.get("alt", "").strip():
            findings.append(
                Finding(
                    line,
                    "Body",
                    t("image '{value}' has no alt text", value=bounded(src or "image")),
                    t("write ![what the photo shows](path)"),
                )
            )
            return ""
        if not src or _EXTERNAL.match(src):
            return tag  # a web address: shown as written (the CSP decides whether it loads)
        images.append(BodyImage(src, attributes["alt"], attributes.get("title", ""), line))
        return PHOTO_PLACEHOLDER.format(len(images) - 1)

    cleaned = _IMG.sub(take_image, cleaned)
    embeds: list[Embed] = []

    def take_embed(match: re.Match[str]) -> str:
        address = html.unescape(match["bare"] or match["href"])
        text = plain_text(match["text"] or "")
        # A link whose text is an address has no title of its own: the card shows the address.
        title = "" if text.startswith(("http://", "https://")) else text
        embed = recognise(address, title, line_of(match["bare"] or match["href"]))
        if embed is None:
            return match.group(0)
        embeds.append(embed)
        return EMBED_PLACEHOLDER.format(len(embeds) - 1)

    cleaned = _ADDRESS_LINE.sub(take_embed, cleaned)
    cleaned = _GALLERY_SPOT.sub(lambda spot: GALLERY_PLACEHOLDER.format(spot[1]), cleaned)
    links = tuple(
        BodyLink(match["kind"], html.unescape(match["target"]), line_of(match["target"]))
        for match in _INTERNAL_LINK.finditer(cleaned)
    )
    lead = first_paragraph(
        EMBED_SPOT.sub("", _PHOTO.sub("", cleaned)), config.summary_words, config.summary_suffix
    )
    return (
        Body(
            encoded=cleaned.encode("utf-8"),
            summary_html=clean(raw_summary) if raw_summary else "",
            lead=lead,
            words=len(extracted.text.split()),
            reading_words=reading_words(cleaned),
            images=tuple(images),
            links=links,
            removed=removed,
            embeds=tuple(embeds),
            sections=sections_of(cleaned, body, body_line) if live else (),
            galleries=extracted.galleries,
        ),
        findings,
    )


def reading_words(fragment: str) -> int:
    """The words of a body's HTML fragment as a reader reads them: its text, not its markup.

    Character references are read as the characters they stand for: the cleaned body writes
    "&" as `&amp;` and a no-break space as `&nbsp;`, and counted as written each was a word
    ("amp", "nbsp"). Tags and comments are word breaks, as in `plain_text`."""
    return len(_READ_WORD.findall(html.unescape(_TAGS.sub(" ", fragment))))


def plain_text(fragment: str) -> str:
    """The words of a body's HTML fragment as the machines read them (the search index, the
    related-stories engine, an embed's title): every tag a word break, entities decoded,
    whitespace collapsed to single spaces. For a title or summary in meta tags, where inline
    markup joins its neighbours, see `findability.model.metadata_text`."""
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def first_paragraph(fragment: str, max_words: int | None, suffix: str) -> str:
    """The first paragraph, cut at a word boundary: the summary when none is written."""
    match = _FIRST_PARAGRAPH.search(fragment)
    if not match:
        return ""
    inner = match["inner"]
    if max_words:
        inner = truncate_html_words(inner, max_words, suffix)
    return f"<p>{inner}</p>"
