"""Words that say what a story is about: lower-cased, without punctuation or stop words."""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from functools import cache

import stopwordsiso

_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation + "“”‘’–—…«»", " "))
_MAX_WORD_CHARS = 24


@cache
def stop_words(languages: tuple[str, ...]) -> frozenset[str]:
    """Function words of these languages (ISO 639-1 codes), from the stopwords-iso lists."""
    return frozenset(stopwordsiso.stopwords(list(languages)))


# A name is a run of two or more capitalised words, each starting with a Latin capital (the
# accented ones of Latin-1 included): "Ahmad Saputra", "Desa Sungai Tabuk". A headline capitalises
# every word, so names are read from summaries and bodies only.
_NAME_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W_]*(?: [A-ZÀ-ÖØ-Þ][^\W_]*)+")


def opening(text: str, limit: int) -> str:
    """The text's first `limit` words (as separated by spaces), the rest cut off."""
    # Only the opening is needed: no word is anywhere near this long on average.
    head = text[: limit * _MAX_WORD_CHARS]
    parts = head.split(maxsplit=limit)
    return head if len(parts) <= limit else head[: len(head) - len(parts[-1])]


def names(text: str, stop: frozenset[str]) -> list[str]:
    """Each pair of neighbouring capitalised words, lower-cased ("ahmad saputra").

    A pair, not a whole run: "Kepala Desa Ahmad Saputra" and "Ahmad Saputra" share the pair that
    names the person. A pair with a stop word in it ("Di Desa", a sentence's first word before a
    name) says nothing and is left out.
    """
    found: list[str] = []
    for run in _NAME_RUN.findall(unicodedata.normalize("NFC", text)):
        parts = run.lower().split()
        found.extend(
            f"{first} {second}"
            for first, second in itertools.pairwise(parts)
            if first not in stop and second not in stop
        )
    return found


def words(text: str, limit: int | None = None) -> list[str]:
    """The text's words in order, lower-cased and without punctuation, at most `limit` of them."""
    if limit is not None:
        # Only the opening is needed: no word is anywhere near this long on average.
        text = text[: limit * _MAX_WORD_CHARS]
    split = unicodedata.normalize("NFC", text).lower().translate(_PUNCTUATION).split()
    return split if limit is None else split[:limit]


def is_content_word(word: str, stop: frozenset[str]) -> bool:
    """Three letters or more, not a number, not a stop word."""
    return len(word) > 2 and not word.isdigit() and word not in stop


def terms(text: str, stop: frozenset[str], limit: int | None = None) -> list[str]:
    """Content words in order."""
    return [word for word in words(text, limit) if is_content_word(word, stop)]
