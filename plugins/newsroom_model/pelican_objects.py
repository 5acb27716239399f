"""Pelican's objects for the stories: made when something outside Warta could look at them.

Pelican's article generator turns every file into an `Article`: it walks the folders again,
works out paths, asks the reader, makes the object and files it under its desk, tags and
writers. Warta's own plugins and templates never look at those objects (they read the records,
`reading.py`), and Warta writes every page itself (`WartaWriter` lets Pelican's writes go). At
100,000 stories that work was about 12 s of a one-story build, the largest part of it that grew
with the archive and was thrown away.

So when nothing outside Warta can see them, the article generator makes none:
`generator.articles`, `drafts`, `hidden_articles` and `dates` (and the same names in the
context) are sequences that know their length from the records and ask Pelican to make every
object, the way it always does, the first time anything reads one of them.

Something outside Warta can see them when:
- a receiver that is not Warta's own is connected to one of Pelican's signals that carries a
  generator, a content object, a writer or a context: a third-party plugin, or a site's own;
  only `initialized`, `readers_init` and `finalized` carry none of those;
- or the settings ask Pelican itself to write from them: template pages, source files, one of
  Pelican's feeds, or Pelican's content cache.

Then the article generator is left exactly as Pelican made it: every object made, every signal
sent in Pelican's order, a complete context. The site is the same either way (a test builds
both and compares them byte for byte).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import MethodType
from typing import Any, overload
from weakref import ref

from blinker import Signal
from pelican.plugins import signals

from warta.defaults import WARTA_PLUGINS
from warta.run import BuildRun

from .reader import status_in_build
from .reading import READING
from .schema import ARTICLE

# Modules whose receivers are Warta's own: the `warta` package and Warta's plugins.
_OWN = frozenset({"warta", *WARTA_PLUGINS})
# Pelican's signals that carry no generator, content object, writer or context.
_BLIND = frozenset({"initialized", "readers_init", "finalized"})
# Pelican's own feeds (FEED_ALL_ATOM, TAG_FEED_RSS, ...): written from its objects.
_PELICAN_FEEDS = ("FEED_", "TAG_FEED_", "CATEGORY_FEED_", "AUTHOR_FEED_", "TRANSLATION_FEED_")
# What the article generator puts in the context from its objects (Pelican's `_update_context`).
_LISTS = ("articles", "drafts", "hidden_articles", "dates")
# Without ARTICLE_TRANSLATION_ID (Warta's default) Pelican groups no translations.
_EMPTY = ("translations", "drafts_translations", "hidden_translations")


def outside_receivers() -> list[str]:
    """The receivers of Pelican's signals that are not Warta's own, by module and name."""
    found = []
    for name, value in vars(signals).items():
        if not isinstance(value, Signal) or name in _BLIND:
            continue
        for receiver in list(value.receivers.values()):
            function = receiver() if isinstance(receiver, ref) else receiver
            if function is None:
                continue
            module = str(getattr(function, "__module__", None) or "")
            if module.split(".", maxsplit=1)[0] not in _OWN:
                found.append(f"{module}.{getattr(function, '__qualname__', function)!s}")
    return found


def pelican_writes_from_articles(settings: dict[str, Any]) -> bool:
    """Whether the settings ask Pelican itself for something made from its article objects,
    or for its own grouping of them."""
    if settings.get("TEMPLATE_PAGES") or settings.get("OUTPUT_SOURCES"):
        return True
    if settings.get("ARTICLE_TRANSLATION_ID"):
        return True  # Pelican groups translations its own way, from its objects
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        return True
    return any(
        value
        for name, value in settings.items()
        if name.startswith(_PELICAN_FEEDS) and name.endswith(("_ATOM", "_RSS"))
    )


def wanted(settings: dict[str, Any]) -> bool:
    """Whether every story must become a Pelican object as the articles are read."""
    return pelican_writes_from_articles(settings) or bool(outside_receivers())


class OnDemand(Sequence[Any]):
    """One of the article generator's lists: its length from the records, its objects made by
    Pelican (its own `generate_context`) the first time one is asked for."""

    def __init__(self, generator: Any, name: str, length: int) -> None:
        self._generator = generator
        self._name = name
        self._length = length

    def _made(self) -> Sequence[Any]:
        generator = self._generator
        if getattr(generator, "_warta_on_demand", False):
            generator._warta_on_demand = False
            type(generator).generate_context(generator)
        made: Sequence[Any] = getattr(generator, self._name)
        return made

    def __len__(self) -> int:
        if getattr(self._generator, "_warta_on_demand", False):
            return self._length
        return len(self._made())

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        return self._made()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._made())


def _counts(run: BuildRun) -> dict[str, int]:
    """How many stories Pelican would list as articles, drafts and hidden articles, by the
    status the reader gives Pelican in this build."""
    counts = {"articles": 0, "drafts": 0, "hidden_articles": 0}
    lists = {"published": "articles", "hidden": "hidden_articles"}
    for story in run.get(READING).stories.values():
        if story.kind == ARTICLE:
            counts[lists.get(status_in_build(story, run.now), "drafts")] += 1
    counts["dates"] = counts["articles"]
    return counts


def make_on_demand(generator: Any, run: BuildRun) -> None:
    """Leave `generator` (Pelican's article generator) its objects to make on demand."""
    counts = _counts(run)

    def generate_context(self: Any) -> None:
        self._warta_on_demand = True
        for name in _LISTS:
            setattr(self, name, OnDemand(self, name, counts[name]))
            self.context[name] = getattr(self, name)
        for name in _EMPTY:
            setattr(self, name, [])
        # Its desks, tags, writers and periods stay as Pelican's `__init__` left them, empty
        # until the objects are made: Warta writes every listing itself (`hand_over_listings`).

    def nothing(self: Any, *args: Any) -> None:
        """Pelican's writes of articles and feeds are all let go (`WartaWriter`), its links in
        summaries are Warta's already, and Warta reports every file it cannot read."""

    generator.generate_context = MethodType(generate_context, generator)
    for name in ("generate_output", "refresh_metadata_intersite_links", "check_disabled_readers"):
        setattr(generator, name, MethodType(nothing, generator))
