"""Careless inputs that once passed in silence are caught, in the words a reporter wrote them:
a byline one letter off a staff name, a headline in capitals, a photo saved beside the stories,
Indonesian field names.

Each test runs the real `warta check` or `pelican` on a small newsroom.
"""

from __future__ import annotations

from tests.sitekit import Site, run_module


def check(site: Site) -> list[str]:
    done = run_module(site.root, "warta", "-s", str(site.settings_file()), "check")
    return done.stderr.splitlines()


def test_a_byline_near_a_staff_name_is_a_warning_with_the_name(site: Site) -> None:
    site.article("2026/11/pasar.md", Author="Rahmat Hidayta")
    site.article("2026/11/kuin.md", Author="Rahmat Hakim")
    lines = check(site)
    assert (
        "warning: content/articles/2026/11/pasar.md:5: Author: 'Rahmat Hidayta' is not on the "
        "staff list, and would get a writer's page of its own (did you mean 'Rahmat Hidayat'?)"
    ) in lines
    # A contributor whose name is merely like a staff writer's is left alone.
    assert not any("Rahmat Hakim" in line for line in lines)


def test_a_headline_in_capitals_is_a_warning(site: Site) -> None:
    site.article("2026/11/teriak.md", Title="BANJIR BESAR MELANDA MARTAPURA")
    site.article("2026/11/dprd.md", Title="DPRD Sahkan APBD 2027")
    lines = check(site)
    assert any(
        line.startswith(
            "warning: content/articles/2026/11/teriak.md:1: Title: headline is written in capitals"
        )
        for line in lines
    ), lines
    assert not any("dprd.md:1: Title" in line for line in lines)


def test_a_photo_in_the_article_folder_is_told_where_photos_go(site: Site) -> None:
    site.article("2026/11/banjir.md")
    site.image("articles/2026/11/banjir.jpg")
    built = site.build()
    assert built.returncode == 1
    line = next(line for line in built.report_lines if "banjir.jpg" in line)
    assert line.startswith(
        "content/articles/2026/11/banjir.jpg:1: File: is a photo in content/articles/"
    )
    assert "move it to content/images/" in line
    assert "rename it to .md" not in line


def test_indonesian_field_names_build_and_are_named_back(site: Site) -> None:
    site.write(
        "articles/2026/11/pasar-terapung.md",
        "Judul: Pasar Terapung Ramai\nTanggal: 2026-11-18 06.30\nRubrik: Budaya\n"
        "Lokasi: Kabupaten Banjar\nPenulis: Siti Aisyah Noor\nTag: pasar terapung\n\n"
        "Pedagang jukung datang sebelum subuh.\n",
    )
    site.write(
        "articles/2026/11/salah.md",
        "Judul: Salah Tempat\nTanggal: 2026-11-18 06.30\nRubrik: Budaya\n"
        "Lokasi: Kota Banjarmasn\nPenulis: Siti Aisyah Noor\n\nIsi.\n",
    )
    refused = site.build()
    assert refused.returncode == 1
    assert refused.report_lines[0].startswith(
        "content/articles/2026/11/salah.md:4: Lokasi: 'Kota Banjarmasn' is not a known place "
        "(did you mean 'Kota Banjarmasin'"
    )
    (site.content / "articles/2026/11/salah.md").unlink()
    built = site.build()
    assert built.returncode == 0, built.stderr
    page = built.html("2026/11/pasar-terapung/")
    assert page.select_one("h1").get_text(strip=True) == "Pasar Terapung Ramai"  # type: ignore[union-attr]
    assert "06.30 WITA" in page.select_one("article time").get_text()  # type: ignore[union-attr]
