"""The editor's configuration made from the schema, its rules beside the build's, its local
backend's checks, and what readers get: nothing of it.

The editor in a real browser, against `warta serve`, is in tests/test_editor_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from newsroom_model import rules_of, schema
from newsroom_model.header import split_source
from newsroom_model.schema import FIELDS, Field, FieldError, Rules
from newsroom_model.starter import guide_of, story_text
from pelican import Pelican

from newsroom_editor.config import FORM_ORDER, Choices, body_field, field_config, form_fields
from newsroom_editor.csp import editor_policy
from newsroom_editor.local import Folders, Refused, check_request, is_local_request, local_config
from tests.sitekit import REPO, SampleSite, Site
from warta.commands.cli import load_settings
from warta.commands.publish import page_frames
from warta.csp import policy
from warta.messages import load_translations

CONFIG = "admin/config.yml"


def build_in_process(site: Site, monkeypatch: pytest.MonkeyPatch, extra: str = "") -> Path:
    """Build `site` with Pelican in this process (a schema changed by the test holds)."""
    monkeypatch.chdir(site.root)
    settings = load_settings(str(site.settings_file(f"WARTA_WORKERS = 1\n{extra}")))
    Pelican(settings).run()
    return site.root / "output"


def config_of(output: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((output / CONFIG).read_text(encoding="utf-8"))
    return loaded


def fields_of(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["name"]: entry for entry in config["collections"][0]["fields"]}


def test_a_field_added_to_the_schema_appears_in_the_editor(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only FIELDS changes: the editor shows the field, with the form, limit and label its
    parser gives it, and writes it into the story file in the schema's order."""
    monkeypatch.setitem(FIELDS, "photographer", Field("Photographer", schema._required_text))
    monkeypatch.setitem(FIELDS, "editors", Field("Editors", schema._names))
    # What the schema module derives from FIELDS when it is read, as after an edit to it.
    monkeypatch.setattr(schema, "ARTICLE_FIELDS", frozenset(FIELDS) - {"template"})
    site.article("pasar.md", Slug="pasar", Photographer="Rahmat Hidayat")
    output = build_in_process(site, monkeypatch)
    fields = fields_of(config_of(output))
    assert fields["photographer"]["label"] == "Photographer"
    assert fields["photographer"]["required"] is False
    assert fields["photographer"]["widget"] == "string"
    pattern, _ = fields["photographer"]["pattern"]
    assert re.fullmatch(pattern, "Rahmat Hidayat")
    assert not re.fullmatch(pattern, "x" * 201)
    assert fields["editors"]["widget"] == "warta-names"
    story = json.loads((output / "admin" / "warta-editor.json").read_text("utf-8"))
    written = [entry["name"] for entry in story["fields"]]
    assert written[-2:] == ["photographer", "editors"]
    assert {"name": "editors", "form": "names"} in story["fields"]


