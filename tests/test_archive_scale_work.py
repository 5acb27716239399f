"""Work a build does once per story, or not at all, that used to grow with the archive.

- The interpreter's cycle collector is paused while a build runs (warta/memory.py), also when
  the build stops on a content mistake, and runs again after it; worker processes forked
  during the build collect.
- Pelican is asked for no file's modification time when it caches nothing.
- Pelican makes no object per story when nothing outside Warta can look at one; when something
  can (a third-party receiver), it makes every one, and the site is the same.
- Outputs are checked for clashes only when what they claim changed.
- Related stories are ranked again only when what the ranking reads of a story changed.
- A story's terms for the related stories are tokenised once: a later build takes them from
  the cache, kept in shards, for every story whose record did not change.
- A record's digest is worked out once: a later build takes it from the cache for every story
  whose file did not change, and the site is the same as a cold build's.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from tests.sitekit import REPO
from tests.test_incremental import Newsroom, differences, tree


def _newsroom(
    root: Path, monkeypatch: pytest.MonkeyPatch, stories: int, extra: str = ""
) -> Newsroom:
    """A small site of `stories` stories, 'berita-N.md' with the slug 'bN'."""
    monkeypatch.chdir(root)
    room = Newsroom(root)
    room.extra = extra
    for number in range(stories):
        room.site.article(f"berita-{number}.md", Title=f"Berita Nomor {number}", Slug=f"b{number}")
    return room


def _same_as_cold(room: Newsroom) -> None:
    """The site the incremental builds left equals a cold build of the same content."""
    error, cold = room.cold()
    assert error is None
    assert differences(tree(cold), tree(room.root / "out-incremental")) == []


def _watch_collector(seen: list[bool]) -> Any:
    """A receiver for `article_generator_finalized` (sent before the site is planned and
    checked) noting whether collection is on then."""

    def note(generators: Any) -> None:
        seen.append(gc.isenabled())

    return note


def test_a_build_pauses_the_collector_and_leaves_it_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pelican import Pelican, signals  # noqa: PLC0415 - plugins importable once settings load

    from warta.problems import ContentErrors  # noqa: PLC0415

    room = _newsroom(tmp_path, monkeypatch, 1)
    seen: list[bool] = []
    note = _watch_collector(seen)
    signals.article_generator_finalized.connect(note)
    try:
        assert gc.isenabled()
        assert room.incremental() is None
        assert seen == [False]
        assert gc.isenabled()
        # A build that stops on a content mistake gives the collector back too.
        room.site.article("rusak.md", Title="Berita Tanpa Tanggal", Date="kemarin sore")
        stopping = Pelican(room.settings(tmp_path / "out-2", tmp_path / "cache-2"))
        with pytest.raises(ContentErrors):
            stopping.run()
        assert seen == [False, False]
        assert gc.isenabled()
    finally:
        signals.article_generator_finalized.disconnect(note)


def _collecting(start: int, end: int) -> list[bool]:
    return [gc.isenabled()] * (end - start)


def test_workers_forked_during_a_build_collect() -> None:
    from warta.memory import build_pause  # noqa: PLC0415
    from warta.parallel import map_ranges  # noqa: PLC0415

    with build_pause():
        assert not gc.isenabled()
        with build_pause():  # nested: changes nothing
            assert not gc.isenabled()
        assert not gc.isenabled()
        forked = map_ranges(_collecting, 8, 2, parallel_from=4, range_limit=2)
        here = map_ranges(_collecting, 8, 2, parallel_from=100, range_limit=2)
    assert gc.isenabled()
    if (os.cpu_count() or 1) > 1:
        assert [flag for part in forked for flag in part] == [True] * 8
    assert [flag for part in here for flag in part] == [False] * 8


def test_pelican_takes_no_file_stamps_when_it_caches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = _newsroom(tmp_path, monkeypatch, 3)
    room.site.write("pages/tentang.md", "Title: Tentang Kami\n\nRedaksi Warta Banua.\n")
    asked: list[str] = []
    original = os.path.getmtime

    def getmtime(path: Any) -> float:
        asked.append(os.fspath(path))
        return original(path)

    # Pelican's caches take the function when they are made, during the build.
    monkeypatch.setattr(os.path, "getmtime", getmtime)
    assert room.incremental() is None
    assert (tmp_path / "out-incremental" / "2026" / "11" / "b2" / "index.html").is_file()
    content = str(room.site.content)
    assert [path for path in asked if path.startswith(content)] == []


def test_an_unchanged_record_is_not_digested_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = _newsroom(tmp_path, monkeypatch, 4, extra="WARTA_UP_TO_DATE_CHECK = False\n")
    import newsroom_model.site  # noqa: PLC0415 - importable once settings load

    original = newsroom_model.site.record_key
    digested: list[str] = []

    def record_key(story: Any) -> str:
        digested.append(Path(story.path).name)
        return original(story)

    monkeypatch.setattr(newsroom_model.site, "record_key", record_key)
    assert room.incremental() is None
    assert sorted(digested) == [f"berita-{number}.md" for number in range(4)]
    digested.clear()
    assert room.incremental() is None
    assert digested == []
    room.site.article("berita-2.md", Title="Berita Nomor Dua Diperbarui", Slug="b2")
    assert room.incremental() is None
    assert digested == ["berita-2.md"]
    _same_as_cold(room)
    page = (tmp_path / "out-incremental" / "2026" / "11" / "b2" / "index.html").read_text("utf-8")
    assert "Berita Nomor Dua Diperbarui" in page


def test_a_writers_new_role_assembles_no_record_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record holds its writers' names, not who they are: a role changed in the authors'
    data file assembles no record again, and the bylines show the new role, as a cold build."""
    room = _newsroom(tmp_path, monkeypatch, 4)
    assert room.incremental() is None
    import newsroom_model.reading  # noqa: PLC0415 - importable once settings load
    import newsroom_model.record  # noqa: PLC0415 - the same

    original = newsroom_model.record.assemble
    assembled: list[str] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        assembled.append("record")
        return original(*args, **kwargs)

    monkeypatch.setattr(newsroom_model.reading, "assemble", counted)
    authors = room.site.content / "data" / "authors.yaml"
    text = authors.read_text(encoding="utf-8")
    start = text.index("- name: Siti Aisyah Noor")
    line = text.index("role:", start)
    end = text.index("\n", line)
    authors.write_text(text[:line] + "role: Redaktur Pelaksana" + text[end:], encoding="utf-8")
    assert room.incremental() is None
    assert assembled == []
    pages = (tmp_path / "out-incremental").rglob("index.html")
    assert any("Redaktur Pelaksana" in page.read_text(encoding="utf-8") for page in pages)
    _same_as_cold(room)


