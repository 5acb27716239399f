"""`check_site` finds the same problems whether it reads in one process or several."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pelican.settings import read_settings

from newsroom_model import check
from tests.sitekit import REPO, Site

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=ZoneInfo("Asia/Makassar"))


@pytest.mark.parametrize("workers", [1, 2])
def test_problems_across_ranges_and_processes(
    site: Site, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(check, "_PARALLEL_FROM", 1)
    monkeypatch.setattr(check, "_RANGE_LIMIT", 2)
    for number in range(5):
        site.article(f"{number}.md", Slug=f"berita-{number}", Summary="Ringkas.")
    site.article("dup.md", Slug="berita-0", Summary="Ringkas.")
    site.article("typo.md", Slug="typo", Category="Politk", Summary="Ringkas.")
    site.write("articles/catatan.txt", "bukan berita")
    settings = read_settings(str(REPO / "pelicanconf.py"), override={"PATH": str(site.content)})
    report = check.check_site(settings, now=NOW, workers=workers)
    assert report.articles == 7
    assert [(p.path.split("/")[-1], p.field) for p in report.errors] == [
        ("0.md", "Slug"),
        ("catatan.txt", "File"),
        ("dup.md", "Slug"),
        ("typo.md", "Category"),
    ]
    assert {p.field for p in report.advice} == {"Body"}
