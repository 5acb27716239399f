"""The build's write gate (`warta.output.Writes`): a page written again into a folder output/
has is staged flat, beside the staging tree, and moved into its folder when the build commits,
as safely as the tree is moved. Real files in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

from warta.output import Writes


def _page(writes: Writes, name: str, text: str) -> Path:
    target = writes.page_target(name, set())
    target.write_text(text, encoding="utf-8")
    return target


def _staged(output: Path) -> list[str]:
    """The staging folders left beside `output`."""
    return sorted(
        path.name for path in output.parent.iterdir() if path.name.startswith(f".{output.name}.")
    )


def test_a_page_written_again_is_staged_flat_and_moved_into_its_folder(tmp_path: Path) -> None:
    output = tmp_path / "output"
    (output / "2026/11/a").mkdir(parents=True)
    (output / "2026/11/a/index.html").write_text("old", encoding="utf-8")
    (output / "tag/seratus%2F").mkdir(parents=True)
    writes = Writes.stage(output, fresh=False)
    staging = writes.root

    again = _page(writes, "2026/11/a/index.html", "new a")
    new = _page(writes, "2026/11/b/index.html", "new b")
    odd = _page(writes, "tag/seratus%2F/index.html", "percent")
    # The folder of a is in output/: a is one file of a flat folder, outside the tree.
    assert again.parent == odd.parent != staging
    assert not again.is_relative_to(staging)
    assert new == staging / "2026/11/b/index.html"
    assert writes.holds("2026/11/a/index.html")
    assert writes.holds("tag/seratus%2F/index.html")
    assert (output / "2026/11/a/index.html").read_text(encoding="utf-8") == "old"

    writes.commit()
    assert (output / "2026/11/a/index.html").read_text(encoding="utf-8") == "new a"
    assert (output / "2026/11/b/index.html").read_text(encoding="utf-8") == "new b"
    assert (output / "tag/seratus%2F/index.html").read_text(encoding="utf-8") == "percent"
    assert _staged(output) == []


def test_a_page_staged_flat_never_goes_through_a_link_or_keeps_a_folder_in_its_place(
    tmp_path: Path,
) -> None:
    """A folder of output/ that is a link (to a folder outside it) is taken away and made a
    real folder before the page goes in, as the tree's move does; a folder where the page's
    file goes is replaced by the page."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("not ours", encoding="utf-8")
    output = tmp_path / "output"
    (output / "rubrik").mkdir(parents=True)
    os.symlink(outside, output / "rubrik/olahraga")
    (output / "lokasi/banjar/index.html").mkdir(parents=True)
    (output / "lokasi/banjar/index.html/stray.txt").write_text("x", encoding="utf-8")
    writes = Writes.stage(output, fresh=False)
    # Both folders look like folders of output/ to the workers: staged flat.
    for name in ("rubrik/olahraga/index.html", "lokasi/banjar/index.html"):
        assert not _page(writes, name, name).is_relative_to(writes.root)

    writes.commit()
    assert (outside / "index.html").read_text(encoding="utf-8") == "not ours"
    assert not (output / "rubrik/olahraga").is_symlink()
    assert (output / "rubrik/olahraga/index.html").read_text(encoding="utf-8") == (
        "rubrik/olahraga/index.html"
    )
    banjar = output / "lokasi/banjar/index.html"
    assert banjar.is_file()
    assert banjar.read_text(encoding="utf-8") == "lokasi/banjar/index.html"


def test_a_build_that_keeps_nothing_or_stops_half_way_stages_no_page_flat(
    tmp_path: Path,
) -> None:
    output = tmp_path / "output"
    (output / "a").mkdir(parents=True)
    (output / "a/index.html").write_text("old", encoding="utf-8")

    # Keeping nothing of output/: every page in the tree, which replaces output/ whole.
    fresh = Writes.stage(output, fresh=True)
    assert _page(fresh, "a/index.html", "fresh").is_relative_to(fresh.root)
    fresh.abandon()
    assert _staged(output) == []

    # Stopped half-way: nothing staged, flat or not, reaches output/.
    stopped = Writes.stage(output, fresh=False)
    _page(stopped, "a/index.html", "half")
    stopped.abandon()
    assert (output / "a/index.html").read_text(encoding="utf-8") == "old"
    assert _staged(output) == []

    # Writing in place (the preview): no staging at all.
    direct = Writes(output)
    assert _page(direct, "a/index.html", "direct") == output / "a/index.html"
