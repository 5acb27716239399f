"""Location pages: a place lists its stories, its region lists its places' too, and paginates."""

from __future__ import annotations

from tests.sitekit import Site, text_of


def test_places_nest_under_their_region_and_paginate(site: Site) -> None:
    site.article("a.md", Slug="satu", Location="Kota Banjarmasin", Title="Pasar Kuin")
    site.article("b.md", Slug="dua", Location="Kota Banjarmasin", Title="Jembatan Antasari")
    site.article("c.md", Slug="tiga", Location="Kabupaten Banjar", Title="Banjir Martapura")
    site.article("d.md", Slug="empat", Location="Kota Palangka Raya", Title="Asap Kahayan")
    build = site.build("DEFAULT_PAGINATION = 2")
    assert build.returncode == 0, build.stderr

    city = build.html("lokasi/kalimantan-selatan/kota-banjarmasin/")
    assert text_of(city, ".listing-title") == "Kota Banjarmasin"
    assert sorted(a.get_text() for a in city.select(".story-list h2 a")) == [
        "Jembatan Antasari",
        "Pasar Kuin",
    ]
    parent = city.select_one(".location-parent a")
    assert parent is not None
    assert parent.get_text() == "Kalimantan Selatan"

    province = build.html("lokasi/kalimantan-selatan/")
    children = [" ".join(li.get_text().split()) for li in province.select(".location-children li")]
    assert children == ["Kabupaten Banjar (1)", "Kota Banjarmasin (2)"]
    assert len(province.select(".story-list li")) == 2  # page 1 of 2
    next_link = province.select_one('.pagination a[rel="next"]')
    assert next_link is not None
    second = (build.output / "lokasi/kalimantan-selatan/index.html").parent / str(next_link["href"])
    second_page = second / "index.html" if second.is_dir() else second
    assert second_page.resolve().is_file()
    assert not (build.output / "lokasi/kalimantan-tengah/kabupaten-banjar").exists()

    story = build.html("2026/11/satu/")
    label = story.select_one(".story-location a")
    assert label is not None
    target = (build.output / "2026/11/satu" / str(label["href"])).resolve()
    assert target == (build.output / "lokasi/kalimantan-selatan/kota-banjarmasin").resolve()
