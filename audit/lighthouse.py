"""`make audit`: the sample site built, served over HTTP as its hosts serve it (text
compressed: audit/server.py) and audited; Lighthouse's part.

Lighthouse scores the key pages in both colour schemes; audit/reader.py adds axe-core's contrast
check on the same pages, screenshots of every kind of page (phone and desktop, light and dark)
and the printed story.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser import CHROMIUM, CHROMIUM_ARGUMENTS
from tests.golden import build_sample_site
from tests.sitekit import REPO

from . import reader
from .server import served_compressed

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
OUTPUT = REPO / "output"
REPORTS = REPO / "test-artifacts" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HEADINGS = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
# Every category of every audited page must score 100; performance at least MIN_PERFORMANCE,
# as its score moves by a few points from run to run on a busy machine (the others do not).
MIN_SCORE = 100
MIN_PERFORMANCE = 95
# Lighthouse has no switch for the colour scheme; Blink's own setting makes the page see
# `prefers-color-scheme: dark` (0 is dark, 1 light), as DevTools' emulation does.
SCHEME_FLAGS = {"light": (), "dark": ("--blink-settings=preferredColorScheme=0",)}
# Enough of a failed audit's items (elements, URLs, console messages) to know where to look;
# the HTML report beside the JSON one has them all.
ITEMS_SHOWN = 5
ITEM_WIDTH = 160


class AuditError(RuntimeError):
    """Lighthouse could not run or could not load a page."""


@dataclass
class FailedAudit:
    """One audit that costs its category points: what Lighthouse calls it, and where it failed."""

    category: str
    id: str
    title: str
    display: str
    items: list[str]


@dataclass
class PageScores:
    """A page's score per category (0-100, None if Lighthouse could not score it)."""

    name: str
    path: str
    scores: dict[str, int | None]
    failed: list[FailedAudit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scheme: str = "light"
    # Everything the page loaded, as Lighthouse's phone on a slow network did (bytes).
    weight: int = 0


# Pages of the newsroom features, each found by markup only that feature writes: a story's
# video or post card, a live story's updates, a photo gallery.
FEATURES = {
    "video": '<figure class="embed ',
    "live": '<section class="live-updates"',
    "gallery": '<section class="gallery"',
}


def pages_to_audit(output: Path) -> dict[str, str]:
    """The URL paths of the home page, the first article with a photo, the first desk, the
    first article showing each of FEATURES (a feature the sample does not use is not scored),
    and the search page showing the results of a search (`?q=`, as the home page's search
    action opens it).

    Photos are what weigh on a news page, so the article is the first in URL order that has one
    (the first article of all when none has).
    """
    articles = sorted(output.glob("20[0-9][0-9]/[01][0-9]/*/index.html"))
    desks = sorted(output.glob("kategori/*/index.html"))
    if not articles or not desks:
        raise AuditError(f"{output} has no article or no desk page; did the build succeed?")
    texts = {path: path.read_text(encoding="utf-8") for path in articles}
    with_photo = [path for path in articles if "<img" in texts[path]]
    article = (with_photo or articles)[0]
    pages = {
        "home": "",
        "article": article.parent.relative_to(output).as_posix() + "/",
        "listing": desks[0].parent.relative_to(output).as_posix() + "/",
    }
    for name, marker in FEATURES.items():
        found = next((path for path in articles if marker in texts[path]), None)
        if found is not None:
            pages[name] = found.parent.relative_to(output).as_posix() + "/"
    if (output / reader.SEARCH / "index.html").is_file():
        pages["search"] = f"{reader.SEARCH}?q={reader.search_query(output)}"
    return pages


def run_lighthouse(url: str, report_base: Path, scheme: str = "light") -> dict[str, Any]:
    """Lighthouse's JSON report on `url`, as a phone on a slow network sees it (its defaults),
    in the reader's colour `scheme`.

    The JSON and HTML reports are kept as `<report_base>.report.json` and `.report.html`.
    """
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--no-enable-error-reporting",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={report_base}",
        f"--chrome-flags={' '.join((*CHROMIUM_ARGUMENTS, *SCHEME_FLAGS[scheme]))}",
    ]
    done = subprocess.run(  # noqa: S603 - the pinned Lighthouse from node_modules, our arguments
        command,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise AuditError(f"lighthouse {url} exited with {done.returncode}:\n{done.stderr}")
    path = report_base.with_name(report_base.name + ".report.json")
    report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return report


def percent(score: float | None) -> int | None:
    """A 0-1 score as Lighthouse prints it: JavaScript's Math.round, so 0.945 is 95."""
    return None if score is None else int(score * 100 + 0.5)


def item_summary(item: Any) -> str:
    """One line naming what an item of an audit's details points at: element, message or URL."""
    if not isinstance(item, dict):
        return ""
    node = item.get("node") or {}
    location = item.get("sourceLocation") or {}
    parts = [
        node.get("selector"),
        node.get("snippet"),
        item.get("description"),
        item.get("url"),
        location.get("url"),
    ]
    unique = dict.fromkeys(part for part in parts if isinstance(part, str) and part)
    line = " ".join(" ".join(unique).split())
    return line if len(line) <= ITEM_WIDTH else line[: ITEM_WIDTH - 1] + "…"


def failed_audits(report: dict[str, Any], category: str) -> list[FailedAudit]:
    """The audits that cost `category` points: weighted ones under a full score or that erred."""
    failed = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        mode = audit["scoreDisplayMode"]
        score = audit["score"]
        if ref["weight"] == 0 or mode in {"manual", "notApplicable", "informative"}:
            continue
        if mode != "error" and score is not None and score >= 1:
            continue
        items = audit.get("details", {}).get("items", [])
        display = audit.get("errorMessage") or audit.get("displayValue") or ""
        if score is not None:
            display = f"score {percent(score)}" + (f", {display}" if display else "")
        summaries = [line for line in map(item_summary, items) if line]
        failed.append(FailedAudit(category, ref["id"], audit["title"], display, summaries))
    return failed


def audit_page(name: str, base_url: str, path: str, scheme: str = "light") -> PageScores:
    """Run Lighthouse on one page and collect its scores and what cost it points."""
    report = run_lighthouse(base_url + path, REPORTS / f"{name}-{scheme}", scheme)
    if report.get("runtimeError"):
        raise AuditError(f"{name} (/{path}): {report['runtimeError'].get('message')}")
    weight = report["audits"].get("total-byte-weight", {}).get("numericValue") or 0
    scores = {category: percent(report["categories"][category]["score"]) for category in CATEGORIES}
    failed = [
        audit
        for category in CATEGORIES
        if scores[category] != 100
        for audit in failed_audits(report, category)
    ]
    warnings = list(report.get("runWarnings", []))
    return PageScores(name, "/" + path, scores, failed, warnings, scheme, int(weight))


def table(pages: list[PageScores]) -> str:
    """The scores, one page and scheme a row, one category a column, and the page's weight."""
    path_width = max(len("path"), *(len(page.path) for page in pages))
    header = (
        f"{'page':<8} {'scheme':<6} {'path':<{path_width}} "
        + " ".join(f"{HEADINGS[category]:>4}" for category in CATEGORIES)
        + f" {'KiB':>6}"
    )
    rows = [header]
    for page in pages:
        cells = " ".join(
            f"{'-' if page.scores[c] is None else page.scores[c]:>4}" for c in CATEGORIES
        )
        rows.append(
            f"{page.name:<8} {page.scheme:<6} {page.path:<{path_width}} {cells}"
            f" {page.weight / 1024:>6.1f}"
        )
    return "\n".join(rows)


def below_threshold(pages: list[PageScores]) -> list[str]:
    """Each page, scheme and category under its floor (MIN_PERFORMANCE for performance,
    MIN_SCORE for the others), or that Lighthouse could not score."""
    return [
        f"{page.name} {page.scheme} {category} {'unscored' if score is None else score}"
        for page in pages
        for category, score in page.scores.items()
        if score is None or score < (MIN_PERFORMANCE if category == "performance" else MIN_SCORE)
    ]


def explain(page: PageScores) -> list[str]:
    """What to fix on a page with a category under 100, audit by audit."""
    lines = [f"{page.name}, {page.scheme} ({page.path}):"]
    lines += [f"  warning: {warning}" for warning in page.warnings]
    for audit in page.failed:
        display = f" ({audit.display})" if audit.display else ""
        lines.append(f"  {audit.category}: {audit.id}: {audit.title}{display}")
        lines += [f"      {item}" for item in audit.items[:ITEMS_SHOWN]]
        if len(audit.items) > ITEMS_SHOWN:
            lines.append(f"      … and {len(audit.items) - ITEMS_SHOWN} more in the report")
    return lines


def main() -> int:
    """Build the sample site, serve it, and audit it; 1 if any check fails."""
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE.relative_to(REPO)} is missing: run `make audit`, which installs it")
        return 2
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
        return 2
    built = build_sample_site(OUTPUT)
    if built.returncode != 0:
        print(built.stdout + built.stderr)
        print("the sample site did not build; nothing was audited")
        return 1
    REPORTS.mkdir(parents=True, exist_ok=True)
    try:
        # Served as its hosts serve it, text compressed (audit/server.py).
        with served_compressed(OUTPUT) as base_url:
            audited = pages_to_audit(OUTPUT)
            pages = [
                audit_page(name, base_url, path, scheme)
                for scheme in reader.SCHEMES
                for name, path in audited.items()
            ]
            contrast = reader.contrast(base_url, audited)
            shots = reader.screenshots(base_url, reader.page_types(OUTPUT, audited))
            story = audited.get("gallery") or audited["article"]
            printed = reader.print_check(base_url, OUTPUT, story)
    except AuditError as error:
        print(error)
        return 1
    return report(pages, contrast, shots, printed)


