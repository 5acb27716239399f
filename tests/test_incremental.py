"""Incremental builds make the same site as a cold build, byte for byte, after any change.

A seeded stateful test (Hypothesis) edits a small newsroom step by step: stories written,
edited, renamed, re-slugged, re-dated, deleted, made drafts and published again, given old
addresses (Aliases, the redirects file); a data file, a setting and a template changed. After
every step the site is built three ways, in this process, and every file of the three is
compared:

- incrementally, as `make html` builds it on a site built before (cache and output kept);
- by `warta serve`'s session (the quick pass, then the full pass, from memory);
- cold: an empty output folder and an empty cache.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.sitekit import REPO, Site
from warta.commands.cli import load_settings

DESKS = ("Politik", "Ekonomi", "Budaya", "Olahraga")
PLACES = ("Kota Banjarmasin", "Kabupaten Banjar", "Kota Palangka Raya", "Kabupaten Tabalong")
WRITERS = ("Rahmat Hidayat", "Siti Aisyah Noor", "Muhammad Fauzan")
TAGS = ("banjir", "pasar", "jalan", "sekolah", "sungai")
WORDS = (
    "Warga", "sungai", "pasar", "jembatan", "sekolah", "dinas", "hujan", "perahu", "harga",
    "karet", "banjir", "jalan", "kampung", "rapat", "anggaran", "nelayan", "guru", "kota",
)  # fmt: skip
# With the up-to-date check on, as `make html` has it: a step that changes nothing the build
# reads must find the site up to date, and any other must build.
FIXED_SETTINGS = (
    'WARTA_BUILD_TIME = "2026-11-28T12:00"\nSITEURL = "https://warta.example"\n'
    "WARTA_UP_TO_DATE_CHECK = True\n"
)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def differences(expected: dict[str, bytes], found: dict[str, bytes]) -> list[str]:
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    changed = sorted(path for path in set(expected) & set(found) if expected[path] != found[path])
    return (
        [f"missing {path}" for path in missing]
        + [f"extra {path}" for path in extra]
        + [f"differs {path}" for path in changed]
    )


class Newsroom:
    """A small site on disk, and the three ways it is built."""

    def __init__(self, root: Path) -> None:
        self.site = Site(root)
        self.root = root
        self.theme = root / "theme"
        shutil.copytree(REPO / "theme", self.theme)
        self.extra = ""
        self.session: Any = None
        self.cold_runs = 0

    def settings(self, output: Path, cache: Path) -> dict[str, Any]:
        conf = self.site.settings_file(f"{FIXED_SETTINGS}THEME = {str(self.theme)!r}\n{self.extra}")
        settings = load_settings(str(conf))
        settings["OUTPUT_PATH"] = str(output)
        settings["WARTA_CACHE_PATH"] = str(cache)
        settings["WARTA_IMAGES_CACHE_PATH"] = str(cache / "images")
        return settings

    def pelican(self, output: Path, cache: Path) -> str | None:
        """Build as `make html` does, in this process; the report if content stopped it."""
        from pelican import Pelican  # noqa: PLC0415 - plugins importable once settings load

        from warta.problems import ContentErrors  # noqa: PLC0415

        try:
            Pelican(self.settings(output, cache)).run()
        except ContentErrors as stopped:
            return str(stopped)
        return None

    def incremental(self) -> str | None:
        return self.pelican(self.root / "out-incremental", self.root / "cache-incremental")

    def cold(self) -> tuple[str | None, Path]:
        self.cold_runs += 1
        output = self.root / f"out-cold-{self.cold_runs}"
        error = self.pelican(output, self.root / f"cache-cold-{self.cold_runs}")
        return error, output

    def serve(self, changed: set[str], restart: bool) -> str | None:
        """The preview's passes: the quick one for `changed`, then the full one; after a change
        to the settings or the theme, a build as `make html` makes it, then the full one."""
        from warta.commands.session import Session  # noqa: PLC0415 - needs the plugins' paths set

        output, cache = self.root / "out-serve", self.root / "cache-serve"
        if self.session is None or restart:
            # Settings or theme: the preview has Pelican build the site, then starts again.
            error = self.pelican(output, cache)
            if error is not None:
                return error
            self.session = Session(self.settings(output, cache))
        else:
            self.session.quick(changed)
        return self.session.full().error  # type: ignore[no-any-return]


class IncrementalMachine(RuleBasedStateMachine):
    """Changes a newsroom makes in a day; the three builds agree after each of them."""

    def __init__(self) -> None:
        super().__init__()
        self.newsroom: Newsroom | None = None
        self.stories: dict[str, dict[str, str]] = {}
        self.count = 0
        self.changed: set[str] = set()
        self.restart = False
        # Old addresses in the redirects file, and the story file each leads to.
        self.redirects: dict[str, str] = {}

    @property
    def room(self) -> Newsroom:
        assert self.newsroom is not None
        return self.newsroom

    def _pick(self, data: st.DataObject) -> str:
        """One of the stories on disk, by file name."""
        return str(data.draw(st.sampled_from(sorted(self.stories))))

    def _write(self, name: str) -> None:
        fields = self.stories[name]
        header = {key: value for key, value in fields.items() if key != "body"}
        lines = [f"{key}: {value}" for key, value in header.items() if value]
        path = self.room.site.write(f"articles/{name}", "\n".join(lines) + "\n\n" + fields["body"])
        self.changed.add(str(path.resolve()))

    def _new_story(self, data: st.DataObject) -> None:
        self.count += 1
        name = f"berita-{self.count}.md"
        words = data.draw(st.lists(st.sampled_from(WORDS), min_size=6, max_size=14))
        self.stories[name] = {
            "Title": " ".join(words[:5]).capitalize(),
            "Date": f"2026-11-{data.draw(st.integers(1, 27)):02d} "
            f"{data.draw(st.integers(6, 20)):02d}:00",
            "Category": data.draw(st.sampled_from(DESKS)),
            "Location": data.draw(st.sampled_from(PLACES)),
            "Author": data.draw(st.sampled_from(WRITERS)),
            "Tags": ", ".join(data.draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
            "Slug": f"berita-{self.count}",
            "Status": "",
            "body": " ".join(words).capitalize() + ".\n\n" + " ".join(reversed(words)) + ".\n",
        }
        self._write(name)

    @initialize(data=st.data())
    def start(self, data: st.DataObject) -> None:
        # Every build runs in the newsroom's folder, as `make html` does.
        self.folder = Path(tempfile.mkdtemp(prefix="warta-incremental-"))
        self.home = os.getcwd()
        os.chdir(self.folder)
        self.newsroom = Newsroom(self.folder)
        for _ in range(5):
            self._new_story(data)
        self.restart = True

    def teardown(self) -> None:
        if self.newsroom is not None:
            os.chdir(self.home)
            shutil.rmtree(self.folder, ignore_errors=True)

    @rule(data=st.data())
    def add_story(self, data: st.DataObject) -> None:
        self._new_story(data)

    @precondition(lambda self: self.stories)
    @rule(data=st.data())
    def edit_body(self, data: st.DataObject) -> None:
        name = self._pick(data)
        words = data.draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=8))
        self.stories[name]["body"] += "\n" + " ".join(words).capitalize() + ".\n"
        self._write(name)

    @precondition(lambda self: self.stories)
    @rule(data=st.data())
    def retitle(self, data: st.DataObject) -> None:
        name = self._pick(data)
        words = data.draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))
        self.stories[name]["Title"] = " ".join(words).capitalize()
        self._write(name)

    @precondition(lambda self: self.stories)
    @rule(data=st.data())
    def move(self, data: st.DataObject) -> None:
        """Another desk, place, date or set of tags: listings and neighbours shift."""
        name = self._pick(data)
        field = data.draw(st.sampled_from(["Category", "Location", "Date", "Tags"]))
        value = {
            "Category": st.sampled_from(DESKS),
            "Location": st.sampled_from(PLACES),
            "Date": st.integers(1, 27).map(lambda day: f"2026-11-{day:02d} 08:00"),
            "Tags": st.lists(st.sampled_from(TAGS), max_size=3, unique=True).map(", ".join),
        }[field]
        self.stories[name][field] = data.draw(value)
        self._write(name)

    @precondition(lambda self: self.stories)
    @rule(data=st.data())
    def reslug(self, data: st.DataObject) -> None:
        name = self._pick(data)
        self.count += 1
        self.stories[name]["Slug"] = f"judul-baru-{self.count}"
        self._write(name)

    @precondition(lambda self: self.stories)
    @rule(data=st.data())
    def rename(self, data: st.DataObject) -> None:
        name = self._pick(data)
        self.count += 1
        new = f"berita-{self.count}.md"
        old = self.room.site.content / "articles" / name
        old.unlink()
        self.changed.add(str(old.resolve()))
        self.stories[new] = self.stories.pop(name)
        self._write(new)
        self.redirects = {old: new if to == name else to for old, to in self.redirects.items()}
        if self.redirects:
            self._write_redirects()

    @precondition(lambda self: self.stories)
    @rule(data=st.data())
    def toggle_draft(self, data: st.DataObject) -> None:
        name = self._pick(data)
        fields = self.stories[name]
        fields["Status"] = "" if fields["Status"] == "draft" else "draft"
        self._write(name)
        if name in self.redirects.values():
            self._write_redirects()

    @precondition(lambda self: len(self.stories) > 1)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        name = self._pick(data)
        path = self.room.site.content / "articles" / name
        path.unlink()
        self.changed.add(str(path.resolve()))
        del self.stories[name]
        if name in self.redirects.values():
            self._write_redirects()

    @precondition(lambda self: self.stories)
    @rule(data=st.data())
    def alias(self, data: st.DataObject) -> None:
        """Old addresses lead to a story (a path, and a WordPress short link on the root)."""
        name = self._pick(data)
        self.count += 1
        self.stories[name]["Aliases"] = f"/lama/{self.count}/, /?p={self.count}"
        self._write(name)

    @precondition(lambda self: self.stories)
    @rule(data=st.data())
    def redirect(self, data: st.DataObject) -> None:
        """The redirects file leads an old address to a story's file, wherever it is now."""
        name = self._pick(data)
        self.count += 1
        self.redirects[f"/arsip/{self.count}/"] = name
        self._write_redirects()

    def _write_redirects(self) -> None:
        path = self.room.site.write(
            "data/redirects.yaml",
            "".join(
                f"- from: {old}\n  to: articles/{name}\n"
                for old, name in sorted(self.redirects.items())
                if name in self.stories and not self.stories[name]["Status"]
            ),
        )
        self.changed.add(str(path.resolve()))

    @rule(role=st.sampled_from(["Reporter", "Redaktur", "Fotografer"]))
    def change_data_file(self, role: str) -> None:
        """A writer's role changes: every page with their byline shows it."""
        authors = self.room.site.content / "data" / "authors.yaml"
        text = authors.read_text(encoding="utf-8")
        start = text.index("- name: Siti Aisyah Noor")
        line = text.index("role:", start)
        end = text.index("\n", line)
        authors.write_text(text[:line] + f"role: {role}" + text[end:], encoding="utf-8")
        self.changed.add(str(authors.resolve()))

    @rule(per_page=st.integers(2, 4))
    def change_setting(self, per_page: int) -> None:
        self.room.extra = f"DEFAULT_PAGINATION = {per_page}\n"
        self.restart = True

    @rule(mark=st.sampled_from(["A", "B"]))
    def change_template(self, mark: str) -> None:
        footer = self.room.theme / "templates" / "partials" / "footer.html"
        text = (REPO / "theme" / "templates" / "partials" / "footer.html").read_text("utf-8")
        footer.write_text(text + f"{{# {mark} #}}<!-- versi {mark} -->\n", encoding="utf-8")
        self.restart = True

    @invariant()
    def builds_agree(self) -> None:
        if self.newsroom is None:
            return
        room = self.room
        incremental_error = room.incremental()
        serve_error = room.serve(self.changed, self.restart)
        cold_error, cold = room.cold()
        self.changed = set()
        self.restart = False
        assert incremental_error is None, incremental_error
        assert cold_error is None, cold_error
        assert serve_error is None, serve_error
        expected = tree(cold)
        assert any(path.endswith("index.html") for path in expected)
        assert differences(expected, tree(room.root / "out-incremental")) == []
        assert differences(expected, tree(room.root / "out-serve")) == []
        shutil.rmtree(cold)
        shutil.rmtree(room.root / f"cache-cold-{room.cold_runs}", ignore_errors=True)


def test_incremental_and_preview_builds_equal_a_cold_build() -> None:
    run_state_machine_as_test(
        IncrementalMachine,
        settings=settings(
            max_examples=8,
            stateful_step_count=8,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )
