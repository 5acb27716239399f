"""Static search: story records in, a partitioned and incremental Pagefind index out."""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Any, Final, TypeAlias

from pagefind.service import get_executable

from warta.output import Writes
from warta.uptodate import folder_stamp

# Under output/: one Pagefind bundle per part, output/pagefind/<key>/.
BUNDLE: Final = "pagefind"
# The indexer's memory follows the part, not the archive: with stories of about 650 words it
# peaked at 440 MB for 2,000 and 760 MB for 2,440, against 1.86 GB for 10,000 in one index. A
# year of a busy regional daily still fits in one to four parts.
DEFAULT_MAX_PART: Final = 2_500
# Sent with every NewIndex and hashed into every part's digest, so changing it re-indexes all.
# The playground is a debugging page that must never reach a public site.
INDEX_CONFIG: Final[Mapping[str, object]] = {"write_playground": False}
# What a complete bundle holds besides its language files (checked before a part is trusted).
BUNDLE_FILES: Final = (
    "pagefind-entry.json",
    "pagefind.js",
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
)


class SearchIndexError(Exception):
    """The search index cannot be built; the message names the record, part or failure."""


class SearchRecordError(SearchIndexError):
    """A record is not fit to index (a naive date, an absolute URL, a URL given twice)."""


class SearchPartitionError(SearchIndexError):
    """The records cannot be cut into parts of at most `max_part` stories."""


class PagefindServiceError(SearchIndexError):
    """The Pagefind binary is missing, died, or answered a request with an error."""


@dataclass(frozen=True)
class SearchRecord:
    """One story as the search index sees it: plain text, no HTML.

    `keywords` (the story's tags) are searched with the text: a reader who types a topic
    finds the stories filed under it even when the body never uses that word.

    `meta` is shown on each result (Pagefind's UI prints every key but "title" as a tag, e.g.
    "Tanggal: Rabu, 11 November 2026"); `filters` become the UI's filter panels. Their names
    are Indonesian because readers see them. The headline is sent as meta "title" whether or
    not `meta` repeats it.
    """

    url: str  # site-relative URL without a leading slash, e.g. "2026/11/slug/"
    title: str  # plain text headline
    text: str  # plain text the reader can search besides the headline: the body
    lang: str  # e.g. "id": picks Pagefind's stemmer
    date: datetime  # publication time, aware; its own calendar (the site's zone) picks the part
    meta: tuple[tuple[str, str], ...] = ()
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        problem = None
        if not self.url or self.url.startswith("/") or "://" in self.url:
            problem = "the URL must be site-relative, without a leading slash"
        elif self.date.utcoffset() is None:
            problem = "the date has no time zone"
        elif not self.lang:
            problem = "no language"
        elif len({name for name, _ in self.meta}) != len(self.meta):
            problem = "a meta name is given twice"
        elif len({name for name, _ in self.filters}) != len(self.filters):
            problem = "a filter name is given twice"
        if problem:
            raise SearchRecordError(f"search record {self.url!r}: {problem}")


@dataclass(frozen=True)
class SearchPart:
    """The records of one period, indexed together into output/pagefind/<key>/."""

    key: str  # "2026", "2026-h2", "2026-q4", "2026-11", or a day "2026-11-07"
    records: tuple[SearchRecord, ...]  # in index order: by publication time, then URL
    digest: str  # sha256 over the records, the Pagefind version and INDEX_CONFIG


# --- The service client ---------------------------------------------------------------------

# The pipes of every running service. A process forked while a service runs (the build forks
# its render workers while the search thread indexes) would hold a copy of the service's
# stdin, and the service, which exits only once every copy is closed, would wait for the
# worker to end: 30 s, then killed. In every forked child they are pointed at /dev/null.
_PIPES: set[int] = set()


def _let_go_of_service_pipes() -> None:
    if not _PIPES:
        return
    nothing = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in _PIPES:
            # dup2, not close: the child's copy of the file object may still close its number.
            os.dup2(nothing, fd)
    finally:
        os.close(nothing)
    _PIPES.clear()


os.register_at_fork(after_in_child=_let_go_of_service_pipes)


