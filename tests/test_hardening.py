"""Careless or hostile input the build must refuse cleanly: settings, YAML tricks, empty
bylines, oversized bodies, links out of content/, and files a publish must not carry.

Each case is run through the real command and must end in `path:line: Field: problem (hint)`
lines (or one line per setting), exit status 1, no traceback and nothing written.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.sitekit import C_LOCALE_ENV, Site, run_module


def assert_refused_before_writing(stderr: str, returncode: int, site: Site) -> None:
    assert returncode == 1, stderr
    assert "Traceback" not in stderr
    output = site.root / "output"
    assert not (output.exists() and any(output.rglob("*.html"))), "something was written"


def test_settings_are_checked_at_start_naming_each_setting(site: Site) -> None:
    site.article("a.md")
    build = site.build(
        'WARTA_RELATED_COUNT = "lima"\n'
        "WARTA_RELATED_CONUT = 3\n"
        'WARTA_RELATED_WEIGHTS = {"tagz": 2.0}\n'
        "WARTA_RELATED_WINDOW_DAYS = [730]\n"
    )
    assert_refused_before_writing(build.stderr, build.returncode, site)
    lines = [line.removeprefix("settings: ") for line in build.report_lines]
    found = "\n".join(lines)
    assert any(line.startswith("WARTA_RELATED_COUNT ") for line in lines), found
    assert "WARTA_RELATED_CONUT is not a Warta setting (did you mean 'WARTA_RELATED_COUNT'?)" in (
        found
    )
    weights = next(line for line in lines if line.startswith("WARTA_RELATED_WEIGHTS "))
    assert "has the key 'tagz' (did you mean 'tags'?)" in weights, weights
    assert any(line.startswith("WARTA_RELATED_WINDOW_DAYS ") for line in lines), found


def test_yaml_anchors_and_aliases_are_refused_in_one_short_line(site: Site) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]" for n in range(8)
    ]
    site.write(
        "articles/bom.md",
        "---\ntitle: Bom YAML\ndate: 2026-11-18 09:00\ncategory: Budaya\n"
        "location: Kabupaten Banjar\nauthor: Siti Aisyah Noor\n"
        + "\n".join(levels)
        + "\n---\n\nIsi.\n",
    )
    build = site.build()
    assert_refused_before_writing(build.stderr, build.returncode, site)
    assert len(build.stderr) < 2_000, f"{len(build.stderr)} bytes of messages"
    # One line, at the first alias: the fields it hides are not also reported missing.
    assert build.report_lines == [
        "content/articles/bom.md:7: Header: YAML anchors and aliases (& and *) are not allowed"
        " in front matter (write each value out in full)",
        "1 content problem in 1 file; nothing was written.",
    ]


def test_an_empty_byline_is_refused_in_both_header_styles(site: Site) -> None:
    site.article("kosong.md", Slug="kosong", drop=("Author",), Authors="")
    site.write(
        "articles/daftar.md",
        "---\ntitle: Daftar Kosong\ndate: 2026-11-18 09:00\ncategory: Budaya\n"
        "location: Kabupaten Banjar\nauthors: []\n---\n\nIsi.\n",
    )
    build = site.build()
    assert_refused_before_writing(build.stderr, build.returncode, site)
    files = {line.split(":")[0] for line in build.report_lines[:-1]}
    assert files == {"content/articles/kosong.md", "content/articles/daftar.md"}, build.stderr
    assert all("Author" in line for line in build.report_lines[:-1]), build.stderr


def test_a_body_over_the_limit_is_refused_before_it_reaches_any_feed(site: Site) -> None:
    site.article("a.md", Slug="biasa")
    site.article("besar.md", Slug="besar", body="Kata panjang sekali. " * 2_000)
    build = site.build("WARTA_MAX_BODY_BYTES = 20_000\n")
    assert_refused_before_writing(build.stderr, build.returncode, site)
    assert build.report_lines[0] == (
        "content/articles/besar.md:8: Body: is 42 KB (a story is at most 20 KB"
        " (WARTA_MAX_BODY_BYTES); split it or link the document)"
    ), build.stderr


def test_links_out_of_content_are_refused_and_never_published(
    site: Site, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "rahasia.txt").write_text("kata sandi server", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "berkas.pdf").write_bytes(b"%PDF-1.4 rahasia")
    images = site.content / "images"
    images.mkdir()
    os.symlink(outside / "rahasia.txt", images / "x.pdf")
    os.symlink(outside / "folder", images / "tautan")
    site.article("a.md")
    build = site.build()
    assert_refused_before_writing(build.stderr, build.returncode, site)
    refused = {line.split(":")[0] for line in build.report_lines[:-1]}
    assert refused == {"content/images/x.pdf", "content/images/tautan"}, build.stderr
    assert all("outside the content folder" in line for line in build.report_lines[:-1])


def test_publish_refuses_a_static_page_and_leaves_no_staging_behind(site: Site) -> None:
    site.article("a.md", Slug="pasar")
    conf = site.settings_file()

    def publish() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "warta", "-s", str(conf), "publish"],
            cwd=site.root,
            env=C_LOCALE_ENV,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    assert publish().returncode == 0
    before = sorted(p.relative_to(site.root) for p in (site.root / "output").rglob("*"))
    site.write("images/lama.html", b"<html>\xff\xfe tidak UTF-8</html>")
    failed = publish()
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "content/images/lama.html:1: File: is not published: '.html' files" in failed.stderr
    assert sorted(p.relative_to(site.root) for p in (site.root / "output").rglob("*")) == before
    assert not list(site.root.glob(".output.*"))


def test_hostile_data_files_are_refused_by_check_and_build_before_anything_is_written(
    site: Site,
) -> None:
    data = site.content / "data"
    authors = data / "authors.yaml"
    authors.write_text(
        authors.read_text(encoding="utf-8")
        + "- name: Penyusup\n"
        + "  slug: ../../theme/templates\n"
        + '  bio: "{{ 7*7 }} {{ cycler.__init__.__globals__.os.getuid() }}"\n'
        + "- name: Titik\n"
        + '  slug: "."\n'
        + "- name: Kembar\n"
        + "  slug: rahmat-hidayat\n"
        + "- name: Berfoto\n"
        + "  photo: images/tidak-ada.jpg\n",
        encoding="utf-8",
    )
    sources = data / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + '- name: Sumber Jahat\n  url: "javascript:fetch(1)"\n  abuot: x\n',
        encoding="utf-8",
    )
    site.article("a.md", Slug="a", Author="Penyusup", Source="Sumber Jahat")
    site.article("b.md", Slug="b", Author="Rahmat-Hidayat")
    checked = run_module(site.root, "warta", "-s", str(site.settings_file()), "check")
    build = site.build()
    assert_refused_before_writing(build.stderr, build.returncode, site)
    assert not (site.root / "theme").exists()
    lines = build.report_lines[:-1]
    assert [line.split(": ")[0:2] for line in lines] == [
        ["content/articles/b.md:5", "Author"],
        ["content/data/authors.yaml:36", "Slug"],
        ["content/data/authors.yaml:39", "Slug"],
        ["content/data/authors.yaml:41", "Slug"],
        ["content/data/authors.yaml:43", "Photo"],
        ["content/data/sources.yaml:22", "URL"],
        ["content/data/sources.yaml:23", "Abuot"],
    ], build.stderr
    assert "'Rahmat-Hidayat' would share the page of staff writer 'Rahmat Hidayat'" in lines[0]
    # `warta check` reports the same problems, and says there are errors.
    assert checked.returncode == 1
    assert [line for line in checked.stderr.splitlines() if line in lines] == lines


def test_an_alias_bomb_or_deep_nesting_in_any_yaml_is_one_line_not_a_crash(site: Site) -> None:
    levels = ["- name: Bom\n  a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"  {chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]" for n in range(8)
    ]
    (site.content / "data" / "authors.yaml").write_text("\n".join(levels) + "\n", encoding="utf-8")
    (site.content / "data" / "sources.yaml").write_text(
        "- name: Dalam\n  about: " + "[" * 3_000 + "\n", encoding="utf-8"
    )
    site.write(
        "articles/dalam.md",
        "---\ntitle: Dalam\ntags: " + "[" * 5_000 + "\n---\n\nIsi.\n",
    )
    build = site.build()
    assert_refused_before_writing(build.stderr, build.returncode, site)
    assert len(build.stderr) < 2_000, f"{len(build.stderr)} bytes of messages"
    assert build.report_lines == [
        "content/articles/dalam.md:3: Header: YAML nests lists and mappings more than 20 deep"
        " in front matter (write the values out flat)",
        "content/data/authors.yaml:2: Data: YAML anchors and aliases (& and *) are not allowed"
        " in data files (write each value out in full)",
        "content/data/sources.yaml:2: Data: YAML nests lists and mappings more than 20 deep in"
        " data files (write the values out flat)",
        "3 content problems in 3 files; nothing was written.",
    ]
