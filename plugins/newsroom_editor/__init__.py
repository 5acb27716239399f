"""The newsroom editor: Decap CMS at /admin/, configured from Warta's own schema and data files.

Needs `newsroom_model` before it in PLUGINS. `register()` only connects signals: initialized
(the order of PLUGINS checked, the editor's packages are installed, its settings go together).
Its feature (`FEATURE`, `plan_editor`) adds the editor's files to the build's outputs: its page,
its configuration made from the schema, the data files and the archive's tags, its script, and
Decap's bundle from node_modules, pinned by package-lock.json. No reader page links or loads
any of it.
`warta serve` answers the editor's requests for the local folder through `local.py`.
See docs/adr/011-newsroom-editor.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsroom_model.reading import READING
from newsroom_model.site import SITE
from pelican import signals

from warta.features import Feature, Planned, check_order
from warta.messages import Text, site_catalogue
from warta.output import OutputFiles
from warta.problems import stop_for_settings
from warta.run import BuildRun
from warta.signals import input_files

from .files import Installed, editor_files, installed, write_editor
from .settings import problems


def check_settings(pelican: Any) -> None:
    """Before anything is read: the editor's settings together, and Decap's bundle installed (a
    check has no use for it)."""
    settings = pelican.settings
    if "newsroom_editor" not in settings["PLUGINS"] or not settings.get("WARTA_EDITOR"):
        return
    found = problems(settings)
    packages = installed(settings)
    if settings["WARTA_MODE"] == "build" and isinstance(packages, Text):
        found.append(packages)
    stop_for_settings(found, catalogue=site_catalogue(settings))


def plan_editor(run: BuildRun) -> Planned[None]:
    """The editor's folder among the build's outputs."""
    settings = run.settings
    if not settings.get("WARTA_EDITOR"):
        return Planned(None)
    packages = installed(settings)
    assert isinstance(packages, Installed)  # checked when the build started
    site = run.get(SITE)
    files = editor_files(settings, packages, run.get(READING).rules, site.stories)
    folder = str(settings["WARTA_EDITOR_PATH"]).strip("/")
    return Planned(
        None,
        files=(
            OutputFiles(
                owner="the editor",
                stage="editor",
                claims=(f"{folder}/",),
                write=lambda writes: write_editor(writes, folder, files),
            ),
        ),
    )


def editor_inputs(settings: dict[str, Any]) -> list[Path]:
    """What the editor is made from besides settings, content and code: its packages in
    node_modules and this plugin's script and translations (the up-to-date check reads them)."""
    if "newsroom_editor" not in settings.get("PLUGINS", ()) or not settings.get("WARTA_EDITOR"):
        return []
    packages = installed(settings)
    here = Path(__file__).parent
    found = [here / "static", here / "locales"]
    if isinstance(packages, Installed):
        found.extend(packages.folders)
    return found


FEATURE = Feature("newsroom_editor", plan_editor, needs=(SITE, READING))


def register() -> None:
    signals.initialized.connect(check_order)
    signals.initialized.connect(check_settings)
    input_files.connect(editor_inputs)