def test_the_form_offers_the_newsrooms_desks_places_staff_sources_and_tags(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.article("a.md", Slug="a", Tags="banjir, bpbd")
    site.article("b.md", Slug="b", Tags="banjir, harga")
    site.article("c.md", Slug="c", Tags="rahasia", Status="draft")
    output = build_in_process(site, monkeypatch, 'WARTA_CATEGORIES = ["Budaya", "Daerah"]')
    config = config_of(output)
    fields = fields_of(config)
    assert fields["category"]["options"] == ["Budaya", "Daerah"]
    places = {option["value"]: option["label"] for option in fields["location"]["options"]}
    assert places["Kota Banjarmasin"] == "Kota Banjarmasin (Kalimantan Selatan)"
    authors = yaml.safe_load((REPO / "content/data/authors.yaml").read_text("utf-8"))
    assert fields["authors"]["suggestions"] == [author["name"] for author in authors]
    assert fields["authors"]["required"] is True
    sources = yaml.safe_load((REPO / "content/data/sources.yaml").read_text("utf-8"))
    assert fields["source"]["suggestions"] == [source["name"] for source in sources]
    # The archive's tags, the most used first; a draft's tags are not the archive's.
    assert fields["tags"]["suggestions"] == ["banjir", "bpbd", "harga"]
    assert list(fields) == form_fields()
    assert list(fields)[:5] == list(FORM_ORDER)[:5]
    assert {"author", "correction", "template", "save_as", "url"}.isdisjoint(fields)
    assert fields["imagealt"]["needed_with"] == "image"
    collection = config["collections"][0]
    assert collection["folder"] == "content/articles"
    assert collection["path"] == "{{warta_year}}/{{warta_month}}/{{slug}}"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "id"
    page = (output / "admin" / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert not re.search(r"src=\"(https?:)?//", page), "the editor loads from the site only"


def rules() -> Rules:
    settings = load_settings(str(REPO / "pelicanconf.py"))
    found, _ = rules_of(settings)
    return found


def accepted(name: str, value: str, checked: Rules) -> bool:
    try:
        FIELDS[name].parse(value, checked)
    except FieldError:
        return False
    return True


# Values a reporter might type, each checked by the editor's pattern and the build's parser.
TRIED = {
    "title": ["Banjir", "", "   ", "x" * 300, "x" * 301, "dua\nbaris", "nol\x00", "tab\tok"],
    "summary": ["Ringkas.", "dua\nbaris", "x" * 2000, "x" * 2001, "garis\u2028baru"],
    "imagealt": ["Warga di saluran", "", "x" * 2001],
    "source": ["Antara", "   ", "x" * 200, "x" * 201],
    "sourceurl": ["https://a.example/berita", "http://a.example", "javascript:alert(1)",
                  "https://a.example/x y", 'https://a.example/"x', "ftp://a.example/x"],
    "slug": ["banjir-martapura", "Banjir", "a--b", "-a", "a" * 150, "a" * 151, "a b"],
    "imagefocus": ["0.5, 0.3", "1, 0", "0,1", "1.0, 0.25", "1.5, 0", "a, b", "0.5", "-0.1, 0"],
}  # fmt: skip


def test_the_editor_refuses_what_the_build_refuses() -> None:
    """Each pattern the editor checks before saving agrees with the schema's parser on every
    value tried: refused by one, refused by the other."""
    checked = rules()

    choices = Choices((), (), {}, (), (), ())
    for name, values in TRIED.items():
        pattern, message = field_config(name, choices, str)["pattern"]
        assert message
        for value in values:
            # Decap checks a value only when there is one; the parser refuses an empty one.
            editor = bool(re.fullmatch(pattern, value)) if value else not FIELDS[name].kind.needed
            build = accepted(name, value, checked) if value else not FIELDS[name].kind.needed
            assert editor == build, f"{name}: {value!r} editor {editor}, build {build}"
    # The body: warta new's placeholder line is refused, as the build refuses it.
    body_pattern, _ = body_field(str, checked.placeholders)["pattern"]
    for placeholder in checked.placeholders:
        assert not re.fullmatch(body_pattern, f"Teras.\n\n{placeholder}\n")
    assert re.fullmatch(body_pattern, "Puluhan warga membersihkan saluran.\n")
    assert not re.fullmatch(body_pattern, " \n ")


@pytest.fixture
def newsroom(tmp_path: Path) -> Iterator[Folders]:
    root = tmp_path / "redaksi"
    for folder in ("content/articles/2026/11", "content/images/redaksi", ".git/hooks"):
        (root / folder).mkdir(parents=True)
    (root / "content/articles/2026/11/pasar.md").write_text("Title: Pasar\n", "utf-8")
    (root / "content/images/luar").symlink_to(tmp_path)
    (root / "pelicanconf.py").write_text("SITENAME = 'x'\n", "utf-8")
    yield Folders(root, "content/articles", "content/images", "images")
    shutil.rmtree(root)


def request(action: str, **params: Any) -> bytes:
    return json.dumps({"action": action, "params": params}).encode()


def persist(path: str, *assets: str, new_path: str = "") -> bytes:
    entry = {"path": path, "raw": "---\ntitle: x\n---\n", "newPath": new_path or None}
    return request(
        "persistEntry",
        entry=entry,
        dataFiles=[entry],
        assets=[{"path": asset, "content": "", "encoding": "base64"} for asset in assets],
    )


ALLOWED = [
    request("info"),
    request("entriesByFolder", folder="content/articles", extension="md", depth=3),
    request("getEntry", path="content/articles/2026/11/pasar.md"),
    persist("content/articles/2026/12/banjir.md", "content/images/redaksi/banjir.jpg"),
    request("getMedia", mediaFolder="content/images/redaksi"),
    request("getMediaFile", path="content/images/2026/11/pasar.webp"),
    request("persistMedia", asset={"path": "content/images/redaksi/a.png"}),
    request("deleteFiles", paths=["content/articles/2026/12/banjir.md"]),
]
REFUSED = [
    b"not json",
    request("runCommand"),
    persist("pelicanconf.py"),
    persist("content/articles/../../pelicanconf.py"),
    persist("/etc/passwd"),
    persist("content/articles/2026/12/banjir.py"),
    persist(".git/hooks/pre-commit"),
    persist("content/articles\\2026\\x.md"),
    persist("content/articles/2026/12/banjir.md", "content/images/redaksi/x.svg"),
    persist("content/articles/2026/12/banjir.md", "theme/static/js/share.js"),
    persist("content/articles/2026/11/pasar.md", new_path="content/articles/2026/11/baru.md"),
    request("persistMedia", asset={"path": "content/images/luar/foto.jpg"}),
    request("getMediaFile", path="content/data/authors.yaml"),
    request("getEntry", path="content/articles/2026/11/pasar.md\x00.jpg"),
    request("entriesByFolder", folder="content", extension="md", depth=9),
    request("deleteFile", path="content/pages/tentang.md"),
]


def test_the_local_editor_passes_on_only_stories_and_photos(newsroom: Folders) -> None:
    for body in ALLOWED:
        check_request(body, newsroom)
    for body in REFUSED:
        with pytest.raises(Refused):
            check_request(body, newsroom)


def test_the_local_editor_answers_this_machine_only() -> None:
    assert is_local_request("127.0.0.1", "127.0.0.1:8000", None, 8000)
    assert is_local_request("127.0.0.1", "localhost:8000", "http://localhost:8000", 8000)
    assert is_local_request("::1", "[::1]:8000", None, 8000)
    assert not is_local_request("192.168.1.20", "127.0.0.1:8000", None, 8000)
    assert not is_local_request("127.0.0.1", "redaksi.example:8000", None, 8000)  # rebinding
    assert not is_local_request("127.0.0.1", "127.0.0.1:9000", None, 8000)
    assert not is_local_request("127.0.0.1", "127.0.0.1:8000", "https://evil.example", 8000)
    built = yaml.safe_dump({"backend": {"name": "github", "repo": "a/b"}, "publish_mode": "x"})
    served = yaml.safe_load(local_config(built.encode(), "127.0.0.1:8000", "admin"))
    assert served["backend"] == {
        "name": "proxy",
        "proxy_url": "http://127.0.0.1:8000/admin/api/v1",
    }
    assert "publish_mode" not in served


def test_reader_pages_keep_the_themes_policy_and_never_load_the_editor(
    sample: SampleSite,
) -> None:
    """Every page of the sample site has the theme's policy, as without the editor; none
    links the editor; no sitemap or feed lists it. The editor's page has its own policy."""
    settings = load_settings(str(REPO / "pelicanconf.py"))
    for path, page in sample.pages.items():
        html = path.read_text(encoding="utf-8")
        meta = page.select_one('meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None, path
        expected = policy(settings, in_meta=True, frames=page_frames(html))
        assert meta["content"] == expected, path
        assert "/admin/" not in html, path
        assert "decap" not in html.lower(), path
    for listing in [*sample.output.glob("*sitemap*.xml"), *sample.output.rglob("*.xml")]:
        assert "/admin" not in listing.read_text(encoding="utf-8"), listing
    editor = (sample.output / "admin" / "index.html").read_text(encoding="utf-8")
    assert editor_policy(settings, in_meta=True).replace("'", "&#39;") in editor
    assert "'unsafe-eval'" not in policy(settings, in_meta=True)


def test_reader_pages_are_the_same_with_or_without_the_editor(site: Site) -> None:
    site.article("pasar.md", Slug="pasar", Tags="pasar")
    site.article(
        "video.md",
        Slug="video",
        body="Rapat disiarkan.\n\nhttps://www.youtube.com/watch?v=Wb7pQx3LmKe\n",
    )
    with_editor = site.build()
    assert with_editor.returncode == 0, with_editor.stderr
    kept = site.root / "with-editor"
    shutil.move(with_editor.output, kept)
    without = site.build("WARTA_EDITOR = False\n")
    assert without.returncode == 0, without.stderr
    files = {path.relative_to(kept) for path in kept.rglob("*") if path.is_file()}
    others = {
        path.relative_to(without.output) for path in without.output.rglob("*") if path.is_file()
    }
    assert {path for path in files if path.parts[0] != "admin"} == others
    for relative in others:
        assert (kept / relative).read_bytes() == (without.output / relative).read_bytes(), relative
    assert not (without.output / "admin").exists()


def test_a_new_bundle_is_a_change(site: Site) -> None:
    """The up-to-date check sees the editor's packages: after `npm ci` brings another Decap,
    the next build writes it."""
    modules = site.root / "node_modules"
    for path, text in (
        ("decap-cms/package.json", '{"version": "9.9.9"}'),
        ("decap-cms/dist/decap-cms.js", "/* one */"),
        ("js-yaml/package.json", '{"version": "4.1.1"}'),
        ("js-yaml/dist/js-yaml.min.js", "/* yaml */"),
        ("netlify-identity-widget/package.json", '{"version": "2.0.3"}'),
        ("netlify-identity-widget/build/netlify-identity-widget.js", "/* identity */"),
    ):
        (modules / path).parent.mkdir(parents=True, exist_ok=True)
        (modules / path).write_text(text, encoding="utf-8")
    site.article("pasar.md", Slug="pasar")
    settings = f'WARTA_UP_TO_DATE_CHECK = True\nWARTA_EDITOR_NODE_MODULES = "{modules}"\n'
    assert site.build(settings).returncode == 0
    assert "Nothing changed" in site.build(settings).stderr
    (modules / "decap-cms/dist/decap-cms.js").write_text("/* two */", encoding="utf-8")
    again = site.build(settings)
    assert "Nothing changed" not in again.stderr
    bundle = again.output / "admin" / "decap-cms-9.9.9" / "decap-cms.js"
    assert bundle.read_text(encoding="utf-8") == "/* two */"


def test_a_story_file_reads_back_as_written() -> None:
    """What the story writer (warta new's and the editor's) writes, the header reader reads
    back: each value as given, trimmed."""
    catalogue = load_translations(REPO / "theme" / "translations", "id")
    fields: dict[str, Any] = {
        "title": 'Judul "kutip" \\ dan: titik dua # pagar',
        "date": "2026-11-10 07.45",
        "category": "Politik",
        "location": "Kota Banjarmasin",
        "authors": ["Siti, Aisyah", "Ömer"],
        "tags": ["banjir", "#bpbd"],
        "summary": "yes",
        "imagefocus": "0.5, 0.3",
        "corrections": [{"date": "2026-11-11 09.00", "note": 'Ralat: "angka"'}],
    }
    text = story_text(fields, "Isi.", guide_of(catalogue), ZoneInfo("Asia/Makassar"), {})
    read = {raw.name: raw.value for raw in split_source(text, "x.md").fields}
    assert read == fields


def test_published_headers_give_the_editor_its_policy_and_keep_it_out_of_search() -> None:
    from warta.commands.publish import headers_for  # noqa: PLC0415

    settings = load_settings(str(REPO / "pelicanconf.py"))
    headers = headers_for(settings)
    site_policy = next(line for line in headers.splitlines() if "Content-Security-Policy" in line)
    for directive in editor_policy(settings, in_meta=False).split("; "):
        name, *sources = directive.split()
        granted = next(part for part in site_policy.split("; ") if name in part.split()[:2])
        assert all(source in granted for source in sources), directive
    assert "/admin/*\n  X-Robots-Tag: noindex, nofollow\n" in headers
    assert re.search(
        r"/admin/decap-cms-[\d.]+/\*\n  Cache-Control: public, max-age=31536000", headers
    )
    without = headers_for({**settings, "WARTA_EDITOR": False})
    assert "'unsafe-eval'" not in without
    assert "/admin/" not in without


def test_the_editors_settings_mistakes_are_told_in_the_sites_language(tmp_path: Path) -> None:
    """The editor's packages missing and a backend without a workflow or a repository: each a
    settings line in Indonesian, all of them at once, before anything is read or written."""
    site = Site(tmp_path)
    done = site.build(
        'WARTA_MESSAGES_LANG = "id"\n'
        f"WARTA_EDITOR_NODE_MODULES = {str(tmp_path / 'kosong')!r}\n"
        'WARTA_EDITOR_BACKEND = {"name": "gitea"}\n'
    )
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.startswith("pengaturan: ")]
    assert len(lines) == 3, done.stderr
    assert "paket editor belum terpasang" in lines[2]
    assert "backend gitea milik Decap tidak punya alur redaksi" in lines[0]
    assert "backend gitea memerlukan 'repo'" in lines[1]
    assert "Traceback" not in done.stderr
    assert not done.output.exists()
