"""Content problems found during a build, and the one way they are reported and stop the build."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn, TextIO

from .messages import Catalogue, Hint, Text, t, tell, tn

# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: any of them
# in a file name or a value would break the report's one line per problem.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MESSAGE_VALUE_LIMIT = 80


def printable(text: str) -> str:
    """`text` with every control character shown as an escape, e.g. '\\n' or '\\x00'."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group(0))[1:-1], text)


def bounded(text: str, limit: int = MESSAGE_VALUE_LIMIT) -> str:
    """A value as a message quotes it: printable, and cut short with its length when long.

    A message never grows with its input: a 20 MB field gives an 80-character quote.
    """
    shown = printable(text[: limit + 1])
    if len(text) <= limit:
        return shown
    return f"{printable(text[:limit])}… ({len(text):,} characters)"


@dataclass(frozen=True)
class Problem:
    """One mistake in one content or data file, printed as `path:line: Field: problem (hint)`.

    The message and the hint are Texts (warta.messages) told in the site's language when the
    problem is printed; plain strings are printed as they are.
    """

    path: str
    line: int
    field: str
    message: Text
    hint: Hint = ""

    def told(self, catalogue: Catalogue | None = None) -> str:
        message, hint = tell(self.message, catalogue), tell(self.hint, catalogue)
        shown = f" ({hint})" if hint else ""
        return printable(f"{self.path}:{self.line}: {self.field}: {message}{shown}")

    def __str__(self) -> str:
        return self.told()

    @property
    def text(self) -> Text:
        """`Field: problem (hint)` as a message, to tell inside another (without the path)."""
        if self.hint:
            return t(
                "{field}: {message} ({hint})",
                field=self.field,
                message=self.message,
                hint=self.hint,
            )
        return t("{field}: {message}", field=self.field, message=self.message)

    def __lt__(self, other: Problem) -> bool:
        return self.order < other.order

    @property
    def order(self) -> tuple[str, int, str, str, str]:
        return (self.path, self.line, self.field, str(self.message), str(self.hint))


class ContentErrors(SystemExit):
    """Stops the build because content is wrong, after every problem has been printed.

    It derives from SystemExit, not Exception, on purpose: Pelican's command line catches every
    Exception and logs it with a traceback, which is right for a crash and wrong for a typo in an
    article. SystemExit ends the run with status 1 and nothing more; programs that run Pelican
    themselves (tests, `warta`) can still catch it by name and read `problems`, and `report`,
    the report as it was printed, in the site's language.
    """

    def __init__(self, problems: list[Problem], report: str = "") -> None:
        super().__init__(1)
        self.problems = sorted(problems)
        self.report = report or format_report(self.problems)

    def __str__(self) -> str:
        return self.report


NOTHING_WRITTEN = t("nothing was written")
KEPT_AS_IT_WAS = t("output/ was left as it was")


def format_report(
    problems: list[Problem],
    outcome: str | Text = NOTHING_WRITTEN,
    catalogue: Catalogue | None = None,
) -> str:
    """All problems, one per line in path order, then a count and what became of the build."""
    lines = [problem.told(catalogue) for problem in sorted(problems)]
    files = len({problem.path for problem in problems})
    count = tn(
        "{count} content problem in {files}; {outcome}.",
        "{count} content problems in {files}; {outcome}.",
        len(problems),
        files=tn("{count} file", "{count} files", files),
        outcome=outcome,
    )
    lines.append(count.told(catalogue))
    return "\n".join(lines)


def stop_build(
    problems: list[Problem],
    outcome: str | Text = NOTHING_WRITTEN,
    stream: TextIO | None = None,
    catalogue: Catalogue | None = None,
) -> None:
    """Print the report on stderr and end the build; does nothing when there is no problem."""
    if not problems:
        return
    report = format_report(problems, outcome, catalogue)
    print(report, file=stream or sys.stderr, flush=True)
    raise ContentErrors(problems, report)


class SettingsError(SystemExit):
    """Stops the build because a setting cannot be used, printed like a content problem.

    A SystemExit for the same reason as ContentErrors: a wrong setting is the site's mistake,
    not a crash, so it is told in one line without a traceback.
    """

    def __init__(self, message: str) -> None:
        super().__init__(1)
        self.message = message

    def __str__(self) -> str:
        return self.message


def stop_for_setting(
    error: Exception | Text, stream: TextIO | None = None, catalogue: Catalogue | None = None
) -> NoReturn:
    """Print a plugin's settings error on stderr and end the build, before any page is written
    (plugins check their settings when the build starts, or before the writers run)."""
    problem = error.told(catalogue) if isinstance(error, Text) else str(error)
    message = t(
        "settings: {problem}; the build stopped before writing any page.", problem=problem
    ).told(catalogue)
    print(message, file=stream or sys.stderr, flush=True)
    raise SettingsError(message) from (error if isinstance(error, Exception) else None)


def stop_for_settings(
    messages: Sequence[str | Text],
    stream: TextIO | None = None,
    catalogue: Catalogue | None = None,
) -> None:
    """Print every settings mistake, one line each, and end the build; nothing if there is none."""
    if not messages:
        return
    lines = [
        t("settings: {problem}", problem=printable(str(tell(message, catalogue)))).told(catalogue)
        for message in messages
    ]
    count = tn(
        "{count} settings problem; the build stopped before reading any content.",
        "{count} settings problems; the build stopped before reading any content.",
        len(messages),
    )
    lines.append(count.told(catalogue))
    report = "\n".join(lines)
    print(report, file=stream or sys.stderr, flush=True)
    raise SettingsError(report)