def _kept_shards(cache: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in cache.glob("reading-*.cache")}


def test_one_story_changed_saves_its_shards_of_the_read_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = _newsroom(tmp_path, monkeypatch, 12)
    cache = tmp_path / "cache-incremental"
    cache.mkdir()
    # What an older Warta kept in one entry goes once the shards are saved.
    (cache / "reading.cache").write_bytes(b"warta-cache 1 old\n")
    assert room.incremental() is None
    before = _kept_shards(cache)
    assert len(before) == 256
    assert not (cache / "reading.cache").exists()
    room.site.article("berita-5.md", Title="Berita Nomor Lima Diperbarui", Slug="b5")
    assert room.incremental() is None
    after = _kept_shards(cache)
    saved = sorted(name for name in after if after[name] != before[name])
    assert 1 <= len(saved) <= 2
    _same_as_cold(room)
    # A shard lost only means its files are read again: the site is the same.
    (cache / saved[0]).unlink()
    room.site.article("berita-7.md", Title="Berita Nomor Tujuh Diperbarui", Slug="b7")
    assert room.incremental() is None
    _same_as_cold(room)


def test_a_kept_record_leaves_the_sources_of_its_shard_pickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build unpickles the sources of a shard of the read files only to assemble a record
    again or to save that shard again: one story changed opens at most its old and its new
    digest's shards, the site is a cold build's, and a kept record still names what its body
    lost (from the record's body, which is its source's)."""
    room = _newsroom(tmp_path, monkeypatch, 12)
    room.site.article(
        "isi.md", Title="Isi Yang Dibersihkan", Slug="isi", body="<script>x()</script>\n\nTeks.\n"
    )
    assert room.incremental() is None
    import newsroom_model.check  # noqa: PLC0415 - importable once settings load
    import newsroom_model.reading  # noqa: PLC0415 - the same
    from newsroom_model.source import digest_of  # noqa: PLC0415 - the same

    shelf = newsroom_model.reading._Shelf
    original = shelf.sources
    opened: list[int] = []

    def counted(self: Any) -> Any:
        if self._sources is None:
            opened.append(id(self))
        return original(self)

    monkeypatch.setattr(shelf, "sources", counted)
    room.site.article("berita-5.md", Title="Berita Nomor Lima Diperbarui", Slug="b5")
    assert room.incremental() is None
    # The shards that hold sources: a file's is the first two hex digits of its bytes' digest.
    filled = {digest_of(path.read_bytes())[:2] for path in room.site.content.rglob("*.md")}
    assert len(filled) >= 8  # 13 stories and the site's pages: most in shards of their own
    assert len(opened) <= 2
    _same_as_cold(room)
    # New rules (a data file a record is assembled against) assemble every record again, from
    # every shard's sources.
    opened.clear()
    sources = room.site.content / "data" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "# diperiksa\n", encoding="utf-8")
    assert room.incremental() is None
    assert len(opened) == len(filled)
    _same_as_cold(room)
    opened.clear()
    settings = room.settings(tmp_path / "out-incremental", tmp_path / "cache-incremental")
    report = newsroom_model.check.check_site(settings)
    assert opened == []
    removed = [str(advice) for advice in report.advice if "isi.md" in str(advice)]
    assert any("<script>" in line for line in removed), report.advice


class _Noted:
    """Calls to a function of the related stories, noted in a file, as the function's `note`
    tells them: the ranking works in a forked process (`start_related`), whose calls a list of
    this process would never see. Called, the notes so far, one line each."""

    def __init__(
        self,
        monkeypatch: pytest.MonkeyPatch,
        notes: Path,
        owner: Any,
        name: str,
        note: Callable[..., Iterable[str]],
    ) -> None:
        self.notes = notes
        self.clear()
        original = getattr(owner, name)

        def noted(*args: Any) -> Any:
            with notes.open("a", encoding="utf-8") as written:
                written.writelines(f"{line}\n" for line in note(*args))
            return original(*args)

        monkeypatch.setattr(owner, name, noted)

    def __call__(self) -> list[str]:
        return self.notes.read_text(encoding="utf-8").splitlines()

    def clear(self) -> None:
        self.notes.write_text("", encoding="utf-8")


def _tokenised(monkeypatch: pytest.MonkeyPatch, notes: Path) -> _Noted:
    """The headlines of the stories the related stories' engine tokenises from now on."""
    from related_stories import engine  # noqa: PLC0415 - importable once a build loaded it

    def titles(stories: Any, config: Any, start: int, end: int) -> Iterable[str]:
        return [story.title for story in stories[start:end]]

    return _Noted(monkeypatch, notes, engine, "_terms_range", titles)


