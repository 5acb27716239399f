"""Split a Markdown source into its metadata header and body, keeping the line of every field.

Two header styles are accepted: Pelican's `Key: value` lines ending at the first blank line, and
a YAML front-matter block between `---` lines. Python-Markdown's `meta` extension and PyYAML's
`safe_load` both drop line numbers, and every content error must name `path:line`, so the
Pelican style is parsed here by the same rules as the `meta` extension, and YAML goes through
PyYAML's node tree, which carries the marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from warta.messages import t
from warta.problems import Problem, bounded

# The same key and continuation patterns as Python-Markdown's meta extension.
_KEY_VALUE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_YAML_FENCE = "---"
_YAML_END = ("---", "...")

FieldValue = str | list["FieldValue"] | dict[str, "FieldValue"]

# libyaml's loader when PyYAML was built with it (its wheels are): the same events and marks as
# the pure-Python one, many times faster on a large archive.
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass(frozen=True)
class RawField:
    """A header field as written: lower-case name, unparsed value, and its 1-based line."""

    name: str
    value: FieldValue
    line: int


@dataclass(frozen=True)
class SplitSource:
    """A source file cut in two: header fields in file order and the Markdown body."""

    fields: list[RawField]
    body: str
    body_line: int
    header_style: str
    problems: list[Problem]


def decode_source(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (with or without a byte-order mark), or say on which line it fails."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.start + 1].hex()
        return None, Problem(
            path,
            line,
            "Encoding",
            t("byte 0x{bad} is not UTF-8", bad=bad),
            t("save the file as UTF-8 in your editor"),
        )


def split_source(text: str, path: str) -> SplitSource:
    """Read the header in whichever style the file uses and return it with the body."""
    lines = text.splitlines()
    if lines and lines[0].rstrip() == _YAML_FENCE:
        return _split_yaml(lines, path)
    return _split_key_value(lines)


def _split_key_value(lines: list[str]) -> SplitSource:
    fields: list[RawField] = []
    current: tuple[str, list[str], int] | None = None
    body_start = 0
    for index, line in enumerate(lines):
        body_start = index
        if not line.strip():
            body_start = index + 1
            break
        match = _KEY_VALUE.match(line)
        if match:
            if current:
                fields.append(_joined(current))
            current = (match["key"].lower(), [match["value"].strip()], index + 1)
            continue
        more = _CONTINUATION.match(line)
        if more and current:
            current[1].append(more["value"].strip())
            continue
        break
    else:
        body_start = len(lines)
    if current:
        fields.append(_joined(current))
    return SplitSource(fields, "\n".join(lines[body_start:]), body_start + 1, "key-value", [])


def _joined(current: tuple[str, list[str], int]) -> RawField:
    name, parts, line = current
    return RawField(name, " ".join(part for part in parts if part), line)


def _split_yaml(lines: list[str], path: str) -> SplitSource:
    end = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in _YAML_END),
        None,
    )
    if end is None:
        problem = Problem(
            path,
            1,
            "Header",
            t("front matter opened with '---' is never closed"),
            t("end it with '---'"),
        )
        return SplitSource([], "", 1, "yaml", [problem])
    header = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    refusal = _refuse_aliases(header, path)
    if refusal is not None:
        return SplitSource([], body, end + 2, "yaml", [refusal])
    # BaseLoader keeps every scalar a string, so dates and numbers are parsed by the schema with
    # one set of rules whichever header style the reporter used.
    loader = _Loader(header)
    try:
        node = loader.get_single_node()
        if node is None:
            return SplitSource([], body, end + 2, "yaml", [])
        if not isinstance(node, yaml.MappingNode):
            problem = Problem(
                path,
                node.start_mark.line + 2,
                "Header",
                t("front matter is not a list of 'key: value' fields"),
                t("write one field per line, e.g. 'title: ...'"),
            )
            return SplitSource([], body, end + 2, "yaml", [problem])
        fields = [
            RawField(
                str(loader.construct_object(key_node, deep=True)).lower(),
                loader.construct_object(value_node, deep=True),
                key_node.start_mark.line + 2,
            )
            for key_node, value_node in node.value
        ]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 2
        problem = Problem(
            path,
            line,
            "Header",
            t(
                "YAML front matter cannot be read: {value}",
                value=bounded(str(error.problem or error.context)),
            ),
            t("quote values that contain ': ' or start with a special character"),
        )
        return SplitSource([], body, end + 2, "yaml", [problem])
    finally:
        loader.dispose()
    return SplitSource(fields, body, end + 2, "yaml", [])


def _refuse_aliases(header: str, path: str) -> Problem | None:
    """A problem if the front matter uses anchors or aliases (`&name`, `*name`).

    A header has no use for them, and nested aliases expand exponentially: a few hundred bytes
    can stand for megabytes (the "billion laughs"). The events are scanned before anything is
    built, so nothing is ever expanded.
    """
    loader = _Loader(header)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                return Problem(
                    path,
                    (mark.line + 2) if mark else 2,
                    "Header",
                    t("YAML anchors and aliases (& and *) are not allowed in front matter"),
                    t("write each value out in full"),
                )
    except yaml.YAMLError:
        return None  # reported with its line when the header is read
    finally:
        loader.dispose()
    return None
