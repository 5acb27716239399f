"""Leaving WordPress: a WXR export turned into Warta's articles and pages, stage by stage.

`wxr` reads the export; `mapping` is the editor's mapping of categories and tags to desks and
places; `shortcodes` and `markdown` turn each body into Markdown; `posts` makes each post and
page a file (status, dateline, header, old addresses); `media` has every photo copied or names
it; `redirects` leads the old archives and feeds to the new listings; `comments` hands the
comments to the comment server; `importer` runs the stages in that order and writes; `report`
tells the editor what was done and what is left. Every message is in `messages`.
"""

from __future__ import annotations

from .files import MANIFEST_NAME, Outcome, PathRefused, inside
from .importer import Options, Summary, run_import
from .mapping import (
    MAPPING_NAME,
    MappingError,
    TermMapping,
    count_terms,
    find_place,
    load_or_draft,
    read_mapping,
)
from .markdown import convert_body, escape_markdown
from .messages import Note
from .posts import ImportedPost, local_time, plan
from .report import ACTION_HEADINGS, REPORT_NAME, render_report
from .wxr import BadDate, Export, Item, Term, WxrError, parse_export

__all__ = [
    "ACTION_HEADINGS",
    "MANIFEST_NAME",
    "MAPPING_NAME",
    "REPORT_NAME",
    "BadDate",
    "Export",
    "ImportedPost",
    "Item",
    "MappingError",
    "Note",
    "Options",
    "Outcome",
    "PathRefused",
    "Summary",
    "Term",
    "TermMapping",
    "WxrError",
    "convert_body",
    "count_terms",
    "escape_markdown",
    "find_place",
    "inside",
    "load_or_draft",
    "local_time",
    "parse_export",
    "plan",
    "read_mapping",
    "render_report",
    "run_import",
]
