"""Hostile content never reaches readers as live markup, and never crashes a build.

Every field a story, a page or a data file can carry, and the settings a site may get wrong, are
fed markup, quotes, script URLs, template syntax, paths out of output/ and characters XML
forbids. Each value is either refused with a `path:line: Field: problem` line (one line per
setting; nothing written) or printed as text: every page is parsed the way a browser parses it
(html5lib), every feed through feedparser and every sitemap through an XML parser, and none may
hold a script the theme did not put there, an event handler, a script URL or an element from
outside the allowlist.
The last test lets Hypothesis write the hostile values: headlines, tags, summaries, bodies, a
writer's, a source's and a place's entry in the data files, and settings.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import feedparser
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.sitekit import Site, run_module, text_of
from warta.commands.cli import load_settings

# Elements no story, page or data file may bring onto a page, feed entry or listing.
FORBIDDEN = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
    "textarea", "select", "style", "link", "meta", "base", "svg", "math", "template",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "cite"}
SCRIPT_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
# A file of the content folder, or the folder itself for what the settings make of it.
REPORT_LINE = re.compile(r"^\S*content(?:/\S+)?:\d+: [A-Z][\w ]*: .+$")
SUMMARY_LINE = re.compile(r"^\d+ content problems? in \d+ files?; nothing was written\.$")

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><script>alert(2)</script>',
    "</title><script>alert(3)</script>",
    "<img src=x onerror=alert(4)>",
    "<b onmouseover=alert(5)>x</b>",
    "javascript:alert(6)",
    "{{ 7 * 7 }} {% raw %}",
    "' onfocus='alert(8)",
    "<svg onload=alert(9)>",
    "&lt;script&gt;alert(10)&lt;/script&gt;",
]

HOSTILE_BODY = """Paragraf pertama yang biasa saja tentang banjir di hulu sungai.

<script>alert('body-1')</script>
<p onclick="alert('body-2')">Paragraf dengan penangan.</p>
<a href="JaVaScRiPt:alert('body-3')">tautan</a> dan [tautan lain](javascript:alert('body-4')).
<a href="&#106;avascript:alert('body-5')">berkode</a>
<iframe src="https://evil.example/"></iframe>
<form action="https://evil.example/"><input name="kata"><button>Kirim</button></form>
<style>body { display: none }</style>
<img src="data:text/html;base64,PHNjcmlwdD4=" onerror="alert('body-6')" alt="x">
<object data="https://evil.example/x.swf"></object>
<svg><script>alert('body-7')</script></svg>
<math><mi xlink:href="javascript:alert('body-8')">x</mi></math>
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">
<details open ontoggle="alert('body-9')"><summary>ringkas</summary>isi</details>

![foto](javascript:alert('body-10'))

Paragraf penutup {: onclick="alert('body-11')" } dengan {{ 7 * 7 }} dan {% raw %}.

<table><tr><td>Sel tabel tetap ada</td></tr></table>
"""

HOSTILE_PAGE = """Title: Tentang <script>alert('page-1')</script> "Kami"
Summary: <img src=x onerror=alert('page-2')>

Halaman redaksi <a href="javascript:alert('page-3')">kontak</a>.
<script>alert('page-4')</script>
"""


def same_site(url: str) -> bool:
    return not re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", url, re.IGNORECASE)


def theirs_to_keep(element: Any) -> bool:
    """The theme's own head elements and search form, which no content can add: the body
    allowlist drops every one of these names, so outside <head> only the theme's form remains."""
    if element.name in {"meta", "link"}:
        refresh = str(element.get("http-equiv", "")).lower() == "refresh"
        return element.find_parent("head") is not None and not refresh
    form = element if element.name == "form" else element.find_parent("form")
    return (
        element.name in {"form", "input", "button"}
        and form is not None
        and element.find_parent("article") is None
        and same_site(str(form.get("action", "")))
    )


