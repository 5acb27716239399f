"""Each metadata field is parsed or refused with a hint, and fields are checked together."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsroom_model.catalog import Location
from newsroom_model.datafiles import load_catalog
from newsroom_model.header import RawField
from newsroom_model.schema import ARTICLE, PAGE, Correction, Rules, Validated, validate
from newsroom_model.settings import DEFAULTS

DATA = Path(__file__).resolve().parents[3] / "content" / "data"
SUBSTITUTIONS = [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    catalog, problems = load_catalog(DATA, DEFAULTS["WARTA_DATA_FILES"], SUBSTITUTIONS, DATA)
    assert problems == []
    root = tmp_path_factory.mktemp("content")
    (root / "images").mkdir()
    (root / "images" / "banjir.jpg").write_bytes(b"jpeg")
    return Rules(catalog, tuple(DEFAULTS["WARTA_CATEGORIES"]), ZoneInfo("Asia/Makassar"), root)


def check(rules: Rules, kind: str = ARTICLE, **fields: object) -> Validated:
    base: dict[str, object] = {
        "title": "Banjir",
        "date": "2026-11-10 07:45",
        "category": "Lingkungan",
        "location": "Kabupaten Banjar",
        "author": "Siti Aisyah Noor",
    }
    base.update(fields)
    raw = [
        RawField(name, value, line)  # type: ignore[arg-type]
        for line, (name, value) in enumerate(base.items(), start=1)
        if value is not None
    ]
    return validate(raw, kind, "a.md", rules)


def only_problem(result: Validated) -> tuple[int, str, str, str]:
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    return problem.line, problem.field, str(problem.message), str(problem.hint)


def test_valid_article_gives_clean_values(rules: Rules) -> None:
    result = check(rules, tags="banjir, BPBD, banjir", authors=None)
    assert result.ok
    data = result.metadata
    assert data["date"] == datetime(2026, 11, 10, 7, 45, tzinfo=ZoneInfo("Asia/Makassar"))
    assert data["category"] == "Lingkungan"
    location = data["location"]
    assert isinstance(location, Location)
    assert [place.name for place in location.trail] == [
        "Indonesia",
        "Kalimantan Selatan",
        "Kabupaten Banjar",
    ]
    assert location.dateline == "MARTAPURA"
    assert location.path == "kalimantan-selatan/kabupaten-banjar"
    assert data["tags"] == ["banjir", "BPBD"]


def test_date_with_offset_keeps_it(rules: Rules) -> None:
    moment = check(rules, date="2026-10-02T14:00+07:00").metadata["date"]
    assert isinstance(moment, datetime)
    assert moment.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize("written", ["18-10-2023", "kemarin", "2026-13-01", ""])
def test_unreadable_date_is_refused_with_the_iso_hint(rules: Rules, written: str) -> None:
    line, field, _, hint = only_problem(check(rules, date=written))
    assert (line, field) == (2, "Date")
    assert "2026-12-06 14.45" in hint or "write a value" in hint


def test_unknown_desk_suggests_the_closest(rules: Rules) -> None:
    line, field, message, hint = only_problem(check(rules, category="Politk"))
    assert (line, field) == (3, "Category")
    assert "'Politk'" in message
    assert hint == "did you mean 'Politik'?"


def test_desk_far_from_any_lists_them_all(rules: Rules) -> None:
    _, _, _, hint = only_problem(check(rules, category="Gaya Hidup"))
    assert hint.startswith("desks: Politik, Hukum")


def test_desk_is_matched_without_regard_to_case(rules: Rules) -> None:
    assert check(rules, category="politik").metadata["category"] == "Politik"


def test_unknown_place_suggests_the_closest(rules: Rules) -> None:
    line, field, message, hint = only_problem(check(rules, location="Kota Banjarmsin"))
    assert (line, field) == (4, "Location")
    assert "'Kota Banjarmsin' is not a known place" in message
    assert hint.startswith("did you mean 'Kota Banjarmasin'")


def test_every_required_field_missing_is_reported(rules: Rules) -> None:
    result = validate([RawField("tags", "a", 1)], ARTICLE, "a.md", rules)
    fields = sorted(problem.field for problem in result.problems)
    assert fields == ["Author", "Category", "Date", "Location", "Title"]
    assert all(str(problem.message) == "is missing" for problem in result.problems)


def test_page_needs_only_a_title(rules: Rules) -> None:
    result = validate([RawField("title", "Tentang", 1)], PAGE, "p.md", rules)
    assert result.ok
    refused = validate(
        [RawField("title", "Tentang", 1), RawField("category", "Politik", 2)], PAGE, "p.md", rules
    )
    assert only_problem(refused)[:2] == (2, "Category")


def test_image_must_exist_and_stay_in_content(rules: Rules) -> None:
    assert check(rules, image="images/banjir.jpg", imagealt="Jalan tergenang").ok
    _, field, message, hint = only_problem(check(rules, image="images/banjr.jpg", imagealt="Jalan"))
    assert field == "Image"
    assert "'images/banjr.jpg' does not exist" in message
    assert hint == "did you mean 'banjir.jpg'?"
    _, _, message, _ = only_problem(check(rules, image="../../etc/passwd", imagealt="x"))
    assert "outside the content folder" in message


def test_image_needs_alt_text(rules: Rules) -> None:
    assert only_problem(check(rules, image="images/banjir.jpg"))[1] == "ImageAlt"


def test_unknown_field_suggests_the_intended_one(rules: Rules) -> None:
    result = check(rules, catgory="Politik")
    _, field, message, hint = only_problem(result)
    assert field == "Catgory"
    assert message == "is not a field Warta knows"
    assert "'Category'" in hint


def test_field_given_twice_is_refused(rules: Rules) -> None:
    raw = [RawField("title", "A", 1), RawField("title", "B", 2)]
    problems = [p for p in validate(raw, ARTICLE, "a.md", rules).problems if p.field == "Title"]
    assert [(p.line, str(p.message)) for p in problems] == [(2, "is given twice (first on line 1)")]


def test_modified_before_date_is_refused(rules: Rules) -> None:
    assert only_problem(check(rules, modified="2026-11-09 10:00"))[1] == "Modified"


def test_corrections_in_both_styles(rules: Rules) -> None:
    key_value = check(rules, correction="2026-11-11 09:00 | Angka korban diperbaiki.")
    yaml_style = check(
        rules, corrections=[{"date": "2026-11-11 09:00", "note": "Angka korban diperbaiki."}]
    )
    expected = [
        Correction(
            datetime(2026, 11, 11, 9, 0, tzinfo=ZoneInfo("Asia/Makassar")),
            "Angka korban diperbaiki.",
        )
    ]
    assert key_value.metadata["correction"] == expected
    assert yaml_style.metadata["corrections"] == expected
    assert only_problem(check(rules, correction="tanpa tanggal"))[1] == "Correction"


def test_syndication_needs_a_source_and_a_web_address(rules: Rules) -> None:
    # The field to add is named: Source, which a SourceURL needs (schema.NEEDED_WITH).
    assert only_problem(check(rules, sourceurl="https://kbb.example/a"))[1] == "Source"
    _, field, _, hint = only_problem(check(rules, source="KBB", sourceurl="kbb.example/a"))
    assert (field, hint) == ("SourceURL", "start it with https://")


def test_yaml_list_of_authors_and_both_author_fields(rules: Rules) -> None:
    assert check(rules, author=None, authors=["A", "B"]).metadata["authors"] == ["A", "B"]
    assert only_problem(check(rules, authors="A, B"))[1] == "Authors"


def test_image_focus_is_two_fractions(rules: Rules) -> None:
    photo = {"image": "images/banjir.jpg", "imagealt": "Jalan tergenang"}
    assert check(rules, imagefocus="0.25, 0.7", **photo).metadata["imagefocus"] == (0.25, 0.7)
    assert check(rules, imagefocus=["1", "0"], **photo).metadata["imagefocus"] == (1.0, 0.0)
    for written, message in [
        ("tengah", "'tengah' is not two fractions"),
        ("0.2, 0.3, 0.4", "'0.2, 0.3, 0.4' is not two fractions"),
        ("50, 30", "'50, 30' is outside 0 to 1"),
    ]:
        _, field, said, hint = only_problem(check(rules, imagefocus=written, **photo))
        assert (field, said) == ("ImageFocus", message)
        assert hint.startswith("write two fractions from 0 to 1")


def test_indonesian_field_names_are_the_fields_they_mean(rules: Rules) -> None:
    raw = [
        RawField("judul", "Banjir", 1),
        RawField("tanggal", "2026-11-10 07.45", 2),
        RawField("rubrik", "Lingkungan", 3),
        RawField("lokasi", "Kabupaten Banjar", 4),
        RawField("penulis", "Siti Aisyah Noor", 5),
        RawField("sumber", "Kantor Berita Borneo", 6),
        RawField("tag", "banjir, bpbd", 7),
    ]
    checked = validate(raw, ARTICLE, "a.md", rules)
    assert checked.problems == []
    assert checked.metadata["title"] == "Banjir"
    assert checked.metadata["date"] == datetime(
        2026, 11, 10, 7, 45, tzinfo=ZoneInfo("Asia/Makassar")
    )
    assert checked.metadata["authors"] == ["Siti Aisyah Noor"]
    assert checked.metadata["tags"] == ["banjir", "bpbd"]


def test_a_field_written_in_indonesian_is_named_so_in_its_problem(rules: Rules) -> None:
    raw = [
        RawField("judul", "Banjir", 1),
        RawField("tanggal", "kemarin", 2),
        RawField("kategori", "Lingkungan", 3),
        RawField("lokasi", "Kota Banjarmasinn", 4),
        RawField("penulis", "Siti Aisyah Noor", 5),
        RawField("lokasii", "x", 6),
    ]
    problems = {
        (p.line, p.field): (str(p.message), str(p.hint))
        for p in validate(raw, ARTICLE, "a.md", rules).problems
    }
    assert problems[(2, "Tanggal")][0] == "'kemarin' is not a date"
    assert problems[(4, "Lokasi")][1].startswith("did you mean 'Kota Banjarmasin'")
    assert problems[(6, "Lokasii")][1] == "did you mean 'Lokasi'?"
