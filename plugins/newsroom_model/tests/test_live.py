"""Cutting a live story's body into updates: only top-level level-2 headings, each on its line,
and the offsets give back exactly the HTML between them."""

from __future__ import annotations

from newsroom_model.live import sections_of
from newsroom_model.source import ReadConfig, read_source

CONFIG = ReadConfig(
    markdown='{"extension_configs": {"markdown.extensions.extra": {}}, "output_format": "html5"}',
    summary_words=45,
    summary_suffix="…",
    max_body_bytes=1_000_000,
    typography=True,
)
SOURCE = """Title: Banjir
Live: yes

Pembuka <b>tebal</b>.

## 06.10 Air naik

> ## 06.20 kutipan, bukan pembaruan

```
## 06.30 kode, bukan pembaruan
```

    ## 06.40 kode berindentasi

07.00 Tanggul & "jebol"
-----------------------

Teks <script>alert(1)</script> sesudah.

<h2>08.00 dari HTML</h2>

Akhir.
"""


def test_the_body_is_cut_at_top_level_headings_with_their_lines() -> None:
    source = read_source(SOURCE.encode("utf-8"), CONFIG)
    assert source.body is not None
    html = source.body.html
    sections = source.body.sections
    assert [(section.line, section.text) for section in sections] == [
        (6, "06.10 Air naik"),
        (16, "07.00 Tanggul & \u201cjebol\u201d"),
        (21, "08.00 dari HTML"),
    ]
    assert html[: sections[0].start].strip() == "<p>Pembuka <b>tebal</b>.</p>"
    first = html[sections[0].content_start : sections[0].end]
    assert "<blockquote>" in first
    assert "06.30 kode" in first
    assert "06.40 kode" in first
    assert html[sections[1].content_start : sections[1].end].strip() == "<p>Teks  sesudah.</p>"
    assert html[sections[2].content_start : sections[2].end].strip() == "<p>Akhir.</p>"
    assert sections[-1].end == len(html)


def test_a_story_that_is_not_live_is_not_cut() -> None:
    source = read_source(SOURCE.replace("Live: yes\n", "").encode("utf-8"), CONFIG)
    assert source.body is not None
    assert source.body.sections == ()
    assert sections_of("<p>a</p>", "a", 1) == ()