def live_markup(html: str, where: str) -> list[str]:
    """Every element, attribute or URL in `html` that would run or load something not ours."""
    found = []
    page = BeautifulSoup(html, "html5lib")
    for element in page.find_all(True):
        name = element.name
        if name == "script":
            kind = element.get("type", "")
            if kind == "application/ld+json":
                text = element.string or ""
                try:
                    json.loads(text)
                except ValueError:
                    found.append(f"{where}: JSON-LD that does not parse: {text[:80]!r}")
            elif not str(element.get("src", "")).startswith(("/", "../", "theme/", "./")):
                found.append(f"{where}: script {str(element)[:80]!r}")
            continue
        if name in FORBIDDEN and not theirs_to_keep(element):
            found.append(f"{where}: <{name}> element")
        for attribute, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            if attribute.lower().startswith("on"):
                found.append(f"{where}: {attribute} on <{name}>")
            if attribute.lower() in URL_ATTRIBUTES and any(SCRIPT_SCHEME.match(v) for v in values):
                found.append(f"{where}: {attribute}={value!r} on <{name}>")
            if attribute.lower() == "srcset" and SCRIPT_SCHEME.search(str(value)):
                found.append(f"{where}: srcset={value!r}")
    return found


def check_output(output: Path) -> list[str]:
    """Every live fragment in every page, feed, sitemap and JSON file the build wrote."""
    found: list[str] = []
    for path in sorted(output.rglob("*")):
        relative = str(path.relative_to(output))
        if path.suffix == ".html":
            found += live_markup(path.read_text(encoding="utf-8"), relative)
        elif path.suffix == ".xml" and "sitemap" in path.name:
            tree = etree.parse(str(path))
            for loc in tree.iter("{*}loc"):
                if not (loc.text or "").startswith("https://wartabanua.example/"):
                    found.append(f"{relative}: <loc>{loc.text}</loc>")
        elif path.suffix in {".xml", ".atom", ".rss"}:
            feed: Any = feedparser.parse(path.read_bytes())
            if feed.bozo:
                found.append(f"{relative}: feed does not parse: {feed.bozo_exception}")
            for entry in feed.entries:
                if SCRIPT_SCHEME.match(entry.get("link", "")):
                    found.append(f"{relative}: entry link {entry.link!r}")
                texts = [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]
                # feedparser sanitises what it hands out; read the raw entry too.
                for text in texts:
                    found += live_markup(text, f"{relative} entry")
            raw = path.read_text(encoding="utf-8")
            found += [f"{relative}: raw {m!r}" for m in re.findall(r"<script\b[^>]*>", raw)]
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
    return found


def build_until_it_stands(site: Site) -> tuple[list[str], Site]:
    """Build; while content is refused, check the refusal is whole and clean, drop the refused
    files and build again. Returns every refusal line seen."""
    refused: list[str] = []
    for _attempt in range(10):
        built = site.build()
        if built.returncode == 0:
            assert "Traceback" not in built.stderr
            return refused, site
        assert "Traceback" not in built.stdout + built.stderr, built.stderr
        lines = built.report_lines
        assert lines, "a failed build must say why"
        assert SUMMARY_LINE.match(lines[-1]), lines[-1]
        for line in lines[:-1]:
            assert REPORT_LINE.match(line), f"not a path:line: Field: problem line: {line!r}"
        assert not (built.output.exists() and list(built.output.rglob("*.html")))
        refused += lines[:-1]
        for line in lines[:-1]:
            (site.root / line.split(":")[0]).unlink(missing_ok=True)
    raise AssertionError("the build never stood:\n" + "\n".join(refused))


def hostile_site(site: Site) -> None:
    site.image("images/foto.jpg")
    for number, payload in enumerate(PAYLOADS):
        site.article(
            f"serangan-{number}.md",
            Title=f"Berita {number} {payload}",
            Slug=f"serangan-{number}",
            Date=f"2026-11-{10 + number:02d} 08:00",
            Tags=f"banjir, {payload} tag {number}",
            drop=("Author",),
            Authors=f"Siti Aisyah Noor, Penulis {number} {payload}",
            Source=f"Sumber {number} {payload}",
            Summary=f"Ringkasan {number} {payload}",
            Dateline=f"KOTA {number} {payload}",
            Image="images/foto.jpg",
            ImageAlt=f"Alt {number} {payload}",
            ImageCaption=f"Keterangan {number} {payload}",
            ImageCredit=f"Kredit {number} {payload}",
            Correction=f"2026-11-25 08:00 | Ralat {number} {payload}",
            body=f"Isi berita {number} {payload} di tengah kalimat.\n\n" + HOSTILE_BODY,
        )
    for number, url in enumerate(
        [
            'https://kbb.example/a"><script>alert(1)</script>',
            "javascript:alert(2)",
            "https://kbb.example/b' onmouseover='alert(3)",
            "//evil.example/x",
            "https://kbb.example/berita?id=1&hal=2",
        ]
    ):
        site.article(
            f"sindikasi-{number}.md",
            Slug=f"sindikasi-{number}",
            Source="Kantor Berita Borneo",
            SourceURL=url,
        )
    site.write("pages/tentang.md", HOSTILE_PAGE)
    # A data file edited by someone careless or hostile.
    authors = site.content / "data" / "authors.yaml"
    authors.write_text(
        authors.read_text(encoding="utf-8")
        + "- name: Penyusup Data\n  slug: penyusup-data\n"
        + "  role: \"<script>alert('role')</script>\"\n"
        + "  bio: \"<img src=x onerror=alert('bio')> Wartawan.\"\n",
        encoding="utf-8",
    )
    site.article("data.md", Slug="data", Author="Penyusup Data", Title="Berita Penulis Data")


