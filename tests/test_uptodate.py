"""`make html` on a site that nothing changed writes nothing and stops; any change, however
small, and it builds, giving the site a cold build gives.

Each test builds a small newsroom with the real `pelican` command, as `make html` does, then
changes one thing (or nothing) and builds again, and compares with a cold build in another
folder. The clock is a change too: a scheduled story comes out, a story leaves the news sitemap.
"""

from __future__ import annotations

import os
import shutil
import time
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sitekit import Build, Site, run_pelican, text_of
from tests.test_incremental import differences, tree
from warta import uptodate
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


@pytest.fixture(params=["here", "forked"])
def asked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Where a tree's entries are asked for their status: in this process, or in forked
    workers, two entries each (as at archive scale)."""
    if request.param == "forked":
        monkeypatch.setattr(uptodate, "_PARALLEL_FROM", 1)
        monkeypatch.setattr(uptodate, "_RANGE_LIMIT", 2)
    return str(request.param)


@pytest.mark.parametrize("change", CHANGES)
def test_a_tree_sees_every_change_without_listing_a_folder(
    tmp_path: Path, change: str, asked: str
) -> None:
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


@pytest.mark.parametrize("change", CHANGES)
def test_a_tree_refreshed_from_statuses_asked_before_is_the_same_tree(
    tmp_path: Path, change: str, asked: str
) -> None:
    """The statuses the up-to-date check asked for (`Tree.asked`), handed to `refreshed`, give
    the tree that asking again gives, and that tree is a fresh walk's."""
    folder = tmp_path / "site"
    (folder / "a" / "deep").mkdir(parents=True)
    (folder / "a" / "b.txt").write_bytes(b"A")
    (folder / "a" / "deep" / "d.txt").write_bytes(b"D")
    walked = Tree.of(folder)
    after_the_tick(walked, folder)
    walked = Tree.of(folder, fs_clock(tmp_path))
    after_the_tick(walked, folder)
    if change != "linked file changed":  # the tree has no link: its target is another's
        CHANGES[change](folder)
    clock = fs_clock(tmp_path)
    statuses = walked.asked()
    assert walked.unchanged(statuses) == (change == "linked file changed")
    handed = walked.refreshed(clock, statuses)
    assert entries(handed) == entries(walked.refreshed(clock)) == entries(Tree.of(folder))


def test_a_changed_input_is_asked_for_its_status_once_by_the_check_and_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build whose input changed: the up-to-date check asks every input file for its status,
    and the walk that stamps the inputs takes those statuses rather than ask again."""
    content = tmp_path / "content"
    for path in ("articles/a.md", "articles/b.md", "pages/c.md"):
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(path)
    settings = {
        "PATH": str(content),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "WARTA_CACHE_PATH": str(tmp_path / "cache"),
        "WARTA_DATA_PATH": "",
        "WARTA_MODE": "build",
        "WARTA_UP_TO_DATE_CHECK": True,
    }
    (tmp_path / "output").mkdir()
    monkeypatch.setattr(uptodate, "_plugin_inputs", lambda settings: [])
    monkeypatch.setattr(uptodate.Snapshot, "inputs", lambda self: "the same inputs")
    now = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    first = uptodate.Snapshot(settings)
    after_the_tick(Tree.of(content), content)
    first.walk()
    first.cache.save(
        first.name,
        first.key,
        uptodate.Stamp("the same inputs", first._trees, Tree.of(tmp_path / "output"), now, None, 0),
    )
    after_the_tick(first._trees[0], content)
    (content / "articles" / "b.md").write_text("edited")
    after_the_tick(Tree.of(content), content)  # the build starts after the edit's own tick
    asked: list[str] = []
    stat = os.stat

    def counted(path: str, *args: object, **kwargs: object) -> os.stat_result:
        # Below the content folder: the folder itself is looked at as its path is resolved.
        if str(path).startswith(f"{content}{os.sep}"):
            asked.append(os.path.relpath(path, content))
        return stat(path, *args, **kwargs)  # type: ignore[arg-type]

    snapshot = uptodate.Snapshot(settings)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "stat", counted)
        assert snapshot.unchanged(now) is None
        checked = sorted(asked)
        snapshot.walk()
    assert checked == ["articles", "articles/a.md", "articles/b.md", "pages", "pages/c.md"]
    assert sorted(asked) == checked  # the walk asked for nothing more
    assert entries(snapshot._trees[0]) == entries(Tree.of(content))
    assert not snapshot.racy


def test_a_link_to_a_folder_or_to_nothing_is_never_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "elsewhere").symlink_to(tmp_path)
    assert not Tree.of(folder).trusted
    (folder / "elsewhere").unlink()
    (folder / "nowhere").symlink_to(tmp_path / "missing")
    assert not Tree.of(folder).unchanged()


def fs_clock(folder: Path) -> int:
    """The file system's time now, as it stamps a file."""
    probe = folder / "clock"
    probe.write_bytes(b"")
    return probe.stat().st_mtime_ns


