"""`warta init`: a newsroom's site from its answers, with deploy files its host accepts."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.sitekit import C_LOCALE_ENV, REPO
from warta.commands.init import Newsroom, problems_of, start_site

SURABAYA = Newsroom(
    name="Kabar Surabaya",
    url="https://kabarsurabaya.example",
    lang="id",
    zone="WIB",
    desks=("Politik", "Ekonomi", "Olahraga"),
    provinces=("Jawa Timur",),
    host="github",
)
NODE_BIN = REPO / "node_modules" / ".bin"


def warta(folder: Path, *arguments: str, answers: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warta", *arguments],
        cwd=folder,
        env=C_LOCALE_ENV,
        input=answers,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_questions_are_asked_and_answered_as_a_newsroom_would(tmp_path: Path) -> None:
    answers = "\n".join(
        ["Kabar Makassar", "https://kabarmakassar.example", "id", "WITA", "", "Sulawesi Selatan",
         "netlify"]
    )  # fmt: skip
    done = warta(tmp_path, "init", "situs", answers=answers + "\n")

    assert done.returncode == 0, done.stderr
    conf = (tmp_path / "situs" / "pelicanconf.py").read_text("utf-8")
    assert 'TIMEZONE = "Asia/Makassar"  # WITA' in conf
    assert 'WARTA_PROVINCES = ["Sulawesi Selatan"]' in conf
    assert '"Politik", "Hukum"' in conf  # the desks' default answer
    assert (tmp_path / "situs" / "netlify.toml").is_file()
    readme = (tmp_path / "situs" / "README.md").read_text("utf-8")
    assert readme.startswith("# Kabar Makassar")
    assert '--location "Kota Makassar"' in readme


def test_a_folder_with_anything_in_it_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "catatan.txt").write_text("jangan ditimpa", encoding="utf-8")

    done = warta(
        tmp_path, "init", ".", "--name", "Kabar", "--url", "https://kabar.example",
        "--timezone", "WIB", "--province", "Jawa Timur", "--host", "github", "--language", "id",
        "--desks", "Politik",
    )  # fmt: skip

    assert done.returncode == 1
    assert "not an empty folder" in done.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["catatan.txt"]


def test_every_wrong_answer_is_named_at_once() -> None:
    wrong = Newsroom("", "kabar.example", "jv", "WITA", (), ("Jawa Timru",), "github")

    problems = problems_of(wrong)

    assert [line.split(":")[0] for line in problems] == ["name", "url", "language", "desks",
                                                         "province"]  # fmt: skip
    assert "(did you mean 'Jawa Timur'" in problems[-1]


def test_the_github_workflow_is_valid_for_github_actions(tmp_path: Path) -> None:
    start_site(tmp_path, SURABAYA)
    workflow = tmp_path / ".github" / "workflows" / "publish.yml"

    done = subprocess.run(
        [str(NODE_BIN / "action-validator"), str(workflow)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stdout + done.stderr
    flow = yaml.safe_load(workflow.read_text("utf-8"))
    assert flow[True]["schedule"] == [{"cron": "*/15 * * * *"}]  # YAML 1.1 reads `on` as True
    assert flow["concurrency"] == {"group": "publish", "cancel-in-progress": False}
    steps = flow["jobs"]["publish"]["steps"]
    assert any(step.get("with", {}).get("path") == ".cache" for step in steps)
    ledger = next(step["run"] for step in steps if "published.tsv" in step.get("run", ""))
    assert "git push" in ledger


def test_a_broken_workflow_is_refused_by_the_same_validator(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  publish:\n    steps: []\n", encoding="utf-8")

    done = subprocess.run(
        [str(NODE_BIN / "action-validator"), str(broken)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert done.returncode != 0


@pytest.mark.parametrize("toml_text", [None, '[[plugins]]\n  pakage = "netlify-plugin-cache"\n'])
def test_netlify_toml_is_read_by_netlify_s_own_config_module(
    tmp_path: Path, toml_text: str | None
) -> None:
    start_site(tmp_path / "site", SURABAYA.__class__(**{**SURABAYA.__dict__, "host": "netlify"}))
    config = tmp_path / "site" / "netlify.toml"
    if toml_text is not None:
        config.write_text(toml_text, encoding="utf-8")

    done = subprocess.run(
        [str(NODE_BIN / "netlify-config"), "--config", str(config), "--cwd", str(config.parent),
         "--repositoryRoot", str(config.parent), "--offline", "--stable"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    if toml_text is not None:
        assert done.returncode != 0
        assert "pakage" in done.stdout + done.stderr
        return
    assert done.returncode == 0, done.stdout + done.stderr
    assert tomllib.loads(config.read_text("utf-8"))["plugins"] == [
        {"package": "netlify-plugin-cache", "inputs": {"paths": [".cache"]}}
    ]
    assert '"publish": "' + str(config.parent / "output") in done.stdout


def test_cloudflare_pages_reads_its_output_folder_from_wrangler_toml(tmp_path: Path) -> None:
    start_site(tmp_path, SURABAYA.__class__(**{**SURABAYA.__dict__, "host": "cloudflare"}))

    wrangler = tomllib.loads((tmp_path / "wrangler.toml").read_text("utf-8"))

    assert wrangler["pages_build_output_dir"] == "output"
    assert wrangler["name"] == "kabar-surabaya"
    assert "make publish" in (tmp_path / "README.md").read_text("utf-8")


def test_the_nginx_server_block_serves_what_the_build_writes(tmp_path: Path) -> None:
    start_site(tmp_path, SURABAYA.__class__(**{**SURABAYA.__dict__, "host": "nginx"}))

    conf = (tmp_path / "deploy" / "nginx.conf").read_text("utf-8")

    assert "include /var/www/kabar-surabaya/nginx-redirects.conf;" in conf
    assert "gzip_static on;" in conf
    assert "error_page 404 /404.html;" in conf
    assert "return 301 $warta_redirect;" in conf
    assert "add_header Content-Security-Policy \"default-src 'self';" in conf
    assert "frame-ancestors 'none'" in conf
    images = conf[conf.index("location /images/") :]
    assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in images
    assert "add_header X-Content-Type-Options" in images  # repeated: nginx would drop it
    assert conf.count("{") == conf.count("}")


def test_the_sites_editor_packages_are_the_ones_warta_is_built_and_tested_with() -> None:
    """The starter's package.json, lock and stand-in are a second copy of the editor's pins in
    Warta's own: a bump of Decap in one must be made in the other, or a newsroom's site would
    install an editor this Warta was never tested with."""
    starter = REPO / "warta" / "commands" / "starter"
    ours = json.loads((REPO / "package.json").read_text("utf-8"))
    theirs = json.loads((starter / "package.json").read_text("utf-8"))
    assert theirs["dependencies"] == ours["dependencies"]
    assert theirs["overrides"] == ours["overrides"]
    assert "devDependencies" not in theirs
    our_lock = json.loads((REPO / "package-lock.json").read_text("utf-8"))["packages"]
    their_lock = json.loads((starter / "package-lock.json").read_text("utf-8"))["packages"]

    def resolved(lock: dict[str, dict[str, str]]) -> set[tuple[str, str, str]]:
        # Each package by its name and exact tarball: where npm hoists it differs with the
        # devDependencies beside it, what is installed does not.
        return {
            (path.rpartition("node_modules/")[2], entry.get("version", ""), entry["integrity"])
            for path, entry in lock.items()
            if "integrity" in entry
        }

    theirs_resolved = resolved(their_lock)
    assert theirs_resolved, "the starter's lock installs nothing"
    assert theirs_resolved <= resolved(our_lock)
    stand_in = "scripts/npm-none/package.json"
    assert (starter / stand_in).read_bytes() == (REPO / stand_in).read_bytes()
