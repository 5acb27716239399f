"""The theme in real headless Chromium, on a 360 px phone and a 1280 px desktop screen.

The sample site is served on this machine; each width gets one browser for the whole module.
Each kind of page the tests read is saved as a full-page screenshot, <name>-<width>.png, in
test-artifacts/screenshots/ for a reviewer to look at.
"""

from __future__ import annotations

import base64
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import chromium, served
from tests.sitekit import SampleSite

REPOSITORY = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPOSITORY / "test-artifacts" / "screenshots"
PHONE = 360
DESKTOP = 1280
PHONE_METRICS = {"width": PHONE, "height": 740, "pixelRatio": 1}

# What a story page shows, top to bottom. The optional parts appear only on some stories.
ALWAYS, OPTIONAL = True, False
STORY_ANATOMY = (
    (".story-location a", ALWAYS),
    ("h1.story-title", ALWAYS),
    (".story-meta time.story-date", ALWAYS),
    (".story-byline a[rel=author]", ALWAYS),
    (".story-source", OPTIONAL),
    ("figure.story-figure", OPTIONAL),
    (".story-body", ALWAYS),
    (".story-corrections", OPTIONAL),
    ("ul.story-tags", ALWAYS),
    ("section.share", ALWAYS),
    ("aside.related", ALWAYS),
    ("nav.story-nav", ALWAYS),
)
# Three sample stories, found by their markup, that together show every optional part.
STORIES = {
    "syndicated": (".story-source .story-syndicated", "figure.story-figure figcaption"),
    "corrected": (".story-corrections", "figure.story-figure figcaption"),
    "between-two": (".story-source", ".story-nav a[rel=prev]", ".story-nav a[rel=next]"),
}
SHARE_LINKS = {
    "share-whatsapp": "https://wa.me/",
    "share-facebook": "https://www.facebook.com/sharer/",
    "share-x": "https://x.com/intent/",
    "share-telegram": "https://t.me/share/",
}
# Listings of more than one page: the home page (its first page is the front page) and a province.
PAGED_LISTINGS = {"home": "", "province": "lokasi/kalimantan-selatan/"}
MISSING_ADDRESS = "tidak/ada/halaman/"

# Whether an element takes up room on the page: present in layout, with a size, not hidden.
IS_RENDERED = """
function isRendered(element) {
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  return element.getClientRects().length > 0 && box.width > 0 && box.height > 0
    && style.visibility !== "hidden" && style.display !== "none";
}
"""
# For each selector, whether its first element is present and rendered; and each pair of present
# ones that is out of document order.
LOCATE_PARTS = (
    IS_RENDERED
    + """
const parts = arguments[0].map((selector) => [selector, document.querySelector(selector)]);
const present = parts.filter(([, element]) => element !== null);
return {
  missing: parts.filter(([, element]) => element === null).map(([selector]) => selector),
  hidden: present.filter(([, element]) => !isRendered(element)).map(([selector]) => selector),
  misordered: present.slice(1).flatMap(([selector, element], index) => {
    const [previousSelector, previous] = present[index];
    const follows = previous.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING;
    return follows ? [] : [`${selector} comes before ${previousSelector}`];
  }),
};
"""
)
FOCUSED = """
const element = document.activeElement;
const box = element.getBoundingClientRect();
const style = getComputedStyle(element);
return {
  html: element.outerHTML.slice(0, 120), id: element.id, tag: element.tagName.toLowerCase(),
  skipLink: element.matches("a.skip-link"), focusVisible: element.matches(":focus-visible"),
  outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
  box: [box.left, box.top, box.right, box.bottom],
  viewport: [window.innerWidth, window.innerHeight],
};
"""


