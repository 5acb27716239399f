"""The report an editor reads after an import: what was done, and what is left to do."""

from __future__ import annotations

from .files import Outcome
from .messages import Note
from .text import header_value, shorten

REPORT_NAME = "wordpress-import-report.md"


def render_report(source: str, outcome: Outcome) -> str:
    """The report as Markdown: counts, then each kind of problem under its heading."""
    lines = [
        "# WordPress import report",
        "",
        f"From `{source}`: {len(outcome.written)} files written, "
        f"{len(outcome.unchanged)} already up to date.",
    ]
    headings: dict[str, list[Note]] = {}
    for note in outcome.notes:
        headings.setdefault(note.heading, []).append(note)
    for heading, notes in headings.items():
        lines += ["", f"## {heading}", ""]
        # One line per note, whatever a crafted title or address holds.
        for note in notes:
            subject, message = header_value(note.subject), header_value(note.message)
            lines.append(f"- {shorten(subject, 300)}: {shorten(message, 500)}")
    if not headings:
        lines += ["", "Everything was mapped."]
    return "\n".join(lines) + "\n"
