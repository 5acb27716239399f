"""`warta init`: a newsroom's own site in an empty folder, with the deploy files of its host.

The site holds only what is the newsroom's: its settings (which start from `warta.defaults`),
content, data files, a README written for it, a Makefile and the files its host reads. Warta
itself (engine, plugins, theme, national places) stays in the installed package, pinned in
requirements.txt, so an upgrade is a version bump there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from warta.embeds import FRAME_ORIGINS
from warta.messages import t
from warta.resources import national_places, province_names, warta_version

from .publish import headers_for

STARTER = Path(__file__).resolve().parent / "starter"

# Indonesia's three time zones, as newsrooms name them.
ZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
LANGUAGES = ("id", "en")
HOSTS = {
    "github": "GitHub Pages",
    "netlify": "Netlify",
    "cloudflare": "Cloudflare Pages",
    "nginx": "nginx",
}
# Each host's deploy file: where the starter keeps it, and where the site has it.
HOST_FILES = {
    "github": ("hosts/github.yml", ".github/workflows/publish.yml"),
    "netlify": ("hosts/netlify.toml", "netlify.toml"),
    "cloudflare": ("hosts/wrangler.toml", "wrangler.toml"),
}
# Files of the starter and their names in the site (the rest keep theirs).
RENAMES = {
    "gitignore": ".gitignore",
    "pelicanconf.py.in": "pelicanconf.py",
    "publishconf.py.in": "publishconf.py",
}
_TOKEN = re.compile(r"@[A-Z_]+@")


class InitError(ValueError):
    """`warta init` cannot start the site: the folder is not empty, or an answer is wrong."""


@dataclass(frozen=True)
class Newsroom:
    """The answers `warta init` asks for."""

    name: str
    url: str
    lang: str
    zone: str
    desks: tuple[str, ...]
    provinces: tuple[str, ...]
    host: str
    # The line of requirements.txt that installs Warta: its version from the package index, or
    # where the newsroom keeps the wheel (`warta @ https://.../warta-0.2.0-py3-none-any.whl`).
    requirement: str = ""

    @property
    def slug(self) -> str:
        return str(slugify(self.name, DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]))


def problems_of(newsroom: Newsroom) -> list[str]:
    """Every wrong answer, one line each."""
    found = []
    if not newsroom.name.strip() or any(ord(character) < 32 for character in newsroom.name):
        found.append("name: give the outlet's name, e.g. 'Kabar Surabaya'")
    parts = urlsplit(newsroom.url)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
        found.append(f"url: {newsroom.url!r} is not a web address, e.g. https://kabarsurabaya.id")
    if newsroom.lang not in LANGUAGES:
        found.append(f"language: {newsroom.lang!r}; use one of {', '.join(LANGUAGES)}")
    if newsroom.zone not in ZONES:
        found.append(f"time zone: {newsroom.zone!r}; use WIB, WITA or WIT")
    if not newsroom.desks or any(not desk.strip() for desk in newsroom.desks):
        found.append("desks: give at least one desk, e.g. Politik, Ekonomi, Olahraga")
    known = {name.casefold(): name for name in province_names()}
    for province in newsroom.provinces:
        if province.casefold() not in known:
            from newsroom_model.catalog import did_you_mean  # noqa: PLC0415 - only on a mistake

            hint = did_you_mean(province, list(known.values()), t("e.g. 'Jawa Timur'"))
            found.append(f"province: {province!r} is not a province of Indonesia ({hint})")
    if "\n" in newsroom.requirement or (
        newsroom.requirement and not newsroom.requirement.startswith("warta")
    ):
        found.append(f"requirement: {newsroom.requirement!r} does not install warta")
    if newsroom.host not in HOSTS:
        found.append(f"host: {newsroom.host!r}; use one of {', '.join(HOSTS)}")
    return found


def province_named(name: str) -> str:
    """The province as the national list spells it."""
    return next(known for known in province_names() if known.casefold() == name.casefold())


def start_site(folder: Path, newsroom: Newsroom) -> list[Path]:
    """Write the site into `folder` (made if missing, refused unless empty); the files written."""
    wrong = problems_of(newsroom)
    if wrong:
        raise InitError("\n".join(wrong))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(f"{folder}: not an empty folder; warta init starts a site only in one")
    values = _values(newsroom)
    files: dict[str, str] = {}
    for source in sorted(STARTER.rglob("*")):
        relative = source.relative_to(STARTER).as_posix()
        if (
            source.is_file()
            and not relative.startswith(("hosts/", "readme/"))
            and "__pycache__" not in relative
        ):
            files[RENAMES.get(relative, relative)] = _filled(source.read_text("utf-8"), values)
    if newsroom.host in HOST_FILES:
        starter, target = HOST_FILES[newsroom.host]
        files[target] = _filled((STARTER / starter).read_text("utf-8"), values)
    else:
        files["deploy/nginx.conf"] = nginx_server(newsroom)
    files["README.md"] = readme(newsroom, "id")
    files["README.en.md"] = readme(newsroom, "en")
    for folder_name in ("content/articles", "content/images", "plugins", "theme/templates"):
        files[f"{folder_name}/.gitkeep"] = ""
    written = []
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _values(newsroom: Newsroom) -> dict[str, str]:
    provinces = [province_named(name) for name in newsroom.provinces]
    return {
        "NAME": newsroom.name,
        "NAME_PY": _python(newsroom.name),
        "AUTHOR": f"Redaksi {newsroom.name}",
        "AUTHOR_PY": _python(f"Redaksi {newsroom.name}"),
        "LANG": newsroom.lang,
        "TIMEZONE": ZONES[newsroom.zone],
        "ZONE": newsroom.zone,
        "URL": newsroom.url.rstrip("/"),
        "DESKS_PY": _python([desk.strip() for desk in newsroom.desks]),
        "PROVINCES_PY": _python(provinces) if provinces else "None",
        "PROVINCE_LIST": ", ".join(provinces) or "Indonesia",
        "SLUG": newsroom.slug,
        "FIRST_DESK": newsroom.desks[0].strip(),
        "FIRST_PLACE": example_place(provinces[0] if provinces else "Jawa Timur"),
        "VERSION": warta_version(),
        "REQUIREMENT": newsroom.requirement or f"warta=={warta_version()}",
    }


def _python(value: str | list[str]) -> str:
    """A string or list of strings as Python source (JSON's form of them is Python's too)."""
    return json.dumps(value, ensure_ascii=False)


def example_place(province: str) -> str:
    """A place of `province` for examples: the city its capital is, or its first place."""
    for country in national_places():
        for region in country.get("children") or []:
            if region["name"] == province:
                places = region.get("children") or []
                capital = [place for place in places if place["dateline"] == region["dateline"]]
                return str((capital or places)[0]["name"])
    return province


def _filled(text: str, values: dict[str, str]) -> str:
    return _TOKEN.sub(lambda match: values[match[0].strip("@")], text)


def nginx_server(newsroom: Newsroom) -> str:
    """An nginx server block for the published `output/`: pre-compressed files, the 404 page,
    the headers of `_headers` and the redirects the build writes."""
    host = urlsplit(newsroom.url).netloc
    settings: dict[str, Any] = {"WARTA_COMMENTS": None}
    blocks = _header_blocks(headers_for(settings, FRAME_ORIGINS.values()))
    every = blocks.pop("/*")
    lines = [
        f"# {newsroom.name}: serve the published site (`make publish`, then copy output/ to",
        f"# /var/www/{newsroom.slug}/, e.g. rsync -az --delete output/ server:/var/www/"
        f"{newsroom.slug}/).",
        "# Put this file in /etc/nginx/conf.d/ (it is read inside the http block): the map of",
        "# old addresses the build writes must be included there, before the server.",
        f"include /var/www/{newsroom.slug}/nginx-redirects.conf;",
        "",
        "server {",
        "    listen 80;",
        "    # listen 443 ssl; ssl_certificate ...; ssl_certificate_key ...;  (e.g. from certbot)",
        f"    server_name {host};",
        f"    root /var/www/{newsroom.slug};",
        "    index index.html;",
        "    charset utf-8;",
        "",
        "    # The build writes a .gz (and .br) copy beside every text file.",
        "    gzip_static on;",
        "    # brotli_static on;  # where the ngx_brotli module is installed",
        "    error_page 404 /404.html;",
        "",
        "    # An old address leads to where its page is now (nginx-redirects.conf).",
        "    if ($warta_redirect) {",
        "        return 301 $warta_redirect;",
        "    }",
        "",
        "    # The headers of _headers. nginx drops a server's add_header in a location that has",
        "    # its own, so each location below repeats them.",
        *(f"    {line}" for line in every),
        "",
        "    location / {",
        "        try_files $uri $uri/ =404;",
        "    }",
    ]
    for prefix, extra in blocks.items():
        location = prefix.removesuffix("*")
        lines += ["", f"    location {location} {{", *(f"        {line}" for line in every)]
        lines += [*(f"        {line}" for line in extra), "    }"]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _header_blocks(text: str) -> dict[str, list[str]]:
    """`_headers` (a path line, then indented `Name: value` lines) as nginx add_header lines."""
    blocks: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line and not line[0].isspace():
            current = blocks.setdefault(line.strip(), [])
        elif line.strip():
            name, _, value = line.strip().partition(":")
            current.append(f'add_header {name} "{value.strip()}" always;')
    return blocks


def readme(newsroom: Newsroom, lang: str) -> str:
    """The site's README, for its newsroom, in Indonesian or English."""
    values = _values(newsroom)
    text = (STARTER / "readme" / f"README.{lang}.md").read_text("utf-8")
    deploy = (STARTER / "readme" / f"deploy-{newsroom.host}.{lang}.md").read_text("utf-8")
    return _filled(text.replace("@DEPLOY@", deploy.rstrip()), values)
