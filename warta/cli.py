"""The `warta` command, in the manner of Pelican's own: one subcommand per newsroom task."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from pelican.settings import read_settings
from pelican.utils import slugify
from rich.console import Console

# Messages go to stderr, as Pelican's do; soft wrapping keeps each `path:line:` line whole.
console = Console(stderr=True, soft_wrap=True, highlight=False)


def load_settings(path: str) -> dict[str, Any]:
    """The site's settings as Pelican reads them, with its plugins importable."""
    settings: dict[str, Any] = read_settings(path)
    for plugin_path in reversed(settings.get("PLUGIN_PATHS", [])):
        if plugin_path not in sys.path:
            sys.path.insert(0, plugin_path)
    from newsroom_model import prepare_settings  # noqa: PLC0415 - importable once paths are set

    prepare_settings(settings)
    return settings


@click.group()
@click.option(
    "-s",
    "--settings",
    default="pelicanconf.py",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False),
    help="The site's settings file.",
)
@click.pass_context
def main(context: click.Context, settings: str) -> None:
    """Warta: write, check and build a local news site."""
    context.obj = settings
    context.meta["settings_given"] = (
        context.get_parameter_source("settings") is not click.core.ParameterSource.DEFAULT
    )


@main.command()
@click.pass_obj
def check(settings_path: str) -> None:
    """Check every article and page without building the site."""
    settings = load_settings(settings_path)
    from newsroom_model.check import check_site  # noqa: PLC0415 - importable once settings load

    report = check_site(settings)
    for problem in report.errors:
        console.print(str(problem), markup=False)
    for advice in report.advice:
        console.print(f"warning: {advice}", markup=False)
    for path, moment in report.scheduled:
        console.print(
            f"scheduled: {path} goes out with the first build after "
            f"{moment.isoformat(sep=' ', timespec='minutes')}",
            markup=False,
        )
    if report.breaking is not None:
        path, until = report.breaking
        console.print(
            f"breaking: {path} has the banner on every page until "
            f"{until.isoformat(sep=' ', timespec='minutes')}",
            markup=False,
        )
    console.print(
        f"{report.articles} articles and {report.pages} pages checked: "
        f"{len(report.errors)} errors, {len(report.advice)} warnings, "
        f"{len(report.scheduled)} scheduled.",
        markup=False,
    )
    if report.errors:
        sys.exit(1)


@main.command()
@click.argument("title")
@click.option("--category", required=True, help="The desk, e.g. Politik.")
@click.option("--location", required=True, help='A known place, e.g. "Kota Banjarmasin".')
@click.option("--author", "authors", multiple=True, help="A byline; repeat for several.")
@click.pass_obj
def new(
    settings_path: str, title: str, category: str, location: str, authors: tuple[str, ...]
) -> None:
    """Start an article: content/articles/YYYY/MM/<slug>.md with every required field."""
    settings = load_settings(settings_path)
    from newsroom_model import rules_of  # noqa: PLC0415 - importable once settings load
    from newsroom_model.catalog import Location  # noqa: PLC0415
    from newsroom_model.header import FieldValue, RawField  # noqa: PLC0415
    from newsroom_model.schema import ARTICLE, validate  # noqa: PLC0415
    from newsroom_model.starter import starter  # noqa: PLC0415

    from warta.messages import site_catalogue  # noqa: PLC0415

    rules, _ = rules_of(settings)
    now = datetime.now(ZoneInfo(settings["TIMEZONE"])).replace(second=0, microsecond=0)
    bylines: list[FieldValue] = [*authors] if authors else [settings["AUTHOR"]]
    fields: dict[str, FieldValue] = {
        "title": title,
        "date": now.strftime("%Y-%m-%d %H.%M"),
        "category": category,
        "location": location,
        "authors": bylines,
    }
    raw = [RawField(name, value, 0) for name, value in fields.items()]
    checked = validate(raw, ARTICLE, "warta new", rules)
    if checked.problems:
        for problem in checked.problems:
            console.print(f"{problem.field}: {problem.message} ({problem.hint})", markup=False)
        sys.exit(1)
    slug = slugify(title, settings["SLUG_REGEX_SUBSTITUTIONS"])
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0] / now.strftime("%Y/%m")
    target = folder / f"{slug}.md"
    if target.exists():
        console.print(f"{target}: already exists; warta new never overwrites a story", markup=False)
        sys.exit(1)
    place = checked.metadata["location"]
    assert isinstance(place, Location)
    # The canonical names: 'Banjarmasin' is written as Kota Banjarmasin, 'budaya' as Budaya.
    fields["location"], fields["category"] = place.name, str(checked.metadata["category"])
    timezone = ZoneInfo(settings["TIMEZONE"])
    text = starter(fields, {place.name: place.dateline}, timezone, site_catalogue(settings))
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    console.print(str(target), markup=False)


@main.command("serve")
@click.option("--port", default=8000, show_default=True, help="Port of the preview.")
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.pass_obj
def serve_command(settings_path: str, port: int, bind: str) -> None:
    """Preview the site, rebuilding and reloading the browser on every change."""
    from warta.serve import serve  # noqa: PLC0415 - loads the server only when asked

    serve(settings_path, load_settings(settings_path), port, bind, console)


@main.command("publish")
@click.pass_context
def publish_command(context: click.Context) -> None:
    """Build for production (publishconf.py unless -s names another), minify, pre-compress,
    write _headers, and replace output/ only if all of it succeeded."""
    from warta.publish import PublishFailed, publish  # noqa: PLC0415 - only when asked

    settings_path = context.obj if context.meta["settings_given"] else "publishconf.py"
    try:
        done = publish(settings_path, load_settings(settings_path))
    except PublishFailed as failure:
        console.print(failure.report, markup=False)
        console.print("Publish failed; output/ is unchanged.", markup=False)
        sys.exit(1)
    console.print(
        f"Published {done.output}: {done.minified} files minified ({done.saved_bytes:,} bytes "
        f"saved), {done.compressed} pre-compressed as .gz and .br, _headers written.",
        markup=False,
    )


@main.command("import-wordpress")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--uploads",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The site's wp-content/uploads folder, to copy featured and body photos from.",
)
@click.pass_obj
def import_wordpress_command(settings_path: str, export: Path, uploads: Path | None) -> None:
    """Turn a WordPress export (WXR) into articles and pages, with a report of what was not
    mapped. Running it again rewrites only what it wrote and nobody has edited since."""
    settings = load_settings(settings_path)
    from newsroom_model import rules_of  # noqa: PLC0415 - importable once settings load

    from warta import wordpress  # noqa: PLC0415 - loads the importer only when asked

    rules, _ = rules_of(settings)
    mapping = wordpress.Mapping.from_settings(settings, rules.catalog)
    project = Path(settings_path).resolve().parent
    try:
        parsed = wordpress.parse_export(export.read_bytes())
        outcome = wordpress.run_import(parsed, mapping, Path(settings["PATH"]), project, uploads)
    except wordpress.WxrError as error:
        console.print(f"{export}: {error}", markup=False)
        sys.exit(1)
    report = project / wordpress.REPORT_NAME
    report.write_text(wordpress.render_report(export.name, outcome), encoding="utf-8")
    console.print(
        f"{len(outcome.written)} files written, {len(outcome.unchanged)} unchanged, "
        f"{len(outcome.notes)} things to review in {report}",
        markup=False,
    )
