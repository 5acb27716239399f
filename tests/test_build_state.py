"""A build's result depends on its inputs only: not on its workers, its cache or earlier runs.

- Serial and parallel builds of an archive large enough for every parallel stage write the
  same files, byte for byte.
- A cache cut short, damaged, emptied or made by other code is ignored: the build goes cold
  where it must, and the site equals a cold build.
- Two `Pelican.run()` calls in one process give the site one run gives, with no false errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.archive import write_archive
from tests.sitekit import Site, run_pelican
from tests.test_incremental import FIXED_SETTINGS, Newsroom, differences, tree

# More stories than the thresholds above which reading, related stories and rendering fork
# workers (warta/output.py, newsroom_model/reading.py), and photos for the image workers.
ARCHIVE_STORIES = 240


def _with_photos(site: Site, count: int) -> None:
    """Give the first `count` archive stories a lead photo each, of different sizes."""
    stories = sorted((site.content / "articles").rglob("*.md"))[:count]
    for index, story in enumerate(stories):
        name = f"images/foto-{index}.jpg"
        site.image(name, (640 + 40 * index, 420 + 10 * index))
        text = story.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        extra = f"Image: {name}\nImageAlt: Foto nomor {index} dari arsip\n"
        story.write_text(f"{header}\n{extra}\n{body}", encoding="utf-8")


def test_parallel_build_writes_the_serial_build_byte_for_byte(tmp_path: Path) -> None:
    site = Site(tmp_path)
    write_archive(tmp_path, ARCHIVE_STORIES)
    _with_photos(site, 4)
    outputs = {}
    for workers in (1, 2):
        conf = site.settings_file(
            f"{FIXED_SETTINGS}WARTA_WORKERS = {workers}\nWARTA_IMAGES_WORKERS = {workers}\n"
            f"WARTA_CACHE_PATH = '.cache-{workers}/warta'\n"
            f"WARTA_IMAGES_CACHE_PATH = '.cache-{workers}/images'\n"
        )
        output = tmp_path / f"output-{workers}"
        done = run_pelican(tmp_path, conf, output)
        assert done.returncode == 0, done.stderr
        outputs[workers] = tree(output)
    pages = [path for path in outputs[1] if path.endswith(".html")]
    assert len(pages) > ARCHIVE_STORIES
    assert any(path.endswith(".avif") for path in outputs[1])
    assert differences(outputs[1], outputs[2]) == []


def _cut_short(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _damaged(data: bytes) -> bytes:
    """The same length, with the last bytes changed: only a checksum can tell."""
    tail = min(len(data), 16)
    return data[: len(data) - tail] + bytes(byte ^ 0x5A for byte in data[len(data) - tail :])


def _emptied(data: bytes) -> bytes:
    return b""


def _foreign(data: bytes) -> bytes:
    """What another version of Warta could have left: a well-formed entry for another key."""
    return b"warta-cache 1 " + b"0" * 64 + b" " + b"0" * 64 + b"\n" + data


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "cut short": _cut_short,
    "damaged": _damaged,
    "emptied": _emptied,
    "foreign": _foreign,
}


# Every file of the cache, or only the files its checks are about (each photo's and search
# bundle's own record of its files left whole, so those records must catch the damage).
def _every_file(path: Path) -> bool:
    return True


def _content_only(path: Path) -> bool:
    return path.suffix != ".sums" and path.name != "manifest.json"


SCOPES: dict[str, Callable[[Path], bool]] = {
    "every file": _every_file,
    "content only": _content_only,
}


@pytest.mark.parametrize("scope", sorted(SCOPES))
@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_corrupt_cache_is_ignored_and_the_site_equals_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corruption: str, scope: str
) -> None:
    monkeypatch.chdir(tmp_path)
    room = Newsroom(tmp_path)
    room.site.image("images/pasar.jpg")
    room.site.article(
        "pasar.md", Title="Pasar Terapung Ramai", Slug="pasar", Image="images/pasar.jpg",
        ImageAlt="Jukung pedagang sayur di Sungai Martapura",
    )  # fmt: skip
    room.site.article("jalan.md", Title="Jalan Lingkar Dibuka", Slug="jalan", Category="Ekonomi")
    assert room.incremental() is None
    cache = tmp_path / "cache-incremental"
    damaged = 0
    for path in sorted(cache.rglob("*")):
        if path.is_file() and SCOPES[scope](path):
            # Written in place, as a failing disk or a careless tool would: photos in output/
            # that are links to the cache change with it.
            data = path.read_bytes()
            with path.open("r+b") as stream:
                stream.truncate(0)
                stream.write(CORRUPTIONS[corruption](data))
            damaged += 1
    assert damaged > 10, "the build's cache holds pages, reading, search and photo entries"
    # Nothing changed: every part of the cache is asked for, and must not be believed.
    assert room.incremental() is None
    error, cold = room.cold()
    assert error is None
    assert differences(tree(cold), tree(tmp_path / "out-incremental")) == []
    # A story moves desk: the old desk's page and feed must go, as in a cold build.
    room.site.article("jalan.md", Title="Jalan Lingkar Akhirnya Dibuka", Slug="jalan")
    assert room.incremental() is None
    error, cold = room.cold()
    assert error is None
    assert not (cold / "kategori" / "ekonomi").exists()
    assert differences(tree(cold), tree(tmp_path / "out-incremental")) == []


def test_two_runs_in_one_process_give_the_site_of_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pelican import Pelican  # noqa: PLC0415 - plugins importable once settings load

    monkeypatch.chdir(tmp_path)
    room = Newsroom(tmp_path)
    room.site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar")
    room.site.article("jalan.md", Title="Jalan Lingkar Dibuka", Slug="jalan", Category="Ekonomi")
    room.site.write("pages/tentang.md", "Title: Tentang Kami\n\nRedaksi Warta Banua.\n")
    settings = room.settings(tmp_path / "twice", tmp_path / "cache-twice")
    # The second run must plan and write again, not find the site up to date and stop.
    settings["WARTA_UP_TO_DATE_CHECK"] = False
    pelican = Pelican(settings)
    pelican.run()
    first = tree(tmp_path / "twice")
    pelican.run()
    assert differences(first, tree(tmp_path / "twice")) == []
    error, cold = room.cold()
    assert error is None
    assert differences(tree(cold), first) == []
    assert os.path.isfile(tmp_path / "twice" / "2026" / "11" / "pasar" / "index.html")
