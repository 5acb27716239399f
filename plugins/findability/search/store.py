"""The bundle store: each part's bundle by digest in the cache, checked, and placed into output/."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final

from warta.output import Writes

from .errors import PagefindServiceError
from .parts import SearchPart, SearchRecord, record_page
from .service import PagefindService, write_folder
from .settle import ENTRY, settle_files

# Under output/: one Pagefind bundle per part, output/pagefind/<key>/.
BUNDLE: Final = "pagefind"
# What a complete bundle holds besides its language files (checked before a part is trusted).
BUNDLE_FILES: Final = (
    ENTRY,
    "pagefind.js",
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
)
# Bundle files that Pagefind gzips (the rest, its scripts and styles, are never empty).
_GZIPPED = (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter", ".pagefind")


def search_bundles(parts: Sequence[SearchPart], path: str = BUNDLE) -> list[str]:
    """The search page's `search_bundles`: site-relative bundle paths, newest part first.

    `path` is the index's folder in the output, as given to place_parts().
    """
    return [f"{path}/{part.key}/" for part in parts]


# --- The store: each part indexed once, by digest, and the unused pruned -------------------


def build_parts(
    parts: Sequence[SearchPart],
    store: Path,
    executable: Path | None = None,
    *,
    checked: bool = False,
) -> list[SearchPart]:
    """Index every part that `store` does not hold whole yet, into store/<digest>/; with
    `checked`, the caller has found already that each of `parts` needs indexing.

    The store is a cache of bundles by content digest: a part is indexed once, whichever build
    or output folder wants it. Returns the parts that were indexed (see `store_parts`).
    """
    missing = [part for part in parts if checked or not bundle_is_intact(store / part.digest)]
    store_parts(missing, store, executable)
    return missing


def store_parts(parts: Iterable[SearchPart], store: Path, executable: Path | None = None) -> None:
    """Index each of `parts` into store/<digest>/, sealed, one after another.

    Each part has a service process of its own: Pagefind keeps the memory of an index it has
    deleted, so one process for every part would hold the largest part's memory and more for
    the rest of the build. A part's bundle comes back through the pipe whole, and its process
    has exited, before it is checked, settled, written and sealed; that is done in a second
    thread while the next part is indexed, so Pagefind does not wait for it. `parts` is
    iterated lazily: the caller may make each part's records only when it is asked for.
    A process that exits while this runs waits only for the part being written, if any.
    """
    store.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search store") as keeper:
        kept: Future[None] | None = None
        for part in parts:
            files = _indexed(part.records, executable, f"the part {part.key}")
            # At most one part's files wait beside the part being indexed.
            if kept is not None:
                kept.result()
            kept = keeper.submit(_keep, part, files, store)
        if kept is not None:
            kept.result()


def _keep(part: SearchPart, files: dict[str, bytes], store: Path) -> None:
    fresh = store / f".{part.digest}.partial"
    shutil.rmtree(store / part.digest, ignore_errors=True)
    shutil.rmtree(fresh, ignore_errors=True)
    settled = _settled(files, fresh)
    write_folder(settled, fresh)
    fresh.rename(store / part.digest)
    _write_sums(store / part.digest, settled)


def index_bundle(
    records: Sequence[SearchRecord], folder: Path, executable: Path | None = None
) -> None:
    """Index `records` alone into `folder`, with a service process of its own, and settle it.

    The bundle is checked whole (`files_are_whole`) before it is settled: a bundle with a file
    cut short is never settled, sealed or published, and stops the build naming the folder.
    """
    shutil.rmtree(folder, ignore_errors=True)
    write_folder(_settled(_indexed(records, executable, str(folder)), folder), folder)


def _indexed(
    records: Sequence[SearchRecord], executable: Path | None, doing: str
) -> dict[str, bytes]:
    with PagefindService(executable) as service:
        return service.bundle(map(record_page, records), doing)


def _settled(files: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    if not files_are_whole(files):
        raise PagefindServiceError(f"Pagefind gave an incomplete index for {folder}")
    return settle_files(files)


def prune_store(store: Path, used: Sequence[SearchPart], spare: int) -> None:
    """Keep the store from growing with every edit: the bundles this build uses, and the
    `spare` most recently indexed others (an edit undone, another output folder), are kept."""
    used_names = {part.digest for part in used}
    others = sorted(
        (
            (path.stat().st_mtime_ns, path.name.removesuffix(".sums"))
            for path in store.glob("*.sums")
            if path.name.removesuffix(".sums") not in used_names
        ),
        reverse=True,
    )
    for _, name in others[spare:]:
        shutil.rmtree(store / name, ignore_errors=True)
        (store / f"{name}.sums").unlink(missing_ok=True)


# --- Checking a bundle ---------------------------------------------------------------------


def bundle_is_complete(folder: Path) -> bool:
    """Whether `folder` holds a whole bundle: its shared files and each language's files."""
    try:
        entry = (folder / ENTRY).read_bytes()
    except OSError:
        return False
    return _is_complete(lambda name: (folder / name).is_file(), entry)


