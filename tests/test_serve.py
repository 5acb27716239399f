"""`warta serve` as a reporter uses it: edit, see the change; make a mistake, see the error."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

from tests.browser import chromium
from tests.sitekit import Site, warta_serve

BOUND_SECONDS = 90


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our local preview
        return str(response.read().decode("utf-8"))


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + BOUND_SECONDS
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, StaleElementReferenceException, NoSuchElementException):
            pass  # not listening yet, between builds, or the page reloading under the check
        time.sleep(0.5)
    pytest.fail(f"gave up after {BOUND_SECONDS} s waiting for {what}")


@pytest.fixture
def preview(site: Site) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar")
    with warta_serve(site.root, site.settings_file()) as running:
        yield running


def test_edit_rebuilds_and_error_shows_while_the_preview_keeps_running(
    site: Site, preview: tuple[str, subprocess.Popen[str]]
) -> None:
    base, server = preview
    page = f"{base}/2026/11/pasar/"
    wait_for(lambda: "Pasar Terapung Ramai" in fetch(page), "the first build")
    # The listener is a script file of the site's own: the pages' CSP allows no inline script.
    assert '<script src="/__warta/live.js"></script></body>' in fetch(page)
    assert "new EventSource" in fetch(f"{base}/__warta/live.js")
    # A missing page gets the site's own 404 page, as the static host will answer it.
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(f"{base}/2026/11/tidak-ada/")
    assert missing.value.code == 404
    not_found = missing.value.read().decode("utf-8")
    assert '<h1 class="listing-title">Halaman tidak ditemukan</h1>' in not_found
    assert '<script src="/__warta/live.js"></script></body>' in not_found

    article: Path = site.content / "articles" / "pasar.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("Ramai", "Sepi"), encoding="utf-8"
    )
    wait_for(lambda: "Pasar Terapung Sepi" in fetch(page), "the edited headline")

    article.write_text(
        article.read_text(encoding="utf-8").replace("Category: Budaya", "Category: Budya"),
        encoding="utf-8",
    )
    wait_for(lambda: json.loads(fetch(f"{base}/__warta/state"))["error"], "the error")
    error = json.loads(fetch(f"{base}/__warta/state"))["error"]
    assert "content/articles/pasar.md:3: Category: 'Budya' is not one of the desks" in error
    assert "Traceback" not in error
    assert server.poll() is None
    assert "Pasar Terapung Sepi" in fetch(page)

    article.write_text(
        article.read_text(encoding="utf-8").replace("Budya", "Budaya"), encoding="utf-8"
    )
    wait_for(lambda: json.loads(fetch(f"{base}/__warta/state"))["error"] is None, "the fix")


def test_the_open_page_reloads_itself_with_the_saved_story(
    site: Site, preview: tuple[str, subprocess.Popen[str]]
) -> None:
    """In a real browser, under the page's own Content-Security-Policy: the reporter saves, the
    open page shows the new headline without anyone reloading it, and a new story's page
    exists at once; the listing it joins follows with the full pass."""
    base, _ = preview
    page = f"{base}/2026/11/pasar/"
    wait_for(lambda: "Pasar Terapung Ramai" in fetch(page), "the first build")
    with chromium() as browser:
        browser.get(page)
        assert browser.find_element("css selector", "h1").text == "Pasar Terapung Ramai"
        article: Path = site.content / "articles" / "pasar.md"
        article.write_text(
            article.read_text(encoding="utf-8").replace("Ramai", "Sepi"), encoding="utf-8"
        )
        wait_for(
            lambda: browser.find_element("css selector", "h1").text == "Pasar Terapung Sepi",
            "the open page to reload with the new headline",
        )
        site.article("jembatan.md", Title="Jembatan Baru Diresmikan", Slug="jembatan")
        wait_for(
            lambda: "Jembatan Baru Diresmikan" in fetch(f"{base}/2026/11/jembatan/"),
            "the new story's page",
        )
        wait_for(
            lambda: "Jembatan Baru Diresmikan" in fetch(f"{base}/kategori/budaya/"),
            "the desk's page with the new story",
        )


def test_the_quick_pass_takes_a_deleted_story_away_with_its_folder(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deleted story's address answers 404 at once: its page goes, and the folder with it,
    which the server would otherwise answer with a listing."""
    from pelican import Pelican  # noqa: PLC0415 - plugins importable once settings load

    from warta.cli import load_settings  # noqa: PLC0415
    from warta.session import Session  # noqa: PLC0415

    monkeypatch.chdir(site.root)
    site.article("pasar.md", Slug="pasar")
    gone = site.article("jembatan.md", Slug="jembatan", Title="Jembatan Baru Diresmikan")
    settings = load_settings(str(site.settings_file()))
    Pelican(settings).run()
    session = Session(settings)
    assert session.full().error is None
    output = site.root / "output"
    assert (output / "2026/11/jembatan/index.html").is_file()

    gone.unlink()
    done = session.quick({str(gone)})
    assert done.handled
    assert "2026/11/jembatan/index.html" in done.changed
    assert not (output / "2026/11/jembatan").exists()
    assert (output / "2026/11/pasar/index.html").is_file()
