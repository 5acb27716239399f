"""Careless or hostile input the build must refuse cleanly: settings, YAML tricks, empty
bylines, oversized bodies, links out of content/, and files a publish must not carry.

Each case is run through the real command and must end in `path:line: Field: problem (hint)`
lines (or one line per setting), exit status 1, no traceback and nothing written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

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
    staff = len(authors.read_text(encoding="utf-8").splitlines())  # the shipped entries' lines
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
    listed = len(sources.read_text(encoding="utf-8").splitlines())
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
        [f"content/data/authors.yaml:{staff + 2}", "Slug"],
        [f"content/data/authors.yaml:{staff + 5}", "Slug"],
        [f"content/data/authors.yaml:{staff + 7}", "Slug"],
        [f"content/data/authors.yaml:{staff + 9}", "Photo"],
        [f"content/data/sources.yaml:{listed + 2}", "URL"],
        [f"content/data/sources.yaml:{listed + 3}", "Abuot"],
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


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder`: its bytes and its modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# A plugin whose output fails while the build writes: an exception after writing has begun.
BREAKS_WRITING = '''"""Fails while the site is written, after the pages are rendered."""
from warta.output import OUTPUTS, OutputFiles
from warta.signals import plan_site


def add(run):
    def write(writes):
        writes.write("sebagian.txt", b"half")
        raise OSError("disk full")

    run.get(OUTPUTS).files.append(OutputFiles("breaks", "feeds", ("sebagian.txt",), write))


def register():
    plan_site.connect(add)
'''


@pytest.mark.parametrize("cache", ["kept", "deleted"])
def test_a_build_that_fails_while_writing_leaves_output_as_it_was(site: Site, cache: str) -> None:
    site.article("a.md", Slug="a")
    site.article("b.md", Slug="b", Title="Berita Kedua")
    assert site.build().returncode == 0
    output = site.root / "output"
    before = snapshot(output)
    site.article("a.md", Slug="a", Title="Judul Diperbarui")
    (site.root / "b.md").unlink(missing_ok=True)
    (site.content / "articles" / "b.md").unlink()
    site.article("c.md", Slug="c", Title="Berita Baru")
    if cache == "deleted":
        shutil.rmtree(site.root / ".cache")  # a cold build, which keeps nothing of output/
    plugin = site.root / "extra" / "breaks_writing" / "__init__.py"
    plugin.parent.mkdir(parents=True)
    plugin.write_text(BREAKS_WRITING, encoding="utf-8")
    failed = site.build(
        f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(plugin.parent.parent)!r}]\n"
        'PLUGINS = PLUGINS + ["breaks_writing"]\n'
    )
    assert failed.returncode != 0
    assert "disk full" in failed.stdout + failed.stderr
    assert snapshot(output) == before
    assert not list(site.root.glob(".output*")), "the staged files were left behind"
    # The next good build writes the change.
    assert site.build().returncode == 0
    assert (output / "2026/11/c/index.html").is_file()
    assert not (output / "2026/11/b/index.html").exists()


def test_no_output_can_be_written_outside_output_or_over_another(site: Site) -> None:
    site.article("a.md", Slug="a", Source="Kantor Berita Borneo")
    site.write("pages/tentang.md", "Title: Tentang Kami\nSlug: tentang\n\nRedaksi.\n")
    build = site.build(
        'WARTA_SOURCE_SAVE_AS = "../../{slug}.html"\n'
        # The same file as the page's, written another way.
        'ARCHIVES_SAVE_AS = "tentang//./index.html"\n'
        # A file where the writers' pages need a folder.
        'AUTHORS_SAVE_AS = "penulis"\n'
    )
    assert_refused_before_writing(build.stderr, build.returncode, site)
    assert not list(site.root.glob("*.html"))
    lines = build.report_lines[:-1]
    assert lines == [
        "content:1: Output: 'penulis' would be written by both the index of writers 'penulis'"
        " and a writer's page 'penulis/siti-aisyah-noor/index.html' (give one of them another"
        " address in the settings (*_URL, *_SAVE_AS))",
        "content:1: Output: a source's page '../../kantor-berita-borneo.html' would be written at"
        " '../../kantor-berita-borneo.html', outside the output folder (every address must lie"
        " inside the output folder: check its slug, or the *_SAVE_AS setting that makes it)",
        "content/pages/tentang.md:2: Slug: its address 'tentang/' is also taken by the archive"
        " 'tentang//./index.html' (give one of them a different Slug)",
    ]


def test_feeds_and_sitemaps_stay_xml_and_rss_text_carries_no_markup(site: Site) -> None:
    site.article("fffe.md", Slug="fffe", Title="Judul \ufffe rusak")
    site.article("ffff.md", Slug="ffff", Tags="banjir, \uffff")
    site.article("body.md", Slug="body", body="Awal \ufffe akhir.\n")
    refused = site.build()
    assert_refused_before_writing(refused.stderr, refused.returncode, site)
    assert refused.report_lines == [
        "content/articles/body.md:8: Body: contains a code that is not a character (U+FFFE)"
        " (retype the line; it may be pasted from another program)",
        "content/articles/fffe.md:1: Title: contains a code that is not a character (U+FFFE)"
        " (retype the value; it may be pasted)",
        "content/articles/ffff.md:7: Tags: contains a code that is not a character (U+FFFF)"
        " (retype the value; it may be pasted)",
        "3 content problems in 3 files; nothing was written.",
    ]
    for name in ("fffe.md", "ffff.md", "body.md"):
        (site.content / "articles" / name).unlink()
    site.article(
        "xml.md",
        Slug="xml",
        Title="Judul </title><script>alert(1)</script>",
        Tags="<svg onload=alert(9)>, banjir",
        Author="Penulis <i>Tamu</i>",
        # Character references the HTML cleaner decodes into characters XML forbids.
        body="Isi &#1; dengan &#xFFFE; dan &#11; kode.\n",
    )
    built = site.build()
    assert built.returncode == 0, built.stderr
    output = site.root / "output"
    for path in [*output.glob("feeds/**/*.xml"), *output.glob("*sitemap*.xml")]:
        etree.parse(str(path))  # raises on a character XML forbids
    rss = etree.parse(str(output / "feeds/semua.rss.xml"))
    item = rss.find("channel/item")
    assert item is not None
    assert item.findtext("title") == "Judul alert(1)"
    assert [c.text for c in item.iter("category")] == ["Budaya", "banjir"]
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Penulis Tamu"
    # Atom says its title is text: it keeps the headline as written.
    atom = etree.parse(str(output / "feeds/semua.atom.xml"))
    title = atom.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
    assert title is not None
    assert title.text == "Judul </title><script>alert(1)</script>"


def test_settings_that_crashed_or_dropped_every_photo_are_refused_at_start(site: Site) -> None:
    site.article("a.md")
    build = site.build(
        'WARTA_BUILD_TIME = "besok pagi"\n'
        'WARTA_IMAGES_CROPS = {"og": [1200]}\n'
        "WARTA_IMAGES_FORMATS = []\n"
        "WARTA_IMAGES_WIDTHS = []\n"
        'WARTA_CATEGORIES = ["Politik", "!!!"]\n'
        'WARTA_SOURCE_SAVE_AS = "sumber/{id}/index.html"\n'
    )
    assert_refused_before_writing(build.stderr, build.returncode, site)
    assert build.report_lines[:-1] == [
        "settings: WARTA_BUILD_TIME is 'besok pagi', not an ISO 8601 time"
        " (e.g. '2026-11-18 09:00+08:00')",
        "settings: WARTA_IMAGES_WIDTHS must list at least 1, not []",
        "settings: WARTA_IMAGES_FORMATS must list at least 1, not []",
        "settings: WARTA_IMAGES_CROPS ['og'] must be [width, height], not [1200]",
        "settings: WARTA_CATEGORIES: '!!!' has no letters or digits to make its address from",
        "settings: WARTA_SOURCE_SAVE_AS 'sumber/{id}/index.html' cannot be filled in"
        " (KeyError: 'id'); it may use {slug}",
    ], build.stderr
    # The environment variable of the same name is read as the setting is; an output folder
    # that holds the content (or the theme) is refused.
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", str(site.settings_file()), "-o", "."],
        cwd=site.root,
        env={**C_LOCALE_ENV, "WARTA_BUILD_TIME": "kemarin"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines()[:2] == [
        f"settings: OUTPUT_PATH {str(site.root)!r} and the content folder"
        f" {str(site.content)!r} lie one inside the other: a build could write over the"
        " content; build into a folder of its own",
        "settings: the environment variable WARTA_BUILD_TIME is 'kemarin', not an ISO 8601"
        " time (e.g. '2026-11-18 09:00+08:00')",
    ], done.stderr


def test_only_documents_published_content_links_are_published(site: Site) -> None:
    images = site.content / "images" / "2026" / "12"
    for name in ("putusan-sidang-embargo.pdf", "apbd.pdf", "lepas.pdf", "pedoman.pdf"):
        site.write(f"images/2026/12/{name}", b"%PDF-1.4 " + name.encode())
    site.article(
        "embargo.md",
        Slug="embargo",
        Date="2026-12-20 08:00",
        body="Putusan: [unduh]({static}/images/2026/12/putusan-sidang-embargo.pdf).\n",
    )
    site.article(
        "apbd.md", Slug="apbd", body="Rincian: [unduh]({static}/images/2026/12/apbd.pdf).\n"
    )
    time = 'WARTA_BUILD_TIME = "2026-12-10 08:00"\n'
    extra = 'WARTA_EXTRA_STATIC_FILES = ["images/2026/12/pedoman.*"]\n'
    built = site.build(time + extra)
    assert built.returncode == 0, built.stderr
    published = sorted(path.name for path in (site.root / "output").rglob("*.pdf"))
    assert published == ["apbd.pdf", "pedoman.pdf"]
    assert images.joinpath("lepas.pdf").is_file()
    # Out with its story, at the first build after its time.
    later = site.build('WARTA_BUILD_TIME = "2026-12-21 08:00"\n' + extra)
    assert later.returncode == 0, later.stderr
    assert (site.root / "output/images/2026/12/putusan-sidang-embargo.pdf").is_file()
    # A name in the setting that is no file is a mistake, not a silence.
    wrong = site.build(time + 'WARTA_EXTRA_STATIC_FILES = ["images/2026/12/pedomn.pdf"]\n')
    assert wrong.returncode == 1
    assert wrong.report_lines[0] == (
        "content:1: Static: WARTA_EXTRA_STATIC_FILES names 'images/2026/12/pedomn.pdf', which is"
        " no file of the static folders (write the path from the content folder, e.g."
        " 'images/dokumen/pedoman.pdf')"
    )
