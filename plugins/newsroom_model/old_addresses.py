"""Old addresses as writers give them (`Aliases:`, redirects.yaml): checked, normalised, placed.

An old address is hostile input like any other: it becomes a file name in output/ and a line in
a host's redirect list. So it is read as a path of the site, never as a file path: no `..` or
`.` segments, no empty ones, no back-slashes, no control characters, no fragment; a query is
allowed on the site's root only (`/?p=123`, WordPress's short links), as one `name=value`.
A web address is taken for its path and query (a copied link of the old site works).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from warta.messages import Hint, Text, t
from warta.problems import bounded

# Characters that may never reach a file name or a redirect line, even percent-encoded.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\\\\\"'<>`]")
_QUERY = re.compile(
    r"^(?P<name>[A-Za-z][A-Za-z0-9_-]{0,39})=(?P<value>[A-Za-z0-9][A-Za-z0-9_.-]{0,99})$"
)
# Static pages can redirect from a folder (`/lama/berita/`) or an HTML file (`/berita/12.html`);
# any other file (`/feed.xml`, `/index.php`) a host can only redirect from its own rules.
_PAGE_SUFFIXES = (".html", ".htm")
MAX_ADDRESS = 500
# A file system stores names of up to 255 bytes; a segment leaves room for its index.html.
MAX_SEGMENT_BYTES = 200


class AddressError(ValueError):
    """An old address that cannot be one; carries the hint shown after the message."""

    def __init__(self, message: Text, hint: Hint) -> None:
        super().__init__(str(message))
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class OldAddress:
    """An address the site once answered at: its path below the site's root, without a leading
    `/` (`2023/10/18/banjir/`, '' for the root), and a query on the root, if any (`p=123`)."""

    path: str
    query: str = ""

    @property
    def key(self) -> str:
        """How the ledger and the clash checks write it: `2023/10/18/banjir/` or `?p=123`."""
        return f"?{self.query}" if self.query else self.path

    @property
    def href(self) -> str:
        """The address as a browser asks for it, percent-encoded, from the site's root."""
        if self.query:
            return f"/?{self.query}"
        return "/" + quote(self.path, safe="/-._~!&()*+,;=:@")

    @property
    def query_name(self) -> str:
        return self.query.split("=", 1)[0] if self.query else ""

    @property
    def query_value(self) -> str:
        return self.query.split("=", 1)[1] if self.query else ""


def read_old_address(written: str) -> OldAddress:
    """The old address `written` names; raises AddressError for anything else."""
    text = written.strip()
    if not text:
        raise AddressError(
            t("is empty"), t("write the old address, e.g. /2023/10/18/banjir-besar/")
        )
    if len(text) > MAX_ADDRESS:
        raise AddressError(
            t("'{text}' is {length:,} characters long", text=bounded(text), length=len(text)),
            t("keep an address under {limit} characters", limit=MAX_ADDRESS),
        )
    hint = t("write a path of this site, e.g. /2023/10/18/banjir-besar/ or /?p=123")
    try:
        parts = urlsplit(text)
    except ValueError:
        raise AddressError(t("'{text}' is not an address", text=bounded(text)), hint) from None
    if parts.scheme and parts.scheme not in ("http", "https"):
        raise AddressError(t("'{text}' is not a web address", text=bounded(text)), hint)
    if parts.fragment or "#" in text:
        raise AddressError(
            t("'{text}' has a '#' part, which browsers never send", text=bounded(text)),
            t("leave out the '#...'"),
        )
    path = unquote(parts.path)
    if _FORBIDDEN.search(path) or _FORBIDDEN.search(parts.query):
        raise AddressError(
            t("'{text}' has characters no address may hold", text=bounded(text)), hint
        )
    if not parts.scheme and not path.startswith("/") and (path or not parts.query):
        raise AddressError(t("'{text}' does not start with '/'", text=bounded(text)), hint)
    relative = _relative_path(text, path, hint)
    if parts.query:
        return _query_on_root(text, relative, parts.query)
    if not relative:
        raise AddressError(
            t("'{text}' is the site's home page", text=bounded(text)),
            t("the home page cannot move; remove it"),
        )
    return OldAddress(relative)


def _relative_path(text: str, path: str, hint: Text) -> str:
    """The path below the root, a folder's with its '/', each part fit for a file name."""
    segments = path.strip("/").split("/") if path.strip("/") else []
    for segment in segments:
        if segment in ("", ".", ".."):
            raise AddressError(
                t("'{text}' has an empty, '.' or '..' part", text=bounded(text)), hint
            )
        if len(segment.encode("utf-8")) > MAX_SEGMENT_BYTES:
            raise AddressError(
                t("'{text}' has a part too long for a file name", text=bounded(text)),
                t(
                    "keep each part of the path under {limit} bytes",
                    limit=MAX_SEGMENT_BYTES,
                ),
            )
    relative = "/".join(segments)
    if relative and (path.endswith("/") or not _has_suffix(relative)):
        relative += "/"
    return relative


def _query_on_root(text: str, relative: str, query: str) -> OldAddress:
    if relative:
        raise AddressError(
            t("'{text}' has a query on a path other than the site's root", text=bounded(text)),
            t("static hosts can redirect a query only on the root, e.g. /?p=123"),
        )
    if not _QUERY.match(query):
        raise AddressError(
            t("'{text}' has a query that is not one name=value", text=bounded(text)),
            t("e.g. /?p=123 or /?page_id=7"),
        )
    return OldAddress("", query)


def _has_suffix(relative: str) -> bool:
    last = relative.rsplit("/", 1)[-1]
    return "." in last.strip(".")


def page_for(address: OldAddress, query_folder: str) -> str:
    """Where a static page answers for `address` in output/ (its SAVE_AS), or '' where only a
    host's own rules can (an old `/feed.xml`). A query on the root is answered from
    `query_folder` (`alamat-lama/p/123/`), which a small script on the home page leads to."""
    if address.query:
        return f"{query_folder.strip('/')}/{address.query_name}/{address.query_value}/index.html"
    if address.path.endswith("/"):
        return f"{address.path}index.html"
    if address.path.lower().endswith(_PAGE_SUFFIXES):
        return address.path
    return ""


@dataclass(frozen=True)
class Redirect:
    """An old address and where it leads: `target` is an address of the site (relative to its
    root, '' for the home page) or another site's web address; a withdrawn address (`gone`)
    leads nowhere and carries the newsroom's `note`. `save_as` is its static page in output/,
    or '' where only a host's own rules can answer (an old `/feed.xml`)."""

    old: OldAddress
    target: str
    title: str
    save_as: str
    gone: bool = False
    note: str = ""

    @property
    def external(self) -> bool:
        return "://" in self.target


@dataclass(frozen=True)
class Redirects:
    """The site's redirects and withdrawn addresses, in address order."""

    moved: tuple[Redirect, ...] = ()
    gone: tuple[Redirect, ...] = ()

    @property
    def query_names(self) -> tuple[str, ...]:
        """The query names on the root that lead somewhere (`p`, `page_id`...)."""
        return tuple(sorted({r.old.query_name for r in self.moved if r.old.query}))
