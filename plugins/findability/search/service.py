"""The client of `pagefind --service`: indexes pages and hands back their bundle, over pipes."""

from __future__ import annotations

import base64
import binascii
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Any, Final

from pagefind.service import get_executable

from .errors import PagefindServiceError

# Sent with every NewIndex and hashed into every part's digest, so changing it re-indexes all.
# The playground is a debugging page that must never reach a public site.
INDEX_CONFIG: Final[Mapping[str, object]] = {"write_playground": False}


@dataclass(frozen=True)
class PagefindPage:
    """One page for an index, as Pagefind's AddFile request takes it."""

    url: str  # site-relative URL without a leading slash, e.g. "2026/11/slug/"
    html: str  # a whole HTML document; Pagefind reads its body, meta and filters


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

    def add_pages(self, index_id: int, pages: Iterable[PagefindPage]) -> int:
        """Add `pages` to the index, all requests first, then all answers; returns the count."""
        sent = [(self.send(_add_file(index_id, page)), page.url) for page in pages]
        failures = []
        for message_id, url in sent:
            try:
                self.receive(message_id, f"index {url!r}")
            except PagefindServiceError as error:
                # A dead service fails every later page too: stop at the first such error.
                if self._ended or self._stray_error:
                    raise
                failures.append(str(error))
        if failures:
            raise PagefindServiceError("; ".join(failures))
        return len(sent)

    def get_files(self, index_id: int, doing: str) -> dict[str, bytes]:
        """The index as a complete Pagefind bundle: each file's bytes by its relative POSIX name.

        The bundle is asked for over the pipe (GetFiles), not written by Pagefind (WriteFiles).
        Pagefind 1.5.2 writes with tokio's `File::write_all` and never flushes, so its answer
        can come while the last bytes of a file are still on their way to disk, and the service
        exits (`std::process::exit`) as soon as its stdin closes: now and then a file was left
        empty or cut short at a page boundary. Bytes that came through the pipe are whole
        before a single one is written. `doing` names the bundle in any error.
        """
        answer = self.request({"type": "GetFiles", "index_id": index_id}, f"get the bundle {doing}")
        files = answer.get("files")
        if not isinstance(files, list):
            raise PagefindServiceError(f"the service sent no files for the bundle {doing}")
        bundle: dict[str, bytes] = {}
        for item in files:
            try:
                name, content = str(item["path"]), base64.b64decode(item["content"], validate=True)
            except (KeyError, TypeError, binascii.Error) as error:
                raise PagefindServiceError(f"an unreadable file for the bundle {doing}") from error
            # The service's names are its own, but still confined: a relative path with no `..`.
            parts = PurePosixPath(name).parts
            if not parts or parts[0] == "/" or ".." in parts:
                raise PagefindServiceError(f"the service named a file outside the bundle: {name!r}")
            bundle["/".join(parts)] = content
        return bundle

    def write_files(self, index_id: int, folder: Path) -> None:
        """Write the index as a complete Pagefind bundle into `folder` (see get_files)."""
        write_folder(self.get_files(index_id, str(folder)), folder)

    def delete_index(self, index_id: int) -> None:
        """Drop the index from the service, giving its memory back."""
        self.request({"type": "DeleteIndex", "index_id": index_id}, "delete an index")

    def bundle(self, pages: Iterable[PagefindPage], doing: str) -> dict[str, bytes]:
        """Index `pages` alone; their bundle's files by name (see get_files)."""
        index_id = self.new_index()
        try:
            self.add_pages(index_id, pages)
            return self.get_files(index_id, doing)
        finally:
            if not (self._ended or self._stray_error):
                self.delete_index(index_id)

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


def write_folder(files: Mapping[str, bytes], folder: Path) -> None:
    """Write a bundle's `files` (relative POSIX names, checked by get_files) under `folder`,
    which starts empty, so no link inside it can lead out."""
    made: set[Path] = set()
    for name, content in files.items():
        target = folder.joinpath(*name.split("/"))
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content)


def _add_file(index_id: int, page: PagefindPage) -> dict[str, Any]:
    return {
        "type": "AddFile",
        "index_id": index_id,
        "file_path": None,
        "url": page.url,
        "file_contents": page.html,
    }
