"""Real WordPress exports imported into fresh sites as an editor would: mapped once, then built
with `pelican --fatal warnings` and no hand edit; comments read from a real Isso in Chromium;
photos fetched from the old site; no imported story breaks the site's Content-Security-Policy.

The exports: Pelican's own test export (shipped in the pelican package), our Banjarmasin daily
(tests/fixtures/wordpress/banjarmasin.xml), and every `*.xml` in the folder named by the
WARTA_TEST_WORDPRESS_EXPORTS environment variable (e.g. WordPress/wordpress-importer's
phpunit/data), which are tried the same way.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import pelican
import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import chromium, free_port, served
from tests.sitekit import Build, Site, run_module
from tests.test_publish_csp import WATCH_VIOLATIONS
from warta.commands.wordpress import MAPPING_NAME, REPORT_NAME, WxrError, parse_export
from warta.commands.wordpress.comments import COMMENTS_NAME

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "wordpress"
PELICAN_EXPORT = Path(pelican.__file__).parent / "tests" / "content" / "wordpressexport.xml"
BANJARMASIN = FIXTURES / "banjarmasin.xml"
MORE = os.environ.get("WARTA_TEST_WORDPRESS_EXPORTS", "")
EXPORTS = {
    "pelican": PELICAN_EXPORT,
    "banjarmasin": BANJARMASIN,
    **({path.stem: path for path in sorted(Path(MORE).glob("*.xml"))} if MORE else {}),
}
DEFAULTS = 'default:\n  desk: "Daerah"\n  location: "Kota Banjarmasin"'
STORY = "2026/11/sidang-dana-desa-dibuka/"


def warta(site: Site, *arguments: str, settings: str = "") -> subprocess.CompletedProcess[str]:
    return run_module(site.root, "warta", "-s", str(site.settings_file(settings)), *arguments)


def uploads_of(export: Path, folder: Path) -> Path:
    """The export's uploads folder as the old server had it: a photo at each attachment's path."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        attachments = parse_export(export.read_bytes()).attachments.values()
    except WxrError:
        return folder  # the import itself says what is wrong with it
    for attachment in attachments:
        address = urlsplit(attachment.attachment_url.strip())
        path = unquote(address.path)
        if (address.hostname or "").endswith(".files.wordpress.com"):
            path = "/wp-content/uploads" + path  # a WordPress.com site's uploads
        if "/wp-content/uploads/" not in path:
            continue
        target = folder / path.split("/wp-content/uploads/", 1)[1]
        if target.suffix.lower() in (".jpg", ".jpeg", ".png"):
            target.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (640, 427), (30, 90, 120)).save(
                target, "PNG" if target.suffix.lower() == ".png" else "JPEG"
            )
    return folder


def map_once(site: Site, export: Path, *arguments: str, settings: str = "") -> None:
    """The first run writes the mapping; the editor gives it a default desk and place."""
    first = warta(site, "import-wordpress", str(export), *arguments, settings=settings)
    assert first.returncode == 0, first.stderr
    fill_defaults(site)


def fill_defaults(site: Site) -> None:
    mapping = site.root / MAPPING_NAME
    text = mapping.read_text(encoding="utf-8")
    mapping.write_text(text.replace('default:\n  desk: ""\n  location: ""', DEFAULTS), "utf-8")


@dataclass
class Imported:
    """A fresh site after one export was mapped once, imported and built; or why the export
    was refused (an export that is not well-formed XML)."""

    site: Site
    build: Build
    report: str
    refused: str = ""


def import_and_build(site: Site, export: Path, *arguments: str, settings: str = "") -> Imported:
    if not (site.root / MAPPING_NAME).exists():
        map_once(site, export, *arguments, settings=settings)
    done = warta(site, "import-wordpress", str(export), *arguments, settings=settings)
    assert done.returncode == 0, done.stderr
    build = site.build(settings)
    return Imported(site, build, (site.root / REPORT_NAME).read_text(encoding="utf-8"))


def header(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in text.splitlines())


