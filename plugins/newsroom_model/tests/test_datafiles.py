"""The data files go through a schema as headers do: each value checked, each problem named."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom_model.catalog import Catalog
from newsroom_model.datafiles import load_catalog
from newsroom_model.settings import DEFAULTS
from warta.problems import Problem

SUBSTITUTIONS = [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]


def load(tmp_path: Path, **files: str) -> tuple[Catalog, list[str]]:
    """The catalog of data files written from `files` (locations, authors, sources)."""
    content = tmp_path / "content"
    data = content / "data"
    data.mkdir(parents=True, exist_ok=True)
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "potret.jpg").write_bytes(b"jpeg")
    for kind in ("locations", "authors", "sources"):
        (data / f"{kind}.yaml").write_text(files.get(kind, ""), encoding="utf-8")
    catalog, problems = load_catalog(
        data, DEFAULTS["WARTA_DATA_FILES"], SUBSTITUTIONS, tmp_path, content_root=content
    )
    return catalog, [str(problem) for problem in problems]


def test_every_value_is_checked_and_every_problem_named_on_its_line(tmp_path: Path) -> None:
    _, problems = load(
        tmp_path,
        authors=(
            "- name: Rahmat Hidayat\n"  # 1
            "  slug: ../../theme/templates\n"  # 2
            '  bio: "{{ 7*7 }}"\n'  # 3: text, printed as text
            "- name: Siti Aisyah Noor\n"  # 4
            "  foto: images/potret.jpg\n"  # 5
            "- name: Budi\n"  # 6
            '  slug: "."\n'  # 7
            "- name: [a, b]\n"  # 8
            '- name: "Nama\\ufffe"\n'  # 9
            "- just text\n"  # 10
            "- name: Ani\n"  # 11
            "  role: Reporter\n"  # 12
            "  role: Redaktur\n"  # 13
            "- slug: tanpa-nama\n"  # 14
        ),
        sources=(
            "- name: Kantor Berita Borneo\n"  # 1
            '  url: "javascript:fetch(1)"\n'  # 2
            "- name: Lain\n"  # 3
            "  url: ftp://lain.example/\n"  # 4
            "  abuot: x\n"  # 5
        ),
        locations=(
            "- name: Indonesia\n"  # 1
            "  children:\n"  # 2
            "    - name: Kota A\n"  # 3
            "      dateline: " + "A" * 201 + "\n"  # 4
            "    - name: Kota B\n"  # 5
            "      children: ya\n"  # 6
        ),
    )
    assert problems == [
        "content/data/locations.yaml:4: Dateline: is 201 characters long"
        " (keep it under 200 characters)",
        "content/data/locations.yaml:6: Children: must be a list of places"
        " (start each with '- name:')",
        "content/data/authors.yaml:2: Slug: '../../theme/templates' is not a slug"
        " (use lower-case letters, digits and hyphens)",
        "content/data/authors.yaml:5: Foto: is not a key of a writer (did you mean 'photo'?)",
        "content/data/authors.yaml:7: Slug: '.' is not a slug"
        " (use lower-case letters, digits and hyphens)",
        "content/data/authors.yaml:8: Name: must be text, not a list or a mapping"
        " (write it on one line)",
        "content/data/authors.yaml:9: Name: contains a code that is not a character (U+FFFE)"
        " (retype the value; it may be pasted)",
        "content/data/authors.yaml:10: Data: is not an entry of 'key: value' fields, as a writer"
        " is written (start each entry with '- name:' and indent its other keys under it)",
        "content/data/authors.yaml:13: Role: is given twice (first on line 12) (keep one)",
        "content/data/authors.yaml:14: Name: is missing (give every entry 'name:')",
        "content/data/sources.yaml:2: URL: 'javascript:fetch(1)' is not a web address"
        " (start it with https://)",
        "content/data/sources.yaml:4: URL: 'ftp://lain.example/' is not a web address"
        " (start it with https://)",
        "content/data/sources.yaml:5: Abuot: is not a key of a source (did you mean 'about'?)",
    ]


def test_an_address_made_from_a_name_is_checked_after_transliteration(tmp_path: Path) -> None:
    # 36 characters of name, 179 of address: the name's own length says nothing.
    _, problems = load(tmp_path, sources="- name: " + "龍" * 36 + "\n- name: '!!!'\n")
    assert problems == [
        "content/data/sources.yaml:1: Name: '" + "龍" * 36 + "' makes an address of 179"
        " characters (give the entry a 'slug:')",
        "content/data/sources.yaml:2: Name: '!!!' has no letters or digits to make its address"
        " from (give the entry a 'slug:')",
    ]


def test_two_entries_never_share_a_name_or_a_page(tmp_path: Path) -> None:
    catalog, problems = load(
        tmp_path,
        authors=(
            "- name: Rahmat Hidayat\n"
            "- name: Siti Aisyah Noor\n"
            "  slug: rahmat-hidayat\n"
            "- name: rahmat hidayat\n"
        ),
        locations=(
            "- name: Indonesia\n"  # 1
            "  children:\n"
            "    - name: Provinsi X\n"  # 3
            "      children:\n"
            "        - {name: Kota A, slug: kota}\n"  # 5
            "        - {name: Kota B, slug: kota}\n"  # 6: the same address
            "    - name: Provinsi Y\n"
            "      children:\n"
            "        - {name: Kota C, slug: kota}\n"  # 9: in another region, another address
        ),
    )
    assert problems == [
        "content/data/locations.yaml:6: Slug: 'provinsi-x/kota' is already the address of"
        " 'Kota A' (line 5) (give each entry its own slug: two entries on one page would read"
        " as one)",
        "content/data/authors.yaml:3: Slug: 'rahmat-hidayat' is already the address of"
        " 'Rahmat Hidayat' (line 1) (give each entry its own slug: two entries on one page"
        " would read as one)",
        "content/data/authors.yaml:4: Name: 'rahmat hidayat' is listed twice (first on line 1)"
        " (keep one entry per name)",
    ]
    assert [place.path for place in catalog.locations.values()] == [
        "indonesia", "provinsi-x", "provinsi-x/kota", "provinsi-y", "provinsi-y/kota"
    ]  # fmt: skip


def test_a_writer_may_have_a_photo_checked_as_a_story_image_is(tmp_path: Path) -> None:
    catalog, problems = load(
        tmp_path,
        authors=(
            "- name: Rahmat Hidayat\n"
            "  photo: images/potret.jpg\n"
            "  photo_alt: Rahmat Hidayat di ruang redaksi\n"
            "- name: Siti Aisyah Noor\n"
            "  photo: /images/potret.jpg\n"  # 5: no alt text
            "- name: Muhammad Fauzan\n"
            "  photo: images/potert.jpg\n"  # 7
            "  photo_alt: Potret\n"
            "- name: Nur Aini\n"
            "  photo: ../../etc/passwd\n"  # 10
            "  photo_alt: Potret\n"
        ),
    )
    writer = catalog.author("Rahmat Hidayat")
    assert writer is not None
    assert (writer.photo, writer.photo_alt) == (
        "images/potret.jpg",
        "Rahmat Hidayat di ruang redaksi",
    )
    assert problems == [
        "content/data/authors.yaml:5: Photo_alt: is required with a photo"
        " (describe the photo for blind readers)",
        "content/data/authors.yaml:7: Photo: file 'images/potert.jpg' does not exist"
        " (did you mean 'potret.jpg'?)",
        "content/data/authors.yaml:10: Photo: '../../etc/passwd' is outside the content folder"
        " (put the photo in images/)",
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "- name: a\n  bio: &a [x, x, x]\n- name: b\n  bio: *a\n",
            2,
            "YAML anchors and aliases (& and *) are not allowed in data files",
        ),
        (
            "- name: a\n  bio: " + "[" * 3_000 + "\n",
            2,
            "YAML nests lists and mappings more than 20 deep in data files",
        ),
        ("- name: a\n  bio: 'tidak ditutup\n", 3, "cannot be read: found unexpected end of stream"),
        ("name: a\n", 1, "is not a list of entries"),
        (b"- name: \xff\n", 1, "byte 0xff is not UTF-8"),
    ],
)
def test_yaml_that_cannot_be_read_safely_is_refused_in_one_line(
    tmp_path: Path, text: str | bytes, line: int, message: str
) -> None:
    content = tmp_path / "content" / "data"
    content.mkdir(parents=True)
    (content / "authors.yaml").write_bytes(text if isinstance(text, bytes) else text.encode())
    _, problems = load_catalog(content, DEFAULTS["WARTA_DATA_FILES"], SUBSTITUTIONS, tmp_path)
    assert len(problems) == 1, problems
    problem: Problem = problems[0]
    assert (problem.path, problem.line) == ("content/data/authors.yaml", line)
    assert str(problem.message).startswith(message), problem
