"""Settling a bundle: cbor2 writes back Pagefind's own CBOR, byte for byte, in real bundles."""

from __future__ import annotations

import gzip
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from findability.search.errors import BundleFormatError
from findability.search.parts import SearchRecord, record_page
from findability.search.service import PagefindService, write_folder
from findability.search.settle import (
    SIGNATURE,
    encode_as_minicbor,
    read_packed,
    settle_files,
)
from findability.search.store import files_of

WITA = timezone(timedelta(hours=8))
DESKS = ("Daerah", "Politik", "Hukum", "Ekonomi", "Lingkungan")
PLACES = ("Kota Banjarmasin", "Kabupaten Banjar", "Kota Palangka Raya", "Kabupaten Tabalong")
WORDS = ("banjir", "sungai", "pasar", "jembatan", "sekolah", "gambut", "karet", "nelayan")


def records(count: int) -> list[SearchRecord]:
    """Enough stories that page numbers and word counts need heads of one and two bytes."""
    start = datetime(2026, 1, 1, 8, 0, tzinfo=WITA)
    made = []
    for n in range(count):
        words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(40 + n % 300))
        date = start + timedelta(hours=7 * n)
        made.append(
            SearchRecord(
                url=f"{date:%Y/%m}/berita-{n}/",
                title=f"Berita {n}: {WORDS[n % len(WORDS)]}",
                text=words,
                lang="id",
                date=date,
                meta=(("tanggal", f"{date:%d-%m-%Y}"), ("lokasi", PLACES[n % len(PLACES)])),
                filters=(
                    ("rubrik", (DESKS[n % len(DESKS)],)),
                    ("lokasi", (PLACES[n % len(PLACES)],)),
                    ("tahun", (str(date.year),)),
                ),
                keywords=(WORDS[n % 3], WORDS[n % 5]),
            )
        )
    return made


@pytest.fixture(scope="module")
def unsettled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle exactly as the Pagefind service gave it, before settling."""
    folder = tmp_path_factory.mktemp("unsettled")
    with PagefindService() as service:
        write_folder(service.bundle(map(record_page, records(300)), "unsettled"), folder)
    return folder


def packed_files(folder: Path) -> dict[str, Path]:
    return {
        name: path
        for name, path in files_of(folder).items()
        if name.endswith((".pf_meta", ".pf_filter"))
    }


def test_every_filter_and_meta_file_pagefind_writes_comes_back_byte_for_byte(
    unsettled: Path,
) -> None:
    packed = packed_files(unsettled)
    assert sum(name.endswith(".pf_filter") for name in packed) == 3
    assert sum(name.endswith(".pf_meta") for name in packed) == 1
    for name, path in packed.items():
        body = gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE)
        assert encode_as_minicbor(read_packed(path)) == body, name
    # Heads of one and two bytes both occur: page numbers past 255, word counts past 255.
    meta = read_packed(next(path for name, path in packed.items() if name.endswith("pf_meta")))
    assert isinstance(meta, list)
    assert len(meta[1]) == 300
    assert max(words for _, words in meta[1]) > 255


def test_settling_changes_only_the_order_of_lists(unsettled: Path, tmp_path: Path) -> None:
    def values(folder: Path) -> dict[str, object]:
        """Each packed file's value, filters by their name, lists of pairs as sets."""
        found: dict[str, object] = {}
        for name, path in packed_files(folder).items():
            value = read_packed(path)
            assert isinstance(value, list)
            if name.endswith(".pf_filter"):
                found[f"filter {value[0]}"] = sorted(map(repr, value[1]))
            else:
                found["meta"] = [*value[:3], sorted(pair[0] for pair in value[3]), *value[4:]]
        return found

    folder = tmp_path / "bundle"
    write_folder(
        settle_files({name: path.read_bytes() for name, path in files_of(unsettled).items()}),
        folder,
    )
    assert values(folder) == values(unsettled)
    for name, path in packed_files(folder).items():
        value = read_packed(path)
        assert isinstance(value, list)
        listed = value[1] if name.endswith(".pf_filter") else value[3]
        assert listed == sorted(listed, key=lambda item: str(item[0])), name


# RFC 8949, appendix A: what a CBOR encoder writes with every head as short as it fits and
# definite lengths, as Pagefind's minicbor does.
RFC_8949_EXAMPLES: list[tuple[object, str]] = [
    (0, "00"),
    (23, "17"),
    (24, "1818"),
    (100, "1864"),
    (1000, "1903e8"),
    (1000000, "1a000f4240"),
    (1000000000000, "1b000000e8d4a51000"),
    (18446744073709551615, "1bffffffffffffffff"),
    (-1, "20"),
    (-1000, "3903e7"),
    (False, "f4"),
    (True, "f5"),
    (None, "f6"),
    (b"", "40"),
    (b"\x01\x02\x03\x04", "4401020304"),
    ("", "60"),
    ("IETF", "6449455446"),
    ("\u00fc", "62c3bc"),
    ([], "80"),
    ([1, [2, 3], [4, 5]], "8301820203820405"),
    (list(range(1, 26)), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
]


@pytest.mark.parametrize(("value", "expected"), RFC_8949_EXAMPLES)
def test_values_are_written_with_the_shortest_heads_and_definite_lengths(
    value: object, expected: str
) -> None:
    assert encode_as_minicbor(value).hex() == expected


@pytest.mark.parametrize(
    ("cbor", "problem"),
    [
        ("9f01ff", "cannot write back"),  # an indefinite-length array
        ("1800", "cannot write back"),  # 0 in a head of two bytes
        ("c11a514b67b0", "cannot write back"),  # a time tag, which cbor2 would write as text
        ("f93c00", "cannot write back"),  # a float of two bytes, which cbor2 writes in eight
        ("8201", "not CBOR"),  # an array cut short
        ("0101", "cannot write back"),  # a byte after the value
    ],
)
def test_cbor_that_cannot_be_written_back_unchanged_is_refused_by_file(
    tmp_path: Path, cbor: str, problem: str
) -> None:
    path = tmp_path / "pagefind.id_1.pf_meta"
    path.write_bytes(gzip.compress(SIGNATURE + bytes.fromhex(cbor)))
    with pytest.raises(BundleFormatError, match=f"{re.escape(str(path))}: .*{problem}"):
        read_packed(path)
