"""The editor's Content-Security-Policy: its own, wider than a reader page's, for /admin/ only.

The editor runs Decap CMS from the site (no CDN): its scripts and chunks (and `eval`, which
Decap's check of its configuration needs), inline styles (Decap styles its interface from
JavaScript), photos a reporter has just picked (blob: and data: addresses), and requests to the
Git host's API the newsroom saves to. Reader pages keep the
theme's policy (`warta.csp`); `warta publish` writes the union of both in `_headers`, which a
host applies together with each page's own policy, so each page is held to its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from warta.csp import written

# Where each of Decap's backends talks to by default, and where its users' pictures come from.
_API = {
    "github": ("https://api.github.com", ("https://avatars.githubusercontent.com",)),
    "gitlab": ("https://gitlab.com", ("https://gitlab.com", "https://secure.gravatar.com")),
    "gitea": ("https://try.gitea.io", ()),
    "forgejo": ("https://v14.next.forgejo.org", ()),
    "bitbucket": ("https://api.bitbucket.org", ("https://bitbucket.org",)),
    "azure": ("https://dev.azure.com", ()),
    "git-gateway": ("", ("https://secure.gravatar.com",)),
}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def backend_origins(backend: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The origins the editor must reach for `backend`: (its API, its users' pictures)."""
    default, pictures = _API.get(str(backend.get("name")), ("", ()))
    api = {
        _origin(str(backend.get(key, ""))) for key in ("api_root", "identity_url", "gateway_url")
    }
    api.add(_origin(default) if not backend.get("api_root") else "")
    if backend.get("name") == "github" and backend.get("api_root"):
        pictures = ()
    return sorted(origin for origin in api if origin), sorted(set(pictures))


def editor_policy(settings: Mapping[str, Any], in_meta: bool) -> str:
    """The policy of the editor's page."""
    api, pictures = backend_origins(settings["WARTA_EDITOR_BACKEND"])
    # Decap reads back the photos a reporter picked (blob: addresses) to send them.
    connect = " ".join(["'self'", "blob:", "data:", *api])
    images = " ".join(["'self'", "data:", "blob:", *api, *pictures])
    directives = [
        ("default-src", "'self'"),
        # Decap checks its configuration with Ajv, which compiles each schema into a function.
        ("script-src", "'self' 'unsafe-eval'"),
        ("style-src", "'self' 'unsafe-inline'"),
        ("img-src", images),
        ("media-src", "'self' blob:"),
        ("font-src", "'self' data:"),
        ("connect-src", connect),
        ("frame-src", "'self' blob:"),
        ("worker-src", "'self' blob:"),
    ]
    return written(directives, in_meta=in_meta)


def header_rules(settings: Mapping[str, Any], version: str) -> str:
    """The editor's lines of `_headers`: kept out of search engines (as its page's `noindex`
    says), and Decap's bundle, in a folder named by its version, cached for good."""
    folder = str(settings["WARTA_EDITOR_PATH"]).strip("/")
    return (
        f"/{folder}/*\n  X-Robots-Tag: noindex, nofollow\n"
        f"/{folder}/decap-cms-{version}/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    )
