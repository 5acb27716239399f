"""The translation catalogue matches the templates and Warta's messages, and Indonesian
translates every string, keeping its placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[3]
TRANSLATIONS = REPO / "theme" / "translations"


# Warta's messages (warta.messages): t(msgid, ...) and tn(singular, plural, count, ...).
KEYWORDS = {"t": None, "tn": (1, 2)}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def template_strings() -> set[str | tuple[str, ...]]:
    """Every string `make messages` extracts: the templates', then the code's messages."""
    found = list(
        extract_from_dir(
            str(REPO / "theme" / "templates"),
            method_map=[("**.html", "jinja2")],
            options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
        )
    )
    for folder in ("warta", "plugins"):
        found.extend(
            extract_from_dir(
                str(REPO / folder), method_map=[("**.py", "python")], keywords=KEYWORDS
            )
        )
    return {_key(message) for _, _, message, _, _ in found}


def catalogue(path: Path) -> dict[str | tuple[str, ...], Message]:
    with path.open("rb") as handle:
        return {_key(message.id): message for message in read_po(handle) if message.id}


def _key(message_id: str | tuple[str, ...] | list[str]) -> str | tuple[str, ...]:
    return message_id if isinstance(message_id, str) else tuple(message_id)


def test_the_template_catalogue_is_up_to_date() -> None:
    pot = set(catalogue(TRANSLATIONS / "messages.pot"))
    assert template_strings() == pot, "run `make messages` and translate the new strings"


def test_indonesian_translates_every_string_and_keeps_its_placeholders() -> None:
    messages = catalogue(TRANSLATIONS / "id" / "LC_MESSAGES" / "messages.po")
    assert set(messages) == template_strings()
    for message in messages.values():
        source = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        strings = (
            (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
        )
        assert all(strings), f"untranslated: {source[0]!r}"
        assert not message.fuzzy, f"fuzzy: {source[0]!r}"
        for placeholder in set(PLACEHOLDER.findall(" ".join(source))):
            assert all(placeholder in text for text in strings), (source[0], placeholder)
