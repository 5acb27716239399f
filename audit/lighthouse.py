"""Lighthouse scores of the sample site's home, article and desk pages, served over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser import CHROMIUM, CHROMIUM_ARGUMENTS, served
from tests.golden import build_sample_site
from tests.sitekit import REPO

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
OUTPUT = REPO / "output"
REPORTS = REPO / "test-artifacts" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HEADINGS = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
# Every category of every audited page must score at least this, out of 100.
MIN_SCORE = 95
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


# Pages of the newsroom features, each found by markup only that feature writes: a story's
# video or post card, a live story's updates, a photo gallery.
FEATURES = {
    "video": '<figure class="embed ',
    "live": '<section class="live-updates"',
    "gallery": '<section class="gallery"',
}


def pages_to_audit(output: Path) -> dict[str, str]:
    """The URL paths of the home page, the first article with a photo, the first desk, and the
    first article showing each of FEATURES (a feature the sample does not use is not scored).

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
    return pages


def run_lighthouse(url: str, report_base: Path) -> dict[str, Any]:
    """Lighthouse's JSON report on `url`, as a phone on a slow network sees it (its defaults).

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
        f"--chrome-flags={' '.join(CHROMIUM_ARGUMENTS)}",
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


def audit_page(name: str, base_url: str, path: str) -> PageScores:
    """Run Lighthouse on one page and collect its scores and what cost it points."""
    report = run_lighthouse(base_url + path, REPORTS / name)
    if report.get("runtimeError"):
        raise AuditError(f"{name} (/{path}): {report['runtimeError'].get('message')}")
    scores = {category: percent(report["categories"][category]["score"]) for category in CATEGORIES}
    failed = [
        audit
        for category in CATEGORIES
        if scores[category] != 100
        for audit in failed_audits(report, category)
    ]
    return PageScores(name, "/" + path, scores, failed, list(report.get("runWarnings", [])))


def table(pages: list[PageScores]) -> str:
    """The scores, one page a row, one category a column."""
    path_width = max(len("path"), *(len(page.path) for page in pages))
    header = f"{'page':<8} {'path':<{path_width}} " + " ".join(
        f"{HEADINGS[category]:>4}" for category in CATEGORIES
    )
    rows = [header]
    for page in pages:
        cells = " ".join(
            f"{'-' if page.scores[c] is None else page.scores[c]:>4}" for c in CATEGORIES
        )
        rows.append(f"{page.name:<8} {page.path:<{path_width}} {cells}")
    return "\n".join(rows)


def below_threshold(pages: list[PageScores]) -> list[str]:
    """Each page and category under MIN_SCORE, or that Lighthouse could not score."""
    return [
        f"{page.name} {category} {'unscored' if score is None else score}"
        for page in pages
        for category, score in page.scores.items()
        if score is None or score < MIN_SCORE
    ]


def explain(page: PageScores) -> list[str]:
    """What to fix on a page with a category under 100, audit by audit."""
    lines = [f"{page.name} ({page.path}):"]
    lines += [f"  warning: {warning}" for warning in page.warnings]
    for audit in page.failed:
        display = f" ({audit.display})" if audit.display else ""
        lines.append(f"  {audit.category}: {audit.id}: {audit.title}{display}")
        lines += [f"      {item}" for item in audit.items[:ITEMS_SHOWN]]
        if len(audit.items) > ITEMS_SHOWN:
            lines.append(f"      … and {len(audit.items) - ITEMS_SHOWN} more in the report")
    return lines


def main() -> int:
    """Build the sample site, serve it, score its pages; 1 if any category is under MIN_SCORE."""
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
        with served(OUTPUT) as base_url:
            pages = [
                audit_page(name, base_url, path) for name, path in pages_to_audit(OUTPUT).items()
            ]
    except AuditError as error:
        print(error)
        return 1
    print(table(pages))
    for page in pages:
        if page.failed or page.warnings:
            print("\n" + "\n".join(explain(page)))
    print(f"\nReports: {REPORTS.relative_to(REPO)}/<page>.report.html and .report.json")
    below = below_threshold(pages)
    if below:
        print(f"Under {MIN_SCORE}: {', '.join(below)}")
        return 1
    return 0
