"""The theme's budgets on every page of the sample site: bytes, stylesheets, scripts, images."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from pelican.settings import read_settings

from tests.sitekit import REPO, SampleSite

# A story page and the stylesheets it links, before photos: what a reader on a weak phone
# connection waits for before the text shows.
ARTICLE_BUDGET = 60 * 1024
THEME_STYLESHEET = Path("theme/css/warta.css")
# The search page also loads the stylesheet of Pagefind's search interface.
SEARCH_PAGE = Path("cari/index.html")
# The search page takes Pagefind's stylesheet from the newest part of the index (2026 here).
PAGEFIND_STYLESHEET = Path("pagefind/2026/pagefind-ui.css")
LISTING_ROOTS = ("kategori", "tag", "penulis", "sumber", "lokasi")
# A listing page as a phone loads it: HTML, stylesheet and every thumbnail, each at the largest
# file of the first format offered (AVIF, as today's phones take it; a phone at 3x takes the
# wider one). Twelve stories with photos fit: a thumbnail of a real photo is 4 to 12 KB.
LISTING_BUDGET = 120 * 1024


def linked_file(sample: SampleSite, page: Path, href: str) -> Path:
    """The file in the output that `href`, written on `page`, points at.

    Pages link relative to themselves, except the 404 page, which a host serves at any address
    and so links from the root of the sample site (served at "/").
    """
    address = urlsplit(href)
    assert not address.scheme, f"{page}: {href} is not served by the site itself"
    if address.path.startswith("/"):
        target = (sample.output / address.path.lstrip("/")).resolve()
    else:
        target = (page.parent / address.path).resolve()
    assert target.is_relative_to(sample.output.resolve()), f"{page}: {href} leaves the site"
    return target.relative_to(sample.output.resolve())


def stylesheets(page: Tag) -> list[Tag]:
    """The stylesheets `page` links (rel may list other words beside 'stylesheet')."""
    return [
        link for link in page.select("link[href]") if "stylesheet" in link.get_attribute_list("rel")
    ]


def listing_pages(sample: SampleSite) -> dict[Path, BeautifulSoup]:
    """Desk, tag, author, source, place, year and month listings, with their later pages."""
    listings = {}
    for path, page in sample.pages.items():
        relative = path.relative_to(sample.output)
        parts = relative.parts
        in_taxonomy = parts[0] in LISTING_ROOTS and len(parts) > 2  # not the kategori/ index
        in_period = re.fullmatch(r"\d{4}", parts[0]) is not None
        story_or_notice = page.select_one("article.story, .withdrawn") is not None
        if (in_taxonomy or in_period) and not story_or_notice:
            listings[relative] = page
    return listings


def test_article_page_and_its_stylesheets_fit_the_budget(sample: SampleSite) -> None:
    articles = sample.articles()
    assert articles
    for path, page in articles.items():
        size = path.stat().st_size + sum(
            (sample.output / linked_file(sample, path, str(link["href"]))).stat().st_size
            for link in stylesheets(page)
        )
        name = path.relative_to(sample.output)
        assert size <= ARTICLE_BUDGET, f"{name} and its CSS weigh {size} bytes, over 60 KiB"


def test_every_image_declares_its_size(sample: SampleSite) -> None:
    for path, page in sample.pages.items():
        for img in page.select("img"):
            for dimension in ("width", "height"):
                value = str(img.get(dimension, ""))
                assert re.fullmatch(r"[1-9]\d*", value), (
                    f"{path.relative_to(sample.output)}: <img src={img.get('src')}> "
                    f"has {dimension}={value!r}, not a whole number of pixels"
                )


def test_every_page_loads_only_the_theme_stylesheet(sample: SampleSite) -> None:
    for path, page in sample.pages.items():
        name = path.relative_to(sample.output)
        assert page.head is not None, f"{name} has no <head>"
        assert stylesheets(page) == stylesheets(page.head), f"{name}: a stylesheet outside <head>"
        linked = [linked_file(sample, path, str(link["href"])) for link in stylesheets(page)]
        if page.select_one('meta[http-equiv="refresh"]') is not None:
            assert linked == [], f"{name}: an old address's page leads on at once, unstyled"
            continue
        expected = [THEME_STYLESHEET]
        if name == SEARCH_PAGE:
            expected.append(PAGEFIND_STYLESHEET)
        assert sorted(linked) == sorted(expected), f"{name} loads {linked}"


def test_scripts_are_deferred_and_none_is_inline(sample: SampleSite) -> None:
    for path, page in sample.pages.items():
        name = path.relative_to(sample.output)
        for script in page.select("script"):
            if script.has_attr("src"):
                assert script.has_attr("defer") or script.has_attr("async"), (
                    f"{name}: <script src={script['src']}> blocks rendering"
                )
                assert not script.get_text().strip(), f"{name}: code inside <script src>"
            elif script.get_text().strip():
                assert script.get("type") == "application/ld+json", (
                    f"{name}: inline script code {script.get_text().strip()[:60]!r}"
                )


def test_every_page_declares_its_language(sample: SampleSite) -> None:
    for path, page in sample.pages.items():
        html = page.find("html")
        assert isinstance(html, Tag)
        assert str(html.get("lang", "")).strip(), f"{path.relative_to(sample.output)}: no lang"


def test_listing_pages_show_at_most_one_page_of_stories(sample: SampleSite) -> None:
    page_size = read_settings(str(REPO / "pelicanconf.py"))["DEFAULT_PAGINATION"]
    listings = listing_pages(sample)
    kinds = {path.parts[0] if path.parts[0] in LISTING_ROOTS else "period" for path in listings}
    assert kinds == {*LISTING_ROOTS, "period"}, "a kind of listing is missing from the sample"
    assert any("halaman" in path.parts for path in listings), "no listing of several pages"
    for path, page in listings.items():
        count = len(page.select(".story-list li"))
        assert 0 < count <= page_size, f"{path} lists {count} stories, not 1 to {page_size}"


def picture_weight(sample: SampleSite, page: Path, picture: Tag) -> int:
    """The most a browser fetches for `picture`: the largest file of its first format."""
    first = picture.select_one("source") or picture.select_one("img")
    assert first is not None
    urls = [part.strip().rsplit(" ", 1)[0] for part in str(first["srcset"]).split(",")]
    return max((sample.output / linked_file(sample, page, url)).stat().st_size for url in urls)


def page_weight(sample: SampleSite, path: Path, page: BeautifulSoup) -> int:
    """HTML, stylesheets and pictures of a page, in bytes, before compression."""
    return (
        path.stat().st_size
        + sum(
            (sample.output / linked_file(sample, path, str(link["href"]))).stat().st_size
            for link in stylesheets(page)
        )
        + sum(picture_weight(sample, path, picture) for picture in page.select("picture"))
    )


def test_listing_pages_with_their_thumbnails_fit_the_budget(sample: SampleSite) -> None:
    with_pictures = 0
    for relative, page in listing_pages(sample).items():
        pictures = page.select(".story-list picture.card-thumb")
        with_pictures += bool(pictures)
        for picture in pictures:
            img = picture.select_one("img")
            assert img is not None
            assert img.get("alt") == "", f"{relative}: a thumbnail by its headline is decorative"
        weight = page_weight(sample, sample.output / relative, page)
        assert weight <= LISTING_BUDGET, f"{relative} weighs {weight} bytes, over the budget"
    assert with_pictures, "no listing of the sample shows a thumbnail"
