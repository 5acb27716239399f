"""Where each story and page goes: its address formatted once, as Pelican would format it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pelican.utils import path_to_url

from warta.messages import t
from warta.problems import stop_for_settings

from .record import Story
from .schema import ARTICLE, text_slug


@dataclass(frozen=True)
class Address:
    """Where a page is read (`url`, relative to the site root) and written (`save_as`)."""

    url: str
    save_as: str


def slugger(settings: dict[str, Any]) -> Callable[[str], str]:
    """`text_slug` with the site's substitutions, each text slugged once."""
    substitutions = tuple(tuple(pair) for pair in settings["SLUG_REGEX_SUBSTITUTIONS"])
    known: dict[str, str] = {}

    def slug_of(text: str) -> str:
        found = known.get(text)
        if found is None:
            found = known[text] = text_slug(text, substitutions)
        return found

    return slug_of


def format_address(pattern: str, story: Story, slug_of: Callable[[str], str], setting: str) -> str:
    """`pattern` (ARTICLE_URL and the like) filled in as Pelican fills it for this story.

    Every story uses ARTICLE_URL whatever its Lang: Warta does not group translations, and a
    story in English is still the newsroom's story at the newsroom's address.
    """
    return _filled(pattern, _fields(story, slug_of), setting)


def _fields(story: Story, slug_of: Callable[[str], str]) -> dict[str, Any]:
    """What an address pattern may use, for this story."""
    return {
        "slug": story.slug,
        "date": story.date,
        "lang": story.lang,
        "category": slug_of(story.category) if story.category else "",
        "author": slug_of(story.authors[0]) if story.authors else "",
        "path": path_to_url(story.display),
    }


def _filled(pattern: str, fields: dict[str, Any], setting: str) -> str:
    try:
        return pattern.format(**fields)
    except (KeyError, IndexError, ValueError, AttributeError) as error:
        stop_for_settings(
            [
                t(
                    "{setting} {pattern!r} cannot be filled in ({error}); it may use {fields}",
                    setting=setting,
                    pattern=pattern,
                    error=str(error),
                    fields=", ".join(f"{{{name}}}" for name in fields),
                )
            ]
        )
        raise AssertionError("unreachable") from None


# Every setting `address_of` and `slugger` read: an address kept from an earlier build is the
# one they would make again while these are the same (`address_settings`).
_ADDRESS_SETTINGS = (
    "ARTICLE_URL",
    "ARTICLE_SAVE_AS",
    "PAGE_URL",
    "PAGE_SAVE_AS",
    "SLUG_REGEX_SUBSTITUTIONS",
)


def address_settings(settings: dict[str, Any]) -> tuple[str, ...]:
    """The values of the settings a story's address is made from, besides the story."""
    return tuple(repr(settings[name]) for name in _ADDRESS_SETTINGS)


def address_of(story: Story, settings: dict[str, Any], slug_of: Callable[[str], str]) -> Address:
    """Where the story is read and written; the fields its patterns use made once for both."""
    prefix = "ARTICLE" if story.kind == ARTICLE else "PAGE"
    fields = _fields(story, slug_of)
    return Address(
        _filled(settings[f"{prefix}_URL"], fields, f"{prefix}_URL"),
        _filled(settings[f"{prefix}_SAVE_AS"], fields, f"{prefix}_SAVE_AS"),
    )
