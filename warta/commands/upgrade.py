"""`warta upgrade`: the changes a new Warta asks of a site's own files, shown, then made.

Warta 0.2.0 takes a story's address from its file's name, where Pelican (and Warta before it)
took it from the headline. A published story whose file name is not its headline's slug would
move, so the upgrade gives it a `Slug:` line with its headline's slug: its address stays.
Drafts have no address yet and are left alone, as are stories that already have a Slug.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.utils import slugify


@dataclass(frozen=True)
class SlugLine:
    """A `Slug:` line a story needs: the file, the line it goes after, and the line itself."""

    path: Path
    after: int
    text: str
    slug: str


def slug_lines(settings: dict[str, Any]) -> list[SlugLine]:
    """Every published story whose file name differs from its headline's slug."""
    from newsroom_model.header import decode_source, split_source  # noqa: PLC0415 - a plugin
    from newsroom_model.reader import NewsroomMarkdownReader  # noqa: PLC0415

    suffixes = tuple(f".{extension}" for extension in NewsroomMarkdownReader.file_extensions)
    content = Path(settings["PATH"])
    found = []
    for folder in settings["ARTICLE_PATHS"]:
        for path in sorted((content / folder).rglob("*")):
            if not path.is_file() or not path.name.endswith(suffixes):
                continue
            text, problem = decode_source(path.read_bytes(), str(path))
            if text is None or problem is not None:
                continue
            split = split_source(text, str(path))
            fields = {field.name: field for field in split.fields}
            title = fields.get("title")
            status = str(fields["status"].value).strip().lower() if "status" in fields else ""
            if title is None or "slug" in fields or status == "draft":
                continue
            slug = str(slugify(str(title.value), settings["SLUG_REGEX_SUBSTITUTIONS"]))
            if slug and slug != path.stem:
                # First in the header (after the opening '---' of front matter): never inside a
                # headline that runs over several lines.
                yaml_style = split.header_style == "yaml"
                line = f"{'slug' if yaml_style else 'Slug'}: {slug}"
                found.append(SlugLine(path, 1 if yaml_style else 0, line, slug))
    return found


def write_slug_line(change: SlugLine) -> None:
    """Add the line to the story's header, keeping the file's line endings."""
    raw = change.path.read_bytes().decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in raw else "\n"
    lines = raw.split(newline)
    lines.insert(change.after, change.text)
    change.path.write_text(newline.join(lines), encoding="utf-8", newline="")


# The files that pin the newsroom editor's npm packages in a site `warta init` made.
EDITOR_FILES = ("package.json", "package-lock.json", "scripts/npm-none/package.json")


def stale_editor_files(root: Path) -> list[str]:
    """The editor's package files of the site at `root` that differ from this Warta's starter
    (a new Decap pinned, say), so that `npm ci` installs what this Warta's editor is made for.

    Only a site whose package.json is the starter's own (by its name) is touched: a site that
    wrote its own, or Warta's repository, is left alone."""
    from warta.commands.init import STARTER  # noqa: PLC0415 - the starter ships with the package

    ours = root / "package.json"
    try:
        name = json.loads(ours.read_text("utf-8")).get("name")
    except (OSError, ValueError, AttributeError):
        return []
    starter_name = json.loads((STARTER / "package.json").read_text("utf-8"))["name"]
    if name != starter_name:
        return []
    return [
        relative
        for relative in EDITOR_FILES
        if not (root / relative).is_file()
        or (root / relative).read_bytes() != (STARTER / relative).read_bytes()
    ]


def write_editor_files(root: Path, names: list[str]) -> None:
    """Copy the starter's editor package files over the site's."""
    from warta.commands.init import STARTER  # noqa: PLC0415

    for relative in names:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((STARTER / relative).read_bytes())
