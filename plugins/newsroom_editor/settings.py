"""Every WARTA_EDITOR_* setting the newsroom editor reads, with its default and its check."""

from __future__ import annotations

from typing import Any

from warta.config import Setting, flag, mapping, optional, text, whole
from warta.messages import Text, t

# The keys of Decap CMS's `backend` section a newsroom may set (decapcms.org, Backends).
_BACKEND = mapping(
    {
        "name": text(False),
        "repo": text(False),
        "branch": text(False),
        "api_root": text(False),
        "base_url": text(False),
        "auth_endpoint": text(False),
        "auth_type": text(False),
        "app_id": text(False),
        "site_domain": text(False),
        "identity_url": text(False),
        "gateway_url": text(False),
        "cms_label_prefix": text(False),
        "squash_merges": flag,
        "open_authoring": flag,
    }
)

SETTINGS = (
    # Whether the build writes the editor (Decap CMS) at WARTA_EDITOR_PATH.
    Setting("WARTA_EDITOR", True, flag),
    # The editor's folder in the site: https://outlet.example/admin/.
    Setting("WARTA_EDITOR_PATH", "admin", text(False)),
    # Where `npm ci` put the editor's packages (package-lock.json pins them), relative to where
    # the build runs: Decap CMS's browser bundle, the local server `warta serve` runs, js-yaml.
    Setting("WARTA_EDITOR_NODE_MODULES", "node_modules", text(False)),
    # Where the editor saves in production: Decap's `backend`. Netlify's Git Gateway by default;
    # e.g. {"name": "github", "repo": "redaksi/warta-banua"} (see the README, "Writing an
    # article"). `warta serve` always saves to the folder it serves instead.
    Setting("WARTA_EDITOR_BACKEND", {"name": "git-gateway", "branch": "main"}, _BACKEND),
    # Drafts, review and approval (Decap's editorial workflow) before a story reaches the
    # branch the site is built from.
    Setting("WARTA_EDITOR_WORKFLOW", True, flag),
    # Where the content folder is in the repository the backend saves to; None means PATH as
    # seen from where the build runs (the repository's root, for most newsrooms).
    Setting("WARTA_EDITOR_CONTENT_IN_REPOSITORY", None, optional(text(False))),
    # How many of the archive's tags the tags field suggests, the most used first.
    Setting("WARTA_EDITOR_TAG_SUGGESTIONS", 500, whole(0, 100_000)),
)

# Each setting's default by name, for code and tests that read one.
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}

# Decap's backends with no editorial workflow (its gitea backend says so when it starts).
NO_WORKFLOW = frozenset({"gitea"})


def problems(settings: dict[str, Any]) -> list[Text]:
    """Settings that are each fine but do not go together."""
    backend = settings["WARTA_EDITOR_BACKEND"]
    found: list[Text] = []
    if settings["WARTA_EDITOR_WORKFLOW"] and backend.get("name") in NO_WORKFLOW:
        found.append(
            t(
                "WARTA_EDITOR_BACKEND: Decap's {name} backend has no editorial workflow; use the "
                "forgejo backend (Forgejo, Codeberg), or set WARTA_EDITOR_WORKFLOW = False",
                name=backend["name"],
            )
        )
    if backend.get("name") not in ("git-gateway", "test-repo", "proxy") and not backend.get("repo"):
        found.append(
            t(
                "WARTA_EDITOR_BACKEND: the {name} backend needs 'repo', e.g. 'redaksi/warta-banua'",
                name=backend.get("name"),
            )
        )
    return found
