"""Settings of the sample newsroom, Warta Banua; `publishconf.py` adds the production ones."""

AUTHOR = "Redaksi Warta Banua"
SITENAME = "Warta Banua"
SITESUBTITLE = "Kabar dari Banua, untuk Banua"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "newsroom_model",
    "related_stories",
    "news_images",
    "findability",
    "news_theme",
    "newsroom_editor",
]

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
# Sources (agencies, partner outlets) get listings at sumber/<slug>/ (newsroom_model's default).
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

# The outlet's public address. Preview builds keep SITEURL empty (relative links), but feeds,
# sitemaps, canonical links, Open Graph and JSON-LD always use this absolute address;
# publishconf.py makes it SITEURL too.
WARTA_SITE_URL = "https://wartabanua.example"

# The findability plugin writes every feed (site, desk, location, author; Atom and RSS, with the
# lead photo and updated times), so Pelican's own feeds are off. See plugins/findability/settings.py.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
WARTA_FEED_CONTENT = "full"

# The search page (theme/templates/search.html) runs Pagefind's UI over the index the
# findability plugin builds in output/pagefind/, in parts merged in the reader's browser.
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

# A story dated in the future is scheduled: it stays out of the site until a build after that
# time (WARTA_BUILD_TIME, or the clock). Warta decides this itself; Pelican's setting stays on.

# Typographic quotes and dashes come from WARTA_TYPOGRAPHY (on by default), not from the smarty
# extension, which made Markdown four times slower.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
    },
    "output_format": "html5",
}

# Desks, places, authors and sources: the newsroom_model defaults (Politik, Hukum, Ekonomi,
# Pendidikan, Kesehatan, Olahraga, Lingkungan, Budaya, Daerah; content/data/*.yaml) fit this
# newsroom. Set WARTA_CATEGORIES to a list of desk names to change them.
WARTA_DATELINE_OUTLET = "WARTA BANUA"