def find_pagefind() -> Path:
    """The Pagefind binary the `pagefind[bin]` wheel pins (or PAGEFIND_BINARY_PATH)."""
    executable = get_executable()
    if executable is None or not executable.is_file():
        raise PagefindServiceError(
            "the Pagefind binary is missing: install the pinned `pagefind[bin]` "
            "(see pyproject.toml) or set PAGEFIND_BINARY_PATH"
        )
    return executable


def pagefind_version(executable: Path | None = None) -> str:
    """The version the binary reports ("1.5.2"), part of every part's digest."""
    binary = executable or find_pagefind()
    try:
        answer = subprocess.run(  # noqa: S603 - our own pinned binary, no shell
            [binary, "--version"], capture_output=True, text=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise PagefindServiceError(f"cannot run {binary} --version: {error}") from error
    return answer.stdout.strip().removeprefix("pagefind").strip()


class PagefindService:
    """A synchronous client for `pagefind --service`, the protocol of Pagefind's own wrappers.

    Why not the `pagefind` package's Python API: its client waits `asyncio.sleep(0.1)` before
    reading each response, so every request costs up to 100 ms (2,000 records took 206 s). The
    binary itself answers at once: written here as a pipeline (many requests, then the
    responses), 10,000 records of about 650 words index in 34 s in one index (1.86 GB peak) or
    in five indexes of 2,000 in turn (440 MB peak, memory given back after each DeleteIndex).

    Each request is `base64(json)` followed by a comma on stdin; each response comes back on
    stdout the same way, with the request's `message_id`. The service handles requests one at
    a time in the order sent. A reader thread drains stdout, so the pipe never fills while we
    are still writing. Use it as a context manager; every failure raises PagefindServiceError.
    """

    def __init__(self, executable: Path | None = None) -> None:
        self._executable = executable or find_pagefind()
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._arrived = threading.Condition()
        self._responses: dict[int, dict[str, Any]] = {}
        self._stray_error: str | None = None
        self._ended = False
        self._last_id = 0

    def __enter__(self) -> PagefindService:
        # stderr goes to a file, read only to explain a failure: a pipe nobody reads could fill.
        self._stderr = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen(  # noqa: S603 - our own pinned binary, no shell
                [self._executable, "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        except OSError as error:
            self._stderr.close()
            raise PagefindServiceError(f"cannot start {self._executable}: {error}") from error
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        _PIPES.update((self._process.stdin.fileno(), self._process.stdout.fileno()))
        self._reader = threading.Thread(
            target=self._read_responses,
            args=(self._process,),
            name="pagefind-service-reader",
            daemon=True,
        )
        self._reader.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """End the service: it exits by itself when its stdin closes."""
        process = self._process
        if process is None:
            return
        self._process = None
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                _PIPES.discard(stream.fileno())
        try:
            if process.stdin is not None:
                process.stdin.close()
        except OSError:
            pass  # it has died already; wait() below collects it
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join()
        if process.stdout is not None:
            process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()

    # Requests, pipelined: send() writes and returns at once; receive() waits for one answer.

    def send(self, payload: Mapping[str, Any]) -> int:
        """Write one request; returns its message id for receive()."""
        process = self._running()
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload})
        assert process.stdin is not None
        try:
            process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        except OSError as error:
            raise self._failure(f"sending a {payload.get('type')} request") from error
        return self._last_id

    def receive(self, message_id: int, doing: str) -> dict[str, Any]:
        """The response to `message_id`; `doing` names the request in any error."""
        process = self._running()
        assert process.stdin is not None
        try:
            process.stdin.flush()
        except OSError as error:
            raise self._failure(doing) from error
        with self._arrived:
            while message_id not in self._responses and not (self._ended or self._stray_error):
                self._arrived.wait()
            payload = self._responses.pop(message_id, None)
        if payload is None:
            raise self._failure(doing)
        if payload.get("type") == "Error":
            raise PagefindServiceError(f"Pagefind could not {doing}: {payload.get('message')}")
        return payload

    def request(self, payload: Mapping[str, Any], doing: str) -> dict[str, Any]:
        """Send one request and wait for its response."""
        return self.receive(self.send(payload), doing)

    def new_index(self, config: Mapping[str, object] = INDEX_CONFIG) -> int:
        """Start an empty index in the service; returns its id."""
        answer = self.request({"type": "NewIndex", "config": dict(config)}, "create an index")
        return int(answer["index_id"])

    def add_records(self, index_id: int, records: Iterable[SearchRecord]) -> int:
        """Add `records` to the index, all requests first, then all answers; returns the count."""
        sent = [(self.send(_add_record(index_id, record)), record.url) for record in records]
        failures = []
        for message_id, url in sent:
            try:
                self.receive(message_id, f"index {url!r}")
            except PagefindServiceError as error:
                # A dead service fails every later record too: stop at the first such error.
                if self._ended or self._stray_error:
                    raise
                failures.append(str(error))
        if failures:
            raise PagefindServiceError("; ".join(failures))
        return len(sent)

    def write_files(self, index_id: int, folder: Path) -> None:
        """Write the index as a complete Pagefind bundle into `folder`.

        The bundle is asked for over the pipe (GetFiles) and written here, not by Pagefind
        (WriteFiles). Pagefind 1.5.2 writes with tokio's `File::write_all` and never flushes, so
        its answer can come while the last bytes of a file are still on their way to disk, and
        the service exits (`std::process::exit`) as soon as its stdin closes: now and then a
        file was left empty or cut short at a page boundary. Bytes that came through the pipe
        are whole before a single one is written.
        """
        answer = self.request(
            {"type": "GetFiles", "index_id": index_id}, f"get the bundle {folder}"
        )
        files = answer.get("files")
        if not isinstance(files, list):
            raise PagefindServiceError(f"the service sent no files for the bundle {folder}")
        made: set[Path] = set()
        for item in files:
            try:
                name, content = str(item["path"]), base64.b64decode(item["content"], validate=True)
            except (KeyError, TypeError, binascii.Error) as error:
                raise PagefindServiceError(f"an unreadable file for the bundle {folder}") from error
            # The service's names are its own, but still confined: a relative path with no `..`
            # (index_bundle starts from an empty folder, so no link inside it can lead out).
            parts = PurePosixPath(name).parts
            if not parts or parts[0] == "/" or ".." in parts:
                raise PagefindServiceError(f"the service named a file outside the bundle: {name!r}")
            target = folder.joinpath(*parts)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(content)

    def delete_index(self, index_id: int) -> None:
        """Drop the index from the service, giving its memory back."""
        self.request({"type": "DeleteIndex", "index_id": index_id}, "delete an index")

    def write_bundle(self, records: Iterable[SearchRecord], folder: Path) -> int:
        """Index `records` alone and write their bundle to `folder`; returns the record count."""
        index_id = self.new_index()
        try:
            count = self.add_records(index_id, records)
            self.write_files(index_id, folder)
        finally:
            if not (self._ended or self._stray_error):
                self.delete_index(index_id)
        return count

    # Internals.

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            raise PagefindServiceError("the Pagefind service is not running (use `with`)")
        return self._process

    def _read_responses(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        descriptor = process.stdout.fileno()
        pending = bytearray()
        try:
            while chunk := os.read(descriptor, 1 << 16):
                # Only the new bytes can end a message: a long one is not searched again.
                searched = len(pending)
                pending += chunk
                while (end := pending.find(b",", searched)) >= 0:
                    self._deliver(bytes(pending[:end]))
                    del pending[: end + 1]
                    searched = 0
        except OSError as error:
            with self._arrived:
                self._stray_error = f"reading the service's answers failed: {error}"
        finally:
            with self._arrived:
                self._ended = True
                self._arrived.notify_all()

    def _deliver(self, message: bytes) -> None:
        try:
            response = json.loads(base64.b64decode(message, validate=True))
            payload = dict(response["payload"])
            message_id = response.get("message_id")
        except (binascii.Error, ValueError, KeyError, TypeError) as error:
            with self._arrived:
                self._stray_error = f"an unreadable answer from the service ({error})"
                self._arrived.notify_all()
            return
        if message_id is None:
            # A request the service could not parse comes back without its id, but quoted.
            try:
                message_id = json.loads(payload.get("original_message") or "null")["message_id"]
            except (ValueError, TypeError, KeyError):
                message_id = None
        with self._arrived:
            if message_id is None:
                self._stray_error = str(payload.get("message", payload))
            else:
                self._responses[int(message_id)] = payload
            self._arrived.notify_all()

    def _failure(self, doing: str) -> PagefindServiceError:
        if self._stray_error:
            return PagefindServiceError(f"Pagefind could not {doing}: {self._stray_error}")
        code: int | None = None
        if self._process is not None:
            try:
                code = self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                code = None
        said = ""
        if self._stderr is not None:
            self._stderr.seek(0)
            said = self._stderr.read()[-2000:].decode("utf-8", "replace").strip()
        return PagefindServiceError(
            f"the Pagefind service ({self._executable}) exited with code {code} while trying "
            f"to {doing}" + (f": {said}" if said else "")
        )


def _add_record(index_id: int, record: SearchRecord) -> dict[str, Any]:
    """The record as a small HTML page, not as a plain record: Pagefind ranks a word in the
    page's heading above one in its text only when it sees the heading as HTML. Meta and
    filters stand outside the indexed body, each in its own element, so no value needs
    escaping for Pagefind's `key:value, key:value` attribute syntax."""
    meta = "".join(
        f'<span data-pagefind-meta="{escape(name)}">{escape(value)}</span>'
        for name, value in record.meta
        if name != "title"
    )
    filters = "".join(
        f'<span data-pagefind-filter="{escape(name)}">{escape(value)}</span>'
        for name, values in record.filters
        for value in values
    )
    page = (
        f'<!doctype html><html lang="{escape(record.lang)}"><head><title>'
        f"{escape(record.title)}</title></head><body>{meta}{filters}"
        f'<main data-pagefind-body><h1 data-pagefind-meta="title">{escape(record.title)}</h1>'
        + (f"<p>{escape(', '.join(record.keywords))}</p>" if record.keywords else "")
        + f"<p>{escape(record.text)}</p></main></body></html>"
    )
    return {
        "type": "AddFile",
        "index_id": index_id,
        "file_path": None,
        "url": record.url,
        "file_contents": page,
    }


# --- Partitions -----------------------------------------------------------------------------

# (key, start) of the period a date falls in, at each grain, coarsest first. The start
# (year, month, day) orders parts; each year takes the coarsest grain whose parts all fit.
Grain = Callable[[datetime], tuple[str, tuple[int, int, int]]]


def _year(date: datetime) -> tuple[str, tuple[int, int, int]]:
    return f"{date.year}", (date.year, 1, 1)


def _half(date: datetime) -> tuple[str, tuple[int, int, int]]:
    half = 1 if date.month <= 6 else 2
    return f"{date.year}-h{half}", (date.year, 6 * half - 5, 1)


def _quarter(date: datetime) -> tuple[str, tuple[int, int, int]]:
    quarter = (date.month - 1) // 3 + 1
    return f"{date.year}-q{quarter}", (date.year, 3 * quarter - 2, 1)


def _month(date: datetime) -> tuple[str, tuple[int, int, int]]:
    return f"{date.year}-{date.month:02d}", (date.year, date.month, 1)


def _day(date: datetime) -> tuple[str, tuple[int, int, int]]:
    return f"{date.year}-{date.month:02d}-{date.day:02d}", (date.year, date.month, date.day)


GRAINS: Final[tuple[Grain, ...]] = (_year, _half, _quarter, _month)

Group = tuple[tuple[int, int, int], str, list[SearchRecord]]


def _cut(records: list[SearchRecord], grain: Grain) -> list[Group]:
    groups: dict[str, Group] = {}
    for record in records:
        key, start = grain(record.date)
        groups.setdefault(key, (start, key, []))[2].append(record)
    return list(groups.values())


def _cut_year(records: list[SearchRecord], max_part: int) -> list[Group]:
    for grain in GRAINS:
        groups = _cut(records, grain)
        if all(len(group) <= max_part for _, _, group in groups):
            return groups
    # More than max_part stories in a month: only such months are cut further, into days.
    fitted: list[Group] = []
    for group in groups:
        if len(group[2]) <= max_part:
            fitted.append(group)
            continue
        for day in _cut(group[2], _day):
            if len(day[2]) > max_part:
                raise SearchPartitionError(
                    f"{len(day[2])} stories were published on {day[1]}, more than a search "
                    f"part may hold ({max_part}): raise the part size"
                )
            fitted.append(day)
    return fitted


def part_digest(records: Sequence[SearchRecord], version: str) -> str:
    """sha256 over what decides a part's bundle: its records in order, Pagefind, INDEX_CONFIG."""
    digest = hashlib.sha256()
    head = {"pagefind": version, "config": dict(INDEX_CONFIG)}
    digest.update(json.dumps(head, sort_keys=True).encode("utf-8") + b"\n")
    for record in records:
        fields = [
            record.url,
            record.title,
            record.text,
            record.lang,
            record.date.isoformat(),
            # Pagefind keeps meta and filters as maps (and settle_bundle sorts filter values),
            # so their order is no change.
            sorted(record.meta),
            sorted((name, sorted(values)) for name, values in record.filters),
            list(record.keywords),
        ]
        digest.update(json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()


def plan_parts(
    records: Iterable[SearchRecord],
    max_part: int = DEFAULT_MAX_PART,
    version: str | None = None,
) -> tuple[SearchPart, ...]:
    """Cut `records` into parts by publication time, newest part first.

    One part per year; a year of more than `max_part` stories is cut into half-years, else
    quarters, else months (the coarsest that fits, chosen for each year alone), and a month
    still too big into days. So a change to one story changes only its own part's digest,
    unless it takes its year across one of those thresholds; then only that year's parts
    change. `version` (of Pagefind, part of each digest) defaults to what the binary reports.
    """
    if max_part < 1:
        raise SearchPartitionError(f"a search part must hold at least 1 story, not {max_part}")
    ordered = sorted(records, key=lambda record: (record.date, record.url))
    # Pagefind keeps one page per URL, so a second record would silently replace the first.
    seen: set[str] = set()
    for record in ordered:
        if record.url in seen:
            raise SearchRecordError(f"search record {record.url!r}: given twice")
        seen.add(record.url)
    if version is None:
        version = pagefind_version() if ordered else ""
    # Grouped by each date's own calendar, which time order does not follow when offsets
    # differ: 1 January 00:30 at +08:00 comes before 31 December 20:00 at +00:00.
    years: dict[int, list[SearchRecord]] = {}
    for record in ordered:
        years.setdefault(record.date.year, []).append(record)
    groups: list[Group] = []
    for in_year in years.values():
        groups.extend(_cut_year(in_year, max_part))
    groups.sort(key=lambda group: group[0], reverse=True)
    return tuple(
        SearchPart(key, tuple(part), part_digest(part, version)) for _, key, part in groups
    )


def search_bundles(parts: Sequence[SearchPart], path: str = BUNDLE) -> list[str]:
    """The search page's `search_bundles`: site-relative bundle paths, newest part first.

    `path` is the index's folder in the output, as given to write_search_index().
    """
    return [f"{path}/{part.key}/" for part in parts]


# --- Writing --------------------------------------------------------------------------------


def bundle_is_complete(folder: Path) -> bool:
    """Whether `folder` holds a whole bundle: its shared files and each language's files."""
    if not all((folder / name).is_file() for name in BUNDLE_FILES):
        return False
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry["languages"].values()
        return all(
            (folder / f"pagefind.{language['hash']}.pf_meta").is_file()
            and (folder / f"wasm.{language['wasm'] or 'unknown'}.pagefind").is_file()
            for language in languages
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


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
    sums = {
        name: [path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest()]
        for name, path in files_of(folder).items()
    }
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


# A placed part in the manifest: the digest it was placed from and its folder's stamp.
Placed = tuple[str, str]


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
    or output folder wants it. Returns the parts that were indexed. Each part has a service
    process of its own: Pagefind keeps the memory of an index it has deleted, so one process for
    every part would hold the largest part's memory and more for the rest of the build.
    """
    store.mkdir(parents=True, exist_ok=True)
    missing = [part for part in parts if checked or not bundle_is_intact(store / part.digest)]
    for part in missing:
        fresh = store / f".{part.digest}.partial"
        shutil.rmtree(store / part.digest, ignore_errors=True)
        index_bundle(part.records, fresh, executable)
        fresh.rename(store / part.digest)
        seal_bundle(store / part.digest)
    return missing


# Bundle files that Pagefind gzips (the rest, its scripts and styles, are never empty).
_GZIPPED = (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter", ".pagefind")


def index_bundle(
    records: Sequence[SearchRecord], folder: Path, executable: Path | None = None
) -> None:
    """Index `records` alone into `folder`, with a service process of its own, and settle it.

    The bundle is checked whole (`bundle_is_whole`) before it is settled: a bundle with a file
    cut short is never settled, sealed or published, and stops the build naming the folder.
    """
    shutil.rmtree(folder, ignore_errors=True)
    with PagefindService(executable) as service:
        service.write_bundle(records, folder)
    if not bundle_is_whole(folder):
        raise PagefindServiceError(f"Pagefind gave an incomplete index for {folder}")
    settle_bundle(folder)


def bundle_is_whole(folder: Path) -> bool:
    """Whether every file of a bundle Pagefind just wrote is whole: the entry file parses,
    every gzipped file decompresses to its end (gzip checks its length and CRC), and no
    other file is empty."""
    if not bundle_is_complete(folder):
        return False
    try:
        json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        for path in files_of(folder).values():
            data = path.read_bytes()
            if path.name.endswith(_GZIPPED):
                gzip.decompress(data)
            elif not data:
                return False
    except (OSError, ValueError, EOFError, zlib.error):
        return False
    return True


def place_parts(
    parts: Sequence[SearchPart],
    store: Path,
    output: Path | Writes,
    previous: Mapping[str, Placed] | None = None,
    path: str = BUNDLE,
    *,
    placed: frozenset[str] = frozenset(),
) -> dict[str, Placed]:
    """Make output/<path>/ hold exactly `parts`, linked from the store; returns the manifest.

    A part whose folder is whole and as the last build placed it (`previous`: same digest, same
    stamp) is left untouched, files and times; the others are placed anew and swapped whole.
    Anything else in output/<path>/ is deleted: the folder belongs to this function. `placed`
    names the parts the caller has found in place already (`parts_in_place`). Written through
    the build's gate (`output` as a folder writes in place).
    """
    writes = output if isinstance(output, Writes) else Writes(output)
    known = previous or {}
    in_place = placed | parts_in_place(parts, writes.existing, known, path, skip=placed)
    manifest: dict[str, Placed] = {}
    for part in parts:
        if part.key in in_place:
            manifest[part.key] = known[part.key]
            continue
        bundle = store / part.digest
        final = writes.replace_folder(
            f"{path}/{part.key}",
            lambda folder, bundle=bundle: shutil.copytree(  # type: ignore[misc]
                bundle, folder, copy_function=_link_or_copy
            ),
        )
        manifest[part.key] = (part.digest, folder_stamp(final))
    planned = {part.key for part in parts}
    root = writes.existing / path
    if root.is_dir():
        for entry in sorted(root.iterdir()):
            if entry.name not in planned:
                writes.remove(f"{path}/{entry.name}")
    return manifest


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


def parts_in_place(
    parts: Sequence[SearchPart],
    output: Path,
    previous: Mapping[str, Placed],
    path: str = BUNDLE,
    *,
    skip: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """The keys of the parts that output/<path>/ holds already as the last build placed them:
    from the same digest, and with the same stamp (`folder_stamp`)."""
    found = []
    for part in parts:
        if part.key in skip:
            continue
        known = previous.get(part.key)
        folder = output / path / part.key
        if (
            known is not None
            and known[0] == part.digest
            and bundle_is_complete(folder)
            and folder_stamp(folder) == known[1]
        ):
            found.append(part.key)
    return frozenset(found)


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


# --- Byte-identical bundles -----------------------------------------------------------------

# Pagefind 1.5.2 is deterministic in its word index and fragments but not in three places,
# all because it iterates `hashbrown` maps, whose hasher is seeded anew in every process
# (pagefind/src/index/mod.rs says "TODO: Change filter indexes to BTree to give them a stable
# hash"): the values inside each filter file, the order of filters (and sorts) in the language
# meta file, and the order of languages in pagefind-entry.json. The order records are added in
# cannot help. So each new bundle is settled: those lists are sorted, and the files renamed by
# their new content's hash. Filter and meta files are gzip("pagefind_dcd" + CBOR).
SIGNATURE: Final = b"pagefind_dcd"
Cbor: TypeAlias = "int | str | bytes | bool | list[Cbor] | None"


def settle_bundle(folder: Path) -> None:
    """Rewrite a freshly written bundle so that the same records always give the same bytes."""
    entry_path = folder / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages: dict[str, dict[str, Any]] = {}
    for language in sorted(entry["languages"]):
        about = dict(entry["languages"][language])
        meta_path = folder / f"pagefind.{about['hash']}.pf_meta"
        meta = _cbor_list(_read_packed(meta_path), 6, meta_path)
        filters = []
        for pair in _cbor_list(meta[3], None, meta_path):
            name, old_hash = (
                _cbor_text(item, meta_path) for item in _cbor_list(pair, 2, meta_path)
            )
            path = folder / "filter" / f"{old_hash}.pf_filter"
            index = _cbor_list(_read_packed(path), 2, path)
            index[1] = sorted(_cbor_list(index[1], None, path), key=_first_text)
            path.unlink()
            filters.append((name, _cbor_encode(index)))
        taken: set[str] = set()
        settled: list[Cbor] = []
        for name, data in sorted(filters):
            new_hash = _content_name(language, data, 7, taken)
            _write_packed(folder / "filter" / f"{new_hash}.pf_filter", data)
            settled.append([name, new_hash])
        meta[3] = settled
        meta[4] = sorted(_cbor_list(meta[4], None, meta_path), key=_first_text)
        data = _cbor_encode(meta)
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


def _first_text(item: Cbor) -> str:
    return str(item[0]) if isinstance(item, list) and item else ""


def _cbor_list(value: Cbor, length: int | None, path: Path) -> list[Cbor]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise SearchIndexError(f"{path}: not the Pagefind bundle format this code knows")
    return value


def _cbor_text(value: Cbor, path: Path) -> str:
    if not isinstance(value, str):
        raise SearchIndexError(f"{path}: not the Pagefind bundle format this code knows")
    return value


def _read_packed(path: Path) -> Cbor:
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as error:
        raise SearchIndexError(f"{path}: unreadable ({error})") from error
    if not data.startswith(SIGNATURE):
        raise SearchIndexError(f"{path}: no Pagefind signature")
    value, end = _cbor_item(data, len(SIGNATURE))
    if end != len(data):
        raise SearchIndexError(f"{path}: trailing bytes after the CBOR value")
    return value


def _write_packed(path: Path, data: bytes) -> None:
    # mtime=0 keeps the gzip header free of the clock.
    path.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))


def _cbor_item(data: bytes, at: int) -> tuple[Cbor, int]:
    """Decode the CBOR subset minicbor writes for Pagefind: integers, strings, arrays."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise SearchIndexError(f"CBOR with indefinite lengths at byte {at - 1}")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        chunk = data[at : at + argument]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + argument
    if major == 4:
        items: list[Cbor] = []
        for _ in range(argument):
            item, at = _cbor_item(data, at)
            items.append(item)
        return items, at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    raise SearchIndexError(f"CBOR type {major}/{info} at byte {at - 1} is not expected here")


def _cbor_encode(value: Cbor) -> bytes:
    """Encode as minicbor does: definite lengths, each head in as few bytes as it fits."""
    out = bytearray()

    def head(major: int, argument: int) -> None:
        if argument < 24:
            out.append(major << 5 | argument)
            return
        for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if argument < 1 << (8 * size):
                out.append(major << 5 | info)
                out.extend(argument.to_bytes(size, "big"))
                return
        raise SearchIndexError(f"{argument} does not fit in CBOR")

    def put(item: Cbor) -> None:
        if item is None or isinstance(item, bool):
            out.append(0xF6 if item is None else 0xF5 if item else 0xF4)
        elif isinstance(item, int) and item >= 0:
            head(0, item)
        elif isinstance(item, int):
            head(1, -1 - item)
        elif isinstance(item, bytes):
            head(2, len(item))
            out.extend(item)
        elif isinstance(item, str):
            encoded = item.encode("utf-8")
            head(3, len(encoded))
            out.extend(encoded)
        else:
            head(4, len(item))
            for element in item:
                put(element)

    put(value)
    return bytes(out)