def entries(tree: Tree) -> dict[tuple[str, str], tuple[int, ...]]:
    """Each folder, file and link of `tree` with its numbers, whatever the walk's order."""
    numbers = list(array("q", tree.numbers))
    folders = tree.folders.split("\0")
    files = tree.files.split("\0") if tree.files else []
    links = tree.links.split("\0")[0::2] if tree.links else []
    found: dict[tuple[str, str], tuple[int, ...]] = {}
    for index, path in enumerate(folders):
        found["folder", path] = tuple(numbers[3 * index : 3 * index + 3])
    offset = 3 * len(folders)
    for kind, paths in (("file", files), ("link", links)):
        for index, path in enumerate(paths):
            found[kind, path] = tuple(numbers[offset + 4 * index : offset + 4 * index + 4])
        offset += 4 * len(paths)
    return found


@contextmanager
def listings(folder: Path) -> Iterator[list[str]]:
    """The folders under `folder` listed (`os.scandir`) while in the block, relative to it."""
    listed: list[str] = []
    scandir = os.scandir

    def counted(path: str) -> Iterator[os.DirEntry[str]]:
        listed.append(os.path.relpath(path, folder))
        return scandir(path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "scandir", counted)
        yield listed


def _folder_removed(folder: Path) -> None:
    shutil.rmtree(folder / "a" / "deep")


def _folders_added(folder: Path) -> None:
    (folder / "a" / "new" / "newer").mkdir(parents=True)
    (folder / "a" / "new" / "newer" / "e.txt").write_bytes(b"E")
    (folder / "a" / "new" / "f.txt").write_bytes(b"F")


def _moved_into_a_new_folder(folder: Path) -> None:
    (folder / "x").mkdir()
    (folder / "a" / "deep" / "d.txt").rename(folder / "x" / "d.txt")


WALKED_AGAIN: dict[str, Callable[[Path], object]] = {
    **CHANGES,
    "nothing": lambda folder: None,
    "folder removed": _folder_removed,
    "folders added": _folders_added,
    "file moved into a new folder": _moved_into_a_new_folder,
    "file rewritten in place": lambda folder: (folder / "b" / "c" / "g.txt").write_bytes(b"GG"),
}


@pytest.mark.parametrize("change", WALKED_AGAIN)
def test_a_tree_walked_again_lists_only_the_folders_whose_times_changed(
    tmp_path: Path, change: str, asked: str
) -> None:
    folder = tmp_path / "site"
    for path in ("a/deep/d.txt", "a/b.txt", "b/c/g.txt", "b/h.txt", "i.txt"):
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(path.encode())
    (tmp_path / "target.txt").write_bytes(b"T")
    if change == "linked file changed":
        (folder / "link.txt").symlink_to(tmp_path / "target.txt")
    walked = Tree.of(folder, fs_clock(tmp_path))
    after_the_tick(walked, folder)
    WALKED_AGAIN[change](folder)
    with listings(folder) as listed:
        again = walked.refreshed(fs_clock(tmp_path))
    assert entries(again) == entries(Tree.of(folder))
    assert again.trusted
    assert again.unchanged()
    if change == "linked file changed":
        return  # a tree with links is walked in full
    # Only what a name was added to or taken from, and what is new, is listed again: never
    # "b", whose file was rewritten in place.
    expected = {
        "nothing": set(),
        "file rewritten in place": set(),
        "same length, old modification time": set(),
        "folder removed": {"a"},
        "empty folder added": {"a", "a/c"},
        "file replaced by a folder": {"a", "a/b.txt"},
        "folders added": {"a", "a/new", "a/new/newer"},
        "file moved into a new folder": {".", "a/deep", "x"},
    }.get(change, {"a"})
    assert set(listed) == expected


def test_a_folder_changed_in_the_walks_own_tick_is_listed_again(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "a").mkdir(parents=True)
    after_the_tick(Tree.of(folder), folder)
    (folder / "a" / "b.txt").write_bytes(b"B")
    # As if the walk began in the tick in which "a" was last changed: a name added in that
    # same tick could leave its times as the walk found them. The root changed before.
    walked = Tree.of(folder, (folder / "a").stat().st_ctime_ns)
    untimed = Tree.of(folder)
    with listings(folder) as listed:
        walked.refreshed(fs_clock(tmp_path))
    assert listed == ["a"]
    with listings(folder) as listed:
        untimed.refreshed(fs_clock(tmp_path))  # no time to trust: walked in full
    assert sorted(listed) == [".", "a"]


