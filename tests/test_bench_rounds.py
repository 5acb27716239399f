"""`bench build` in rounds: each side built more than once, its median build standing for it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import build
from bench.archive import write_archive
from bench.measure import Measurement


def _built(wall: float, *, pss: int = 100, returncode: int | None = 0) -> build.Build:
    """A build's figures as `bench.measure.run` records them (no command is run)."""
    measurement = Measurement(
        command=["true"],
        returncode=returncode,
        wall=wall,
        user=wall,
        system=0.0,
        peak_rss=2 * pss,
        peak_pss=pss,
        largest_process=pss,
        peak_processes=1,
        samples=1,
        pss_reads=1,
        sampled_peak_rss=2 * pss,
        sampler_cpu=0.0,
        timed_out=returncode is None,
    )
    return build.Build(measurement)


def test_the_median_build_stands_for_its_side_and_an_even_count_never_favours_warta() -> None:
    odd = [_built(43.0), _built(38.0), _built(40.0)]
    assert build.representative(odd, slower=True) is odd[2]
    assert build.representative(odd, slower=False) is odd[2]
    even = [_built(41.0), _built(39.0), _built(50.0), _built(38.0)]
    # Warta's figure is the slower middle build (41 s), a baseline's the faster (39 s).
    assert build.representative(even, slower=True) is even[0]
    assert build.representative(even, slower=False) is even[1]
    # A build that failed or was stopped stands for its side: never hidden behind a median.
    stopped = [_built(30.0), _built(3600.0, returncode=None), _built(31.0)]
    assert build.representative(stopped, slower=False) is stopped[1]
    failed = [_built(30.0), _built(31.0), _built(2.0, returncode=1)]
    assert build.representative(failed, slower=True) is failed[2]
    with pytest.raises(ValueError, match="no builds"):
        build.representative([], slower=True)
    # Memory is judged on the heaviest round.
    heavy = [_built(40.0, pss=700), _built(41.0, pss=760), _built(39.0, pss=710)]
    assert build.heaviest(heavy) is heavy[1]


def test_the_figures_hold_every_round_and_say_what_each_baseline_is(tmp_path: Path) -> None:
    rounds = [
        {"warta": _built(40.0 + number), "pelican": _built(110.0), "hugo": _built(42.0)}
        for number in range(3)
    ]
    result = build.Result(
        7,
        {"files": 7, "bytes": 1, "reused": True, "seconds": 0.0},
        build.representative([built["warta"] for built in rounds], slower=True),
        {
            key: build.representative([built[key] for built in rounds], slower=False)
            for key in ("pelican", "hugo")
        },
        rounds,
    )
    figures = json.loads(build.write_figures(result).read_text(encoding="utf-8"))
    assert figures["warta"]["measurement"]["wall"] == 41.0
    assert figures["baselines"]["pelican"]["about"] == build.PELICAN.about
    assert figures["baselines"]["hugo"]["about"] == build.HUGO.about
    walls = [figured["warta"]["measurement"]["wall"] for figured in figures["rounds"]]
    assert walls == [40.0, 41.0, 42.0]
    assert all(figured["pelican"]["measurement"]["cpu"] == 110.0 for figured in figures["rounds"])


def test_rounds_default_to_three_up_to_ten_thousand_stories_and_one_above() -> None:
    assert build.rounds_at(1_000, None) == 3
    assert build.rounds_at(10_000, None) == 3
    assert build.rounds_at(100_000, None) == 1
    assert build.rounds_at(100_000, 2) == 2
    assert build.arguments(["--rounds", "5"]).rounds == 5
    assert build.arguments([]).rounds is None


def test_a_size_measured_in_rounds_reports_each_round_and_the_medians(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two real rounds at 20 stories: Warta, then Hugo + Pagefind, then both again."""
    size = 20
    write_archive(tmp_path / str(size), size)
    result = build.measure_size(tmp_path, size, 600.0, [build.HUGO], rounds=2)

    assert [sorted(builds) for builds in result.rounds] == [["hugo", "warta"]] * 2
    wartas, hugos = result.builds(build.WARTA), result.builds("hugo")
    assert all(built.finished for built in [*wartas, *hugos])
    assert all(built.stories == size for built in wartas)
    # Each side's figures are one of its own builds: Warta's the slower, Hugo's the faster.
    assert result.warta is max(wartas, key=lambda built: built.measurement.wall)
    assert result.baselines["hugo"] is min(hugos, key=lambda built: built.measurement.wall)

    build.print_rounds(result)
    print(build.ratio_line("20", result, build.HUGO, 600.0))
    printed = capsys.readouterr().out
    for built in [*wartas, *hugos]:
        assert build.seconds(built.measurement.wall) in printed
    ratios = [
        build.ratio(ours.measurement.wall, theirs.measurement.wall)
        for ours, theirs in zip(wartas, hugos, strict=True)
    ]
    assert re.search(rf"W/hugo +{ratios[0]} / {ratios[1]}\n", printed), printed
    median = result.warta.measurement.wall / result.baselines["hugo"].measurement.wall
    assert f"wall = {median:.2f}" in printed
    assert "medians of 2 rounds" in printed

    figures = json.loads(build.write_figures(result).read_text(encoding="utf-8"))
    assert len(figures["rounds"]) == 2
    for figured, builds in zip(figures["rounds"], result.rounds, strict=True):
        assert figured["warta"]["measurement"]["wall"] == builds["warta"].measurement.wall
        assert figured["hugo"]["measurement"]["cpu"] == builds["hugo"].measurement.cpu
