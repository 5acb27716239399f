"""Settling a bundle Pagefind just wrote, so that the same records always give the same bytes."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any, Final

import cbor2

from .errors import BundleFormatError

# Pagefind 1.5.2 is deterministic in its word index and fragments but not in three places,
# all because it iterates `hashbrown` maps, whose hasher is seeded anew in every process
# (pagefind/src/index/mod.rs says "TODO: Change filter indexes to BTree to give them a stable
# hash"): the values inside each filter file, the order of filters (and sorts) in the language
# meta file, and the order of languages in pagefind-entry.json. The order records are added in
# cannot help. So each new bundle is settled: those lists are sorted, and the files renamed by
# their new content's hash. Filter and meta files are gzip("pagefind_dcd" + CBOR).
SIGNATURE: Final = b"pagefind_dcd"


def settle_bundle(folder: Path) -> None:
    """Rewrite a freshly written bundle so that the same records always give the same bytes."""
    entry_path = folder / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages: dict[str, dict[str, Any]] = {}
    for language in sorted(entry["languages"]):
        about = dict(entry["languages"][language])
        meta_path = folder / f"pagefind.{about['hash']}.pf_meta"
        meta = _list_of(read_packed(meta_path), 6, meta_path)
        filters = []
        for pair in _list_of(meta[3], None, meta_path):
            name, old_hash = (_text_of(item, meta_path) for item in _list_of(pair, 2, meta_path))
            path = folder / "filter" / f"{old_hash}.pf_filter"
            index = _list_of(read_packed(path), 2, path)
            index[1] = sorted(_list_of(index[1], None, path), key=_first_text)
            path.unlink()
            filters.append((name, encode_as_minicbor(index)))
        taken: set[str] = set()
        settled: list[object] = []
        for name, data in sorted(filters):
            new_hash = _content_name(language, data, 7, taken)
            _write_packed(folder / "filter" / f"{new_hash}.pf_filter", data)
            settled.append([name, new_hash])
        meta[3] = settled
        meta[4] = sorted(_list_of(meta[4], None, meta_path), key=_first_text)
        data = encode_as_minicbor(meta)
        meta_path.unlink()
        about["hash"] = _content_name(language, data, len(language) + 8, set())
        _write_packed(folder / f"pagefind.{about['hash']}.pf_meta", data)
        languages[language] = about
    entry["languages"] = languages
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _content_name(language: str, data: bytes, length: int, taken: set[str]) -> str:
    # As Pagefind names its files: the language, then a hash prefix made longer on a clash.
    digest = hashlib.sha256(data).hexdigest()
    while (name := f"{language}_{digest[:length]}") in taken:
        length += 1
    taken.add(name)
    return name


def _first_text(item: object) -> str:
    return str(item[0]) if isinstance(item, list) and item else ""


def _list_of(value: object, length: int | None, path: Path) -> list[object]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise BundleFormatError(f"{path}: not the Pagefind bundle format this code knows")
    return value


def _text_of(value: object, path: Path) -> str:
    if not isinstance(value, str):
        raise BundleFormatError(f"{path}: not the Pagefind bundle format this code knows")
    return value


def read_packed(path: Path) -> object:
    """The CBOR value of a filter or meta file, checked to come back as the same bytes.

    Settling may change the order of lists and nothing else, so every value must be one that
    `encode_as_minicbor` writes back exactly as Pagefind wrote it. That is checked here, not
    assumed, because cbor2 accepts more than minicbor writes: it ignores bytes after the
    value, reads indefinite lengths and heads longer than needed, and turns tags into Python
    objects (a datetime, a Decimal) that it would write back differently.
    """
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as error:
        raise BundleFormatError(f"{path}: unreadable ({error})") from error
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{path}: no Pagefind signature")
    body = data[len(SIGNATURE) :]
    try:
        value = cbor2.loads(body)
    except cbor2.CBORDecodeError as error:
        raise BundleFormatError(f"{path}: not CBOR ({error})") from error
    if encode_as_minicbor(value) != body:
        raise BundleFormatError(f"{path}: CBOR this code cannot write back as Pagefind wrote it")
    return value


def encode_as_minicbor(value: object) -> bytes:
    """CBOR as minicbor writes it for Pagefind: each head in as few bytes as it fits,
    definite lengths, maps in the order given, no tags.

    cbor2's defaults write exactly that; each option that would change a byte is still set
    here, so that another default in a later cbor2 cannot change a bundle unseen.
    """
    return cbor2.dumps(
        value,
        # minicbor writes the length of every array, map and string before it; indefinite
        # containers would end each with a break code instead.
        indefinite_containers=False,
        # Canonical CBOR would sort map keys; minicbor keeps the order Pagefind gives them.
        canonical=False,
        # Both would write a tag (28/29, 25) and a reference to the first copy in place of a
        # value or string seen before; minicbor writes every value out in full.
        value_sharing=False,
        string_referencing=False,
    )


def _write_packed(path: Path, data: bytes) -> None:
    # mtime=0 keeps the gzip header free of the clock.
    path.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))
