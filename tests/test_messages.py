"""What reporters read is in the site's language: the build's problems, `warta check`,
`warta new`, the settings lines and the WordPress import, in Indonesian by default and in
English when the site asks.

Each test builds a real newsroom (the `pelican` and `warta` commands) with the shipped
catalogue; the catalogue's completeness is tested beside it (news_theme's test_catalogue).
"""

from __future__ import annotations

import shutil

from tests.sitekit import REPO, Site, run_module
from warta.messages import load_translations, t


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


def test_photo_live_and_gallery_mistakes_are_told_in_indonesian(site: Site) -> None:
    # A "photo" that is a text file, a live story whose updates go back in time and one whose
    # heading has no time, and a gallery never closed (its photo missing too): each told in the
    # site's language.
    site.write("images/2026/11/tanggul.jpg", b"bukan foto, hanya teks")
    site.article("2026/11/tanggul.md", Image="images/2026/11/tanggul.jpg", ImageAlt="Tanggul jebol")
    live = "## 10.00 Air mulai naik\n\nWarga mengungsi.\n\n## 09.30 Tanggul retak\n\nRetak.\n"
    site.article("2026/11/banjir.md", body=live + "\n## Tanggul jebol\n\nJebol.\n", Live="yes")
    site.article("2026/11/galeri.md", body="Pembuka.\n\n::: galeri Banjir\n![Air](/a.jpg)\n")
    built = site.build("WARTA_MESSAGES_LANG = None")
    assert built.returncode == 1
    assert built.report_lines == [
        "content/articles/2026/11/banjir.md:12: Update: 2026-11-18 09:30+08:00 lebih awal "
        "daripada pembaruan di atasnya (2026-11-18 10:00+08:00, baris 8) (tambahkan setiap "
        "pembaruan di bawah yang terakhir, sesuai urutan kejadian; halaman menampilkan yang "
        "terbaru lebih dulu)",
        "content/articles/2026/11/banjir.md:16: Update: tidak mencantumkan jam (awali judul "
        "dengan jam, misalnya '## 14.05 Tanggul jebol', atau '## 2026-11-11 08.30 ...' untuk "
        "hari lain)",
        "content/articles/2026/11/galeri.md:9: Body: galeri tidak pernah ditutup (tutup dengan "
        "baris ':::')",
        "content/articles/2026/11/galeri.md:10: Body: gambar '/a.jpg' tidak ada (taruh foto di "
        "bawah content/ dan tautkan dengan {static}/images/...)",
        "content/articles/2026/11/tanggul.md:6: Image: berkas 'images/2026/11/tanggul.jpg' bukan "
        "gambar dalam format yang dibaca Warta (JPEG, PNG, WebP, TIFF, atau AVIF) (ekspor ulang "
        "dari kamera atau penyunting foto sebagai JPEG)",
        "5 masalah isi di 3 berkas; tidak ada yang ditulis.",
    ]


def test_a_search_part_too_small_for_one_day_is_a_settings_line_not_a_traceback(
    site: Site,
) -> None:
    # One day's stories share a search part: 101 of them cannot fit in parts of 100.
    for number in range(101):
        site.article(
            f"2026/11/berita-{number}.md",
            Title=f"Berita Nomor {number} Hari Ini",
            Date=f"2026-11-18 {number // 10:02d}:{number % 10:02d}",
        )
    built = site.build("WARTA_MESSAGES_LANG = None\nWARTA_SEARCH_PART_SIZE = 100")
    assert built.returncode == 1
    assert "Traceback" not in built.stderr
    assert built.report_lines == [
        "pengaturan: WARTA_SEARCH_PART_SIZE bernilai 100, padahal 101 berita terbit pada "
        "2026-11-18, dan berita satu hari selalu berada di satu bagian pencarian: naikkan sampai "
        "sedikitnya 101; pembangunan situs berhenti sebelum menulis halaman apa pun."
    ]
    assert not built.output.exists()


