"""`warta check` and the build refuse the same things, with the same lines, for every case."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.sitekit import Site, run_module

# One file for each kind of refusal the build makes, all in one site.
BAD_PHOTO = b"\xff\xd8\xff\xe0 not really a jpeg"


def refusals(site: Site) -> None:
    site.article("good.md", Slug="baik", Title="Berita Baik")
    site.article("twin-a.md", Slug="kembar", Title="Kembar Satu")
    site.article("twin-b.md", Slug="kembar-dua", Title="Kembar Dua", Date="2026-10-01 08:00")
    site.article("twin-c.md", Slug="kembar-dua", Title="Kembar Tiga", Date="2026-09-01 08:00")
    site.article("pin.md", Slug="pin", Related="kembar-dua")
    site.article("typo.md", Slug="typo", Category="Politk")
    site.article("clash-a.md", Slug="sama")
    site.article("clash-b.md", Slug="sama", Title="Sama Juga")
    site.article("emoji-tag.md", Slug="emoji", Tags="🌧️🌧️")
    site.article("emoji-author.md", Slug="penulis-emoji", Author="🙂")
    site.article("long-slug.md", Slug="a-" * 100 + "b")
    site.article("!!!.md", Title="Judul Tanpa Alamat")
    site.article("save-as.md", Slug="simpan", Save_as="index.html")
    site.article("url.md", Slug="alamat", URL="javascript:alert(1)")
    site.article("template.md", Slug="templat", Template="tidak-ada")
    site.article("nul.md", Slug="nul", body="Teks\x00dengan NUL.\n")
    site.write("pages/cari.md", "Title: Cari\nSlug: cari\n\nHalaman cari buatan redaksi.\n")
    site.write("pages/tahun.md", "Title: Tahun\nSlug: 2026\n\nTahun ini.\n")
    (site.content / "images").mkdir(exist_ok=True)
    (site.content / "images" / "rusak.jpg").write_bytes(BAD_PHOTO)
    Image.new("RGB", (40, 40)).save(site.content / "images" / "animasi.gif")
    Image.new("RGB", (300, 300)).save(site.content / "images" / "besar.jpg")
    for name in ("rusak.jpg", "animasi.gif", "besar.jpg"):
        site.article(
            f"photo-{name}.md",
            Slug=f"foto-{name.split('.')[0]}",
            Image=f"images/{name}",
            ImageAlt="Foto",
        )
    site.write("images/skrip.js", "alert(1)")
    site.write("images/gambar.svg", "<svg onload='alert(1)'></svg>")


@pytest.mark.parametrize("workers", [1, 2])
def test_check_and_build_refuse_the_same_lines(site: Site, workers: int) -> None:
    refusals(site)
    settings = f"WARTA_WORKERS = {workers}\nWARTA_IMAGES_MAX_PIXELS = 50_000\n"
    checked = run_module(site.root, "warta", "-s", str(site.settings_file(settings)), "check")
    built = site.build(settings)
    assert checked.returncode == 1, checked.stderr
    assert built.returncode == 1, built.stderr
    for done in (checked, built):
        assert "Traceback" not in done.stdout + done.stderr
    check_lines = [
        line
        for line in checked.stderr.splitlines()
        if line.startswith("content") and not line.startswith("content/articles/good.md")
    ]
    build_lines = built.report_lines[:-1]
    assert check_lines == build_lines
    assert not list(built.output.rglob("*.html")) if built.output.exists() else True
    for name, expected in {
        "pin.md": "Related: 'kembar-dua' names 2 stories",
        "typo.md": "Category: 'Politk' is not one of the desks",
        "clash-a.md": "is also taken by content/articles/clash-b.md",
        "emoji-tag.md": "Tags: '🌧️🌧️' has no letters or digits",
        "emoji-author.md": "Author: '🙂' has no letters or digits",
        "long-slug.md": "Slug: is 201 characters long",
        "!!!.md": "Slug: the file name '!!!.md' has no letters or digits for an address",
        "save-as.md": "Save_as: is decided by the site's settings",
        "url.md": "URL: is decided by the site's settings",
        "template.md": "Template: cannot be chosen by a story",
        "nul.md": "Body: contains a control character (U+0000)",
        "cari.md": "is also taken by the search page 'cari/index.html'",
        "tahun.md": "is also taken by an archive page '2026/index.html'",
        "photo-rusak.jpg.md": "Image: file 'images/rusak.jpg' cannot be read",
        "photo-animasi.gif.md": "Image: file 'images/animasi.gif' is a GIF file",
        "photo-besar.jpg.md": "Image: file 'images/besar.jpg' has more pixels than the limit",
        "skrip.js": "File: is not published: '.js' files",
        "gambar.svg": "File: is not published: '.svg' files",
    }.items():
        mine = [line for line in build_lines if line.split(":")[0].endswith("/" + name)]
        assert any(expected in line for line in mine), f"{name}: {expected}\n" + "\n".join(mine)