def test_after_a_build_a_folder_changed_in_the_walks_own_tick_is_listed_again(
    tmp_path: Path,
) -> None:
    """`Tree.after`, as `refreshed`: a folder whose times are in the tick the last walk began
    in may have taken a name in that same tick with its times unmoved, so it is listed again
    though the build changed nothing in it."""
    folder = tmp_path / "site"
    (folder / "a").mkdir(parents=True)
    (folder / "far").mkdir()
    after_the_tick(Tree.of(folder), folder)
    (folder / "a" / "b.txt").write_bytes(b"B")
    walked = Tree.of(folder, (folder / "a").stat().st_ctime_ns)
    with listings(folder) as listed:
        again = walked.after([], fs_clock(tmp_path))
    assert listed == ["a"]
    assert entries(again) == entries(Tree.of(folder))


def _page_replaced(folder: Path) -> list[str]:
    fresh = folder / "staged.txt"
    fresh.write_bytes(b"a new page")
    os.replace(fresh, folder / "a" / "b.txt")
    return ["a/b.txt"]


def _page_in_new_folders(folder: Path) -> list[str]:
    (folder / "n" / "m").mkdir(parents=True)
    (folder / "n" / "m" / "p.txt").write_bytes(b"P")
    return ["n"]


def _page_removed_with_its_folder(folder: Path) -> list[str]:
    shutil.rmtree(folder / "a" / "deep")
    return ["a/deep/d.txt"]


def _folder_replaced_whole(folder: Path) -> list[str]:
    shutil.rmtree(folder / "b" / "c")
    (folder / "b" / "c" / "inner").mkdir(parents=True)
    (folder / "b" / "c" / "inner" / "q.txt").write_bytes(b"Q")
    return ["b/c"]


def _rewritten_in_place_in_a_named_folder(folder: Path) -> list[str]:
    (folder / "b" / "c" / "g.txt").write_bytes(b"GG")  # as Pelican copies the theme's files
    return ["b"]


def _hard_link_made(folder: Path) -> list[str]:
    os.link(folder / "b" / "h.txt", folder / "a" / "h.txt")  # as a photo placed from the cache
    return ["a/h.txt"]


AFTER_A_BUILD: dict[str, Callable[[Path], list[str]]] = {
    "nothing": lambda folder: [],
    "page replaced": _page_replaced,
    "page in new folders": _page_in_new_folders,
    "page removed with its folder": _page_removed_with_its_folder,
    "folder replaced whole": _folder_replaced_whole,
    "file rewritten in place in a named folder": _rewritten_in_place_in_a_named_folder,
    "hard link made to a file elsewhere": _hard_link_made,
}


@pytest.mark.parametrize("change", AFTER_A_BUILD)
def test_a_tree_after_a_build_asks_only_for_what_the_build_changed(
    tmp_path: Path, change: str
) -> None:
    """`Tree.after`: told what a build's commit changed, the tree is what a walk finds, and no
    folder or file far from those changes is listed or asked for its status."""
    folder = tmp_path / "site"
    for path in ("a/deep/d.txt", "a/b.txt", "b/c/g.txt", "b/h.txt", "far/away/z.txt"):
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(path.encode())
    after_the_tick(Tree.of(folder), folder)  # nothing in the walk's own tick
    walked = Tree.of(folder, fs_clock(tmp_path))
    after_the_tick(walked, folder)
    changed = AFTER_A_BUILD[change](folder)
    asked: list[str] = []
    stat = os.stat

    def counted(path: str, *args: object, **kwargs: object) -> os.stat_result:
        asked.append(os.path.relpath(path, folder))
        return stat(path, *args, **kwargs)  # type: ignore[arg-type]

    with listings(folder) as listed, pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "stat", counted)
        again = walked.after(changed, fs_clock(tmp_path))
    assert entries(again) == entries(Tree.of(folder))
    assert again.trusted
    assert again.unchanged()
    assert not [path for path in [*listed, *asked] if path.startswith("far")]
    if change == "nothing":
        assert listed == []


def test_the_stamp_follows_each_build_of_what_it_changed(site: Site) -> None:
    """After an edit, a story removed, a story added and a page changed, each build's stamp is
    output/ as it stands, though made from the last one and what the commit changed
    (`Tree.after`): the next build finds nothing changed. Pelican's own copy of the theme's
    files, in place, is among what changed."""
    newsroom(site)
    build(site)
    changes: list[Callable[[], object]] = [
        lambda: site.article("pasar.md", Title="Pasar Terapung Makin Ramai", Slug="pasar"),
        (site.content / "articles" / "jalan.md").unlink,
        lambda: site.article("sidang.md", Title="Sidang Ditunda", Slug="sidang"),
        lambda: site.write("pages/tentang.md", "Title: Tentang Kami\n\nRedaksi Warta.\n"),
    ]
    for change in changes:
        change()
        done = build(site)
        assert UP_TO_DATE not in done.stderr
        assert UP_TO_DATE in build(site).stderr
        assert differences(cold(site), tree(done.output)) == []


