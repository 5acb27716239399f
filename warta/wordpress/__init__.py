"""Leaving WordPress: a WXR export turned into Warta's articles and pages, stage by stage.

`wxr` reads the export; `shortcodes` and `markdown` turn each body into Markdown; `mapping`
decides each file's place and header; `media` copies photos; `importer` runs the stages and
writes; `report` tells the editor what was done and what is left.
"""

from __future__ import annotations

from .files import MANIFEST_NAME, Outcome, PathRefused, inside
from .importer import run_import
from .mapping import ImportedPost, Mapping, find_place, local_time, plan
from .markdown import convert_body, escape_markdown
from .messages import Note
from .report import REPORT_NAME, render_report
from .wxr import BadDate, Export, Item, Term, WxrError, parse_export

__all__ = [
    "MANIFEST_NAME",
    "REPORT_NAME",
    "BadDate",
    "Export",
    "ImportedPost",
    "Item",
    "Mapping",
    "Note",
    "Outcome",
    "PathRefused",
    "Term",
    "WxrError",
    "convert_body",
    "escape_markdown",
    "find_place",
    "inside",
    "local_time",
    "parse_export",
    "plan",
    "render_report",
    "run_import",
]
