"""The editor's folder in the site: its page, its configuration, its script and Decap's bundle.

Nothing here is written by hand: the page and the configuration are made at each build from
the settings, the schema and the data files; the script and its translations come from this
plugin; Decap CMS, js-yaml and Netlify's identity widget from node_modules, where
package-lock.json pinned them. The bundle is placed in a folder named by its version
(`decap-cms-3.16.3/`), so hosts may cache it for good.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from newsroom_model.catalog import Catalog
from newsroom_model.record import Story
from newsroom_model.schema import Rules
from newsroom_model.starter import guide_of

from warta.messages import Text, site_catalogue, t
from warta.output import Writes, write_files

from .config import Choices, Paths, decap_config, story_format
from .csp import editor_policy

HERE = Path(__file__).parent
SCRIPT = "warta-editor.js"
STYLE = "warta-editor.css"
FORMAT = "warta-editor.json"
CONFIG = "config.yml"


def _in_bundle(name: str) -> bool:
    """Decap's bundle, the chunks and WebAssembly it loads on demand: not its source maps, nor
    the same bundle again under its older name (cms.js, 103.cms.js...)."""
    return name == "decap-cms.js" or name.endswith((".decap-cms.js", ".wasm"))


@dataclass(frozen=True)
class Installed:
    """Where node_modules holds the editor's packages, and Decap's version."""

    decap: Path
    version: str
    yaml: Path
    identity: Path

    @property
    def folders(self) -> list[Path]:
        return [self.decap, self.yaml.parent, self.identity.parent]


def installed(settings: Mapping[str, Any]) -> Installed | Text:
    """The editor's packages as `npm ci` installed them, or the problem to tell."""
    modules = Path(str(settings["WARTA_EDITOR_NODE_MODULES"]))
    decap = modules / "decap-cms"
    found = Installed(
        decap / "dist",
        "",
        modules / "js-yaml" / "dist" / "js-yaml.min.js",
        modules / "netlify-identity-widget" / "build" / "netlify-identity-widget.js",
    )
    missing = [
        path
        for path in (
            decap / "package.json",
            found.decap / "decap-cms.js",
            found.yaml,
            found.identity,
        )
        if not path.is_file()
    ]
    if missing:
        return t(
            "WARTA_EDITOR: the editor's packages are not installed ({path} is missing): run "
            "`npm ci --omit=dev --ignore-scripts` (make html does), or set WARTA_EDITOR = False",
            path=missing[0],
        )
    version = json.loads((decap / "package.json").read_text(encoding="utf-8")).get("version", "")
    return Installed(found.decap, str(version), found.yaml, found.identity)


def choices_of(
    categories: Iterable[str], catalog: Catalog, stories: Iterable[Story], tags: int
) -> Choices:
    """What the form offers: desks, places (each labelled with its region), staff, sources,
    and the `tags` tags most used by published stories (ties in alphabetical order)."""
    places = []
    for place in catalog.locations.values():
        trail = [step.name for step in place.trail[:-1]][-1:]
        label = f"{place.name} ({trail[0]})" if trail else place.name
        places.append((place.name, label))
    counted = Counter(tag for story in stories for tag in story.tags)
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0].casefold()))
    return Choices(
        desks=tuple(categories),
        places=tuple(places),
        datelines={place.name: place.dateline for place in catalog.locations.values()},
        staff=tuple(author.name for author in catalog.authors.values()),
        sources=tuple(source.name for source in catalog.sources.values()),
        tags=tuple(name for name, _ in ranked[:tags]),
    )


def paths_of(settings: Mapping[str, Any]) -> Paths:
    """Where stories and photos are saved, as the repository names them."""
    content = settings["WARTA_EDITOR_CONTENT_IN_REPOSITORY"]
    if content is None:
        content = os.path.relpath(Path(settings["PATH"]).resolve(), Path.cwd())
    statics = [str(path) for path in settings["STATIC_PATHS"]]
    images = "images" if "images" in statics or not statics else statics[0]
    return Paths(Path(content).as_posix(), str(settings["ARTICLE_PATHS"][0]), images)