def _is_complete(has: Callable[[str], bool], entry: bytes) -> bool:
    if not all(has(name) for name in BUNDLE_FILES):
        return False
    try:
        languages = json.loads(entry.decode("utf-8"))["languages"].values()
        return all(
            has(f"pagefind.{language['hash']}.pf_meta")
            and has(f"wasm.{language['wasm'] or 'unknown'}.pagefind")
            for language in languages
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return False


def files_are_whole(files: Mapping[str, bytes]) -> bool:
    """Whether every file of a bundle Pagefind just gave is whole: the bundle is complete, the
    entry file parses, every gzipped file decompresses to its end (gzip checks its length and
    CRC), and no other file is empty."""
    entry = files.get(ENTRY)
    if entry is None or not _is_complete(files.__contains__, entry):
        return False
    try:
        json.loads(entry.decode("utf-8"))
        for name, data in files.items():
            if name.endswith(_GZIPPED):
                gzip.decompress(data)
            elif not data:
                return False
    except (ValueError, EOFError, OSError, zlib.error):
        return False
    return True


def files_of(folder: Path) -> dict[str, Path]:
    """Every file under `folder`, by its relative POSIX name (os.walk: a bundle has tens of
    thousands of files at archive scale, and pathlib's rglob costs several times as much)."""
    found: dict[str, Path] = {}
    for top, _folders, names in os.walk(folder):
        prefix = os.path.relpath(top, folder).replace(os.sep, "/")
        for name in names:
            path = os.path.join(top, name)
            if os.path.isfile(path):
                found[name if prefix == "." else f"{prefix}/{name}"] = Path(path)
    return dict(sorted(found.items()))


def _sums_of(folder: Path) -> Path:
    return folder.with_name(f"{folder.name}.sums")


def seal_bundle(folder: Path) -> None:
    """Note each file's length and SHA-256 beside a bundle in the store (`<digest>.sums`)."""
    _write_sums(folder, {name: path.read_bytes() for name, path in files_of(folder).items()})


def _write_sums(folder: Path, files: Mapping[str, bytes]) -> None:
    # From the bytes just written to `folder`, not read back: they are the same.
    sums = {name: [len(data), hashlib.sha256(data).hexdigest()] for name, data in files.items()}
    temporary = folder.with_name(f".{folder.name}.sums.tmp")
    temporary.write_text(json.dumps(sums, sort_keys=True), encoding="utf-8")
    temporary.replace(_sums_of(folder))


def bundle_is_intact(folder: Path) -> bool:
    """Whether a bundle in the store is whole and exactly as it was indexed: every file of its
    sums, of the same length and SHA-256, and no other. A bundle cut short, damaged or
    changed by hand is indexed again, never published."""
    if not bundle_is_complete(folder):
        return False
    try:
        sums = json.loads(_sums_of(folder).read_text(encoding="utf-8"))
        files = files_of(folder)
        return (
            isinstance(sums, dict)
            and set(sums) == set(files)
            and all(
                [path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest()] == sums[name]
                for name, path in files.items()
            )
        )
    except (OSError, ValueError):
        return False


# --- Placing parts into output/ ------------------------------------------------------------


def place_parts(
    parts: Sequence[SearchPart],
    store: Path,
    output: Path | Writes,
    path: str = BUNDLE,
    *,
    placed: frozenset[str] = frozenset(),
) -> list[str]:
    """Make output/<path>/ hold exactly `parts`, linked from the store; returns the keys of the
    parts placed anew.

    `placed` names the parts the caller has found in place already, whole and as the last
    build placed them (`warta.keyed`): they are left untouched, files and times. The others
    are placed anew and swapped whole. Anything else in output/<path>/ is deleted: the folder
    belongs to this function. Written through the build's gate (`output` as a folder writes in
    place).
    """
    writes = output if isinstance(output, Writes) else Writes(output)
    anew: list[str] = []
    for part in parts:
        if part.key in placed:
            continue
        bundle = store / part.digest
        writes.replace_folder(
            f"{path}/{part.key}",
            lambda folder, bundle=bundle: shutil.copytree(  # type: ignore[misc]
                bundle, folder, copy_function=_link_or_copy
            ),
        )
        anew.append(part.key)
    planned = {part.key for part in parts}
    root = writes.existing / path
    if root.is_dir():
        for entry in sorted(root.iterdir()):
            if entry.name not in planned:
                writes.remove(f"{path}/{entry.name}")
    return anew


def _link_or_copy(source: str, target: str) -> None:
    """A bundle file into output/, as a hard link to the store's file where the file system
    allows one, else as a copy.

    A cold build at 10,000 stories places about 10,000 files; a link spares the data's second
    write (0.03 against 0.2 ms a file on a quiet disk, several times that beside the render).
    Sharing the file is safe: a file changed through either name is caught, in output/ by the
    part's stamp (its change time moves) and in the store by its sums, so the part is placed,
    or indexed, again. Nothing writes into a placed file: a part is always replaced whole.
    """
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _only(parts: Sequence[SearchPart], root: Path) -> dict[str, str]:
    """Delete everything in `root` that is not one of `parts`; returns the manifest."""
    planned = {part.key for part in parts}
    for entry in root.iterdir():
        if entry.name in planned:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return {part.key: part.digest for part in parts}


# --- Indexing straight into output/, without a store ---------------------------------------
# The build fills the store and places from it (above); the tests index small sites this way.


def write_search_index(
    parts: Sequence[SearchPart],
    output: Path,
    previous: Mapping[str, str] | None = None,
    path: str = BUNDLE,
    executable: Path | None = None,
) -> dict[str, str]:
    """Bring output/<path>/ up to date with `parts`; returns the new manifest (key → digest).

    `previous` is the manifest the last build returned (the caller keeps it). A part is
    indexed again only when its digest differs from that or its folder is not a complete
    bundle; the others are left untouched, files and times. Everything else in
    output/<path>/ (parts no longer planned, a whole-site bundle of old) is deleted: the
    folder belongs to this function. Each part is indexed by a service process of its own.
    """
    root = output / path
    root.mkdir(parents=True, exist_ok=True)
    known = dict(previous or {})
    stale = [
        part
        for part in parts
        if known.get(part.key) != part.digest or not bundle_is_complete(root / part.key)
    ]
    for part in stale:
        _replace_bundle(part, root, executable)
    return _only(parts, root)


def _replace_bundle(part: SearchPart, root: Path, executable: Path | None) -> None:
    # Written beside the old bundle and swapped in, so the folder under the part's name is
    # always whole, and no file of an older index (their names are content hashes) lingers.
    fresh = root / f".{part.key}.partial"
    old = root / f".{part.key}.old"
    shutil.rmtree(old, ignore_errors=True)
    index_bundle(part.records, fresh, executable)
    final = root / part.key
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    shutil.rmtree(old, ignore_errors=True)
