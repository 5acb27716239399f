"""Python-Markdown's scans that grow with the square of a body, made to grow with the body.

Three scans of Python-Markdown 3.11 start again at each of many openers and run to the end of
the text when nothing closes them, so a hostile body of a few dozen kilobytes takes minutes
(`'<a ' * 20000`: 35 s; `'[' * 40000`: 160 s), and the 1 MB a body may have would take hours:

- raw HTML: for every `<` and a letter, the HTML extractor matches the whole start tag
  (attributes and all) and, when it never ends, treats the `<` as text and tries again one
  character later (`check_for_whole_start_tag`);
- marked sections: every `<![CDATA[` searches the rest of the text for its `]]>`;
- links and images: every `[` counts brackets to the end of the paragraph for its `]`
  (`LinkInlineProcessor.getText`; Python-Markdown issue 798, left open upstream).

Here each is answered from what an earlier scan of the same text found. Brackets are matched
once per text with a stack, which gives exactly the `]` the count finds, so links are read as
before. A `]]>` that is not found after one place is not found after a later one either. A
start tag that runs to the end of the text, or breaks off, spans what follows it: a `<` inside
that span is text too, where Python-Markdown would have tried it again. Only text that is
already not HTML meets that (a run of `<` with no `>` to close any of them), it is escaped as
text, and nh3 cleans what Markdown makes in any case.

Installed once per process, on Python-Markdown's HTML extractor class (the extractor is made
anew inside each conversion, so no instance can be reached), and on each converter's link
patterns (`linearise`). The tests hold the result to Python-Markdown's own HTML on the sample
and on generated text, and assert the growth on hostile bodies.
"""

from __future__ import annotations

import _markupbase
import re
import threading
from typing import Any

from markdown import Markdown
from markdown import htmlparser as markdown_htmlparser
from markdown.inlinepatterns import LinkInlineProcessor

_STATE = threading.local()
_BRACKET = re.compile(r"[\[\]]")
# Brackets counted after an opener before the text's table is asked.
_NEAR_BRACKETS = 32


def _bracket_table(data: str) -> dict[int, int]:
    """Each `[`'s matching `]`, by position, in one pass with a stack: the `]` at which
    `getText`'s count (one up for `[`, one down for `]`) first comes back to zero."""
    table: dict[int, int] = {}
    openers: list[int] = []
    for match in _BRACKET.finditer(data):
        position = match.start()
        if data[position] == "[":
            openers.append(position)
        elif openers:
            table[openers.pop()] = position
    return table


def _brackets(data: str) -> dict[int, int]:
    """The table of `data`, kept for the last text asked about (in this thread): the link,
    image and reference patterns all ask about the same paragraph in turn."""
    last = getattr(_STATE, "brackets", None)
    if last is not None and last[0] is data:
        table: dict[int, int] = last[1]
        return table
    table = _bracket_table(data)
    _STATE.brackets = (data, table)
    return table


def _get_text(data: str, index: int) -> tuple[str, int, bool]:
    """`LinkInlineProcessor.getText`: the text between the `[` before `index` and its `]`,
    the position after that `]`, and whether there is one.

    The next few brackets are counted first, which finds the `]` of nearly every link; only
    an opener left open after them asks the text's table, made once for that text (the
    paragraph changes with every link Python-Markdown finds in it).
    """
    if index == 0 or data[index - 1] != "[":
        return _count_to_close(data, index)
    known = getattr(_STATE, "brackets", None)
    if known is not None and known[0] is data:
        return _from_table(data, index, known[1])
    depth = 1
    for seen, match in enumerate(_BRACKET.finditer(data, index)):
        if seen == _NEAR_BRACKETS:
            return _from_table(data, index, _brackets(data))
        depth += 1 if match.group() == "[" else -1
        if depth == 0:
            return data[index : match.start()], match.end(), True
    return data[index:], len(data), False


def _from_table(data: str, index: int, table: dict[int, int]) -> tuple[str, int, bool]:
    closing = table.get(index - 1)
    if closing is None:
        return data[index:], len(data), False
    return data[index:closing], closing + 1, True


def _count_to_close(data: str, index: int) -> tuple[str, int, bool]:
    """Python-Markdown's own count, for a call that does not follow a `[` (none in 3.11)."""
    depth = 1
    for position in range(index, len(data)):
        character = data[position]
        if character == "]":
            depth -= 1
        elif character == "[":
            depth += 1
        if depth == 0:
            return data[index:position], position + 1, True
    return data[index:], len(data), False


def linearise(md: Markdown) -> Markdown:
    """`md` with its link, image and reference patterns matching brackets in one pass."""
    for pattern in md.inlinePatterns:
        if isinstance(pattern, LinkInlineProcessor):
            pattern.getText = _get_text
    return md


# The HTML extractor: one class for the process, patched once.
_htmlparser: Any = markdown_htmlparser.htmlparser
_Extractor: Any = markdown_htmlparser.HTMLExtractor
_markdown_parse_endtag = _Extractor.parse_endtag
_markdown_close = _Extractor.close
# The ends of marked sections, as `_markupbase` finds them.
_SECTION_CLOSE: re.Pattern[str] = getattr(
    _markupbase, "_markedsectionclose", re.compile(r"]\s*]\s*>")
)
_MS_SECTION_CLOSE: re.Pattern[str] = getattr(
    _markupbase, "_msmarkedsectionclose", re.compile(r"]\s*>")
)
_LETTERS_OR_SLASH = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=/")


