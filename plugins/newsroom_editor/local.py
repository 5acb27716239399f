"""The editor against the local folder: what `warta serve` adds to the preview for it.

Decap CMS saves through its proxy backend to decap-server (Decap's own local server, pinned in
package-lock.json, run by Node in "fs" mode), which writes the files; the preview's watcher
sees them and shows the story a second or two later. The browser never talks to decap-server:
the preview answers `/admin/api/v1` itself, and passes on only what it has checked:

- the request comes from this machine, to this machine's name for the preview (no other device
  on the network, and no other site in the browser, can write to the newsroom's folder);
- it is one of the actions Decap's local backend has, and every path it names is a story
  (`.md`) in the article folder or a photo in the photo folder, inside the content folder
  (no `..`, no link out of it) - never the settings, the theme or the code;
- it does not move a story: a story's file name is its address for good.

decap-server listens on 127.0.0.1 only, on a port of its own. `config.yml` is served to this
machine with the proxy backend in place of the production one, so the local editor never asks
for a Git host login; the built site's own file is unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from ipaddress import ip_address
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from newsroom_model.files import PHOTO_SUFFIXES

from warta.messages import Text, site_catalogue, t

from .files import CONFIG, FORMAT, Installed, dump_yaml, installed, paths_of

API = "api/v1"
# What Decap's local backend asks of decap-server in "fs" mode.
_ACTIONS = frozenset(
    {
        "info",
        "entriesByFolder",
        "entriesByFiles",
        "getEntry",
        "persistEntry",
        "getMedia",
        "getMediaFile",
        "persistMedia",
        "deleteFile",
        "deleteFiles",
        "getDeployPreview",
    }
)
# A request body past this is not a story and a few photos (decap-server's own limit).
MAX_REQUEST = 50 * 1024 * 1024
_LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
_STARTUP_SECONDS = 20.0
# Runs decap-server (the file named after the script) until its standard input closes.
_WITH_THE_PREVIEW = (
    "process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); "
    "require(process.argv[1]);"
)


class Refused(ValueError):
    """A request the local editor will not pass on; the message is told to the reporter."""

    def __init__(self, text: Text, status: int = 403) -> None:
        super().__init__(text.msgid)
        self.text = text
        self.status = status


@dataclass(frozen=True)
class Folders:
    """Where the local editor may read and write, as the repository names them (the names
    Decap sends) and on disk."""

    root: Path
    articles: str
    images: str
    # The photo folder's address on the site (`images`, for /images/...).
    public: str


def folders_of(settings: Mapping[str, Any]) -> Folders:
    """The repository's folder on disk (the content folder's, less the path the editor's
    configuration gives it), and the article and photo folders in it."""
    paths = paths_of(settings)
    content = PurePosixPath(paths.content)
    root = Path(settings["PATH"]).resolve()
    for part in content.parts:
        if part in ("..", "/"):
            message = f"'{content}' is not a folder inside the repository"
            raise ValueError(f"WARTA_EDITOR_CONTENT_IN_REPOSITORY: {message}")
        if part != ".":
            root = root.parent
    return Folders(root, paths.article_folder, paths.image_folder, paths.images.strip("/"))


def _paths(values: object, key: str = "") -> list[str]:
    """The paths in a list of values (strings, or mappings holding one under `key`)."""
    items = values if isinstance(values, list) else []
    return [str(item.get(key, "")) if isinstance(item, dict) else str(item) for item in items]


def _stories_and_photos(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """persistEntry: the story's file (never moved) and the photos saved with it."""
    entry = params.get("entry") or {}
    files = params.get("dataFiles") or [entry]
    if any(isinstance(file, dict) and file.get("newPath") for file in files):
        raise Refused(t("A story's file never moves: its name is its address."))
    return [("story", path) for path in _paths(files, "path")] + [
        ("photo", path) for path in _paths(params.get("assets"), "path")
    ]


