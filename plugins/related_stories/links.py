"""Each published story's "Baca juga" for a build: the editor's pins checked, the engine's picks
(`engine.py`) made from the records, or kept from the last build when no record changed
(`link_related`, related_stories' feature)."""

from __future__ import annotations

import secrets
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
from newsroom_model.catalog import did_you_mean
from newsroom_model.record import Story
from newsroom_model.site import SITE
from newsroom_model.source import plain_text

from warta.cache import key_of, plain_digest
from warta.features import Planned
from warta.messages import Hint, Text, t
from warta.parallel import Beside
from warta.problems import Problem, bounded
from warta.run import BuildRun, Slot

from .engine import (
    DESK,
    LATEST,
    PLACE,
    REGION,
    Config,
    IntArray,
    Picks,
    StoryFeatures,
    TermTable,
    related,
    story_terms,
)
from .text import opening

_EPOCH_DAY = 86400.0


# Characters of body HTML enough to hold the first words the engine reads, with room for tags.
_CHARACTERS_PER_WORD = 40


@dataclass(frozen=True)
class RelatedLinks:
    """What one story's "Baca juga" box lists, by the stories' source paths.

    `related`: stories the editor pinned or the ranking is sure of, best first. When there are
    none, `filler` lists other stories of one group, which `group` says ("place", "region",
    "desk" or "latest", as in `engine`) and `group_name` names ("Kota Banjarmasin",
    "Lingkungan"; empty for "latest"), for a heading that says what they are.
    """

    related: tuple[str, ...] = ()
    filler: tuple[str, ...] = ()
    group: str = ""
    group_name: str = ""


RELATED = Slot[Mapping[str, RelatedLinks]]("related", "related_stories")
# The ranking `start_related` started beside the plan.
_STARTED = Slot[Beside[tuple[dict[str, RelatedLinks], float]]]("related ranking", "related_stories")


_CACHE = "related"


_TERMS = "related-terms"
_FEATURES = "related-features"
# Each story's terms (and the digest of its features) are kept in 16 entries, by the first hex
# digit of its record's digest: a build that changes one story saves one or two of them again.
# Kept whole, the terms were about 58 MB at 100,000 stories, and saving them took about a
# second of a one-story build.
_SHARDS = "0123456789abcdef"
# The words the kept terms are ids into (`_KeptTerms`).
_WORDS = "related-words"
# Words no story has any more, beyond those of the archive, before the kept words are numbered
# again (and every shard saved again): a vocabulary kept only grows with each new name.
_SPARE_WORDS = 50_000


def story_of(
    record: Story, body_words: int, *, text: bool = True, pinned: tuple[str, ...] = ()
) -> StoryFeatures:
    """The engine's view of a published story, with the stories `pinned` to it; without its
    words unless `text` (a story whose terms are known from the last build needs none)."""
    location = record.location
    trail = location.trail if location is not None else []
    return StoryFeatures(
        key=record.path,
        day=record.date.timestamp() / _EPOCH_DAY,
        location=location.name if location is not None else "",
        region=trail[-2].name if len(trail) > 1 else "",
        desk=record.category,
        tags=record.tags,
        title=record.title if text else "",
        summary=plain_text(record.summary) if text else "",
        body=plain_text(
            record.body.encoded[: body_words * _CHARACTERS_PER_WORD].decode("utf-8", "ignore")
        )
        if text
        else "",
        pinned=pinned,
    )


def start_related(run: BuildRun) -> None:
    """As soon as the stories out are known, before their listings are made: every pin
    checked (its problems noted in this process), then, when the last build's terms are kept,
    the ranking started beside the rest of the plan, in a forked process
    (`warta.parallel.Beside`), which the theme's planning does not wait for."""
    site = run.get(SITE)
    stories = site.stories
    by_slug: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        by_slug[story.slug].append(story)
    unlisted = {
        story.slug: "scheduled" if story.status == "published" else story.status
        for story in [*site.hidden, *site.drafts, *site.scheduled]
    }
    pinned = [
        tuple(pin.path for pin in _checked_pins(run, story, by_slug, unlisted)) for story in stories
    ]
    # Beside the plan only when the last build's terms are kept, as after a one-story change.
    # Without them (a cold build, new settings) every story is tokenised, and a child forked
    # from a process that has just read the whole archive copies page after page as both
    # allocate into the freed memory they share: at 100,000 stories the cold build's peak
    # went from 3.5 GB to 4.9 GB. There the ranking works in this process, when the plan
    # comes to related stories (`link_related`).
    config = Config.from_settings(run.settings)
    kept = run.cache.holds(_WORDS, _terms_key(run, config))
    run.put(_STARTED, Beside(run.workers if kept else 1, _timed_links, run, pinned))


