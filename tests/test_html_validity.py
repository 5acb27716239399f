"""Every page of the sample site, and the theme's CSS, pass the Nu Html Checker without errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

from tests.sitekit import REPO, SampleSite

# npm ci puts it there (make test runs it first); CI installs Java (.ci/run).
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(files: list[Path], *options: str) -> list[dict[str, object]]:
    """The checker's error messages on `files`, checked in one JVM (each start costs seconds)."""
    java = shutil.which("java")
    assert java, "install a Java runtime, 17 or later (Debian's default-jre-headless, see .ci/run)"
    assert VNU_JAR.is_file(), (
        f"{VNU_JAR.relative_to(REPO)} is missing: run `npm ci` (make test does)"
    )
    done = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *options,
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # Exit status 1 means "errors found"; anything that is not a JSON report is a crash.
    assert done.stdout.startswith("{"), f"vnu exited with {done.returncode}:\n{done.stderr}"
    report = json.loads(done.stdout)
    messages: list[dict[str, object]] = report["messages"]
    return messages


def describe(message: dict[str, object], output: Path) -> str:
    """`file:line: message`, the file relative to the site's output folder."""
    url = str(message.get("url", "?"))
    path = Path(unquote(urlparse(url).path)) if url.startswith("file:") else Path(url)
    name = path.relative_to(output).as_posix() if path.is_relative_to(output) else str(path)
    line = message.get("firstLine", message.get("lastLine", "?"))
    return f"{name}:{line}: {message.get('message')}"


def test_checker_names_file_and_line_of_each_error(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html>\n<html lang="id">\n<head><title>Uji</title></head>\n<body>\n'
        '<img src="foto.jpg">\n</body>\n</html>\n',
        encoding="utf-8",
    )
    stylesheet = tmp_path / "style.css"
    stylesheet.write_text("body {\n  colr: red;\n}\n", encoding="utf-8")
    html_errors = [describe(message, tmp_path) for message in validate([page])]
    css_errors = [describe(message, tmp_path) for message in validate([stylesheet], "--css")]
    assert len(html_errors) == 1, html_errors
    assert html_errors[0].startswith("page.html:5: An “img” element must have an “alt” attribute")
    assert css_errors == ["style.css:2: CSS: “colr”: Property “colr” doesn't exist."]


def test_every_page_is_valid_html(sample: SampleSite) -> None:
    # Inline <style> and style="" are checked as CSS too. The newsroom editor's page with them.
    every = sorted([*sample.pages, *sample.redirects, sample.output / "admin" / "index.html"])
    errors = [describe(message, sample.output) for message in validate(every)]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


def test_theme_css_is_valid(sample: SampleSite) -> None:
    # Checked apart from the pages: with --also-check-css, vnu 26.9 numbers HTML lines from 0.
    # Pagefind's bundled stylesheets (output/pagefind/) are not ours to fix.
    stylesheets = sorted((sample.output / "theme").rglob("*.css"))
    assert stylesheets, "the theme wrote no CSS"
    errors = [describe(message, sample.output) for message in validate(stylesheets, "--css")]
    assert not errors, f"{len(errors)} CSS errors:\n" + "\n".join(errors)
