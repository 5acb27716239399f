"""The sample site in real headless Chromium on a 360 px phone screen: the right photo loads."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image, features
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.golden import build_sample_site
from tests.sitekit import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
STORY = "2026/11/sungai-martapura-meluap-230-rumah-terendam/"
PHONE_WIDTH = 360
# The first format a browser is offered; Chromium reads AVIF when Pillow could write it.
BEST = "avif" if features.check("avif") else "webp"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built as `make html` builds it."""
    output = tmp_path_factory.mktemp("browser") / "output"
    built = build_sample_site(output)
    assert built.returncode == 0, built.stderr
    return output


@pytest.fixture(scope="module")
def site_url(sample_output: Path) -> Iterator[str]:
    """The sample site served on this machine only."""
    output = sample_output
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=output,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the test server did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def phone(pixel_ratio: int) -> Iterator[webdriver.Chrome]:
    """Headless Chromium as a 360 px wide phone; CI installs it, so it must be here."""
    assert CHROMIUM.exists(), "install Debian's chromium (see .ci/run)"
    assert CHROMEDRIVER.exists(), "install Debian's chromium-driver (see .ci/run)"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--window-size={PHONE_WIDTH},800",
    ):
        options.add_argument(argument)
    # Headless Chromium keeps windows at least 500 px wide, so the phone's viewport is set as
    # DevTools sets it, with the screen's device pixels per CSS pixel.
    metrics = {"width": PHONE_WIDTH, "height": 800, "pixelRatio": pixel_ratio}
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


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
