"""What reporters read is in the site's language: the build's problems, `warta check` and
`warta new`, in Indonesian by default and in English when the site asks.

Each test builds a real newsroom (the `pelican` and `warta` commands) with the shipped
catalogue; the catalogue's completeness is tested beside it (news_theme's test_catalogue).
"""

from __future__ import annotations

from tests.sitekit import Site, run_module


def with_mistakes(site: Site) -> None:
    site.article(
        "2026/11/rapat.md", Date="kemarin sore", Category="Politk", Location="Kota Banjarmsin"
    )
    site.article("2026/11/kosong.md", Judul="Judul Dobel")


def test_the_build_reports_in_indonesian_by_default(site: Site) -> None:
    with_mistakes(site)
    built = site.build("WARTA_MESSAGES_LANG = None")
    assert built.returncode == 1
    lines = built.report_lines
    assert (
        "content/articles/2026/11/rapat.md:2: Date: 'kemarin sore' bukan tanggal (tulis "
        in (lines[1])
    )
    assert (
        "content/articles/2026/11/rapat.md:3: Category: 'Politk' bukan salah satu rubrik "
        "(maksud Anda 'Politik'?)"
    ) in lines
    assert any(
        line.startswith(
            "content/articles/2026/11/rapat.md:4: Location: 'Kota Banjarmsin' bukan tempat "
            "yang dikenal (maksud Anda 'Kota Banjarmasin' atau 'Kota Banjarbaru'?)"
        )
        for line in lines
    ), lines
    # A field written in Indonesian is named as written: 'Judul' given beside 'Title'.
    assert any(
        "kosong.md:6: Judul: diisi dua kali (yang pertama di baris 1)" in line for line in lines
    )
    assert lines[-1] == "4 masalah isi di 2 berkas; tidak ada yang ditulis."


def test_english_is_available(site: Site) -> None:
    with_mistakes(site)
    built = site.build('WARTA_MESSAGES_LANG = None\nDEFAULT_LANG = "en"')
    assert built.returncode == 1
    assert "content/articles/2026/11/rapat.md:3: Category: 'Politk' is not one of the desks " in (
        "\n".join(built.report_lines)
    )
    assert built.report_lines[-1] == "4 content problems in 2 files; nothing was written."


def test_warta_check_speaks_the_site_language(site: Site) -> None:
    with_mistakes(site)
    conf = site.settings_file("WARTA_MESSAGES_LANG = None")
    done = run_module(site.root, "warta", "-s", str(conf), "check")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert any("'Politk' bukan salah satu rubrik" in line for line in lines)
    assert lines[-1].startswith("2 berita dan 0 halaman diperiksa: 4 galat, ")
    assert any(line.startswith("peringatan: content/articles/") for line in lines), lines