def _asset_of(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    asset = params.get("asset")
    return [("photo", str(asset.get("path", "")) if isinstance(asset, dict) else "")]


# Each action's paths, with what each must be: a story, a photo, either, or one of the folders.
_PATHS: dict[str, Callable[[Mapping[str, Any]], list[tuple[str, str]]]] = {
    "entriesByFolder": lambda params: [("folder", str(params.get("folder", "")))],
    "entriesByFiles": lambda params: [
        ("story", path) for path in _paths(params.get("files"), "path")
    ],
    "getEntry": lambda params: [("story", str(params.get("path", "")))],
    "persistEntry": _stories_and_photos,
    "getMedia": lambda params: [("folder", str(params.get("mediaFolder", "")))],
    "getMediaFile": lambda params: [("any", str(params.get("path", "")))],
    "deleteFile": lambda params: [("any", str(params.get("path", "")))],
    "persistMedia": _asset_of,
    "deleteFiles": lambda params: [("any", path) for path in _paths(params.get("paths"))],
}


def check_request(body: bytes, folders: Folders) -> None:
    """Raise `Refused` unless the request is one the local editor passes on (see above)."""
    try:
        request = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Refused(t("The editor's request could not be read."), 400) from None
    if not isinstance(request, dict) or request.get("action") not in _ACTIONS:
        raise Refused(t("The editor asked for something the local folder does not do."), 422)
    params = request.get("params") or {}
    if not isinstance(params, dict):
        raise Refused(t("The editor's request could not be read."), 400)
    paths = _PATHS.get(str(request["action"]))
    for kind, path in paths(params) if paths is not None else []:
        _check_path(kind, path, folders)


def _check_path(kind: str, path: str, folders: Folders) -> None:
    relative = PurePosixPath(path)
    parts = relative.parts
    if (
        not path
        or path.startswith("/")
        or "\\" in path
        or any(part in ("..", ".") for part in parts)
        or any(ord(character) < 32 for character in path)
    ):
        raise Refused(
            t("The editor named a file outside the article and photo folders: {path}", path=path)
        )
    stories = PurePosixPath(folders.articles)
    photos = PurePosixPath(folders.images)
    suffix = relative.suffix.lower()
    is_story = relative.is_relative_to(stories) and suffix == ".md"
    is_photo = relative.is_relative_to(photos) and suffix in PHOTO_SUFFIXES
    allowed = {
        "story": is_story,
        "photo": is_photo,
        "any": is_story or is_photo,
        "folder": relative in (stories, photos) or relative.is_relative_to(photos),
    }[kind]
    # Where it really is on disk, links followed: a link in the content folder must not lead
    # the editor out of it.
    target = (folders.root / relative).resolve()
    inside = target.is_relative_to((folders.root / stories).resolve()) or target.is_relative_to(
        (folders.root / photos).resolve()
    )
    if not allowed or not inside:
        raise Refused(
            t("The editor named a file outside the article and photo folders: {path}", path=path)
        )


def is_local_request(client: str, host: str, origin: str | None, port: int) -> bool:
    """Whether a request comes from this machine to this machine's name for the preview, from
    a page of the preview (DNS rebinding and other sites are turned away)."""
    try:
        if not ip_address(client).is_loopback:
            return False
    except ValueError:
        return False
    if host.startswith("["):
        name, _, rest = host.partition("]")
        name, given_port = name + "]", rest.removeprefix(":")
    else:
        name, _, given_port = host.partition(":")
    if name not in _LOCAL_NAMES or given_port != str(port):
        return False
    return origin is None or origin == f"http://{host}"


def local_config(built: bytes, host: str, folder: str) -> bytes:
    """The built config.yml as the local editor gets it: saving through the preview to the
    local folder, with no workflow (Decap's local backend has none)."""
    config = yaml.safe_load(built)
    config["backend"] = {"name": "proxy", "proxy_url": f"http://{host}/{folder}/{API}"}
    config.pop("publish_mode", None)
    return dump_yaml(config).encode()


class LocalEditor:
    """decap-server for one preview: started in the background, stopped with the preview."""

    def __init__(self, settings: Mapping[str, Any], port: int) -> None:
        self.settings = settings
        self.port = port
        self.folder = str(settings["WARTA_EDITOR_PATH"]).strip("/")
        self.config_path = f"/{self.folder}/{CONFIG}"
        self.format_path = f"/{self.folder}/{FORMAT}"
        self.api_path = f"/{self.folder}/{API}"
        self.catalogue = site_catalogue(dict(settings))
        self.folders = folders_of(settings)
        self.process: subprocess.Popen[bytes] | None = None
        self.server_port = 0
        self.problem: Text | None = None
        self.ready = threading.Event()

    def tell(self, text: Text) -> str:
        return text.told(self.catalogue)

    def start(self) -> None:
        """Start decap-server in the background; the first request waits for it."""
        threading.Thread(target=self._start, daemon=True, name="decap-server").start()

    def _start(self) -> None:
        try:
            node = shutil.which("node")
            packages = installed(self.settings)
            server = (
                Path(str(self.settings["WARTA_EDITOR_NODE_MODULES"]))
                / "decap-server"
                / "dist"
                / "index.js"
            )
            if node is None:
                self.problem = t(
                    "The local editor needs Node.js: install it (nodejs), then restart the preview."
                )
                return
            if not isinstance(packages, Installed) or not server.is_file():
                self.problem = t(
                    "The local editor's server is not installed: run 'npm ci --omit=dev "
                    "--ignore-scripts', then restart the preview."
                )
                return
            self.server_port = _free_port()
            environment = {
                **os.environ,
                "MODE": "fs",
                "PORT": str(self.server_port),
                "BIND_HOST": "127.0.0.1",
                "GIT_REPO_DIRECTORY": str(self.folders.root),
                "LOG_LEVEL": "error",
                "ORIGIN": f"http://127.0.0.1:{self.port}",
            }
            # decap-server holds its end of a pipe from the preview, and ends when it closes:
            # when the preview ends, however it ends (a signal leaves no `finally` to run).
            self.process = subprocess.Popen(  # noqa: S603 - Node and decap-server from node_modules
                [node, "-e", _WITH_THE_PREVIEW, str(server.resolve())],
                cwd=self.folders.root,
                env=environment,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + _STARTUP_SECONDS
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", self.server_port), timeout=0.5).close()
                    return
                except OSError:
                    time.sleep(0.05)
            self.problem = t("The local editor's server did not start; see the terminal.")
        finally:
            self.ready.set()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def config(self, output: Path, host: str) -> bytes | None:
        """The editor's configuration for this machine, or None when the build has none."""
        built = output / self.folder / CONFIG
        return local_config(built.read_bytes(), host, self.folder) if built.is_file() else None

    def photo(self, path: str, referer: str | None) -> Path | None:
        """A photo of the photo folder, for the editor's own previews, which name photos by
        their public path (`/images/...`): the built site holds only the copies news_images
        makes, under other names. Only for a page of the editor, and only photos."""
        if not referer or f"/{self.folder}/" not in referer:
            return None
        # Decap asks for a photo it cannot find in the folder by the name the story gives it,
        # from the site's root or (a name without a slash) from the editor's folder.
        for public in (f"/{self.folders.public}/", f"/{self.folder}/{self.folders.public}/"):
            if path.startswith(public):
                break
        else:
            return None
        relative = PurePosixPath(self.folders.images) / urllib.parse.unquote(path[len(public) :])
        try:
            _check_path("photo", relative.as_posix(), self.folders)
        except Refused:
            return None
        found = self.folders.root / relative
        return found if found.is_file() else None

    def story_format(self, output: Path) -> bytes | None:
        """The editor's settings for this machine: saving here is not publishing, and the
        editor says so."""
        built = output / self.folder / FORMAT
        if not built.is_file():
            return None
        story = json.loads(built.read_bytes())
        story["local"] = True
        return json.dumps(story, ensure_ascii=False).encode()

    def answer(self, body: bytes) -> tuple[int, bytes]:
        """Check a request of the editor and pass it to decap-server: (status, JSON body)."""
        try:
            check_request(body, self.folders)
        except Refused as refused:
            return refused.status, self._error(refused.text)
        self.ready.wait(_STARTUP_SECONDS)
        if self.problem is not None or not self.server_port:
            return 503, self._error(
                self.problem or t("The local editor's server did not start; see the terminal.")
            )
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.server_port}/{API}",
            data=body,
            headers={"Content-Type": "application/json", "Origin": f"http://127.0.0.1:{self.port}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return int(response.status), response.read()
        except urllib.error.HTTPError as error:
            return int(error.code), error.read()
        except OSError:
            return 503, self._error(t("The local editor's server stopped; restart the preview."))

    def _error(self, text: Text) -> bytes:
        return json.dumps({"error": self.tell(text)}, ensure_ascii=False).encode()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def local_editor(settings: Mapping[str, Any], port: int) -> LocalEditor | None:
    """The preview's local editor, when the site has the editor."""
    if "newsroom_editor" not in settings.get("PLUGINS", ()) or not settings.get("WARTA_EDITOR"):
        return None
    return LocalEditor(settings, port)