def test_hostile_fields_and_bodies_are_refused_or_printed_as_text(site: Site) -> None:
    hostile_site(site)
    refused, site = build_until_it_stands(site)
    output = site.root / "output"
    assert check_output(output) == []
    # Something was built from every kind of field: these are not vacuous passes.
    refused_files = {line.split(":")[0] for line in refused}
    built = [
        n for n in range(len(PAYLOADS)) if f"content/articles/serangan-{n}.md" not in refused_files
    ]
    assert len(built) >= len(PAYLOADS) // 2, refused
    page = BeautifulSoup(
        (output / "2026/11/serangan-4/index.html").read_text(encoding="utf-8"), "html5lib"
    )
    assert "<b onmouseover=alert(5)>x</b>" in text_of(page, "h1")
    assert "<b onmouseover=alert(5)>x</b>" in text_of(page, "title")
    body = text_of(page, "article.story")
    # In a body, markup is markup: the allowlist keeps <b> and drops its handler.
    assert "Isi berita 4 x di tengah kalimat" in body
    assert "Sel tabel tetap ada" in body  # the allowlist keeps tables
    assert "{{ 7 * 7 }}" in body  # template syntax in content is text, never evaluated
    tag_pages = [p for p in output.glob("tag/*/index.html") if "onmouseover" in p.read_text()]
    assert tag_pages, "the hostile tag has its page, with the markup as text"
    data_page = BeautifulSoup(
        (output / "penulis/penyusup-data/index.html").read_text(encoding="utf-8"), "html5lib"
    )
    assert "<script>alert('role')</script>" in data_page.get_text()
    # A source URL with a quote or a script scheme is refused; a good one is the canonical link.
    for number in range(4):
        assert any(
            line.startswith(f"content/articles/sindikasi-{number}.md:") and "SourceURL:" in line
            for line in refused
        ), number
    canonical = BeautifulSoup(
        (output / "2026/11/sindikasi-4/index.html").read_text(encoding="utf-8"), "html5lib"
    ).find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == "https://kbb.example/berita?id=1&hal=2"


def test_check_warns_naming_what_the_body_lost(site: Site) -> None:
    site.article("isi.md", Slug="isi", body=HOSTILE_BODY)
    checked = run_module(site.root, "warta", "-s", str(site.settings_file()), "check")
    assert checked.returncode == 0, checked.stderr
    warnings = [line for line in checked.stderr.splitlines() if "isi.md:" in line]
    text = "\n".join(warnings)
    for removed in ("<script>", "onclick", "<iframe>", "<form>", "<style>", "javascript:"):
        assert removed in text, f"{removed} not named:\n{text}"
    # Each warning names the line the markup is on: the header is 6 lines and a blank one, and
    # the <iframe> is on the body's 7th line.
    iframe = next(line for line in warnings if "<iframe>" in line)
    assert iframe.startswith("warning: content/articles/isi.md:14: Body: removed <iframe>"), iframe


# Fragments Hypothesis combines into headlines, tags, bylines, summaries, bodies, data-file
# entries and settings.
FRAGMENTS = [
    *PAYLOADS, "<", ">", '"', "'", "&", "&amp;", "\n", "\\", "{", "}", "%", "#", "*", "_",
    "[a](javascript:b)", "<a href=x>", "</a>", "<!--", "-->", "<![CDATA[", "]]>", "\u202e",
    "\u00a0", "Banjir", "sungai", "Pasar", "é", "Ω", "ꦧ", "🌧", " ", ", ", "../", "&#1;",
    "&#xFFFE;", "*a", "- ", "{{ 7*7 }}",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join)
