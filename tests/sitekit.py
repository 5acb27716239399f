"""Build small real Warta sites in a temporary folder and read the result as a reader would."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from PIL import Image

REPO = Path(__file__).resolve().parent.parent

# A line of the authors data file that gives a writer's portrait.
PORTRAIT_KEY = re.compile(r"^\s+photo(?:_alt)?:")

# The C locale on purpose: Indonesian dates must come from Babel, never from the machine.
C_LOCALE_ENV = {**os.environ, "LC_ALL": "C", "LANG": "C", "LANGUAGE": ""}

VALID_HEADER = {
    "Title": "Pasar Terapung Lok Baintan Ramai Pengunjung",
    "Date": "2026-11-18 09:00",
    "Category": "Budaya",
    "Location": "Kabupaten Banjar",
    "Author": "Siti Aisyah Noor",
}
BODY = (
    "Puluhan jukung berisi sayur dan buah memadati Sungai Martapura sejak subuh.\n\n"
    '"Kami datang dari hulu sebelum matahari terbit," kata seorang pedagang.\n'
)


def run_module(folder: Path, module: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m <module> <arguments>` in `folder` under the C locale, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        cwd=folder,
        env=C_LOCALE_ENV,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def run_pelican(folder: Path, conf: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """Run the real `pelican` command in `folder` as `make html` does, with fatal warnings."""
    arguments = ["content", "-o", str(output), "-s", str(conf), "--fatal", "warnings"]
    return run_module(folder, "pelican", *arguments)


def text_of(page: Tag, selector: str) -> str:
    """The visible text of the one element `selector` finds; fails the test if there is none."""
    element = page.select_one(selector)
    assert element is not None, f"no {selector} on the page"
    return " ".join(element.get_text(" ").split())


@dataclass
class Build:
    """What one `pelican` run left behind: its exit status, messages and output folder."""

    returncode: int
    stdout: str
    stderr: str
    output: Path

    def html(self, url: str) -> BeautifulSoup:
        """The page at `url` (e.g. '2026/11/slug/'), parsed."""
        path = self.output / url / "index.html" if not url.endswith(".html") else self.output / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def article_pages(self) -> list[Path]:
        """Every written page that is an article page, found by its markup."""
        return sorted(
            path
            for path in self.output.rglob("index.html")
            if 'class="story"' in path.read_text(encoding="utf-8")
        )

    @property
    def report_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


@dataclass
class SampleSite:
    """The shipped sample newsroom, built once per test session (the `sample` fixture)."""

    output: Path
    stdout: str
    stderr: str
    pages: dict[Path, BeautifulSoup]
    redirects: dict[Path, BeautifulSoup] = field(default_factory=dict)

    def articles(self) -> dict[Path, BeautifulSoup]:
        return {path: page for path, page in self.pages.items() if page.select_one("article.story")}


class Site:
    """A newsroom folder with the shipped reference data and settings, and content we write."""

    def __init__(self, root: Path, settings: str = "") -> None:
        self.root = root
        self.content = root / "content"
        (self.content / "articles").mkdir(parents=True, exist_ok=True)
        (self.content / "pages").mkdir(exist_ok=True)
        # The newsroom's reference data, not the sample site's own redirects and ledger.
        shutil.copytree(
            REPO / "content" / "data",
            self.content / "data",
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("redirects.yaml", "published.tsv"),
        )
        # The writers' portraits are the sample's photos, not the test site's: a test that
        # wants one writes its own.
        authors = self.content / "data" / "authors.yaml"
        authors.write_text(
            "".join(
                line
                for line in authors.read_text(encoding="utf-8").splitlines(keepends=True)
                if not PORTRAIT_KEY.match(line)
            ),
            encoding="utf-8",
        )
        self.settings = settings

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def article(
        self, name: str, body: str = BODY, drop: tuple[str, ...] = (), **fields: str
    ) -> Path:
        """An article in `Key: value` style: a valid header, changed by `fields` and `drop`."""
        header = {**VALID_HEADER, **fields}
        lines = [f"{key}: {value}" for key, value in header.items() if key not in drop]
        return self.write(f"articles/{name}", "\n".join(lines) + "\n\n" + body)

    def image(self, relative: str, size: tuple[int, int] = (800, 533)) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, (40, 90, 120)).save(path, "JPEG")
        return path

    def settings_file(self, settings: str = "") -> Path:
        """testconf.py: the shipped pelicanconf.py, pointed at this site, plus `settings`."""
        conf = self.root / "testconf.py"
        conf.write_text(
            "import pathlib\n"
            f"exec(compile(pathlib.Path({str(REPO / 'pelicanconf.py')!r}).read_text('utf-8'), "
            '"pelicanconf", "exec"))\n'
            f'PATH = "content"\nTHEME = {str(REPO / "theme")!r}\n'
            f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
            # Tests build again and again to see what each cache does: the check that stops a
            # build when nothing changed is on only where a test asks (test_uptodate.py).
            "WARTA_UP_TO_DATE_CHECK = False\n"
            # Tests read the build's messages in English, the catalogue's source language; the
            # messages in the site's language (Indonesian) are tested where that is the point.
            'WARTA_MESSAGES_LANG = "en"\n'
            # The newsroom editor's packages, as `npm ci` installed them for the project.
            f"WARTA_EDITOR_NODE_MODULES = {str(REPO / 'node_modules')!r}\n"
            f"{self.settings}\n{settings}\n",
            encoding="utf-8",
        )
        return conf

    def build(self, settings: str = "") -> Build:
        """Run the real `pelican` command, as `make html` does, with fatal warnings."""
        output = self.root / "output"
        done = run_pelican(self.root, self.settings_file(settings), output)
        return Build(done.returncode, done.stdout, done.stderr, output)


@contextmanager
def warta_serve(root: Path, conf: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`warta serve` of the site at `root` on a free port of 127.0.0.1, as a reporter runs it;
    yields its address and its process."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = subprocess.Popen(
        [sys.executable, "-m", "warta", "-s", str(conf), "serve", "--port", str(port)],
        cwd=root,
        env=C_LOCALE_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=10)
