"""What one build knows about its content: the rules, the problems found, and what was written."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .catalog import load_catalog
from .problems import Problem
from .schema import ARTICLE, PAGE, Rules

# Pelican hands the same settings dict to readers, generators and content objects, and copies it
# into the template context, so the build's state travels under this key with no module globals.
STATE_KEY = "WARTA_BUILD_STATE"


@dataclass
class BuildState:
    """The ledger of one build, from reading content to the last page written."""

    rules: Rules
    page_roots: tuple[Path, ...]
    display_root: Path
    problems: list[Problem] = field(default_factory=list)
    field_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    article_files: set[str] = field(default_factory=set)
    unpublished: set[str] = field(default_factory=set)
    outputs: dict[str, str] = field(default_factory=dict)
    written: Counter[str] = field(default_factory=Counter)

    @classmethod
    def start(cls, settings: dict[str, Any]) -> BuildState:
        """Read the reference data and set up the ledger for a build with these settings."""
        content_root = Path(settings["PATH"]).resolve()
        display_root = Path(os.getcwd())
        catalog, problems = load_catalog(
            content_root / settings["WARTA_DATA_PATH"],
            settings["WARTA_DATA_FILES"],
            settings["SLUG_REGEX_SUBSTITUTIONS"],
            display_root,
        )
        rules = Rules(
            catalog=catalog,
            categories=tuple(settings["WARTA_CATEGORIES"]),
            timezone=ZoneInfo(settings["TIMEZONE"]),
            content_root=content_root,
            extra_fields=frozenset(name.lower() for name in settings["WARTA_EXTRA_FIELDS"]),
        )
        page_roots = tuple(
            Path(os.path.abspath(os.path.join(settings["PATH"], path)))
            for path in settings["PAGE_PATHS"]
        )
        return cls(rules, page_roots, display_root, problems)

    def for_part(self) -> BuildState:
        """An empty ledger with the same rules, for one part of the work done elsewhere."""
        return BuildState(self.rules, self.page_roots, self.display_root)

    def display(self, source_path: str) -> str:
        """The path as a reporter would type it: relative to where the build was started."""
        path = os.path.abspath(source_path)
        root = str(self.display_root)
        return os.path.relpath(path, root) if path.startswith(root + os.sep) else path

    def kind_of(self, source_path: str) -> str:
        path = os.path.abspath(source_path)
        in_pages = any(path.startswith(f"{root}{os.sep}") for root in self.page_roots)
        return PAGE if in_pages else ARTICLE

    def claim_output(self, content: Any) -> None:
        """Note that `content` writes its `save_as`; two sources for one file is a problem."""
        source_path, save_as = content.source_path, content.save_as
        if not save_as or not source_path:
            return
        owner = self.outputs.setdefault(save_as, source_path)
        if owner == source_path:
            return
        for mine, other in ((source_path, owner), (owner, source_path)):
            self.problems.append(
                Problem(
                    self.display(mine),
                    self._line_of(mine, "slug", "title"),
                    "Slug",
                    f"its address '{content.url or save_as}' is also taken by "
                    f"{self.display(other)}",
                    "give one of them a different Slug",
                )
            )

    def not_markdown(self, source_path: str) -> Problem:
        """The problem of a file in an article folder that no reader takes."""
        return Problem(
            self.display(source_path),
            1,
            "File",
            "is not a Markdown article, so it would never be published",
            "rename it to .md, or keep it outside the article folders",
        )

    def _line_of(self, source_path: str, *names: str) -> int:
        lines = self.field_lines.get(source_path, {})
        return next((lines[name] for name in names if name in lines), 1)


def claim_outputs(state: BuildState, contents: list[Any]) -> None:
    """Claim the output file of each article or page that writes one."""
    for content in contents:
        state.claim_output(content)


def state_of(settings: dict[str, Any]) -> BuildState | None:
    """The running build's state, or None when the newsroom model is not set up for it."""
    state = settings.get(STATE_KEY)
    return state if isinstance(state, BuildState) else None
