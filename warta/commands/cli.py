"""The `warta` command, in the manner of Pelican's own: one subcommand per newsroom task."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from pelican.settings import read_settings
from rich.console import Console

from warta.messages import Text, site_catalogue, t, tn

# Messages go to stderr, as Pelican's do; soft wrapping keeps each `path:line:` line whole.
console = Console(stderr=True, soft_wrap=True, highlight=False)


def load_settings(path: str) -> dict[str, Any]:
    """The site's settings as Pelican reads them, with its plugins importable."""
    if not Path(path).is_file():
        console.print(
            f"{path}: no such settings file; run warta in the site's folder, or start a site "
            "with `warta init`",
            markup=False,
        )
        sys.exit(2)
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
    # Not checked here: `warta init` runs where there is no site yet (load_settings checks).
    type=click.Path(dir_okay=False),
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
    catalogue = site_catalogue(settings)

    def say(text: Text) -> None:
        console.print(text.told(catalogue), markup=False)

    for problem in report.errors:
        console.print(problem.told(catalogue), markup=False)
    for advice in report.advice:
        say(t("warning: {problem}", problem=advice.told(catalogue)))
    for path, moment in report.scheduled:
        when = moment.isoformat(sep=" ", timespec="minutes")
        say(t("scheduled: {path} goes out with the first build after {when}", path=path, when=when))
    if report.breaking is not None:
        path, until = report.breaking
        when = until.isoformat(sep=" ", timespec="minutes")
        say(t("breaking: {path} has the banner on every page until {when}", path=path, when=when))
    say(
        t(
            "{articles} articles and {pages} pages checked: {errors} errors, {warnings} "
            "warnings, {scheduled} scheduled.",
            articles=report.articles,
            pages=report.pages,
            errors=len(report.errors),
            warnings=len(report.advice),
            scheduled=len(report.scheduled),
        )
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
    from newsroom_model.schema import ARTICLE, MAX_SLUG, validate  # noqa: PLC0415
    from newsroom_model.starter import starter  # noqa: PLC0415

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
    catalogue = site_catalogue(settings)
    if checked.problems:
        for problem in checked.problems:
            line = t(
                "{field}: {message} ({hint})",
                field=problem.field,
                message=problem.message,
                hint=problem.hint,
            )
            console.print(line.told(catalogue), markup=False)
        sys.exit(1)
    # The file is named from the first headline, as the build makes an address of it: that name
    # is the story's address from now on (never '.md', which the build refuses as nameless).
    slug = rules.slug(title)
    if not slug:
        refusal = t(
            "Title: has no letters or digits to name the story's file from (write the headline "
            "in words)"
        )
        console.print(refusal.told(catalogue), markup=False)
        sys.exit(1)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0] / now.strftime("%Y/%m")
    target = folder / f"{slug}.md"
    if target.exists():
        refusal = t("{path}: already exists; warta new never overwrites a story", path=target)
        console.print(refusal.told(catalogue), markup=False)
        sys.exit(1)
    place = checked.metadata["location"]
    assert isinstance(place, Location)
    # The canonical names: 'Banjarmasin' is written as Kota Banjarmasin, 'budaya' as Budaya.
    fields["location"], fields["category"] = place.name, str(checked.metadata["category"])
    text = starter(fields, {place.name: place.dateline}, ZoneInfo(settings["TIMEZONE"]), catalogue)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    console.print(str(target), markup=False)


@main.command("serve")
@click.option("--port", default=8000, show_default=True, help="Port of the preview.")
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.pass_obj
def serve_command(settings_path: str, port: int, bind: str) -> None:
    """Preview the site, rebuilding and reloading the browser on every change."""
    from warta.commands.serve import serve  # noqa: PLC0415 - loads the server only when asked

    serve(settings_path, load_settings(settings_path), port, bind, console)


@main.command("publish")
@click.pass_context
def publish_command(context: click.Context) -> None:
    """Build for production (publishconf.py unless -s names another), minify, pre-compress,
    write _headers, and replace output/ only if all of it succeeded."""
    from warta.commands.publish import PublishFailed, publish  # noqa: PLC0415 - only when asked

    settings_path = context.obj if context.meta["settings_given"] else "publishconf.py"
    settings = load_settings(settings_path)
    catalogue = site_catalogue(settings)
    try:
        done = publish(settings_path, settings)
    except PublishFailed as failure:
        console.print(failure.report, markup=False)
        console.print(t("Publish failed; output/ is unchanged.").told(catalogue), markup=False)
        sys.exit(1)
    published = t(
        "Published {output}: {minified} files minified ({saved:,} bytes saved), {compressed} "
        "pre-compressed as .gz and .br, _headers written.",
        output=str(done.output),
        minified=done.minified,
        saved=done.saved_bytes,
        compressed=done.compressed,
    )
    console.print(published.told(catalogue), markup=False)


