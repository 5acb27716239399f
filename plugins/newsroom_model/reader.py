"""Pelican's Markdown reader with Warta's header parsing and schema check in front of it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown
from markupsafe import escape
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Tag
from pelican.utils import slugify

from .catalog import Source
from .enrich import dateline_label, first_paragraph, with_dateline
from .header import SplitSource, decode_source, split_source
from .problems import Problem
from .schema import ARTICLE, Validated, validate
from .state import BuildState, state_of

_META_EXTENSIONS = {"meta", "markdown.extensions.meta"}
_IMG = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r"""\balt\s*=\s*(["'])(?P<alt>.*?)\1""", re.S)
_INTERNAL_LINK = re.compile(
    r"""\b(?:href|src)\s*=\s*(["'])\{(?:static|attach|filename)\}(?P<target>[^"'#?]+)"""
)
# Used when a required field is wrong, so Pelican can still build the object and the build can
# go on to find every other problem before it stops; such a build never writes anything.
_EPOCH = "1970-01-01T00:00:00"


@dataclass
class Header:
    """One file's header as read: where it is, what it is, and its values in Pelican's form."""

    path: str
    kind: str
    split: SplitSource
    checked: Validated
    metadata: dict[str, Any]


class NewsroomMarkdownReader(MarkdownReader):  # type: ignore[misc]  # Pelican has no type hints
    """Reads `.md` articles and pages in either header style and validates them as it goes.

    A content mistake never raises here: it is recorded in the build state, and the build stops
    with every problem listed before any page is written (see `newsroom_model.stop_if_invalid`).
    """

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        state = state_of(self.settings)
        if state is None:
            return super().read(source_path)  # type: ignore[no-any-return]
        header = self.read_header(source_path, state)
        if header is None:
            return "", self._stand_in(source_path)
        content, body_problems = self._render_body(
            header.split.body, header.split.body_line, source_path, header.path, state
        )
        state.problems.extend(body_problems)
        metadata = header.metadata
        if header.kind == ARTICLE:
            if "summary" not in metadata:
                metadata["summary"] = first_paragraph(
                    content,
                    self.settings["SUMMARY_MAX_LENGTH"],
                    self.settings["SUMMARY_END_SUFFIX"],
                )
            content = with_dateline(
                content,
                dateline_label(
                    metadata.get("dateline", ""), self.settings["WARTA_DATELINE_OUTLET"]
                ),
            )
        return content, metadata

    def read_header(
        self, source_path: str, state: BuildState, render_summary: bool = True
    ) -> Header | None:
        """Decode, split and validate one file's header, recording its problems in `state`.

        None when the file cannot even be decoded. `warta check` calls this alone, without
        rendering the summary: it is all of reading except the Markdown.
        """
        path = state.display(source_path)
        kind = state.kind_of(source_path)
        text, problem = decode_source(Path(source_path).read_bytes(), path)
        if text is None:
            assert problem is not None
            state.problems.append(problem)
            return None
        split = split_source(text, path)
        checked = validate(split.fields, kind, path, state.rules)
        state.problems.extend([*split.problems, *checked.problems])
        state.field_lines[source_path] = checked.lines
        metadata = self._pelican_metadata(checked, source_path, state, render_summary)
        return Header(path, kind, split, checked, metadata)

    def _converter(self) -> Markdown:
        """This reader's Markdown converter, made once and reset before each use."""
        converter: Markdown | None = getattr(self, "_warta_markdown", None)
        if converter is None:
            converter = self._warta_markdown = self._markdown()
        return converter.reset()

    def _markdown(self) -> Markdown:
        """A Markdown converter with the site's settings, minus `meta`: the header is ours."""
        config = dict(self.settings["MARKDOWN"])
        config["extensions"] = [
            ext for ext in config.get("extensions", []) if ext not in _META_EXTENSIONS
        ]
        config["extension_configs"] = {
            name: options
            for name, options in config.get("extension_configs", {}).items()
            if name not in _META_EXTENSIONS
        }
        return Markdown(**config)

    def _render_body(
        self, body: str, body_line: int, source_path: str, path: str, state: BuildState
    ) -> tuple[str, list[Problem]]:
        """The body as HTML, with problems for images without alt text and broken links."""
        html = self._converter().convert(body)
        problems: list[Problem] = []

        def line_of(fragment: str) -> int:
            index = body.find(fragment)
            return body_line + body.count("\n", 0, index) if index >= 0 else body_line

        def check_image(match: re.Match[str]) -> str:
            tag = match.group(0)
            alt = _ALT.search(tag)
            if alt and alt["alt"].strip():
                return tag
            src = re.search(r"""\bsrc\s*=\s*(["'])(?P<src>.*?)\1""", tag)
            name = src["src"] if src else "image"
            problems.append(
                Problem(
                    path,
                    line_of(name),
                    "Body",
                    f"image '{name}' has no alt text",
                    "write ![what the photo shows](path)",
                )
            )
            # Dropped because the build will stop on this problem anyway; Pelican would otherwise
            # raise on its own empty-alt warning before the other problems are found.
            return ""

        html = _IMG.sub(check_image, html)
        source_dir = Path(source_path).parent
        root = state.rules.content_root
        for link in _INTERNAL_LINK.finditer(html):
            target = link["target"]
            resolved = root / target.lstrip("/") if target.startswith("/") else source_dir / target
            if not resolved.exists():
                problems.append(
                    Problem(
                        path,
                        line_of(target),
                        "Body",
                        f"link to '{target}' points to no file",
                        "paths after {static} are relative to this file, or to content/ with '/'",
                    )
                )
        return html, problems

    def _pelican_metadata(
        self, checked: Validated, source_path: str, state: BuildState, render_summary: bool
    ) -> dict[str, Any]:
        """Clean values as Pelican expects them: taxonomy objects, HTML summary, a dateline."""
        data = dict(checked.metadata)
        metadata: dict[str, Any] = self._stand_in(source_path) if not checked.ok else {}
        catalog = state.rules.catalog
        for name, value in data.items():
            if name in ("author", "authors"):
                metadata["authors"] = [self._author(str(writer), state) for writer in value]  # type: ignore[attr-defined]
            elif name == "category":
                metadata["category"] = self.process_metadata("category", value)
            elif name == "tags":
                metadata["tags"] = [Tag(str(tag), self.settings) for tag in value]  # type: ignore[attr-defined]
            elif name == "summary" and render_summary:
                metadata["summary"] = self._converter().convert(str(value))
            elif name == "source":
                metadata["source"] = catalog.source(str(value)) or Source(
                    str(value), slugify(str(value), self.settings["SLUG_REGEX_SUBSTITUTIONS"])
                )
            else:
                metadata[name] = value
        if "title" in data:
            # Reporters write headlines as text and Pelican treats a title as HTML: escaped,
            # "Cabai & Bawang" shows as written and a '<' cannot open an element. Pelican's
            # slugify strips tags and decodes entities first, so slugs come out as from the text.
            metadata["title"] = str(escape(str(data["title"])))
        location = metadata.get("location")
        if "dateline" not in metadata and location is not None:
            metadata["dateline"] = location.dateline
        return metadata

    def _author(self, name: str, state: BuildState) -> Author:
        author = Author(name, self.settings)
        staff = state.rules.catalog.author(name)
        if staff is not None:
            author.slug = staff.slug
            author.staff = staff
        return author

    def _stand_in(self, source_path: str) -> dict[str, Any]:
        """Values that let Pelican build an object for a file whose own values are wrong."""
        return {
            "title": Path(source_path).stem,
            "date": self.process_metadata("date", _EPOCH),
        }
