"""Every WARTA_* setting the newsroom model reads, with its default and its check."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from warta.config import (
    Setting,
    dict_of,
    flag,
    list_of,
    mapping,
    moment,
    one_of,
    optional,
    text,
    whole,
)
from warta.messages import Text, t
from warta.resources import province_names

from .schema import FieldError, address_slug

_DATE_PATTERNS = mapping({"datetime": text(False), "date": text(False)}, partial=False)

SETTINGS = (
    # The desks (rubrik) an article's Category must name.
    Setting(
        "WARTA_CATEGORIES",
        [
            "Politik",
            "Hukum",
            "Ekonomi",
            "Pendidikan",
            "Kesehatan",
            "Olahraga",
            "Lingkungan",
            "Budaya",
            "Daerah",
        ],
        list_of(text(False)),
    ),
    # The provinces the site files from: Warta knows every kota and kabupaten of Indonesia, and
    # a site that names its provinces here knows only theirs (typos then find the right place,
    # and a story is not filed from the other end of the country by mistake). None means all
    # 38; [] means none, only the site's own locations file.
    Setting("WARTA_PROVINCES", None, optional(list_of(text(False), province_names()))),
    # Reference data, relative to PATH (the content folder).
    Setting("WARTA_DATA_PATH", "data", text(False)),
    Setting(
        "WARTA_DATA_FILES",
        {"locations": "locations.yaml", "authors": "authors.yaml", "sources": "sources.yaml"},
        mapping({"locations": text(False), "authors": text(False), "sources": text(False)}),
    ),
    # Old addresses that are no one story (an old desk's, a feed's) and addresses withdrawn on
    # purpose, in the data folder (see redirects.py).
    Setting("WARTA_REDIRECTS_FILE", "redirects.yaml", text(False)),
    # Every address the site has published, in the data folder: production builds add to it
    # (WARTA_RECORD_ADDRESSES), and the newsroom commits it, so that no address ever vanishes.
    Setting("WARTA_ADDRESS_LEDGER", "published.tsv", text(False)),
    Setting("WARTA_RECORD_ADDRESSES", False, flag),
    # Where the pages answering an old query on the root (`/?p=123`) are written.
    Setting("WARTA_OLD_QUERY_PATH", "alamat-lama", text(False)),
    # The outlet named in the dateline, "BANJARMASIN, <OUTLET> –"; None means SITENAME in capitals.
    Setting("WARTA_DATELINE_OUTLET", None, optional(text())),
    # Babel date patterns by language; a time of exactly midnight is taken as "no time given".
    Setting(
        "WARTA_DATE_FORMATS",
        {
            "id": {"datetime": "EEEE, d MMMM y HH.mm z", "date": "EEEE, d MMMM y"},
            # English has no short name for Indonesia's zones in CLDR ("GMT+8"), so it spells
            # it out.
            "en": {"datetime": "EEEE, d MMMM y, HH:mm zzzz", "date": "EEEE, d MMMM y"},
        },
        dict_of(text(False), _DATE_PATTERNS),
    ),
    # Each place's listing, nested by region: {path} is e.g. kalimantan-selatan/kota-banjarmasin.
    Setting("WARTA_LOCATION_URL", "lokasi/{path}/", text()),
    Setting("WARTA_LOCATION_SAVE_AS", "lokasi/{path}/index.html", text()),
    # Each source's listing (agencies, partner outlets, readers' submissions).
    Setting("WARTA_SOURCE_URL", "sumber/{slug}/", text()),
    Setting("WARTA_SOURCE_SAVE_AS", "sumber/{slug}/index.html", text()),
    # Year and month archives. Warta writes them from its own listings, so Pelican's
    # YEAR_ARCHIVE_SAVE_AS and MONTH_ARCHIVE_SAVE_AS stay empty (Pelican's own grouping of them
    # grows with the square of the archive).
    Setting("WARTA_YEAR_ARCHIVE_URL", "{date:%Y}/", text()),
    Setting("WARTA_YEAR_ARCHIVE_SAVE_AS", "{date:%Y}/index.html", text()),
    Setting("WARTA_MONTH_ARCHIVE_URL", "{date:%Y}/{date:%m}/", text()),
    Setting("WARTA_MONTH_ARCHIVE_SAVE_AS", "{date:%Y}/{date:%m}/index.html", text()),
    # Index pages (topics, writers, sources) list at most this many names on one page; a larger
    # index shows the most used first and links a page per initial letter.
    Setting("WARTA_INDEX_PAGE_SIZE", 100, whole(10)),
    # Typographic quotes, dashes and ellipses in bodies and summaries ("..." becomes curly,
    # "--" an en dash, "---" an em dash), applied to the HTML Markdown makes.
    Setting("WARTA_TYPOGRAPHY", True, flag),
    # Header fields other plugins or templates read, which the schema should let through.
    Setting("WARTA_EXTRA_FIELDS", [], list_of(text(False))),
    # Files of the static folders (documents, and originals with WARTA_IMAGES_COPY_ORIGINALS)
    # are published when a published story or page links them with {static} or {attach}; these
    # are published always (paths below the content folder, or patterns such as
    # "images/dokumen/*.pdf"), e.g. a document the theme links.
    Setting("WARTA_EXTRA_STATIC_FILES", [], list_of(text(False))),
    # A story's body is refused past this size: no story is that long, and every full-text feed
    # would carry a copy.
    Setting("WARTA_MAX_BODY_BYTES", 1_000_000, whole(1_000)),
    # The moment the build counts as "now" (ISO 8601, or the WARTA_BUILD_TIME environment
    # variable); None means the clock. Scheduled stories appear in the first build after their
    # time; tests and reproducible builds set it.
    Setting("WARTA_BUILD_TIME", None, optional(moment)),
    # What builds keep between runs (read stories, rendered pages' digests, search parts),
    # relative to where the build runs. Delete it to start cold; keep it between CI runs.
    Setting("WARTA_CACHE_PATH", ".cache/warta", text(False)),
    # Processes for reading and rendering; 0 means one per core.
    Setting("WARTA_WORKERS", 0, whole(0, 64)),
    # Whether `make html` first checks that anything changed since the last good build (every
    # setting, the code, the theme, each file of the content and of the output, the time of
    # the next scheduled story) and stops at once, writing nothing, when nothing did.
    Setting("WARTA_UP_TO_DATE_CHECK", True, flag),
    # The language of what reporters and editors read (the build's problems, warta check, the
    # preview's overlay, the importer's report); None means the site's DEFAULT_LANG.
    Setting("WARTA_MESSAGES_LANG", None, optional(text(False))),
    # "build" writes the site; "check" stops once everything is read and checked (warta check).
    Setting("WARTA_MODE", "build", one_of("build", "check")),
)

# Each setting's default by name, for code and tests that read one.
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


# The address patterns Warta fills in, with the names each may use (as Pelican fills them).
_STORY_FIELDS = ("slug", "date", "lang", "category", "author", "path")
PATTERNS: dict[str, tuple[str, ...]] = {
    **{
        f"{kind}_{part}": _STORY_FIELDS
        for kind in ("ARTICLE", "PAGE")
        for part in ("URL", "SAVE_AS")
    },
    **{
        f"{kind}_{part}": ("slug", "name")
        for kind in ("CATEGORY", "TAG", "AUTHOR")
        for part in ("URL", "SAVE_AS")
    },
    **{f"WARTA_SOURCE_{part}": ("slug",) for part in ("URL", "SAVE_AS")},
    **{f"WARTA_LOCATION_{part}": ("path", "slug") for part in ("URL", "SAVE_AS")},
    **{
        f"WARTA_{period}_ARCHIVE_{part}": ("date",)
        for period in ("YEAR", "MONTH")
        for part in ("URL", "SAVE_AS")
    },
}
_SAMPLE = {"date": datetime(2026, 11, 18, 9, 0), "path": "a/b"}


def pattern_problems(settings: dict[str, Any]) -> list[Text]:
    """Each address pattern can be filled in: a name it may not use (`{id}`), a position
    (`{0}`) or a bad format (`{date:%Q}` is fine, `{path!z}` is not) would stop the build
    half-way with a traceback."""
    problems = []
    for name, fields in PATTERNS.items():
        pattern = settings.get(name)
        if not isinstance(pattern, str) or not pattern:
            continue
        values = {field: _SAMPLE.get(field, "x") for field in fields}
        try:
            pattern.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError, TypeError) as error:
            allowed = ", ".join(f"{{{field}}}" for field in fields)
            problems.append(
                t(
                    "{setting} {pattern!r} cannot be filled in ({error}); it may use {fields}",
                    setting=name,
                    pattern=pattern,
                    error=f"{type(error).__name__}: {error}",
                    fields=allowed,
                )
            )
    return problems


def desk_problems(settings: dict[str, Any]) -> list[Text]:
    """Each desk of WARTA_CATEGORIES makes its page's address, as a tag or a byline must."""
    desks = settings.get("WARTA_CATEGORIES")
    if not isinstance(desks, list | tuple):
        return []  # its own check says so
    substitutions = tuple(tuple(pair) for pair in settings.get("SLUG_REGEX_SUBSTITUTIONS", ()))
    problems = []
    for name in desks:
        try:
            address_slug(str(name), substitutions)
        except FieldError as error:
            problems.append(t("WARTA_CATEGORIES: {problem}", problem=error.message))
    return problems