@pytest.fixture(scope="module", params=sorted(EXPORTS))
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Imported:
    export = EXPORTS[request.param]
    root = tmp_path_factory.mktemp(request.param)
    site = Site(root)
    uploads = uploads_of(export, root / "uploads")
    first = warta(site, "import-wordpress", str(export), "--uploads", str(uploads))
    if first.returncode == 1 and "not well-formed XML" in first.stderr:
        return Imported(site, Build(1, "", "", root / "output"), "", first.stderr)
    assert first.returncode == 0, first.stderr
    fill_defaults(site)
    return import_and_build(site, export, "--uploads", str(uploads))


def test_every_export_builds_after_one_mapping_with_no_hand_edit(imported: Imported) -> None:
    build, content = imported.build, imported.site.content
    if imported.refused:
        # Not XML (WordPress's own exporter never writes such a file): refused, naming the line,
        # with nothing written.
        assert re.search(r": not well-formed XML: .+ line [0-9]+", imported.refused)
        assert not list(content.rglob("*.md"))
        return
    assert build.returncode == 0, build.stderr
    published = scheduled = 0
    for path in sorted(content.rglob("*.md")):
        fields = header(path)
        relative = path.relative_to(content)
        if relative.parts[0] == "articles":
            address = f"{relative.parts[1]}/{relative.parts[2]}/{fields['Slug']}/"
        else:
            address = f"{fields['Slug']}/"
        page = build.output / address / "index.html"
        future = fields.get("Date", "") > "2027"
        if fields.get("Status") == "draft" or future:
            # Drafts, withheld and scheduled stories leave no page.
            assert not page.exists(), relative
            scheduled += future and fields.get("Status") != "draft"
        else:
            assert page.is_file(), relative
            published += relative.parts[0] == "articles"
    summary = imported.report.split("## What to do", 1)[0]
    assert f"- Posts: {published} published, {scheduled} scheduled" in summary


def test_the_banjarmasin_daily_keeps_status_datelines_galleries_and_pages(site: Site) -> None:
    uploads = uploads_of(BANJARMASIN, site.root / "uploads")
    done = import_and_build(site, BANJARMASIN, "--uploads", str(uploads))
    assert done.build.returncode == 0, done.build.stderr
    articles = site.content / "articles"
    # One dateline: the body's own moves into Dateline; an agency's name becomes the Source.
    flood = header(articles / "2026/11/jalan-a-yani-tergenang.md")
    assert (flood["Dateline"], flood["Source"]) == ("BANJARMASIN", "ANTARA")
    page = done.build.html("2026/11/jalan-a-yani-tergenang/")
    lead = page.select_one(".story-body p")
    assert lead is not None
    text = " ".join(lead.get_text(" ").split())
    assert text.startswith("BANJARMASIN, WARTA BANUA – Genangan setinggi 30 sentimeter")
    assert "ANTARA" not in text
    # post_name "jalan_a_yani__tergenang" became a slug the site accepts, and the report says so.
    assert "its slug 'jalan_a_yani__tergenang' is not one the site accepts" in done.report
    # Galleries in every form: bare [gallery], tiled [gallery ids], Gutenberg, Jetpack slideshow.
    sections = {
        address: len(done.build.html(address).select(".story-body section.gallery"))
        for address in (
            "2026/11/harga-cabai-pasar-lama/",
            "2026/11/jalan-a-yani-tergenang/",
            "2026/11/senam-pagi-lapangan-murjani/",
        )
    }
    assert sections == {
        "2026/11/harga-cabai-pasar-lama/": 1,
        "2026/11/jalan-a-yani-tergenang/": 1,
        "2026/11/senam-pagi-lapangan-murjani/": 2,
    }
    # A resized copy (-300x200) and Jetpack's CDN address are traced to the original upload.
    body = (articles / "2026/11/sidang-dana-desa-dibuka.md").read_text(encoding="utf-8")
    assert "({static}/images/2026/11/sidang-tipikor.jpg)" in body
    cabai = (articles / "2026/11/harga-cabai-pasar-lama.md").read_text(encoding="utf-8")
    assert "({static}/images/2026/11/pasar-lama-1.jpg)" in cabai
    assert "wp.com" not in cabai
    # Status kept: withheld and draft stories are drafts; the future one is scheduled.
    assert header(articles / "2026/11/laporan-khusus-pelanggan.md")["Status"] == "draft"
    assert header(articles / "2026/11/catatan-rapat-redaksi.md")["Status"] == "draft"
    assert header(articles / "2030/01/jadwal-festival-pasar-terapung-2030.md")["Date"] == (
        "2030-01-05 07:00"
    )
    assert not (done.build.output / "2030/01/jadwal-festival-pasar-terapung-2030").exists()
    for line in (
        "content/articles/2026/11/laporan-khusus-pelanggan.md: it was password-protected",
        "content/articles/2026/11/catatan-rapat-redaksi.md: it was private",
        'WARTA_FRONT_PAGE = {"pinned": ["sidang-dana-desa-dibuka"]}',
        "- Posts: 4 published, 1 scheduled, 2 withheld",
        "- Comments: 4 handed over in 2 threads",
    ):
        assert line in done.report, line
    # Pages keep their parents as folders; only the footer menu's pages reach the footer.
    assert (site.content / "pages/tentang-kami/redaksi/kontak.md").is_file()
    footer = [link.get_text(strip=True) for link in done.build.html("").select("footer li a")]
    assert footer[:2] == ["Pedoman Media Siber", "Tentang Kami"]
    assert "Redaksi" not in footer
    assert "Arsip Lama" not in footer
    assert (done.build.output / "arsip-lama" / "index.html").is_file()
    # The editor's one line of action per photo that could not be had, with its line.
    match = re.search(
        r"content/articles/2026/11/jalan-a-yani-tergenang\.md:([0-9]+): the photo "
        r"https://cdn\.lain\.example/foto/hujan\.jpg could not be had",
        done.report,
    )
    assert match is not None
    lines = (articles / "2026/11/jalan-a-yani-tergenang.md").read_text("utf-8").splitlines()
    assert "photo missing: https://cdn.lain.example/foto/hujan.jpg" in lines[int(match[1]) - 1]