def report(
    pages: list[PageScores],
    contrast: dict[str, list[str]],
    shots: list[Path],
    printed: reader.PrintCheck,
) -> int:
    """Print what each check found; 1 if any failed."""
    print(table(pages))
    for page in pages:
        if page.failed or page.warnings:
            print("\n" + "\n".join(explain(page)))
    print(f"\nReports: {REPORTS.relative_to(REPO)}/<page>-<scheme>.report.html and .report.json")
    failures = []
    below = below_threshold(pages)
    if below:
        failures.append(f"Lighthouse under its floor: {', '.join(below)}")
    print(f"\nContrast (axe-core, both schemes, {len(pages) // 2} pages): ", end="")
    if contrast:
        print(f"{sum(map(len, contrast.values()))} violations")
        for where, found in contrast.items():
            print(f"  {where}:")
            print("\n".join(f"    {line}" for line in found[:ITEMS_SHOWN]))
        failures.append("contrast violations")
    else:
        print("no violation")
    folder = reader.SCREENSHOTS.relative_to(REPO)
    print(f"Screenshots: {len(shots)} in {folder}/ (open {folder}/index.html to compare them)")
    print(f"Print: /{printed.page} as {printed.pdf.relative_to(REPO)}: ", end="")
    if printed.missing or printed.left:
        print("wrong")
        print("\n".join(f"  missing: {part}" for part in printed.missing))
        print("\n".join(f"  printed: {part}" for part in printed.left))
        failures.append("the printed story")
    else:
        print("the story and its address, without navigation, sharing or comments")
    if failures:
        print("\nFailed: " + "; ".join(failures))
        return 1
    return 0
