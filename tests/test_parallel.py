"""map_ranges: the same results in row order, in this process or in forked workers, whether
or not the workers are replaced by fresh forks as they go."""

from __future__ import annotations

import os

import pytest

from warta.parallel import map_ranges


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
