"""Plain-text helpers every stage of the import shares: one-line header values and cleaning."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup

from warta.messages import Text, joined

from . import messages
from .messages import Note

# Every character that ends a line for Python's splitlines() (so for the header parser) or that
# no header should hold: the C0 and C1 controls, U+2028 and U+2029. Tab, CR and LF are ordinary
# whitespace in an excerpt, so only the others are worth a note there.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
LINE_BREAKS = re.compile(r"[\r\n]")
# Header fields that are one line in WordPress too, so a line break in them is worth a note.
_ONE_LINE_FIELDS = frozenset({"Title", "Author", "Tag", "ImageAlt", "ImageCredit"})
# Long enough for any real headline, byline or caption; longer is a broken or crafted export.
_LIMITS = {
    "Title": 300,
    "Author": 150,
    "Tag": 100,
    "Summary": 1000,
    "ImageAlt": 500,
    "ImageCaption": 1000,
    "ImageCredit": 200,
}


def field_text(text: str) -> str:
    """The text of a WordPress field that may hold HTML (a title, an excerpt, a term's name, a
    photo's alt text or caption): tags removed by a real HTML parser, entities decoded once.
    Line breaks and runs of spaces are kept: `header_value` and `clean_field` judge them."""
    if "<" in text:
        # lxml, not Python's html.parser, which takes quadratic time on an unclosed "<a " or "<!--".
        return BeautifulSoup(text, "lxml").get_text(" ")
    return html.unescape(text)


def header_value(text: str) -> str:
    """Text as one header line: no line breaks or control characters, whitespace collapsed."""
    return " ".join(UNPRINTABLE.sub(" ", text).split())


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clean_field(text: str, what: str, label: str, notes: list[Note], *, name: bool = False) -> str:
    """Plain `text` as the value of header field `what`, noting anything that had to change.

    Control characters and line breaks would start a header field of their own; in a name (a byline
    or tag) a comma would make two; and past a sensible length the value is a broken export.
    """
    value = header_value(text)
    changes: list[Text] = []
    if CONTROL_CHARACTERS.search(text) or (what in _ONE_LINE_FIELDS and LINE_BREAKS.search(text)):
        changes.append(messages.LINE_BREAKS_REMOVED)
    if name and "," in value:
        value = header_value(value.replace(",", " "))
        changes.append(messages.COMMAS_REPLACED)
    limit = _LIMITS.get(what, 300)
    if len(value) > limit:
        changes.append(messages.CUT_SHORT.fill(length=len(value), limit=limit))
        value = shorten(value, limit)
    if changes:
        notes.append(
            Note(
                messages.CLEANED_VALUES,
                label,
                messages.CLEANED.fill(
                    field=what, value=shorten(value, 60), changes=joined(changes)
                ),
            )
        )
    return value
