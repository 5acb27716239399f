"""`warta check` on a generated 10,000-story archive: cold (every body rendered) and warm.

`warta check` is the build itself, stopped before it writes, so a check and a build agree on
every refusal. Cold, it pays the build's reading (every body through Markdown, in parallel); a
second check, or a check after a build, reads the bodies from the cache and costs the checks
alone. The baseline is the first check of the same files in the same run.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from newsroom_model.check import check_site
from pelican.settings import read_settings

from .archive import REPO, write_archive

COUNT = 10_000


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_archive(root, COUNT)
        settings: dict[str, Any] = read_settings(
            str(REPO / "pelicanconf.py"),
            override={
                "PATH": str(root / "content"),
                "OUTPUT_PATH": str(root / "output"),
                "WARTA_CACHE_PATH": str(root / ".cache" / "warta"),
                "WARTA_IMAGES_CACHE_PATH": str(root / ".cache" / "warta-images"),
            },
        )
        for label in ("cold (baseline)", "warm"):
            started = time.perf_counter()
            report = check_site(dict(settings))
            seconds = time.perf_counter() - started
            print(
                f"warta check, {label}: {report.articles:,} articles in {seconds:.2f} s "
                f"({report.articles / seconds:,.0f}/s), {len(report.errors)} errors, "
                f"{len(report.advice)} warnings"
            )
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
