"""`warta check` on a 10,000-article archive, beside the build's full reading of the same files.

The archive is the sample newsroom's articles repeated under new slugs, so every file is real
content that passes the schema.
"""

from __future__ import annotations

import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from newsroom_model.check import check_site  # noqa: E402
from newsroom_model.reader import NewsroomMarkdownReader  # noqa: E402
from newsroom_model.settings import merge_defaults  # noqa: E402
from newsroom_model.state import STATE_KEY, BuildState  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

_SLUG = re.compile(r"^(slug: ?)(.+)$", re.IGNORECASE | re.MULTILINE)


def make_archive(folder: Path, count: int) -> dict[str, Any]:
    """`count` articles made from the sample ones, and settings pointing at them."""
    content = folder / "content"
    shutil.copytree(REPO / "content" / "data", content / "data")
    shutil.copytree(REPO / "content" / "images", content / "images")
    samples = sorted((REPO / "content" / "articles").rglob("*.md"))
    for number in range(count):
        sample = samples[number % len(samples)]
        text = _SLUG.sub(rf"\g<1>\g<2>-{number}", sample.read_text(encoding="utf-8"))
        target = content / "articles" / sample.parent.relative_to(REPO / "content" / "articles")
        target.mkdir(parents=True, exist_ok=True)
        (target / f"{number}-{sample.name}").write_text(text, encoding="utf-8")
    settings: dict[str, Any] = read_settings(
        str(REPO / "pelicanconf.py"), override={"PATH": str(content)}
    )
    return settings


def main(argv: list[str]) -> None:
    count = 10_000
    with tempfile.TemporaryDirectory() as folder:
        settings = make_archive(Path(folder), count)
        started = time.perf_counter()
        report = check_site(dict(settings))  # one process per core
        checked = time.perf_counter() - started
        print(
            f"warta check: {report.articles:,} articles in {checked:.2f} s "
            f"({report.articles / checked:,.0f}/s), {len(report.errors)} errors, "
            f"{len(report.advice)} warnings"
        )
        full = dict(settings)
        merge_defaults(full)
        full[STATE_KEY] = BuildState.start(full)
        reader = NewsroomMarkdownReader(full)
        sample = sorted(Path(settings["PATH"], "articles").rglob("*.md"))[:1000]
        started = time.perf_counter()
        for path in sample:
            reader.read(str(path))
        read = time.perf_counter() - started
        print(
            f"baseline, the build's reading with Markdown of {len(sample):,} of them: {read:.2f} s"
            f" (about {read * count / len(sample):.0f} s for all)"
        )
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
