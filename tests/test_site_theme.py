"""A site's own theme folder beside Warta's: one overridden partial, its own stylesheet."""

from __future__ import annotations

from tests.sitekit import Site


def test_a_partial_in_the_sites_theme_replaces_warta_s_and_its_stylesheet_follows(
    site: Site,
) -> None:
    site.article("2026/11/pasar.md", Category="Hukum")
    site.write(
        "../theme/templates/partials/footer.html",
        '<footer class="site-footer"><p id="redaksi-sendiri">Redaksi Kabar Pesisir</p></footer>\n',
    )
    site.write("../theme/static/css/site.css", ".site-footer { background: #123; }\n")

    build = site.build()

    assert build.returncode == 0, build.stderr
    page = build.html("2026/11/pasar/")
    assert page.select_one("#redaksi-sendiri") is not None, "the site's footer is not on the page"
    sheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert [str(sheet).rsplit("/", 1)[-1] for sheet in sheets] == ["warta.css", "site.css"]
    assert (
        (build.output / "theme" / "css" / "site.css")
        .read_text(encoding="utf-8")
        .startswith(".site-footer")
    )
    # Warta's own files are still published beside the site's.
    assert (build.output / "theme" / "css" / "warta.css").is_file()


def test_without_a_theme_folder_pages_link_only_warta_s_stylesheet(site: Site) -> None:
    site.article("2026/11/pasar.md", Category="Hukum")

    build = site.build()

    assert build.returncode == 0, build.stderr
    page = build.html("2026/11/pasar/")
    assert len(page.select('link[rel="stylesheet"]')) == 1
    assert page.select_one("footer") is not None
