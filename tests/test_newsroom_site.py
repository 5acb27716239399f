"""A newsroom's own site from the wheel alone: build the wheel, install it in a fresh venv outside
this repository, `warta init` a newsroom in Surabaya, write a story, `make html` and `make test`.

One wheel and one venv per session; pip's own cache makes the install quick after the first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sitekit import REPO

# The environment of a newsroom's machine: nothing of this repository on the path.
CLEAN_ENV = {
    key: value
    for key, value in os.environ.items()
    if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
} | {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


def run(command: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, cwd=folder, env=CLEAN_ENV, capture_output=True, text=True, timeout=900,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv, outside the repository, with Warta installed from its wheel alone."""
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)], dist)
    (wheel,) = dist.glob("warta-*.whl")
    environment = tmp_path_factory.mktemp("newsroom-venv")
    venv.create(environment, with_pip=True)
    run(
        [str(environment / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-compile",
         "--disable-pip-version-check", str(wheel)],
        environment,
    )  # fmt: skip
    return environment


def test_a_newsroom_in_surabaya_starts_its_site_from_the_wheel(
    installed: Path, tmp_path: Path
) -> None:
    bin_ = installed / "bin"
    where = run([str(bin_ / "python"), "-c", "import warta, newsroom_model; "
                 "print(warta.__file__, newsroom_model.__file__)"], tmp_path)  # fmt: skip
    assert str(REPO) not in where.stdout
    assert all(path.startswith(str(installed)) for path in where.stdout.split())

    site = tmp_path / "kabar-surabaya"
    run(
        [str(bin_ / "warta"), "init", str(site), "--name", "Kabar Surabaya",
         "--url", "https://kabarsurabaya.example", "--language", "id", "--timezone", "WIB",
         "--desks", "Politik, Ekonomi, Daerah", "--province", "Jawa Timur", "--host", "github"],
        tmp_path,
    )  # fmt: skip
    story = run(
        [str(bin_ / "warta"), "new", "Banjir Rob Genangi Pesisir Kenjeran", "--category", "Daerah",
         "--location", "Kota Surabaya", "--author", "Dewi Lestari"],
        site,
    ).stderr.strip()  # fmt: skip
    # The reporter writes the story in place of the line warta new leaves (which no build takes).
    written = Path(story).read_text("utf-8").rstrip("\n").split("\n")
    written[-1] = (
        "Air laut pasang merendam permukiman nelayan di pesisir Kenjeran sejak subuh. Warga "
        "memindahkan perahu dan barang ke tempat yang lebih tinggi."
    )
    Path(story).write_text("\n".join(written) + "\n", encoding="utf-8")
    newsroom_files = {
        path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()
    }

    run(["make", "html", f"VENV={installed}"], site)
    run(["make", "test", f"VENV={installed}"], site)

    address = Path(story).relative_to(site / "content" / "articles").with_suffix("")
    page = BeautifulSoup((site / "output" / address / "index.html").read_text("utf-8"), "lxml")
    dateline = page.select_one(".dateline")
    assert dateline is not None
    assert dateline.get_text() == "SURABAYA, KABAR SURABAYA –"
    assert page.select_one(".story-location") is not None
    assert "Kota Surabaya" in page.select_one(".story-location").get_text()  # type: ignore[union-attr]

    # The site's repository holds the newsroom's own files, and nothing of Warta's.
    run(["git", "init", "--quiet"], site)
    run(["git", "add", "--all"], site)
    tracked = set(run(["git", "ls-files"], site).stdout.split())
    assert tracked == newsroom_files
    assert {
        ".gitignore", "Makefile", "README.md", "README.en.md", "requirements.txt",
        "pelicanconf.py", "publishconf.py", ".github/workflows/publish.yml",
        "content/pages/tentang.md", "content/data/authors.yaml", "content/data/sources.yaml",
        "content/data/locations.yaml", "content/data/redirects.yaml",
        f"content/articles/{address}.md",
    } <= tracked  # fmt: skip
    assert not [path for path in tracked if path.startswith(("output/", ".cache/", ".venv/"))]
    assert not [path for path in tracked if path.endswith(".html") or "newsroom_model" in path]
    assert (site / "requirements.txt").read_text("utf-8").endswith("warta==0.2.0\n")
