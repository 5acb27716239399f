"""What each file of output/ was made from (`warta.keyed`): one service decides, for every kind
of output, what is made again and what is withdrawn. Real builds of a small site, read from
output/."""

from __future__ import annotations

import importlib
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from tests.sitekit import Site
from warta.cache import value_pickle
from warta.views import Link

PAGE = "2026/11/a/index.html"
SITE_FEED = "feeds/semua.atom.xml"
DESK_FEED = "feeds/rubrik/olahraga.atom.xml"
SITEMAP = "sitemap.xml"
SEARCH_PART = "pagefind/2026"


def times(output: Path) -> dict[str, int]:
    """Each file's modification time, by its path in output/; the theme's own files left out
    (Pelican copies them, not an output of Warta's)."""
    return {
        path.relative_to(output).as_posix(): path.stat().st_mtime_ns
        for path in output.rglob("*")
        if path.is_file() and not path.relative_to(output).as_posix().startswith("theme/")
    }


def tamper(path: Path) -> bytes:
    """Change a file by hand to the same length and modification time; return what it held."""
    original = path.read_bytes()
    status = path.stat()
    path.write_bytes(bytes(255 - byte for byte in original))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    return original


def _built(root: Path) -> tuple[Site, Path]:
    """A site of two stories (one of the Olahraga desk), built cold."""
    site = Site(root)
    site.article("a.md", Slug="a")
    site.article("b.md", Slug="b", Title="Tim Dayung Banjar Juara", Category="Olahraga")
    first = site.build()
    assert first.returncode == 0, first.stderr
    return site, first.output


def test_each_output_is_made_again_only_when_its_inputs_or_its_file_changed(
    tmp_path: Path,
) -> None:
    site, output = _built(tmp_path)
    for name in (PAGE, SITE_FEED, DESK_FEED, SITEMAP):
        assert (output / name).is_file(), name
    fragments = sorted((output / SEARCH_PART / "fragment").iterdir())
    assert fragments
    before = times(output)

    # Nothing changed: no page, feed, sitemap or search file is written again.
    again = site.build()
    assert again.returncode == 0, again.stderr
    assert times(output) == before

    # Each kind of output changed by hand, to the same length and time: each is made again,
    # and only it.
    fragment = f"{SEARCH_PART}/fragment/{fragments[0].name}"
    made = {name: tamper(output / name) for name in (PAGE, SITE_FEED, SITEMAP, fragment)}
    mended = site.build()
    assert mended.returncode == 0, mended.stderr
    for name, original in made.items():
        assert (output / name).read_bytes() == original, name
    after = times(output)
    rewritten = {name for name in after if after.get(name) != before.get(name)}
    # A search part is placed whole: its other files may be new too.
    assert {name for name in rewritten if not name.startswith(f"{SEARCH_PART}/")} == {
        PAGE,
        SITE_FEED,
        SITEMAP,
    }


def test_a_page_is_not_rewritten_for_what_was_kept_from_the_last_build(tmp_path: Path) -> None:
    """After a cold build, a build that reads every record from the cache and keeps the last
    build's related stories rewrites no file: a page's key is the same whether a place's name
    in it came from a record read now or from the related stories kept (they pickled apart,
    and every story page listing other stories of its place was written again)."""
    site, output = _built(tmp_path)
    before = times(output)
    # Saved again as it was: read again, the same record, the related stories kept.
    story = site.content / "articles" / "a.md"
    story.write_bytes(story.read_bytes())
    again = site.build()
    assert again.returncode == 0, again.stderr
    assert times(output) == before


