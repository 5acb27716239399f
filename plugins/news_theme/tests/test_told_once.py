"""The theme's messages with no values are told when a template is compiled, and every template
prints exactly what Jinja2's i18n call would print."""

from __future__ import annotations

import re
from gettext import NullTranslations
from pathlib import Path

import pytest
from jinja2 import (
    DictLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    UndefinedError,
)

from news_theme.messages import ToldOnce, install
from warta.messages import load_translations

REPO = Path(__file__).resolve().parents[3]
CATALOGUE = load_translations(REPO / "theme" / "translations", "id")


def _environment(told_once: bool, templates: dict[str, str] | None = None) -> Environment:
    extensions: list[object] = ["jinja2.ext.i18n"]
    if told_once:
        extensions.append(ToldOnce)
    loader = DictLoader(templates or {})
    environment = Environment(loader=loader, autoescape=True, extensions=extensions)  # type: ignore[arg-type]
    install(environment, CATALOGUE)
    return environment


def _calls_gettext(environment: Environment, source: str) -> bool:
    """Whether the compiled code still calls for a message: it holds the message's own
    (English) text and no translation."""
    code = str(environment.compile(source, raw=True))
    return all(text not in code for text in ("Lebih lama", "100% local"))


def test_a_message_alone_in_its_braces_is_compiled_as_its_text() -> None:
    source = '<a rel="next">{{ _("Older") }}</a> {{- _("Newer") }}|{{ _("Older") | upper }}'
    told = _environment(True)
    assert not _calls_gettext(told, source.split("|", maxsplit=1)[0])
    assert told.from_string(source).render() == _environment(False).from_string(source).render()
    assert told.from_string(source).render() == '<a rel="next">Lebih lama</a>Lebih baru|LEBIH LAMA'


def test_messages_with_values_and_templates_that_bind_underscore_keep_the_call() -> None:
    told, plain = _environment(True), _environment(False)
    sources = [
        '{{ _("Page %(number)d of %(count)d", number=2, count=9) }}',
        '{% set _ = "{}!".format %}{{ _("Older") }}',
        '{% macro _(message) %}[{{ message }}]{% endmacro %}{{ _("Older") }}',
        '{% macro m(_) %}{{ _("Older") }}{% endmacro %}{{ m("{}?".format) }}',
        '{% for _ in ["{}~".format] %}{{ _("Older") }}{% endfor %}',
        '{{ ngettext("%(num)d story", "%(num)d stories", 3) }}',
    ]
    for source in sources:
        assert _calls_gettext(told, source), source
        assert told.from_string(source).render() == plain.from_string(source).render(), source
    assert told.from_string(sources[1]).render() == "Older!"
    assert told.from_string(sources[2]).render() == "[Older]"


def test_a_percent_sign_prints_as_the_call_prints_it_and_a_stray_one_still_fails() -> None:
    told, plain = _environment(True), _environment(False)
    doubled = '{{ _("100%% local") }}'
    assert not _calls_gettext(told, doubled)
    assert told.from_string(doubled).render() == plain.from_string(doubled).render()
    assert told.from_string(doubled).render() == "100% local"
    stray = '{{ _("naik 5%") }}'
    assert _calls_gettext(told, stray)
    for environment in (told, plain):
        with pytest.raises(ValueError, match="incomplete format"):
            environment.from_string(stray).render()


def test_nothing_is_told_once_when_gettext_is_not_the_one_installed_or_with_a_bytecode_cache(
    tmp_path: Path,
) -> None:
    told = _environment(True)
    told.globals["gettext"] = lambda message, **values: "ganti"
    assert _calls_gettext(told, '{{ _("Older") }}')
    assert told.from_string('{{ _("Older") }}').render() == "ganti"
    cached = _environment(True)
    cached.bytecode_cache = FileSystemBytecodeCache(str(tmp_path))
    assert _calls_gettext(cached, '{{ _("Older") }}')
    untranslated = Environment(autoescape=True, extensions=["jinja2.ext.i18n", ToldOnce])
    with pytest.raises(UndefinedError):
        untranslated.from_string('{{ _("Older") }}').render()


def test_every_message_of_the_theme_without_values_is_told_once() -> None:
    """In every template of the theme, each message with no values alone in its braces is gone
    from the compiled code; every other call is left."""
    loader = FileSystemLoader(REPO / "theme" / "templates")
    extensions: list[object] = ["jinja2.ext.i18n", ToldOnce]
    told = Environment(loader=loader, autoescape=True, extensions=extensions)  # type: ignore[arg-type]
    install(told, CATALOGUE)
    calls = re.compile(r"(?<![\w.])_\(")
    alone = re.compile(r"""\{\{-?\s*_\(\s*("[^"]*"|'[^']*')\s*\)\s*-?\}\}""")
    told_once = 0
    for name in told.list_templates(extensions=["html", "xml"]):
        source = loader.get_source(told, name)[0]
        left = str(told.compile(source, name, raw=True)).count("(name='_')")
        assert left == len(calls.findall(source)) - len(alone.findall(source)), name
        told_once += len(alone.findall(source))
    assert told_once > 50


def test_another_catalogue_installed_compiles_the_templates_again() -> None:
    told = _environment(True, {"page.html": '<a rel="next">{{ _("Older") }}</a>'})
    assert told.get_template("page.html").render() == '<a rel="next">Lebih lama</a>'
    install(told, NullTranslations())
    assert told.get_template("page.html").render() == '<a rel="next">Older</a>'
