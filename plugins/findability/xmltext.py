"""Text as the feeds and sitemaps print it: XML 1.0 escaped, with nothing XML forbids, and for
RSS without markup.

XML 1.0 has no place for most C0 controls, lone surrogates, U+FFFE or U+FFFF, even escaped: one
of them makes the whole document unreadable to every feed reader and search engine. Content is
refused with them where it is read; what reaches a feed by another way (a setting, a character
reference that the HTML cleaner decodes) is dropped here, so a feed is always well-formed.

RSS leaves it to each reader whether `<title>` and `<category>` are HTML, and some decode them
as HTML: a headline `Judul </title><script>…` would come back as markup there, entity-escaped
as it is. So RSS text fields carry no markup at all: tags are stripped from them, as
WordPress's `the_title_rss` strips them, and a `<` that would open one is dropped. The text
stays as written on the site's pages and in Atom, whose `type="text"` says it is text.
"""

from __future__ import annotations

import re
from xml.sax import saxutils

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A tag: `<` then anything but `<` and `>` up to `>`. Stopping at the next `<` keeps each try
# short, so stripping grows with the text.
_TAG = re.compile(r"<[^<>]*>")
_TAG_OPENING = re.compile(r"<(?=[A-Za-z/!?])")


def legal(text: str) -> str:
    """`text` without the characters XML 1.0 forbids."""
    return _ILLEGAL.sub("", text)


def escape(text: str) -> str:
    return saxutils.escape(legal(text))


def quoteattr(text: str) -> str:
    return saxutils.quoteattr(legal(text))


def rss_text(text: str) -> str:
    """Text for an RSS text field: without markup, escaped."""
    plain = _TAG_OPENING.sub("", _TAG.sub("", text))
    return escape(" ".join(plain.split()))
