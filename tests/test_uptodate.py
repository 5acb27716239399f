"""`make html` on a site that nothing changed writes nothing and stops; any change, however
small, and it builds, giving the site a cold build gives.

Each test builds a small newsroom with the real `pelican` command, as `make html` does, then
changes one thing (or nothing) and builds again, and compares with a cold build in another
folder. The clock is a change too: a scheduled story comes out, a story leaves the news sitemap.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sitekit import Build, Site, run_pelican, text_of
from tests.test_incremental import differences, tree
from warta.uptodate import Tree

UP_TO_DATE = "Nothing changed since the last build"
SETTINGS = 'SITEURL = "https://warta.example"\nWARTA_UP_TO_DATE_CHECK = True\n'


def build(site: Site, at: str = "2026-11-20T10:00", extra: str = "") -> Build:
    done = site.build(f'{SETTINGS}WARTA_BUILD_TIME = "{at}"\n{extra}')
    assert done.returncode == 0, done.stderr
    return done


def cold(site: Site, at: str = "2026-11-20T10:00", extra: str = "") -> dict[str, bytes]:
    """The site built from nothing: another output folder, another cache."""
    name = f"cold-{len(list(site.root.glob('cold-*')))}"
    conf = site.settings_file(
        f'{SETTINGS}WARTA_BUILD_TIME = "{at}"\n{extra}WARTA_CACHE_PATH = "{name}/cache"\n'
    )
    done = run_pelican(site.root, conf, site.root / name / "output")
    assert done.returncode == 0, done.stderr
    return tree(site.root / name / "output")


def times(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if path.is_file()
    }


def newsroom(site: Site) -> None:
    site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar")
    site.article("jalan.md", Title="Jalan Lingkar Dibuka", Slug="jalan", Date="2026-11-19 08:00")
    site.write("pages/tentang.md", "Title: Tentang Kami\n\nRedaksi Warta Banua.\n")


def test_nothing_changed_nothing_written_then_an_edit_is_built(site: Site) -> None:
    newsroom(site)
    first = build(site)
    assert UP_TO_DATE not in first.stderr
    written = times(first.output)
    again = build(site)
    assert UP_TO_DATE in again.stderr
    assert "(2 stories;" in again.stderr
    assert times(again.output) == written
    site.article("pasar.md", Title="Pasar Terapung Makin Ramai", Slug="pasar")
    edited = build(site)
    assert UP_TO_DATE not in edited.stderr
    assert "Pasar Terapung Makin Ramai" in text_of(edited.html("2026/11/pasar/"), "h1")
    assert differences(cold(site), tree(edited.output)) == []


def test_an_output_file_changed_or_removed_is_written_again(site: Site) -> None:
    newsroom(site)
    first = build(site)
    expected = tree(first.output)
    page = first.output / "2026" / "11" / "pasar" / "index.html"
    status = page.stat()
    # The same length and the same modification time: only the change time tells.
    data = page.read_bytes()
    page.write_bytes(data.replace(b"Ramai", b"Sepi!"))
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    (first.output / "2026" / "11" / "jalan" / "index.html").unlink()
    again = build(site)
    assert UP_TO_DATE not in again.stderr
    assert differences(expected, tree(again.output)) == []


def test_a_setting_the_theme_or_a_data_file_is_a_change(site: Site) -> None:
    newsroom(site)
    build(site)
    renamed = build(site, extra='SITENAME = "Warta Hulu"\n')
    assert UP_TO_DATE not in renamed.stderr
    assert "Warta Hulu" in renamed.html("2026/11/pasar/").get_text()
    assert UP_TO_DATE in build(site, extra='SITENAME = "Warta Hulu"\n').stderr
    authors = site.content / "data" / "authors.yaml"
    authors.write_text(authors.read_text("utf-8") + "\n", encoding="utf-8")
    assert UP_TO_DATE not in build(site, extra='SITENAME = "Warta Hulu"\n').stderr


def test_a_site_plugin_changed_is_a_change_and_every_page_is_made_again(site: Site) -> None:
    """Warta's code and every plugin in PLUGINS, a site's own too, are one digest in every
    cache key (`warta.cache.code_version`), handed the settings rather than naming plugins."""
    newsroom(site)
    plugin = site.root / "site_plugins" / "local_mark.py"
    plugin.parent.mkdir()
    plugin.write_text('"""A site\'s own plugin."""\n\n\ndef register() -> None:\n    pass\n')
    extra = 'PLUGIN_PATHS = [*PLUGIN_PATHS, "site_plugins"]\nPLUGINS = [*PLUGINS, "local_mark"]\n'
    first = build(site, extra=extra)
    written = times(first.output)
    assert UP_TO_DATE in build(site, extra=extra).stderr
    plugin.write_text(plugin.read_text("utf-8") + "# changed\n", encoding="utf-8")
    changed = build(site, extra=extra)
    assert UP_TO_DATE not in changed.stderr
    again = times(changed.output)
    assert again["2026/11/pasar/index.html"] != written["2026/11/pasar/index.html"]
    assert differences(cold(site, extra=extra), tree(changed.output)) == []


def test_the_clock_brings_out_a_scheduled_story(site: Site) -> None:
    newsroom(site)
    site.article("sidang.md", Title="Sidang Ditunda", Slug="sidang", Date="2026-11-21 09:00")
    before = build(site, at="2026-11-20T10:00")
    assert not (before.output / "2026" / "11" / "sidang").exists()
    # Until then nothing moves: "jalan" leaves the news sitemap at 08:00, the story comes out
    # at 09:00.
    assert UP_TO_DATE in build(site, at="2026-11-21T07:59").stderr
    out = build(site, at="2026-11-21T09:00")
    assert UP_TO_DATE not in out.stderr
    assert (out.output / "2026" / "11" / "sidang" / "index.html").is_file()
    assert differences(cold(site, at="2026-11-21T09:00"), tree(out.output)) == []
    # A build dated before the last one is never taken as up to date.
    earlier = build(site, at="2026-11-20T10:00")
    assert UP_TO_DATE not in earlier.stderr
    assert not (earlier.output / "2026" / "11" / "sidang").exists()


