"""An address, once published, keeps answering: a headline edit never moves a story, a move
leaves a redirect, an alias leads to the story, and an address that would vanish stops the build.

Each test builds a small newsroom with the real `pelican` command, then reads what it wrote as a
reader's browser would: the redirect pages in headless Chromium on a plain static server, the
hosts' redirect lists as text, and the sitemap and feeds with their parsers.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
from lxml import etree

from tests.browser import chromium, served
from tests.sitekit import Build, Site

RECORD = "WARTA_RECORD_ADDRESSES = True"
BUILD_TIME = "WARTA_BUILD_TIME = '2026-11-25T12:00+08:00'"
LEDGER = Path("content/data/published.tsv")


def build(site: Site, *settings: str) -> Build:
    return site.build("\n".join((BUILD_TIME, *settings)))


def ledger_of(site: Site) -> dict[str, str]:
    text = (site.root / LEDGER).read_text(encoding="utf-8")
    return dict(
        line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#")
    )


def refresh_target(built: Build, save_as: str) -> tuple[str, str]:
    """The meta refresh URL and the canonical link of a redirect page."""
    page = built.html(save_as)
    refresh = page.select_one('meta[http-equiv="refresh"]')
    canonical = page.select_one('link[rel="canonical"]')
    robots = page.select_one('meta[name="robots"]')
    assert refresh is not None
    assert canonical is not None
    assert robots is not None
    assert robots["content"] == "noindex"
    content = str(refresh["content"])
    assert content.startswith("0; url=")
    return content.removeprefix("0; url="), str(canonical["href"])


def test_a_headline_edit_never_moves_the_story(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.article("2026/11/banjir-martapura.md", Title="Sungai Martapura Meluap")
    first = build(site)
    assert first.returncode == 0, first.stderr
    assert (first.output / "2026/11/banjir-martapura/index.html").is_file()
    site.article(
        "2026/11/banjir-martapura.md", Title="Sungai Martapura Meluap, Ratusan Rumah Terendam"
    )
    second = build(site)
    assert second.returncode == 0, second.stderr
    page = second.html("2026/11/banjir-martapura/")
    assert "Ratusan Rumah Terendam" in page.select_one("h1").get_text()  # type: ignore[union-attr]
    assert not (second.output / "2026/11/sungai-martapura-meluap-ratusan-rumah-terendam").exists()


def test_aliases_lead_to_the_story_on_every_host(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.article(
        "2026/11/banjir.md",
        Title="Banjir Martapura",
        Aliases="/2023/10/18/banjir-lama/, https://portal.example/berita/12.html, /?p=123",
    )
    built = build(site)
    assert built.returncode == 0, built.stderr
    url, canonical = refresh_target(built, "2023/10/18/banjir-lama/")
    assert url == "../../../../2026/11/banjir/"
    assert canonical == "https://wartabanua.example/2026/11/banjir/"
    assert refresh_target(built, "berita/12.html")[0] == "../2026/11/banjir/"
    assert refresh_target(built, "alamat-lama/p/123/")[0] == "../../../2026/11/banjir/"
    redirects = (built.output / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/2023/10/18/banjir-lama/ /2026/11/banjir/ 301!" in redirects
    assert "/berita/12.html /2026/11/banjir/ 301!" in redirects
    assert "/ p=123 /2026/11/banjir/ 301!" in redirects
    nginx = (built.output / "nginx-redirects.conf").read_text(encoding="utf-8")
    assert '"/2023/10/18/banjir-lama/" "/2026/11/banjir/";' in nginx
    assert '"/?p=123" "/2026/11/banjir/";' in nginx
    # Redirect pages are not pages of the site: no sitemap entry, no feed entry.
    sitemap = etree.fromstring((built.output / "sitemap.xml").read_bytes())
    locations = {node.text for node in sitemap.iter("{*}loc")}
    assert "https://wartabanua.example/2026/11/banjir/" in locations
    assert not any("banjir-lama" in str(url) or "alamat-lama" in str(url) for url in locations)
    feed = feedparser.parse((built.output / "feeds/semua.atom.xml").read_bytes())
    assert [entry.link for entry in feed.entries] == ["https://wartabanua.example/2026/11/banjir/"]
    with served(built.output) as base, chromium() as browser:
        for old in ("2023/10/18/banjir-lama/", "berita/12.html", "?p=123"):
            browser.get(base + old)
            assert browser.current_url == base + "2026/11/banjir/", old
            assert "Banjir Martapura" in browser.title


def test_a_moved_story_leaves_a_redirect_and_a_vanishing_one_stops_the_build(
    tmp_path: Path,
) -> None:
    site = Site(tmp_path)
    site.article("2026/11/rapat.md", Title="Rapat Anggaran", Tags="apbd")
    site.article("2026/11/pasar.md", Title="Pasar Terapung", Date="2026-11-19 08.00")
    first = build(site, RECORD)
    assert first.returncode == 0, first.stderr
    recorded = ledger_of(site)
    assert recorded["2026/11/rapat/"] == "articles/2026/11/rapat.md"
    assert recorded["tag/apbd/"] == "tag:apbd"

    # A deliberate move (a new Slug, then a new date folder): each old address leads on.
    site.article("2026/11/rapat.md", Title="Rapat Anggaran", Tags="apbd", Slug="rapat-apbd-2027")
    moved = build(site, RECORD)
    assert moved.returncode == 0, moved.stderr
    assert refresh_target(moved, "2026/11/rapat/")[0] == "../../../2026/11/rapat-apbd-2027/"
    site.article(
        "2026/11/rapat.md",
        Title="Rapat Anggaran",
        Slug="rapat-apbd-2027",
        Date="2026-10-30 10.00",
    )
    redated = build(site, RECORD)
    assert redated.returncode == 0, redated.stderr
    for old in ("2026/11/rapat/", "2026/11/rapat-apbd-2027/"):
        assert refresh_target(redated, old)[0] == "../../../2026/10/rapat-apbd-2027/"
    # Its tag is gone: the tag's page leads to the index of tags.
    assert refresh_target(redated, "tag/apbd/")[0] == "../../tag/"

    # Deleting a published story would kill its address: the build says where and stops.
    (site.content / "articles/2026/11/pasar.md").unlink()
    refused = build(site, RECORD)
    assert refused.returncode == 1
    line = next(line for line in refused.report_lines if "'/2026/11/pasar/'" in line)
    assert line.startswith(f"{LEDGER}:")
    assert "would vanish" in line
    assert "Aliases: /2026/11/pasar/" in line
    assert "gone: /2026/11/pasar/" in line

    # Withdrawn on purpose: a notice answers there, out of the sitemap.
    site.write(
        "data/redirects.yaml",
        "- gone: /2026/11/pasar/\n  note: Berita ini ditarik atas permintaan narasumber.\n",
    )
    withdrawn = build(site, RECORD)
    assert withdrawn.returncode == 0, withdrawn.stderr
    notice = withdrawn.html("2026/11/pasar/")
    assert "atas permintaan narasumber" in notice.get_text()
    assert notice.select_one('meta[name="robots"]')["content"] == "noindex"  # type: ignore[index]
    assert "2026/11/pasar/" not in (withdrawn.output / "sitemap.xml").read_text(encoding="utf-8")
    # Every address ever published is still in the ledger.
    assert {"2026/11/rapat/", "2026/11/rapat-apbd-2027/", "2026/10/rapat-apbd-2027/"} <= set(
        ledger_of(site)
    )


def test_a_merged_story_takes_the_old_address_as_an_alias(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.article("2026/11/vonis.md", Title="Kades Divonis")
    site.article("2026/11/vonis-lima-tahun.md", Title="Kades Divonis Lima Tahun")
    assert build(site, RECORD).returncode == 0
    (site.content / "articles/2026/11/vonis.md").unlink()
    site.article(
        "2026/11/vonis-lima-tahun.md", Title="Kades Divonis Lima Tahun", Aliases="/2026/11/vonis/"
    )
    merged = build(site, RECORD)
    assert merged.returncode == 0, merged.stderr
    assert refresh_target(merged, "2026/11/vonis/")[0] == "../../../2026/11/vonis-lima-tahun/"


def test_old_addresses_that_cannot_be_are_refused_with_their_line(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.article("2026/11/a.md", Title="Satu", Aliases="/../../etc/passwd")
    site.article("2026/11/b.md", Title="Dua", Aliases="javascript:alert(1)")
    site.article("2026/11/c.md", Title="Tiga", Aliases="/2026/11/a/")
    site.article("2026/11/d.md", Title="Empat", Aliases="/lama/x/")
    site.article("2026/11/e.md", Title="Lima", Aliases="/lama/x/, /cari?q=1")
    site.article("2026/11/f.md", Title="Enam", Aliases="/sitemap.xml, /cari/")
    site.write(
        "data/redirects.yaml",
        "- from: /category/hukum/\n  to: /kategori/tidak-ada/\n"
        "- from: /feed/\n  too: /feeds/semua.atom.xml\n"
        "- from: /lama/y/\n  to: articles/2026/11/hilang.md\n",
    )
    refused = build(site)
    assert refused.returncode == 1
    report = "\n".join(refused.report_lines)
    assert "content/articles/2026/11/a.md:6: Aliases: '/../../etc/passwd' has an empty" in report
    assert "content/articles/2026/11/b.md:6: Aliases: 'javascript:alert(1)' is not a web" in report
    assert (
        "content/articles/2026/11/c.md:6: Aliases: '/2026/11/a/' is the address of a page" in report
    )
    assert "content/articles/2026/11/e.md:6: Aliases: '/cari?q=1' has a query on a path" in report
    for written in ("/sitemap.xml", "/cari/"):
        assert (
            f"content/articles/2026/11/f.md:6: Aliases: '{written}' is an address this site "
            "writes a file at"
        ) in report, written
    assert "content/data/redirects.yaml:1: to: '/kategori/tidak-ada/' is no page" in report
    assert (
        "content/data/redirects.yaml:3: too: is not a key of a redirect (did you mean 'to'?)"
        in (report)
    )
    assert "content/data/redirects.yaml:5: to: 'articles/2026/11/hilang.md' is no published" in (
        report
    )
    assert "would be written by both" not in report
    assert not (refused.output / "index.html").exists()


def test_redirects_file_leads_old_listings_and_feeds_to_the_new(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.article("2026/11/sidang.md", Title="Sidang Tipikor", Category="Hukum")
    site.write(
        "data/redirects.yaml",
        "- from: /category/hukum-kriminal/\n  to: /kategori/hukum/\n"
        "- from: /?cat=5\n  to: /kategori/hukum/\n"
        "- from: /feed/\n  to: /feeds/semua.atom.xml\n"
        "- from: /2019/01/lama/\n  to: articles/2026/11/sidang.md\n",
    )
    built = build(site)
    assert built.returncode == 0, built.stderr
    assert refresh_target(built, "category/hukum-kriminal/")[0] == "../../kategori/hukum/"
    assert refresh_target(built, "feed/")[0] == "../feeds/semua.atom.xml"
    assert refresh_target(built, "2019/01/lama/")[0] == "../../../2026/11/sidang/"
    home = built.html("")
    script = home.select_one('script[src$="old-address.js"]')
    assert script is not None
    assert script["data-names"] == "cat"


def test_a_renamed_file_keeps_every_address_it_had(tmp_path: Path) -> None:
    """A story re-slugged, then its file renamed: the file that answers at its last address is
    the one its earlier addresses lead to."""
    site = Site(tmp_path)
    site.article("2026/11/rapat.md", Title="Rapat Anggaran")
    assert build(site, RECORD).returncode == 0
    site.article("2026/11/rapat.md", Title="Rapat Anggaran", Slug="rapat-apbd")
    assert build(site, RECORD).returncode == 0
    (site.content / "articles/2026/11/rapat.md").unlink()
    site.article("2026/12/anggaran-2027.md", Title="Rapat Anggaran", Slug="rapat-apbd")
    renamed = build(site, RECORD)
    assert renamed.returncode == 0, renamed.stderr
    assert refresh_target(renamed, "2026/11/rapat/")[0] == "../../../2026/11/rapat-apbd/"
    assert ledger_of(site)["2026/11/rapat-apbd/"] == "articles/2026/11/rapat.md"
