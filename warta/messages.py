"""What a reporter or an editor reads, in the site's language, through the theme's catalogue.

Messages are written in English in the code, as `t("'{value}' is not a date", value=...)`: the
English text with named fields is the catalogue's msgid (`make messages` extracts every `t` and
`tn` call beside the templates' strings), and the values are filled in when the message is told,
in the language of the site that reads it. A message is made where the mistake is found, often
in a pure function that knows no settings, and told where it is printed (the build's report,
`warta check`, the preview's overlay, the importer's report), so it carries its values, not a
finished string.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any, Literal, Protocol, TypeAlias

from babel.core import UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import get_decimal_symbol, get_group_symbol
from babel.support import NullTranslations, Translations

DOMAIN = "messages"


class Catalogue(Protocol):
    """What telling a message needs of a gettext catalogue."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


@dataclass(frozen=True)
class Text:
    """A message to be told: its English msgid (and plural, for a count) and its values, which
    may be Texts themselves (a hint inside a message)."""

    msgid: str
    values: tuple[tuple[str, Any], ...] = ()
    plural: str = ""
    count: int = 0

    def told(self, catalogue: Catalogue | None = None) -> str:
        """The message in the catalogue's language (English without one)."""
        if catalogue is None:
            pattern = self.msgid if not self.plural or self.count == 1 else self.plural
        elif self.plural:
            pattern = catalogue.ngettext(self.msgid, self.plural, self.count)
        else:
            pattern = catalogue.gettext(self.msgid)
        values = {name: tell(value, catalogue) for name, value in self.values}
        if self.plural:
            values["count"] = self.count
        return _numbers_for(_language(catalogue)).vformat(pattern, (), values)

    def fill(self, **values: Any) -> Text:
        """This message with (more) values: a message kept as a constant, `t("{n} files")`, is
        filled where its values are known, and still translated when it is told."""
        return Text(self.msgid, (*self.values, *values.items()), self.plural, self.count)

    def __str__(self) -> str:
        return self.told()


class _LocalNumbers(string.Formatter):
    """str.format, with the numbers in a language's own marks: "50.000" and "4,5 s" in
    Indonesian where English has "50,000" and "4.5 s". Python's format spec groups with ","
    and never follows a locale without setlocale (process-wide, not thread-safe), and Babel's
    own number formats do not take a format spec; so the number is formatted as the spec says
    and its marks are then swapped for the language's, which Babel knows (CLDR)."""

    def __init__(self, group: str, decimal: str) -> None:
        super().__init__()
        self.marks = str.maketrans({",": group, ".": decimal})

    def format_field(self, value: Any, format_spec: str) -> str:
        formatted = str(super().format_field(value, format_spec))
        if isinstance(value, int | float) and not isinstance(value, bool):
            return formatted.translate(self.marks)
        return formatted


@lru_cache(maxsize=16)
def _numbers_for(language: str) -> string.Formatter:
    try:
        return _LocalNumbers(get_group_symbol(language), get_decimal_symbol(language))
    except (UnknownLocaleError, ValueError):
        return string.Formatter()


def _language(catalogue: Catalogue | None) -> str:
    """The catalogue's language, from its header ("en" for none: the msgids are English)."""
    info = getattr(catalogue, "info", None)
    language = info().get("language") if callable(info) else None
    return language_of(str(language)) if language else "en"


# A hint after a message: a Text, or nothing. A bare str would never be translated, so the type
# refuses it.
Hint: TypeAlias = Text | Literal[""]


def t(msgid: str, **values: Any) -> Text:
    """A message; `make messages` puts `msgid` in the catalogue."""
    return Text(msgid, tuple(values.items()))


def tn(singular: str, plural: str, count: int, **values: Any) -> Text:
    """A message about `count` things (`{count}` in it), singular or plural as the language has
    it; `make messages` puts both in the catalogue."""
    return Text(singular, tuple(values.items()), plural, count)


def alternatives(items: list[str]) -> Text | str:
    """'a', 'a or b', 'a or b or c' in the language the message is told in."""
    if len(items) <= 1:
        return items[0] if items else ""
    if len(items) == 2:
        return t("{first} or {second}", first=items[0], second=items[1])
    return t("{first} or {rest}", first=items[0], rest=alternatives(items[1:]))


def joined(items: Sequence[Text]) -> Text:
    """'a; b; c': several reasons, one after another, in the language the message is told in."""
    if len(items) == 1:
        return items[0]
    return t("{first}; {rest}", first=items[0], rest=joined(items[1:]))


def tell(value: Any, catalogue: Catalogue | None = None) -> Any:
    """A Text told in the catalogue's language; any other value as it is."""
    return value.told(catalogue) if isinstance(value, Text) else value


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
    return _compiled(path, path.stat().st_mtime_ns, language_of(lang))


@lru_cache(maxsize=8)
def _compiled(path: Path, _changed: int, language: str) -> NullTranslations:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def catalogue_folder(settings: dict[str, Any]) -> Path:
    """Where the site's catalogues are: WARTA_TRANSLATIONS_PATH, else the theme's."""
    given = settings.get("WARTA_TRANSLATIONS_PATH")
    return Path(given) if given else Path(settings["THEME"]) / "translations"


def site_catalogue(settings: dict[str, Any]) -> Catalogue:
    """The catalogue messages to the newsroom are told in: WARTA_MESSAGES_LANG, else the site's
    language; English when there is none (the theme's plugin refuses a site whose language has
    no catalogue, by name, before anything is read)."""
    lang = settings.get("WARTA_MESSAGES_LANG") or settings.get("DEFAULT_LANG") or "id"
    try:
        return load_translations(catalogue_folder(settings), str(lang))
    except MissingCatalogue:
        return NullTranslations()
