"""The sample site served as its hosts serve it: text compressed.

Every host Warta deploys to compresses text: Netlify, Cloudflare Pages and GitHub Pages on their
own, nginx through `gzip_static` and the `.gz` files `warta publish` writes (`warta init`'s
server block). `python -m http.server`, which the tests use, sends every byte as it is, so a
Lighthouse run over it measures a transfer no reader gets (the search page's 300 KB of Pagefind
are about 145 KB on the wire). The standard library's server has no compression and no well-kept
static server on PyPI does both this and nothing else, so the handler adds gzip itself.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# What hosts compress: text and WebAssembly (Pagefind's index parts are gzip already).
COMPRESSED = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm"})


def handler_for(folder: Path) -> type[SimpleHTTPRequestHandler]:
    class CompressingHandler(SimpleHTTPRequestHandler):
        def __init__(self, *arguments: object, **options: object) -> None:
            super().__init__(*arguments, directory=str(folder), **options)  # type: ignore[arg-type]

        def log_message(self, format: str, *arguments: object) -> None:
            pass

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path /= "index.html"
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            if not accepts or path.suffix not in COMPRESSED or not path.is_file():
                super().do_GET()
                return
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return CompressingHandler


@contextmanager
def served_compressed(folder: Path) -> Iterator[str]:
    """`folder` on 127.0.0.1, text gzip-compressed as its hosts send it; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
