"""Fixtures shared by the plugin tests and the end-to-end tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import Site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty newsroom with the shipped locations, authors and sources."""
    return Site(tmp_path)
