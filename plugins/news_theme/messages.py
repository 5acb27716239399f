"""The theme's fixed messages told once, when a template is compiled, not on every page.

Jinja2's i18n extension (`newstyle`, as Warta installs it) makes `{{ _("Older") }}` a call at
every render: the `_` alias resolves `gettext` in the context, calls it through the context,
looks the message up, wraps it in `Markup` and formats it with no values. A page calls it a few
dozen times, and at 10,000 stories those calls were about a fifth of the templates' time
(profiled: 4.4 s of 20 s). A build has one catalogue, so a message with no values is the same
text on every page. `ToldOnce` puts that text in the template as its own data when the template
is compiled, exactly what the call would print: Jinja2 has no such option, and babel's
extraction reads the template's source, which is unchanged.

Only `{{ _("a message") }}` alone in its braces is told once, and only while the environment's
`gettext` and `_` are the ones `install` put there, and never with a bytecode cache (a site's
JINJA_ENVIRONMENT may set one): it keeps compiled templates by their source alone. A message
with values, `ngettext`, or any template that binds `_` itself (`{% set _ = ... %}`, a loop or
macro argument named `_`, a macro named `_`) keeps the call.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension, _gettext_alias
from jinja2.lexer import Token, TokenStream

_CALL = ("variable_begin", "name", "lparen", "string", "rparen", "variable_end")


def install(environment: Environment, translations: Any) -> None:
    """Install `translations` as Jinja2's i18n does (newstyle), noting them for `ToldOnce`."""
    environment.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    noted = getattr(environment, "warta_told_once", None)
    if noted is not None and noted[0] is not translations and environment.cache is not None:
        environment.cache.clear()  # its templates were compiled with another catalogue's text
    environment.extend(warta_told_once=(translations, environment.globals["gettext"]))


class ToldOnce(Extension):
    """Each `{{ _("...") }}` with no values becomes the message's text in the site's language."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        tokens = list(stream)
        translations = self._translations()
        if translations is None or _binds_underscore(tokens):
            yield from tokens
            return
        position = 0
        while position < len(tokens):
            told = _told(tokens[position : position + len(_CALL)], translations)
            if told is None:
                yield tokens[position]
                position += 1
            else:
                yield told
                position += len(_CALL)

    def _translations(self) -> Any | None:
        """The catalogue `install` noted, if the environment still calls it for `_`."""
        environment = self.environment
        noted = getattr(environment, "warta_told_once", None)
        if noted is None or not getattr(environment, "newstyle_gettext", False):
            return None
        if environment.bytecode_cache is not None:
            return None  # its compiled templates outlive the catalogue: it keys on the source
        translations, gettext = noted
        if environment.globals.get("gettext") is not gettext:
            return None
        if environment.globals.get("_") is not _gettext_alias:
            return None
        return translations


def _binds_underscore(tokens: list[Token]) -> bool:
    """Whether the template names `_` other than to call it, or names a macro `_`: it may bind
    it itself (`set`, `for`, `with`, `import ... as`, a macro's argument or the macro)."""
    return any(
        token.type == "name"
        and token.value == "_"
        and (
            place + 1 >= len(tokens)
            or tokens[place + 1].type != "lparen"
            or (place > 0 and tokens[place - 1].test("name:macro"))
        )
        for place, token in enumerate(tokens)
    )


def _told(window: list[Token], translations: Any) -> Token | None:
    """The data token for `{{ _("message") }}`, if `window` is that; else None."""
    if [token.type for token in window] != list(_CALL) or window[1].value != "_":
        return None
    message = window[3].value
    try:
        # What the call prints: the message formatted with no values, as markup (the call's
        # `Markup` escapes the values, and there are none; nor is the message escaped).
        text = translations.gettext(message) % {}
    except (TypeError, ValueError):
        return None  # a stray "%": the call raises at render time, and so it must still
    return Token(window[0].lineno, "data", text)
