"""`warta serve`: a local preview that shows a saved story in a second or two, and reloads the
browsers that show a page that changed.

The site is kept in memory (`warta.commands.session`): a change to the content folder is
written first as the changed stories' own pages (the quick pass), then as the whole site (the
full pass, in a thread), which leaves output/ as `make html` would. A change to the settings,
the theme or a plugin is built by Pelican in a new process, as `make html` builds it.

It answers only requests addressed to it: its own address, `localhost` or an IP address in the
Host header (DNS rebinding).

A content error ends that pass and not the preview: it is printed in the terminal and shown over
every page, and the preview keeps the last good site, until the next good pass.

Browsers hear of changes through Server-Sent Events (`/__warta/events`): each event lists the
files a pass wrote or removed, and a page reloads when its own file is among them. The script
that listens is a file of its own (`/__warta/live.js`), as the pages' Content-Security-Policy
allows scripts from the site only.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import watchfiles
from newsroom_editor.local import MAX_REQUEST, LocalEditor, is_local_request, local_editor
from rich.console import Console

from warta.messages import Catalogue, Text, site_catalogue, t

STATE_PATH = "/__warta/state"
EVENTS_PATH = "/__warta/events"
SCRIPT_PATH = "/__warta/live.js"
_SCRIPT_TAG = f'<script src="{SCRIPT_PATH}"></script>'.encode()
# Listens for the preview's events: reloads when this page's file changed (or everything did),
# shows a build's errors over the page.
_LIVE_SCRIPT = b"""(() => {
  let file = decodeURIComponent(location.pathname).replace(/^\\/+/, "");
  if (file === "" || file.endsWith("/")) file += "index.html";
  const box = document.createElement("pre");
  box.setAttribute("role", "alert");
  box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;"
    + "padding:1rem;background:#7a0000;color:#fff;font:14px/1.4 monospace;z-index:99999";
  const events = new EventSource("/__warta/events");
  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    if (state.error) { box.textContent = state.error; document.body.append(box); }
    else { box.remove(); }
    if (state.all || (state.changed || []).includes(file)) location.reload();
  };
})();
"""


@dataclass
class Preview:
    """What browsers are told: how many passes have finished, the last one's errors, and the
    files each pass changed."""

    console: Console
    build: int = 0
    error: str | None = None
    # Whether the site is held in memory (quick passes possible), and whether a pass is
    # running or wanted: `make bench rebuild` waits on them.
    activity: Callable[[], tuple[bool, bool]] = lambda: (False, True)
    events: list[dict[str, Any]] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def finished(self, changed: Iterable[str], error: str | None, everything: bool = False) -> None:
        with self.changed:
            self.build += 1
            self.error = error
            self.events.append(
                {"build": self.build, "error": error, "changed": sorted(changed), "all": everything}
            )
            del self.events[:-64]
            self.changed.notify_all()

    def state(self) -> bytes:
        with self.changed:
            ready, busy = self.activity()
            return json.dumps(
                {"build": self.build, "error": self.error, "ready": ready, "busy": busy}
            ).encode()

    def wait(self, seen: int, timeout: float) -> list[dict[str, Any]]:
        """The events after build `seen`, waiting up to `timeout` seconds for one."""
        with self.changed:
            self.changed.wait_for(lambda: self.build > seen, timeout=timeout)
            return [event for event in self.events if event["build"] > seen]


def allowed_host(header: str | None, bind: str) -> bool:
    """Whether a request's Host names this preview: the address it is bound to, `localhost`, or
    any IP address (a browser sends the address it was given).

    Any other name is how DNS rebinding reads a local server: a page on a name the attacker
    controls, which then resolves to 127.0.0.1, asks for the preview under its own name, as
    the same origin. Answering only for these names shuts that out; nothing the preview
    serves is meant for another name.
    """
    if not header:
        return False
    host = header.strip().lower()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    host = host.rstrip(".")
    own = {"localhost", bind.lower().strip("[]")}
    if bind in ("0.0.0.0", "::", ""):  # noqa: S104 - the wildcard is named, not bound to
        # Bound to every interface, for the newsroom's network: the machine's own name too.
        name = socket.gethostname().lower()
        own |= {name, f"{name}.local"}
    if host in own:
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def handler_for(
    preview: Preview,
    output: Path,
    bind: str = "127.0.0.1",
    not_found: str = "404.html",
    *,
    editor: LocalEditor | None = None,
    catalogue: Catalogue | None = None,
) -> Callable[..., SimpleHTTPRequestHandler]:
    """A static file handler for `output` that adds the live-reload script to HTML pages,
    answers only requests for the host names it is bound to (`allowed_host`), and answers a
    missing page with the site's own 404 page (`not_found`, NOT_FOUND_SAVE_AS), as the static
    hosts the site is published on do. With `editor`, the newsroom editor at /admin/ saves to
    the local folder (newsroom_editor.local), for requests from this machine."""

    class PreviewHandler(SimpleHTTPRequestHandler):
        def parse_request(self) -> bool:
            if not super().parse_request():
                return False
            if allowed_host(self.headers.get("Host"), bind):
                return True
            explain = t("The preview answers only for its own address.").told(catalogue)
            self.send_error(421, "Misdirected Request", explain)
            return False

        def _for_editor(self) -> bool:
            return editor is not None and is_local_request(
                str(self.client_address[0]),
                self.headers.get("Host", ""),
                self.headers.get("Origin"),
                editor.port,
            )

        def do_POST(self) -> None:
            path = self.path.split("?")[0]
            if editor is None or path != editor.api_path:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            length = int(self.headers.get("Content-Length") or 0)
            if (
                not self._for_editor()
                or self.headers.get_content_type() != "application/json"
                or not 0 < length <= MAX_REQUEST
            ):
                self.send_error(HTTPStatus.FORBIDDEN)
                return
            status, body = editor.answer(self.rfile.read(length))
            self._send(body, "application/json; charset=utf-8", status)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if editor is not None and self._for_editor():
                if path == editor.config_path:
                    served = editor.config(output, self.headers.get("Host", ""))
                    kind = "text/yaml; charset=utf-8"
                elif path == editor.format_path:
                    served, kind = editor.story_format(output), "application/json"
                else:
                    served = None
                if served is not None:
                    self._send(served, kind)
                    return
            if path == STATE_PATH:
                self._send(preview.state(), "application/json")
                return
            if path == SCRIPT_PATH:
                self._send(_LIVE_SCRIPT, "text/javascript; charset=utf-8")
                return
            if path == EVENTS_PATH:
                self._stream()
                return
            target = Path(self.translate_path(self.path))
            if editor is not None and not target.exists() and self._for_editor():
                photo = editor.photo(path, self.headers.get("Referer"))
                if photo is not None:
                    self._send(photo.read_bytes(), self.guess_type(str(photo)))
                    return
            page = target / "index.html" if target.is_dir() else target
            if page.suffix == ".html" and page.is_file():
                self._send(self._live(page), "text/html; charset=utf-8")
                return
            super().do_GET()

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            page = output / not_found
            if code != HTTPStatus.NOT_FOUND or not not_found or not page.is_file():
                super().send_error(code, message, explain)
                return
            self._send(self._live(page), "text/html; charset=utf-8", HTTPStatus.NOT_FOUND)

        def _live(self, page: Path) -> bytes:
            return page.read_bytes().replace(b"</body>", _SCRIPT_TAG + b"</body>", 1)

        def _send(self, body: bytes, kind: str, status: int = HTTPStatus.OK) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _stream(self) -> None:
            """Server-Sent Events: the current state at once, then each pass as it ends."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = preview.build
            try:
                self.wfile.write(f"data: {preview.state().decode()}\n\n".encode())
                self.wfile.flush()
                while True:
                    events = preview.wait(seen, timeout=15)
                    if not events:
                        self.wfile.write(b": still here\n\n")
                    for event in events:
                        seen = event["build"]
                        self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                    self.wfile.flush()
            except OSError:
                return  # the browser went away

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the terminal is for build results."""

    return partial(PreviewHandler, directory=str(output))


class Builds:
    """Runs the passes: the quick one in the watcher's thread, at once; the full one in a thread
    of its own, which runs once more after any change it has not seen. The quick pass reads
    the last full pass, which a full pass replaces only when it is complete."""

    def __init__(
        self, settings_path: str, settings: dict[str, Any], preview: Preview, console: Console
    ) -> None:
        from warta.commands.session import Session  # noqa: PLC0415 - needs the plugins' paths set

        self.settings_path = settings_path
        self.settings = settings
        self.preview = preview
        self.console = console
        self.session = Session(settings)
        self.catalogue = site_catalogue(settings)
        self.wanted = threading.Event()
        self.lock = threading.Lock()
        self.running = False
        self.outside = False
        preview.activity = self.activity
        threading.Thread(target=self._full_passes, daemon=True, name="full pass").start()

    def activity(self) -> tuple[bool, bool]:
        """(the site is in memory, a pass is running or wanted)."""
        busy = self.running or self.outside or self.wanted.is_set()
        return self.session.last is not None, busy

    def content_changed(self, paths: set[str]) -> None:
        """A change under the content folder: the changed pages now, the whole site next."""
        self.wanted.set()
        done = self.session.quick(paths)
        if done.handled:
            told = t(
                "{count} pages of the changed stories written in {seconds:.2f} s; the rest of "
                "the site follows.",
                count=len(done.changed),
                seconds=done.seconds,
            ).told(self.catalogue)
            self.console.print(told, style="green", markup=False)
            self.preview.finished(done.changed, self.preview.error)

    def everything_changed(self) -> None:
        """Settings, theme or code: Pelican builds the site in a new process, as `make html`."""
        self.outside = True
        command = [sys.executable, "-m", "pelican", "-s", self.settings_path]
        command += ["-o", str(self.settings["OUTPUT_PATH"]), "--fatal", "warnings"]
        with self.lock:
            done = subprocess.run(  # noqa: S603 - our own Pelican, with our own arguments
                command, cwd=Path.cwd(), capture_output=True, text=True, check=False
            )
            self.session.forget()
        report = done.stderr.strip() or done.stdout.strip()
        error = report if done.returncode != 0 else None
        self._report(error, t("Site built."))
        self.preview.finished((), error, everything=True)
        if done.returncode == 0:
            self.wanted.set()  # the session reads the new site back into memory
        self.outside = False

    def _full_passes(self) -> None:
        from warta.commands.session import Pass  # noqa: PLC0415 - needs the plugins' paths set

        while True:
            self.wanted.wait()
            with self.lock:
                self.running = True
                self.wanted.clear()
                try:
                    done = self.session.full()
                except Exception:  # a defect, not a content mistake: keep previewing
                    self.console.print_exception()
                    failed = t("The preview failed to build the site; see the terminal.")
                    done = Pass(error=failed.told(self.catalogue))
                finally:
                    self.running = False
            self._report(
                done.error, t("Site brought up to date in {seconds:.1f} s.", seconds=done.seconds)
            )
            if done.error is not None or done.changed or self.preview.error is not None:
                self.preview.finished(done.changed, done.error)

    def _report(self, error: str | None, success: Text) -> None:
        if error is not None:
            self.console.print(error, markup=False)
            failed = t("Build failed; the preview keeps the last good site.")
            self.console.print(failed.told(self.catalogue), style="red", markup=False)
        else:
            self.console.print(success.told(self.catalogue), style="green", markup=False)


def serve(
    settings_path: str, settings: dict[str, Any], port: int, bind: str, console: Console
) -> None:
    """Build, serve `OUTPUT_PATH` on bind:port, and rebuild whenever a watched file changes."""
    output = Path(settings["OUTPUT_PATH"])
    preview = Preview(console)
    editor = local_editor(settings, port)
    if editor is not None:
        editor.start()
    builds = Builds(settings_path, settings, preview, console)
    builds.everything_changed()
    output.mkdir(parents=True, exist_ok=True)
    not_found = str(settings.get("NOT_FOUND_SAVE_AS") or "")
    catalogue = builds.catalogue
    handler = handler_for(preview, output, bind, not_found, editor=editor, catalogue=catalogue)
    server = ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://{bind}:{port}/"
    console.print(t("Preview on {address} (Ctrl+C stops it)", address=address).told(catalogue))
    if editor is not None:
        editor_address = f"http://127.0.0.1:{port}/{editor.folder}/"
        console.print(
            t("Newsroom editor on {address}", address=editor_address).told(catalogue), markup=False
        )
    content = Path(settings["PATH"]).resolve()
    site_theme = str(settings.get("WARTA_SITE_THEME") or "")
    watched = [
        path
        for path in (
            settings["PATH"],
            settings["THEME"],
            site_theme,
            settings_path,
            *settings["PLUGIN_PATHS"],
        )
        if path and Path(path).exists()  # a site may have no plugins/ or theme/ of its own
    ]
    try:
        for changes in watchfiles.watch(*watched, debounce=50, step=20, raise_interrupt=False):
            paths = {str(Path(path).resolve()) for _, path in changes}
            if all(Path(path).is_relative_to(content) for path in paths):
                builds.content_changed(paths)
            else:
                builds.everything_changed()
    finally:
        server.shutdown()
        if editor is not None:
            editor.stop()