def test_one_story_changed_is_the_only_one_tokenised_again_and_saved_in_its_shards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each story's terms are kept by its record's digest, in 16 shards: a build that changes
    one story tokenises that story alone, saves only the shards its old and new terms are in,
    and gives the related stories a cold build gives."""
    room = _newsroom(tmp_path, monkeypatch, 12)
    cache = tmp_path / "cache-incremental"
    cache.mkdir()
    # What an older Warta kept in one entry goes once the shards are saved.
    (cache / "related-terms.cache").write_bytes(b"warta-cache 1 old\n")
    assert room.incremental() is None
    assert not (cache / "related-terms.cache").exists()
    before = {path.name: path.read_bytes() for path in cache.glob("related-terms-*.cache")}
    assert 1 < len(before) <= 16
    tokenised = _tokenised(monkeypatch, tmp_path / "tokenised")
    room.site.article("berita-5.md", Title="Berita Nomor Lima Diperbarui", Slug="b5")
    assert room.incremental() is None
    assert tokenised() == ["Berita Nomor Lima Diperbarui"]
    after = {path.name: path.read_bytes() for path in cache.glob("related-terms-*.cache")}
    saved = sorted(name for name in after if after[name] != before.get(name))
    assert 1 <= len(saved) <= 2
    _same_as_cold(room)


def _entry(path: Path) -> tuple[str, Any]:
    """A cache entry's key and value, read as the build reads it."""
    from warta.cache import DiskCache  # noqa: PLC0415 - as the tests above import late

    key = path.read_bytes().split(b"\n", 1)[0].split(b" ")[2].decode()
    value = DiskCache(path.parent).load(path.name.removesuffix(".cache"), key)
    assert value is not None
    return key, value


