"""The editor's configuration, made from Warta's schema and data files: never written by hand.

`decap_config` is Decap CMS's `config.yml`: one collection of stories whose fields are the
schema's (`newsroom_model.schema.FIELDS`), each given the form its kind calls for, the limits
and patterns the build checks, and the choices the data files hold (desks, places, staff
bylines, sources) and the archive suggests (tags). A field added to the schema appears here
with no other edit. `story_format` is what the editor's own script needs to read and write a
story file exactly as `warta new` does (`newsroom_model.starter.story_text`).

Both are pure functions of their arguments.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsroom_model.schema import (
    CONTROL_CLASS,
    FIELD_ALIASES,
    FIELDS,
    MAX_NAME,
    MAX_TEXT,
    NEEDED_WITH,
    SLUG_PATTERN,
    STATUSES,
    Field,
    Kind,
)
from newsroom_model.starter import (
    BARE_FORMS,
    LIST_FORMS,
    PLACEHOLDER,
    PLAIN_PATTERN,
    TWINS,
    Guide,
)
from unidecode import unidecode

from warta.embeds import HOSTS
from warta.messages import Text, t

# Where the editor puts the photos a reporter uploads, in the photo folder.
UPLOADS = "redaksi"
# The collection's name in Decap, the body's field and the editor components the body offers.
COLLECTION = "articles"
BODY = "body"
PHOTO = "foto"
GALLERY = "galeri"
VIDEO = "video"
# The form's order: what a reporter fills in first, the photo, the story, then the rest. A field
# the schema gains later comes after these, in the schema's order.
FORM_ORDER = (
    "title",
    "category",
    "location",
    "authors",
    "date",
    "summary",
    "tags",
    "image",
    "imagealt",
    "imagecaption",
    "imagecredit",
    "imagefocus",
    BODY,
    "source",
    "sourceurl",
    "dateline",
    "live",
    "breaking",
    "modified",
    "corrections",
    "related",
    "aliases",
    "slug",
    "status",
    "lang",
)
# Each field's label and hint in the form. A field not named here is labelled as the schema
# names it.
LABELS: dict[str, tuple[Text, Text | None]] = {
    "title": (t("Headline"), None),
    "date": (
        t("Published"),
        t(
            "In your device's time; saved in the site's time zone. A time still to come keeps the "
            "story out of the site until then."
        ),
    ),
    "modified": (t("Updated"), t("The time of the last real change, shown as 'Diperbarui'.")),
    "breaking": (
        t("Breaking-news banner until"),
        t("breaking news: a banner on every page until this time"),
    ),
    "live": (
        t("Live coverage"),
        t("live coverage: each update a heading '## 14.05', and 'ended' when it is over"),
    ),
    "category": (t("Desk"), None),
    "location": (t("Place"), t("Type to search the places of the locations data file.")),
    "authors": (
        t("Byline"),
        t("Staff are suggested as you type; write any other name and press Enter."),
    ),
    "source": (t("Source"), t("where the story comes from, if not from us")),
    "sourceurl": (
        t("Address of the original"),
        t("the original, for a story taken from another outlet"),
    ),
    "tags": (t("Topics"), t("topics, each with a page of its own")),
    "summary": (t("Summary"), t("one or two sentences for lists and search results")),
    "image": (t("Lead photo"), None),
    "imagealt": (
        t("What the photo shows"),
        t("what the photo shows, for blind readers (required with a photo)"),
    ),
    "imagecaption": (t("Caption"), t("the caption: who, where, when")),
    "imagecredit": (t("Photo credit"), t("who took the photo")),
    "imagefocus": (
        t("Focus of the photo"),
        t("where the photo's subject is, for crops (x, y from 0 to 1)"),
    ),
    "dateline": (t("Dateline"), t("another town to open the story with")),
    "slug": (
        t("Address"),
        t("Only to give the story another address: it is made from the file's name."),
    ),
    "status": (t("Status"), t("A draft or a hidden story is not listed on the site.")),
    "lang": (t("Language"), t("Only for a story in another language than the site's.")),
    "corrections": (
        t("Corrections"),
        t("a correction: when, then what was wrong and what is right"),
    ),
    "related": (t("Related stories"), t("earlier stories to show first under 'Baca juga'")),
    "aliases": (t("Old addresses"), t("old addresses of this story, which will lead here")),
    BODY: (t("The story"), None),
}
STATUS_LABELS = {"published": t("Published"), "draft": t("Draft"), "hidden": t("Hidden")}
LIVE_LABELS = {"yes": t("Going on"), "ended": t("Ended")}
# How the editor's date fields hold a moment (Day.js): ISO 8601 with the device's offset.
MOMENT_FORMAT = "YYYY-MM-DDTHH:mm:ssZ"
# Suggestions some name fields offer, by field.
SUGGESTED = {"authors": "staff", "tags": "tags", "source": "sources"}
# The characters Pelican's slugify turns into ASCII that the editor must turn the same way:
# Latin letters, punctuation, currency and letter-like signs, as `unidecode` writes them.
_TRANSLITERATED = (
    (0x00A0, 0x024F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x214F),
)


@dataclass(frozen=True)
class Choices:
    """What the form offers to choose from: the site's desks, the places (name and label, with
    each place's dateline), staff bylines, sources and the archive's most used tags."""

    desks: tuple[str, ...]
    places: tuple[tuple[str, str], ...]
    datelines: Mapping[str, str]
    staff: tuple[str, ...]
    sources: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Paths:
    """Where the editor saves: the content folder in the repository, and the article and
    photo folders inside it."""

    content: str
    articles: str
    images: str

    @property
    def article_folder(self) -> str:
        return _joined(self.content, self.articles)

    @property
    def image_folder(self) -> str:
        return _joined(self.content, self.images)


def date_patterns(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The site's language and its CLDR date patterns (WARTA_DATE_FORMATS, chosen as the
    article page chooses them), so the preview labels a story's date as its page will."""
    language = str(settings["DEFAULT_LANG"]).replace("-", "_").split("_")[0]
    formats = settings["WARTA_DATE_FORMATS"]
    patterns = formats.get(language) or formats.get("id") or next(iter(formats.values()))
    return {"lang": language, "datetime": patterns["datetime"], "date": patterns["date"]}