def test_how_many_workers_a_build_uses_rewrites_no_output(tmp_path: Path) -> None:
    """The number of processes of any stage (each `*_WORKERS` setting of Warta's plugins) says
    how a build runs, never what it writes: a build with one of each after one with the
    defaults writes no file again."""
    site, output = _built(tmp_path)
    before = times(output)
    names = sorted(
        setting.name
        for plugin in ("newsroom_model", "related_stories", "news_images", "findability")
        for setting in importlib.import_module(f"{plugin}.settings").SETTINGS
        if setting.name.endswith("_WORKERS")
    )
    assert {"WARTA_WORKERS", "WARTA_RELATED_WORKERS", "WARTA_IMAGES_WORKERS"} <= set(names)
    single = site.build("".join(f"{name} = 1\n" for name in names))
    assert single.returncode == 0, single.stderr
    assert times(output) == before


def test_what_no_output_makes_any_more_is_withdrawn(tmp_path: Path) -> None:
    """The one story of a desk deleted: its page and its desk's feeds go, as a cold build would
    never have written them."""
    site = Site(tmp_path)
    site.article("a.md", Slug="a")
    sport = site.article("b.md", Slug="b", Title="Tim Dayung Banjar Juara", Category="Olahraga")
    first = site.build()
    assert first.returncode == 0, first.stderr
    assert (first.output / DESK_FEED).is_file()
    sport.unlink()
    second = site.build()
    assert second.returncode == 0, second.stderr
    output = second.output
    assert not (output / "2026/11/b/index.html").exists()
    assert not (output / DESK_FEED).exists()
    assert not (output / DESK_FEED.replace(".atom.", ".rss.")).exists()
    assert (output / SITE_FEED).is_file()


def test_sitemaps_are_written_again_only_when_what_they_print_changed(tmp_path: Path) -> None:
    """A headline edited in a story older than the news window changes its page, and no
    address or time: the sitemaps stay as they are, as a cold build would make them. A new
    Modified time is printed, so they are written again."""
    site, output = _built(tmp_path)
    before = times(output)
    title = "Pasar Terapung Lok Baintan Makin Ramai"
    site.article("a.md", Slug="a", Title=title)
    edited = site.build()
    assert edited.returncode == 0, edited.stderr
    after = times(output)
    assert after[PAGE] != before[PAGE]
    assert after[SITEMAP] == before[SITEMAP]
    assert after["news-sitemap.xml"] == before["news-sitemap.xml"]
    _as_cold(site, tmp_path, output)
    site.article("a.md", Slug="a", Title=title, Modified="2026-11-20 10:00")
    modified = site.build()
    assert modified.returncode == 0, modified.stderr
    assert times(output)[SITEMAP] != after[SITEMAP]
    assert "<lastmod>2026-11-20T10:00:00+08:00</lastmod>" in (output / SITEMAP).read_text("utf-8")


# The two stories' times the sitemap tests give their lists: the newer's and the older's.
NEWER, OLDER = "2026-11-18T09:00:00+08:00", "2026-11-17T09:00:00+08:00"


def _lastmods(sitemap: Path, *addresses: str) -> list[str]:
    """The times sitemap.xml gives the addresses ending in `addresses`, in their order."""
    text = sitemap.read_text("utf-8")
    times = []
    for address in addresses:
        found = re.search(rf"<loc>[^<]*/{re.escape(address)}</loc><lastmod>([^<]+)</lastmod>", text)
        assert found is not None, address
        times.append(found[1])
    return times


def _as_cold(site: Site, root: Path, output: Path) -> None:
    """Every file in `output` is byte for byte what a cold build of the same content writes,
    in a folder of its own, with no cache."""
    cold = Site(root / "cold-site")
    shutil.copytree(site.content, cold.content, dirs_exist_ok=True)
    built = cold.build()
    assert built.returncode == 0, built.stderr
    files = {path.relative_to(output): path for path in output.rglob("*") if path.is_file()}
    fresh = {path.relative_to(built.output) for path in built.output.rglob("*") if path.is_file()}
    assert set(files) == fresh
    for name, path in files.items():
        assert path.read_bytes() == (built.output / name).read_bytes(), name
    shutil.rmtree(root / "cold-site")


