"""The report an editor reads after an import: the figures, then one line for each thing to do,
then what was done for them, grouped by kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.messages import Catalogue, Text, tell

from . import messages
from .files import Outcome
from .messages import Note
from .posts import ARTICLE, DRAFT, FOOTER_PAGE, HIDDEN_PAGE, PAGE, PUBLISHED, SCHEDULED, WITHHELD
from .text import header_value, shorten

if TYPE_CHECKING:
    from .importer import Summary

REPORT_NAME = "wordpress-import-report.md"
# The headings whose lines ask the editor to act, in the order to act on them; every other
# heading is told after them, for information.
ACTION_HEADINGS = (
    messages.NOT_WRITTEN,
    messages.MISSING_PHOTOS,
    messages.MISSING_ALT,
    messages.WITHHELD_POSTS,
    messages.STICKY_POSTS,
    messages.COMMENTS,
    messages.UNCONVERTED,
    messages.LINKED_MEDIA,
    messages.UNSAFE_LINKS,
    messages.REFUSED_PATHS,
)


def summary_lines(source: str, outcome: Outcome, summary: Summary) -> list[Text | str]:
    """The figures an editor checks first."""
    states = summary.states
    comments = summary.comments
    left = ", ".join(f"{count} {why}" for why, count in sorted(comments.left_out.items()))
    return [
        messages.SUMMARY_SOURCE.fill(source=source),
        "",
        messages.SUMMARY_POSTS.fill(
            published=states[(ARTICLE, PUBLISHED)],
            scheduled=states[(ARTICLE, SCHEDULED)],
            withheld=states[(ARTICLE, WITHHELD)],
            drafts=states[(ARTICLE, DRAFT)],
        ),
        messages.SUMMARY_PAGES.fill(
            footer=states[(PAGE, FOOTER_PAGE)],
            hidden=states[(PAGE, HIDDEN_PAGE)],
            withheld=states[(PAGE, WITHHELD)] + states[(PAGE, DRAFT)],
        ),
        messages.SUMMARY_PHOTOS.fill(
            copied=summary.photos_copied,
            fetched=summary.photos_fetched,
            missing=summary.photos_missing,
        ),
        messages.SUMMARY_GALLERIES.fill(galleries=summary.galleries, photos=summary.gallery_photos),
        messages.SUMMARY_COMMENTS.fill(
            kept=comments.kept,
            threads=comments.threads,
            where=summary.comments_to or messages.NOWHERE,
            left=left or messages.NONE,
        ),
        messages.SUMMARY_REDIRECTS.fill(
            aliases=summary.aliases,
            where=messages.IN_HEADERS if summary.aliases_in_header else messages.IN_REDIRECTS,
            entries=summary.redirects,
        ),
        messages.SUMMARY_FILES.fill(written=len(outcome.written), unchanged=len(outcome.unchanged)),
    ]


def _line(note: Note, catalogue: Catalogue | None) -> str:
    # One line per note, whatever a crafted title or address holds.
    subject, message = header_value(note.subject), header_value(note.message.told(catalogue))
    if not subject:
        return f"- {shorten(message, 500)}"
    return f"- {shorten(subject, 300)}: {shorten(message, 500)}"


def render_report(
    source: str, outcome: Outcome, summary: Summary, catalogue: Catalogue | None = None
) -> str:
    """The report as Markdown: the figures, what to do, then what was done; in the catalogue's
    language (the site's), English without one."""
    headings: dict[Text, list[Note]] = {}
    for note in outcome.notes:
        headings.setdefault(note.heading, []).append(note)
    told: list[Text | str] = [messages.REPORT_TITLE, "", *summary_lines(source, outcome, summary)]
    told += ["", messages.ACTIONS_HEADING]
    actions = [heading for heading in ACTION_HEADINGS if heading in headings]
    if not actions:
        told += ["", messages.NOTHING_TO_DO]
    lines = [str(tell(line, catalogue)) for line in told]
    for heading in actions:
        lines += ["", f"### {heading.told(catalogue)}", ""]
        lines += [_line(note, catalogue) for note in dict.fromkeys(headings[heading])]
    others = [heading for heading in headings if heading not in ACTION_HEADINGS]
    if others:
        lines += ["", messages.INFO_HEADING.told(catalogue)]
    for heading in others:
        lines += ["", f"### {heading.told(catalogue)}", ""]
        lines += [_line(note, catalogue) for note in dict.fromkeys(headings[heading])]
    return "\n".join(lines) + "\n"
