"""Static search: Pagefind indexes the written site, through its Python package and binary."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"


async def _index(output: Path) -> None:
    config: IndexConfig = {"output_path": str(output / BUNDLE)}
    async with PagefindIndex(config) as index:
        await index.add_directory(str(output))


def build_search_index(output: Path) -> dict[str, int]:
    """Index every page of `output` that marks a `data-pagefind-body`: pages by language.

    Each page's language comes from its `<html lang>`, which picks Pagefind's stemmer.
    """
    shutil.rmtree(output / BUNDLE, ignore_errors=True)
    asyncio.run(_index(output))
    entry = json.loads((output / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {lang: int(index["page_count"]) for lang, index in entry["languages"].items()}
