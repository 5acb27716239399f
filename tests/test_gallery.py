"""Photo galleries (`::: galeri` in a body), end to end: real builds read by an HTML parser, the
JSON-LD and feed parsers, the Nu Html Checker and Debian's headless Chromium, with JavaScript
off; hostile captions and paths; a photo changed under the same name; the WordPress import.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import chromium, served
from tests.sitekit import Build, SampleSite, Site, text_of
from tests.test_html_validity import describe, validate
from tests.test_import_wordpress import FIXTURES, import_file
from tests.test_incremental import differences, tree
from tests.test_uptodate import cold

GALLERY_BODY = """Majelis hakim membacakan putusan perkara dana desa.

::: galeri Suasana sidang
![Tiga hakim di balik meja](/images/2026/11/hakim.jpg "Majelis hakim membacakan amar | Warta")
![Terdakwa di kursi kayu](/images/2026/11/terdakwa.jpg "Terdakwa mendengarkan putusan")
![Pengunjung memenuhi bangku](../images/2026/11/pengunjung.jpg " | Dok. PN Banjarmasin")
:::

Terdakwa menyatakan pikir-pikir.
"""
STORY: dict[str, Any] = {"Title": "Vonis Kades Sawang Laut", "Slug": "vonis", "Category": "Hukum"}
PAGE = "2026/11/vonis/"
SETTINGS = 'SITEURL = "https://warta.example"\nWARTA_BUILD_TIME = "2026-11-20T10:00"\n'


def photo(site: Site, relative: str, colour: tuple[int, int, int], size: tuple[int, int]) -> Path:
    path = site.content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG")
    return path


def newsroom(site: Site, *, lead: bool = False) -> None:
    photo(site, "images/2026/11/hakim.jpg", (120, 80, 50), (1600, 1067))
    photo(site, "images/2026/11/terdakwa.jpg", (230, 230, 220), (1200, 1600))
    photo(site, "images/2026/11/pengunjung.jpg", (60, 90, 140), (1600, 1067))
    extra: dict[str, Any] = {}
    if lead:
        photo(site, "images/2026/11/gedung.jpg", (200, 190, 160), (1600, 1067))
        extra = {"Image": "images/2026/11/gedung.jpg", "ImageAlt": "Gedung pengadilan"}
    site.article("vonis.md", body=GALLERY_BODY, **STORY, **extra)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    site = Site(tmp_path_factory.mktemp("gallery"))
    newsroom(site)
    done = site.build(SETTINGS)
    assert done.returncode == 0, done.stderr
    return done


def gallery_of(page: BeautifulSoup) -> Tag:
    found = page.select_one(".story-body section.gallery")
    assert found is not None, "no gallery on the page"
    return found


def test_the_gallery_shows_every_photo_in_order_with_caption_credit_and_count(
    built: Build,
) -> None:
    page = built.html(PAGE)
    gallery = gallery_of(page)
    assert gallery["aria-roledescription"] == "galeri"
    title = page.select_one(f"#{gallery['aria-labelledby']}")
    assert title is not None
    assert title.get_text() == "Suasana sidang"
    slides = gallery.select("ol.gallery-track > li.gallery-slide")
    assert [slide["id"] for slide in slides] == [f"galeri-1-foto-{n}" for n in (1, 2, 3)]
    assert [img["alt"] for img in gallery.select("img")] == [
        "Tiga hakim di balik meja",
        "Terdakwa di kursi kayu",
        "Pengunjung memenuhi bangku",
    ]
    assert [text_of(slide, "figcaption") for slide in slides] == [
        "Foto 1 dari 3 Majelis hakim membacakan amar Foto: Warta",
        "Foto 2 dari 3 Terdakwa mendengarkan putusan",
        "Foto 3 dari 3 Foto: Dok. PN Banjarmasin",
    ]
    assert gallery.select_one(".gallery-track")["tabindex"] == "0"  # type: ignore[index]
    # Each photo links to the ones beside it, by anchor: no script needed.
    links = [[str(a["href"]) for a in slide.select(".gallery-nav a")] for slide in slides]
    assert links == [
        ["#galeri-1-foto-2"],
        ["#galeri-1-foto-1", "#galeri-1-foto-3"],
        ["#galeri-1-foto-2"],
    ]
    # The gallery stands where it was written, between the two paragraphs.
    body = page.select_one(".story-body")
    assert body is not None
    kinds = [child.name for child in body.children if isinstance(child, Tag)]
    assert kinds == ["p", "section", "p"]


def test_gallery_photos_go_through_the_pipeline_and_only_the_first_loads_eagerly(
    built: Build,
) -> None:
    gallery = gallery_of(built.html(PAGE))
    images = gallery.select("img")
    # The page has no lead photo, so the gallery's first is the page's first: fetched first.
    assert images[0]["loading"] == "eager"
    assert images[0]["fetchpriority"] == "high"
    for image in images[1:]:
        assert image["loading"] == "lazy"
        assert not image.has_attr("fetchpriority")
    for image in images:
        assert re.fullmatch(r"[1-9]\d*", str(image["width"]))
        assert re.fullmatch(r"[1-9]\d*", str(image["height"]))
        # Responsive copies in the content-hashed folders, never the originals.
        candidates = [part.split()[0] for part in str(image["srcset"]).split(", ") if part.strip()]
        assert len(candidates) >= 2
        for candidate in [str(image["src"]), *candidates]:
            target = urljoin(f"https://warta.example/{PAGE}", candidate)
            relative = target.removeprefix("https://warta.example/")
            assert re.fullmatch(r"images/[0-9a-f]{10}/[a-z-]+-\d+\.jpg", relative), relative
            with Image.open(built.output / relative) as copy:
                assert "exif" not in copy.info
                assert "icc_profile" not in copy.info
    for original in ("hakim.jpg", "terdakwa.jpg", "pengunjung.jpg"):
        assert not list(built.output.rglob(original))
    portrait = images[1]
    assert int(str(portrait["height"])) > int(str(portrait["width"]))


def test_with_a_lead_photo_the_gallery_does_not_take_the_first_fetch(site: Site) -> None:
    newsroom(site, lead=True)
    done = site.build(SETTINGS)
    assert done.returncode == 0, done.stderr
    page = done.html(PAGE)
    lead = page.select_one(".story-figure img")
    assert lead is not None
    assert lead["fetchpriority"] == "high"
    images = gallery_of(page).select("img")
    assert images[0]["loading"] == "eager"
    assert not images[0].has_attr("fetchpriority")
    assert [image["loading"] for image in images[1:]] == ["lazy", "lazy"]


def test_in_a_live_story_no_gallery_takes_the_first_fetch(site: Site) -> None:
    # The page shows the updates newest first, so the gallery written first is shown last.
    newsroom(site)
    gallery = GALLERY_BODY.split("\n\n")[1]
    site.article(
        "vonis.md",
        body=f"Laporan dari ruang sidang.\n\n## 09.00 Sidang dibuka\n\n{gallery}\n\n"
        "## 10.00 Putusan dibacakan\n\nTerdakwa menyatakan pikir-pikir.\n",
        **{**STORY, "Date": "2026-11-20 08:00", "Live": "ended"},
    )
    done = site.build(SETTINGS)
    assert done.returncode == 0, done.stderr
    images = gallery_of(done.html(PAGE)).select("img")
    assert [image["loading"] for image in images] == ["eager", "lazy", "lazy"]
    assert not any(image.has_attr("fetchpriority") for image in images)


def test_without_news_images_a_gallery_stops_the_build_by_its_line(site: Site) -> None:
    newsroom(site)
    plugins = 'PLUGINS = ["newsroom_model", "related_stories", "findability", "news_theme"]\n'
    done = site.build(SETTINGS + plugins)
    assert done.returncode != 0
    written = (site.content / "articles" / "vonis.md").read_text(encoding="utf-8").splitlines()
    number = written.index("::: galeri Suasana sidang") + 1
    assert (
        f"content/articles/vonis.md:{number}: Body: a photo gallery needs the news_images plugin"
        in done.stderr
    ), done.stderr
    assert "Traceback" not in done.stderr
    assert not done.output.exists() or not list(done.output.rglob("*.html"))


def test_json_ld_lists_the_gallery_images_with_caption_and_credit(built: Build) -> None:
    page = built.html(PAGE)
    script = page.select_one('script[type="application/ld+json"]')
    assert script is not None
    article = next(item for item in json.loads(script.get_text()) if item["@type"] == "NewsArticle")
    # The same photos the page shows (each a copy of its own width, in the same folder).
    rendered = [
        urljoin(f"/{PAGE}", str(img["src"])).rsplit("-", 1)[0]
        for img in gallery_of(page).select("img")
    ]
    # Without a lead photo, the first gallery photo stands for the story: its crops come first
    # (16:9, 4:3, 1:1, as for a lead photo), and it is the link preview's image.
    crops, images = article["image"][:3], article["image"][3:]
    hakim = rendered[0].rsplit("/", 1)[-1]
    assert [urlsplit(crop["url"]).path.rsplit("/", 1)[-1] for crop in crops] == [
        f"{hakim}-{ratio}.jpg" for ratio in ("16x9", "4x3", "1x1")
    ]
    og = page.select_one('meta[property="og:image"]')
    assert og is not None
    assert urlsplit(str(og["content"])).path.endswith(f"/{hakim}-og.jpg")
    assert page.select_one('meta[property="og:image:alt"]')["content"] == "Tiga hakim di balik meja"  # type: ignore[index]
    with Image.open(built.output / urlsplit(str(og["content"])).path.lstrip("/")) as card:
        assert card.size == (1200, 630)
    assert [image["@type"] for image in images] == ["ImageObject"] * 3
    assert [urlsplit(image["url"]).path.rsplit("-", 1)[0] for image in images] == rendered
    assert [image.get("caption") for image in images] == [
        "Majelis hakim membacakan amar",
        "Terdakwa mendengarkan putusan",
        "Pengunjung memenuhi bangku",  # no caption: the alt text says what it shows
    ]
    assert [image.get("creditText") for image in images] == [
        "Warta",
        None,
        "Dok. PN Banjarmasin",
    ]
    for image in images:
        assert image["url"] == image["contentUrl"]
        relative = urlsplit(image["url"]).path.lstrip("/")
        with Image.open(built.output / relative) as copy:
            assert copy.size == (image["width"], image["height"])
    # The widest copy each photo has, as its srcset lists it.
    widest = [
        max(int(part.split()[1][:-1]) for part in str(img["srcset"]).split(", "))
        for img in gallery_of(page).select("img")
    ]
    assert [image["width"] for image in images] == widest


def test_a_full_text_feed_carries_the_gallery_as_plain_figures(built: Build) -> None:
    feed = feedparser.parse((built.output / "feeds" / "semua.atom.xml").read_bytes())
    entry = next(item for item in feed.entries if item.title == STORY["Title"])
    content = BeautifulSoup(entry.content[0].value, "lxml")
    figures = content.select("div.gallery figure")
    assert [" ".join(figure.figcaption.get_text().split()) for figure in figures] == [  # type: ignore[union-attr]
        "Foto 1 dari 3. Majelis hakim membacakan amar Foto: Warta",
        "Foto 2 dari 3. Terdakwa mendengarkan putusan",
        "Foto 3 dari 3 Foto: Dok. PN Banjarmasin",
    ]
    assert content.select("a[href^='#']") == []
    sources = [str(img["src"]) for img in content("img")]
    assert len(sources) == 3
    address = re.compile(r"https://[a-z.]+/images/[0-9a-f]{10}/[a-z]+-[0-9]+\.jpg")
    assert all(address.fullmatch(source) for source in sources), sources


NOT_HERE = "is not a file of this site"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            '![Hakim](/images/2026/11/tidak-ada.jpg "Amar")',
            "image '/images/2026/11/tidak-ada.jpg' does not exist",
        ),
        (
            "![Hakim](../../../../etc/passwd)",
            "image '../../../../etc/passwd' is outside the content folder",
        ),
        (
            "![Hakim](/images/tautan.jpg)",
            "image '/images/tautan.jpg' is outside the content folder",
        ),
        (
            "![](/images/2026/11/hakim.jpg)",
            "photo '/images/2026/11/hakim.jpg' in the gallery has no alt text",
        ),
        ("", "gallery has no photos"),
        (
            "![Hakim](https://contoh.example/a.jpg)",
            f"photo 'https://contoh.example/a.jpg' in the gallery {NOT_HERE}",
        ),
    ],
)
def test_a_wrong_gallery_stops_the_build_naming_file_and_line(
    site: Site, lines: str, expected: str
) -> None:
    photo(site, "images/2026/11/hakim.jpg", (120, 80, 50), (800, 533))
    if "tautan" in lines:  # a link to a photo outside content/ (refused as a file of its own too)
        outside = site.root / "rahasia.jpg"
        Image.new("RGB", (64, 64)).save(outside, "JPEG")
        os.symlink(outside, site.content / "images" / "tautan.jpg")
    body = f"Pembuka.\n\n::: galeri\n{lines}\n:::\n"
    site.article("vonis.md", body=body, **STORY)
    done = site.build(SETTINGS)
    assert done.returncode == 1
    line = 11 if lines else 10  # six header lines, a blank one, two of body: the block opens on 10
    assert f"content/articles/vonis.md:{line}: Body: {expected}" in done.stderr, done.stderr
    assert not (done.output / PAGE / "index.html").exists()


HOSTILE_CAPTIONS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "**tebal** _miring_ [tautan](javascript:alert(1)) `kode`",
    "::: galeri",
    ":::",
    "<!--warta-photo:0--> <!--warta-gallery:0-->",
    "&lt;b&gt;entitas&lt;/b&gt; &amp; & <b>tebal</b>",
    "</figcaption></figure></li></ol></section><script>x()</script>",
]


@pytest.mark.parametrize("hostile", HOSTILE_CAPTIONS)
def test_hostile_captions_credits_and_alt_text_are_printed_as_text(
    site: Site, hostile: str
) -> None:
    from newsroom_model.gallery import block, photo_line  # noqa: PLC0415 - the writer's form

    photo(site, "images/2026/11/hakim.jpg", (120, 80, 50), (800, 533))
    line = photo_line("/images/2026/11/hakim.jpg", f"Hakim {hostile}", hostile, hostile)
    site.article("vonis.md", body=f"Pembuka.\n\n{block([line], hostile)}\n", **STORY)
    done = site.build(SETTINGS)
    assert done.returncode == 0, done.stderr
    page = done.html(PAGE)
    gallery = gallery_of(page)
    assert gallery.select("script, b, a[href^='javascript'], img[onerror]") == []
    assert [tag.name for tag in gallery.find_all(True)] == [
        "p", "ol", "li", "figure", "picture", "source", "source", "img",
        "figcaption", "span", "span",
    ]  # fmt: skip
    squeezed = " ".join(hostile.split())
    assert text_of(gallery, ".gallery-title") == squeezed
    assert gallery.select_one("img")["alt"] == f"Hakim {squeezed}"  # type: ignore[index]
    assert text_of(gallery, "figcaption") == f"Foto 1 dari 1 {squeezed} Foto: {squeezed}"
    assert page.select("body script") == []
    scripts = page.select("script")
    assert all(s.get("type") == "application/ld+json" or s.has_attr("src") for s in scripts)
    data = json.loads(page.select_one('script[type="application/ld+json"]').get_text())  # type: ignore[union-attr]
    assert data[0]["image"][-1]["caption"] == squeezed


def test_a_gallery_photo_changed_under_its_name_renders_the_page_again(site: Site) -> None:
    newsroom(site)
    first = site.build(SETTINGS)
    assert first.returncode == 0, first.stderr
    before = (first.output / PAGE / "index.html").read_text(encoding="utf-8")
    photo(site, "images/2026/11/terdakwa.jpg", (20, 20, 20), (1200, 1600))
    second = site.build(SETTINGS)
    assert second.returncode == 0, second.stderr
    after = (second.output / PAGE / "index.html").read_text(encoding="utf-8")
    assert after != before
    assert (
        differences(cold(site, extra='SITEURL = "https://warta.example"\n'), tree(second.output))
        == []
    )


def test_the_gallery_page_is_valid_html(built: Build) -> None:
    errors = validate([built.output / PAGE / "index.html"])
    assert [describe(message, built.output) for message in errors] == []


def test_the_gallery_reads_without_javascript_and_works_with_the_keyboard(built: Build) -> None:
    with served(built.output) as base, chromium("--blink-settings=scriptEnabled=false") as driver:
        driver.get(base + PAGE)
        track = driver.find_element(By.CSS_SELECTOR, ".gallery-track")
        slides = driver.find_elements(By.CSS_SELECTOR, ".gallery-slide")
        assert len(slides) == 3
        width = driver.execute_script("return document.documentElement.clientWidth")
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        assert wide <= width, "the gallery must not widen the page"

        def in_view() -> list[int]:
            left, right = track.rect["x"], track.rect["x"] + track.rect["width"]
            return [
                number
                for number, slide in enumerate(slides, start=1)
                if slide.rect["x"] >= left - 1
                and slide.rect["x"] + slide.rect["width"] <= right + 1
            ]

        assert in_view() == [1]
        counts = driver.find_elements(By.CSS_SELECTOR, ".gallery-count")
        assert counts[0].text == "Foto 1 dari 3"
        # Only the first photo is fetched before the reader gets to the gallery.
        loaded = driver.execute_script(
            "return [...document.querySelectorAll('.gallery img')].map(i => i.loading)"
        )
        assert loaded == ["eager", "lazy", "lazy"]
        # Tab lands on the row of photos (after the skip link, the masthead's links...).
        for _ in range(80):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            if driver.switch_to.active_element == track:
                break
        assert driver.switch_to.active_element == track
        # The arrow key scrolls the row; snapping brings the next photo whole into view.
        ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
        WebDriverWait(driver, 10).until(lambda _: in_view() == [2])
        # Tab goes on to the links; "Foto berikutnya" on photo 2 brings photo 3.
        for _ in range(10):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            active = driver.switch_to.active_element
            if str(active.get_attribute("href")).endswith("#galeri-1-foto-3"):
                break
        assert str(active.get_attribute("href")).endswith("#galeri-1-foto-3")
        assert "Foto berikutnya" in active.text
        active.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda _: in_view() == [3])
        assert driver.current_url.endswith("#galeri-1-foto-3")
        assert counts[2].text == "Foto 3 dari 3"
        assert counts[2].is_displayed()


# Each slide's photo frame and caption, and the row's height, as the browser lays them out.
SLIDE_BOXES = """
return [...document.querySelectorAll('.gallery-slide')].map((slide) => {
  const image = slide.querySelector('img').getBoundingClientRect();
  const caption = slide.querySelector('figcaption').getBoundingClientRect();
  return {slide: slide.getBoundingClientRect().height, image: image.height,
          gap: caption.top - image.bottom, width: image.width};
});
"""


@pytest.mark.parametrize("width", [360, 1280])
def test_a_portrait_photo_leaves_no_blank_space_under_the_landscape_ones(
    built: Build, width: int
) -> None:
    """The fixture's second photo stands upright (1200x1600) between two landscape ones: each
    slide keeps the same frame, so none is as tall as the portrait photo would make it."""
    metrics = {"width": width, "height": 740, "pixelRatio": 1} if width < 500 else None
    with (
        served(built.output) as base,
        chromium(f"--window-size={max(width, 500)},900", mobile_metrics=metrics) as driver,
    ):
        driver.get(base + PAGE)  # the frames come from the markup, loaded photos or not
        boxes = driver.execute_script(SLIDE_BOXES)
        track = driver.execute_script(
            "return document.querySelector('.gallery-track').getBoundingClientRect().height"
        )
    frames = {round(box["image"]) for box in boxes}
    assert len(frames) == 1, f"the photos' frames differ in height: {boxes}"
    assert abs(boxes[0]["image"] - boxes[0]["width"] * 2 / 3) <= 1, "a 3:2 frame"
    for box in boxes:
        assert 0 <= box["gap"] < 12, f"space between a photo and its caption: {box}"
        # Under the photo: its caption and the links to the photos beside it, no blank space.
        assert box["slide"] - box["image"] < 140, f"blank space under a photo: {box}"
    tallest = max(box["slide"] for box in boxes)
    assert track - tallest < 40, f"the row is {track - tallest:.0f} px taller than its slides"


def test_the_sample_verdict_story_has_its_gallery(sample: SampleSite) -> None:
    page = next(
        page
        for path, page in sample.pages.items()
        if "kades-nonaktif-sawang-laut-divonis-lima-tahun" in path.as_posix()
    )
    gallery = gallery_of(page)
    assert len(gallery.select("li.gallery-slide")) == 3
    assert text_of(gallery, ".gallery-count") == "Foto 1 dari 3"
    lead = page.select_one(".story-figure img")
    assert lead is not None
    assert lead["fetchpriority"] == "high"
    assert [img["loading"] for img in gallery.select("img")] == ["eager", "lazy", "lazy"]
    script = page.select_one('script[type="application/ld+json"]')
    assert script is not None
    article = json.loads(script.get_text())[0]
    assert len(article["image"]) == 3 + 3  # the lead's three crops and the gallery's photos


def test_a_wordpress_gallery_is_imported_and_built(site: Site) -> None:
    report = import_file(
        site,
        FIXTURES / "gallery.xml",
        "2026/11/sidang-hakim.jpg",
        "2026/11/sidang-terdakwa.jpg",
        "2026/11/sidang-pengunjung.jpg",
    )
    verdict = site.content / "articles" / "2026" / "11" / "kades-divonis.md"
    body = verdict.read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert "[gallery" not in body
    label = 'WordPress post 40 "Kades Sawang Laut Divonis Lima Tahun"'
    assert f"- {label}: [gallery] photo 999 is not an attachment in the export; left out" in report
    assert re.search(
        r"- content/articles/2026/11/kades-divonis\.md:[0-9]+: the gallery photo "
        r"https://kabarbanua\.example/wp-content/uploads/2026/11/hilang\.jpg could not be had: it "
        r"is not in the uploads folder; it is left out of its gallery",
        report,
    )
    assert "sidang-pengunjung.jpg has no alt text; its title 'Pengunjung sidang' is used" in report
    done = site.build(SETTINGS)
    assert done.returncode == 0, done.stderr
    page = done.html("2026/11/kades-divonis/")
    gallery = gallery_of(page)
    # In the order written (orderby="rand" is not followed: a page must build the same twice).
    assert [img["alt"] for img in gallery.select("img")] == [
        "Tiga hakim berjubah hitam [di] balik meja",
        "Terdakwa berkemeja putih duduk menghadap hakim",
        "Pengunjung sidang",
    ]
    captions = [text_of(slide, "figcaption") for slide in gallery.select("li")]
    assert captions == [
        'Foto 1 dari 3 Hakim membaca amar | "vonis" ::: selesai Foto: Kabar Banua | Rahmat "Dayat"',
        "Foto 2 dari 3 Baris pertama ::: **tebal** dan [tautan](javascript:alert(1))",
        "Foto 3 dari 3",
    ]
    assert gallery.select("script, b, strong, a[href^='javascript']") == []
    blocks = done.html("2026/11/suasana-sidang/").select(".story-body section.gallery")
    assert [
        text_of(found, ".gallery-title") if found.select_one(".gallery-title") else ""
        for found in blocks
    ] == [
        "Sidang putusan Sawang Laut",
        "",
    ]
    first = blocks[0].select("figcaption")
    assert " ".join(first[0].get_text(" ").split()) == (
        'Foto 1 dari 2 Amar dibacakan | pukul 15.00 Foto: Kabar Banua | Rahmat "Dayat"'
    )
    # The full-size file of each attachment, not the resized copy the block showed.
    assert (site.content / "images/2026/11/sidang-hakim.jpg").is_file()
    assert not (site.content / "images/2026/11/sidang-hakim-1024x683.jpg").exists()