def environment_problems(environment: Mapping[str, str], settings: dict[str, Any]) -> list[Text]:
    """The environment variables Warta reads, checked as the settings of the same name are
    (the setting, when it is given, is read instead)."""
    given = None if settings.get("WARTA_BUILD_TIME") else environment.get("WARTA_BUILD_TIME")
    problem = moment(given) if given else None
    if problem is None:
        return []
    return [t("the environment variable WARTA_BUILD_TIME {problem}", problem=problem)]


def output_problems(settings: dict[str, Any]) -> list[Text]:
    """The output folder must be the site's own: a build never writes into the theme, the
    plugins or the content, nor beside them in a folder that holds them (a page named like a
    template would overwrite it, and be run as one in the next build)."""
    output = Path(str(settings.get("OUTPUT_PATH", "output"))).resolve()
    messages = {
        "theme": t(
            "OUTPUT_PATH {output!r} and the theme {folder!r} lie one inside the other: a build "
            "could write over the templates; build into a folder of its own"
        ),
        "content": t(
            "OUTPUT_PATH {output!r} and the content folder {folder!r} lie one inside the other: "
            "a build could write over the content; build into a folder of its own"
        ),
        "plugins": t(
            "OUTPUT_PATH {output!r} and the plugin folder {folder!r} lie one inside the other: "
            "a build could write over the plugins; build into a folder of its own"
        ),
    }
    folders = [
        ("theme", settings.get("THEME")),
        ("content", settings.get("PATH")),
        *(("plugins", folder) for folder in settings.get("PLUGIN_PATHS") or []),
    ]
    problems = []
    for kind, folder in folders:
        if not folder:
            continue
        resolved = Path(str(folder)).resolve()
        if resolved.is_relative_to(output) or output.is_relative_to(resolved):
            problems.append(messages[kind].fill(output=str(output), folder=str(resolved)))
    return problems


def finish(settings: dict[str, Any]) -> None:
    """Settings that depend on others, once the defaults are in."""
    for template in ("location", "source", "period_archives"):
        settings["PAGINATED_TEMPLATES"].setdefault(template, None)
    if not settings["WARTA_DATELINE_OUTLET"]:
        settings["WARTA_DATELINE_OUTLET"] = str(settings.get("SITENAME", "")).upper()
