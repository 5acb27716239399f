"""`warta serve` as a reporter uses it: edit, see the change; make a mistake, see the error."""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

from tests.browser import chromium
from tests.sitekit import Site, warta_serve
from warta.commands.serve import allowed_host

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

    from warta.commands.cli import load_settings  # noqa: PLC0415
    from warta.commands.session import Session  # noqa: PLC0415

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


def test_the_previews_passes_fork_no_worker_whatever_the_settings_ask(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's server and watcher run in threads: a worker forked beside them could copy
    a lock one of them holds. Its full and quick passes work in this process, whatever the
    workers' settings: here `make html` would rank the related stories in two forked workers
    (the ranking's threshold lowered) and render two new photos in them, and the passes build
    the site with no fork."""
    from pelican import Pelican  # noqa: PLC0415 - plugins importable once settings load
    from related_stories import engine  # noqa: PLC0415 - the same

    from warta.commands.cli import load_settings  # noqa: PLC0415
    from warta.commands.session import Session  # noqa: PLC0415

    monkeypatch.chdir(site.root)
    for number in range(4):
        site.article(f"berita-{number}.md", Slug=f"b{number}", Title=f"Banjir Rob Hari {number}")
    settings = load_settings(
        str(site.settings_file("WARTA_WORKERS = 2\nWARTA_RELATED_WORKERS = 2\n"))
    )
    monkeypatch.setattr(engine, "_PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    forks: list[str] = []
    fork_context = multiprocessing.get_context

    def get_context(method: str | None = None) -> Any:
        forks.append(str(method))
        return fork_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", get_context)
    # Outside the preview these settings fork: the ranking's workers.
    Pelican(settings).run()
    assert forks
    assert set(forks) == {"fork"}
    forks.clear()
    session = Session(settings)
    assert session.full().error is None
    story = site.article("berita-1.md", Slug="b1", Title="Banjir Rob Surut di Pesisir")
    assert session.quick({str(story)}).handled
    # Two new photos: `make html` renders them in forked workers too.
    for number in (2, 3):
        site.image(f"images/rob-{number}.jpg", (640 + 40 * number, 420))
        site.article(
            f"berita-{number}.md",
            Slug=f"b{number}",
            Title=f"Banjir Rob Hari {number}",
            Image=f"images/rob-{number}.jpg",
            ImageAlt=f"Air pasang di pesisir, hari {number}",
        )
    assert session.full().error is None
    page = site.root / "output/2026/11/b1/index.html"
    assert "Banjir Rob Surut di Pesisir" in page.read_text(encoding="utf-8")
    photographed = (site.root / "output/2026/11/b2/index.html").read_text(encoding="utf-8")
    assert "<picture" in photographed
    assert "Air pasang di pesisir, hari 2" in photographed
    assert forks == []


def test_the_preview_answers_only_for_its_own_names(
    site: Site, preview: tuple[str, subprocess.Popen[str]]
) -> None:
    """DNS rebinding: a page on another name that resolves to 127.0.0.1 gets nothing."""
    base, _ = preview
    wait_for(lambda: "Pasar Terapung Ramai" in fetch(f"{base}/2026/11/pasar/"), "the first build")
    port = int(base.rsplit(":", 1)[1])

    def status(host: str, path: str = "/2026/11/pasar/") -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", path, headers={"Host": host})
            return connection.getresponse().status
        finally:
            connection.close()

    assert status(f"127.0.0.1:{port}") == 200
    assert status(f"localhost:{port}") == 200
    assert status(f"[::1]:{port}") == 200
    assert status(f"rebind.evil.example:{port}") == 421
    assert status("rebind.evil.example", "/__warta/state") == 421
    assert status("") == 421


@pytest.mark.parametrize(
    ("host", "bind", "allowed"),
    [
        ("127.0.0.1:8000", "127.0.0.1", True),
        ("LOCALHOST:8000", "127.0.0.1", True),
        ("192.168.1.20:8000", "0.0.0.0", True),  # noqa: S104 - the wildcard as a value
        ("pratinjau.kantor:8000", "pratinjau.kantor", True),
        ("pratinjau.kantor:8000", "127.0.0.1", False),
        ("127.0.0.1.evil.example", "127.0.0.1", False),
        (None, "127.0.0.1", False),
    ],
)
def test_allowed_hosts(host: str | None, bind: str, allowed: bool) -> None:
    assert allowed_host(host, bind) is allowed


def test_a_quick_page_of_a_story_the_build_refuses_does_not_outlive_it(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick pass writes a story's page before the full pass has checked everything (a
    `Related:` slug, say); if the story is then refused and deleted, its page still goes, in
    the preview's next full pass or in any later build."""
    from pelican import Pelican  # noqa: PLC0415 - plugins importable once settings load

    from warta.commands.cli import load_settings  # noqa: PLC0415
    from warta.commands.session import Session  # noqa: PLC0415

    monkeypatch.chdir(site.root)
    site.article("pasar.md", Slug="pasar")
    settings = load_settings(str(site.settings_file()))
    Pelican(settings).run()
    output = site.root / "output"
    for later in ("preview", "make html"):
        session = Session(settings)
        assert session.full().error is None
        refused = site.article("salah.md", Slug=f"salah-{later[0]}", Related="tidak-ada")
        assert session.quick({str(refused)}).handled
        page = output / f"2026/11/salah-{later[0]}/index.html"
        assert page.is_file()
        failed = session.full()
        assert failed.error is not None
        assert "Related" in failed.error
        refused.unlink()
        if later == "preview":
            assert session.full().error is None
        else:
            Pelican(load_settings(str(site.settings_file()))).run()
        assert not page.exists(), later
        assert (output / "2026/11/pasar/index.html").is_file()