def _words_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Newsroom, Path, _Noted]:
    """Twelve stories with words of their own in their openings, built once; then the titles
    of the stories tokenised (listed) and kept words numbered again as soon as any is unused."""
    room = _newsroom(tmp_path, monkeypatch, 12)
    for number in range(12):
        own = " ".join(f"kata{chr(97 + number)}{chr(97 + word)}" for word in range(20))
        body = f"Warga membahas {own} di balai desa.\n"
        room.site.article(
            f"berita-{number}.md", body, Title=f"Berita Nomor {number}", Slug=f"b{number}"
        )
    assert room.incremental() is None
    tokenised = _tokenised(monkeypatch, tmp_path / "tokenised")
    from related_stories import links  # noqa: PLC0415 - importable once a build loaded it

    monkeypatch.setattr(links, "_SPARE_WORDS", 0)
    return room, tmp_path / "cache-incremental", tokenised


def test_kept_terms_are_read_only_with_the_words_they_are_ids_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each story's terms are kept as ids of one list of kept words. Without those words every
    story is tokenised again; a shard with an id beyond them is not read, and only its stories
    are tokenised again. Each time the site is the one a cold build makes."""
    room, cache, tokenised = _words_of_their_own(tmp_path, monkeypatch)
    (cache / "related-words.cache").unlink()
    room.site.article("berita-1.md", Title="Berita Nomor Satu Diperbarui", Slug="b1")
    assert room.incremental() is None
    assert len(tokenised()) == 12
    _same_as_cold(room)

    _, (generation, words) = _entry(cache / "related-words.cache")
    shards = sorted(cache.glob("related-terms-*.cache"))
    damaged = max(shards, key=lambda path: len(_entry(path)[1][0]))
    key, (names, bounds, ids, counts) = _entry(damaged)
    assert key.endswith(f".{generation}")
    ids[-1] = len(words)  # one id beyond the kept words
    from warta.cache import DiskCache  # noqa: PLC0415 - as above

    DiskCache(cache).save(damaged.name.removesuffix(".cache"), key, (names, bounds, ids, counts))
    room.site.article("berita-2.md", Title="Berita Nomor Dua Diperbarui", Slug="b2")
    tokenised.clear()
    assert room.incremental() is None
    assert len(names) <= len(tokenised()) <= len(names) + 1 < 12
    assert "Berita Nomor Dua Diperbarui" in tokenised()
    _same_as_cold(room)


def test_kept_words_no_story_has_are_dropped_and_the_terms_numbered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once most kept words are of stories gone, the words are numbered again (a new
    generation) and every shard is saved with them; the next edit tokenises only itself."""
    room, cache, tokenised = _words_of_their_own(tmp_path, monkeypatch)
    _, (generation, words) = _entry(cache / "related-words.cache")
    for number in range(2, 12):
        (room.site.content / "articles" / f"berita-{number}.md").unlink()
    assert room.incremental() is None
    assert tokenised() == []  # the two stories left were kept
    _, (renumbered, kept_words) = _entry(cache / "related-words.cache")
    assert renumbered != generation
    assert len(kept_words) < len(words)
    used: set[int] = set()
    for shard in cache.glob("related-terms-*.cache"):
        key, (_, _, ids, _) = _entry(shard)
        assert key.endswith(f".{renumbered}")
        used.update(ids.tolist())
    assert used == set(range(len(kept_words)))  # each word kept is one a story has
    room.site.article("berita-1.md", Title="Berita Nomor Satu Diubah Lagi", Slug="b1")
    assert room.incremental() is None
    assert tokenised() == ["Berita Nomor Satu Diubah Lagi"]
    _same_as_cold(room)