def link_related(run: BuildRun) -> Planned[Mapping[str, RelatedLinks]]:
    """Every published story's related stories, pinned ones first (the pins were checked by
    `start_related`, the feature's `start`). The part handed on is the ranking started there:
    what asks for a story's links before it is done waits for it, and the plan waits for it
    once every feature has planned."""
    beside = run.get(_STARTED)
    links = _Links(run, beside)
    if not beside.forked:
        # Ranked here, now, where the plan had it before the ranking could fork: after the
        # search index has started (in a cold build it takes longer than all the rest).
        links.settle()
    return Planned(links, settle=links.settle)


class _Links(Mapping[str, RelatedLinks]):
    """Each story's `RelatedLinks` by path, once the ranking working beside the plan is done;
    its time goes into the build's "related" stage."""

    def __init__(self, run: BuildRun, beside: Beside[tuple[dict[str, RelatedLinks], float]]):
        self._run = run
        self._beside: Beside[tuple[dict[str, RelatedLinks], float]] | None = beside
        self._links: dict[str, RelatedLinks] = {}

    def settle(self) -> dict[str, RelatedLinks]:
        if self._beside is not None:
            self._links, seconds = self._beside.result()
            self._beside = None
            self._run.seconds["related"] = self._run.seconds.get("related", 0.0) + seconds
        return self._links

    def __getitem__(self, path: str) -> RelatedLinks:
        return self.settle()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self.settle())

    def __len__(self) -> int:
        return len(self.settle())


def _timed_links(
    run: BuildRun, pinned: list[tuple[str, ...]]
) -> tuple[dict[str, RelatedLinks], float]:
    """`_ranked_links` and the seconds it took (the "related" stage, wherever it ran)."""
    started = time.perf_counter()
    links = _ranked_links(run, pinned)
    return links, time.perf_counter() - started


def _ranked_links(run: BuildRun, pinned: list[tuple[str, ...]]) -> dict[str, RelatedLinks]:
    """Every published story's links, its pins (`pinned`, in the order of the site's stories)
    first. Worked out in a forked process, or in this one (`start_related` says which): it
    reads the run and the cache and writes the cache, and changes nothing else of the run (its
    problems were noted when the pins were checked)."""
    site = run.get(SITE)
    config = Config.from_settings(run.settings)
    stories = site.stories
    # The result depends on the settings and, for every published story, on what the
    # engine reads of it (`_features_digest`) and its pins alone: when none of those
    # changed, the last build's result is used again. A correction further down a body, a
    # new photo or a changed byline re-ranks nothing.
    features_key = key_of(
        run.settings, "related features, body as the engine reads it", config.body_words
    )
    kept_features: dict[str, str] = _load_shards(run, _FEATURES, features_key)
    # The features of stories whose digest is not kept, made once: the engine may need them.
    made: dict[str, StoryFeatures] = {}
    features: dict[str, str] = {}
    for story in stories:
        record = site.keys[story.path]
        found = kept_features.get(record)
        if found is None:
            made[story.path] = story_of(story, config.body_words)
            found = _features_digest(made[story.path], config)
        features[record] = found
    _save_shards(run, _FEATURES, features_key, features, kept_features)
    key = plain_digest(
        config,
        [
            (story.path, features[site.keys[story.path]], pins)
            for story, pins in zip(stories, pinned, strict=True)
        ],
    )
    cache_key = key_of(run.settings, "related links", key)
    known = run.cache.load(_CACHE, cache_key)
    if isinstance(known, dict):
        return known
    # Each story's terms depend on its own record alone: those of the last build are used
    # again, and only new and changed stories are tokenised.
    # Names are terms too, read from the body's first words (engine._term_counts).
    terms_key = _terms_key(run, config)
    kept = _load_terms(run, terms_key)
    digests = [site.keys[story.path] for story in stories]
    rows = np.fromiter(
        (kept.row_of.get(digest, -1) for digest in digests), dtype=np.int64, count=len(digests)
    )
    engine_stories = [
        replace(made[story.path], pinned=pins)
        if story.path in made
        else story_of(story, config.body_words, text=row < 0, pinned=pins)
        for story, pins, row in zip(stories, pinned, rows.tolist(), strict=True)
    ]
    terms = story_terms(engine_stories, config, kept.table, rows)
    picks = related(engine_stories, config, terms)
    result = {
        story.path: _links(stories, engine_stories[row], chosen)
        for row, (story, chosen) in enumerate(zip(stories, picks, strict=True))
    }
    run.cache.save(_CACHE, cache_key, result)
    _save_terms(run, terms_key, kept, terms, digests)
    return result


