"""Fixtures shared by the plugin tests and the end-to-end tests, and the marks of the slow ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import pytest
from bs4 import BeautifulSoup

from bench.archive import write_archive
from tests.browser import chromium
from tests.golden import build_sample_site
from tests.sitekit import REPO, SampleSite, Site

# The tests `make test-fast` leaves out (`make test` runs them all), by mark (registered in
# pyproject.toml) and module: a whole module, or the tests of it named (with all their
# parameters). Marked here, not in the modules, so that moving a test between the loops is one
# line in one place. Each test named must exist, and each module that uses what a mark stands
# for must be listed under it (`_check_marked`), so a new slow module cannot slip into the fast
# loop unseen.
WHOLE_MODULE: Final = None
MARKED: Final[dict[str, dict[str, tuple[str, ...] | None]]] = {
    # Debian's headless Chromium reads a served site.
    "browser": {
        "tests/test_theme_browser.py": WHOLE_MODULE,
        "plugins/news_images/tests/test_browser.py": (
            "test_phone_loads_the_360_candidate_of_the_lead_photo",
            "test_sharper_phone_screen_loads_the_720_candidate",
        ),
        "plugins/findability/tests/test_search.py": (
            "test_search_finds_the_story_and_a_filter_narrows",
            "test_location_filter_narrows_the_results",
        ),
        "plugins/findability/tests/test_search_index.py": (
            "test_one_search_finds_stories_of_every_part_and_a_filter_narrows",
        ),
        "tests/test_addresses.py": ("test_aliases_lead_to_the_story_on_every_host",),
        "tests/test_breaking.py": ("test_the_banner_reads_without_javascript_and_is_valid_html",),
        "tests/test_editor_browser.py": WHOLE_MODULE,
        "tests/test_embeds.py": ("test_no_request_leaves_the_site_until_the_reader_clicks",),
        "tests/test_gallery.py": (
            "test_the_gallery_reads_without_javascript_and_works_with_the_keyboard",
        ),
        "tests/test_live.py": ("test_live_pages_are_valid_and_read_newest_first_in_a_browser",),
        "tests/test_publish_csp.py": ("test_pages_and_search_keep_to_the_policy",),
        "tests/test_serve.py": ("test_the_open_page_reloads_itself_with_the_saved_story",),
        "tests/test_theme_reader.py": (
            "test_every_text_meets_contrast_in_both_schemes",
            "test_a_printed_story_keeps_the_story_and_drops_the_rest",
            "test_story_cards_show_the_comment_count_from_the_isso_server",
        ),
        "tests/test_wordpress_sites.py": (
            "test_every_old_address_leads_to_its_new_page",
            "test_comments_reach_isso_and_every_story_keeps_to_the_policy",
        ),
    },
    # A generated archive (bench/archive.py) of hundreds of stories is built.
    "archive": {
        "tests/test_build_state.py": ("test_parallel_build_writes_the_serial_build_byte_for_byte",),
        "tests/test_bench_baselines.py": WHOLE_MODULE,
        "tests/test_bench_rounds.py": (
            "test_a_size_measured_in_rounds_reports_each_round_and_the_medians",
        ),
    },
}
# What a module with tests of each mark imports: Chromium's driver, the archive's writer.
MARK_SIGNS: Final[dict[str, object]] = {"browser": chromium, "archive": write_archive}


@pytest.hookimpl(tryfirst=True)  # before `-m` chooses by mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests MARKED names."""
    modules: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        module = item.path.relative_to(REPO).as_posix()
        modules[module] = item.module
        for mark, listed in MARKED.items():
            if module in listed and (
                listed[module] is WHOLE_MODULE or item.originalname in (listed[module] or ())
            ):
                item.add_marker(mark)
    _check_marked(modules)


def _check_marked(modules: dict[str, Any]) -> None:
    """Stop at collection if MARKED names a test that is gone, or leaves out a collected module
    that starts Chromium or writes an archive."""
    problems = []
    for mark, listed in MARKED.items():
        for module, names in listed.items():
            if module in modules:
                gone = [name for name in names or () if not hasattr(modules[module], name)]
                problems += [f"{module}::{name} (marked {mark}) is no test" for name in gone]
        sign = MARK_SIGNS[mark]
        for module, namespace in modules.items():
            if module not in listed and any(value is sign for value in vars(namespace).values()):
                problems.append(f"{module} uses what `{mark}` marks: list its tests under it")
    if problems:
        raise pytest.UsageError("conftest.py MARKED: " + "; ".join(problems))


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty newsroom with the shipped locations, authors and sources."""
    return Site(tmp_path)


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> SampleSite:
    """The shipped sample newsroom, built once per session as `make html` builds it."""
    output = tmp_path_factory.mktemp("sample") / "output"
    done = build_sample_site(output)
    assert done.returncode == 0, done.stderr
    # Reader pages: the newsroom editor's page (admin/) is the staff's, held to its own rules
    # by plugins/newsroom_editor/tests/test_editor.py.
    editor = output / "admin"
    parsed = {
        path: BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for path in output.rglob("*.html")
        if not path.is_relative_to(editor)
    }
    # A redirect (an old address's page, which only sends the reader on) is no page of the site.
    redirects = {
        path: page
        for path, page in parsed.items()
        if page.select_one('meta[http-equiv="refresh"]') is not None
    }
    pages = {path: page for path, page in parsed.items() if path not in redirects}
    return SampleSite(output, done.stdout, done.stderr, pages, redirects)
