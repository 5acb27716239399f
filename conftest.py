"""Fixtures shared by the plugin tests and the end-to-end tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.golden import build_sample_site
from tests.sitekit import SampleSite, Site


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
    parsed = {
        path: BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for path in output.rglob("*.html")
    }
    # A redirect (an old address's page, which only sends the reader on) is no page of the site.
    redirects = {
        path: page
        for path, page in parsed.items()
        if page.select_one('meta[http-equiv="refresh"]') is not None
    }
    pages = {path: page for path, page in parsed.items() if path not in redirects}
    return SampleSite(output, done.stdout, done.stderr, pages, redirects)
