"""`warta serve`: a local preview that rebuilds on every change and reloads the browser.

Each rebuild runs Pelican in a fresh process, exactly as `make html` does, so a content error
ends that build and not the preview: the error is printed in the terminal and shown over every
page until the next good build.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import watchfiles
from rich.console import Console

STATE_PATH = "/__warta/state"
# Polls the preview's state each second: reloads after a new build, shows a build's errors.
_LIVE_SCRIPT = b"""<script>
(() => {
  let seen = null;
  const box = document.createElement("pre");
  box.setAttribute("role", "alert");
  box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;"
    + "padding:1rem;background:#7a0000;color:#fff;font:14px/1.4 monospace;z-index:99999";
  const poll = async () => {
    try {
      const state = await (await fetch("/__warta/state", {cache: "no-store"})).json();
      if (seen !== null && state.build !== seen) { location.reload(); return; }
      seen = state.build;
      if (state.error) { box.textContent = state.error; document.body.append(box); }
      else { box.remove(); }
    } catch (error) { /* the preview is restarting */ }
    setTimeout(poll, 1000);
  };
  poll();
})();
</script>
"""


@dataclass
class Preview:
    """The preview's state: how many builds have finished, and the last one's errors if any."""

    command: list[str]
    folder: Path
    console: Console
    build: int = 0
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> None:
        done = subprocess.run(  # noqa: S603 - our own Pelican, with our own arguments
            self.command, cwd=self.folder, capture_output=True, text=True, check=False
        )
        report = done.stderr.strip() or done.stdout.strip()
        with self.lock:
            self.build += 1
            self.error = report if done.returncode != 0 else None
        if done.returncode != 0:
            self.console.print(report, markup=False)
            self.console.print("Build failed; the preview keeps the last good site.", style="red")
        else:
            self.console.print(f"Build {self.build} done.", style="green")

    def state(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "error": self.error}).encode()


def handler_for(preview: Preview, output: Path) -> Callable[..., SimpleHTTPRequestHandler]:
    """A static file handler for `output` that adds the live-reload script to HTML pages."""

    class PreviewHandler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?")[0] == STATE_PATH:
                self._send(preview.state(), "application/json")
                return
            target = Path(self.translate_path(self.path))
            page = target / "index.html" if target.is_dir() else target
            if page.suffix == ".html" and page.is_file():
                html = page.read_bytes().replace(b"</body>", _LIVE_SCRIPT + b"</body>", 1)
                self._send(html, "text/html; charset=utf-8")
                return
            super().do_GET()

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the terminal is for build results."""

    return partial(PreviewHandler, directory=str(output))


def serve(
    settings_path: str, settings: dict[str, Any], port: int, bind: str, console: Console
) -> None:
    """Build, serve `OUTPUT_PATH` on bind:port, and rebuild whenever a watched file changes."""
    output = Path(settings["OUTPUT_PATH"])
    command = [sys.executable, "-m", "pelican", "-s", settings_path, "-o", str(output)]
    preview = Preview([*command, "--fatal", "warnings"], Path.cwd(), console)
    preview.rebuild()
    output.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer((bind, port), handler_for(preview, output))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    console.print(f"Preview on http://{bind}:{port}/ (Ctrl+C stops it)")
    watched = [settings["PATH"], settings["THEME"], settings_path, *settings["PLUGIN_PATHS"]]
    try:
        for _ in watchfiles.watch(*watched, debounce=300, raise_interrupt=False):
            preview.rebuild()
    finally:
        server.shutdown()
