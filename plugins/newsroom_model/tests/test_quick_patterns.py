"""The quick patterns give Python-Markdown's own answers: the same matches, the same HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from newsroom_model.quick_patterns import _BLOCK, _INLINE, _PrecheckedPattern, quicken

ROOT = Path(__file__).resolve().parents[3]
# Markdown's own punctuation, the characters the quick patterns look for, and words.
MARKUP = st.lists(
    st.sampled_from(
        [
            "kata", "Banjarmasin", " ", "  ", "\n", "\n\n", "`", "``", "\\", "\\\\", "[", "]",
            "![", "[^1]", "[^1]: catatan", "(", ")", "<", ">", "&", "&amp;", "&#39;", ";", "#",
            "## ", ":", ": ", "*", "_", "**", "-", "---", "=", "1. ", "- ", "> ", "    ",
            "<b>", "</b>", "<https://contoh.id/a>", "<redaksi@contoh.id>", "[a](https://b.id)",
            "[a][b]", "\n[b]: https://c.id", "*[HTML]: Hyper", "`kode`", "```\nx\n```", "|",
        ]
    ),
    max_size=40,
).map("".join)  # fmt: skip


def converter(quick: bool) -> Markdown:
    md = Markdown(extensions=["markdown.extensions.extra"], output_format="html5")
    return quicken(md) if quick else md


def test_every_known_pattern_of_this_python_markdown_is_quickened() -> None:
    # A Python-Markdown release that changes an expression leaves its pattern unwrapped (still
    # correct); this test says so, so that the table is read again for the new release.
    md = converter(quick=True)
    inline = {
        name
        for name in _INLINE
        if isinstance(md.inlinePatterns[name].compiled_re, _PrecheckedPattern)
    }
    block = {
        name
        for name in _BLOCK
        if isinstance(md.parser.blockprocessors[name].RE, _PrecheckedPattern)
    }
    assert inline == set(_INLINE)
    assert block == set(_BLOCK)


@settings(max_examples=200, deadline=None)
@given(MARKUP)
def test_a_quick_converter_writes_what_python_markdown_writes(text: str) -> None:
    assert converter(quick=True).convert(text) == converter(quick=False).convert(text)


def test_the_sample_newsroom_converts_the_same() -> None:
    plain, quick = converter(quick=False), converter(quick=True)
    stories = sorted((ROOT / "content").rglob("*.md"))
    assert len(stories) > 30
    for story in stories:
        text = story.read_text(encoding="utf-8")
        assert quick.reset().convert(text) == plain.reset().convert(text), story


# The shortest text each pattern matches: a needle not in it would skip a real match.
SMALLEST = {
    "backtick": "`", "escape": "\\*", "footnote": "[^1]", "reference": "[", "link": "[",
    "image_link": "![", "image_reference": "![", "short_reference": "[", "short_image_ref": "![",
    "autolink": "<http://a>", "automail": "<a@b>", "entity": "&amp;", "hashheader": "# a",
    "deflist": ": a", "quote": "> a",
}  # fmt: skip


def test_each_pattern_still_finds_its_smallest_match() -> None:
    assert set(SMALLEST) == {*_INLINE, *_BLOCK}
    for name, text in SMALLEST.items():
        expression, *needles = _INLINE.get(name) or _BLOCK[name]
        quick = _PrecheckedPattern(re.compile(expression), *needles)
        assert re.compile(expression).search(text), name
        assert quick.search(text), name
        assert list(quick.finditer(text)), name


@pytest.mark.parametrize("name", [*_INLINE, *_BLOCK])
@settings(max_examples=80, deadline=None)
@given(text=MARKUP, pos=st.integers(0, 50), endpos=st.integers(0, 60))
def test_search_and_finditer_answer_as_the_pattern_does(
    name: str, text: str, pos: int, endpos: int
) -> None:
    expression, *needles = _INLINE.get(name) or _BLOCK[name]
    pattern = re.compile(expression)
    quick = _PrecheckedPattern(pattern, *needles)
    spans = [match.span() for match in pattern.finditer(text, pos, endpos)]
    assert [match.span() for match in quick.finditer(text, pos, endpos)] == spans
    assert [match.span() for match in quick.finditer(text, pos)] == [
        match.span() for match in pattern.finditer(text, pos)
    ]
    found, expected = quick.search(text, pos, endpos), pattern.search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())
    assert quick.pattern == expression