def _terms_key(run: BuildRun, config: Config) -> str:
    """The key the stories' terms are kept under: the settings and what tokenising reads."""
    return key_of(
        run.settings,
        "related terms and names as ids of kept words, own place left out",
        config.languages,
        config.body_words,
    )


def _features_digest(features: StoryFeatures, config: Config) -> str:
    """A digest of what the engine reads of a story: its place, desk, tags, time, headline,
    summary, and of its body only the opening words it takes (`engine._term_counts`)."""
    return plain_digest(replace(features, body=opening(features.body, config.body_words)))


def _load_shards(run: BuildRun, name: str, key: str) -> dict[str, Any]:
    """What the last build kept under `name`, by record digest (a shard missing or not to be
    trusted only means its stories are worked out again)."""
    kept: dict[str, Any] = {}
    for shard in _SHARDS:
        entry = run.cache.load(f"{name}-{shard}", key)
        if isinstance(entry, dict):
            kept.update(entry)
    return kept


def _save_shards(
    run: BuildRun, name: str, key: str, now: dict[str, Any], kept: dict[str, Any]
) -> None:
    """Keep this build's values under `name` for the next: each shard whose records differ
    from what was kept. A record's digest names its value (under the same key), so the same
    digests mean the same entry."""
    shards: dict[str, dict[str, Any]] = {shard: {} for shard in _SHARDS}
    for digest, value in now.items():
        shards[digest[0]][digest] = value
    before: dict[str, set[str]] = {shard: set() for shard in _SHARDS}
    for digest in kept:
        before[digest[0]].add(digest)
    for shard, entry in shards.items():
        if entry.keys() != before[shard]:
            run.cache.save(f"{name}-{shard}", key, entry)
    run.cache.forget(name)  # what a Warta before the shards kept, in one entry


@dataclass(frozen=True)
class _KeptTerms:
    """The stories' terms a last build kept (`_load_terms`): `table`'s row `row_of[digest]`
    holds the terms of the record of that digest. The shards hold them as ids of one list of
    words (`_WORDS`), saved with a `generation` that the shards' keys name: a shard is read
    only with the words it was saved against, or ones that grew from them."""

    generation: str
    table: TermTable
    row_of: dict[str, int]
    shards: dict[str, frozenset[str]]  # each shard loaded, with the digests it holds

    @staticmethod
    def none() -> _KeptTerms:
        return _KeptTerms(_new_generation(), TermTable.empty(), {}, {})


def _new_generation() -> str:
    """A name for words numbered afresh: shards saved against other numbers never match it."""
    return secrets.token_hex(8)


def _load_terms(run: BuildRun, key: str) -> _KeptTerms:
    """The terms the last build kept, from its words and shards. A shard missing, damaged or of
    other words only means its stories are tokenised again."""
    entry = run.cache.load(_WORDS, key)
    if not (
        isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], list)
    ):
        return _KeptTerms.none()
    generation, words = entry
    digests: list[str] = []
    bounds = [np.zeros(1, dtype=np.int64)]
    ids = [np.zeros(0, dtype=np.int32)]
    counts = [np.zeros(0, dtype=np.int32)]
    shards: dict[str, frozenset[str]] = {}
    offset = 0  # of this shard's ids among those of the shards before it
    for shard in _SHARDS:
        part = _sound_shard(run.cache.load(f"{_TERMS}-{shard}", f"{key}.{generation}"), len(words))
        if part is None:
            continue
        names, part_bounds, part_ids, part_counts = part
        shards[shard] = frozenset(names)
        digests.extend(names)
        bounds.append(part_bounds[1:] + offset)
        ids.append(part_ids)
        counts.append(part_counts)
        offset += len(part_ids)
    table = TermTable(words, np.concatenate(bounds), np.concatenate(ids), np.concatenate(counts))
    return _KeptTerms(
        generation, table, dict(zip(digests, range(len(digests)), strict=True)), shards
    )


_Shard = tuple[list[str], npt.NDArray[np.int64], IntArray, IntArray]