@dataclass
class Window:
    """One Chromium window at one screen width."""

    driver: webdriver.Chrome
    width: int
    screenshots: set[str] = field(default_factory=set, repr=False)

    def open(self, url: str) -> int:
        """Load `url` and return the HTTP status Chromium received for it."""
        self.driver.get(url)
        return self.status()

    def status(self) -> int:
        return int(
            self.driver.execute_script(
                "return performance.getEntriesByType('navigation')[0].responseStatus"
            )
        )

    def follow(self, link: WebElement) -> int:
        """Click `link` as a reader would, wait for the next page, and return its HTTP status."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        wait = WebDriverWait(self.driver, 10, poll_frequency=0.05)
        wait.until(expected_conditions.staleness_of(link))
        wait.until(lambda driver: driver.execute_script("return document.readyState") == "complete")
        return self.status()

    def one(self, selector: str) -> WebElement:
        found = self.driver.find_elements(By.CSS_SELECTOR, selector)
        assert found, f"no {selector} on {self.driver.current_url}"
        return found[0]

    def count(self, selector: str) -> int:
        return len(self.driver.find_elements(By.CSS_SELECTOR, selector))

    def rendered(self, element: WebElement) -> bool:
        return bool(
            self.driver.execute_script(IS_RENDERED + "return isRendered(arguments[0])", element)
        )

    def locate(self, selectors: list[str]) -> dict[str, list[str]]:
        """Which of `selectors` the open page lacks, hides, or shows out of this order."""
        located: dict[str, list[str]] = self.driver.execute_script(LOCATE_PARTS, selectors)
        return located

    def press(self, key: str) -> None:
        ActionChains(self.driver).send_keys(key).perform()

    def emulate_media(self, media: str = "", **features: str) -> None:
        """Emulate a CSS media type and media features, as DevTools' Rendering panel does."""
        listed = [
            {"name": name.replace("_", "-"), "value": value} for name, value in features.items()
        ]
        self.driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia", {"media": media, "features": listed}
        )

    def screenshot(self, name: str) -> Path:
        """The whole page, beyond the viewport, as test-artifacts/screenshots/<name>-<width>.png.

        Each page is saved once per width, by the first test that reads it.
        """
        path = SCREENSHOTS / f"{name}-{self.width}.png"
        if name in self.screenshots:
            return path
        self.screenshots.add(name)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "optimizeForSpeed": True},
        )
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


class StaticHostHandler(SimpleHTTPRequestHandler):
    """Serves a folder as Netlify and GitHub Pages do: a missing address gets 404.html (404)."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != HTTPStatus.NOT_FOUND:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest shows what failed, not every request."""


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    return dict(read_settings(str(REPOSITORY / "pelicanconf.py")))


@pytest.fixture(scope="module")
def stories(sample: SampleSite) -> dict[str, str]:
    """The address of each kind of story in STORIES, found once for the module."""
    articles = sample.articles()
    return {kind: story_with(sample, articles, *selectors) for kind, selectors in STORIES.items()}


@pytest.fixture(scope="module")
def site_url(sample: SampleSite) -> Iterator[str]:
    """The sample site on a plain static server, which answers a missing address with a bare 404."""
    with served(sample.output) as url:
        yield url


