"""Warta's signals reach the plugins in the order of PLUGINS, whatever order blinker keeps."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from blinker import NamedSignal
from rich.console import Console

from warta.cache import DiskCache
from warta.run import BuildRun
from warta.signals import send_in_plugin_order

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
