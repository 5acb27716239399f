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
    # Reader pages: the newsroom editor's page (admin/) is the staff's, held to its own rules
    # by plugins/newsroom_editor/tests/test_editor.py.
    editor = output / "admin"
    pages = {
        path: BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for path in output.rglob("*.html")
        if not path.is_relative_to(editor)
    }
    return SampleSite(output, done.stdout, done.stderr, pages)
