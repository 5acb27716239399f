"""Progress bars for the long stages of a large build: on a terminal only, never in CI logs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

# Below this many items a stage is over before a bar would help.
SHOW_FROM = 200


@contextmanager
def progress(
    console: Console | None, label: str, total: int, show_from: int = SHOW_FROM
) -> Iterator[Callable[[int], None]]:
    """A bar for `total` items on a terminal (rich), else a step that does nothing.

    Yields `advance(count)`. rich tells a terminal from a pipe or a CI log, where nothing is
    drawn.
    """
    if console is None or not console.is_terminal or total < show_from:

        def ignore(count: int = 1) -> None:
            """Nothing to show."""

        yield ignore
        return
    # The label is text (a catalogue's words), not rich markup.
    columns = (
        TextColumn(label, markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)

        def advance(count: int = 1) -> None:
            bar.advance(task, count)

        yield advance
