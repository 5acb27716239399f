"""The Content-Security-Policy the theme keeps to: in every page's <head> (news_theme), and in
`_headers` (`warta publish`), both from `policy`.

A policy in `_headers` reaches readers only on hosts that read that file (Netlify, Cloudflare
Pages); the same policy in a `<meta http-equiv>` element reaches them on every host, GitHub
Pages and plain nginx included. A meta policy cannot carry `frame-ancestors` (browsers ignore
it there and say so in the console), so that one is only in `_headers`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def policy(settings: dict[str, Any], in_meta: bool, frames: Iterable[str] = ()) -> str:
    """The theme's policy: its own scripts (Pagefind's search, whose index is WebAssembly), its
    own styles plus the inline colour that stands in for a photo until it loads, its own
    images; a configured comment server may load, style and frame its thread. `frames` are the
    players the page may frame once its reader clicks a video or post (`warta.embeds`)."""
    comments = settings.get("WARTA_COMMENTS") or {}
    extra = f" {_origin(str(comments['url']))}" if comments.get("url") else ""
    players = "".join(f" {origin}" for origin in sorted(set(frames)))
    directives = [
        ("default-src", "'self'"),
        ("script-src", f"'self' 'wasm-unsafe-eval'{extra}"),
        ("style-src", f"'self' 'unsafe-inline'{extra}"),
        ("img-src", f"'self' data:{extra}"),
        ("font-src", "'self'"),
        ("connect-src", f"'self'{extra}"),
        # 'none' cannot stand beside a source: with a comment server, frames come from it only.
        ("frame-src", f"{extra}{players}".strip() or "'none'"),
    ]
    return written(directives, in_meta=in_meta)


def written(directives: list[tuple[str, str]], *, in_meta: bool) -> str:
    """A policy from its own directives, then those every Warta page keeps: no plugins, no
    other base or form target, and (in a header, where browsers read it) no framing by others."""
    directives = [
        *directives,
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
    ]
    if not in_meta:
        directives.append(("frame-ancestors", "'none'"))
    return "; ".join(f"{name} {value}" for name, value in directives)


def union(*policies: str) -> str:
    """One policy allowing what any of `policies` allows: each directive with every source any
    of them gives (`'none'` only where none gives a source), in the first policy's order.

    `_headers` holds one policy for the whole site; a host applies it together with each page's
    own (a browser enforces both), so it must allow what every kind of page needs, and each
    page's own policy narrows it back to that page's.
    """
    merged: dict[str, list[str]] = {}
    for text in policies:
        for directive in filter(None, (part.strip() for part in text.split(";"))):
            name, *sources = directive.split()
            known = merged.setdefault(name, [])
            known.extend(source for source in sources if source not in known)
    none = "'none'"
    shown = {
        name: [source for source in sources if source != none] or [none]
        for name, sources in merged.items()
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in shown.items())
