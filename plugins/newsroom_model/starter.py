"""The story `warta new` starts, in the site's language, and the one way a story file is written.

The file has every required field filled in, and every optional one as a comment with what it
is for, so a reporter learns the fields from the file itself. Its body is one line that a build
refuses (`PLACEHOLDER`, in any language of the catalogue): a story started and never written
cannot go out by mistake.

`story_text` writes a story file from its fields and body: `warta new` uses it, and the editor
at /admin/ writes the same bytes in the browser (newsroom_editor's story format, checked against
this function), so a story reads the same whichever way it was written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from warta.messages import Catalogue, Text, t

from .header import FieldValue
from .moments import MomentError, parse_moment
from .schema import FIELDS

# The body `warta new` writes, as a msgid (told in the site's language), and the text earlier
# versions wrote: a build refuses both.
PLACEHOLDER = t("Write the lead paragraph here: what happened, where, when, and who says so.")
EARLIER_PLACEHOLDERS = ("Tulis teras berita di sini.",)
# A value YAML reads back as the same text when written bare: a place, a desk, a time, a path.
# Anything else is written as a JSON string, which YAML reads as it is. The editor uses the same
# pattern (JavaScript reads it alike).
PLAIN_PATTERN = r"^[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f .,/()_+'-]*$"
_PLAIN = re.compile(PLAIN_PATTERN)
# The field kinds written bare when they can be; free text is always quoted, lists are JSON.
BARE_FORMS = frozenset(
    {"moment", "desk", "place", "photo", "focus", "slug", "status", "lang", "live", "template"}
)
LIST_FORMS = frozenset({"names", "aliases"})
# Fields written two ways in a header; a story file writes the second.
TWINS = {"author": "authors", "correction": "corrections"}
# Stand-ins in the examples when the story's date cannot be read.
_NO_DATE = ("YYYY", "MM", "YYYY-MM-DD HH.MM")


@dataclass(frozen=True)
class Optional:
    """An optional field as the starter shows it: its name, an example, what it is for."""

    name: str
    example: str
    about: Text


def optional_fields() -> tuple[Optional, ...]:
    """The optional fields a new story lists as comments, in that order. `{year}`, `{month}`,
    `{dateline}` and `{when}` in an example stand for the story's own (`story_text`)."""
    return (
        Optional("summary", '"..."', t("one or two sentences for lists and search results")),
        Optional("tags", "[banjir, bpbd]", t("topics, each with a page of its own")),
        Optional("source", "Kantor Berita Borneo", t("where the story comes from, if not from us")),
        Optional(
            "sourceurl", "https://...", t("the original, for a story taken from another outlet")
        ),
        Optional(
            "image", "images/{year}/{month}/nama-foto.jpg", t("the lead photo, under content/")
        ),
        Optional(
            "imagealt",
            '"..."',
            t("what the photo shows, for blind readers (required with a photo)"),
        ),
        Optional("imagecaption", '"..."', t("the caption: who, where, when")),
        Optional("imagecredit", '"Warta Banua/..."', t("who took the photo")),
        Optional(
            "imagefocus",
            "0.5, 0.4",
            t("where the photo's subject is, for crops (x, y from 0 to 1)"),
        ),
        Optional("dateline", "{dateline}", t("another town to open the story with")),
        Optional(
            "related",
            "[slug-berita-sebelumnya]",
            t("earlier stories to show first under 'Baca juga'"),
        ),
        Optional(
            "correction",
            '"{when} | ..."',
            t("a correction: when, then what was wrong and what is right"),
        ),
        Optional("breaking", "{when}", t("breaking news: a banner on every page until this time")),
        Optional(
            "live",
            "yes",
            t("live coverage: each update a heading '## 14.05', and 'ended' when it is over"),
        ),
        Optional(
            "aliases", "[/alamat/lama/]", t("old addresses of this story, which will lead here")
        ),
        Optional("status", "draft", t("keep it unpublished until you remove this line")),
    )


BODY_NOTES = (
    t(
        "In the body: a photo gallery is a block between '::: galeri Title' and ':::', one "
        'photo a line, written as ![what it shows](/images/.../photo.jpg "Caption | Credit").'
    ),
    t("A video or a social post: its address alone on a line of the body."),
)


GUIDE_INTRO = t("Optional fields: remove the # in front of one to use it.")


def told(text: Text, catalogue: Catalogue) -> str:
    return text.told(catalogue)


