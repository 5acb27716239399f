"""The baselines of `make bench build` build real sites from a generated archive: Hugo's site
(bench/hugo.py) with the real hugo and Pagefind, and Pelican as it comes out of the box."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from bench import hugo, measure, stock
from bench.archive import write_archive

STORIES = 20
SITE_URL = "https://wartabanua.example"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site folder with 20 generated stories (bench/archive.py), shared by this module."""
    folder = tmp_path_factory.mktemp("archive")
    write_archive(folder, STORIES)
    return folder


def _stories(folder: Path) -> list[dict[str, str]]:
    return [hugo.read_story(path)[0] for path in sorted(folder.rglob("articles/**/*.md"))]


def _target(public: Path, href: str) -> Path:
    """The file a root-relative address is served from."""
    path = public / urlsplit(href).path.lstrip("/")
    return path / "index.html" if href.endswith("/") else path


def test_the_hugo_baseline_is_a_hugo_site_of_every_story(archive: Path, tmp_path: Path) -> None:
    site, public = tmp_path / "site", tmp_path / "public"
    assert hugo.write_site(archive / "content", site, SITE_URL) == STORIES

    done = subprocess.run(
        hugo.hugo_command(site, public), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr

    # Every story has its page at Warta's address, marked for Pagefind, with its byline.
    related = 0
    for header in _stories(archive):
        year, month = header["Date"][:4], header["Date"][5:7]
        page = public / year / month / header["Slug"] / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        body = soup.select_one("article[data-pagefind-body]")
        assert body is not None, page
        assert body.h1 is not None
        assert body.h1.get_text() == header["Title"]
        first_author = header["Authors"].split(",")[0]
        assert first_author in body.get_text(), page
        related += len(soup.select("aside li a"))
    # Hugo's related content found stories for some: the archive has threads of follow-ups.
    assert related > 0

    # Every link of every page leads to a page of the site: listings, their later pages, the
    # five taxonomies' terms, the related stories.
    pages = list(public.rglob("*.html"))
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for link in soup.select("a[href^='/']"):
            assert _target(public, str(link["href"])).is_file(), (page, link["href"])
    # The home page lists every story, 12 a page.
    home = BeautifulSoup((public / "index.html").read_text(encoding="utf-8"), "lxml")
    later = BeautifulSoup(
        (public / "halaman" / "2" / "index.html").read_text(encoding="utf-8"), "lxml"
    )
    assert len(home.select("main article")) == 12
    assert len(later.select("main article")) == STORIES - 12
    for taxonomy in ("kategori", "tag", "penulis", "lokasi"):
        assert len(list((public / taxonomy).glob("*/index.html"))) > 1, taxonomy
    # Every place is listed with the regions above it.
    assert (public / "lokasi" / "indonesia" / "index.html").is_file()

    # Hugo's own RSS, read as a feed reader reads it.
    feed = feedparser.parse((public / "index.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == STORIES

    # Pagefind, as `bench build` runs it, indexes the stories and nothing else.
    pagefind = subprocess.run(
        stock.pagefind_command(public), capture_output=True, text=True, check=False
    )
    assert pagefind.returncode == 0, pagefind.stdout + pagefind.stderr
    entry = json.loads((public / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == STORIES


def test_pelican_out_of_the_box_writes_no_tag_or_author_feeds(
    archive: Path, tmp_path: Path
) -> None:
    conf = stock.write_out_of_the_box_settings(tmp_path, SITE_URL)
    output = tmp_path / "output"
    done = subprocess.run(
        stock.pelican_command(conf, output),
        cwd=archive,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr

    feeds = sorted(path.name for path in (output / "feeds").iterdir())
    desks = {header["Category"].lower() for header in _stories(archive)}
    assert feeds == sorted(["all.atom.xml", *(f"{desk}.atom.xml" for desk in desks)])
    site_feed = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    assert len(site_feed.entries) == STORIES
    # Pelican's defaults: every story at /slug.html, the home page 10 stories a page.
    for header in _stories(archive):
        assert (output / f"{header['Slug']}.html").is_file()
    assert (output / "index2.html").is_file()
    assert not (output / "index3.html").exists()
    assert not (output / "sitemap.xml").exists()


def test_measured_commands_run_with_pythons_bytecode_cache_on(tmp_path: Path) -> None:
    """A shell that turns the cache off would make Warta, run from the checkout, compile its
    modules on every measured build, where the baselines' installed packages were compiled
    once by pip."""
    log = tmp_path / "flags.log"
    command = [sys.executable, "-c", "import sys; print(sys.flags.dont_write_bytecode)"]
    measure.run(command, cwd=tmp_path, log=log, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert log.read_text(encoding="utf-8").strip() == "0"


def test_what_a_benchmark_is_done_with_keeps_its_inodes_until_the_timing_is_over(
    tmp_path: Path,
) -> None:
    """Set aside, an output leaves its place at once with none of its files deleted (on ext4
    without a journal a deletion slows the next build's file creation), and `empty_trash`
    deletes it afterwards."""
    output = tmp_path / "output"
    (output / "2026" / "a").mkdir(parents=True)
    page = output / "2026" / "a" / "index.html"
    page.write_text("<p>a</p>", encoding="utf-8")
    inode = page.stat().st_ino
    cache = tmp_path / "warta.cache"
    cache.write_bytes(b"x")
    measure.set_aside(output)
    measure.set_aside(cache)
    measure.set_aside(tmp_path / "never-made")
    assert sorted(path.name for path in tmp_path.iterdir()) == [".bench-trash"]
    (kept,) = (tmp_path / ".bench-trash").glob("output-*/2026/a/index.html")
    assert kept.stat().st_ino == inode
    assert len(list((tmp_path / ".bench-trash").glob("warta.cache-*"))) == 1
    measure.empty_trash()
    assert list(tmp_path.iterdir()) == []