@pytest.fixture(scope="module")
def host_url(sample: SampleSite) -> Iterator[str]:
    """The sample site served as a static host serves it, with its own 404 page."""
    handler = partial(StaticHostHandler, directory=str(sample.output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="static-host")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module", params=[PHONE, DESKTOP], ids=lambda width: f"{width}px")
def window(request: pytest.FixtureRequest) -> Iterator[Window]:
    """One browser per width: a phone emulated as DevTools does, or a desktop window."""
    width: int = request.param
    if width == PHONE:
        browser = chromium(f"--window-size={PHONE},740", mobile_metrics=PHONE_METRICS)
    else:
        browser = chromium(f"--window-size={DESKTOP},900")
    with browser as driver:
        yield Window(driver, width)


def address_of(sample: SampleSite, page: Path) -> str:
    """A written page's address relative to the site root, e.g. '2026/11/slug/'."""
    relative = page.relative_to(sample.output)
    return relative.parent.as_posix() + "/" if relative.name == "index.html" else str(relative)


def story_with(sample: SampleSite, articles: dict[Path, BeautifulSoup], *selectors: str) -> str:
    """The address of the first of `articles` whose page has every one of `selectors`."""
    for path, page in sorted(articles.items()):
        if all(page.select_one(selector) for selector in selectors):
            return address_of(sample, path)
    raise AssertionError(f"no sample story has all of {selectors}")


def stories_newest_first(sample: SampleSite) -> list[str]:
    """Every sample story's address, newest first, as listings order them."""
    dated = {
        address_of(sample, path): datetime.fromisoformat(
            str(page.select_one("time.story-date")["datetime"])  # type: ignore[index]
        )
        for path, page in sample.articles().items()
    }
    return sorted(dated, key=dated.__getitem__, reverse=True)


def story_date(window: Window) -> datetime:
    return datetime.fromisoformat(str(window.one("time.story-date").get_attribute("datetime")))


def listed_stories(window: Window) -> list[str]:
    """The address each `.story-list li` of the open page leads to, in order."""
    hrefs: list[str] = window.driver.execute_script(
        "return [...document.querySelectorAll('.story-list li')]"
        ".map((item) => item.querySelector('a').href)"
    )
    return hrefs


def same_page(url: str) -> str:
    """`url` without a trailing 'index.html', which names the same page."""
    return url.removesuffix("index.html")


# a. The story page, top to bottom.


@pytest.mark.parametrize("kind", STORIES)
def test_story_parts_come_in_reading_order(
    window: Window, stories: dict[str, str], site_url: str, settings: dict[str, Any], kind: str
) -> None:
    assert window.open(site_url + stories[kind]) == 200
    window.screenshot(f"story-{kind}")
    parts = window.locate([selector for selector, _ in STORY_ANATOMY])
    always = {selector for selector, required in STORY_ANATOMY if required}
    assert always.isdisjoint(parts["missing"]), f"{kind} story lacks {parts['missing']}"
    assert parts["hidden"] == [], f"{kind} story hides {parts['hidden']}"
    assert parts["misordered"] == [], f"{kind} story: {parts['misordered']}"
    # The parts this story was picked for (source, photo caption, correction...) show too.
    picked = window.locate(list(STORIES[kind]))
    assert picked["missing"] == picked["hidden"] == [], f"{kind} story: {picked}"
    assert window.count(".comments") == 0, "comments are off unless a newsroom turns them on"

    first_paragraph = window.one(".story-body > p")
    dateline = window.one(".story-body .dateline")
    opens_it = window.driver.execute_script(
        "return arguments[0].firstChild === arguments[1]", first_paragraph, dateline
    )
    assert opens_it, "the dateline opens the first paragraph of the story"
    outlet = re.escape(settings["WARTA_DATELINE_OUTLET"])
    assert re.fullmatch(rf"[A-Z][A-Z .'-]*, {outlet} –", dateline.text), dateline.text
    assert first_paragraph.text.startswith(dateline.text + " ")


def test_story_location_leads_to_its_place_page(
    window: Window, stories: dict[str, str], site_url: str
) -> None:
    window.open(site_url + stories["syndicated"])
    place = window.one(".story-location a")
    label = place.text.strip()
    assert label
    assert window.follow(place) == 200
    assert window.driver.current_url.startswith(site_url + "lokasi/")
    assert window.one("h1").text.strip().casefold() == label.casefold()


def test_share_links_carry_the_story_address(
    window: Window, stories: dict[str, str], site_url: str, settings: dict[str, Any]
) -> None:
    story = stories["syndicated"]
    window.open(site_url + story)
    own_address = f"{settings['WARTA_SITE_URL']}/{story}"
    links = window.driver.find_elements(By.CSS_SELECTOR, "section.share a")
    classes = [link.get_attribute("class") for link in links]
    assert classes == [*SHARE_LINKS, "share-copy"]
    for link in links:
        assert window.rendered(link), link.get_attribute("class")
        href = link.get_attribute("href") or ""
        name = link.get_attribute("class") or ""
        if name == "share-copy":
            assert href == own_address
            continue
        assert href.startswith(SHARE_LINKS[name]), href
        shared = " ".join(
            value for values in parse_qs(urlsplit(href).query).values() for value in values
        )
        assert own_address in shared, f"{name} does not share {own_address}: {href}"


def test_related_stories_lead_to_stories(
    window: Window, stories: dict[str, str], site_url: str
) -> None:
    window.open(site_url + stories["corrected"])
    assert window.one("aside.related h2").text.strip() == "Baca juga"
    links = window.driver.find_elements(By.CSS_SELECTOR, "aside.related li > a")
    related = {str(link.get_attribute("href")): link.text.strip() for link in links}
    assert len(related) == len(links) > 0
    assert window.follow(links[0]) == 200
    for href, title in related.items():
        if window.driver.current_url != href:
            assert window.open(href) == 200, href
        assert window.one("h1.story-title").text.strip() == title


@pytest.mark.parametrize(("rel", "later"), [("prev", False), ("next", True)])
def test_story_nav_stays_on_the_desk(
    window: Window, stories: dict[str, str], site_url: str, rel: str, later: bool
) -> None:
    window.open(site_url + stories["between-two"])
    nav = window.one("nav.story-nav").get_attribute("aria-label")
    current_desk = window.one(".desks a[aria-current=page]").text.strip()
    date = story_date(window)
    assert current_desk
    assert current_desk in str(nav)
    assert window.follow(window.one(f"nav.story-nav a[rel={rel}]")) == 200
    assert window.one("nav.story-nav").get_attribute("aria-label") == nav
    assert window.one(".desks a[aria-current=page]").text.strip() == current_desk
    assert (story_date(window) > date) is later, f"rel={rel} leads the wrong way in time"


# b. Listings of more than one page.


@pytest.mark.parametrize("listing", PAGED_LISTINGS)
def test_listing_pages_hold_each_story_once(
    window: Window, sample: SampleSite, site_url: str, settings: dict[str, Any], listing: str
) -> None:
    page_size = settings["DEFAULT_PAGINATION"]
    newest = [site_url + address for address in stories_newest_first(sample)]
    start = site_url + PAGED_LISTINGS[listing]
    assert window.open(start) == 200
    front = window.count("main.front") == 1
    if front:
        # The front page arranges its page's stories (the newest) in blocks, without a count.
        expected_total = len(newest)
        first_page = newest[:page_size]
        assert window.follow(window.one(".latest .more a")) == 200
    else:
        count = window.one(".listing-count").text
        match = re.match(r"(\d+) berita", count)
        assert match, f"{count!r} does not say how many stories the listing has"
        expected_total = int(match[1])
        first_page = []
    pages: list[tuple[str, list[str]]] = []
    while True:
        on_page = listed_stories(window)
        assert 0 < len(on_page) <= page_size, (
            f"{len(on_page)} stories on {window.driver.current_url}"
        )
        pages.append((window.driver.current_url, on_page))
        onward = window.driver.find_elements(By.CSS_SELECTOR, ".pagination a[rel=next]")
        if not onward:
            break
        assert window.follow(onward[0]) == 200
    listed = first_page + [story for _, on_page in pages for story in on_page]
    assert len(set(listed)) == len(listed), "a story shows on more than one page"
    assert len(listed) == expected_total
    assert listed == [story for story in newest if story in listed], "not newest first"

    for address, on_page in reversed(pages[:-1]):
        assert window.follow(window.one(".pagination a[rel=prev]")) == 200
        assert same_page(window.driver.current_url) == same_page(address)
        assert listed_stories(window) == on_page
    if front:
        assert window.follow(window.one(".pagination a[rel=prev]")) == 200
        assert window.count("main.front") == 1
    assert same_page(window.driver.current_url) == start


# c. Every kind of page fits a phone's width.


def page_addresses(sample: SampleSite, stories: dict[str, str]) -> dict[str, str]:
    first_desk = sorted(sample.output.glob("kategori/*/index.html"))[0]
    return {
        "home": "",
        "story-corrected": stories["corrected"],
        "desk": address_of(sample, first_desk),
        "place": PAGED_LISTINGS["province"],
        "archive": "arsip/",
        "search": "cari/",
        "404": "404.html",
    }


@pytest.mark.parametrize(
    "name", ["home", "story-corrected", "desk", "place", "archive", "search", "404"]
)
def test_page_fits_the_screen_width(
    window: Window, sample: SampleSite, stories: dict[str, str], site_url: str, name: str
) -> None:
    assert window.open(site_url + page_addresses(sample, stories)[name]) == 200
    if name == "search":
        WebDriverWait(window.driver, 10).until(
            lambda driver: driver.find_elements(By.CSS_SELECTOR, ".pagefind-ui__search-input")
        )
    scroll_width, inner_width = window.driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    window.screenshot(name)
    assert inner_width == window.width
    assert scroll_width <= inner_width, f"{name} scrolls sideways: {scroll_width} px wide"


# Every desk link's box, and whether the row hides any part of it (scrolled or cut off).
DESK_LINKS = """
const list = document.querySelector('.desks ul');
return {
  links: [...document.querySelectorAll('.desks a')].map((link) => {
    const box = link.getBoundingClientRect();
    return {name: link.textContent.trim(), left: box.left, right: box.right,
            cut: link.scrollWidth > link.clientWidth + 1};
  }),
  scrolls: list.scrollWidth > list.clientWidth + 1,
  viewport: window.innerWidth,
};
"""


def test_every_desk_is_in_sight_on_any_screen(
    window: Window, sample: SampleSite, site_url: str
) -> None:
    """On a phone too, every desk of the masthead shows whole: the row wraps, it does not
    scroll, so no desk hides off-screen behind a cut-off name."""
    window.open(site_url)
    found = window.driver.execute_script(DESK_LINKS)
    names = [link["name"] for link in found["links"]]
    desks = sample.pages[sample.output / "kategori" / "index.html"].select("main li a")
    assert len(names) == 9
    assert sorted(names) == sorted(" ".join(desk.get_text().split()) for desk in desks)
    assert not found["scrolls"], "the desks' row scrolls sideways"
    for link in found["links"]:
        assert 0 <= link["left"] < link["right"] <= found["viewport"], link
        assert not link["cut"], link


# Layout shifts the page made while loading and while it was scrolled to the bottom, with every
# lazy photo loading on the way (what Lighthouse calls CLS, without its time windows).
SHIFTS = """
const done = arguments[arguments.length - 1];
let total = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) { if (!entry.hadRecentInput) total += entry.value; }
}).observe({type: 'layout-shift', buffered: true});
const step = () => {
  if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2) {
    const wait = () => [...document.images].every((img) => img.complete)
      ? setTimeout(() => done(total), 300) : setTimeout(wait, 50);
    return wait();
  }
  window.scrollBy(0, window.innerHeight / 2);
  setTimeout(step, 60);
};
step();
"""
# Each list thumbnail: its box, what loaded into it, and whether it waits to be scrolled to.
THUMBNAILS = """
return [...document.querySelectorAll('.card-thumb img')].map((img) => {
  const box = img.getBoundingClientRect();
  return {top: box.top + window.scrollY, width: box.width, height: box.height,
          lazy: img.loading === 'lazy', natural: img.naturalWidth, src: img.currentSrc};
});
"""


@pytest.mark.parametrize("page", ["home", "listing"])
def test_thumbnails_are_sized_lazy_below_the_fold_and_move_nothing(
    window: Window, sample: SampleSite, site_url: str, page: str
) -> None:
    listing = max(
        sorted(sample.output.glob("kategori/*/index.html")),
        key=lambda path: len(sample.pages[path].select(".card-thumb")),
    )
    address = "" if page == "home" else address_of(sample, listing)
    assert window.open(site_url + address) == 200
    viewport = window.driver.execute_script("return window.innerHeight")
    # Those in the first screen load at once, with no scrolling.
    WebDriverWait(window.driver, 10).until(
        lambda driver: all(
            thumbnail["natural"] > 0
            for thumbnail in driver.execute_script(THUMBNAILS)
            if thumbnail["top"] < viewport
        )
    )
    window.driver.set_script_timeout(60)
    shifts = window.driver.execute_async_script(SHIFTS)
    thumbnails = window.driver.execute_script(THUMBNAILS)
    assert thumbnails, f"no thumbnail on {page}"
    for thumbnail in thumbnails:
        # A small 4:3 picture, as sharp as the screen: its file is at least as wide as it shows
        # (naturalWidth is in CSS pixels, the file's width over the density it was picked for).
        assert 90 <= thumbnail["width"] <= 130, thumbnail
        assert abs(thumbnail["height"] - thumbnail["width"] * 3 / 4) < 1.5, thumbnail
        assert thumbnail["natural"] >= thumbnail["width"], thumbnail
        assert "thumb-" in thumbnail["src"], thumbnail
        if window.width == PHONE and thumbnail["top"] < viewport:
            assert not thumbnail["lazy"], f"a thumbnail in the first screen waits: {thumbnail}"
        if thumbnail["top"] > 2 * viewport:
            assert thumbnail["lazy"], f"a thumbnail far down loads at once: {thumbnail}"
    assert shifts < 0.01, f"the page moved as it loaded: layout shift {shifts:.3f}"


# d. Keyboard and landmarks.


def test_first_tab_reaches_the_skip_link_which_jumps_to_the_story(
    window: Window, stories: dict[str, str], site_url: str
) -> None:
    story = site_url + stories["corrected"]
    window.open(story)
    window.press(Keys.TAB)
    focused = window.driver.execute_script(FOCUSED)
    assert focused["skipLink"], f"the first Tab focuses {focused['html']}"
    left, top, right, bottom = focused["box"]
    viewport_width, viewport_height = focused["viewport"]
    assert 0 <= left < right <= viewport_width, "the focused skip link is off screen"
    assert 0 <= top < bottom <= viewport_height, "the focused skip link is off screen"
    assert focused["focusVisible"]
    assert focused["outlineStyle"] != "none"
    assert focused["outlineWidth"] > 0

    window.press(Keys.ENTER)
    assert window.driver.current_url == story + "#isi"
    focused = window.driver.execute_script(FOCUSED)
    assert (focused["tag"], focused["id"]) == ("main", "isi")
    main_top = window.driver.execute_script(
        "return document.getElementById('isi').getBoundingClientRect().top"
    )
    assert abs(main_top) < 1, "the page scrolls to the story"


def test_keyboard_focus_on_links_is_outlined(
    window: Window, stories: dict[str, str], site_url: str
) -> None:
    window.open(site_url + stories["corrected"])
    for _ in range(4):  # the skip link, then the masthead's links
        window.press(Keys.TAB)
        focused = window.driver.execute_script(FOCUSED)
        assert focused["tag"] == "a", focused["html"]
        assert focused["focusVisible"], focused["html"]
        assert focused["outlineStyle"] != "none", focused["html"]
        assert focused["outlineWidth"] > 0, focused["html"]


def test_landmarks_are_single_and_navigation_is_labelled(
    window: Window, stories: dict[str, str], site_url: str
) -> None:
    window.open(site_url + stories["between-two"])
    assert window.count("header.masthead") == 1
    assert window.count("body > header.masthead") == 1, "the masthead is the page's banner"
    assert window.count("main") == 1
    assert window.count("footer") == 1
    assert window.count("body > footer") == 1, "the footer is the page's contentinfo"
    labels = [
        (nav.get_attribute("aria-label") or "").strip()
        for nav in window.driver.find_elements(By.CSS_SELECTOR, "nav")
    ]
    assert len(labels) >= 3  # desks, the desk's neighbours, the footer
    assert all(labels), f"a nav without aria-label: {labels}"
    assert len(set(labels)) == len(labels), f"two navs share a label: {labels}"


# e. Colour scheme.

# Relative luminance (0 black, 1 white) below which a colour counts as dark, above which as light.
DARK, LIGHT = 0.2, 0.5


def luminance(colour: str) -> float:
    """WCAG relative luminance of a computed CSS colour ('rgb(…)' or an opaque 'rgba(…)')."""
    channels = [float(part) for part in re.findall(r"[\d.]+", colour)]
    assert len(channels) == 3 or channels[3] == 1, f"{colour} is not an opaque colour"

    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in channels[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_colours_follow_the_readers_scheme(
    window: Window, stories: dict[str, str], site_url: str, scheme: str
) -> None:
    window.emulate_media(prefers_color_scheme=scheme)
    try:
        window.open(site_url + stories["corrected"])
        background, text = window.driver.execute_script(
            "const style = getComputedStyle(document.body);"
            "return [style.backgroundColor, style.color]"
        )
        # The light scheme is the default one, already saved as story-corrected.
        window.screenshot("story-dark" if scheme == "dark" else "story-corrected")
    finally:
        window.emulate_media()
    paper, ink = luminance(background), luminance(text)
    dark, light = (paper, ink) if scheme == "dark" else (ink, paper)
    assert dark < DARK, f"{scheme} scheme: {text} on {background}"
    assert light > LIGHT, f"{scheme} scheme: {text} on {background}"
    contrast = (max(paper, ink) + 0.05) / (min(paper, ink) + 0.05)
    assert contrast >= 4.5, f"{scheme} scheme: {text} on {background} is {contrast:.1f}:1"


# f. Print.


def test_print_keeps_the_story_and_drops_navigation(
    window: Window, stories: dict[str, str], site_url: str
) -> None:
    window.emulate_media("print")
    try:
        window.open(site_url + stories["between-two"])
        displays = {
            selector: window.driver.execute_script(
                "return getComputedStyle(arguments[0]).display", window.one(selector)
            )
            for selector in (".masthead nav", ".share", ".story-nav", ".site-footer", ".story-body")
        }
        window.screenshot("story-print")
    finally:
        window.emulate_media()
    assert displays.pop(".story-body") != "none"
    assert displays == dict.fromkeys(displays, "none")


# g. A missing address on a static host.


@pytest.mark.parametrize(
    ("link", "heading"),
    [
        (".story-list li a", "h1.story-title"),
        (".masthead a.brand", None),  # the front page
        (".masthead .desks a", "h1.listing-title"),
    ],
    ids=["story", "home", "desk"],
)
def test_404_page_links_resolve_from_the_site_root(
    window: Window, sample: SampleSite, host_url: str, link: str, heading: str | None
) -> None:
    assert window.open(host_url + MISSING_ADDRESS) == 404
    not_found = sample.pages[sample.output / "404.html"].select_one("h1")
    assert not_found is not None
    assert window.one("h1").text.strip() == not_found.get_text().strip()
    styled = window.driver.execute_script(
        "return [...document.querySelectorAll('link[rel=stylesheet]')]"
        ".every((sheet) => sheet.sheet !== null && sheet.sheet.cssRules.length > 0)"
    )
    assert styled, "the 404 page's stylesheet did not load at a nested address"
    window.screenshot("404-nested")
    target = window.one(link)
    label = target.text.strip()
    assert window.follow(target) == 200, f"{link} leads to {window.driver.current_url}"
    assert window.driver.current_url.startswith(host_url)
    assert not window.driver.current_url.startswith(host_url + MISSING_ADDRESS)
    if heading is None:
        assert window.driver.current_url == host_url
        assert window.count("main.front") == 1
    else:
        assert window.one(heading).text.strip() == label


def test_404_skip_link_stays_on_the_page(window: Window, host_url: str) -> None:
    missing = host_url + MISSING_ADDRESS
    assert window.open(missing) == 404
    window.press(Keys.TAB)
    assert window.driver.execute_script(FOCUSED)["skipLink"]
    window.press(Keys.ENTER)
    assert window.driver.current_url == missing + "#isi", "the skip link left the page"
    focused = window.driver.execute_script(FOCUSED)
    assert (focused["tag"], focused["id"]) == ("main", "isi")