def test_a_story_leaves_the_news_sitemap_with_time(site: Site) -> None:
    newsroom(site)
    first = build(site, at="2026-11-19T10:00")
    assert "/pasar/" in (first.output / "news-sitemap.xml").read_text("utf-8")
    later = build(site, at="2026-11-25T10:00")
    assert UP_TO_DATE not in later.stderr
    assert "/pasar/" not in (later.output / "news-sitemap.xml").read_text("utf-8")
    assert differences(cold(site, at="2026-11-25T10:00"), tree(later.output)) == []
    # With no story left in the window, time changes nothing more until a story is written.
    assert UP_TO_DATE in build(site, at="2026-12-25T10:00").stderr


def test_a_damaged_stamp_or_the_check_turned_off_means_a_build(site: Site) -> None:
    newsroom(site)
    first = build(site)
    stamps = list((site.root / ".cache" / "warta").glob("up-to-date-*.cache"))
    assert len(stamps) == 1
    stamps[0].write_bytes(stamps[0].read_bytes()[:-7] + b"garbage")
    again = build(site)
    assert UP_TO_DATE not in again.stderr
    assert differences(tree(first.output), tree(again.output)) == []
    assert UP_TO_DATE in build(site).stderr
    assert UP_TO_DATE not in build(site, extra="WARTA_UP_TO_DATE_CHECK = False\n").stderr


def test_a_content_error_leaves_no_stamp(site: Site) -> None:
    newsroom(site)
    build(site)
    site.article("rusak.md", Title="Tanpa Tanggal", Slug="rusak", drop=("Date",))
    stopped = site.build(f'{SETTINGS}WARTA_BUILD_TIME = "2026-11-20T10:00"\n')
    assert stopped.returncode != 0
    (site.content / "articles" / "rusak.md").unlink()
    # Back to the inputs of the last good build; its stamp is gone, so this one builds.
    again = build(site)
    assert UP_TO_DATE not in again.stderr
    assert UP_TO_DATE in build(site).stderr


def test_a_story_added_in_a_new_folder_or_renamed_is_a_change(site: Site) -> None:
    newsroom(site)
    build(site)
    assert UP_TO_DATE in build(site).stderr
    site.article("2026/12/banjir.md", Title="Banjir Surut", Slug="banjir", Date="2026-11-19 09:00")
    added = build(site)
    assert UP_TO_DATE not in added.stderr
    assert (added.output / "2026" / "11" / "banjir" / "index.html").is_file()
    assert UP_TO_DATE in build(site).stderr
    story = site.content / "articles" / "2026" / "12" / "banjir.md"
    story.rename(story.with_name("banjir-surut.md"))
    renamed = build(site)
    assert UP_TO_DATE not in renamed.stderr
    assert differences(cold(site), tree(renamed.output)) == []


def after_the_tick(tree: Tree, folder: Path) -> None:
    """Wait until the file system's clock is past every time in `tree`: a change in the same
    tick could leave a folder's times as they were (the build then leaves no stamp)."""
    probe = folder.parent / "probe"
    while True:
        probe.write_bytes(b"")
        if probe.stat().st_mtime_ns > tree.newest:
            return
        time.sleep(0.002)


def _rewritten_with_old_times(folder: Path) -> None:
    page = folder / "a" / "b.txt"
    status = page.stat()
    page.write_bytes(b"B")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))


def _renamed(folder: Path) -> None:
    (folder / "a" / "b.txt").rename(folder / "a" / "c.txt")


def _replaced_by_a_folder(folder: Path) -> None:
    (folder / "a" / "b.txt").unlink()
    (folder / "a" / "b.txt").mkdir()


CHANGES: dict[str, Callable[[Path], object]] = {
    "file added": lambda folder: (folder / "a" / "new.txt").write_bytes(b""),
    "file removed": lambda folder: (folder / "a" / "b.txt").unlink(),
    "empty folder added": lambda folder: (folder / "a" / "c").mkdir(),
    "file renamed": _renamed,
    "same length, old modification time": _rewritten_with_old_times,
    "file replaced by a folder": _replaced_by_a_folder,
    "linked file changed": lambda folder: (folder.parent / "target.txt").write_bytes(b"changed"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_tree_sees_every_change_without_listing_a_folder(tmp_path: Path, change: str) -> None:
    folder = tmp_path / "site"
    (folder / "a" / "deep").mkdir(parents=True)
    (folder / "a" / "b.txt").write_bytes(b"A")
    (folder / "a" / "deep" / "d.txt").write_bytes(b"D")
    (tmp_path / "target.txt").write_bytes(b"T")
    (folder / "link.txt").symlink_to(tmp_path / "target.txt")
    walked = Tree.of(folder)
    assert walked.trusted
    assert walked.unchanged()
    after_the_tick(walked, folder)
    CHANGES[change](folder)
    assert not walked.unchanged()
    assert Tree.of(folder).unchanged()


def test_a_link_to_a_folder_or_to_nothing_is_never_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "elsewhere").symlink_to(tmp_path)
    assert not Tree.of(folder).trusted
    (folder / "elsewhere").unlink()
    (folder / "nowhere").symlink_to(tmp_path / "missing")
    assert not Tree.of(folder).unchanged()
