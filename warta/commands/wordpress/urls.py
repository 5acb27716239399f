"""Addresses in an export: the host of one, its file name, its place under wp-content/uploads."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit


def host_of(url: str) -> str:
    try:
        return urlsplit(url).netloc
    except ValueError:  # e.g. an unclosed "[" of an IPv6 address
        return ""


def file_name(url: str) -> str:
    try:
        return PurePosixPath(urlsplit(url).path).name
    except ValueError:
        return ""


def uploads_path(url: str) -> PurePosixPath | None:
    """The part of an attachment address below wp-content/uploads/, e.g. 2026/11/foto.jpg."""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    marker = "/wp-content/uploads/"
    if path.startswith(marker[1:]):
        path = "/" + path
    if marker not in path:
        return None
    return PurePosixPath(path.split(marker, 1)[1])