def test_the_wordpress_import_speaks_the_site_language(site: Site) -> None:
    # An export whose text holds entities XML does not declare: the mapping file, the command's
    # lines and the report the editor reads are all Indonesian.
    shutil.copy(REPO / "tests" / "fixtures" / "wordpress" / "entities.xml", site.root)
    conf = str(site.settings_file("WARTA_MESSAGES_LANG = None"))
    first = run_module(site.root, "warta", "-s", conf, "import-wordpress", "entities.xml")
    assert first.returncode == 0, first.stderr
    assert "2 kategori dan 0 tag dari entities.xml" in first.stderr
    mapping = site.root / "wordpress-mapping.yaml"
    drafted = mapping.read_text(encoding="utf-8")
    assert drafted.startswith(
        "# Cara kategori dan tag WordPress dari entities.xml menjadi rubrik, tempat, dan tag.\n"
    )
    assert "#   desk: salah satu dari Politik, " in drafted
    mapping.write_text(
        drafted.replace('  desk: ""\n  location: ""', '  desk: "Ekonomi"\n  location: "Kota"'),
        encoding="utf-8",
    )
    refused = run_module(site.root, "warta", "-s", conf, "import-wordpress", "entities.xml")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "wordpress-mapping.yaml:15: default.location: 'Kota' bukan tempat yang dikenal "
        "(tambahkan ke berkas data lokasi)",
        "1 masalah isi di 1 berkas; tidak ada yang diimpor.",
    ]
    mapping.write_text(
        drafted.replace('location: ""', 'location: "Kota Banjarmasin"', 1), encoding="utf-8"
    )
    done = run_module(site.root, "warta", "-s", conf, "import-wordpress", "entities.xml")
    assert done.returncode == 0, done.stderr
    assert "1 berkas ditulis, 0 tidak berubah; 0 hal perlu dikerjakan, tercantum di " in (
        done.stderr
    )
    report = (site.root / "wordpress-import-report.md").read_text(encoding="utf-8")
    assert report.startswith("# Laporan impor WordPress\n\nDari `entities.xml`:\n")
    assert "- Foto: 0 disalin dari folder uploads, 0 diambil dari situs lama, 0 hilang." in report
    assert "## Yang perlu dikerjakan\n\nTidak ada: semua tulisan, halaman, foto" in report
    assert "## Sudah dikerjakan untuk Anda\n\n### Teks janggal\n" in report
    assert (
        '- WordPress post 60 "Harga Cabai Naik &foo; Lagi & Bawang Ikut": judul: &foo; bukan '
        "entitas yang dikenal HTML; disimpan sebagai teks"
    ) in report


def test_settings_mistakes_are_told_in_the_site_language(site: Site) -> None:
    built = site.build(
        'WARTA_MESSAGES_LANG = None\nWARTA_SEARCH_PART_SIZ = 500\nWARTA_FEED_FORMATS = ["atom", 1]'
    )
    assert built.returncode == 1
    assert built.report_lines == [
        "pengaturan: WARTA_FEED_FORMATS memuat 1, yang harus berupa teks, bukan 1",
        "pengaturan: WARTA_SEARCH_PART_SIZ bukan pengaturan Warta (maksud Anda "
        "'WARTA_SEARCH_PART_SIZE'?)",
        "2 masalah pengaturan; pembangunan situs berhenti sebelum membaca isi apa pun.",
    ]


def test_numbers_are_written_the_indonesian_way(site: Site) -> None:
    """A reporter reads 12.000 and 4,5 in Indonesian, as the site prints them, not 12,000."""
    site.article("2026/11/panjang.md", Title="Banjir " * 2000)
    built = site.build("WARTA_MESSAGES_LANG = None")
    assert built.returncode == 1
    title = next(line for line in built.report_lines if ": Title: " in line)
    assert "panjangnya 13.999 karakter" in title, title
    # A decimal, as the build's last line tells it, through the shipped catalogue.
    built_line = t("Built {stories:,} stories in {total:.1f} s ({parts}).", stories=12000,
                   total=4.5, parts="")  # fmt: skip
    catalogue = load_translations(REPO / "theme" / "translations", "id")
    assert built_line.told(catalogue).startswith("12.000 berita dibangun dalam 4,5 dtk")
    assert built_line.told(None).startswith("Built 12,000 stories in 4.5 s")
    assert t("{year}", year=2026).told(catalogue) == "2026"
