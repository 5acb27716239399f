"""Production settings: `pelicanconf.py` plus absolute links at the outlet's address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403 - the production site is the same site

SITEURL = WARTA_SITE_URL  # noqa: F405 - set in pelicanconf.py
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# A production build is publication: every address it writes is added to the ledger of
# published addresses (content/data/published.tsv), which the newsroom commits.
WARTA_RECORD_ADDRESSES = True
