"""Warta's own signals, beside Pelican's: the seams where plugins add to a build's plan.

`site_listed(run)` is sent as soon as every file is read and the site's listings are made: work
that needs nothing more starts there, beside the rest of the planning (the search index).
`plan_site(run)` is sent once per build, after every file is read and checked and the site's
listings are made (newsroom_model), and before anything is written. Each plugin's receiver adds
its part to the run: related stories, photos, feeds and search, the pages' views. Receivers run
in the order of PLUGINS (`send_in_plugin_order`), so a plugin reads what the ones listed before
it added.
`site_written(run)` is sent when a build has written everything.
`input_files(settings)` asks each plugin for the files and folders it reads besides the
settings, the content, the theme and Python code (the editor's bundle in node_modules): the
check that nothing changed since the last build looks at them too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from blinker import NamedSignal, signal

if TYPE_CHECKING:
    from .run import BuildRun

site_listed = signal("warta_site_listed")
plan_site = signal("warta_plan_site")
site_written = signal("warta_site_written")
input_files = signal("warta_input_files")


def plugin_names(settings: dict[str, Any]) -> list[str]:
    """The names in PLUGINS, in order (an entry may be the module itself)."""
    return [name if isinstance(name, str) else name.__name__ for name in settings["PLUGINS"]]


def send_in_plugin_order(sent: NamedSignal, run: BuildRun) -> None:
    """Call each receiver of `sent` with `run`, those of plugins in the order of PLUGINS.

    blinker keeps a signal's receivers in a set of their ids and calls them in the set's
    order, which follows memory addresses, not the order they were connected in; so the order
    is set here. A receiver is placed by the package its function is defined in; receivers of
    anything not in PLUGINS come last, in blinker's order.
    """
    position = {name: index for index, name in enumerate(plugin_names(run.settings))}

    def place(receiver: Callable[..., Any]) -> int:
        package = str(getattr(receiver, "__module__", "")).partition(".")[0]
        return position.get(package, len(position))

    for receiver in sorted(sent.receivers_for(run), key=place):
        receiver(run)