def test_related_stories_are_ranked_again_only_when_what_the_ranking_reads_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A correction past the opening words of a body changes the story's page but nothing the
    ranking reads: the last build's related stories are used, not ranked again. A new headline
    is ranked again. Each time the site is the one a cold build makes."""
    room = _newsroom(tmp_path, monkeypatch, 12)
    opening = " ".join(f"kata{number}" for number in range(400))
    body = f"{opening}\n\nWarga menyebut perbaikan jalan itu selesai pekan lalu.\n"
    room.site.article("berita-5.md", body=body, Title="Berita Nomor 5", Slug="b5")
    assert room.incremental() is None
    from related_stories import links  # noqa: PLC0415 - importable once a build loaded it

    def count(stories: Any, config: Any, terms: Any = None) -> Iterable[str]:
        return [str(len(stories))]

    ranked = _Noted(monkeypatch, tmp_path / "ranked", links, "related", count)
    corrected = body.replace("pekan lalu", "dua pekan lalu")
    room.site.article("berita-5.md", body=corrected, Title="Berita Nomor 5", Slug="b5")
    assert room.incremental() is None
    assert ranked() == []
    page = (tmp_path / "out-incremental").rglob("index.html")
    assert any("dua pekan lalu" in path.read_text(encoding="utf-8") for path in page)
    _same_as_cold(room)
    ranked.clear()  # the cold build ranked, as it must
    room.site.article("berita-5.md", body=corrected, Title="Jembatan Kapuas Ditutup", Slug="b5")
    assert room.incremental() is None
    assert ranked() == ["12"]
    _same_as_cold(room)


def test_related_stories_rank_beside_the_plan_once_the_last_build_kept_their_terms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build ranks in its own process: every story is tokenised, and a child forked from
    a process that has just read the whole archive copied so much memory that the peak rose
    by a third at 100,000 stories. Once a build has kept the stories' terms, a headline edit
    ranks in a forked process while the rest is planned. The site is a cold build's."""
    room = _newsroom(tmp_path, monkeypatch, 12)
    assert room.incremental() is None
    from related_stories import links  # noqa: PLC0415 - importable once a build loaded it

    def process(run: Any, pinned: Any) -> Iterable[str]:
        return [str(os.getpid())]

    ranked_in = _Noted(monkeypatch, tmp_path / "ranked-in", links, "_timed_links", process)
    error, _ = room.cold()
    assert error is None
    assert ranked_in() == [str(os.getpid())]
    ranked_in.clear()
    room.site.article("berita-3.md", Title="Jembatan Kapuas Ditutup Sementara", Slug="b3")
    assert room.incremental() is None
    [child] = ranked_in()
    assert (int(child) != os.getpid()) == ((os.cpu_count() or 1) > 1)
    _same_as_cold(room)