# For headlines and tags: also what makes an address too long or a document that is not XML.
NASTY_TEXT = st.lists(
    st.sampled_from([*FRAGMENTS, "龍" * 40, "\ufffe", "\uffff", "\x00", "\x0b"]),
    min_size=1,
    max_size=8,
).map("".join)


# A data-file entry's keys: text keys take hostile text, the others mostly good values and
# sometimes ones they must refuse (a slug out of output/, a script URL, a photo out of content/).
def _mostly(good: str, *bad: str) -> st.SearchStrategy[str]:
    return st.sampled_from([good] * 4 + list(bad))


LINE = TEXT.map(lambda text: " ".join(text.split()) or "x")
ENTRY_KEYS: dict[str, dict[str, st.SearchStrategy[str]]] = {
    "authors": {
        "slug": _mostly("penulis-acak", "../../theme/templates", ".", "siti-aisyah-noor"),
        "role": LINE,
        "bio": TEXT,  # a YAML block may run over lines
        "photo": _mostly("images/foto.jpg", "../../etc/passwd", "images/tidak-ada.jpg"),
    },
    "sources": {
        "slug": _mostly("sumber-acak", "../..", "kantor-berita-borneo"),
        "url": _mostly("https://sumber.example/", "javascript:alert(1)", "//evil.example/"),
        "about": TEXT,
    },
    "locations": {
        "slug": _mostly("tempat-acak", "../lokasi", "indonesia"),
        "dateline": LINE,
        "kind": _mostly("kota", "kabupaten", "<b>kota</b>"),
    },
}
# Keys every entry of the file has.
ENTRY_REQUIRED = {"authors": {"photo_alt": LINE}, "sources": {}, "locations": {}}
# One setting a site may get wrong, or none: what a careful site gives, and what it must not.
SETTING = st.one_of(
    st.tuples(st.sampled_from(["SITESUBTITLE", "WARTA_DATELINE_OUTLET", "SITENAME"]), TEXT),
    st.tuples(st.just("WARTA_BUILD_TIME"), st.sampled_from(["2026-12-01 08:00", "besok pagi", 5])),
    st.tuples(
        st.just("WARTA_IMAGES_CROPS"), st.sampled_from([{"og": [1200, 630]}, {"og": [1200]}])
    ),
    st.tuples(st.just("WARTA_IMAGES_FORMATS"), st.sampled_from([["webp", "jpeg"], []])),
    st.tuples(st.just("WARTA_IMAGES_WIDTHS"), st.sampled_from([[360, 720], [], ["720"]])),
    st.tuples(
        st.just("WARTA_SOURCE_SAVE_AS"),
        st.sampled_from(["../{slug}.html", "sumber//{slug}/./index.html"]),
    ),
    st.tuples(
        st.just("WARTA_EXTRA_STATIC_FILES"), st.sampled_from([["images/foto.jpg"], ["x.pdf"]])
    ),
)
SETTINGS = st.lists(SETTING, max_size=1).map(dict)


# A key no entry of the file takes, added now and then.
UNKNOWN_KEYS = {"authors": "foto", "sources": "link", "locations": "kids"}


def data_entry(kind: str) -> st.SearchStrategy[dict[str, str]]:
    """One entry of a data file: a hostile name and some of its keys."""

    def entry(fields: dict[str, str], unknown: bool) -> dict[str, str]:
        return {**fields, UNKNOWN_KEYS[kind]: "x"} if unknown else fields

    return st.builds(
        entry,
        st.fixed_dictionaries({"name": LINE, **ENTRY_REQUIRED[kind]}, optional=ENTRY_KEYS[kind]),
        st.sampled_from([False] * 7 + [True]),
    )


def yaml_entry(entry: dict[str, str], indent: str = "") -> str:
    # JSON strings are YAML double-quoted scalars: every character is written as it is meant.
    lines = [f"{indent}- name: {json.dumps(entry['name'], ensure_ascii=False)}"]
    lines += [
        f"{indent}  {key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in entry.items()
        if key != "name"
    ]
    return "\n".join(lines) + "\n"


def add_entries(
    site: Site, author: dict[str, str], source: dict[str, str], place: dict[str, str]
) -> None:
    data = site.content / "data"
    for kind, entry in (("authors", author), ("sources", source)):
        path = data / f"{kind}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + yaml_entry(entry), encoding="utf-8")
    places = data / "locations.yaml"
    places.write_text(places.read_text(encoding="utf-8") + yaml_entry(place), encoding="utf-8")


