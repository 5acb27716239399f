"""Run a function over ranges of rows, in forked worker processes when the work is large."""

from __future__ import annotations

import atexit
import ctypes
import gc
import math
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar, cast

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


def _before_fork() -> None:
    """Objects that exist now are never collected by a forked child's garbage collector, which
    would otherwise touch (and so copy) every page of the parent's memory they share; and the
    C library's free memory goes back to the system first (`gc.unfreeze()` once forked)."""
    gc.freeze()
    _give_back_free_memory()


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
    _before_fork()
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


class Beside(Generic[T]):
    """`function(*args)` worked out in a forked process while this one goes on; `result()`
    waits for it and returns its value, or raises what it raised.

    Made with one worker, or inside `no_forking`, the value is worked out here, when `result()`
    is first asked (`forked` is then False). The child shares this process's memory as
    `map_ranges` workers do (nothing is pickled on the way in) and may itself fork workers;
    its value comes back pickled, over a pipe. Nothing in it must print or change this
    process's state: only the value comes back. `result()` is to be called in the process that
    made it, before any other fork that could copy the pipe.
    A child no one waits for (the build stopped first) is stopped by `stop_beside`, and at
    the latest when this process exits: its value would never be read, and it would wait on
    the pipe forever, and this process on it.
    """

    def __init__(self, workers: int, function: Callable[..., T], *args: Any) -> None:
        self._value: tuple[bool, Any] | None = None
        self._process: Any = None
        self._here: tuple[Callable[..., T], tuple[Any, ...]] | None = None
        if workers <= 1 or (os.cpu_count() or 1) <= 1 or _NOT_FORKING:
            self._here = (function, args)
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        _before_fork()
        try:
            self._process = context.Process(
                target=_beside, args=(send, function, args), name="warta-beside", daemon=False
            )
            self._process.start()
        finally:
            gc.unfreeze()
        send.close()
        self._owner = os.getpid()
        global _STOPPED_AT_EXIT  # noqa: PLW0603 - the process's own state
        if not _STOPPED_AT_EXIT:
            # After multiprocessing's own exit handler, which joins children: so run before it.
            atexit.register(stop_beside)
            _STOPPED_AT_EXIT = True
        _UNHEARD.add(self)

    @property
    def forked(self) -> bool:
        """Whether the value is worked out in a forked process."""
        return self._here is None

    def result(self) -> T:
        if self._value is None and self._here is not None:
            function, args = self._here
            try:
                self._value = (True, function(*args))
            except Exception as error:
                self._value = (False, error)
        if self._value is None:
            if os.getpid() != self._owner:
                raise RuntimeError("Beside.result() asked in a process forked from its owner")
            try:
                self._value = self._receive.recv()
            except EOFError:
                self._value = (
                    False,
                    RuntimeError(f"the forked process ended ({self._process.exitcode}) unheard"),
                )
            finally:
                self._receive.close()
                self._process.join()
                _UNHEARD.discard(self)
        done, value = self._value
        if not done:
            raise value
        return cast(T, value)

    def _stop(self) -> None:
        """Stop the child unheard: its `result()` then says so."""
        self._process.terminate()
        self._process.join()
        self._receive.close()
        self._value = (False, RuntimeError("stopped before it was heard from"))


# Every `Beside` of this process whose child has not been heard from (held, not weakly: one
# dropped unheard would leave its child, and this process's exit, waiting on each other).
_UNHEARD: set[Beside[Any]] = set()
_STOPPED_AT_EXIT = False


def stop_beside() -> None:
    """Stop every child of a `Beside` this process made and has not heard from: for a build
    that stops before it waits for them."""
    for beside in list(_UNHEARD):
        _UNHEARD.discard(beside)
        if beside._owner == os.getpid():  # not a forked worker's copy: its parent's to stop
            beside._stop()


def _beside(send: Any, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    in_worker()
    try:
        outcome: tuple[bool, Any] = (True, function(*args))
    except BaseException as error:  # handed to the parent, which raises it
        outcome = (False, error)
    try:
        send.send(outcome)
    except OSError:
        pass  # the parent is gone: no one is left to tell
    except Exception:  # the value or error would not pickle: the error's text goes instead
        failure = outcome[1] if not outcome[0] else TypeError("the value would not pickle")
        send.send((False, RuntimeError("".join(traceback.format_exception(failure)))))
    send.close()
