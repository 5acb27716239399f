"""map_ranges: the same results in row order, in this process or in forked workers, whether
or not the workers are replaced by fresh forks as they go; and the templates those forks
find compiled."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from jinja2 import DictLoader, Environment

import warta.output as output_module
from warta.cache import DiskCache, MemoryCache
from warta.keyed import Entry, KeyedOutputs
from warta.output import OutputFiles, PageRenderer, Writes, _Beside, _changed_pages, _page_digest
from warta.parallel import Beside, map_ranges, no_forking, stop_beside
from warta.run import BuildRun
from warta.views import Chrome, Deferred, PageJob, View


def _rows(rows: list[int], start: int, end: int) -> tuple[list[int], int]:
    return [row * row for row in rows[start:end]], os.getpid()


@pytest.mark.parametrize(("workers", "ranges_per_worker"), [(1, None), (2, None), (2, 1)])
def test_results_come_back_in_row_order(workers: int, ranges_per_worker: int | None) -> None:
    rows = list(range(1_000))
    done: list[int] = []
    parts = map_ranges(
        _rows, len(rows), workers, rows,
        parallel_from=10, range_limit=40, done=done.append, ranges_per_worker=ranges_per_worker,
    )  # fmt: skip
    assert [value for values, _ in parts for value in values] == [row * row for row in rows]
    assert sum(done) == len(rows)
    # `each` sees every result, in row order, as it comes in (checked with a second run).
    seen: list[tuple[list[int], int]] = []
    again = map_ranges(
        _rows, len(rows), workers, rows,
        parallel_from=10, range_limit=40, each=seen.append, ranges_per_worker=ranges_per_worker,
    )  # fmt: skip
    assert seen == again
    assert [value for values, _ in seen for value in values] == [row * row for row in rows]
    pids = {pid for _, pid in parts}
    if workers == 1:
        assert pids == {os.getpid()}
    elif ranges_per_worker is None:
        assert len(pids) <= workers
        assert os.getpid() not in pids
    else:
        # Each worker ended after one range and a fresh fork took its place.
        assert len(pids) == len(parts) == 25
        assert os.getpid() not in pids


def test_templates_are_compiled_once_before_the_workers_fork(tmp_path: Path) -> None:
    """Every template a page template extends, includes or imports by name is compiled into
    the environment's cache, so a fresh worker finds it there."""
    environment = Environment(
        loader=DictLoader(
            {
                "article.html": '{% extends "base.html" %}{% block body %}x{% endblock %}',
                "base.html": '{% import "macros.html" as m %}{% include "nav.html" %}'
                "{% block body %}{% endblock %}{% include name %}"
                '{% include "gone.html" ignore missing %}',
                "nav.html": "<nav></nav>",
                "macros.html": "{% macro a() %}{% endmacro %}",
                "unused.html": "never asked for",
            }
        ),
        autoescape=True,
    )
    renderer = PageRenderer(environment, {}, cast("Chrome", None), Writes(tmp_path))
    renderer.compile_all(["article.html"])
    cached = {name for _, name in environment.cache or {}}
    assert cached == {"article.html", "base.html", "nav.html", "macros.html"}


def _niceness(start: int, end: int) -> int:
    return os.nice(0)


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_run_below_the_build_when_asked_and_the_build_stays_as_it_was(
    workers: int,
) -> None:
    before = os.nice(0)
    found = map_ranges(_niceness, 4, workers, parallel_from=2, range_limit=1, nice=5)
    # Forked workers are lowered; work done in this process (one worker) is not.
    assert set(found) == ({min(before + 5, 19)} if workers > 1 else {before})
    assert os.nice(0) == before


def test_outputs_written_beside_the_pages_come_back_in_their_order_whichever_ends_first(
    tmp_path: Path,
) -> None:
    second_done = threading.Event()

    def first(writes: Writes) -> list[str]:
        assert second_done.wait(10)  # ends after the second
        return ["feeds/a.xml", "feeds/b.xml"]

    def second(writes: Writes) -> list[str]:
        second_done.set()
        return ["sitemap.xml"]

    def broken(writes: Writes) -> list[str]:
        raise OSError("disk full")

    def later(writes: Writes) -> list[str]:
        assert second_done.wait(10)
        raise ValueError("later")

    run = cast("BuildRun", SimpleNamespace(stage=lambda name: contextlib.nullcontext()))
    outputs = [OutputFiles("a", "feeds", (), first), OutputFiles("b", "sitemaps", (), second)]
    beside = _Beside(run, outputs, Writes(tmp_path))
    beside.start()
    assert beside.finish() == ["feeds/a.xml", "feeds/b.xml", "sitemap.xml"]

    second_done.clear()
    failing = [
        OutputFiles("a", "feeds", (), later),
        OutputFiles("b", "sitemaps", (), second),
        OutputFiles("c", "search", (), broken),
    ]
    beside = _Beside(run, failing, Writes(tmp_path))
    beside.start()
    with pytest.raises(ValueError, match="later"):
        beside.finish()


def test_no_rows_is_one_empty_call_and_no_progress() -> None:
    done: list[int] = []
    seen: list[tuple[list[int], int]] = []
    parts = map_ranges(
        _rows, 0, 2, [], parallel_from=10, range_limit=40, done=done.append, each=seen.append
    )
    assert parts == seen == [([], os.getpid())]
    assert done == []


def _page(save_as: str, key: object) -> PageJob:
    return PageJob(save_as, "page", key, lambda: cast(View, None))