def _joined(*parts: str) -> str:
    return "/".join(part.strip("/") for part in parts if part.strip("/"))


def uploads(paths: Paths) -> dict[str, str]:
    """Where photos a reporter uploads go, and how a story names them.

    A folder of their own in the photo folder, from the repository's root (Decap would put
    them beside the story otherwise). A story names them from the content folder without a
    leading slash (`images/redaksi/banjir.jpg`), as Warta's Image field reads it, and as Decap
    needs to show a photo not saved yet: a path with one it takes for an address on the web.
    In a body, the editor's components add the slash Warta's body photos need.
    """
    return {
        "media_folder": "/" + _joined(paths.image_folder, UPLOADS),
        "public_folder": _joined(paths.images, UPLOADS),
    }


def form_fields() -> list[str]:
    """The story fields the editor shows, in the form's order (then the body): every field of
    the schema a story may have, written once (a field with a twin, such as Author, as the
    twin), but those only the site's settings decide and a page's Template."""
    shown = [
        name
        for name, spec in FIELDS.items()
        if name not in TWINS and spec.kind.form not in ("internal", "template")
    ]
    ordered = [name for name in FORM_ORDER if name in shown or name == BODY]
    return ordered + [name for name in shown if name not in FORM_ORDER]


def decap_config(
    settings: Mapping[str, Any],
    choices: Choices,
    paths: Paths,
    tell: Callable[[Text], str],
    placeholders: Iterable[str],
) -> dict[str, Any]:
    """Decap CMS's configuration for the site."""
    backend = dict(settings["WARTA_EDITOR_BACKEND"])
    collection: dict[str, Any] = {
        "name": COLLECTION,
        "label": tell(t("Stories")),
        "label_singular": tell(t("story")),
        "folder": paths.article_folder,
        "extension": "md",
        # The story format of newsroom_editor's script: the file `warta new` writes.
        "format": "warta",
        "create": True,
        "delete": True,
        # The file's name is the first headline's slug, as Pelican makes it (the script sets
        # these before the first save), in the folder of the story's month: an address never
        # changes afterwards, whatever becomes of the headline.
        "identifier_field": "title",
        "slug": "{{fields.warta_name}}",
        # (Decap reads `fields.` in a slug, but turns the dot into a hyphen in a path.)
        "path": "{{warta_year}}/{{warta_month}}/{{slug}}",
        "summary": "{{title}}",
        "sortable_fields": [{"field": "date", "default_sort": "desc"}, "title", "category"],
        "view_filters": [
            {"label": desk, "field": "category", "pattern": f"^{re.escape(desk)}$"}
            for desk in choices.desks
        ],
        **uploads(paths),
        "fields": [
            body_field(tell, placeholders) if name == BODY else field_config(name, choices, tell)
            for name in form_fields()
        ],
    }
    config: dict[str, Any] = {
        "backend": backend,
        "locale": str(settings["DEFAULT_LANG"]).replace("-", "_").split("_")[0],
        "site_url": str(settings.get("WARTA_SITE_URL") or settings.get("SITEURL") or ""),
        "media_folder": _joined(paths.image_folder, UPLOADS),
        "public_folder": _joined(paths.images, UPLOADS),
        "show_preview_links": False,
        "collections": [collection],
    }
    if settings["WARTA_EDITOR_WORKFLOW"]:
        config["publish_mode"] = "editorial_workflow"
    return config