def test_a_build_that_stops_while_the_ranking_works_beside_it_stops_the_ranking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The front page pins a story whose slug then changes: the theme's plan stops the build
    while the ranking works in its forked process. The child is stopped, not left waiting on
    its pipe (nor the build's exit on it), and the next good build is a cold build's site."""
    room = _newsroom(tmp_path, monkeypatch, 12, 'WARTA_FRONT_PAGE = {"pinned": ["b3"]}\n')
    assert room.incremental() is None
    room.site.article("berita-3.md", Title="Jembatan Kapuas Ditutup", Slug="b3-baru")
    with pytest.raises(SystemExit) as stopped:
        room.incremental()
    assert "WARTA_FRONT_PAGE" in str(stopped.value)
    assert multiprocessing.active_children() == []
    room.site.article("berita-3.md", Title="Jembatan Kapuas Ditutup", Slug="b3")
    assert room.incremental() is None
    _same_as_cold(room)


def test_outputs_are_checked_for_clashes_again_only_when_an_address_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build whose pages and files claim what the last clean build's claimed skips the
    clash and escape checks (the same claims, the same answer); a changed address is checked,
    and a clash it makes is reported."""
    room = _newsroom(tmp_path, monkeypatch, 6)
    assert room.incremental() is None
    from newsroom_model import pipeline  # noqa: PLC0415 - importable once a build loaded it

    from warta.output import find_clashes as original  # noqa: PLC0415

    checked: list[int] = []

    def counted(outputs: Any, *args: Any) -> Any:
        checked.append(len(outputs.jobs))
        return original(outputs, *args)

    monkeypatch.setattr(pipeline, "find_clashes", counted)
    room.site.article("berita-2.md", Title="Berita Nomor Dua Diperbarui", Slug="b2")
    assert room.incremental() is None
    assert checked == []
    room.site.article("berita-2.md", Title="Berita Nomor Dua Diperbarui", Slug="b3")
    report = room.incremental()
    assert len(checked) == 1
    assert report is not None
    assert "berita-2.md" in report
    assert "berita-3.md" in report


def _count_articles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source files of every Pelican `Article` made from now on."""
    from pelican import contents  # noqa: PLC0415 - plugins importable once settings load

    made: list[str] = []
    original = contents.Article.__init__

    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(Path(self.source_path).name)

    monkeypatch.setattr(contents.Article, "__init__", counted)
    return made


def test_pelican_makes_story_objects_only_when_something_outside_warta_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pelican import contents, signals  # noqa: PLC0415 - plugins importable once settings load

    room = _newsroom(tmp_path, monkeypatch, 3)
    room.site.article("konsep.md", Title="Berita Masih Konsep", Slug="konsep", Status="draft")
    made = _count_articles(monkeypatch)
    error, alone = room.cold()
    assert error is None
    assert made == []
    assert (alone / "2026" / "11" / "b2" / "index.html").is_file()

    seen: list[str] = []

    def look(content: Any) -> None:
        """A third-party plugin's receiver: it sees each object as Pelican makes it."""
        if isinstance(content, contents.Article):
            seen.append(f"{Path(content.source_path).name} {content.status}")

    signals.content_object_init.connect(look)
    try:
        error, watched = room.cold()
    finally:
        signals.content_object_init.disconnect(look)
    assert error is None
    every = ["berita-0.md", "berita-1.md", "berita-2.md", "konsep.md"]
    assert sorted(made) == every
    assert sorted(seen) == [*(f"{name} published" for name in every[:3]), "konsep.md draft"]
    assert differences(tree(alone), tree(watched)) == []


@pytest.mark.parametrize(
    ("setting", "value", "wanted"),
    [
        ("FEED_ALL_ATOM", "feeds/all.atom.xml", True),
        ("TAG_FEED_RSS", "feeds/{slug}.rss.xml", True),
        ("TEMPLATE_PAGES", {"arsip.html": "arsip/index.html"}, True),
        ("OUTPUT_SOURCES", True, True),
        ("CACHE_CONTENT", True, True),
        ("ARTICLE_TRANSLATION_ID", "slug", True),
        ("FEED_DOMAIN", "https://wartabanua.example", False),
        ("FEED_MAX_ITEMS", 20, False),
        ("FEED_ALL_ATOM", None, False),
    ],
)
def test_settings_that_make_pelican_write_from_its_objects_ask_for_them(
    setting: str, value: object, wanted: bool
) -> None:
    from warta.commands.cli import load_settings  # noqa: PLC0415

    settings = load_settings(str(REPO / "pelicanconf.py"))
    from newsroom_model.pelican_objects import (  # noqa: PLC0415 - importable once settings load
        pelican_writes_from_articles,
    )

    assert not pelican_writes_from_articles(settings)
    assert pelican_writes_from_articles({**settings, setting: value}) is wanted


def test_story_objects_are_made_the_first_time_one_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pelican import Pelican  # noqa: PLC0415 - plugins importable once settings load
    from pelican.generators import ArticlesGenerator  # noqa: PLC0415

    room = _newsroom(tmp_path, monkeypatch, 3)
    room.site.article("konsep.md", Title="Berita Masih Konsep", Slug="konsep", Status="draft")
    # Scheduled after the build's time: a draft in this build, for the count as for Pelican.
    room.site.article(
        "terjadwal.md", Title="Berita Terjadwal", Slug="nanti", Date="2026-12-01 08:00"
    )
    room.site.article(
        "tersembunyi.md", Title="Berita Tersembunyi", Slug="sembunyi", Status="hidden"
    )
    pelican = Pelican(room.settings(tmp_path / "out", tmp_path / "cache"))
    made = _count_articles(monkeypatch)
    # As `Pelican.run()` makes its generators.
    context = {**pelican.settings, "generated_content": {}, "static_links": set()}
    context.update(static_content={}, localsiteurl=pelican.settings["SITEURL"])
    generator = ArticlesGenerator(
        context=context,
        settings=pelican.settings,
        path=pelican.path,
        theme=pelican.theme,
        output_path=pelican.output_path,
    )
    generator.generate_context()
    # Pelican's closing count asks only for lengths: no object is made for it.
    counted = (len(generator.articles), len(generator.drafts), len(generator.hidden_articles))
    assert counted == (3, 2, 1)
    assert made == []
    titles = sorted(article.title for article in context["articles"])
    assert titles == ["Berita Nomor 0", "Berita Nomor 1", "Berita Nomor 2"]
    every = ["berita-0.md", "berita-1.md", "berita-2.md", "konsep.md"]
    assert sorted(made) == [*every, "terjadwal.md", "tersembunyi.md"]
    # Made once, by Pelican's own `generate_context`: the context holds its lists now, and they
    # are as long as the counts said.
    drafts = sorted(draft.title for draft in generator.drafts)
    assert drafts == ["Berita Masih Konsep", "Berita Terjadwal"]
    assert [article.title for article in generator.hidden_articles] == ["Berita Tersembunyi"]
    assert type(context["articles"]) is list
    assert len(made) == 6


def _count_hashed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many files each build reads from disk (each is hashed once read): in the build's
    process when it has sources to look the digest up in, by the file's reader otherwise."""
    import newsroom_model.reading  # noqa: PLC0415 - importable once settings load

    original = newsroom_model.reading._read_file
    hashed: list[int] = []

    def counted(path: str) -> bytes:
        hashed[-1] += 1
        return original(path)

    monkeypatch.setattr(newsroom_model.reading, "_read_file", counted)
    return hashed


def _hashed_by_a_build(room: Newsroom, hashed: list[int]) -> int:
    hashed.append(0)
    assert room.incremental() is None
    return hashed[-1]


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsroom_model.reading  # noqa: PLC0415 - importable once settings load

    room = _newsroom(tmp_path, monkeypatch, 4, extra="WARTA_UP_TO_DATE_CHECK = False\n")
    # Files written a moment ago count as settled here; the next test keeps the real margin.
    monkeypatch.setattr(newsroom_model.reading, "SETTLED_NS", -(10**12))
    hashed = _count_hashed(monkeypatch)
    assert _hashed_by_a_build(room, hashed) == 4
    assert _hashed_by_a_build(room, hashed) == 0
    # The same length and modification time, new words: only the change time tells, and the
    # file is read again.
    story = room.site.content / "articles" / "berita-2.md"
    before = story.stat()
    text = story.read_text("utf-8").replace("Berita Nomor 2", "Warkat Nomor 2")
    assert len(text.encode()) == before.st_size
    story.write_text(text, encoding="utf-8")
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _hashed_by_a_build(room, hashed) == 1
    page = (tmp_path / "out-incremental" / "2026" / "11" / "b2" / "index.html").read_text("utf-8")
    assert "Warkat Nomor 2" in page
    _same_as_cold(room)


def test_a_file_changed_just_before_a_build_is_read_again_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = _newsroom(tmp_path, monkeypatch, 3, extra="WARTA_UP_TO_DATE_CHECK = False\n")
    hashed = _count_hashed(monkeypatch)
    assert _hashed_by_a_build(room, hashed) == 3
    # Written within the clock's tick of the walk, a file could change again unseen by its
    # numbers: it is not noted, so the next build reads it again.
    assert _hashed_by_a_build(room, hashed) == 3


def test_a_cold_build_leaves_reading_each_file_to_its_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no sources kept, no digest can spare a file its reading: the build's process does
    not read and hash every file before its readers start; each reader reads its own. Once
    sources are kept, a file whose numbers changed is hashed first, and rendered only if its
    bytes are new."""
    import sys  # noqa: PLC0415

    import newsroom_model.reading  # noqa: PLC0415 - importable once settings load

    room = _newsroom(tmp_path, monkeypatch, 4, extra="WARTA_UP_TO_DATE_CHECK = False\n")
    monkeypatch.setattr(newsroom_model.reading, "SETTLED_NS", -(10**12))
    original = newsroom_model.reading._read_file
    readers: list[str] = []

    def counted(path: str) -> bytes:
        readers.append(sys._getframe(1).f_code.co_name)
        return original(path)

    monkeypatch.setattr(newsroom_model.reading, "_read_file", counted)
    assert room.incremental() is None
    assert len(readers) == 4
    assert "digest_of" not in readers
    readers.clear()
    story = room.site.content / "articles" / "berita-1.md"
    story.write_text(story.read_text("utf-8"), encoding="utf-8")  # the same bytes, new numbers
    assert room.incremental() is None
    assert readers == ["digest_of"]
    _same_as_cold(room)


def test_an_unchanged_records_address_is_kept_until_the_address_settings_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record kept from the last build keeps its address: only a changed story's is made
    again. New address settings make every address again, and the site is a cold build's."""
    import newsroom_model.reading  # noqa: PLC0415 - importable once settings load
    from newsroom_model.addresses import address_of as original  # noqa: PLC0415 - the same

    room = _newsroom(tmp_path, monkeypatch, 4, extra="WARTA_UP_TO_DATE_CHECK = False\n")
    made: list[str] = []

    def counted(story: Any, *args: Any) -> Any:
        made.append(Path(story.path).name)
        return original(story, *args)

    monkeypatch.setattr(newsroom_model.reading, "address_of", counted)
    assert room.incremental() is None
    assert sorted(made) == [f"berita-{number}.md" for number in range(4)]
    made.clear()
    room.site.article("berita-2.md", Title="Berita Nomor Dua Diperbarui", Slug="b2")
    assert room.incremental() is None
    assert made == ["berita-2.md"]
    _same_as_cold(room)
    made.clear()
    room.extra += 'ARTICLE_URL = "arsip/{slug}/"\nARTICLE_SAVE_AS = "arsip/{slug}/index.html"\n'
    assert room.incremental() is None
    assert sorted(made) == [f"berita-{number}.md" for number in range(4)]
    page = tmp_path / "out-incremental" / "arsip" / "b2" / "index.html"
    assert "Berita Nomor Dua Diperbarui" in page.read_text("utf-8")
    _same_as_cold(room)
