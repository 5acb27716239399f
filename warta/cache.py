"""What builds keep between runs under `.cache/warta/`: written whole or not at all, checked.

Each entry is one file: a header line naming the format, the key it was made for, the SHA-256
and the CRC-32 of its payload, then the pickled payload. A file that is cut short, damaged,
made by other code or for other settings (its key differs) is ignored, and the build goes cold
for that part: a cache can make a build slower, never wrong. Writes go to a temporary file that
replaces the old one in one rename, so a build stopped half-way leaves the last good entry.

The payload is a pickle: `.cache/` must be as trusted as the project folder (CI caches should be
restored only from the same repository's own builds, as GitHub Actions and Netlify do).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

_MAGIC = b"warta-cache 2"
# Libraries whose versions change what a build makes from the same input.
_LIBRARIES = (
    "pelican", "markdown", "nh3", "pillow", "jinja2", "babel", "pagefind", "feedgenerator",
    "numpy", "stopwordsiso", "pyyaml", "markupsafe", "cbor2",
)  # fmt: skip


def code_version(settings: Mapping[str, Any]) -> str:
    """A digest of the code that builds this site, and of the libraries that shape its output.

    The code is Warta's own package and every plugin the settings list in PLUGINS, as Pelican
    loaded it: the caller hands over the settings, so the core names no plugin and imports none.
    Any change to Warta or to one of those plugins makes every cache key differ, so nothing
    cached by other code is ever used.
    """
    plugins = [str(name) for name in settings.get("PLUGINS") or ()]
    files = tuple(
        (name, getattr(sys.modules.get(name), "__file__", None) or "") for name in sorted(plugins)
    )
    return _code_digest(files)


@cache
def _code_digest(plugins: tuple[tuple[str, str], ...]) -> str:
    digest = hashlib.sha256()
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=-\n".encode())
    for name, file in [("warta", str(Path(__file__).with_name("__init__.py"))), *plugins]:
        digest.update(name.encode() + b"\0")
        if not file:  # not loaded (yet): a build loads every plugin before it asks
            digest.update(b"?\n")
            continue
        path = Path(file)
        if path.name != "__init__.py":  # a plugin of one module
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
            continue
        folder = path.parent
        for source in sorted(folder.rglob("*.py")):
            if "tests" in source.relative_to(folder).parts:
                continue
            # By its path inside the package, so a cache moves with the project between folders.
            digest.update(source.relative_to(folder.parent).as_posix().encode() + b"\0")
            digest.update(source.read_bytes())
    return digest.hexdigest()


def key_of(settings: Mapping[str, Any], *parts: object) -> str:
    """A cache key for these values (settings, digests...) and the code that builds the site."""
    text = json.dumps([code_version(settings), *parts], sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


def plain_digest(*values: object) -> str:
    """A digest of plain values (strings, numbers, times, frozen dataclasses of them, and their
    lists and tuples) by their `repr`, which holds every field of such values and is the same
    for equal ones whichever of them are one object. Times make it half the work of
    `value_pickle` (a zone is reduced again for every time pickled without the memo): values
    whose `repr` may leave something out (views, records) are digested by `value_digest`."""
    text = repr(values).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


def value_pickle(value: object) -> bytes:
    """`value` pickled for a digest: the same bytes for equal values, whichever of their parts
    are one object.

    A plain pickle refers back to an object it has written already (its memo), so two equal
    keys pickle apart when a string is shared in one and copied in the other: a place's name
    from a record read this build, and the same name from related stories kept from the last.
    Page digests made that way rewrote pages whose content had not changed (at 100,000
    stories, most of the site, once after each build that kept related stories). Without the
    memo (`Pickler.fast`) every part is written where it occurs. For values without cycles,
    as digests' inputs are: a cycle is refused (ValueError), never followed forever.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: see above
    pickler.dump(value)
    return buffer.getvalue()


def value_digest(*values: object) -> str:
    """A digest of any values without cycles, by `value_pickle`: the same for equal values."""
    return hashlib.blake2b(value_pickle(values), digest_size=16).hexdigest()


class DiskCache:
    """Named entries in one folder, each valid only for the key it was saved with."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.cache"

    def load(self, name: str, key: str) -> Any | None:
        """The entry saved under `name` for `key`, or None if there is none that can be trusted."""
        try:
            data = self._path(name).read_bytes()
        except OSError:
            return None
        # A view, not a slice: an entry can be hundreds of megabytes at archive scale.
        end = data.find(b"\n")
        header, payload = data[: max(end, 0)], memoryview(data)[end + 1 :]
        fields = header.split(b" ")
        if len(fields) != 5 or b" ".join(fields[:2]) != _MAGIC:
            return None
        if fields[2].decode("ascii", "replace") != key:
            return None
        # Damage is found by the CRC-32, at twice SHA-256's speed (0.16 s against 0.38 s for
        # the 685 MB of records a build at 100,000 stories loads): it catches every burst of
        # up to 32 bits and all but one in four billion other changes. The SHA-256 is the
        # entry's identity, which `save` compares to skip writing the same entry again.
        if _crc(payload) != fields[4]:
            return None
        try:
            return pickle.loads(payload)  # noqa: S301 - our own file, checked above
        except Exception:
            return None

    def holds(self, name: str, key: str) -> bool:
        """Whether an entry is saved under `name` for `key`, by its header alone: what `load`
        would then give is not checked (a damaged entry still loads as None)."""
        fields = self._header(name).split(b" ")
        return len(fields) == 5 and fields[2] == key.encode()

    def _header(self, name: str) -> bytes:
        try:
            with self._path(name).open("rb") as stream:
                return stream.readline(512).rstrip(b"\n")
        except OSError:
            return b""

    def forget(self, name: str) -> None:
        """Remove the entry saved under `name`, if there is one."""
        self._path(name).unlink(missing_ok=True)

    def save(self, name: str, key: str, value: Any) -> None:
        """Store `value` under `name` for `key`, replacing the old entry in one step."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        identity = hashlib.sha256(payload).hexdigest().encode()
        header = b" ".join([_MAGIC, key.encode(), identity, _crc(payload)])
        if self._header(name) == header:
            return  # the same entry is there: an unchanged build leaves the cache untouched
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(header + b"\n")
                stream.write(payload)  # not joined to the header: that would copy it whole
            os.replace(temporary, self._path(name))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _crc(payload: bytes | memoryview) -> bytes:
    return b"%08x" % zlib.crc32(payload)


class MemoryCache(DiskCache):
    """A `DiskCache` that keeps every entry it loads or saves in memory, for `warta serve`.

    The preview builds again and again in one process: unpickling the read stories and the
    entries of the output folder (`warta.keyed`) for each build would cost seconds at 10,000
    stories. Entries are saved to disk only by `flush()`, which the preview calls after each
    build, so a `make html` run later starts warm. A caller must not change an object it loaded
    or saved: the next build gets that same object back.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.entries: dict[str, tuple[str, Any]] = {}
        self.unsaved: set[str] = set()

    def load(self, name: str, key: str) -> Any | None:
        kept = self.entries.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]
        value = super().load(name, key)
        if value is not None:
            self.entries[name] = (key, value)
        return value

    def holds(self, name: str, key: str) -> bool:
        kept = self.entries.get(name)
        return kept[0] == key if kept is not None else super().holds(name, key)

    def save(self, name: str, key: str, value: Any) -> None:
        self.entries[name] = (key, value)
        self.unsaved.add(name)

    def flush(self) -> None:
        """Write every entry saved since the last flush to disk."""
        while self.unsaved:
            name = self.unsaved.pop()
            key, value = self.entries[name]
            super().save(name, key, value)
