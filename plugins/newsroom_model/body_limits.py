"""Bounds on a body's markup, checked before Markdown reads it, so reading grows with the body.

Python-Markdown rebuilds a paragraph's text at every link, emphasis or escape it finds in it
(`treeprocessors.InlineProcessor`: the text before, a placeholder, the text after), so a
paragraph with m marks costs m times its length: 40,000 backslash escapes in one 80 KB
paragraph take 6 s, and the 1 MB a body may have could take hours. Its lists and raw HTML nest
by recursion (a list 300 levels deep is a RecursionError), and the HTML cleaner (html5ever)
looks through every open element at each new block element (40,000 nested `<div>` take 8 s).
`linear_markdown` makes the scans that restart at every opener linear; what remains grows with
the marks of one paragraph, with the `[` it leaves open, with the number of paragraphs and with
the depth of nesting. No
story comes near these bounds: a paragraph of news has a few dozen marks, a list nests two or
three levels. A body past one is refused, naming the line, before any of that work is done.

Each check is one pass over the body, most of it `str.count` and regular-expression scans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.messages import Hint, Text, t

# Marks of one paragraph (between blank lines) that Python-Markdown may turn into an element:
# escapes, code, links, images, raw HTML, entities, emphasis.
MAX_PARAGRAPH_MARKS = 5_000
_MARKS = ("\\", "`", "[", "!", "<", "&", "*", "_")
# `[` that no `]` closes in one paragraph: each is looked up in a table of the paragraph's
# brackets, made again after every link Python-Markdown finds in it.
MAX_OPEN_BRACKETS = 100
# Lists, quotes and HTML elements inside one another.
MAX_NESTING = 50
# Paragraphs (blocks between blank lines) of one body: Python-Markdown takes each block from
# the front of a list (`blocks.pop(0)`), which moves every block after it; 53,000 one-line
# blocks spend 5 s doing only that.
MAX_PARAGRAPHS = 10_000

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"[\[\]]")
_QUOTE_MARKERS = re.compile(r"^(?:[ \t]{0,3}>)+", re.M)
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]", re.M)
_TAG = re.compile(r"<(?P<end>/?)(?P<name>[a-zA-Z][a-zA-Z0-9]{0,20})")
# Elements that hold nothing, and those whose end tag HTML lets a writer leave out: neither
# opens a level that stays open.
_NOT_NESTING = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody",
        "tfoot", "option", "optgroup", "colgroup", "caption", "rt", "rp",
    }
)  # fmt: skip
_TAB = 4


@dataclass(frozen=True)
class Excess:
    """What is past a bound: the offset in the body where it shows, the message, the hint."""

    offset: int
    message: Text
    hint: Hint


def excess(body: str) -> Excess | None:
    """The first bound `body` goes past, or None."""
    return _nesting(body) or _paragraphs(body)


def _paragraphs(body: str) -> Excess | None:
    breaks = [match.start() for match in _PARAGRAPH_BREAK.finditer(body)]
    if len(breaks) >= MAX_PARAGRAPHS:
        return Excess(
            breaks[MAX_PARAGRAPHS - 1],
            t("has more than {limit:,} paragraphs", limit=MAX_PARAGRAPHS),
            t("a story this long is a document: link it instead"),
        )
    start = 0
    for end in [*breaks, len(body)]:
        found = _paragraph(body, start, end)
        if found is not None:
            return found
        start = end
    return None


def _paragraph(body: str, start: int, end: int) -> Excess | None:
    marks = sum(body.count(mark, start, end) for mark in _MARKS)
    offset = start + len(body[start:end]) - len(body[start:end].lstrip())
    if marks > MAX_PARAGRAPH_MARKS:
        return Excess(
            offset,
            t(
                "has {marks:,} Markdown and HTML marks in one paragraph (at most {limit:,})",
                marks=marks,
                limit=MAX_PARAGRAPH_MARKS,
            ),
            t("split it into paragraphs with blank lines, or link the document it comes from"),
        )
    if body.count("[", start, end) <= MAX_OPEN_BRACKETS:
        return None
    open_brackets = 0
    depth = 0
    for match in _BRACKET.finditer(body, start, end):
        if match.group() == "[":
            depth += 1
        elif depth:
            depth -= 1
    open_brackets = depth
    if open_brackets > MAX_OPEN_BRACKETS:
        return Excess(
            offset,
            t(
                "has {count:,} '[' that no ']' closes in one paragraph (at most {limit})",
                count=open_brackets,
                limit=MAX_OPEN_BRACKETS,
            ),
            t("write '\\[' for a bracket that opens no link"),
        )
    return None


def _nesting(body: str) -> Excess | None:
    for match in _QUOTE_MARKERS.finditer(body):
        depth = match.group().count(">")
        if depth > MAX_NESTING:
            return _too_deep(
                match.start(),
                t("nests quotes {depth} deep (at most {limit})", depth=depth, limit=MAX_NESTING),
            )
    for match in _LIST_ITEM.finditer(body):
        depth = len(match["indent"].expandtabs(_TAB)) // _TAB + 1
        if depth > MAX_NESTING:
            return _too_deep(
                match.start(),
                t("nests lists {depth} deep (at most {limit})", depth=depth, limit=MAX_NESTING),
            )
    depth = 0
    for match in _TAG.finditer(body):
        if match["name"].lower() in _NOT_NESTING:
            continue
        if match["end"]:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > MAX_NESTING:
            return _too_deep(
                match.start(),
                t(
                    "nests HTML elements {depth} deep (at most {limit})",
                    depth=depth,
                    limit=MAX_NESTING,
                ),
            )
    return None


def _too_deep(offset: int, message: Text) -> Excess:
    return Excess(offset, message, t("flatten it: no story needs that many levels"))
