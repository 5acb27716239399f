"""The partitioned search index: parts, digests, incremental writes, a real search in Chromium."""

from __future__ import annotations

import base64
import errno
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Literal

import pytest
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from findability.search.errors import (
    PagefindServiceError,
    SearchPartitionError,
    SearchRecordError,
)
from findability.search.parts import SearchPart, SearchRecord, plan_parts, record_page
from findability.search.service import PagefindService, find_pagefind
from findability.search.store import (
    BUNDLE,
    BUNDLE_FILES,
    bundle_is_complete,
    bundle_is_intact,
    files_are_whole,
    files_of,
    index_bundle,
    place_parts,
    seal_bundle,
    search_bundles,
    write_search_index,
)
from tests.browser import chromium, served
from tests.sitekit import REPO
from warta.commands.publish import headers_for
from warta.keyed import KeyedOutputs, folder_stamp

WITA = timezone(timedelta(hours=8))
VERSION = "test"  # the pure tests need no binary; the built ones ask it
SUB_PATH = "warta"  # the test site lives under /warta/, as on a project page
RESULT_LINKS = ".pagefind-ui__result-link"
# The Content-Security-Policy the theme keeps (warta/commands/publish.py), given in a <meta>,
# which may not carry frame-ancestors; and the blocks of the theme's base.html that search.html
# fills.
POLICY = next(
    line.split(": ", 1)[1].replace("; frame-ancestors 'none'", "")
    for line in headers_for({}).splitlines()
    if line.strip().startswith("Content-Security-Policy:")
)
BASE = f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>{{% block title %}}{{% endblock %}}</title>
{{% block head %}}{{% endblock %}}
{{% block scripts %}}{{% endblock %}}
</head>
<body><main>{{% block content %}}{{% endblock %}}</main></body>
</html>
"""


def story(when: str, slug: str, title: str, body: str, *, desk: str, place: str) -> SearchRecord:
    date = datetime.fromisoformat(when).replace(tzinfo=WITA)
    return SearchRecord(
        url=f"{date:%Y/%m}/{slug}/",
        title=title,
        text=f"{title}. {body}",
        lang="id",
        date=date,
        meta=(("tanggal", f"{date:%d-%m-%Y}"), ("lokasi", place)),
        filters=(("rubrik", (desk,)), ("lokasi", (place,)), ("tahun", (str(date.year),))),
    )


# "gambut" (peat) is in one story of 2025 and one of 2026, which land in different parts.
PEAT_2025 = story(
    "2025-03-04 08:00",
    "gambut-terbakar-di-pulang-pisau",
    "Gambut Terbakar di Pulang Pisau",
    "Api melalap lahan gambut di tepi jalan trans Kalimantan sejak dini hari.",
    desk="Lingkungan",
    place="Kabupaten Pulang Pisau",
)
PEAT_2026 = story(
    "2026-11-11 10:00",
    "sekat-kanal-gambut",
    "Warga Membangun Sekat Kanal",
    "Sekat kanal menahan air agar gambut tetap basah sepanjang kemarau.",
    desk="Lingkungan",
    place="Kabupaten Banjar",
)
STORIES = (
    story(
        "2024-07-01 09:00",
        "jembatan-baru",
        "Jembatan Baru Dibuka",
        "Jembatan menghubungkan dua kecamatan.",
        desk="Daerah",
        place="Kota Banjarmasin",
    ),
    PEAT_2025,
    story(
        "2025-05-20 13:00",
        "harga-karet-naik",
        "Harga Karet Naik",
        "Petani karet menikmati harga terbaik.",
        desk="Ekonomi",
        place="Kabupaten Tabalong",
    ),
    story(
        "2025-10-02 07:30",
        "festival-pasar-terapung",
        "Festival Pasar Terapung",
        "Ratusan jukung memadati sungai.",
        desk="Budaya",
        place="Kota Banjarmasin",
    ),
    story(
        "2026-02-14 09:00",
        "sekolah-terendam",
        "Sekolah Terendam Banjir",
        "Murid belajar di masjid.",
        desk="Pendidikan",
        place="Kabupaten Banjar",
    ),
    story(
        "2026-04-08 16:00",
        "pelabuhan-ramai",
        "Pelabuhan Ramai Pemudik",
        "Kapal tambahan disiapkan.",
        desk="Daerah",
        place="Kota Banjarmasin",
    ),
    story(
        "2026-08-17 08:00",
        "upacara-di-sungai",
        "Upacara di Atas Sungai",
        "Bendera dikibarkan di atas jukung.",
        desk="Budaya",
        place="Kabupaten Banjar",
    ),
    story(
        "2026-10-05 19:00",
        "lampu-padam",
        "Lampu Padam Tiga Jam",
        "Gangguan listrik di gardu induk.",
        desk="Daerah",
        place="Kota Banjarmasin",
    ),
    PEAT_2026,
)
# With at most 2 stories a part: 2024 stays whole, 2025 (3) is cut in halves, and 2026 (5), too
# big for halves (3 in the second), in quarters.
SMALL_PARTS = 2
EXPECTED_KEYS = ["2026-q4", "2026-q3", "2026-q2", "2026-q1", "2025-h2", "2025-h1", "2024"]


def digests(parts: tuple[SearchPart, ...]) -> dict[str, str]:
    return {part.key: part.digest for part in parts}


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: both stay when a file is left alone."""
    return {
        str(path.relative_to(folder)): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


# --- Partitions (pure: no binary) -----------------------------------------------------------


def test_each_year_is_cut_alone_as_coarsely_as_fits() -> None:
    parts = plan_parts(STORIES, max_part=SMALL_PARTS, version=VERSION)
    assert [part.key for part in parts] == EXPECTED_KEYS
    assert all(1 <= len(part.records) <= SMALL_PARTS for part in parts)
    assert sorted(record.url for part in parts for record in part.records) == sorted(
        record.url for record in STORIES
    )
    assert search_bundles(parts)[:2] == ["pagefind/2026-q4/", "pagefind/2026-q3/"]
    # With room for every year, one part a year.
    yearly = plan_parts(STORIES, version=VERSION)
    assert [(part.key, len(part.records)) for part in yearly] == [
        ("2026", 5),
        ("2025", 3),
        ("2024", 1),
    ]


def test_a_busy_month_is_cut_into_days_and_a_busier_day_is_refused() -> None:
    busy = tuple(
        replace(
            PEAT_2026,
            url=f"2026/11/berita-{n}/",
            date=datetime(2026, 11, 1 + n // 2, 8, n, tzinfo=WITA),
        )
        for n in range(6)
    )
    parts = plan_parts(busy, max_part=2, version=VERSION)
    assert [part.key for part in parts] == ["2026-11-03", "2026-11-02", "2026-11-01"]
    with pytest.raises(SearchPartitionError, match="2026-11-01"):
        plan_parts(busy, max_part=1, version=VERSION)


def test_adding_or_deleting_a_story_changes_only_its_own_part() -> None:
    yearly = digests(plan_parts(STORIES, version=VERSION))
    added = replace(PEAT_2026, url="2026/12/gambut-lagi/", date=datetime(2026, 12, 1, tzinfo=WITA))
    assert changed(yearly, digests(plan_parts((*STORIES, added), version=VERSION))) == {"2026"}
    without = tuple(record for record in STORIES if record is not PEAT_2025)
    assert changed(yearly, digests(plan_parts(without, version=VERSION))) == {"2025"}

    # Among split parts too, while the year keeps its cut (2026 stays in quarters).
    small = digests(plan_parts(STORIES, max_part=SMALL_PARTS, version=VERSION))
    march = replace(added, url="2026/03/banjir-susulan/", date=datetime(2026, 3, 2, tzinfo=WITA))
    grown = plan_parts((*STORIES, march), max_part=SMALL_PARTS, version=VERSION)
    assert changed(small, digests(grown)) == {"2026-q1"}
    edited = tuple(
        replace(record, text=record.text + " Diperbarui.") if record is PEAT_2025 else record
        for record in STORIES
    )
    assert changed(small, digests(plan_parts(edited, max_part=SMALL_PARTS, version=VERSION))) == {
        "2025-h1"
    }
    # Input order is no change; a new Pagefind version changes every part.
    shuffled = plan_parts(tuple(reversed(STORIES)), max_part=SMALL_PARTS, version=VERSION)
    assert digests(shuffled) == small
    other = plan_parts(STORIES, max_part=SMALL_PARTS, version="9.9.9")
    assert changed(small, digests(other)) == set(small)


def test_records_that_cannot_be_indexed_are_refused_by_url() -> None:
    with pytest.raises(SearchRecordError, match="no time zone"):
        replace(PEAT_2025, date=datetime(2025, 3, 4, 8, 0))
    with pytest.raises(SearchRecordError, match="site-relative"):
        replace(PEAT_2025, url="/2025/03/gambut/")
    twice = replace(PEAT_2026, date=PEAT_2026.date + timedelta(days=1))
    with pytest.raises(SearchRecordError, match="sekat-kanal-gambut"):
        plan_parts((PEAT_2026, twice), version=VERSION)
    with pytest.raises(SearchPartitionError):
        plan_parts(STORIES, max_part=0, version=VERSION)


# --- The service client ---------------------------------------------------------------------


def test_the_service_names_a_missing_binary_an_error_and_a_death(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(PagefindServiceError, match="cannot start"):
        PagefindService(tmp_path / "no-such-pagefind").__enter__()
    with monkeypatch.context() as patched:
        patched.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
        with pytest.raises(PagefindServiceError, match="missing"):
            find_pagefind()

    with PagefindService() as service, pytest.raises(PagefindServiceError, match="Invalid index"):
        service.add_pages(7, [record_page(PEAT_2025)])

    dying = tmp_path / "dying-pagefind"
    dying.write_text("#!/bin/sh\necho 'out of memory' >&2\nexit 3\n", encoding="utf-8")
    dying.chmod(0o755)
    with (
        PagefindService(dying) as service,
        pytest.raises(PagefindServiceError, match=r"code 3.*out of memory"),
    ):
        service.new_index()


def test_a_process_forked_while_the_service_runs_does_not_keep_it_alive(
    small_parts: tuple[SearchPart, ...],
) -> None:
    """The build forks render workers while the search thread talks to a service. A worker
    holding the service's stdin would keep it from seeing the end of its input: it would be
    waited for 30 s, then killed. Ended as asked, it exits by itself with code 0."""
    context = multiprocessing.get_context("fork")
    release = context.Event()
    with PagefindService() as service:
        index_id = service.new_index()
        service.add_pages(index_id, map(record_page, small_parts[0].records))
        worker = context.Process(target=release.wait, args=(120,))
        worker.start()
        process = service._process
        assert process is not None
    try:
        # The service is closed while the worker still lives: it ended on its own.
        assert process.returncode == 0
        assert worker.is_alive()
    finally:
        release.set()
        worker.join()


# --- Writing with the real binary -----------------------------------------------------------


@pytest.fixture(scope="module")
def small_parts() -> tuple[SearchPart, ...]:
    return plan_parts(STORIES, max_part=SMALL_PARTS)


def test_the_same_records_give_byte_identical_bundles(
    tmp_path: Path, small_parts: tuple[SearchPart, ...]
) -> None:
    # Two service processes: Pagefind's own maps are ordered differently in each.
    first = write_search_index(small_parts, tmp_path / "first")
    second = write_search_index(small_parts, tmp_path / "second")
    assert first == second == digests(small_parts)
    written = tree(tmp_path / "first" / BUNDLE)
    assert written == tree(tmp_path / "second" / BUNDLE)
    assert sorted({name.split("/")[0] for name in written}) == sorted(EXPECTED_KEYS)
    assert all(bundle_is_complete(tmp_path / "first" / BUNDLE / key) for key in EXPECTED_KEYS)


def test_only_changed_or_broken_parts_are_written_and_dropped_ones_go(
    tmp_path: Path, small_parts: tuple[SearchPart, ...]
) -> None:
    output = tmp_path / "output"
    root = output / BUNDLE
    manifest = write_search_index(small_parts, output)
    before = {key: stamps(root / key) for key in manifest}

    # Nothing changed: nothing is written.
    assert write_search_index(small_parts, output, manifest) == manifest
    assert {key: stamps(root / key) for key in manifest} == before

    # A story added to the first quarter of 2026: that part alone is written again.
    march = replace(
        PEAT_2026, url="2026/03/banjir-susulan/", date=datetime(2026, 3, 2, tzinfo=WITA)
    )
    grown = plan_parts((*STORIES, march), max_part=SMALL_PARTS)
    grown_manifest = write_search_index(grown, output, manifest)
    assert changed(manifest, grown_manifest) == {"2026-q1"}
    after = {key: stamps(root / key) for key in grown_manifest}
    assert {key for key in after if after[key] != before[key]} == {"2026-q1"}

    # A part whose folder is broken or gone is written again though its digest is known; the
    # files of an old whole-site bundle and of an interrupted run are cleared away.
    (root / "2025-h2" / "pagefind-entry.json").unlink()
    shutil.rmtree(root / "2024")
    (root / "pagefind-ui.js").write_text("// from a whole-site bundle", encoding="utf-8")
    (root / ".2026-q4.partial").mkdir()
    assert write_search_index(grown, output, grown_manifest) == grown_manifest
    assert bundle_is_complete(root / "2025-h2")
    assert bundle_is_complete(root / "2024")
    assert stamps(root / "2026-q3") == before["2026-q3"]
    assert sorted(entry.name for entry in root.iterdir()) == sorted(grown_manifest)

    # 2024's only story deleted: its part's folder goes.
    fewer = plan_parts(
        (*(record for record in STORIES if record.date.year != 2024), march),
        max_part=SMALL_PARTS,
    )
    final = write_search_index(fewer, output, grown_manifest)
    assert "2024" not in final
    assert not (root / "2024").exists()
    assert stamps(root / "2026-q3") == before["2026-q3"]


# --- A real search in Chromium --------------------------------------------------------------


def render_search_page(site: Path, bundles: list[str]) -> None:
    """theme/templates/search.html on a minimal base at cari/, relative links as in previews."""
    environment = Environment(
        loader=ChoiceLoader(
            [DictLoader({"base.html": BASE}), FileSystemLoader(REPO / "theme" / "templates")]
        ),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
    )
    environment.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    page = environment.get_template("search.html").render(
        SITENAME="Warta Banua",
        SITEURL="..",
        THEME_STATIC_DIR="theme",
        ARCHIVES_URL="arsip/",
        page=SimpleNamespace(bundles=tuple(bundles)),
    )
    (site / "cari").mkdir(parents=True)
    (site / "cari" / "index.html").write_text(page, encoding="utf-8")
    (site / "theme" / "js").mkdir(parents=True)
    shutil.copy(REPO / "theme" / "static" / "js" / "search.js", site / "theme" / "js")


@pytest.fixture(scope="module")
def search_page(
    tmp_path_factory: pytest.TempPathFactory, small_parts: tuple[SearchPart, ...]
) -> Iterator[str]:
    """The search page of a site served under /warta/, over seven parts; yields its URL."""
    served_root = tmp_path_factory.mktemp("served")
    site = served_root / SUB_PATH
    write_search_index(small_parts, site)
    render_search_page(site, search_bundles(small_parts))
    with served(served_root) as url:
        yield f"{url}{SUB_PATH}/cari/"


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    with chromium("--window-size=1200,900") as driver:
        yield driver


def results(driver: webdriver.Chrome, count: int) -> list[WebElement]:
    """The result links once the search has settled on `count` results."""

    def settled(_: webdriver.Chrome) -> list[WebElement] | Literal[False]:
        found = driver.find_elements(By.CSS_SELECTOR, RESULT_LINKS)
        message = driver.find_elements(By.CSS_SELECTOR, ".pagefind-ui__message")
        done = len(found) == count and bool(message) and message[0].text.strip() != ""
        return found if done else False

    found: list[WebElement] = WebDriverWait(driver, 20).until(settled)
    return found


def test_one_search_finds_stories_of_every_part_and_a_filter_narrows(
    browser: webdriver.Chrome, search_page: str
) -> None:
    browser.get(search_page + "?q=gambut")
    found = results(browser, 2)
    site = search_page.removesuffix("cari/")
    hrefs = sorted(str(link.get_attribute("href")) for link in found)
    assert hrefs == sorted(site + record.url for record in (PEAT_2025, PEAT_2026))
    box = browser.find_element(By.CSS_SELECTOR, ".pagefind-ui__search-input")
    assert box.get_attribute("placeholder") == "Cari"  # Pagefind's Indonesian strings
    tags = {tag.text for tag in browser.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-tag")}
    assert {"Tanggal: 11-11-2026", "Lokasi: Kabupaten Banjar"} <= tags
    assert {"Tanggal: 04-03-2025", "Lokasi: Kabupaten Pulang Pisau"} <= tags

    # The filters of every part are merged; choosing a year leaves that year's story only.
    browser.execute_script(
        "document.querySelectorAll('.pagefind-ui__filter-panel details')"
        ".forEach(d => d.open = true);"
    )
    checkbox = WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.CSS_SELECTOR, 'input[id="tahun-2026"]')
    )
    browser.execute_script("arguments[0].click();", checkbox)
    narrowed = results(browser, 1)
    assert [link.get_attribute("href") for link in narrowed] == [site + PEAT_2026.url]


def _fake_bundle(folder: Path) -> None:
    """A bundle's files as Pagefind lays them out, with made-up contents."""
    folder.mkdir(parents=True)
    for name in BUNDLE_FILES[1:]:
        (folder / name).write_text(f"// {name}\n", encoding="utf-8")
    (folder / "pagefind-entry.json").write_text(
        '{"version": "1", "languages": {"id": {"hash": "id_1", "wasm": "id", "page_count": 1}}}',
        encoding="utf-8",
    )
    (folder / "pagefind.id_1.pf_meta").write_bytes(b"\x00meta")
    (folder / "wasm.id.pagefind").write_bytes(b"\x00wasm")
    (folder / "fragment").mkdir()
    (folder / "fragment" / "id_1.pf_fragment").write_bytes(b"\x1f\x8b fragment of a story")


@pytest.mark.parametrize(
    "damage",
    ["one byte changed", "cut short", "file added", "file removed", "sums lost"],
)
def test_a_stored_bundle_that_is_not_as_indexed_is_not_used(tmp_path: Path, damage: str) -> None:
    bundle = tmp_path / "store" / "digest"
    _fake_bundle(bundle)
    seal_bundle(bundle)
    assert bundle_is_intact(bundle)
    fragment = bundle / "fragment" / "id_1.pf_fragment"
    if damage == "one byte changed":
        data = fragment.read_bytes()
        fragment.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    elif damage == "cut short":
        fragment.write_bytes(fragment.read_bytes()[:4])
    elif damage == "file added":
        (bundle / "fragment" / "id_2.pf_fragment").write_bytes(b"stray")
    elif damage == "file removed":
        fragment.unlink()
    else:
        (tmp_path / "store" / "digest.sums").unlink()
    assert not bundle_is_intact(bundle)


def test_a_part_is_in_place_only_when_output_holds_the_stores_copy(tmp_path: Path) -> None:
    """What lets an unchanged build skip checking and copying a part: `KeyedOutputs` finds in
    output/ the copy the last build placed (same digest, files, lengths and times). Anything
    less is not."""
    store, output = tmp_path / "store", tmp_path / "output"
    part = SearchPart("2026-11", (), "digest")
    name = f"{BUNDLE}/2026-11"
    _fake_bundle(store / "digest")
    seal_bundle(store / "digest")

    def placed(anew: list[str]) -> KeyedOutputs:
        """What a build that placed the parts `anew` leaves, as the next build reads it."""
        keyed = KeyedOutputs(output)
        if anew:
            keyed.made(name, "digest", folder=True)
        keyed.stamp()
        return KeyedOutputs(output, keyed.files, known=True)

    after = placed(place_parts([part], store, output))
    assert after.as_left(name, "digest", folder=True)
    assert not after.as_left(name, "other", folder=True)
    # In place: left untouched, files and times.
    stamp = folder_stamp(output / name)
    assert place_parts([part], store, output, placed=frozenset({"2026-11"})) == []
    assert folder_stamp(output / name) == stamp

    # Changed by hand to the same length and modification time: only the change time tells.
    fragment = output / name / "fragment" / "id_1.pf_fragment"
    original = fragment.read_bytes()
    status = fragment.stat()
    fragment.write_bytes(bytes(255 - byte for byte in original))
    os.utime(fragment, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert not after.as_left(name, "digest", folder=True)
    # The placed file is the store's (a hard link): the store's sums see the change too, so
    # the build indexes the part again before it places it.
    assert not bundle_is_intact(store / "digest")
    shutil.rmtree(store / "digest")
    _fake_bundle(store / "digest")
    seal_bundle(store / "digest")
    after = placed(place_parts([part], store, output))
    assert fragment.read_bytes() == original
    assert after.as_left(name, "digest", folder=True)

    # The part gone from output/ and from the store, its entry kept: not in place.
    shutil.rmtree(output / name)
    shutil.rmtree(store / "digest")
    assert not after.as_left(name, "digest", folder=True)


def test_placed_files_are_the_stores_files_or_copies_where_links_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    part = SearchPart("2026-11", (), "digest")
    _fake_bundle(store / "digest")
    stored = files_of(store / "digest")
    place_parts([part], store, tmp_path / "linked")
    linked = files_of(tmp_path / "linked" / BUNDLE / "2026-11")
    assert set(linked) == set(stored)
    assert len(stored) > 5
    assert all(linked[name].samefile(stored[name]) for name in stored)

    def no_links(source: str, target: str) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    place_parts([part], store, tmp_path / "copied")
    copied = files_of(tmp_path / "copied" / BUNDLE / "2026-11")
    assert set(copied) == set(stored)
    for name, path in stored.items():
        assert not copied[name].samefile(path)
        assert copied[name].read_bytes() == path.read_bytes()


@pytest.mark.parametrize("cut", ["entry empty", "fragment cut short", "script empty"])
def test_a_bundle_cut_short_is_not_whole(
    tmp_path: Path, small_parts: tuple[SearchPart, ...], cut: str
) -> None:
    """What is checked of the files Pagefind gives, before they are settled: any file cut
    short."""
    folder = tmp_path / "bundle"
    index_bundle(small_parts[0].records, folder)
    files = {name: path.read_bytes() for name, path in files_of(folder).items()}
    assert files_are_whole(files)
    if cut == "entry empty":
        files["pagefind-entry.json"] = b""
    elif cut == "fragment cut short":
        fragment = next(name for name in files if name.startswith("fragment/"))
        files[fragment] = files[fragment][:-9]
    else:
        files["pagefind.js"] = b""
    assert not files_are_whole(files)


def _spy_on_get_files(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[list[dict[str, str]]], None] | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """Record every request the real service is sent and every answer it gives; `change`, if
    given, alters the files of a GetFiles answer before the client sees them."""
    real = PagefindService.request
    seen: list[tuple[str, dict[str, Any]]] = []

    def request(service: PagefindService, payload: Mapping[str, Any], doing: str) -> dict[str, Any]:
        answer = real(service, payload, doing)
        if payload["type"] == "GetFiles" and change is not None:
            change(answer["files"])
        seen.append((str(payload["type"]), answer))
        return answer

    monkeypatch.setattr(PagefindService, "request", request)
    return seen


def test_the_bundle_is_written_from_the_pipe_not_by_pagefind(
    tmp_path: Path, small_parts: tuple[SearchPart, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind's own WriteFiles can leave a file cut short (it never flushes before it exits):
    the bundle's bytes come over the pipe, and every file is as the service gave it."""
    seen = _spy_on_get_files(monkeypatch)
    folder = tmp_path / "bundle"
    index_bundle(small_parts[0].records, folder)
    kinds = [kind for kind, _ in seen]
    assert "WriteFiles" not in kinds
    assert kinds.count("GetFiles") == 1
    given = {
        item["path"]: base64.b64decode(item["content"])
        for kind, answer in seen
        if kind == "GetFiles"
        for item in answer["files"]
    }
    written = {name: path.read_bytes() for name, path in files_of(folder).items()}
    # Settling rewrites the entry, the language meta and the filters (all sorted); every
    # other file is the service's, byte for byte.
    kept = {name for name in given if not name.endswith((".pf_meta", ".pf_filter", ".json"))}
    assert len(kept) > 10
    assert {name: written[name] for name in kept} == {name: given[name] for name in kept}
    assert files_are_whole(written)


def test_a_file_cut_short_in_the_answer_stops_the_build(
    tmp_path: Path, small_parts: tuple[SearchPart, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    def cut_a_fragment(files: list[dict[str, str]]) -> None:
        for item in files:
            if item["path"].startswith("fragment/"):
                data = base64.b64decode(item["content"])
                item["content"] = base64.b64encode(data[:-9]).decode()
                return

    _spy_on_get_files(monkeypatch, cut_a_fragment)
    with pytest.raises(PagefindServiceError, match="incomplete index"):
        index_bundle(small_parts[0].records, tmp_path / "bundle")


@pytest.mark.parametrize("name", ["../escaped.js", "/srv/escaped.js", "", "fragment/../../x"])
def test_a_file_named_outside_the_bundle_is_refused(
    tmp_path: Path,
    small_parts: tuple[SearchPart, ...],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    def rename_one(files: list[dict[str, str]]) -> None:
        files[0]["path"] = name

    _spy_on_get_files(monkeypatch, rename_one)
    folder = tmp_path / "deep" / "bundle"
    with pytest.raises(PagefindServiceError, match="outside the bundle"):
        index_bundle(small_parts[0].records, folder)
    assert not (tmp_path / "deep" / "escaped.js").exists()
    assert not (tmp_path / "deep" / "x").exists()