@main.command("import-wordpress")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--uploads",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The site's wp-content/uploads folder, to copy photos from.",
)
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The mapping of categories and tags to desks and places "
    "(default: wordpress-mapping.yaml beside the settings). Written by the first run.",
)
@click.option(
    "--fetch-from",
    metavar="URL",
    help="Where the old site still answers: photos not in the uploads folder are fetched from "
    "this host only (redirects to other hosts are not followed).",
)
@click.option(
    "--isso-config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The comment server's isso.cfg: the comments go into its database.",
)
@click.pass_obj
def import_wordpress_command(  # noqa: PLR0917 - click passes each option by position
    settings_path: str,
    export: Path,
    uploads: Path | None,
    mapping_path: Path | None,
    fetch_from: str | None,
    isso_config: Path | None,
) -> None:
    """Turn a WordPress export (WXR) into articles and pages, photos, redirects and comments,
    with a report of what is left to do. The first run writes the mapping file to fill in;
    running it again rewrites only what it wrote and nobody has edited since."""
    settings = load_settings(settings_path)
    from newsroom_model import rules_of  # noqa: PLC0415 - importable once settings load

    from warta.commands import wordpress  # noqa: PLC0415 - loads the importer only when asked
    from warta.commands.wordpress import messages  # noqa: PLC0415
    from warta.problems import format_report  # noqa: PLC0415

    catalogue = site_catalogue(settings)
    rules, data_problems = rules_of(settings)
    if data_problems:
        console.print(
            format_report(data_problems, messages.NOTHING_IMPORTED, catalogue), markup=False
        )
        sys.exit(1)
    if fetch_from and not fetch_from.startswith(("http://", "https://")):
        told = messages.FETCH_FROM_NOT_AN_ADDRESS.fill(address=fetch_from).told(catalogue)
        console.print(told, markup=False)
        sys.exit(1)
    project = Path(settings_path).resolve().parent
    mapping_file = mapping_path or project / wordpress.MAPPING_NAME
    try:
        parsed = wordpress.parse_export(export.read_bytes())
        mapping, draft = wordpress.load_or_draft(
            mapping_file, parsed, rules, export.name, catalogue
        )
        if mapping is None:
            mapping_file.write_text(draft, encoding="utf-8")
            terms = wordpress.count_terms(parsed)
            console.print(
                messages.MAPPING_WRITTEN.fill(
                    path=mapping_file,
                    categories=sum(term.kind == "category" for term in terms),
                    tags=sum(term.kind == "post_tag" for term in terms),
                    source=export.name,
                ).told(catalogue),
                markup=False,
            )
            return
        options = wordpress.Options(uploads, fetch_from or "", isso_config, export.name)
        outcome, summary = wordpress.run_import(parsed, mapping, settings, rules, project, options)
    except wordpress.WxrError as error:
        console.print(f"{export}: {error.text.told(catalogue)}", markup=False)
        sys.exit(1)
    except wordpress.MappingError as error:
        console.print(
            format_report(error.problems, messages.NOTHING_IMPORTED, catalogue), markup=False
        )
        sys.exit(1)
    report = project / wordpress.REPORT_NAME
    report.write_text(
        wordpress.render_report(export.name, outcome, summary, catalogue), encoding="utf-8"
    )
    actions = sum(note.heading in wordpress.ACTION_HEADINGS for note in outcome.notes)
    console.print(
        messages.IMPORT_DONE.fill(
            written=len(outcome.written),
            unchanged=len(outcome.unchanged),
            actions=actions,
            report=report,
        ).told(catalogue),
        markup=False,
    )