def test_sitemaps_are_planned_from_what_they_print_and_follow_a_story_between_lists(
    tmp_path: Path,
) -> None:
    """The sitemaps' inputs are each story's address, times and the fields that put it in
    listings, not its whole record: a headline edited does not even put their entries together
    again (the inputs noted for the next build are not saved again). Two stories that swap tags
    change no listing's address or size, only which story is each tag's newest: the sitemaps
    print the new times, as a cold build does."""
    site = Site(tmp_path)
    site.article("a.md", Slug="a", Date="2026-11-18 09:00", Tags="banjir")
    site.article("b.md", Slug="b", Date="2026-11-17 09:00", Tags="jalan")
    site.article("c.md", Slug="c", Date="2026-11-10 09:00", Tags="banjir, jalan")
    first = site.build()
    assert first.returncode == 0, first.stderr
    sitemap = first.output / SITEMAP
    assert _lastmods(sitemap, "tag/banjir/", "tag/jalan/") == [NEWER, OLDER]
    [noted] = tmp_path.rglob("sitemap-inputs.cache")
    noted_at = noted.stat().st_mtime_ns

    site.article("c.md", Slug="c", Date="2026-11-10 09:00", Tags="banjir, jalan", Title="Baru")
    edited = site.build()
    assert edited.returncode == 0, edited.stderr
    assert noted.stat().st_mtime_ns == noted_at

    site.article("a.md", Slug="a", Date="2026-11-18 09:00", Tags="jalan")
    site.article("b.md", Slug="b", Date="2026-11-17 09:00", Tags="banjir")
    swapped = site.build()
    assert swapped.returncode == 0, swapped.stderr
    assert _lastmods(sitemap, "tag/banjir/", "tag/jalan/") == [OLDER, NEWER]
    _as_cold(site, tmp_path, swapped.output)


def test_a_listing_is_as_new_as_its_newest_change_whatever_zone_its_time_was_written_in(
    tmp_path: Path,
) -> None:
    """The tag lists b (09:30 WIB, 10:30 WITA), a (10:00 WITA), then c (09:30 WIT, 08:30
    WITA), which was modified at 12:00 WIB: 13:00 WITA, the latest change. The tag's time in
    sitemap.xml is c's, printed in the site's zone, though c is listed last."""
    site = Site(tmp_path)
    site.article("a.md", Slug="a", Date="2026-11-18 10:00", Tags="banjir")
    site.article("b.md", Slug="b", Date="2026-11-18 09:30 WIB", Tags="banjir")
    site.article(
        "c.md",
        Slug="c",
        Date="2026-11-18 09:30 WIT",
        Modified="2026-11-18 12:00 WIB",
        Tags="banjir",
    )
    built = site.build()
    assert built.returncode == 0, built.stderr
    assert _lastmods(built.output / SITEMAP, "tag/banjir/") == ["2026-11-18T13:00:00+08:00"]
    site.article("c.md", Slug="c", Date="2026-11-18 09:30 WIT", Tags="banjir")
    rebuilt = site.build()
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _lastmods(rebuilt.output / SITEMAP, "tag/banjir/") == ["2026-11-18T10:30:00+08:00"]


def test_sitemaps_follow_writers_whose_profile_addresses_are_swapped(tmp_path: Path) -> None:
    """Which profile a byline files a story under comes from the authors' data file, not from
    the story's record: two writers who swap their slugs there keep every list's address and
    size, and swap their lists' newest stories. The sitemaps print the new times, as a cold
    build does."""
    site = Site(tmp_path)
    authors = tmp_path / "content" / "data" / "authors.yaml"

    def writers(siti: str, fauzan: str) -> None:
        authors.write_text(
            f"- name: Siti Aisyah Noor\n  slug: {siti}\n  role: Reporter\n"
            f"- name: Muhammad Fauzan\n  slug: {fauzan}\n  role: Reporter\n",
            encoding="utf-8",
        )

    writers("siti-aisyah-noor", "muhammad-fauzan")
    site.article("a.md", Slug="a", Date="2026-11-18 09:00", Author="Siti Aisyah Noor")
    site.article("b.md", Slug="b", Date="2026-11-17 09:00", Author="Muhammad Fauzan")
    first = site.build()
    assert first.returncode == 0, first.stderr
    profiles = ("penulis/siti-aisyah-noor/", "penulis/muhammad-fauzan/")
    assert _lastmods(first.output / SITEMAP, *profiles) == [NEWER, OLDER]

    writers("muhammad-fauzan", "siti-aisyah-noor")
    swapped = site.build()
    assert swapped.returncode == 0, swapped.stderr
    assert _lastmods(swapped.output / SITEMAP, *profiles) == [OLDER, NEWER]
    _as_cold(site, tmp_path, swapped.output)


