"""Both header styles split into fields with the right lines, and broken headers are named."""

from __future__ import annotations

from newsroom_model.header import decode_source, split_source


def test_key_value_header_keeps_lines_and_continuations() -> None:
    text = (
        "Title: Banjir\nTags: banjir,\n    bpbd\nDate: 2026-11-10\n\n"
        "Isi berita.\nKota: bukan header\n"
    )
    split = split_source(text, "a.md")
    assert [(f.name, f.value, f.line) for f in split.fields] == [
        ("title", "Banjir", 1),
        ("tags", "banjir, bpbd", 2),
        ("date", "2026-11-10", 4),
    ]
    assert split.body == "Isi berita.\nKota: bukan header"
    assert split.header_style == "key-value"


def test_body_line_that_looks_like_a_field_is_not_read_as_one() -> None:
    split = split_source("Title: A\n\nCatatan: ini isi berita.\n", "a.md")
    assert [f.name for f in split.fields] == ["title"]
    assert split.body.startswith("Catatan:")


def test_yaml_front_matter_keeps_strings_lists_and_lines() -> None:
    text = (
        "---\ntitle: 'Asap: Palangka Raya'\ndate: 2026-09-03 06:30\n"
        "tags: [karhutla, asap]\ncorrections:\n  - date: 2026-09-04\n    note: Ralat.\n---\nIsi.\n"
    )
    split = split_source(text, "b.md")
    fields = {f.name: (f.value, f.line) for f in split.fields}
    assert fields["title"] == ("Asap: Palangka Raya", 2)
    assert fields["date"] == ("2026-09-03 06:30", 3)  # a string: the schema parses dates
    assert fields["tags"] == (["karhutla", "asap"], 4)
    assert fields["corrections"] == ([{"date": "2026-09-04", "note": "Ralat."}], 5)
    assert split.body == "Isi."
    assert split.header_style == "yaml"


def test_yaml_syntax_error_names_its_line() -> None:
    split = split_source("---\ntitle: ok\ntags: [a, b\n---\nIsi.\n", "c.md")
    assert len(split.problems) == 1
    problem = split.problems[0]
    assert (problem.path, problem.field) == ("c.md", "Header")
    assert problem.line in (3, 4)
    assert "quote" in str(problem.hint)


def test_unclosed_front_matter_is_a_problem() -> None:
    split = split_source("---\ntitle: A\n\nIsi tanpa penutup.\n", "d.md")
    assert [(p.line, p.field) for p in split.problems] == [(1, "Header")]


def test_non_utf8_names_the_line_of_the_first_bad_byte() -> None:
    text, problem = decode_source(b"Title: A\nDate: 2026-01-01\n\nCaf\xe9\n", "e.md")
    assert text is None
    assert problem is not None
    assert (problem.line, problem.field) == (4, "Encoding")
    assert "0xe9" in str(problem.message)


def test_byte_order_mark_is_accepted() -> None:
    text, problem = decode_source("\ufeffTitle: A\n".encode(), "f.md")
    assert problem is None
    assert text == "Title: A\n"
