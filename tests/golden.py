"""The golden text fields of sample article pages; `make golden` rewrites them after a change.

Run as `python -m tests.golden`: it builds the sample site and writes tests/golden/articles.json.
The test in test_sample_site.py builds the site again and compares, field by field.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

from tests.sitekit import REPO, run_pelican, text_of

GOLDEN_FILE = REPO / "tests" / "golden" / "articles.json"
# One story in `Key: value` style with two bylines, an update and a correction; one syndicated
# story in YAML front matter; one with an offset in its Date and no photo.
GOLDEN_PAGES = [
    "2026/11/sungai-martapura-meluap-230-rumah-terendam/",
    "2026/09/asap-karhutla-jam-masuk-sekolah-diundur/",
    "2026/10/kalsel-kalteng-minta-tambah-dana-bagi-hasil-sawit/",
]


def build_sample_site(output: Path) -> subprocess.CompletedProcess[str]:
    """Build the shipped content exactly as `make html` does, into `output`."""
    return run_pelican(REPO, REPO / "pelicanconf.py", output)


def article_fields(page: BeautifulSoup) -> dict[str, object]:
    """What a reader sees at the top of an article, as text."""
    canonical = page.select_one('link[rel="canonical"]')
    modified = page.select_one(".story-updated")
    source = page.select_one(".story-source")
    return {
        "location": text_of(page, ".story-location"),
        "headline": text_of(page, ".story-title"),
        "dateline": text_of(page, ".dateline"),
        "date": text_of(page, ".story-date"),
        "date_iso": page.select_one(".story-date")["datetime"],  # type: ignore[index]
        "updated": " ".join(modified.get_text(" ").split()) if modified else None,
        "bylines": [a.get_text() for a in page.select(".story-byline a")],
        "source": " ".join(source.get_text(" ").split()) if source else None,
        "canonical": canonical["href"] if canonical else None,
        "corrections": [
            " ".join(li.get_text().split()) for li in page.select(".story-corrections li")
        ],
    }


def collect(output: Path) -> dict[str, dict[str, object]]:
    pages = {}
    for url in GOLDEN_PAGES:
        html = (output / url / "index.html").read_text(encoding="utf-8")
        pages[url] = article_fields(BeautifulSoup(html, "lxml"))
    return pages


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        done = build_sample_site(output)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        fields = collect(output)
    GOLDEN_FILE.write_text(json.dumps(fields, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"wrote {GOLDEN_FILE.relative_to(REPO)}; review it with git diff")
    return 0


if __name__ == "__main__":
    sys.exit(main())
