"""Plugins act in the order of PLUGINS: Warta's signals reach them in it, whatever order blinker
keeps, and each feature reads only the parts of the plugins listed before it, a contract
checked before anything is read."""

from __future__ import annotations

import random
import sys
import types
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from blinker import NamedSignal
from rich.console import Console

from tests.sitekit import Site
from warta.cache import DiskCache
from warta.features import Feature, Planned, features_of, order_problems, plan_features
from warta.output import OUTPUTS, OutputFiles, Outputs
from warta.run import BuildRun, Slot
from warta.signals import send_in_plugin_order
from warta.views import PageJob, RedirectView

PLUGINS = ["newsroom_model", "related_stories", "news_images", "findability", "news_theme"]


def receiver_of(package: str, calls: list[str]) -> Callable[[BuildRun], None]:
    def receive(run: BuildRun) -> None:
        calls.append(package)

    # As if defined in the plugin's package, as each plugin's receiver is.
    receive.__module__ = f"{package}.receivers" if package == "news_images" else package
    return receive


def test_receivers_run_in_the_order_of_plugins_not_of_connection(tmp_path: Path) -> None:
    run = BuildRun(
        settings={"PLUGINS": [*PLUGINS, "a_site_plugin"]},
        now=datetime(2026, 11, 28, tzinfo=UTC),
        cache=DiskCache(tmp_path),
        console=Console(),
    )
    shuffle = random.Random(28)  # noqa: S311 - a seeded shuffle, not a secret
    # blinker calls a signal's receivers in the order of a set of their ids: connected in a
    # shuffled order, most of these signals would call them out of order.
    for number in range(20):
        calls: list[str] = []
        sent = NamedSignal(f"test {number}")
        receivers = [receiver_of(package, calls) for package in [*PLUGINS, "a_site_plugin"]]
        for receiver in shuffle.sample(receivers, len(receivers)):
            sent.connect(receiver)
        send_in_plugin_order(sent, run)
        assert calls == [*PLUGINS, "a_site_plugin"]


# The features' order is a contract checked at start-up: a feature that reads what a plugin
# listed after it plans would find nothing there, and the pages would quietly go without it.


@pytest.mark.parametrize(
    ("settings", "told"),
    [
        # A feature that would read what a plugin listed after it plans (photos: optional).
        (
            'PLUGINS = ["newsroom_model", "related_stories", "findability", "news_images",'
            ' "news_theme"]\n',
            "settings: PLUGINS: findability uses what news_images plans: list news_images "
            "before it",
        ),
        # A feature whose needed plugin is missing, told in the site's language.
        (
            'WARTA_MESSAGES_LANG = "id"\n'
            'PLUGINS = ["newsroom_model", "related_stories", "news_images", "news_theme"]\n',
            "pengaturan: PLUGINS: news_theme memerlukan findability tercantum sebelumnya",
        ),
    ],
)
def test_plugins_out_of_order_stop_the_build_before_anything_is_read(
    tmp_path: Path, settings: str, told: str
) -> None:
    site = Site(tmp_path)
    site.article("a.md", Slug="a")
    built = site.build(settings)
    assert built.returncode == 1
    assert told in built.stderr
    assert "Traceback" not in built.stderr
    assert not built.output.exists()


def test_without_an_optional_feature_the_site_is_built_without_its_part(tmp_path: Path) -> None:
    """Photos and related stories are optional: left out of PLUGINS, the pages go without them,
    and every story still has its page."""
    site = Site(tmp_path)
    site.image("images/banjir.jpg")
    site.article("a.md", Slug="a", Image="/images/banjir.jpg", ImageAlt="Air setinggi lutut")
    site.article("b.md", Slug="b", Title="Berita Kedua")
    built = site.build('PLUGINS = ["newsroom_model", "findability", "news_theme"]\n')
    assert built.returncode == 0, built.stderr
    pages = built.article_pages()
    assert len(pages) == 2
    assert all("<picture" not in page.read_text(encoding="utf-8") for page in pages)
    assert 'alt="Air setinggi lutut"' not in (
        built.output / "2026" / "11" / "a" / "index.html"
    ).read_text(encoding="utf-8")
    assert not (built.output / "images").exists()


def test_features_follow_plugins_and_each_hands_its_part_to_the_next(tmp_path: Path) -> None:
    """Only the features of listed plugins plan, in the order of PLUGINS; what each returns is
    where the next reads it, and its files and pages are the build's outputs."""
    first_part = Slot[str]("first part", "first_feature")
    calls: list[str] = []

    def first(run: BuildRun) -> Planned[str]:
        calls.append("first")
        files = OutputFiles("first", "feeds", ("a.txt",), lambda writes: [])
        return Planned("from the first", files=(files,))

    def second(run: BuildRun) -> Planned[None]:
        calls.append(f"second read {run.get(first_part)!r}")
        return Planned(None, pages=(PageJob.of("b.html", "redirect", RedirectView("/", "", "")),))

    modules = {
        "first_feature": Feature("first_feature", first, gives=first_part),
        "second_feature": Feature("second_feature", second, needs=(first_part,)),
        "unlisted_feature": Feature("unlisted_feature", second),
    }
    for name, feature in modules.items():
        module = types.ModuleType(name)
        module.FEATURE = feature  # type: ignore[attr-defined]
        sys.modules[name] = module
    try:
        settings = {"PLUGINS": ["second_feature", "first_feature"]}
        assert [str(problem) for problem in order_problems(settings, features_of(settings))] == [
            "PLUGINS: second_feature needs first_feature listed before it"
        ]
        settings = {"PLUGINS": ["first_feature", "second_feature"]}
        features = features_of(settings)
        assert [feature.plugin for feature in features] == ["first_feature", "second_feature"]
        assert order_problems(settings, features) == []
        run = BuildRun(
            settings=settings,
            now=datetime(2026, 11, 28, tzinfo=UTC),
            cache=DiskCache(tmp_path),
            console=Console(),
        )
        run.put(OUTPUTS, Outputs())
        plan_features(run, features)
        assert calls == ["first", "second read 'from the first'"]
        outputs = run.get(OUTPUTS)
        assert [files.claims for files in outputs.files] == [("a.txt",)]
        assert [job.save_as for job in outputs.jobs] == ["b.html"]
    finally:
        for name in modules:
            del sys.modules[name]