def test_every_old_address_leads_to_its_new_page(site: Site) -> None:
    # The newsroom's own redirects file, which the import adds to and never rewrites.
    site.write(
        "data/redirects.yaml",
        "# Kami sendiri.\n- from: /category/hukum-kriminal/\n  to: /kategori/hukum/\n"
        "- gone: /2019/01/berita-lama/\n  note: Berita ini ditarik.\n",
    )
    done = import_and_build(site, BANJARMASIN)
    assert done.build.returncode == 0, done.build.stderr
    content = site.content
    # A story's own old addresses are in its header: every permalink form WordPress answered.
    aliases = {
        path.relative_to(content).as_posix(): header(path)["Aliases"].split(", ")
        for path in content.rglob("*.md")
        if "Aliases" in header(path)
    }
    assert aliases["articles/2026/11/sidang-dana-desa-dibuka.md"] == [
        "/2026/11/09/sidang-dana-desa-dibuka/",
        "/?p=201",
    ]
    assert aliases["articles/2026/11/jalan-a-yani-tergenang.md"] == [
        "/2026/11/11/jalan_a_yani__tergenang/",
        "/?p=203",
    ]
    assert aliases["pages/tentang-kami/redaksi/kontak.md"] == [
        "/tentang-kami/redaksi/kontak/",
        "/?p=303",
        "/?page_id=303",
    ]
    # Never a story that was not published: withheld, private and draft ones have none.
    assert not [name for name in aliases if "laporan-khusus" in name or "catatan-rapat" in name]
    # The addresses that are no one story are in the redirects file, after the newsroom's own.
    redirects = (content / "data" / "redirects.yaml").read_text(encoding="utf-8")
    newsroom, imported = redirects.split("# Old WordPress addresses, rewritten by each", 1)
    assert newsroom.startswith("# Kami sendiri.\n- from: /category/hukum-kriminal/\n")
    entries = dict(re.findall(r'- from: "([^"]+)"\n  to: "([^"]+)"', imported))
    assert "/category/hukum-kriminal/" not in entries  # the newsroom's entry decides
    for old, new in {
        "/category/hukum-kriminal/feed/": "/feeds/rubrik/hukum.atom.xml",
        "/?cat=5": "/kategori/hukum/",
        "/category/banjarbaru/": "/lokasi/kalimantan-selatan/kota-banjarbaru/",
        "/tag/banjir/feed/": "/feeds/tag/banjir.atom.xml",
        "/author/fajar.rahman/": "/penulis/fajar-rahman/",
        "/feed/rss2/": "/feeds/semua.atom.xml",
        "/category/uncategorized/": "/",
    }.items():
        assert entries.get(old) == new, old
    # An address the new site keeps (the tag's listing) needs no redirect.
    assert "/tag/banjir/" not in entries
    # Every old address, followed in a browser on a plain static server, ends on its page.
    expected = dict(entries)
    for name, olds in aliases.items():
        fields = header(content / name)
        if fields.get("Date", "") > "2027":
            continue  # scheduled: its old addresses answer once it is out
        parts = PurePosixPath(name).parts
        new = (
            f"/{parts[1]}/{parts[2]}/{fields['Slug']}/"
            if parts[0] == "articles"
            else (f"/{fields['Slug']}/")
        )
        expected.update(dict.fromkeys(olds, new))
    assert len(expected) > 40
    with served(done.build.output) as base, chromium() as browser:
        for old, new in expected.items():
            browser.get(base.rstrip("/") + old)
            WebDriverWait(browser, 10).until(
                partial(lands_on, new), message=f"{old} did not lead to {new}"
            )


def lands_on(path: str, driver: WebDriver) -> bool:
    return urlsplit(driver.current_url).path == path


def thread_text(driver: WebDriver) -> str | None:
    """The text of the thread's comments once Isso shows them (under its root: its postbox
    holds an empty preview comment)."""
    comments = driver.find_elements(By.CSS_SELECTOR, "#isso-root .isso-comment")
    return " ".join(comment.text for comment in comments) or None


def isso_config(folder: Path, site_origin: str) -> tuple[str, Path]:
    """A configuration for a real Isso on 127.0.0.1 (a free port, its database in `folder`)
    that takes comments from `site_origin`; returns its address and the file."""
    port = free_port()
    config = folder / "isso.cfg"
    config.write_text(
        "[general]\n"
        f"dbpath = {folder / 'comments.db'}\n"
        f"host = {site_origin}\n"
        "[server]\n"
        f"listen = http://127.0.0.1:{port}/\n"
        "[moderation]\nenabled = false\n"
        "[guard]\nenabled = false\n",
        encoding="utf-8",
    )
    return f"http://127.0.0.1:{port}/", config


@contextmanager
def running(config: Path, address: str) -> Iterator[None]:
    isso = Path(sys.executable).with_name("isso")
    assert isso.is_file(), "isso is in the dev extra (pyproject.toml)"
    server = subprocess.Popen(
        [str(isso), "-c", str(config), "run"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    port = int(urlsplit(address).port or 0)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "Isso stopped at start"
                assert time.monotonic() < deadline, "Isso did not start"
                time.sleep(0.1)
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


class Quiet(SimpleHTTPRequestHandler):
    """A static file server that logs nothing."""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@contextmanager
def static_site(
    folder: Path, port: int, handler: type[SimpleHTTPRequestHandler] = Quiet
) -> Iterator[str]:
    """`folder` served by `handler` on 127.0.0.1:`port` (chosen before, so a page's origin can
    be named in a configuration first); yields its address."""
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def test_comments_reach_isso_and_every_story_keeps_to_the_policy(site: Site) -> None:
    site_port = free_port()
    origin = f"http://127.0.0.1:{site_port}"
    uploads = uploads_of(BANJARMASIN, site.root / "uploads")
    isso, config = isso_config(site.root, origin)
    settings = f'WARTA_COMMENTS = {{"system": "isso", "url": "{isso}"}}\n'
    done = import_and_build(
        site,
        BANJARMASIN,
        "--uploads",
        str(uploads),
        "--isso-config",
        str(config),
        settings=settings,
    )
    assert done.build.returncode == 0, done.build.stderr
    assert "Isso took 4 comments in 2 threads" in done.report
    again = warta(
        site,
        "import-wordpress",
        str(BANJARMASIN),
        "--isso-config",
        str(config),
        settings=settings,
    )
    assert again.returncode == 0, again.stderr
    assert "Isso took 0 comments in 0 threads" in (site.root / REPORT_NAME).read_text("utf-8")
    assert (site.root / COMMENTS_NAME).is_file()
    stories = sorted(
        path.parent.relative_to(done.build.output).as_posix() + "/"
        for path in done.build.article_pages()
    )
    assert len(stories) == 4
    with (
        running(config, isso),
        static_site(done.build.output, site_port) as base,
        chromium() as browser,
    ):
        browser.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_VIOLATIONS}
        )
        for story in stories:
            browser.get(f"{base}/{story}")
            assert browser.find_element(By.TAG_NAME, "h1").text
            assert browser.execute_script("return window.__violations") == [], story
        browser.get(f"{base}/{STORY}")
        texts = str(WebDriverWait(browser, 20).until(thread_text))
        assert "Semoga sidangnya terbuka untuk umum." in texts
        assert "Sidang ini terbuka, Pak Rusdi." in texts
        assert "Beli obat murah" not in texts  # spam stays behind
        # The count beside the headline, from Isso's own counter: the two approved comments
        # (the one waiting for moderation is Isso's to show once approved).
        count = WebDriverWait(browser, 20).until(
            lambda driver: (
                "2" in driver.find_element(By.CSS_SELECTOR, ".story-comment-count").text
                and driver.find_element(By.CSS_SELECTOR, ".story-comment-count")
            )
        )
        assert count.text == "2 komentar"
        assert browser.execute_script("return window.__violations") == []


