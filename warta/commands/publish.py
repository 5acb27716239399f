"""`warta publish`: a production build, minified and pre-compressed, swapped in only when whole.

The site is built with the production settings into a staging folder beside `output/`. Only a
build that succeeded, was minified, compressed and given its `_headers` file replaces `output/`,
so a failed build leaves the last good site exactly as it was.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
import minify_html

from warta.csp import policy, union
from warta.embeds import FRAME_ORIGINS

# Text files worth compressing; photos and fonts are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".webmanifest"}
# Below this size a compressed copy saves less than its headers cost.
SMALLEST_TO_COMPRESS = 512
# Brotli's best quality costs about 4 s a megabyte: past this size (the editor's 5 MB bundle),
# quality 9 gives a copy 10 % larger (1.24 against 1.12 MB) in a twentieth of the time.
BROTLI_BEST_UP_TO = 1_000_000

# Netlify and Cloudflare Pages read this file. The policy is the one every page carries
# (`warta.csp`), with `frame-ancestors`, which only a header can give.
HEADERS = """\
/*
  Content-Security-Policy: {policy}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()
  X-Frame-Options: DENY
/images/*
  Cache-Control: public, max-age=31536000, immutable
/theme/*
  Cache-Control: public, max-age=86400
/pagefind/*
  Cache-Control: public, max-age=3600
"""
# The players a page may frame, as its own policy names them.
_PAGE_FRAMES = re.compile(
    r'<meta http-equiv="Content-Security-Policy" content="[^"]*frame-src ([^;"]*)'
)


def headers_for(settings: dict[str, Any], frames: Iterable[str] = ()) -> str:
    """The _headers file; a configured comment server is allowed to load, style and frame, and
    the players of the site's videos and posts (`frames`) to be framed.

    A host applies this policy and each page's own together, so this one allows the players
    some page of the site frames, and each page's own narrows that to the players it has. With
    the newsroom editor, it allows what the editor's page needs too (newsroom_editor.csp): a
    reader page's own policy is unchanged, and holds it to the theme's.
    """
    site = policy(settings, in_meta=False, frames=frames)
    editor = editor_headers(settings)
    if editor is None:
        return HEADERS.format(policy=site)
    editor_policy_text, rules = editor
    return HEADERS.format(policy=union(site, editor_policy_text)) + rules


def editor_headers(settings: dict[str, Any]) -> tuple[str, str] | None:
    """The editor's policy and `_headers` lines, when the site has the editor."""
    if "newsroom_editor" not in settings.get("PLUGINS", ()) or not settings.get("WARTA_EDITOR"):
        return None
    from newsroom_editor.csp import editor_policy, header_rules  # noqa: PLC0415 - the plugin's
    from newsroom_editor.files import Installed, installed  # noqa: PLC0415

    packages = installed(settings)
    version = packages.version if isinstance(packages, Installed) else "0"
    return editor_policy(settings, in_meta=False), header_rules(settings, version)


def page_frames(html: str) -> set[str]:
    """The players a built page's policy lets it frame: only the services Warta knows."""
    found = _PAGE_FRAMES.search(html)
    return set(found[1].split()) & set(FRAME_ORIGINS.values()) if found else set()


class PublishFailed(RuntimeError):
    """The production build failed; `output/` was left untouched."""

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


@dataclass(frozen=True)
class PublishReport:
    """What a publish wrote: the folder and the counts the terminal shows."""

    output: Path
    minified: int
    compressed: int
    saved_bytes: int


def publish(settings_path: str, settings: dict[str, Any]) -> PublishReport:
    """Build with `settings_path` into staging, finish the files, then swap them into place."""
    output = Path(settings["OUTPUT_PATH"])
    staging = output.with_name(f".{output.name}.staging")
    previous = output.with_name(f".{output.name}.previous")
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [sys.executable, "-m", "pelican", "-s", settings_path, "-o", str(staging)]
    done = subprocess.run(  # noqa: S603 - our own Pelican, with our own arguments
        [*command, "--fatal", "warnings"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise PublishFailed(done.stderr.strip() or done.stdout.strip())
    minified, saved, frames = minify_tree(staging)
    compressed = compress_tree(staging)
    (staging / "_headers").write_text(headers_for(settings, frames), encoding="utf-8")
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    return PublishReport(output, minified, compressed, saved)


def _files(root: Path, suffixes: set[str]) -> Iterator[Path]:
    return (path for path in sorted(root.rglob("*")) if path.suffix in suffixes and path.is_file())


def minify_tree(root: Path) -> tuple[int, int, set[str]]:
    """Minify every HTML and CSS file in place; returns how many, the bytes saved, and the
    players the pages may frame (read from each page as written, before minifying)."""
    count = saved = 0
    frames: set[str] = set()
    for path in _files(root, {".html", ".css"}):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            frames |= page_frames(text)
        if path.suffix == ".css":
            # minify-html minifies CSS inside a <style> element; a stylesheet goes through one.
            wrapped = minify_html.minify(f"<style>{text}</style>", minify_css=True)
            small = wrapped.removeprefix("<style>").removesuffix("</style>")
        else:
            small = minify_html.minify(text, minify_css=True, minify_js=True)
        saved += len(text.encode()) - len(small.encode())
        path.write_text(small, encoding="utf-8")
        count += 1
    return count, saved, frames


def compress_tree(root: Path) -> int:
    """Write .gz and .br copies beside each text file a host can serve pre-compressed."""
    count = 0
    for path in _files(root, COMPRESSIBLE):
        data = path.read_bytes()
        if len(data) < SMALLEST_TO_COMPRESS:
            continue
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
        quality = 11 if len(data) <= BROTLI_BEST_UP_TO else 9
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=quality))
        count += 1
    return count
