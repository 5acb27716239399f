"""The theme's UI strings in the site's language: gettext catalogues read with Babel."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"


class MissingCatalogue(FileNotFoundError):
    """The site's language has no catalogue in the theme."""


def language_of(lang: str) -> str:
    """'id' for 'id', 'id_ID' or 'id-ID'."""
    return lang.replace("-", "_").split("_")[0]


def catalogue_path(folder: Path, lang: str) -> Path:
    return folder / language_of(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(folder: Path, lang: str) -> NullTranslations:
    """The catalogue for `lang`, compiled in memory from its .po file.

    Compiling here, rather than shipping .mo files, means a translator's edit to the .po shows
    on the next build and no stale binary can be committed. The source strings are English, so
    English needs no translations; any other language must have a catalogue.
    """
    path = catalogue_path(folder, lang)
    if not path.is_file():
        if language_of(lang) == "en":
            return NullTranslations()
        known = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
        raise MissingCatalogue(
            f"{path}: no translation catalogue for DEFAULT_LANG {lang!r}; "
            f"the theme has: {', '.join(known) or 'none'}"
        )
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language_of(lang))
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