def field_config(name: str, choices: Choices, tell: Callable[[Text], str]) -> dict[str, Any]:
    """One field of the form, from its kind in the schema."""
    spec = FIELDS[name]
    label, hint = LABELS.get(name, (None, None))
    entry: dict[str, Any] = {
        "name": name,
        "label": tell(label) if label else spec.label,
        # One byline is required: the schema takes it as Author or as Authors.
        "required": spec.required_in_article or name == "authors",
    }
    if hint is not None:
        entry["hint"] = tell(hint)
    entry.update(_widget(name, spec, choices, tell))
    if name in NEEDED_WITH:
        given, _ = NEEDED_WITH[name]
        # Decap's own fields have no rule across fields: Warta's text field has this one.
        if entry["widget"] in ("string", "text"):
            entry["widget"] = "warta-text"
        entry["needed_with"] = given
        entry["needed_message"] = tell(
            t("Required with {field}.", field=LABELS[given][0] if given in LABELS else given)
        )
    return entry


# What the form offers for a field of each kind: (field name, kind, choices, tell) -> the
# widget's part of the field. A kind not here is text, one line of it.
Tell = Callable[[Text], str]
Form = Callable[[str, Kind, Choices, Tell], dict[str, Any]]


def _moment(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    # Kept as an ISO 8601 moment with the device's offset; the story format writes it in the
    # site's time zone.
    widget: dict[str, Any] = {"widget": "datetime", "format": MOMENT_FORMAT}
    if name == "date":
        widget["default"] = "{{now}}"
    return widget


def _desk(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    return {"widget": "select", "options": list(choices.desks)}


def _place(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    # Decap's select is searchable: typing 'Banjar' narrows the places to those with it.
    options = [{"label": label, "value": place} for place, label in choices.places]
    return {"widget": "select", "options": options}


def _names(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    message = t("Each name has letters or digits and at most {limit} characters.", limit=kind.limit)
    return {
        "widget": "warta-names",
        "suggestions": list(_suggestions(name, choices)),
        "item_limit": kind.limit,
        "item_message": tell(message),
    }


def _photo(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    # Saved to the collection's upload folder; a photo is a file of the site, not an address.
    return {"widget": "image", "choose_url": False}


def _web(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    pattern = f"^https?://[^\\s\"'<>`\\\\]{{1,{kind.limit}}}$"
    return {
        "widget": "string",
        "pattern": [pattern, tell(t("A web address starting with https://"))],
    }


def _focus(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    fraction = r"\s*(?:0(?:\.\d*)?|\.\d+|1(?:\.0*)?)\s*"
    message = t("Two fractions from 0 to 1, left to right then top to bottom: 0.5, 0.3")
    return {"widget": "string", "pattern": [f"^{fraction},{fraction}$", tell(message)]}


def _slug(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    pattern = f"(?=^[\\s\\S]{{1,{kind.limit}}}$){SLUG_PATTERN}"
    message = t("Lower-case letters, digits and hyphens, e.g. banjir-martapura")
    return {"widget": "string", "pattern": [pattern, tell(message)]}


def _status(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    options = [{"label": tell(STATUS_LABELS[status]), "value": status} for status in STATUSES]
    return {"widget": "select", "options": options}


def _live(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    options = [{"label": tell(label), "value": state} for state, label in LIVE_LABELS.items()]
    return {"widget": "select", "options": options}


def _lang(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    pattern = "^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$"
    return {"widget": "string", "pattern": [pattern, tell(t("A language code, e.g. id or en"))]}


def _corrections(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    return {
        "widget": "list",
        "label_singular": tell(t("correction")),
        "summary": "{{fields.note}}",
        "fields": [
            {"name": "date", "label": tell(t("When")), "widget": "datetime", "required": True,
             "format": MOMENT_FORMAT},
            {"name": "note", "label": tell(t("What was wrong, and what is right")),
             "widget": "text", "required": True, "pattern": _line(kind.limit, tell)},
        ],
    }  # fmt: skip


def _aliases(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    # Addresses separated by commas; the build reads each one.
    return {"widget": "list", "allow_add": True}


def _text(name: str, kind: Kind, choices: Choices, tell: Tell) -> dict[str, Any]:
    if name in SUGGESTED:
        widget = "warta-suggest"
    else:
        widget = "text" if kind.limit > MAX_NAME * 2 and kind.form != "headline" else "string"
    found: dict[str, Any] = {
        "widget": widget,
        "pattern": _line(kind.limit or MAX_TEXT, tell),
    }
    if name in SUGGESTED:
        found["suggestions"] = list(_suggestions(name, choices))
    return found


FORMS: dict[str, Form] = {
    "moment": _moment,
    "desk": _desk,
    "place": _place,
    "names": _names,
    "photo": _photo,
    "web": _web,
    "focus": _focus,
    "slug": _slug,
    "status": _status,
    "live": _live,
    "lang": _lang,
    "corrections": _corrections,
    "aliases": _aliases,
}


def _widget(name: str, spec: Field, choices: Choices, tell: Tell) -> dict[str, Any]:
    kind = spec.kind
    return FORMS.get(kind.form, _text)(name, kind, choices, tell)


def _line(limit: int, tell: Callable[[Text], str]) -> list[str]:
    """A pattern for one line of text as the build takes it: no control characters (a line
    break is one), at most `limit` characters, and something besides spaces. Decap checks the
    pattern only when there is a value, and the build refuses a value of spaces alone whether
    the field is needed or not (whether it is needed is Decap's own `required`)."""
    allowed = "[^" + CONTROL_CLASS[1:]
    lead = "(?=[\\s\\S]*\\S)"
    return [
        f"^{lead}{allowed}{{0,{limit}}}$",
        tell(t("One line of at most {limit} characters, without control characters", limit=limit)),
    ]


def _suggestions(name: str, choices: Choices) -> tuple[str, ...]:
    kind = SUGGESTED.get(name)
    if kind == "staff":
        return choices.staff
    if kind == "sources":
        return choices.sources
    if kind == "tags":
        return choices.tags
    return ()


def body_field(tell: Callable[[Text], str], placeholders: Iterable[str]) -> dict[str, Any]:
    """The story's body: Markdown, with the gallery and the video card as editor components.
    The line `warta new` starts a story with is refused, as the build refuses it."""
    refused = "|".join(re.escape(text) for text in sorted(placeholders))
    return {
        "name": BODY,
        "label": tell(LABELS[BODY][0]),
        "widget": "markdown",
        "required": True,
        "modes": ["rich_text", "raw"],
        "buttons": [
            "bold",
            "italic",
            "link",
            "heading-two",
            "heading-three",
            "quote",
            "bulleted-list",
            "numbered-list",
        ],
        "editor_components": [PHOTO, GALLERY, VIDEO],
        # HTML another writer put in a body is cleaned (DOMPurify) before the preview shows it.
        "sanitize_preview": True,
        "pattern": [
            f"^(?![\\s\\S]*(?:{refused}))[\\s\\S]*\\S[\\s\\S]*$",
            tell(t("Write the story in place of the line 'warta new' starts it with")),
        ],
    }


def story_format(
    settings: Mapping[str, Any],
    *,
    choices: Choices,
    guide: Guide,
    tell: Callable[[Text], str],
    stylesheet: str,
    paths: Paths,
) -> dict[str, Any]:
    """What the editor's script needs to read and write story files as `warta new` does, to
    name a new story's file as Pelican would, and to show a story in the site's look."""
    return {
        "collection": COLLECTION,
        "timezone": str(settings["TIMEZONE"]),
        "fields": [{"name": name, "form": spec.kind.form} for name, spec in FIELDS.items()],
        "twins": TWINS,
        "aliases": FIELD_ALIASES,
        "plain": PLAIN_PATTERN,
        "bare_forms": sorted(BARE_FORMS),
        "list_forms": sorted(LIST_FORMS),
        "guide": {
            "intro": guide.intro,
            "fields": [list(entry) for entry in guide.fields],
            "notes": list(guide.notes),
        },
        "datelines": dict(choices.datelines),
        "date_label": date_patterns(settings),
        "slug": {
            "substitutions": [
                [_javascript_pattern(pattern), replacement]
                for pattern, replacement in settings["SLUG_REGEX_SUBSTITUTIONS"]
            ],
            "ascii": transliterations(),
        },
        "embed_hosts": sorted(HOSTS),
        "uploads": uploads(paths),
        "stylesheet": stylesheet,
        "words": {key: tell(text) for key, text in PREVIEW_WORDS.items()},
        "placeholder": tell(PLACEHOLDER),
    }


# What the preview pane prints around a story, as the article page prints it.
PREVIEW_WORDS = {
    "by": t("By"),
    "source": t("Source:"),
    "photo": t("Photo:"),
    "correction": t("Correction"),
    "topics": t("Topics"),
    "gallery": t("Photo gallery"),
    "gallery_title": t("Gallery title"),
    "photos": t("Photos"),
    "photo_item": t("photo"),
    "photo_file": t("Photo"),
    "alt": t("What the photo shows"),
    "caption": t("Caption"),
    "credit": t("Photo credit"),
    "video": t("Video or social post"),
    "body_photo": t("Photo in the story"),
    "video_address": t("Address of the video or post"),
    "video_title": t("Title of the video or post"),
    "video_pattern": t("An address on YouTube, Vimeo, X, Instagram, TikTok or Facebook"),
    "remove": t("Remove"),
    "live": t("Live"),
    "updated": t("Updated"),
}


def _javascript_pattern(pattern: str) -> str:
    """A pattern of SLUG_REGEX_SUBSTITUTIONS as JavaScript writes it: Python's `\\A` and `\\Z`
    are `^` and `$` there, and `(?u)` is the default for str patterns already."""
    return pattern.replace("(?u)", "").replace("\\A", "^").replace("\\Z", "$")


@cache
def transliterations() -> dict[str, str]:
    """What `unidecode`, which Pelican's slugify uses, makes of each character the editor
    must turn into ASCII as Pelican would (letters of Latin scripts, punctuation, currency)."""
    table = {}
    for low, high in _TRANSLITERATED:
        for code in range(low, high + 1):
            character = chr(code)
            # Pelican composes first (NFKC); characters that compose away never reach unidecode.
            if unicodedata.normalize("NFKC", character) != character:
                continue
            ascii_text = unidecode(character)
            if ascii_text != character:
                table[character] = ascii_text
    return table