def test_output_changed_besides_a_build_is_walked_in_full_the_next_time(site: Site) -> None:
    """A file put in output/ by hand in a folder no build touched, with an edit: the stamp made
    from the last one does not name it, so the next build does not take the site as up to
    date; that build walks output/ in full, and the one after finds nothing changed."""
    newsroom(site)
    build(site)
    # A first edit: the stamp's last entries are no longer in the tick of its clock, which
    # are listed again whatever changed (`Tree._racy`).
    site.article("pasar.md", Title="Pasar Terapung Makin Ramai", Slug="pasar")
    first = build(site)
    stray = first.output / "tentang" / "stray.txt"  # a page the edits do not touch
    stray.write_bytes(b"put here by hand")
    site.article("pasar.md", Title="Pasar Terapung Ramai Sekali", Slug="pasar")
    assert UP_TO_DATE not in build(site).stderr
    assert UP_TO_DATE not in build(site).stderr
    assert UP_TO_DATE in build(site).stderr
    assert stray.read_bytes() == b"put here by hand"


# What a build's commit does to output/, each step naming what it changed as `Writes.committed`
# does: (kind, path), on paths of a small alphabet so that steps meet on the same folders.
_NAMES = st.sampled_from(["a", "b", "c"])
_STEPS = st.lists(
    st.tuples(
        st.sampled_from(["page", "folder moved in", "removed", "hard link", "theme"]),
        st.lists(_NAMES, min_size=1, max_size=3).map("/".join),
    ),
    max_size=6,
)


def _commit_step(folder: Path, kind: str, path: str) -> str:
    """Do one step of a commit at `path` under `folder`, as `Writes.commit` would; returns the
    name it reports changed."""
    target = folder / path
    staged = folder.parent / "staged"
    shutil.rmtree(staged, ignore_errors=True)
    if kind == "theme":
        for file in sorted((folder / "theme").rglob("*.txt")):
            file.write_bytes(file.read_bytes() + b".")  # in place, as Pelican copies
        return "theme"
    if kind == "removed":
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        return path
    # A file in the way of a folder is replaced by one (`Writes._real_folders`).
    for parent in reversed(target.relative_to(folder).parents):
        if parent != Path(".") and (folder / parent).is_file():
            (folder / parent).unlink()
        (folder / parent).mkdir(exist_ok=True)
    if kind == "folder moved in":
        (staged / "inner").mkdir(parents=True)
        (staged / "inner" / "p.txt").write_bytes(path.encode())
    elif kind == "hard link":
        os.link(folder / "theme" / "t.txt", staged)  # as a photo placed from the cache
    else:
        staged.write_bytes(path.encode() * 2)
    if target.is_dir():
        shutil.rmtree(target)
    os.replace(staged, target)
    return path


def _apart(one: str, other: str) -> bool:
    return one != other and not one.startswith(f"{other}/") and not other.startswith(f"{one}/")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=_STEPS)
def test_a_tree_after_any_commit_is_the_walk_of_output(
    tmp_path: Path, steps: list[tuple[str, str]]
) -> None:
    """Whatever a commit writes, replaces, moves in whole, links or removes, and the theme's
    files rewritten in place, `Tree.after` told of it gives the tree a full walk gives."""
    root = tmp_path / f"run-{len(list(tmp_path.iterdir()))}"
    folder = root / "output"
    for path in ("a/x.txt", "a/b/y.txt", "b/x.txt", "c/a/x.txt", "theme/shared.txt", "theme/t.txt"):
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(path.encode())
    os.link(folder / "c" / "a" / "x.txt", folder / "b" / "shared.txt")  # a photo used twice
    after_the_tick(Tree.of(folder), folder)
    walked = Tree.of(folder, fs_clock(root))
    after_the_tick(walked, folder)
    # A commit writes each name once, and never a name and one inside it (they would clash).
    commit: list[tuple[str, str]] = []
    for kind, path in steps:
        if all(_apart(path, other) for _, other in commit):
            commit.append((kind, path))
    changed = [_commit_step(folder, kind, path) for kind, path in commit]
    again = walked.after(changed, fs_clock(root))
    assert entries(again) == entries(Tree.of(folder))
    assert again.unchanged()
