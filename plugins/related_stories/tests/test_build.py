"""Real builds: "Baca juga" lists follow-ups, honours pins, and never lists drafts or hidden."""

from __future__ import annotations

from tests.sitekit import Build, Site

FLOOD = (
    "Sungai Martapura meluap dan merendam rumah warga Desa Sungai Batang, Martapura Barat.\n\n"
    "Petugas BPBD mengevakuasi warga lanjut usia dengan perahu karet.\n"
)


def related_titles(build: Build, url: str) -> list[str]:
    return [a.get_text() for a in build.html(url).select(".related li a")]


def flood_site(site: Site) -> None:
    site.article("banjir.md", FLOOD, Title="Sungai Martapura Meluap", Slug="banjir", Tags="banjir")
    site.article(
        "mengungsi.md",
        "Warga Sungai Batang mengungsi setelah Sungai Martapura meluap ke Martapura Barat.\n",
        Title="Warga Sungai Batang Mengungsi",
        Slug="mengungsi",
        Date="2026-11-19 10:00",
        Tags="banjir, pengungsi",
    )
    site.article(
        "karet.md",
        "Harga karet di Tabalong turun ke Rp 9.000 per kilogram.\n",
        Title="Harga Karet Turun",
        Slug="karet",
        Location="Kabupaten Tabalong",
        Category="Ekonomi",
        Date="2026-06-01 08:00",
    )


def test_follow_up_is_listed_first(site: Site) -> None:
    flood_site(site)
    # A link to a static file must survive: related stories read the body before Pelican
    # knows the static files.
    site.write("images/peta-banjir.pdf", b"%PDF-1.4\n")
    site.article(
        "peta.md",
        "Peta genangan dari BPBD: [unduh]({static}/images/peta-banjir.pdf).\n",
        Title="Peta Genangan Banjir",
        Slug="peta",
        Date="2026-05-01 08:00",
        Location="Kota Palangka Raya",
    )
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert related_titles(build, "2026/11/banjir/")[0] == "Warga Sungai Batang Mengungsi"
    assert related_titles(build, "2026/11/mengungsi/")[0] == "Sungai Martapura Meluap"


def test_pinned_slug_comes_first(site: Site) -> None:
    flood_site(site)
    site.article(
        "banjir.md", FLOOD, Title="Sungai Martapura Meluap", Slug="banjir", Related="karet"
    )
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert related_titles(build, "2026/11/banjir/")[:2] == [
        "Harga Karet Turun",
        "Warga Sungai Batang Mengungsi",
    ]


def test_unknown_or_unpublished_pin_is_a_content_error(site: Site) -> None:
    flood_site(site)
    site.article("draf.md", FLOOD, Title="Draf Banjir", Slug="draf-banjir", Status="draft")
    site.article(
        "pin.md", FLOOD, Title="Banjir Susulan", Slug="susulan", Related="karett, draf-banjir"
    )
    build = site.build()
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert build.report_lines == [
        "content/articles/pin.md:7: Related: 'draf-banjir' is a draft story "
        "(link only published stories)",
        "content/articles/pin.md:7: Related: 'karett' is not the slug of any published story "
        "(did you mean 'karet'?)",
        "2 content problems in 1 file; nothing was written.",
    ]


def test_drafts_and_hidden_stories_are_never_listed(site: Site) -> None:
    flood_site(site)
    site.article("draf.md", FLOOD, Title="Draf Banjir", Slug="draf-banjir", Status="draft")
    site.article(
        "tersembunyi.md", FLOOD, Title="Banjir Tersembunyi", Slug="sembunyi", Status="hidden"
    )
    build = site.build()
    assert build.returncode == 0, build.stderr
    for url in ("2026/11/banjir/", "2026/11/mengungsi/", "2026/06/karet/"):
        titles = related_titles(build, url)
        assert "Draf Banjir" not in titles
        assert "Banjir Tersembunyi" not in titles


def test_an_old_story_far_from_the_rest_still_has_baca_juga(site: Site) -> None:
    """October 2023 on a site of 2026 stories: past WARTA_RELATED_WINDOW_DAYS, its "Baca juga"
    still lists WARTA_RELATED_COUNT stories, the same place's first."""
    flood_site(site)
    site.article(
        "tua.md",
        "Pasar Martapura ramai menjelang hari raya.\n",
        Title="Pasar Martapura Ramai",
        Slug="pasar",
        Date="2023-10-05 08:00",
    )
    site.article("dua.md", Slug="dua", Title="Jembatan Dua", Date="2026-10-01 08:00",
                 Location="Kota Palangka Raya", Category="Hukum")  # fmt: skip
    site.article("tiga.md", Slug="tiga", Title="Jalan Tiga", Date="2026-09-01 08:00",
                 Location="Kota Palangka Raya", Category="Hukum")  # fmt: skip
    build = site.build("WARTA_RELATED_COUNT = 4\n")
    assert build.returncode == 0, build.stderr
    titles = related_titles(build, "2023/10/pasar/")
    assert len(titles) == 4
    # Kabupaten Banjar, as the flood stories are, nearest in time first.
    assert titles[:2] == ["Sungai Martapura Meluap", "Warga Sungai Batang Mengungsi"]
