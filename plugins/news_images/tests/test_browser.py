"""The sample site in real headless Chromium on a 360 px phone screen: the right photo loads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from PIL import Image, features
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import chromium, served
from tests.sitekit import REPO, SampleSite

STORY = "2026/11/sungai-martapura-meluap-230-rumah-terendam/"
PHONE_WIDTH = 360
# The first format a browser is offered; Chromium reads AVIF when Pillow could write it.
BEST = "avif" if features.check("avif") else "webp"


@pytest.fixture(scope="module")
def sample_output(sample: SampleSite) -> Path:
    """The sample site, built as `make html` builds it."""
    return sample.output


@pytest.fixture(scope="module")
def site_url(sample_output: Path) -> Iterator[str]:
    """The sample site served on this machine only."""
    with served(sample_output) as url:
        yield url


def phone(pixel_ratio: int) -> AbstractContextManager[webdriver.Chrome]:
    """Headless Chromium as a 360 px wide phone with this many device pixels per CSS pixel."""
    metrics = {"width": PHONE_WIDTH, "height": 800, "pixelRatio": pixel_ratio}
    return chromium(f"--window-size={PHONE_WIDTH},800", mobile_metrics=metrics)


def lead_photo(url: str, pixel_ratio: int) -> tuple[int, float, str, int]:
    """The viewport, pixel ratio, chosen file and shown width of a story's lead photo."""
    with phone(pixel_ratio) as driver:
        driver.get(url)
        img = driver.find_element(By.CSS_SELECTOR, ".story-figure picture img")
        WebDriverWait(driver, 20).until(
            lambda _: driver.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", img
            )
        )
        viewport, ratio, current, shown = driver.execute_script(
            "const img = arguments[0];"
            "return [window.innerWidth, window.devicePixelRatio, img.currentSrc, img.clientWidth];",
            img,
        )
    print(f"Chromium at {viewport} px, DPR {ratio}: {current}, shown {shown} px wide")
    return viewport, ratio, current, shown


def test_phone_loads_the_360_candidate_of_the_lead_photo(site_url: str) -> None:
    viewport, ratio, current, shown = lead_photo(site_url + STORY, 1)
    assert (viewport, ratio) == (PHONE_WIDTH, 1)
    assert current.startswith(site_url + "images/")
    assert current.endswith(f"-360.{BEST}"), current
    assert shown == PHONE_WIDTH - 32  # the column: 100vw less 1rem of padding on each side


def test_sharper_phone_screen_loads_the_720_candidate(site_url: str) -> None:
    _, ratio, current, _ = lead_photo(site_url + STORY, 2)
    assert ratio == 2
    assert current.endswith(f"-720.{BEST}"), current


def test_sample_site_publishes_no_original_and_no_metadata(sample_output: Path) -> None:
    originals = {path.read_bytes() for path in (REPO / "content" / "images").rglob("*.jpg")}
    published = [p for p in sample_output.rglob("*") if p.suffix in {".jpg", ".webp", ".avif"}]
    assert len(published) >= 9 * 13  # portrait photos (1200 px wide) get three widths
    for path in published:
        assert path.read_bytes() not in originals, path
        with Image.open(path) as photo:
            assert not photo.getexif(), path
