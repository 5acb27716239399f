"""The interpreter's cycle collector, held back while a build runs.

A build of a large archive makes millions of objects that live until it ends: a record per
story, its body's parts, Pelican's objects, the plan of every page. CPython's cycle collector
runs whenever allocations outnumber frees by a few hundred, and each of its full passes walks
every object the process holds: so the longer a build has run, the more each pass costs. At
100,000 stories one story's build spent about a third of its time there (103.6 s with the
collector, 70.3 s without it: one story edited as `make bench rebuild` edits it, on the same
archive and cache, timed with `/usr/bin/time`). Unpickling the read records alone took 5.6 s
with the collector and 2.2 s without.

So a build pauses automatic collection from start to end, as CPython's documentation advises
for a process that forks workers (`gc.freeze`). Nothing the build holds is lost: it is all
alive until the build ends. What cycles it leaves as garbage wait for the next collection,
after the build; the measured peak memory did not change. Worker processes forked during the
build (`warta.parallel`) collect as usual: they render pages one after another and keep little.

The pause nests (an inner one changes nothing) and is undone when the build ends, however it
ends, so the preview (`warta serve`), which builds again and again in one process, collects
between builds. `install` puts every `Pelican.run()` under it (a build, `warta check`), and
the preview's full pass takes it itself.

When the process is the `pelican` command and its build has ended well, it then leaves at once
(`_leave_at_once`), as Instagram's Django servers do, rather than let the interpreter free its
objects one by one on the way out: freezing them spares the collector's passes, but each
object's memory is still given back as the modules are emptied. At 100,000 stories that took
4.7 s of a one-story build, after the site was written (timed from Python's `atexit` to the
process's end).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Whether collection was on before the outermost pause: what worker processes go back to.
_collecting_outside: bool | None = None


@contextmanager
def build_pause() -> Iterator[None]:
    """No automatic cycle collection in this process while the block runs."""
    global _collecting_outside  # noqa: PLW0603 - one interpreter, one collector
    if _collecting_outside is not None:
        yield  # already paused by an outer build
        return
    _collecting_outside = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _collecting_outside:
            gc.enable()
        _collecting_outside = None


def in_worker() -> None:
    """In a process forked during a paused build: collect as the build's process did before."""
    if _collecting_outside:
        gc.enable()


def install(pelican: Any) -> None:
    """Run `pelican.run()` with collection paused. When this process is the `pelican` command,
    it ends as the run returns: the build's objects, hundreds of thousands of them in reference
    cycles, are then frozen and left to the operating system rather than collected one by one
    on the way out (2 s at 10,000 stories), and once the run has returned well the process
    leaves without freeing them at all (`_leave_at_once`).

    This wrapper is the outermost one (`newsroom_model` installs it last): when it returns,
    everything the build does is done, the stamp of a build with nothing changed included."""
    original = pelican.run

    def run() -> None:
        with build_pause():
            original()
            if _is_pelican_command():
                gc.freeze()
                # Registered only now: a run that raised leaves by the usual way, with the
                # exit status Pelican gives it. Pelican's `main` does nothing after a run that
                # returned, and the process then exits with 0.
                atexit.register(_leave_at_once)

    pelican.run = run


def _leave_at_once() -> None:
    """End the process with status 0, now, without emptying the interpreter.

    Python runs this after the threads are joined and before the modules are emptied; every
    file of the build is written and closed by then (the cache's entries and the output are
    renamed into place when whole). What the interpreter would still do is flush the log's
    handlers and the standard streams: done here. Handlers registered with `atexit` before this
    one would run after it, and do not: the build's pools are closed and its threads joined."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # A stream closed or gone (a pipe whose reader left): nothing more can be told.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(0)


def _is_pelican_command() -> bool:
    """Whether this process is the `pelican` command (`pelican` or `python -m pelican`), which
    exits when its run returns; not a test or a preview that runs builds in its own process."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name == "pelican.__main__":
        return True
    return Path(getattr(main, "__file__", None) or "").name == "pelican"