@main.command("init")
@click.argument(
    "folder", default=".", type=click.Path(file_okay=False, path_type=Path), required=False
)
@click.option("--name", prompt="Nama media (outlet name)", help="The outlet's name.")
@click.option("--url", prompt="Alamat situs (site URL, https://...)", help="Its public address.")
@click.option(
    "--language",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    prompt="Bahasa situs (language)",
    help="The site's language.",
)
@click.option(
    "--timezone",
    "zone",
    type=click.Choice(["WIB", "WITA", "WIT"], case_sensitive=False),
    prompt="Zona waktu (time zone)",
    help="WIB (Asia/Jakarta), WITA (Asia/Makassar) or WIT (Asia/Jayapura).",
)
@click.option(
    "--desks",
    default="Politik, Hukum, Ekonomi, Pendidikan, Kesehatan, Olahraga, Lingkungan, Budaya, Daerah",
    show_default=True,
    prompt="Rubrik, dipisah koma (desks, comma-separated)",
    help="The desks a story's Category names, comma-separated.",
)
@click.option(
    "--province",
    "provinces",
    prompt="Provinsi liputan, dipisah koma (provinces covered, comma-separated)",
    help="The provinces the site covers, comma-separated, e.g. 'Jawa Timur'.",
)
@click.option(
    "--host",
    type=click.Choice(["github", "netlify", "cloudflare", "nginx"]),
    prompt="Hosting (github, netlify, cloudflare, nginx)",
    help="Where the site is published: its deploy files are written.",
)
@click.option(
    "--requirement",
    default="",
    help="How requirements.txt installs Warta (default: warta==<this version>), e.g. "
    "'warta @ https://example.org/warta-0.2.0-py3-none-any.whl'.",
)
def init_command(  # noqa: PLR0917 - click passes each answer as an argument
    folder: Path,
    name: str,
    url: str,
    language: str,
    zone: str,
    desks: str,
    provinces: str,
    host: str,
    requirement: str,
) -> None:
    """Start a newsroom's site in an empty folder: content, settings, Makefile, README and the
    host's deploy files. Every question is also an option, for scripts."""
    from warta.commands.init import InitError, Newsroom, start_site  # noqa: PLC0415 - only when asked

    named = [part.strip() for part in provinces.split(",") if part.strip()]
    newsroom = Newsroom(
        name=name.strip(),
        url=url.strip(),
        lang=language,
        zone=zone.upper(),
        desks=tuple(desk.strip() for desk in desks.split(",") if desk.strip()),
        provinces=tuple(named),
        host=host,
        requirement=requirement.strip(),
    )
    try:
        written = start_site(folder, newsroom)
    except InitError as error:
        console.print(str(error), markup=False)
        sys.exit(1)
    console.print(
        f"{len(written)} files written in {folder}. Next: cd {folder} && make html",
        markup=False,
    )


@main.command("upgrade")
@click.option("--write", is_flag=True, help="Make the changes (without it, only show them).")
@click.pass_obj
def upgrade_command(settings_path: str, write: bool) -> None:
    """Show the changes this Warta asks of the site's files (with --write, make them): a Slug
    line for each published story whose file name is not its headline's slug, so that its
    address stays where it was published; the editor's package files of a site `warta init`
    made, when this Warta's editor pins other packages."""
    from warta.commands.upgrade import (  # noqa: PLC0415 - only when asked
        slug_lines,
        stale_editor_files,
        write_editor_files,
        write_slug_line,
    )

    settings = load_settings(settings_path)
    catalogue = site_catalogue(settings)
    changes = slug_lines(settings)
    for change in changes:
        if write:
            write_slug_line(change)
        done = (
            t("{path}: added '{line}' (its address keeps the slug {slug})")
            if write
            else t("{path}: would add '{line}' (its address keeps the slug {slug})")
        )
        told = done.fill(path=str(change.path), line=change.text, slug=change.slug)
        console.print(told.told(catalogue), markup=False)
    root = Path(settings_path).resolve().parent
    stale = stale_editor_files(root)
    if stale and write:
        write_editor_files(root, stale)
    for name in stale:
        done = (
            t("{path}: now as this Warta's editor needs it; run `npm ci` (make html does)")
            if write
            else t("{path}: would be replaced by the one this Warta's editor needs")
        )
        console.print(done.fill(path=name).told(catalogue), markup=False)
    if not changes and not stale:
        nothing = t("Nothing to change: every story keeps its address.")
        console.print(nothing.told(catalogue), markup=False)
    elif stale and not write and not changes:
        console.print(
            t("Run `warta upgrade --write` to make the changes.").told(catalogue), markup=False
        )
    if changes and not write:
        needed = tn(
            "{count} story needs a Slug line; run `warta upgrade --write` to add it.",
            "{count} stories need a Slug line; run `warta upgrade --write` to add them.",
            len(changes),
        )
        console.print(needed.told(catalogue), markup=False)
