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
"""

from __future__ import annotations

import gc
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
    on the way out (2 s at 10,000 stories)."""
    original = pelican.run

    def run() -> None:
        with build_pause():
            original()
            if _is_pelican_command():
                gc.freeze()

    pelican.run = run


def _is_pelican_command() -> bool:
    """Whether this process is the `pelican` command (`pelican` or `python -m pelican`), which
    exits when its run returns; not a test or a preview that runs builds in its own process."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name == "pelican.__main__":
        return True
    return Path(getattr(main, "__file__", None) or "").name == "pelican"
