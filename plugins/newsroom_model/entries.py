"""One entry of a newsroom data file as it was read (`datafiles`), before it is turned into a
place, a writer or a source; the national list of places is merged in as entries too
(`national`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Entry:
    """One entry as read: its checked values, the line of each key, and its own line."""

    line: int
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    children: list[Entry] = field(default_factory=list)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)
