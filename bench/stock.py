"""The Pelican baselines of `bench build`, each followed by the Pagefind CLI over its output.

The equal-output baseline is stock Pelican 4.12 with related_posts and sitemap. Its settings
match Warta's wherever they change the amount of work: the same article and page addresses, 12
stories a listing page with the same later-page addresses, year and month archives, the time
zone, language and Markdown extensions of pelicanconf.py, and feeds for the site, each desk,
each author and each tag, Atom and RSS, in full text and 50 entries each, as Warta writes them.
The theme is Pelican's default, and Pagefind indexes every page it finds, since that theme marks
no part of a page as the one to index.

The out-of-the-box baseline is Pelican as a user runs it after `pelican-quickstart`: the
settings its pelicanconf.py and publishconf.py templates write (Pelican 4.12's
tools/templates), with the quickstart's default answers (pagination on, 10 a page) and the
site's name, address, time zone and language. That is Pelican's default theme and addresses,
one Atom feed for the site and one per category, no tag or author feeds, and no plugins: no
related posts, no sitemap (the stage clock below does no work of its own).
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# Where Warta's addresses and feeds differ from Pelican's defaults; see pelicanconf.py.
SETTINGS = '''"""Stock Pelican settings for the `bench build` baseline, from bench/stock.py."""

SITENAME = "Warta Banua"
SITEURL = {site_url!r}
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
TIMEZONE = "Asia/Makassar"
DEFAULT_LANG = "id"
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/{{slug}}/index.html"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
CATEGORY_URL = "kategori/{{slug}}/"
CATEGORY_SAVE_AS = "kategori/{{slug}}/index.html"
TAG_URL = "tag/{{slug}}/"
TAG_SAVE_AS = "tag/{{slug}}/index.html"
AUTHOR_URL = "penulis/{{slug}}/"
AUTHOR_SAVE_AS = "penulis/{{slug}}/index.html"
YEAR_ARCHIVE_URL = "{{date:%Y}}/"
YEAR_ARCHIVE_SAVE_AS = "{{date:%Y}}/index.html"
MONTH_ARCHIVE_URL = "{{date:%Y}}/{{date:%m}}/"
MONTH_ARCHIVE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/index.html"

DEFAULT_PAGINATION = 12
PAGINATION_PATTERNS = [
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/halaman/{{number}}/", "{{base_name}}/halaman/{{number}}/index.html"),
]
SUMMARY_MAX_PARAGRAPHS = 1
SUMMARY_MAX_LENGTH = 45

FEED_MAX_ITEMS = 50
RSS_FEED_SUMMARY_ONLY = False
FEED_ALL_ATOM = "feeds/semua.atom.xml"
FEED_ALL_RSS = "feeds/semua.rss.xml"
CATEGORY_FEED_ATOM = "feeds/rubrik/{{slug}}.atom.xml"
CATEGORY_FEED_RSS = "feeds/rubrik/{{slug}}.rss.xml"
AUTHOR_FEED_ATOM = "feeds/penulis/{{slug}}.atom.xml"
AUTHOR_FEED_RSS = "feeds/penulis/{{slug}}.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{{slug}}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{{slug}}.rss.xml"
TRANSLATION_FEED_ATOM = None

MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.extra": {{}},
        "markdown.extensions.smarty": {{}},
    }},
    "output_format": "html5",
}}

# The clock that notes the time of each signal, then the two plugins from PyPI. Listed first,
# its receivers are the first that blinker calls on a shared signal in CPython; it checks.
PLUGIN_PATHS = [{bench!r}]
PLUGINS = ["stock_stages", "related_posts", "sitemap"]
SITEMAP = {{"format": "xml"}}
'''


# pelican-quickstart's pelicanconf.py with its default answers, then what its publishconf.py
# changes (SITEURL, RELATIVE_URLS, two feeds). DELETE_OUTPUT_DIRECTORY is left out: the
# benchmark starts every build with no output folder. The blogroll and social links are kept,
# as every page of the default theme shows them.
OUT_OF_THE_BOX = '''"""Pelican out of the box for the `bench build` baseline (bench/stock.py)."""

AUTHOR = "Redaksi Warta Banua"
SITENAME = "Warta Banua"
SITEURL = ""

PATH = "content"

TIMEZONE = "Asia/Makassar"

DEFAULT_LANG = "id"

# Feed generation is usually not desired when developing
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Blogroll
LINKS = [
    ("Pelican", "https://getpelican.com/"),
    ("Python.org", "https://www.python.org/"),
    ("Jinja2", "https://palletsprojects.com/p/jinja/"),
    ("You can modify those links in your config file", "#"),
]

# Social widget
SOCIAL = [
    ("You can add links in your config file", "#"),
    ("Another social link", "#"),
]

DEFAULT_PAGINATION = 10

# publishconf.py
SITEURL = {site_url!r}
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"

# The benchmark's clock (no work of its own), for the seconds per stage.
PLUGIN_PATHS = [{bench!r}]
PLUGINS = ["stock_stages"]
'''


def write_settings(folder: Path, site_url: str) -> Path:
    """stockconf.py in `folder`, for a site whose content/ is beside it."""
    conf = folder / "stockconf.py"
    conf.write_text(SETTINGS.format(site_url=site_url, bench=str(BENCH)), encoding="utf-8")
    return conf


def write_out_of_the_box_settings(folder: Path, site_url: str) -> Path:
    """defaultconf.py in `folder`: Pelican as pelican-quickstart sets it up, published."""
    conf = folder / "defaultconf.py"
    conf.write_text(OUT_OF_THE_BOX.format(site_url=site_url, bench=str(BENCH)), encoding="utf-8")
    return conf


def pelican_command(conf: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", str(conf)]


def pagefind_command(output: Path) -> list[str]:
    """The Pagefind CLI of the `pagefind[bin]` wheel, the very binary Warta's build runs."""
    return [sys.executable, "-m", "pagefind", "--site", str(output)]
