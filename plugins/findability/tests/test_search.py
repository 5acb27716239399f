"""Site search in real headless Chromium, on the sample site served by a plain static server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Literal

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import chromium, served
from tests.sitekit import SampleSite

QUERY = "martapura meluap"
# The fire-and-haze thread spans several places in Kalimantan Tengah.
BROAD_QUERY = "asap karhutla"
PLACE = "Kota Palangka Raya"
EXPECTED = "2026/11/sungai-martapura-meluap-230-rumah-terendam/"
RESULT_LINKS = ".pagefind-ui__result-link"


@pytest.fixture(scope="module")
def site_url(sample: SampleSite) -> Iterator[str]:
    with served(sample.output) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    with chromium("--window-size=1200,900") as driver:
        yield driver


def test_index_is_indonesian_and_holds_only_stories(sample: SampleSite) -> None:
    # One bundle, or one per part of the archive (output/pagefind/<part>/).
    entries = [
        json.loads(path.read_text())
        for path in (sample.output / "pagefind").rglob("pagefind-entry.json")
    ]
    assert entries
    assert all(list(entry["languages"]) == ["id"] for entry in entries)
    pages = sum(entry["languages"]["id"]["page_count"] for entry in entries)
    assert pages == len(sample.articles())


def results(driver: webdriver.Chrome, fewer_than: int | None = None) -> list[WebElement]:
    """The result links once the search has settled (and, when given, narrowed)."""

    def settled(_: webdriver.Chrome) -> list[WebElement] | Literal[False]:
        found = driver.find_elements(By.CSS_SELECTOR, RESULT_LINKS)
        message = driver.find_elements(By.CSS_SELECTOR, ".pagefind-ui__message")
        done = bool(found) and bool(message) and message[0].text.strip() != ""
        if fewer_than is not None:
            done = done and len(found) < fewer_than
        return found if done else False

    found: list[WebElement] = WebDriverWait(driver, 20).until(settled)
    return found


def test_search_finds_the_story_and_a_filter_narrows(
    browser: webdriver.Chrome, site_url: str
) -> None:
    browser.get(site_url + "cari/")
    box = WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".pagefind-ui__search-input")
    )
    box.send_keys(QUERY)
    found = results(browser)
    hrefs = [str(link.get_attribute("href")) for link in found]
    print(f"Chromium: {len(found)} results for {QUERY!r}: {hrefs}")
    assert site_url + EXPECTED in hrefs
    first = browser.find_element(By.CSS_SELECTOR, ".pagefind-ui__result")
    # Each result shows its date and place from data-pagefind-meta.
    tags = first.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-tag")
    assert any(tag.text.startswith("Tanggal:") and "2026" in tag.text for tag in tags)
    assert any(tag.text == "Lokasi: Kabupaten Banjar" for tag in tags)

    # Click through from the results to the story.
    next(link for link in found if link.get_attribute("href") == site_url + EXPECTED).click()
    WebDriverWait(browser, 20).until(lambda d: d.current_url == site_url + EXPECTED)
    assert browser.find_element(By.CSS_SELECTOR, "h1.story-title").text.startswith(
        "Sungai Martapura Meluap"
    )


def test_location_filter_narrows_the_results(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(site_url + "cari/?q=" + BROAD_QUERY.replace(" ", "+"))
    found = results(browser)
    places = {
        tag.text for tag in browser.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-tag")
    }
    print(f"Chromium: {len(found)} results for {BROAD_QUERY!r}, tags {sorted(places)}")
    assert f"Lokasi: {PLACE}" in places
    browser.execute_script(
        "document.querySelectorAll('.pagefind-ui__filter-panel details')"
        ".forEach(d => d.open = true);"
    )
    checkbox = WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f'input[id="lokasi-{PLACE}"]')
    )
    browser.execute_script("arguments[0].click();", checkbox)
    narrowed = results(browser, fewer_than=len(found))
    shown = [
        tag.text
        for tag in browser.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-tag")
        if tag.text.startswith("Lokasi:")
    ]
    print(f"Chromium: {len(narrowed)} results with lokasi {PLACE}")
    assert shown == [f"Lokasi: {PLACE}"] * len(narrowed)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_results_keep_their_place_while_the_filters_load(site_url: str, width: int) -> None:
    """Pagefind can show the results before its filter panel, which sits above them on a phone
    and beside them on a desktop: the panel's place is kept until it comes, so the results are
    neither pushed down nor narrowed under the reader's eyes. Checked by taking the panel away
    again, as before it arrived."""
    with chromium(mobile_metrics={"width": width, "height": 844, "pixelRatio": 2}) as driver:
        driver.get(site_url + "cari/?q=banjir")
        results(driver)
        where = (
            "const box = document.querySelector('.pagefind-ui__results-area')"
            ".getBoundingClientRect(); return [box.x, box.y, box.width];"
        )
        with_panel = driver.execute_script(where)
        driver.execute_script("document.querySelector('.pagefind-ui__filter-panel').remove()")
        without_panel = driver.execute_script(where)
    assert all(abs(a - b) <= 2 for a, b in zip(with_panel, without_panel, strict=True)), (
        with_panel,
        without_panel,
    )
