"""The story `warta new` starts, in the site's language, and the text a build will not publish.

The file has every required field filled in, and every optional one as a comment with what it
is for, so a reporter learns the fields from the file itself. Its body is one line that a build
refuses (`PLACEHOLDER`, in any language of the catalogue): a story started and never written
cannot go out by mistake.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from warta.messages import Catalogue, Text, t

# The body `warta new` writes, as a msgid (told in the site's language), and the text earlier
# versions wrote: a build refuses both.
PLACEHOLDER = t("Write the lead paragraph here: what happened, where, when, and who says so.")
EARLIER_PLACEHOLDERS = ("Tulis teras berita di sini.",)


@dataclass(frozen=True)
class Optional:
    """An optional field as the starter shows it: its name, an example, what it is for."""

    name: str
    example: str
    about: Text


def optional_fields(year: str, month: str, dateline: str, when: str) -> tuple[Optional, ...]:
    return (
        Optional("summary", '"..."', t("one or two sentences for lists and search results")),
        Optional("tags", "[banjir, bpbd]", t("topics, each with a page of its own")),
        Optional("source", "Kantor Berita Borneo", t("where the story comes from, if not from us")),
        Optional(
            "sourceurl", "https://...", t("the original, for a story taken from another outlet")
        ),
        Optional(
            "image", f"images/{year}/{month}/nama-foto.jpg", t("the lead photo, under content/")
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
        Optional("dateline", dateline, t("another town to open the story with")),
        Optional(
            "related",
            "[slug-berita-sebelumnya]",
            t("earlier stories to show first under 'Baca juga'"),
        ),
        Optional(
            "correction",
            f'"{when} | ..."',
            t("a correction: when, then what was wrong and what is right"),
        ),
        Optional("breaking", when, t("breaking news: a banner on every page until this time")),
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


def told(text: Text, catalogue: Catalogue) -> str:
    return text.told(catalogue)


BODY_NOTES = (
    t(
        "In the body: a photo gallery is a block between '::: galeri Title' and ':::', one "
        'photo a line, written as ![what it shows](/images/.../photo.jpg "Caption | Credit").'
    ),
    t("A video or a social post: its address alone on a line of the body."),
)


def starter(
    fields: Mapping[str, object], place_dateline: str, now: datetime, catalogue: Catalogue
) -> str:
    """The new story's text: a YAML header, then the placeholder body."""
    when = now.strftime("%Y-%m-%d %H.%M")
    lines = ["---"]
    for name, value in fields.items():
        shown = json.dumps(value, ensure_ascii=False) if name in ("title", "authors") else value
        lines.append(f"{name}: {shown}")
    lines.append(
        "# " + told(t("Optional fields: remove the # in front of one to use it."), catalogue)
    )
    for field in optional_fields(now.strftime("%Y"), now.strftime("%m"), place_dateline, when):
        lines.append(f"# {field.name}: {field.example}   # {told(field.about, catalogue)}")
    lines.extend("# " + told(note, catalogue) for note in BODY_NOTES)
    lines.append("---")
    return "\n".join(lines) + "\n\n" + told(PLACEHOLDER, catalogue) + "\n"


def placeholders(catalogues: Iterable[Catalogue]) -> frozenset[str]:
    """The placeholder in every language the site has, and as earlier versions wrote it."""
    found = {PLACEHOLDER.msgid, *EARLIER_PLACEHOLDERS}
    found.update(told(PLACEHOLDER, catalogue) for catalogue in catalogues)
    return frozenset(found)