@dataclass(frozen=True)
class Guide:
    """The comments a story file carries, told in the site's language: the intro, each optional
    field's example and what it is for, and how to write a gallery or a video."""

    intro: str
    fields: tuple[tuple[str, str, str], ...]
    notes: tuple[str, ...]


def guide_of(catalogue: Catalogue) -> Guide:
    return Guide(
        told(GUIDE_INTRO, catalogue),
        tuple(
            (field.name, field.example, told(field.about, catalogue)) for field in optional_fields()
        ),
        tuple(told(note, catalogue) for note in BODY_NOTES),
    )


def starter(
    fields: Mapping[str, FieldValue],
    datelines: Mapping[str, str],
    timezone: ZoneInfo,
    catalogue: Catalogue,
) -> str:
    """The new story's text: its fields, the guide, then the placeholder body."""
    return story_text(
        fields, told(PLACEHOLDER, catalogue), guide_of(catalogue), timezone, datelines
    )


def story_text(
    fields: Mapping[str, FieldValue],
    body: str,
    guide: Guide,
    timezone: ZoneInfo,
    datelines: Mapping[str, str],
) -> str:
    """A story file: a YAML header with the fields given, in the schema's order (fields the
    schema does not know after them, as given), then as comments every optional field not
    given, then the body.

    Empty values are left out; text is trimmed. `datelines` maps each place to its dateline,
    the example the guide gives for `dateline`.
    """
    values = {TWINS.get(name, name): value for name, value in fields.items()}
    values = {name: value for name, value in values.items() if _given(value)}
    order = [name for name in FIELDS if name in values]
    order += [name for name in values if name not in FIELDS]
    lines = ["---"]
    for name in order:
        lines.extend(_field_lines(name, values[name]))
    year, month, when = _date_parts(values.get("date"), timezone)
    place = values.get("location")
    place = place.strip() if isinstance(place, str) else ""
    dateline = datelines.get(place, place.upper())
    lines.append(f"# {guide.intro}")
    for name, example, about in guide.fields:
        if TWINS.get(name, name) in values:
            continue
        shown = (
            example.replace("{year}", year)
            .replace("{month}", month)
            .replace("{dateline}", dateline)
            .replace("{when}", when)
        )
        lines.append(f"# {name}: {shown}   # {about}")
    lines.extend(f"# {note}" for note in guide.notes)
    lines.append("---")
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return "\n".join(lines) + "\n\n" + text + "\n"


def _given(value: FieldValue) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_given(item) for item in value)
    return any(_given(item) for item in value.values())


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _bare(value: str) -> str:
    """The value bare when YAML reads it back unchanged, else quoted."""
    return value if _PLAIN.match(value) else _quoted(value)


def _text_of(value: FieldValue) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return ", ".join(_text_of(item) for item in value)
    return ", ".join(_text_of(item) for item in value.values())


def _field_lines(name: str, value: FieldValue) -> list[str]:
    form = FIELDS[name].kind.form if name in FIELDS else "text"
    if form == "corrections":
        lines = [f"{name}:"]
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, dict):
                date, note = _text_of(entry.get("date", "")), _text_of(entry.get("note", ""))
            else:
                date, _, note = (part.strip() for part in _text_of(entry).partition("|"))
            if date or note:
                lines.append(f"  - date: {_bare(date)}")
                lines.append(f"    note: {_quoted(note)}")
        return lines
    if form in LIST_FORMS or isinstance(value, list):
        items = value if isinstance(value, list) else _text_of(value).split(",")
        texts = [text for text in (_text_of(item) for item in items) if text]
        return [f"{name}: [" + ", ".join(_quoted(text) for text in texts) + "]"]
    text = _text_of(value)
    return [f"{name}: {_bare(text) if form in BARE_FORMS else _quoted(text)}"]


def _date_parts(value: FieldValue | None, timezone: ZoneInfo) -> tuple[str, str, str]:
    """The year, month and time the guide's examples give, from the story's date."""
    try:
        moment = parse_moment(_text_of(value or ""), timezone).astimezone(timezone)
    except MomentError:
        return _NO_DATE
    return moment.strftime("%Y"), moment.strftime("%m"), moment.strftime("%Y-%m-%d %H.%M")


def placeholders(catalogues: Iterable[Catalogue]) -> frozenset[str]:
    """The placeholder in every language the site has, and as earlier versions wrote it."""
    found = {PLACEHOLDER.msgid, *EARLIER_PLACEHOLDERS}
    found.update(told(PLACEHOLDER, catalogue) for catalogue in catalogues)
    return frozenset(found)
