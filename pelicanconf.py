"""Settings of the sample newsroom, Warta Banua; `publishconf.py` adds the production ones.

Like any Warta site, it starts from `warta.defaults` (the installed Warta: in this repository,
the editable install `make html` makes) and sets only what is its own.
"""

from warta.defaults import *  # noqa: F403 - every site starts from Warta's defaults

AUTHOR = "Redaksi Warta Banua"
SITENAME = "Warta Banua"
SITESUBTITLE = "Kabar dari Banua, untuk Banua"

TIMEZONE = "Asia/Makassar"

# The outlet's public address. Preview builds keep SITEURL empty (relative links), but feeds,
# sitemaps, canonical links, Open Graph and JSON-LD always use this absolute address;
# publishconf.py makes it SITEURL too.
WARTA_SITE_URL = "https://wartabanua.example"

# Desks: the newsroom_model defaults (Politik, Hukum, Ekonomi, Pendidikan, Kesehatan, Olahraga,
# Lingkungan, Budaya, Daerah) fit this newsroom. Set WARTA_CATEGORIES to change them.
# Places: Warta knows every kota and kabupaten of Indonesia; this newsroom files from the two
# provinces it covers, and content/data/locations.yaml holds its own list of them.
WARTA_PROVINCES = ["Kalimantan Selatan", "Kalimantan Tengah"]
WARTA_DATELINE_OUTLET = "WARTA BANUA"