@contextmanager
def old_site(folder: Path, moved_to: str) -> Iterator[str]:
    """The old WordPress server on 127.0.0.1: `folder` under /wp-content/uploads/, except one
    photo that answers with a redirect to another host, which must not be followed."""

    class OldServer(Quiet):
        def do_GET(self) -> None:
            if self.path.endswith("genangan-2.jpg"):
                self.send_response(302)
                self.send_header(
                    "Location", f"{moved_to}/wp-content/uploads/2026/11/genangan-2.jpg"
                )
                self.end_headers()
                return
            self.path = self.path.replace("/wp-content/uploads/", "/", 1)
            super().do_GET()

    with static_site(folder, free_port(), OldServer) as address:
        yield address


def test_photos_are_fetched_from_the_old_site_only(site: Site) -> None:
    uploads = uploads_of(BANJARMASIN, site.root / "old")
    (uploads / "2026/11/pasar-lama-2.jpg").write_bytes(b"not a photo at all")
    gif = uploads / "2026/11/genangan-1.jpg"
    Image.new("P", (40, 30)).save(gif, "GIF")  # a GIF under a .jpg name, as WordPress allows
    with served(site.root) as elsewhere, old_site(uploads, elsewhere.rstrip("/")) as old:
        done = import_and_build(site, BANJARMASIN, "--fetch-from", old)
    assert done.build.returncode == 0, done.build.stderr
    images = site.content / "images/2026/11"
    assert (images / "sidang-tipikor.jpg").is_file()
    assert (images / "lapangan-murjani-2.jpg").is_file()
    # The GIF is kept as PNG, which the site reads; the damaged file and the redirect are not.
    assert (images / "genangan-1.png").is_file()
    assert not (images / "pasar-lama-2.jpg").exists()
    assert not (images / "genangan-2.jpg").exists()
    assert "the file is damaged or not a photo" in done.report
    assert re.search(
        r"genangan-2\.jpg could not be had: the old site did not give it \(302 the old site sent "
        r"it on to another host \(127\.0\.0\.1\), which is not followed\)",
        done.report,
    )
    summary = done.report.split("## What to do", 1)[0]
    assert re.search(r"- Photos: 0 copied from the uploads folder, [1-9][0-9]* fetched", summary)
