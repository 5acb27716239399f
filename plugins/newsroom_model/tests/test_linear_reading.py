"""Reading a body grows with the body: no input makes it grow with the body's square.

The growth tests time the same work at two sizes, four times apart, and assert the order of
growth, not a budget: linear work takes about four times as long at four times the size, work
that grows with the square about sixteen times. The bound between (eight, with a floor for
times too short to measure) holds on a busy machine and fails at once on a quadratic step:
`'<a ' * n` took 2 s at 16 KB and 35 s at 60 KB before `linear_markdown`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import markdown.htmlparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import Markdown

from newsroom_model import linear_markdown
from newsroom_model.body_limits import MAX_NESTING, MAX_OPEN_BRACKETS, MAX_PARAGRAPHS
from newsroom_model.quick_patterns import quicken
from newsroom_model.source import _converter, read_source
from newsroom_model.tests.test_live import CONFIG

ROOT = Path(__file__).resolve().parents[3]
HEADER = "Title: Uji\nDate: 2026-11-18 09:00\nLive: yes\n\n"
SMALL, LARGE = 16_000, 64_000
# Linear: about 4 at four times the size; the square: about 16.
GROWTH_BOUND = 8.0
# Below this, a timing is mostly the machine's noise: growth is not judged from it.
FLOOR = 0.01

# Openers that once made a scan start again and run to the end, each alone and mixed.
OPENERS = [
    "<a ", "a<b ", '<a "', "<a '", "<a\n", "<a =", "<span x=", "</a", "<![CDATA[", "<!", "<?",
    "<!--", "[", "![", "[^", "*[", "](", "[a](b) [", "![a](javascript:b) ", "&#", "`", "\\",
    "*a ", "_", "<div>", "> ", "- ", "## 1.00\n\n", "::: galeri\n", "{: ", "<http://", "\n\n",
    "<p \"",
]  # fmt: skip


def cpu_seconds(work: Callable[[], object]) -> float:
    """The least CPU time of three runs: the run least disturbed by the rest of the machine."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def growth(make: Callable[[int], Callable[[], object]]) -> tuple[float, float]:
    small, large = cpu_seconds(make(SMALL)), cpu_seconds(make(LARGE))
    return small, large


def assert_linear(small: float, large: float, what: str) -> None:
    assert large <= GROWTH_BOUND * max(small, FLOOR), (
        f"{what}: {small:.3f} s at {SMALL:,} bytes, {large:.3f} s at {LARGE:,}"
    )


def repeated(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


@pytest.mark.parametrize("unit", ["<a ", "a<b ", "</a", "<![CDATA[", "[", "<a\n", "![a](b) ["])
def test_python_markdown_reads_hostile_openers_in_linear_time(unit: str) -> None:
    # The converter itself, without the bounds that refuse most of these bodies first.
    converter = _converter(CONFIG.markdown)

    def make(size: int) -> Callable[[], object]:
        text = repeated(unit, size)
        return lambda: converter.reset().convert(text)

    assert_linear(*growth(make), repr(unit))


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(OPENERS), min_size=1, max_size=3).map("".join))
def test_reading_any_run_of_openers_grows_linearly(unit: str) -> None:
    def make(size: int) -> Callable[[], object]:
        data = (HEADER + repeated(unit, size)).encode()
        return lambda: read_source(data, CONFIG)

    assert_linear(*growth(make), repr(unit))


@contextmanager
def stock_extractor() -> Iterator[None]:
    """Python-Markdown's HTML extractor without linear_markdown's methods, for comparison."""
    extractor = markdown.htmlparser.HTMLExtractor
    patched = {
        name: extractor.__dict__[name]
        for name in ("check_for_whole_start_tag", "parse_marked_section", "parse_endtag")
    }
    for name in patched:
        delattr(extractor, name)
    try:
        yield
    finally:
        for name, method in patched.items():
            setattr(extractor, name, method)


def convert(text: str, linear: bool) -> str:
    md = Markdown(extensions=["markdown.extensions.extra"], output_format="html5")
    if linear:
        return str(quicken(linear_markdown.linearise(md)).convert(text))
    with stock_extractor():
        return str(md.convert(text))


MARKUP = st.lists(
    st.sampled_from(
        [
            "kata", " ", "\n", "\n\n", "[", "]", "![", "(", ")", "<", ">", "<a ", "<b>", "</b>",
            "</a", "<div>", "</div>", "<![CDATA[", "]]>", "<!", "<!--", "-->", '"', "'", "=",
            "/", "`", "*", "_", "&", "\\", "[^1]", "[a](b)", "<?", "?>", "<p ", "</", "<div\n",
            'markdown="1"', "[a]: b\n",
        ]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_the_linear_converter_writes_what_python_markdown_writes(text: str) -> None:
    assert convert(text, linear=True) == convert(text, linear=False)


def test_the_sample_newsroom_reads_the_same() -> None:
    stories = sorted((ROOT / "content").rglob("*.md"))
    assert len(stories) > 30
    for story in stories:
        text = story.read_text(encoding="utf-8")
        assert convert(text, linear=True) == convert(text, linear=False), story


def finding_of(body: str) -> tuple[int, str, str]:
    source = read_source((HEADER + body).encode(), CONFIG)
    assert source.body is None, "the body was read"
    (finding,) = source.findings
    return finding.line, finding.field, str(finding.message)


def test_a_body_past_a_bound_is_refused_naming_its_line() -> None:
    first = 5  # the header is four lines and a blank one
    lists = "Awal.\n\n" + "".join("    " * level + "- butir\n" for level in range(MAX_NESTING + 1))
    assert finding_of(lists) == (
        first + 2 + MAX_NESTING,
        "Body",
        f"nests lists {MAX_NESTING + 1} deep (at most {MAX_NESTING})",
    )
    html = "Awal.\n\n" + "<div>\n" * (MAX_NESTING + 1)
    line, _, message = finding_of(html)
    assert (line, message) == (
        first + 2 + MAX_NESTING,
        f"nests HTML elements {MAX_NESTING + 1} deep (at most {MAX_NESTING})",
    )
    brackets = "Awal.\n\nKalimat " + "[" * (MAX_OPEN_BRACKETS + 1) + " akhir."
    assert finding_of(brackets)[:2] == (first + 2, "Body")
    escapes = "Awal.\n\n" + "\\*" * 6_000
    line, _, message = finding_of(escapes)
    assert line == first + 2
    assert message.startswith("has 12,000 Markdown and HTML marks in one paragraph")
    paragraphs = "Satu.\n\n" * (MAX_PARAGRAPHS + 1)
    assert finding_of(paragraphs) == (
        first + 2 * MAX_PARAGRAPHS - 2,
        "Body",
        f"has more than {MAX_PARAGRAPHS:,} paragraphs",
    )


def test_bodies_at_the_bounds_are_read() -> None:
    lists = "".join("    " * level + "- butir\n" for level in range(MAX_NESTING))
    html = "<div>" * MAX_NESTING + "isi" + "</div>" * MAX_NESTING
    brackets = "[" * MAX_OPEN_BRACKETS + " teks"
    for body in (lists, html, brackets):
        source = read_source((HEADER + body).encode(), CONFIG)
        assert source.body is not None, source.findings