def _check_for_whole_start_tag(self: Any, i: int) -> int:
    """The standard library's `check_for_whole_start_tag` (Python 3.11), with the span of the
    last start tag that never ended remembered: a `<` inside it is not matched again."""
    rawdata: str = self.rawdata
    known = getattr(self, "_warta_open_span", None)
    if known is not None and known[0] is rawdata and i < known[1]:
        return -1
    match: re.Match[str] | None = _htmlparser.locatestarttagend_tolerant.match(rawdata, i)
    if not match:
        raise AssertionError("we should not get here!")
    j = match.end()
    following = rawdata[j : j + 1]
    if following == ">":
        return j + 1
    if following == "/":
        if rawdata.startswith("/>", j):
            return j + 2
        self._warta_open_span = (rawdata, j)
        return -1
    if following == "" or following in _LETTERS_OR_SLASH:
        self._warta_open_span = (rawdata, j)
        return -1
    return j if j > i else i + 1


def _parse_marked_section(self: Any, i: int, report: int = 1) -> int:
    """`_markupbase.parse_marked_section` with each failed search for a section's end
    remembered: no `]]>` after one place means none after a later one either. A section
    that never ends is handled as the parser handles it at the end of the text."""
    rawdata = self.rawdata
    name, j = self._scan_name(i + 3, i)
    if j < 0:
        return int(j)
    if name in {"temp", "cdata", "ignore", "include", "rcdata"}:
        closing = _SECTION_CLOSE
    elif name in {"if", "else", "endif"}:
        closing = _MS_SECTION_CLOSE
    else:
        raise AssertionError(f"unknown status keyword {rawdata[i + 3 : j]!r} in marked section")
    misses: dict[re.Pattern[str], tuple[str, int]] = self.__dict__.setdefault("_warta_no_close", {})
    missed = misses.get(closing)
    if missed is not None and missed[0] is rawdata and i + 3 >= missed[1]:
        return _no_end(self, i)
    match = closing.search(rawdata, i + 3)
    if not match:
        misses[closing] = (rawdata, i + 3)
        return _no_end(self, i)
    if report:
        self.unknown_decl(rawdata[i + 3 : match.start(0)])
    return match.end(0)


def _last_gt(self: Any) -> int:
    """Where the text's last `>` is, found once per text: whether any `>` follows a place is
    then known at once."""
    rawdata = self.rawdata
    known = self.__dict__.get("_warta_last_gt")
    if known is None or known[0] is not rawdata:
        known = self._warta_last_gt = (rawdata, rawdata.rfind(">"))
    return int(known[1])


def _no_end(self: Any, i: int) -> int:
    """A declaration with no end: while the text is fed, -1, as the parser's own method answers
    (the parser then stops, and reads the rest when it is closed); once it is being closed, what
    the parser does there, without its search for a `>` from each such place."""
    return _unclosed(self, i) if getattr(self, "_warta_closing", False) else -1


def _close(self: Any) -> None:
    """Python-Markdown's `close`, marking the last pass over the text (`_no_end`)."""
    self._warta_closing = True
    _markdown_close(self)


def _unclosed(self: Any, i: int) -> int:
    """What the parser does at the end of the text with a declaration that never ends: the
    text up to the next `>`, or else up to the next `<`, is data."""
    rawdata = self.rawdata
    end = rawdata.find(">", i + 1) + 1 if _last_gt(self) > i else 0
    if end <= 0:
        end = rawdata.find("<", i + 1)
        if end < 0:
            end = i + 1
    self.handle_data(rawdata[i:end])
    return end


def _parse_endtag(self: Any, i: int) -> int:
    """Python-Markdown's `parse_endtag`, which first searches the rest of the text for a `>`:
    with none after `</`, it answers -1 while the text is fed, as it does, and once the text is
    being closed takes the `</` as text, as Python-Markdown then does."""
    if _last_gt(self) <= i + 1:
        if not getattr(self, "_warta_closing", False):
            return -1
        self.handle_data(self.rawdata[i : i + 2])
        return i + 2
    return int(_markdown_parse_endtag(self, i))


def _install() -> None:
    """Patch the extractor class once; a Python-Markdown whose extractor lacks these hooks
    (another release) is left as it is."""
    if getattr(_Extractor, "_warta_linear", False):
        return
    base = _htmlparser.HTMLParser
    if not (
        hasattr(base, "check_for_whole_start_tag")
        and hasattr(base, "parse_marked_section")
        and hasattr(_htmlparser, "locatestarttagend_tolerant")
    ):
        return
    _Extractor.check_for_whole_start_tag = _check_for_whole_start_tag
    _Extractor.parse_marked_section = _parse_marked_section
    _Extractor.parse_endtag = _parse_endtag
    _Extractor.close = _close
    _Extractor._warta_linear = True


_install()