def _sound_shard(part: Any, words: int) -> _Shard | None:
    """A loaded shard, if it is the (digests, bounds, ids, counts) `_save_terms` writes, with
    its ids all among `words` words."""
    if not (isinstance(part, tuple) and len(part) == 4 and isinstance(part[0], list)):
        return None
    names, bounds, ids, counts = part
    sound = (
        all(isinstance(array, np.ndarray) and array.ndim == 1 for array in (bounds, ids, counts))
        and bounds.dtype == np.int64
        and ids.dtype == counts.dtype == np.int32
        and len(bounds) == len(names) + 1
        and bounds[0] == 0
        and bool(np.all(np.diff(bounds) >= 0))
        and bounds[-1] == len(ids) == len(counts)
        and (not len(ids) or (int(ids.min()) >= 0 and int(ids.max()) < words))
        and all(isinstance(name, str) and name for name in names)
    )
    return (names, bounds, ids, counts) if sound else None


def _save_terms(
    run: BuildRun, key: str, kept: _KeptTerms, terms: TermTable, digests: list[str]
) -> None:
    """Keep this build's terms (row i the record of `digests[i]`) for the next: the words when
    they grew, then each shard whose records differ from what was kept. Once the words are more
    than twice those the stories have, and `_SPARE_WORDS` more, those no story has any more are
    dropped and the ids numbered again: a new generation, every shard saved again."""
    generation, table = kept.generation, terms
    used = np.flatnonzero(np.bincount(terms.ids, minlength=len(terms.words)))
    if len(terms.words) > 2 * len(used) + _SPARE_WORDS:
        generation = _new_generation()
        renumbered = np.zeros(len(terms.words), dtype=np.int32)
        renumbered[used] = np.arange(len(used), dtype=np.int32)
        words = [terms.words[word] for word in used.tolist()]
        table = TermTable(words, terms.bounds, renumbered[terms.ids], terms.counts)
    same = generation == kept.generation
    if not same or len(table.words) != len(kept.table.words):
        # Before the shards: a shard saved is read only with the words its ids are of.
        run.cache.save(_WORDS, key, (generation, list(table.words)))
    rows: dict[str, int] = dict(zip(digests, range(len(digests)), strict=True))
    by_shard: dict[str, dict[str, int]] = {shard: {} for shard in _SHARDS}
    for digest, row in rows.items():
        by_shard[digest[0]][digest] = row
    for shard, held in by_shard.items():
        if same and kept.shards.get(shard) == held.keys():
            continue
        part = table.rows(np.fromiter(held.values(), dtype=np.int64, count=len(held)))
        value = (list(held), part.bounds, part.ids, part.counts)
        run.cache.save(f"{_TERMS}-{shard}", f"{key}.{generation}", value)
    run.cache.forget(_TERMS)  # what a Warta before the shards kept, in one entry


def _links(stories: list[Story], story: StoryFeatures, picks: Picks) -> RelatedLinks:
    """The engine's picks for `story` as source paths, with the name of the filler's group."""
    names = {PLACE: story.location, REGION: story.region, DESK: story.desk, LATEST: ""}
    return RelatedLinks(
        related=tuple(stories[pick].path for pick in picks.related),
        filler=tuple(stories[pick].path for pick in picks.filler),
        group=picks.group,
        group_name=names.get(picks.group, ""),
    )


def _checked_pins(
    run: BuildRun, story: Story, by_slug: dict[str, list[Story]], unlisted: dict[str, str]
) -> list[Story]:
    """The published stories an editor pinned; any other slug is reported as a problem."""
    pins = []
    for slug in story.pins:
        matches = by_slug.get(slug, [])
        if len(matches) == 1:
            pins.append(matches[0])
            continue
        message: Text
        hint: Hint
        if slug in unlisted:
            message = {
                "draft": t("'{slug}' is a draft story", slug=slug),
                "hidden": t("'{slug}' is a hidden story", slug=slug),
            }.get(unlisted[slug], t("'{slug}' is a scheduled story", slug=slug))
            hint = t("link only published stories")
        elif matches:
            message = t("'{slug}' names {count} stories", slug=slug, count=len(matches))
            hint = t("give them distinct slugs")
        else:
            message = t("'{slug}' is not the slug of any published story", slug=bounded(slug))
            hint = did_you_mean(slug, list(by_slug), t("check the slug in the story's address"))
        run.problems.append(
            Problem(story.display, story.line_of("related"), "Related", message, hint)
        )
    return pins
