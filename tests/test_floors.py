"""The floors of the code hold: the core imports no plugin and no command, no plugin a command.

Read from the modules' own import statements (ast), as written, whether they run at import, inside
a function or only for the type checker: each is an arrow of the house. The core may not load a
module by name at run time either (`__import__`, `importlib.import_module`), since such an arrow
can point anywhere. Tests stand above every floor and are not held to these rules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sitekit import REPO

CORE = REPO / "warta"
COMMANDS = "warta.commands"
# `python -m warta` is the door of the command line: it stands on the commands' floor.
DOORS = {CORE / "__main__.py"}
PLUGINS = REPO / "plugins"
DYNAMIC = {"__import__", "import_module"}
TYPE_ONLY = "if TYPE_CHECKING:\n    from newsroom_model.record import Story\n"


def plugin_names() -> set[str]:
    """Every plugin package in plugins/, found on disk, so that a new one is held too."""
    return {path.parent.name for path in PLUGINS.glob("*/__init__.py")}


def module_name(path: Path) -> str:
    """The dotted name a file is imported by (a plugin by its own top-level package)."""
    root = PLUGINS if path.is_relative_to(PLUGINS) else REPO
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, name: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """Each (line, dotted name) that the module `name` imports, relative imports resolved.

    `from a import b` yields both `a` and `a.b`, since b may be a module of a.
    """
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"
        elif isinstance(node, ast.Call):
            called = node.func
            called_name = (
                called.id
                if isinstance(called, ast.Name)
                else called.attr
                if isinstance(called, ast.Attribute)
                else ""
            )
            if called_name in DYNAMIC:
                yield node.lineno, f"<{called_name}>"


def is_under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def wrong_arrows(path: Path, source: str, plugins: set[str]) -> list[str]:
    """The imports of one file that point to a floor it may not reach, as `path:line: name`."""
    name = module_name(path)
    in_core = path.is_relative_to(CORE) and path not in DOORS and not is_under(name, COMMANDS)
    in_plugin = path.is_relative_to(PLUGINS)
    wrong = []
    for line, target in imported(source, name, path.name == "__init__.py"):
        top = target.partition(".")[0]
        upward = is_under(target, COMMANDS) or (
            in_core and (top in plugins or top == "plugins" or target.startswith("<"))
        )
        if (in_core or in_plugin) and upward:
            wrong.append(f"{path.relative_to(REPO)}:{line}: {target}")
    return wrong


def product_files() -> list[Path]:
    """The core's, the commands' and the plugins' modules, their tests left out."""
    return sorted(
        path
        for folder in (CORE, PLUGINS)
        for path in folder.rglob("*.py")
        if "tests" not in path.relative_to(folder).parts
    )


def test_the_core_imports_no_plugin_or_command_and_no_plugin_a_command() -> None:
    plugins = plugin_names()
    assert {"newsroom_model", "news_theme"} <= plugins
    files = product_files()
    assert CORE / "output.py" in files
    assert CORE / "commands" / "cli.py" in files
    wrong = [
        arrow for path in files for arrow in wrong_arrows(path, path.read_text("utf-8"), plugins)
    ]
    assert not wrong, "imports that run up a floor:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("path", "source"),
    [
        (CORE / "cache.py", "from newsroom_model import schema\n"),
        (CORE / "cache.py", "import findability.search\n"),
        (CORE / "cache.py", "def f():\n    from news_theme.pages import story_jobs\n"),
        (CORE / "cache.py", TYPE_ONLY),
        (CORE / "cache.py", "from warta.commands.cli import main\n"),
        (CORE / "cache.py", "from warta import commands\n"),
        (CORE / "cache.py", "from .commands import session\n"),
        (CORE / "cache.py", "from . import commands\n"),
        (CORE / "cache.py", "import plugins.newsroom_model\n"),
        (CORE / "cache.py", "module = __import__(name)\n"),
        (CORE / "cache.py", "import importlib\nimportlib.import_module(name)\n"),
        (PLUGINS / "news_theme" / "pages.py", "from warta.commands.publish import headers_for\n"),
        (PLUGINS / "news_theme" / "pages.py", "from warta import commands\n"),
    ],
)
def test_an_arrow_up_a_floor_is_found(path: Path, source: str) -> None:
    assert wrong_arrows(path, source, plugin_names())


@pytest.mark.parametrize(
    ("path", "source"),
    [
        (CORE / "output.py", "from .cache import DiskCache\nfrom warta.run import BuildRun\n"),
        (CORE / "__main__.py", "from warta.commands.cli import main\n"),
        (CORE / "commands" / "cli.py", "from newsroom_model import rules_of\n"),
        (CORE / "commands" / "wordpress" / "media.py", "from . import messages\n"),
        (PLUGINS / "news_theme" / "pages.py", "from newsroom_model.site import SITE\n"),
        (PLUGINS / "newsroom_model" / "__init__.py", "importlib.import_module(name)\n"),
    ],
)
def test_an_arrow_down_is_allowed(path: Path, source: str) -> None:
    assert not wrong_arrows(path, source, plugin_names())


def product_modules() -> Iterator[Path]:
    """Every module of Warta and its plugins, tests left out."""
    for path in [*CORE.rglob("*.py"), *PLUGINS.rglob("*.py")]:
        if "tests" not in path.relative_to(REPO).parts:
            yield path


def test_no_class_name_is_defined_twice() -> None:
    """A name says which thing it is: two classes of one name (the model's Correction and the
    theme's) force an `as` at every place that meets both, and a reader to ask which."""
    where: dict[str, list[str]] = {}
    for path in product_modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                where.setdefault(node.name, []).append(str(path.relative_to(REPO)))
    twice = {name: paths for name, paths in where.items() if len(paths) > 1}
    assert twice == {}