def test_equal_values_pickle_alike_for_a_digest_whichever_parts_are_one_object() -> None:
    """`value_pickle`: a key whose two equal names are one string, and one where they are two,
    give the same bytes (a plain pickle writes the second as a reference to the first); a key
    that holds itself is refused, not followed forever."""
    name = "".join(["Kota ", "Banjarmasin"])
    shared = (Link(name, "lokasi/kota-banjarmasin/"), ("place", name))
    copied = (Link(name, "lokasi/kota-banjarmasin/"), ("place", "".join(["Kota ", "Banjarmasin"])))
    assert shared == copied
    assert pickle.dumps(shared, protocol=5) != pickle.dumps(copied, protocol=5)
    assert value_pickle(shared) == value_pickle(copied)
    looped: list[object] = []
    looped.append(looped)
    with pytest.raises(ValueError, match="cyclic"):
        value_pickle(looped)


def test_a_story_page_follows_what_it_shows_of_other_stories_and_of_the_data_files(
    tmp_path: Path,
) -> None:
    """What a story's page shows comes from more than its record, and its key holds all of it:
    another story's headline (before or after it on its desk, or on its "Baca juga" card, as
    for d, of another desk) and the address of a writer's page, from the authors' data file.
    After each of these changes, the whole site is a cold build's, byte for byte. Without the
    "Baca juga" in a story page's key, or the bylines, this test fails."""
    site = Site(tmp_path)
    tags = "dayung, sungai martapura"
    site.article("a.md", Slug="a", Date="2026-11-16 09:00", Category="Olahraga", Tags=tags)
    site.article(
        "b.md",
        Slug="b",
        Date="2026-11-17 09:00",
        Author="Muhammad Fauzan",
        Category="Olahraga",
        Tags=tags,
    )
    site.article("c.md", Slug="c", Date="2026-11-18 09:00", Category="Olahraga", Tags=tags)
    # Of another desk: b is in its "Baca juga", and is not its neighbour.
    site.article("d.md", Slug="d", Date="2026-11-15 09:00", Tags=tags)
    first = site.build()
    assert first.returncode == 0, first.stderr
    output = first.output
    pages = {name: output / f"2026/11/{name}/index.html" for name in "abcd"}
    assert "Dayung" not in pages["d"].read_text("utf-8")

    headline = "Atlet Dayung Banjar Berlatih di Sungai Martapura"
    site.article(
        "b.md",
        Slug="b",
        Date="2026-11-17 09:00",
        Author="Muhammad Fauzan",
        Title=headline,
        Category="Olahraga",
        Tags=tags,
    )
    edited = site.build()
    assert edited.returncode == 0, edited.stderr
    for name in "acd":
        assert headline in pages[name].read_text("utf-8"), name
    _as_cold(site, tmp_path, output)

    authors = site.content / "data" / "authors.yaml"
    text = authors.read_text("utf-8")
    assert "slug: siti-aisyah-noor\n" in text
    authors.write_text(text.replace("slug: siti-aisyah-noor\n", "slug: siti-aisyah\n"), "utf-8")
    moved = site.build()
    assert moved.returncode == 0, moved.stderr
    assert "/penulis/siti-aisyah/" in pages["a"].read_text("utf-8")
    assert "/penulis/siti-aisyah/" not in pages["b"].read_text("utf-8")
    _as_cold(site, tmp_path, output)
