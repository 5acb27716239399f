"""The settings every Warta site starts from: `from warta.defaults import *` in pelicanconf.py.

Pelican's settings file is Python, and a site's production file already starts from its
preview file (`from pelicanconf import *`); this module is the step before both. It holds what
every newsroom shares (Warta's theme and plugins, Indonesian addresses, the pages Warta
writes), so that a site's own file says only what is its own: its name, address, time zone,
desks and places. A site may set any of these again after the import. Warta's own settings
(WARTA_*) are not here: each plugin declares them with their defaults in its settings.py, and
a site sets only those it changes. See docs/adr/008-a-newsroom-site-from-a-package.md.
"""

from warta.resources import theme_folder

__all__ = [
    "ARCHIVES_SAVE_AS", "ARCHIVES_URL", "ARTICLE_PATHS", "ARTICLE_SAVE_AS",
    "ARTICLE_TRANSLATION_ID", "ARTICLE_URL", "AUTHORS_SAVE_AS", "AUTHORS_URL",
    "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS", "AUTHOR_SAVE_AS", "AUTHOR_URL", "CATEGORIES_SAVE_AS",
    "CATEGORIES_URL", "CATEGORY_FEED_ATOM", "CATEGORY_SAVE_AS", "CATEGORY_URL",
    "DEFAULT_LANG", "DEFAULT_PAGINATION", "DIRECT_TEMPLATES", "DRAFT_PAGE_SAVE_AS",
    "DRAFT_SAVE_AS", "FEED_ALL_ATOM", "INDEX_SAVE_AS", "LOCATIONS_SAVE_AS", "LOCATIONS_URL",
    "MARKDOWN", "NOT_FOUND_SAVE_AS", "NOT_FOUND_URL", "PAGE_PATHS", "PAGE_SAVE_AS",
    "PAGE_TRANSLATION_ID", "PAGE_URL", "PAGINATION_PATTERNS", "PATH", "PLUGINS",
    "PLUGIN_PATHS", "RELATIVE_URLS", "SEARCH_SAVE_AS", "SEARCH_URL", "SITEURL",
    "SOURCES_SAVE_AS", "SOURCES_URL", "STATIC_PATHS", "SUMMARY_MAX_LENGTH",
    "SUMMARY_MAX_PARAGRAPHS", "TAGS_SAVE_AS", "TAGS_URL", "TAG_SAVE_AS", "TAG_URL", "THEME",
    "TIMEZONE", "TRANSLATION_FEED_ATOM", "WARTA_FEED_CONTENT", "WARTA_MONTH_ARCHIVE_SAVE_AS",
    "WARTA_MONTH_ARCHIVE_URL", "WARTA_YEAR_ARCHIVE_SAVE_AS", "WARTA_YEAR_ARCHIVE_URL",
]  # fmt: skip

SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# Warta's own theme, wherever Warta is installed. The site's `theme/` folder adds to it
# (WARTA_SITE_THEME): a template there replaces Warta's of the same name.
THEME = str(theme_folder())
# Warta's plugins are installed packages; PLUGIN_PATHS is where Pelican looks first, the site's
# own `plugins/` folder (relative to the settings file). A site adds its plugins to PLUGINS.
PLUGIN_PATHS = ["plugins"]
# Warta's plugins, in the order they must be listed: each reads what those before it planned.
WARTA_PLUGINS = (
    "newsroom_model",
    "related_stories",
    "news_images",
    "findability",
    "news_theme",
    "newsroom_editor",
)
PLUGINS = list(WARTA_PLUGINS)

TIMEZONE = "Asia/Makassar"
DEFAULT_LANG = "id"
# Warta links stories by URL, not by slug: two stories may share a slug in different months, so
# Pelican's slug-based translation grouping is off. Lang still sets each page's language.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Indonesian URLs a regional daily would use.
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
# Drafts and scheduled stories are never written: nothing of them reaches a published site.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "kategori/{slug}/"
CATEGORY_SAVE_AS = "kategori/{slug}/index.html"
CATEGORIES_SAVE_AS = "kategori/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_SAVE_AS = "tag/index.html"
AUTHOR_URL = "penulis/{slug}/"
AUTHOR_SAVE_AS = "penulis/{slug}/index.html"
AUTHORS_SAVE_AS = "penulis/index.html"
CATEGORIES_URL = "kategori/"
TAGS_URL = "tag/"
AUTHORS_URL = "penulis/"
LOCATIONS_URL = "lokasi/"
LOCATIONS_SAVE_AS = "lokasi/index.html"
SOURCES_URL = "sumber/"
SOURCES_SAVE_AS = "sumber/index.html"
ARCHIVES_URL = "arsip/"
ARCHIVES_SAVE_AS = "arsip/index.html"
# Year and month archives sit where the story addresses suggest: /2026/ and /2026/11/ (Warta
# writes them from its own listings; Pelican's YEAR_ARCHIVE_SAVE_AS stays empty).
WARTA_YEAR_ARCHIVE_URL = "{date:%Y}/"
WARTA_YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
WARTA_MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
WARTA_MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
INDEX_SAVE_AS = "index.html"

DEFAULT_PAGINATION = 12
# Later pages of a listing: /kategori/politik/halaman/2/.
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/halaman/{number}/", "{base_name}/halaman/{number}/index.html"),
]
# The summary is the first paragraph, cut at a word boundary.
SUMMARY_MAX_PARAGRAPHS = 1
SUMMARY_MAX_LENGTH = 45

# The findability plugin writes every feed (site, desk, location, author; Atom and RSS, with the
# lead photo and updated times), so Pelican's own feeds are off.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
WARTA_FEED_CONTENT = "full"

# The search page runs Pagefind's UI over the index the findability plugin builds.
DIRECT_TEMPLATES = [
    "index",
    "tags",
    "categories",
    "authors",
    "archives",
    "locations",
    "sources",
    "search",
    "not_found",
]
SEARCH_URL = "cari/"
SEARCH_SAVE_AS = "cari/index.html"
# The page static hosts serve for a missing address (Netlify, Cloudflare Pages, GitHub Pages).
NOT_FOUND_URL = "404.html"
NOT_FOUND_SAVE_AS = "404.html"

RELATIVE_URLS = True

# Typographic quotes and dashes come from WARTA_TYPOGRAPHY (on by default), not from the smarty
# extension, which made Markdown four times slower.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
    },
    "output_format": "html5",
}
