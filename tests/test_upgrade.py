"""Upgrading a site: renamed settings carried over and named, and `warta upgrade`'s Slug lines."""

from __future__ import annotations

import json
from pathlib import Path

from tests.sitekit import Site, run_module
from warta.config import Renamed, upgrade

TABLE = (
    Renamed("WARTA_OLD_NAME", "WARTA_NEW_NAME", "0.2.0", "said better"),
    Renamed("WARTA_GONE", None, "0.2.0", "Warta does it by itself now"),
    Renamed("YEAR_ARCHIVE_SAVE_AS", "WARTA_YEAR_ARCHIVE_SAVE_AS", "0.1.0", "Warta writes them",
            pelican=True),
)  # fmt: skip


def test_a_renamed_setting_keeps_working_and_is_named_with_its_new_name() -> None:
    settings = {"WARTA_OLD_NAME": 7, "WARTA_GONE": True, "YEAR_ARCHIVE_SAVE_AS": ""}

    notices, problems = upgrade(settings, TABLE)

    assert settings == {"WARTA_NEW_NAME": 7, "YEAR_ARCHIVE_SAVE_AS": ""}
    assert [str(notice) for notice in notices] == [
        "WARTA_OLD_NAME was renamed WARTA_NEW_NAME in Warta 0.2.0 (said better); its value is "
        "used for now: rename it in the settings file",
        "WARTA_GONE was removed in Warta 0.2.0 (Warta does it by itself now); it does nothing "
        "now: delete it",
    ]
    assert problems == []


def test_the_new_name_wins_when_both_are_set_and_a_replaced_pelican_setting_stops() -> None:
    settings = {"WARTA_OLD_NAME": 7, "WARTA_NEW_NAME": 8, "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/"}

    notices, problems = upgrade(settings, TABLE)

    assert settings["WARTA_NEW_NAME"] == 8
    assert "both are set, WARTA_NEW_NAME is used" in str(notices[0])
    assert [str(problem) for problem in problems] == [
        "YEAR_ARCHIVE_SAVE_AS is Pelican's; Warta writes them: set WARTA_YEAR_ARCHIVE_SAVE_AS "
        "instead"
    ]


def _stories(site: Site) -> dict[str, Path]:
    return {
        # Named before the headline was rewritten: Warta 0.1 published it at the headline's slug.
        "moved": site.article("2026/11/banjir.md", Title="Banjir Merendam Tiga Desa"),
        "same": site.article(
            "2026/11/pasar-terapung-lok-baintan-ramai-pengunjung.md", Category="Hukum"
        ),
        "draft": site.article("2026/11/rancangan.md", Title="Belum Terbit", Status="draft"),
        "slugged": site.article("2026/11/x.md", Title="Sudah Punya Slug", Slug="punya-slug"),
        "yaml": site.write(
            "articles/2026/11/rapat.md",
            "---\ntitle: Rapat Paripurna DPRD\ndate: 2026-11-18 09:00\ncategory: Politik\n"
            "location: Kota Banjarmasin\nauthor: Siti Aisyah Noor\n---\n\nIsi berita.\n",
        ),
    }


def test_warta_upgrade_shows_the_slug_lines_and_writes_them_only_when_asked(site: Site) -> None:
    stories = _stories(site)
    before = {name: path.read_bytes() for name, path in stories.items()}
    conf = site.settings_file()

    shown = run_module(site.root, "warta", "-s", str(conf), "upgrade")

    assert shown.returncode == 0, shown.stderr
    assert "would add 'Slug: banjir-merendam-tiga-desa'" in shown.stderr
    assert "would add 'slug: rapat-paripurna-dprd'" in shown.stderr
    assert "2 stories need a Slug line" in shown.stderr
    assert {name: path.read_bytes() for name, path in stories.items()} == before

    written = run_module(site.root, "warta", "-s", str(conf), "upgrade", "--write")

    assert written.returncode == 0, written.stderr
    assert stories["moved"].read_text("utf-8").startswith("Slug: banjir-merendam-tiga-desa\n")
    assert stories["yaml"].read_text("utf-8").startswith("---\nslug: rapat-paripurna-dprd\n")
    for name in ("same", "draft", "slugged"):
        assert stories[name].read_bytes() == before[name]
    again = run_module(site.root, "warta", "-s", str(conf), "upgrade")
    assert "Nothing to change" in again.stderr

    build = site.build()
    assert build.returncode == 0, build.stderr
    # The stories are where Warta 0.1 published them, at their headlines' slugs.
    assert (build.output / "2026/11/banjir-merendam-tiga-desa/index.html").is_file()
    assert (build.output / "2026/11/rapat-paripurna-dprd/index.html").is_file()


def test_warta_upgrade_brings_the_editors_pinned_packages_of_an_initialised_site(
    tmp_path: Path,
) -> None:
    """A site `warta init` made pins the editor's npm packages; after an upgrade of Warta that
    pins others, `warta upgrade` names the files and `--write` makes them this Warta's."""
    site = tmp_path / "kabar"
    started = run_module(
        tmp_path, "warta", "init", str(site), "--name", "Kabar Hulu", "--url",
        "https://kabarhulu.example", "--language", "id", "--timezone", "wita", "--desks",
        "Politik, Daerah", "--province", "Kalimantan Selatan", "--host", "netlify",
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    current = {
        name: (site / name).read_bytes()
        for name in ("package.json", "package-lock.json", "scripts/npm-none/package.json")
    }
    # As a site made by an earlier Warta, which pinned an older Decap and had no stand-in.
    older = json.loads(current["package.json"])
    older["dependencies"]["decap-cms"] = "3.0.0"
    (site / "package.json").write_text(json.dumps(older, indent=2) + "\n", "utf-8")
    (site / "scripts/npm-none/package.json").unlink()

    shown = run_module(site, "warta", "upgrade")
    assert shown.returncode == 0, shown.stderr
    assert "package.json: akan diganti" in shown.stderr
    assert "scripts/npm-none/package.json: akan diganti" in shown.stderr
    assert "package-lock.json" not in shown.stderr
    assert not (site / "scripts/npm-none/package.json").exists()

    written = run_module(site, "warta", "upgrade", "--write")
    assert written.returncode == 0, written.stderr
    assert {name: (site / name).read_bytes() for name in current} == current
    again = run_module(site, "warta", "upgrade")
    assert "Tidak ada yang perlu diubah" in again.stderr


def test_warta_upgrade_leaves_a_package_json_of_the_sites_own_alone(site: Site) -> None:
    own = site.root / "package.json"
    own.write_text('{"name": "redaksi-tools", "dependencies": {}}\n', "utf-8")
    shown = run_module(site.root, "warta", "-s", str(site.settings_file()), "upgrade", "--write")
    assert shown.returncode == 0, shown.stderr
    assert "package.json" not in shown.stderr
    assert own.read_text("utf-8") == '{"name": "redaksi-tools", "dependencies": {}}\n'