def editor_files(
    settings: Mapping[str, Any], packages: Installed, rules: Rules, stories: Iterable[Story]
) -> dict[str, str | bytes | Path]:
    """Every file of the editor's folder, by its name there: text, bytes, or a file to place."""
    catalogue = site_catalogue(dict(settings))

    def tell(text: Text) -> str:
        return text.told(catalogue)

    choices = choices_of(
        settings["WARTA_CATEGORIES"],
        rules.catalog,
        stories,
        settings["WARTA_EDITOR_TAG_SUGGESTIONS"],
    )
    paths = paths_of(settings)
    bundle = f"decap-cms-{packages.version}"
    theme = str(settings.get("THEME_STATIC_DIR") or "theme").strip("/")
    config = decap_config(settings, choices, paths, tell, rules.placeholders)
    story = story_format(
        settings,
        choices=choices,
        guide=guide_of(catalogue),
        tell=tell,
        stylesheet=f"../{theme}/css/warta.css",
        paths=paths,
    )
    story["locale"] = _decap_locale(config["locale"])
    # Saving to the preview's folder is not publishing: the local editor says "save".
    story["locale_local"] = _decap_locale(f"{config['locale']}.local")
    files: dict[str, str | bytes | Path] = {
        "index.html": _page(settings, packages, bundle, config, tell),
        CONFIG: dump_yaml(config),
        FORMAT: json.dumps(story, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
        # Copied, not linked: an edit to the site's copy must never reach this plugin's own.
        SCRIPT: (HERE / "static" / SCRIPT).read_bytes(),
        STYLE: (HERE / "static" / STYLE).read_bytes(),
        f"js-yaml-{_version_of(packages.yaml)}.min.js": packages.yaml,
    }
    if config["backend"].get("name") == "git-gateway":
        files[f"netlify-identity-widget-{_version_of(packages.identity)}.js"] = packages.identity
    for path in sorted(packages.decap.iterdir()):
        if path.is_file() and _in_bundle(path.name):
            files[f"{bundle}/{path.name}"] = path
    return files


# libyaml's writer where PyYAML was built with it (its wheels are): the same YAML, faster.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(data: Mapping[str, Any]) -> str:
    """The editor's configuration as YAML, in the order it was made, letters as they are."""
    return str(
        yaml.dump(dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    )


def _version_of(path: Path) -> str:
    """The version of the npm package holding `path`, from its package.json."""
    for folder in path.parents:
        manifest = folder / "package.json"
        if manifest.is_file():
            return str(json.loads(manifest.read_text(encoding="utf-8")).get("version", "0"))
    return "0"


def _decap_locale(language: str) -> dict[str, Any] | None:
    """Decap's own words in the site's language, when this plugin has them (Decap has English
    and falls back to it for any phrase a translation lacks)."""
    path = HERE / "locales" / f"{language}.json"
    if not path.is_file():
        return None
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _page(
    settings: Mapping[str, Any],
    packages: Installed,
    bundle: str,
    config: Mapping[str, Any],
    tell: Callable[[Text], str],
) -> str:
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True),
        keep_trailing_newline=True,
    )
    scripts = [SCRIPT, f"js-yaml-{_version_of(packages.yaml)}.min.js"]
    if config["backend"].get("name") == "git-gateway":
        scripts.append(f"netlify-identity-widget-{_version_of(packages.identity)}.js")
    scripts.append(f"{bundle}/decap-cms.js")
    return environment.get_template("admin.html").render(
        lang=str(settings["DEFAULT_LANG"]),
        title=tell(t("Newsroom")) + " | " + str(settings.get("SITENAME", "")),
        csp=editor_policy(settings, in_meta=True),
        scripts=scripts,
        style=STYLE,
        noscript=tell(t("The newsroom editor needs JavaScript.")),
    )


def write_editor(writes: Writes, folder: str, files: Mapping[str, str | bytes | Path]) -> list[str]:
    """Write the editor's folder through the build's write gate, leaving files already as they
    should be untouched.

    Files of node_modules are copied, not linked: a hard link would change their change time
    (which the check that nothing changed reads) whenever a build links them anew, and a
    symbolic link may not survive a deploy."""
    contents = {
        f"{folder}/{name}": content.read_bytes() if isinstance(content, Path) else content
        for name, content in files.items()
    }
    return write_files(writes, contents)