def in_process_build(site: Site, settings: str = "") -> str | None:
    """Build as `make html` does, in this process; the report if content or a setting stopped
    it. Any other exception is a crash and fails the test."""
    from pelican import Pelican  # noqa: PLC0415 - plugins importable once settings load

    from warta.problems import ContentErrors, SettingsError  # noqa: PLC0415

    try:
        root = site.root
        loaded = load_settings(str(site.settings_file("WARTA_WORKERS = 1\n" + settings)))
        loaded["OUTPUT_PATH"] = str(root / "output")
        loaded["WARTA_CACHE_PATH"] = str(root / "cache")
        loaded["WARTA_IMAGES_CACHE_PATH"] = str(root / "cache" / "images")
        Pelican(loaded).run()
    except (ContentErrors, SettingsError) as stopped:
        return str(stopped)
    return None


def one_line(text: str) -> str:
    return " ".join(text.split())


SETTINGS_LINE = re.compile(r"^settings: [A-Za-z].+$")
SETTINGS_SUMMARY = re.compile(
    r"^\d+ settings problems?; the build stopped before (reading any content|writing any page)\.$"
)


def assert_clean_refusal(report: str, output: Path) -> None:
    """Every line `path:line: Field: problem (hint)` (or one per setting), the count last, and
    nothing in output/."""
    lines = [line for line in report.splitlines() if line.strip()]
    if lines[0].startswith("settings: "):
        assert SETTINGS_SUMMARY.match(lines[-1]) or len(lines) == 1, report
        for line in lines[:-1] if len(lines) > 1 else lines:
            assert SETTINGS_LINE.match(line), f"not one line per setting: {line!r}"
    else:
        assert SUMMARY_LINE.match(lines[-1]), report
        for line in lines[:-1]:
            assert REPORT_LINE.match(line), f"not a path:line: Field: problem line: {line!r}"
    assert not (output.exists() and any(path.is_file() for path in output.rglob("*")))
    assert not list(output.parent.glob(".output*")), "staged files were left behind"


def rss_markup(output: Path) -> list[str]:
    """RSS text fields that still hold markup (RSS readers may take them as HTML)."""
    found = []
    for path in output.rglob("*.rss.xml"):
        tree = etree.parse(str(path))
        for element in tree.iter("title", "category", "{http://purl.org/dc/elements/1.1/}creator"):
            if re.search(r"<[A-Za-z/!?]", element.text or ""):
                found.append(f"{path.name}: <{element.tag}>{element.text}")
    return found


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # each example is a build: no slow shrinking
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    title=NASTY_TEXT,
    tags=NASTY_TEXT,
    summary=TEXT,
    body=TEXT,
    author=data_entry("authors"),
    source=data_entry("sources"),
    place=data_entry("locations"),
    site_settings=SETTINGS,
)
def test_any_hostile_text_is_refused_cleanly_or_built_inert(
    *,
    title: str,
    tags: str,
    summary: str,
    body: str,
    author: dict[str, str],
    source: dict[str, str],
    place: dict[str, str],
    site_settings: dict[str, object],
) -> None:
    root = Path(tempfile.mkdtemp(prefix="warta-hostile-"))
    try:
        site = Site(root)
        site.image("images/foto.jpg")
        add_entries(site, author, source, place)
        site.article("aman.md", Slug="aman", Title="Berita Aman")
        site.article(
            "acak.md",
            Slug="acak",
            Date="2026-11-19 08:00",
            Title=one_line(title) or "x",
            Tags=one_line(tags),
            Author=author["name"] or "x",
            Source=source["name"] or "x",
            Location=place["name"] or "x",
            Summary=one_line(summary),
            body=f"Awal.\n\n{body}\n\nAkhir.\n",
        )
        report = in_process_build(
            site, "".join(f"{name} = {value!r}\n" for name, value in site_settings.items())
        )
        output = root / "output"
        event("refused" if report is not None else "built")
        if report is not None:
            assert_clean_refusal(report, output)
            return
        assert check_output(output) == []
        assert rss_markup(output) == []
        page = BeautifulSoup(
            (output / "2026/11/acak/index.html").read_text(encoding="utf-8"), "html5lib"
        )
        # The headline is printed as the text the reporter wrote, not interpreted.
        assert text_of(page, "h1") == one_line(one_line(title) or "x")
        assert (output / "2026/11/aman/index.html").exists()
        # Nothing was written outside output/, and no template was touched.
        assert sorted(path.name for path in root.iterdir()) == [
            "cache", "content", "output", "testconf.py"
        ]  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)
