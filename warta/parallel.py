"""Run a function over ranges of rows, in forked worker processes when the work is large."""

from __future__ import annotations

import ctypes
import gc
import math
import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from warta.memory import in_worker

T = TypeVar("T")

# Worker processes inherit this when forked, so what they read is never pickled. It only hands
# the function and its shared inputs from the parent to the children of one call.
_FORKED: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


# How many blocks that must not fork are running (`no_forking`).
_NOT_FORKING = 0


@contextmanager
def no_forking() -> Iterator[None]:
    """While the block runs, `map_ranges` works in this process whatever it is asked: for a
    process whose other threads (the preview's server and watcher) may hold a lock that a
    forked worker would copy, held, and wait on forever. Every parallel stage then gives the
    same result in one process, as the tests of serial and parallel builds show."""
    global _NOT_FORKING  # noqa: PLW0603 - the process's own state
    _NOT_FORKING += 1
    try:
        yield
    finally:
        _NOT_FORKING -= 1


def _give_back_free_memory() -> None:
    """Hand the C library's free memory back to the system before forking (glibc only).

    Reading leaves the heap full of freed chunks (Markdown sources, intermediate HTML) that
    glibc keeps mapped: at 10,000 stories, 132 MB of the 428 MB the build held before it forked
    its render workers. Forked, they are shared pages that the first allocation in any process
    copies. Python has no call for this, so `malloc_trim(0)` is reached through ctypes; it
    took 0.03 s there. Elsewhere than glibc there is no such function, and nothing is done.
    """
    try:
        # The process's own symbols, the C library's among them.
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def _start_worker(nice: int) -> None:
    in_worker()
    if nice:
        os.nice(nice)


def _run_forked(bounds: tuple[int, int]) -> Any:
    assert _FORKED is not None
    function, shared = _FORKED
    return function(*shared, *bounds)


def map_ranges(
    function: Callable[..., T],
    count: int,
    workers: int,
    *shared: Any,
    parallel_from: int,
    range_limit: int,
    done: Callable[[int], None] | None = None,
    forked: Callable[[], None] | None = None,
    ranges_per_worker: int | None = None,
    nice: int = 0,
    each: Callable[[T], None] | None = None,
) -> list[T]:
    """`function(*shared, start, end)` over consecutive ranges covering `count` rows.

    Over `workers` forked processes when there are at least `parallel_from` rows; in this
    process otherwise. Ranges hold at most `range_limit` rows, which bounds the temporary
    memory of one call. Results come back in row order, whatever the number of workers, and
    `done(rows)` is called as each range finishes (for a progress bar), after `each(result)`,
    which gets each range's result in this process as soon as it and those before it are in:
    work on the first results runs while the workers make the rest. `forked()` is called
    once the workers exist (at once when there are none): work started there in a thread of
    this process runs beside them, and is never copied into a worker by the fork.

    With `ranges_per_worker`, a worker ends after that many ranges and a fresh one is forked
    in its place. A forked worker shares this process's memory until either writes to it; a
    worker that reads Python objects writes their reference counts, and so copies every page
    it reads from. Over a long run each worker would come to hold a private copy of most of
    what it was forked with; a worker that ends gives its copies back. A fresh worker is
    forked while `forked()`'s threads run: it gets their unfinished work's memory, shared and
    untouched, but not the threads.

    With `nice`, the workers run that much below this process's priority (`os.nice`): work
    running beside them in another process (the search index's Pagefind) then gets the CPU
    it wants first, and the workers the rest.
    """
    workers = min(workers, os.cpu_count() or 1)
    if workers <= 1 or count < parallel_from or _NOT_FORKING:
        if forked is not None:
            forked()
        results = []
        # No rows is still one call, (0, 0), so the caller gets its function's empty result.
        starts = range(0, count, range_limit)
        bounds = [(start, min(start + range_limit, count)) for start in starts] or [(0, 0)]
        for start, end in bounds:
            results.append(function(*shared, start, end))
            if each is not None:
                each(results[-1])
            if done is not None and end > start:
                done(end - start)
        return results
    global _FORKED  # noqa: PLW0603 - the fork start method hands it to the workers
    _FORKED = (function, shared)
    # Objects that exist now are never collected by the workers' garbage collector, which would
    # otherwise touch (and so copy) every page of the parent's memory they share.
    gc.freeze()
    _give_back_free_memory()
    chunk = max(1, min(range_limit, math.ceil(count / (workers * 8))))
    ranges = [(start, min(start + chunk, count)) for start in range(0, count, chunk)]
    try:
        with multiprocessing.get_context("fork").Pool(
            workers,
            initializer=_start_worker,
            initargs=(nice,),
            maxtasksperchild=ranges_per_worker,
        ) as pool:
            if forked is not None:
                forked()
            results = []
            for (start, end), result in zip(ranges, pool.imap(_run_forked, ranges), strict=True):
                results.append(result)
                if each is not None:
                    each(result)
                if done is not None:
                    done(end - start)
            return results
    finally:
        _FORKED = None
        gc.unfreeze()