@pytest.mark.parametrize("workers", [1, 2])
def test_pages_to_render_are_found_alike_in_workers_or_here(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which pages are made again, from which digests, and which are kept, whether the pages'
    digests and looks at output/ are made in forked workers or in the build's process."""
    monkeypatch.setattr(output_module, "_DIGESTS_PARALLEL_FROM", 2)
    monkeypatch.setattr(output_module, "_DIGEST_RANGE", 3)
    base = b"base"
    # Half the keys deferred, made where the digest is: in the workers, when there are some.
    jobs = [
        _page(f"p{index}/index.html", Deferred(partial(tuple, ("key", index))))
        if index % 2
        else _page(f"p{index}/index.html", ("key", index))
        for index in range(20)
    ]
    assert _page_digest(base, jobs[1]) == _page_digest(base, _page(jobs[1].save_as, ("key", 1)))
    previous: dict[str, Entry] = {}
    for index, job in enumerate(jobs):
        page = tmp_path / job.save_as
        page.parent.mkdir()
        page.write_text(f"page {index}", encoding="utf-8")
        status = page.stat()
        digest = _page_digest(base, job)
        # Every third page was made from another key; every fifth was changed by hand.
        noted = "another key" if index % 3 == 0 else digest
        previous[job.save_as] = (noted, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    for index in range(0, 20, 5):
        (tmp_path / jobs[index].save_as).write_text("by hand!", encoding="utf-8")
    keyed = KeyedOutputs(tmp_path, previous, known=True)
    keyed.open(tmp_path, fresh=False)
    todo = _changed_pages(base, jobs, keyed, workers)
    again = [index for index in range(20) if index % 3 == 0 or index % 5 == 0]
    assert todo == [jobs[index] for index in again]
    assert keyed.stamp() == [jobs[index].save_as for index in again]
    for index, job in enumerate(jobs):
        entry = keyed.files[job.save_as]
        if index in again:
            assert entry is not None
            assert entry[0] == _page_digest(base, job)
        else:
            assert entry == previous[job.save_as]


def test_a_page_that_cannot_be_keyed_leaves_nothing_writing_beside_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The outputs written beside the pages start with the pages' digests; when the digests or
    the pages fail, the build waits for them before it stops, rather than leave them writing."""
    ended = threading.Event()

    def slow(writes: Writes) -> list[str]:
        time.sleep(0.3)
        ended.set()
        return []

    def unkeyable() -> object:
        raise RuntimeError("a key that cannot be made")

    monkeypatch.setattr(output_module, "_base", lambda run, chrome: b"base")
    run = SimpleNamespace(stage=lambda name: contextlib.nullcontext(), workers=1)
    outputs = SimpleNamespace(
        chrome=object(),
        environment=object(),
        jobs=[_page("a/index.html", Deferred(unkeyable))],
        files=[OutputFiles("a", "feeds", (), slow, beside_pages=True)],
    )
    keyed = KeyedOutputs(tmp_path)
    keyed.open(tmp_path, fresh=False)
    with pytest.raises(RuntimeError, match="cannot be made"):
        output_module._stage(
            cast("BuildRun", run), cast("output_module.Outputs", outputs), Writes(tmp_path), keyed
        )
    assert ended.is_set()


def _pid_and(value: int, fail: bool = False) -> tuple[int, int]:
    if fail:
        raise ValueError(f"no luck with {value}")
    return os.getpid(), value * 2


def _never_heard(ready: Path) -> bytes:
    ready.write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(600)
    return b"x" * 1_000_000


def test_work_beside_comes_back_from_a_forked_process_or_is_done_here() -> None:
    forked = Beside(2, _pid_and, 21)
    pid, value = forked.result()
    assert value == 42
    assert pid != os.getpid()
    assert forked.result() == (pid, 42)  # asked again: the same value, not a second wait
    assert forked.forked
    # One worker, or a process that must not fork: worked out here, when asked for.
    here = Beside(1, _pid_and, 4)
    assert not here.forked
    assert here.result() == (os.getpid(), 8)
    with no_forking():
        assert Beside(2, _pid_and, 5).result() == (os.getpid(), 10)


def test_what_the_work_beside_raised_is_raised_where_it_is_waited_for() -> None:
    forked = Beside(2, _pid_and, 3, True)
    with pytest.raises(ValueError, match="no luck with 3"):
        forked.result()
    here = Beside(1, _pid_and, 7, True)  # worked out when asked for, not when made
    with pytest.raises(ValueError, match="no luck with 7"):
        here.result()


def test_a_cache_holds_an_entry_only_under_the_key_it_was_saved_for(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    assert not cache.holds("terms", "k1")
    cache.save("terms", "k1", [1, 2])
    assert cache.holds("terms", "k1")
    assert not cache.holds("terms", "k2")
    assert not cache.holds("words", "k1")
    memory = MemoryCache(tmp_path)
    memory.save("words", "k3", "kept in memory")
    assert memory.holds("words", "k3")  # saved, not yet flushed to disk
    assert memory.holds("terms", "k1")  # on disk
    assert not memory.holds("words", "k1")


def _unpicklable() -> Any:
    return threading.Lock()


def test_a_value_that_cannot_come_back_is_an_error_that_says_so() -> None:
    with pytest.raises(RuntimeError, match="would not pickle"):
        Beside(2, _unpicklable).result()


def test_work_beside_no_one_waits_for_is_stopped_not_waited_on(tmp_path: Path) -> None:
    """A build that stops before it waits for the work (a settings error in the theme's plan)
    stops the child, which would otherwise sleep on, and wait on its pipe, for ever."""
    ready = tmp_path / "ready"
    forked = Beside(2, _never_heard, ready)
    while not ready.exists() or not ready.read_text(encoding="utf-8"):
        time.sleep(0.01)
    child = int(ready.read_text(encoding="utf-8"))
    os.kill(child, 0)  # it runs
    stop_beside()
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # stopped and reaped
    with pytest.raises(RuntimeError, match="stopped"):
        forked.result()
