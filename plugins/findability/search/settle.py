"""Settling a bundle Pagefind just wrote, so that the same records always give the same bytes."""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Mapping
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
ENTRY: Final = "pagefind-entry.json"


def settle_files(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """A fresh bundle's files (by relative POSIX name) as the same records always give them:
    the filter values, the filters and sorts of each language and the languages sorted, and
    the files that changed renamed by their new content's hash. Every other file is kept."""
    settled = dict(files)
    entry = json.loads(settled[ENTRY].decode("utf-8"))
    languages: dict[str, dict[str, Any]] = {}
    for language in sorted(entry["languages"]):
        about = dict(entry["languages"][language])
        meta_name = f"pagefind.{about['hash']}.pf_meta"
        meta = _list_of(unpack(settled.pop(meta_name, None), meta_name), 6, meta_name)
        filters = []
        for pair in _list_of(meta[3], None, meta_name):
            name, old_hash = (_text_of(item, meta_name) for item in _list_of(pair, 2, meta_name))
            filter_name = f"filter/{old_hash}.pf_filter"
            index = _list_of(unpack(settled.pop(filter_name, None), filter_name), 2, filter_name)
            index[1] = sorted(_list_of(index[1], None, filter_name), key=_first_text)
            filters.append((name, encode_as_minicbor(index)))
        taken: set[str] = set()
        listed: list[object] = []
        for name, data in sorted(filters):
            new_hash = _content_name(language, data, 7, taken)
            settled[f"filter/{new_hash}.pf_filter"] = pack(data)
            listed.append([name, new_hash])
        meta[3] = listed
        meta[4] = sorted(_list_of(meta[4], None, meta_name), key=_first_text)
        data = encode_as_minicbor(meta)
        about["hash"] = _content_name(language, data, len(language) + 8, set())
        settled[f"pagefind.{about['hash']}.pf_meta"] = pack(data)
        languages[language] = about
    entry["languages"] = languages
    settled[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return dict(sorted(settled.items()))


def _content_name(language: str, data: bytes, length: int, taken: set[str]) -> str:
    # As Pagefind names its files: the language, then a hash prefix made longer on a clash.
    digest = hashlib.sha256(data).hexdigest()
    while (name := f"{language}_{digest[:length]}") in taken:
        length += 1
    taken.add(name)
    return name


def _first_text(item: object) -> str:
    return str(item[0]) if isinstance(item, list) and item else ""


def _list_of(value: object, length: int | None, name: str) -> list[object]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise BundleFormatError(f"{name}: not the Pagefind bundle format this code knows")
    return value


def _text_of(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise BundleFormatError(f"{name}: not the Pagefind bundle format this code knows")
    return value


def read_packed(path: Path) -> object:
    """The CBOR value of a filter or meta file on disk (see `unpack`)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BundleFormatError(f"{path}: unreadable ({error})") from error
    return unpack(data, str(path))


def unpack(data: bytes | None, name: str) -> object:
    """The CBOR value of a filter or meta file's bytes, checked to come back as the same bytes.

    Settling may change the order of lists and nothing else, so every value must be one that
    `encode_as_minicbor` writes back exactly as Pagefind wrote it. That is checked here, not
    assumed, because cbor2 accepts more than minicbor writes: it ignores bytes after the
    value, reads indefinite lengths and heads longer than needed, and turns tags into Python
    objects (a datetime, a Decimal) that it would write back differently. `name` is the
    file's, for the error.
    """
    if data is None:
        raise BundleFormatError(f"{name}: missing from the bundle")
    try:
        data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise BundleFormatError(f"{name}: unreadable ({error})") from error
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{name}: no Pagefind signature")
    body = data[len(SIGNATURE) :]
    try:
        value = cbor2.loads(body)
    except cbor2.CBORDecodeError as error:
        raise BundleFormatError(f"{name}: not CBOR ({error})") from error
    if encode_as_minicbor(value) != body:
        raise BundleFormatError(f"{name}: CBOR this code cannot write back as Pagefind wrote it")
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


def pack(data: bytes) -> bytes:
    """A filter or meta file's bytes for its CBOR `data`; mtime=0 keeps the gzip header free
    of the clock."""
    return gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0)
