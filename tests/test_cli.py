"""The `warta` command driven as a reporter would: start a story, check it, build it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.sitekit import REPO, Site, run_module, text_of


def warta(site: Site, *arguments: str, settings: str = "") -> subprocess.CompletedProcess[str]:
    return run_module(site.root, "warta", "-s", str(site.settings_file(settings)), *arguments)


# The reporter's language, the site's (Indonesian), not the tests' English messages.
INDONESIAN = "WARTA_MESSAGES_LANG = None"


def test_new_then_check_then_build_publishes_the_story(site: Site) -> None:
    made = warta(
        site,
        "new",
        "Pasar Terapung Kuin Kembali Ramai",
        "--category",
        "budaya",
        "--location",
        "Banjarmasin",
        "--author",
        "Rahmat Hidayat",
        settings=INDONESIAN,
    )
    assert made.returncode == 0, made.stderr
    story = Path(site.root, made.stderr.strip())
    assert story.parent.parent.parent == site.content / "articles"
    assert story.name == "pasar-terapung-kuin-kembali-ramai.md"
    text = story.read_text(encoding="utf-8")
    assert 'title: "Pasar Terapung Kuin Kembali Ramai"' in text
    assert "category: Budaya" in text
    # The importer's and the build's place resolver: 'Banjarmasin' is Kota Banjarmasin.
    assert "location: Kota Banjarmasin" in text
    # Every optional field is shown as a comment, in the site's language (Indonesian).
    for field in (
        "summary", "tags", "source", "sourceurl", "image", "imagealt", "imagecaption",
        "imagecredit", "imagefocus", "dateline", "related", "correction", "breaking", "live",
        "aliases", "status",
    ):  # fmt: skip
        assert f"\n# {field}: " in text, field
    assert "# imagealt: " in text
    assert "untuk pembaca tunanetra" in text
    assert "'::: galeri Judul'" in text

    # Started and never written: the build will not publish it.
    unwritten = warta(site, "check", settings=INDONESIAN)
    assert unwritten.returncode == 1
    assert f"content/articles/{story.relative_to(site.content / 'articles')}:" in unwritten.stderr
    assert "Body: masih memuat 'Tulis teras berita di sini: apa yang terjadi" in unwritten.stderr
    refused = site.build()
    assert refused.returncode == 1
    assert "the line warta new starts a story with" in refused.stderr

    head, _, _ = text.partition("Tulis teras berita")
    story.write_text(head + "Pedagang jukung kembali memadati Sungai Kuin.\n", "utf-8")
    checked = warta(site, "check")
    assert checked.returncode == 0, checked.stderr
    assert "1 articles and 0 pages checked: 0 errors" in checked.stderr

    build = site.build()
    assert build.returncode == 0, build.stderr
    pages = build.article_pages()
    assert len(pages) == 1
    page = build.html(str(pages[0].parent.relative_to(build.output)))
    assert text_of(page, ".story-title") == "Pasar Terapung Kuin Kembali Ramai"
    assert text_of(page, ".dateline") == "BANJARMASIN, WARTA BANUA –"


def test_new_refuses_unknown_desk_and_place_and_never_overwrites(site: Site) -> None:
    refused = warta(site, "new", "Banjir", "--category", "Politk", "--location", "Kota Banjarmsin")
    assert refused.returncode == 1
    assert "Category: 'Politk' is not one of the desks (did you mean 'Politik'?)" in refused.stderr
    assert "did you mean 'Kota Banjarmasin'" in refused.stderr
    assert not list((site.content / "articles").rglob("*.md"))

    first = warta(site, "new", "Banjir", "--category", "Daerah", "--location", "Kabupaten Banjar")
    assert first.returncode == 0, first.stderr
    story = Path(site.root, first.stderr.strip())
    story.write_text(story.read_text(encoding="utf-8") + "Isi yang sudah ditulis.\n", "utf-8")
    again = warta(site, "new", "Banjir", "--category", "Daerah", "--location", "Kabupaten Banjar")
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert story.read_text(encoding="utf-8").endswith("Isi yang sudah ditulis.\n")


def test_check_reports_errors_and_newsroom_warnings(site: Site) -> None:
    long_body = " ".join(["Warga bergotong royong membersihkan saluran air."] * 20) + "\n"
    site.image("images/pasar.jpg")
    site.article("ok.md", long_body, Slug="ok", Summary="Ringkas.")
    site.article("typo.md", long_body, Slug="typo", Location="Kota Banjarmsin", Summary="R.")
    site.article("long.md", long_body, Slug="long", Title="Judul " * 20, Summary="R.")
    site.article("short.md", "Singkat saja.\n", Slug="short", Summary="Ringkas.")
    site.article(
        "photo.md",
        long_body,
        Slug="photo",
        Summary="R.",
        Image="images/pasar.jpg",
        ImageAlt="Perahu di sungai",
    )
    site.article("future.md", long_body, Slug="future", Date="2999-01-01 08:00", Summary="R.")
    site.article("nosummary.md", long_body, Slug="nosummary")
    done = warta(site, "check")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith("content/articles/typo.md:4: Location: 'Kota Banjarmsin'")
    warnings = {
        line.split(": ")[1].split(":")[0] + ":" + line.split(": ")[2]
        for line in lines
        if line.startswith("warning: ")
    }
    assert warnings == {
        "content/articles/future.md:Date",
        "content/articles/long.md:Title",
        "content/articles/nosummary.md:Summary",
        "content/articles/photo.md:ImageCredit",
        "content/articles/short.md:Body",
    }
    assert (
        "scheduled: content/articles/future.md goes out with the first build after "
        "2999-01-01 08:00+08:00" in lines
    )
    assert lines[-1] == "7 articles and 0 pages checked: 1 errors, 5 warnings, 1 scheduled."


def test_sample_newsroom_checks_clean() -> None:
    done = run_module(REPO, "warta", "check")
    assert done.returncode == 0, done.stderr
    # In the site's language, Indonesian: "36 berita dan 3 halaman diperiksa: 0 galat, ...".
    assert "halaman diperiksa: 0 galat" in done.stderr.splitlines()[-1]
