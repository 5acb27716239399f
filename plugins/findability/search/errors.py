"""What stops the search index: each failure names its record, part, file or request."""

from __future__ import annotations

from warta.messages import Text


class SearchIndexError(Exception):
    """The search index cannot be built; the message names the record, part or failure."""


class SearchRecordError(SearchIndexError):
    """A record is not fit to index (a naive date, an absolute URL, a URL given twice)."""


class SearchPartitionError(SearchIndexError):
    """The records cannot be cut into parts of at most `max_part` stories: a settings mistake
    (WARTA_SEARCH_PART_SIZE), so it carries its message for the site's language as `text`."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


class PagefindServiceError(SearchIndexError):
    """The Pagefind binary is missing, died, or answered a request with an error."""


class BundleFormatError(SearchIndexError):
    """A file of a bundle Pagefind wrote is not in the format this code knows how to settle."""
