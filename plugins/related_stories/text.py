"""Words that say what a story is about: lower-cased, without punctuation or stop words."""

from __future__ import annotations

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
