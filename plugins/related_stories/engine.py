"""Rank, for every story, the stories an editor would link under it, without comparing all pairs.

Candidates for a story come only from inverted indexes: stories filed from the same place, with a
shared tag, or sharing one of the story's rarest terms (names among them), and of those only the
nearest in time on each side. Each candidate then gets a weighted score from six signals (same
place, same region, IDF-weighted shared tags, same desk, TF-IDF cosine of the text, closeness in
time). In the text, names ("ahmad saputra") count more than words, and each of the story's terms
counts as much as it is specific to the story among its candidates. Then the story's best
candidates vote for their own (`follow_threads`), and only candidates with enough evidence are
kept (`sure`); a story left with none gets filler of one named group (`Fallbacks`). The work per
story is bounded by the number of its features times the neighbours taken per feature, so the
whole run grows with the number of stories, not with its square.
"""

from __future__ import annotations

import bisect
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from warta.parallel import map_ranges

from .text import is_content_word, names, opening, stop_words, words

T = TypeVar("T")
IntArray = npt.NDArray[np.int32]
IdArray = npt.NDArray[np.intp]
Float32Array = npt.NDArray[np.float32]
FloatArray = npt.NDArray[np.float64]

# Terms in more than this share of stories carry no meaning about one event.
_SIGNATURE_MAX_SHARE = 0.2
_SIGNATURE_FLOOR = 10
# Cells of the per-block dense tables (float32), 4 MB: small enough to stay in cache.
_DENSE_BUDGET = 1_000_000
# Stories per range of work: bounds the temporary arrays of tokenising and ranking.
_RANGE_LIMIT = 5000
# Below this many stories, starting worker processes costs more than it saves.
_PARALLEL_FROM = 4000
# Candidates kept per story beyond the count: room for pinned stories, the ones `sure` drops,
# and those that `follow_threads` raises from below the count.
_SPARE = 8


@dataclass(frozen=True)
class StoryFeatures:
    """What the engine knows of one published story."""

    key: str
    day: float
    location: str = ""
    region: str = ""
    desk: str = ""
    tags: tuple[str, ...] = ()
    title: str = ""
    summary: str = ""
    body: str = ""
    pinned: tuple[str, ...] = ()


@dataclass(frozen=True)
class Weights:
    """What each signal adds to a candidate's score."""

    location: float
    region: float
    tags: float
    desk: float
    text: float
    time: float


@dataclass(frozen=True)
class Config:
    """The engine's settings, read from WARTA_RELATED_*; their defaults and meaning: settings.py."""

    weights: Weights
    count: int
    time_scale_days: float
    window_days: float
    direction: str
    tag_max_share: float
    tag_floor: int
    languages: tuple[str, ...]
    body_words: int
    name_weight: float
    signature_terms: int
    candidate_terms: int
    rare_term_max_share: float
    rare_term_floor: int
    neighbours: int
    follow_top: int
    follow_weight: float
    min_evidence: float
    evidence_share: float
    workers: int

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Config:
        return cls(
            weights=Weights(**settings["WARTA_RELATED_WEIGHTS"]),
            count=int(settings["WARTA_RELATED_COUNT"]),
            time_scale_days=float(settings["WARTA_RELATED_TIME_SCALE_DAYS"]),
            window_days=float(settings["WARTA_RELATED_WINDOW_DAYS"]),
            direction=str(settings["WARTA_RELATED_DIRECTION"]),
            tag_max_share=float(settings["WARTA_RELATED_TAG_MAX_SHARE"]),
            tag_floor=int(settings["WARTA_RELATED_TAG_FLOOR"]),
            languages=tuple(settings["WARTA_RELATED_LANGUAGES"]),
            body_words=int(settings["WARTA_RELATED_BODY_WORDS"]),
            name_weight=float(settings["WARTA_RELATED_NAME_WEIGHT"]),
            signature_terms=int(settings["WARTA_RELATED_SIGNATURE_TERMS"]),
            candidate_terms=int(settings["WARTA_RELATED_CANDIDATE_TERMS"]),
            rare_term_max_share=float(settings["WARTA_RELATED_RARE_TERM_MAX_SHARE"]),
            rare_term_floor=int(settings["WARTA_RELATED_RARE_TERM_FLOOR"]),
            neighbours=int(settings["WARTA_RELATED_NEIGHBOURS"]),
            follow_top=int(settings["WARTA_RELATED_FOLLOW_TOP"]),
            follow_weight=float(settings["WARTA_RELATED_FOLLOW_WEIGHT"]),
            min_evidence=float(settings["WARTA_RELATED_MIN_EVIDENCE"]),
            evidence_share=float(settings["WARTA_RELATED_EVIDENCE_SHARE"]),
            workers=int(settings["WARTA_RELATED_WORKERS"]) or (os.cpu_count() or 1),
        )


def _cap(count: int, share: float, floor: int) -> int:
    """A document-frequency limit that scales with the archive but never drops below `floor`."""
    return max(floor, int(share * count))


def _codes(values: Sequence[str]) -> IntArray:
    """Each distinct non-empty value as a small integer; empty values get -1."""
    table: dict[str, int] = {}
    return np.array(
        [table.setdefault(value, len(table)) if value else -1 for value in values], dtype=np.int32
    )


@dataclass
class SparseRows:
    """One fixed-width sparse vector per story (ids padded with `size`), each L2-normal."""

    ids: IdArray
    weights: Float32Array
    size: int
    # Kept between blocks (`cosines`): each id's column in the block's table, and the table.
    columns: IdArray | None = None
    dense: Float32Array | None = None

    def cosines(
        self, local: IntArray, found: IntArray, start: int, block: int, *, specific: bool = False
    ) -> Float32Array:
        """Cosine of each (start + local, found) pair of vectors.

        The block's own vectors are spread into a dense table, a row per owner and a column
        per id any of them has (column 0 for every other id, and the padding, always 0), so
        each candidate's products are one gather from its owner's row, with no dictionary
        lookups. Columns for the block's ids only, not for every id of the archive, keep the
        table small with blocks of many owners: with a column per id (140,000 at 100,000
        stories) a block held 7 owners, and the numpy calls of 14,000 blocks cost more than
        their work. The table is kept between blocks and only the cells written are cleared.

        With `specific`, each of an owner's terms first counts as much as it is specific to the
        owner among its candidates: times 1 + log((n + 1) / (m + 1)), n candidates of which m
        have the term (`_specific`).
        """
        own = self.ids[start : start + block]
        weights = self.weights[start : start + block]
        if self.columns is None:
            self.columns = np.zeros(self.size + 1, dtype=np.intp)
        used = np.unique(own)
        used = used[used != self.size]
        self.columns[used] = np.arange(1, len(used) + 1)
        own = self.columns[own]
        found_columns = self.columns.take(self.ids.take(found, axis=0))
        self.columns[used] = 0
        if self.dense is None or self.dense.size < block * (len(used) + 1):
            self.dense = np.zeros(block * (len(used) + 1), dtype=np.float32)
        table = self.dense[: block * (len(used) + 1)].reshape(block, len(used) + 1)
        rows = np.arange(block)[:, None]
        if specific:
            weights = self._specific(table, local, found_columns, own, weights)
        table[rows, own] = weights
        table[:, 0] = 0.0
        gathered = table[local[:, None], found_columns]
        products: Float32Array = np.einsum("ij,ij->i", gathered, self.weights.take(found, axis=0))
        table[rows, own] = 0.0
        return products

    @staticmethod
    def _specific(
        table: Float32Array,
        local: IntArray,
        found_columns: IdArray,
        own: IdArray,
        weights: Float32Array,
    ) -> Float32Array:
        """The block's own vectors, each term weighted by how few of the owner's candidates
        have it (among their own vectors' terms), then made L2-normal again.

        The table (clear, and cleared again after; `cosines`' columns) first holds each
        owner's term's slot, counted from 1 (0 where the owner has no such term): one gather
        finds, for every candidate's term, which of the owner's terms it is, and one bincount
        counts them (slot 0 counting nothing of use). No second table: the workers' memory
        stays as it was.
        """
        block, width = own.shape
        rows = np.arange(block)[:, None]
        table[rows, own] = np.arange(1, width + 1, dtype=np.float32)
        table[:, 0] = 0.0
        cells = table[local[:, None], found_columns].astype(np.int64)
        table[rows, own] = 0.0
        cells += (local * (width + 1))[:, None]
        counted = np.bincount(cells.ravel(), minlength=block * (width + 1))
        having = counted.reshape(block, width + 1)[:, 1:]
        candidates = np.bincount(local, minlength=block)[:, None]
        specific = weights * (1.0 + np.log((candidates + 1.0) / (having + 1.0)))
        norms = np.sqrt((specific**2).sum(axis=1, keepdims=True))
        np.divide(specific, norms, out=specific, where=norms > 0)
        return specific.astype(np.float32)


@dataclass
class Index:
    """Arrays built once per run; scoring one story reads only its own slice of them."""

    day: FloatArray
    location: IntArray
    region: IntArray
    desk: IntArray
    rank: IntArray
    recency: IntArray
    terms: SparseRows
    tags: SparseRows
    postings: IntArray
    window_low: IntArray
    window_high: IntArray
    entry_order: IntArray
    entry_bounds: IntArray
    config: Config


def _padded(
    rows: IntArray, columns: IntArray, values: FloatArray, ids: IntArray, shape: tuple[int, int]
) -> tuple[IdArray, Float32Array]:
    """Sparse (row, column, value) triples as fixed-width id and weight tables, rows L2-normal."""
    pad = np.iinfo(np.int32).max
    table = np.full(shape, pad, dtype=np.intp)
    weights = np.zeros(shape, dtype=np.float32)
    table[rows, columns] = ids
    weights[rows, columns] = values
    norms = np.sqrt((weights**2).sum(axis=1, keepdims=True))
    np.divide(weights, norms, out=weights, where=norms > 0)
    return table, weights


def _top_per_row(
    rows: IntArray, keys: FloatArray, limit: int, count: int
) -> tuple[npt.NDArray[np.intp], IntArray]:
    """Positions of each row's `limit` largest (non-negative) keys, and their rank in the row.

    Rows ascending then keys descending make one float key; equal keys keep their input order.
    """
    order = np.argsort(rows * (float(keys.max(initial=0.0)) + 1.0) - keys, kind="stable")
    sorted_rows = rows[order]
    starts = np.searchsorted(sorted_rows, np.arange(count))
    rank = np.arange(len(order)) - starts[sorted_rows]
    keep = rank < limit
    return order[keep], rank[keep].astype(np.int32)


def _term_counts(
    stories: Sequence[StoryFeatures], config: Config, start: int, end: int
) -> tuple[list[str], IntArray, IntArray, IntArray]:
    """Content-word and name counts of stories[start:end], with ids local to this range.

    The headline counts twice; the body gives only its first `body_words` words, the lead
    paragraphs that say what the story is about. Names (`text.names`: "ahmad saputra") come
    from the summary and those same words; they are terms like any other, told apart by the
    space in them.
    """
    stop = stop_words(config.languages)
    found: list[str] = []
    lengths: list[int] = []
    for row in range(start, end):
        story = stories[row]
        body = opening(story.body, config.body_words)
        text = words(f"{story.title} {story.title} {story.summary} {body}")
        text += names(story.summary, stop)
        text += names(body, stop)
        found.extend(text)
        lengths.append(len(text))
    # Counting happens on integer arrays, not per-story dictionaries, and each distinct word is
    # judged once. One C-level pass gives each word the place where it first occurs; a lookup
    # table then numbers those places 0, 1, 2, ... in order, as `vocabulary` lists them.
    position: dict[str, int] = {}
    first_seen = np.fromiter(
        map(position.setdefault, found, itertools.count()), dtype=np.int64, count=len(found)
    )
    vocabulary = list(position)
    dense = np.zeros(len(found) + 1, dtype=np.int64)
    dense[np.fromiter(position.values(), dtype=np.int64, count=len(position))] = np.arange(
        len(position)
    )
    ids = dense[first_seen]
    content = np.fromiter(
        (is_content_word(word, stop) for word in vocabulary), dtype=bool, count=len(vocabulary)
    )
    rows = np.repeat(np.arange(start, end, dtype=np.int64), lengths)
    own_place = _of_own_place(
        stories, start, end, position=position, dense=dense, rows=rows, ids=ids
    )
    keep = content[ids] & ~own_place
    pairs, counts = np.unique(rows[keep] * len(vocabulary) + ids[keep], return_counts=True)
    pair_rows, pair_ids = np.divmod(pairs, len(vocabulary))
    new_id = np.cumsum(content) - 1
    return (
        [word for word, is_content in zip(vocabulary, content, strict=True) if is_content],
        pair_rows.astype(np.int32),
        new_id[pair_ids].astype(np.int32),
        counts.astype(np.int32),
    )


@cache
def _place_words(location: str, region: str) -> frozenset[str]:
    """The words of a story's own place and region (once per place, not per story). They are
    the place signal's to count: "kapuas" and "kabupaten kapuas" in the words or the tags of two
    stories from Kapuas say no more than their Location does. Counted again as words and tags,
    they made a bridge collapse and a village election look like one event."""
    return frozenset(words(f"{location} {region}"))


@cache
def _tag_words(tag: str) -> frozenset[str]:
    """A tag's words, once per tag: the same few hundred tags are on most of 100,000 stories."""
    return frozenset(words(tag))


def _of_own_place(
    stories: Sequence[StoryFeatures],
    start: int,
    end: int,
    *,
    position: dict[str, int],
    dense: npt.NDArray[np.int64],
    rows: npt.NDArray[np.int64],
    ids: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    """Which of the range's words (story `rows`, word `ids`: `dense[position[word]]`) are made
    only of the story's own place's words (`_place_words`).

    A place has a handful of words, so the terms they can make (each word, each pair: names
    are pairs) are listed once per place and looked up, rather than each of a story's few
    hundred words being compared with its place in Python.
    """
    place_code: dict[tuple[str, str], int] = {}
    codes = np.empty(end - start, dtype=np.int64)
    marked: list[int] = []
    for row in range(start, end):
        story = stories[row]
        where = (story.location, story.region)
        code = place_code.get(where)
        if code is None:
            code = place_code[where] = len(place_code)
            own = sorted(_place_words(*where))
            for term in [*own, *(f"{a} {b}" for a in own for b in own)]:
                if term in position:
                    marked.append(code * len(position) + int(dense[position[term]]))
        codes[row - start] = code
    if not marked:
        return np.zeros(len(ids), dtype=bool)
    keys = codes[rows - start] * len(position) + ids
    return np.isin(keys, np.array(marked, dtype=np.int64))


def _recency(day: FloatArray, rank: IntArray) -> IntArray:
    """Each story's place in newest-first order, ties by key: the last tie-breaker of a ranking."""
    order = np.lexsort((rank, -day))
    place = np.empty(len(day), dtype=np.int32)
    place[order] = np.arange(len(day), dtype=np.int32)
    return place


# A story's content words (each once, in alphabetical order) and how often each occurs.
Terms = tuple[tuple[str, ...], IntArray]


@dataclass(frozen=True)
class TermTable:
    """Every story's content words (each once) and how often each occurs: what the text
    signals are computed from. Story i's are `ids[bounds[i]:bounds[i + 1]]`, ids into `words`,
    in the alphabetical order of their words, each with its count in `counts`.

    A story's terms depend on its headline, summary, body and place alone (its record), so a
    build keeps them for the next, which tokenises only the stories that changed
    (`story_terms`). They are kept as numbers, not words: 5.7 million words of 100,000 stories
    took a second to load, look up and map to ids in every build that ranked again. `words` may
    hold words no story has any more (a kept vocabulary only grows) and is in no order; a word
    is in it once.
    """

    words: Sequence[str]
    bounds: npt.NDArray[np.int64]
    ids: IntArray
    counts: IntArray

    @staticmethod
    def empty() -> TermTable:
        nothing = np.zeros(0, dtype=np.int32)
        return TermTable([], np.zeros(1, dtype=np.int64), nothing, nothing)

    def of(self, row: int) -> Terms:
        """Story `row`'s terms as words, with their counts."""
        low, high = int(self.bounds[row]), int(self.bounds[row + 1])
        return tuple(self.words[i] for i in self.ids[low:high].tolist()), self.counts[low:high]

    def rows(self, chosen: npt.NDArray[np.int64]) -> TermTable:
        """The stories `chosen` (rows of this table), in that order, with the same words."""
        starts, lengths = self.bounds[chosen], np.diff(self.bounds)[chosen]
        return _gathered(self.words, starts, lengths, self.ids, self.counts)


def _gathered(
    words: Sequence[str],
    starts: npt.NDArray[np.int64],
    lengths: npt.NDArray[np.int64],
    ids: IntArray,
    counts: IntArray,
) -> TermTable:
    """A table of slices of flat `ids` and `counts`: row i is the `lengths[i]` entries from
    `starts[i]`. One gather for all rows, however many."""
    bounds = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    spots = np.repeat(starts - bounds[:-1], lengths) + np.arange(bounds[-1], dtype=np.int64)
    return TermTable(words, bounds, ids[spots], counts[spots])


def _terms_range(
    stories: Sequence[StoryFeatures], config: Config, start: int, end: int
) -> tuple[list[str], npt.NDArray[np.int64], IntArray, IntArray]:
    """The range's words, and each story's terms as ids into them, in alphabetical order of
    the words, with their counts; returned as each story's number of terms and the flat ids
    and counts (a worker sends back each word once, not once per story that has it)."""
    local_words, rows, ids, counts = _term_counts(stories, config, start, end)
    # Each story's terms in word order, so a story's terms are the same whichever stories shared
    # its range (and `build_index` finds them in the order of its own ids). One sort of the
    # range's words and one of its (story, word) pairs put every story's terms in one slice.
    alphabetical = np.empty(len(local_words), dtype=np.int64)
    alphabetical[sorted(range(len(local_words)), key=local_words.__getitem__)] = np.arange(
        len(local_words)
    )
    order = np.lexsort((alphabetical[ids], rows))
    lengths = np.bincount(rows - start, minlength=end - start).astype(np.int64)
    return local_words, lengths, ids[order], counts[order]


def story_terms(
    stories: Sequence[StoryFeatures],
    config: Config,
    kept: TermTable | None = None,
    rows: npt.NDArray[np.int64] | None = None,
) -> TermTable:
    """Each story's terms: those of row `rows[i]` of `kept` for story i where that is not
    negative, else tokenised (in parallel). New words are added after `kept`'s words."""
    if kept is None or rows is None:
        kept, rows = TermTable.empty(), np.full(len(stories), -1, dtype=np.int64)
    missing = np.flatnonzero(rows < 0)
    wanted = [stories[row] for row in missing.tolist()]
    parts = _map_ranges(_terms_range, len(wanted), config.workers, wanted, config)
    words = list(kept.words)
    position: dict[str, int] = {}
    if parts:
        position = dict(zip(words, range(len(words)), strict=True))
    new_lengths = [np.zeros(0, dtype=np.int64)]
    new_ids = [kept.ids]
    new_counts = [kept.counts]
    for local_words, lengths, ids, counts in parts:
        to_id = np.fromiter(
            (position.setdefault(word, len(position)) for word in local_words),
            dtype=np.int32,
            count=len(local_words),
        )
        new_lengths.append(lengths)
        new_ids.append(to_id[ids])
        new_counts.append(counts.astype(np.int32))
    words.extend(itertools.islice(position, len(words), None))
    fresh = np.concatenate(new_lengths)
    lengths = np.zeros(len(stories), dtype=np.int64)
    starts = np.zeros(len(stories), dtype=np.int64)
    have = np.flatnonzero(rows >= 0)
    lengths[have] = np.diff(kept.bounds)[rows[have]]
    starts[have] = kept.bounds[rows[have]]
    lengths[missing] = fresh
    starts[missing] = len(kept.ids) + np.cumsum(fresh) - fresh
    return _gathered(words, starts, lengths, np.concatenate(new_ids), np.concatenate(new_counts))


def build_index(
    stories: Sequence[StoryFeatures], config: Config, terms: TermTable | None = None
) -> Index:
    """Lay out the arrays and inverted indexes scoring needs, from each story's terms
    (`story_terms`; tokenised here when not given)."""
    count = len(stories)
    if terms is None:
        terms = story_terms(stories, config)
    # Ids in alphabetical order, so ties between terms break the same way however the work
    # was split between processes, and whichever stories' terms were kept from a last build.
    # Each story's terms are in word order (`TermTable`), so its ids come out ascending: the
    # (story, term) pairs are sorted as they are made. The words no story has are left out.
    in_stories = np.bincount(terms.ids, minlength=len(terms.words))
    alphabetical = sorted(np.flatnonzero(in_stories).tolist(), key=terms.words.__getitem__)
    vocabulary = [terms.words[word] for word in alphabetical]
    new_id = np.zeros(len(terms.words), dtype=np.int32)
    new_id[alphabetical] = np.arange(len(alphabetical), dtype=np.int32)
    term_rows = np.repeat(np.arange(count, dtype=np.int32), np.diff(terms.bounds))
    term_ids = new_id[terms.ids]
    frequencies = terms.counts.astype(np.int32)
    # A story has each of its terms once: the stories that have a term are its count here.
    document_frequency = in_stories[alphabetical]
    idf = np.log((count + 1) / (document_frequency + 1)) + 1.0
    # A shared name says more than a shared word: the people and villages of an event tell it
    # from another of its kind in the same place and week.
    is_name = np.fromiter((" " in word for word in vocabulary), dtype=bool, count=len(vocabulary))

    # The text signature: each story's strongest terms. Those in no other story match nothing,
    # but they stay in the vector: a story that shares only "warga" with another must not be
    # all "warga" to the cosine, as it was when they were left out.
    df_of = document_frequency[term_ids]
    usable = (df_of >= 2) & (df_of <= _cap(count, _SIGNATURE_MAX_SHARE, _SIGNATURE_FLOOR))
    weight = (1.0 + np.log(frequencies)) * idf[term_ids]
    weight *= np.where(is_name[term_ids], config.name_weight, 1.0)
    picked, slot = _top_per_row(term_rows[usable], weight[usable], config.signature_terms, count)
    sig_rows, sig_terms = term_rows[usable][picked], term_ids[usable][picked]
    signature_ids, signature_weights = _padded(
        sig_rows, slot, weight[usable][picked], sig_terms, (count, config.signature_terms)
    )
    signature_ids[signature_ids == np.iinfo(np.int32).max] = len(vocabulary)

    # Rare terms feed the candidate index: the story's rarest signature terms.
    sig_df = document_frequency[sig_terms]
    rare = (sig_df >= 2) & (
        sig_df <= _cap(count, config.rare_term_max_share, config.rare_term_floor)
    )
    rare_picked, _ = _top_per_row(
        sig_rows[rare], idf[sig_terms[rare]], config.candidate_terms, count
    )
    rare_rows, rare_terms = sig_rows[rare][rare_picked], sig_terms[rare][rare_picked]

    tag_rows, tag_ids, tag_ids_padded, tag_weights, tag_total = _tag_tables(stories, config)

    location = _codes([story.location for story in stories])
    day = np.array([story.day for story in stories], dtype=np.float64)
    keys = sorted(range(count), key=lambda row: stories[row].key)
    rank = np.empty(count, dtype=np.int32)
    rank[keys] = np.arange(count, dtype=np.int32)

    # One inverted index over four kinds of feature, each posting list in time order. The region
    # gives a story from a place with little news some nearby stories to choose from.
    region = _codes([story.region for story in stories])
    located = np.flatnonzero(location >= 0).astype(np.int32)
    in_region = np.flatnonzero(region >= 0).astype(np.int32)
    places = int(location.max(initial=-1)) + 1
    regions = places + int(region.max(initial=-1)) + 1
    feature = np.concatenate(
        [
            location[located],
            places + region[in_region],
            regions + tag_ids,
            regions + tag_total + rare_terms,
        ]
    )
    owner = np.concatenate([located, in_region, tag_rows, rare_rows])
    order = np.lexsort((rank[owner], day[owner], feature))
    sorted_feature = feature[order]
    postings = owner[order]
    # Each entry's reach in its posting list: its `neighbours` nearest in time on each side.
    place_in_list = np.arange(len(postings))
    window_low = np.maximum(
        np.searchsorted(sorted_feature, sorted_feature, side="left"),
        place_in_list - config.neighbours,
    ).astype(np.int32)
    window_high = np.minimum(
        np.searchsorted(sorted_feature, sorted_feature, side="right"),
        place_in_list + config.neighbours + 1,
    ).astype(np.int32)
    entry_order = np.argsort(postings, kind="stable").astype(np.int32)
    entry_bounds = np.concatenate(([0], np.cumsum(np.bincount(postings, minlength=count))))

    return Index(
        day=day,
        location=location,
        region=region,
        desk=_codes([story.desk for story in stories]),
        rank=rank,
        recency=_recency(day, rank),
        terms=SparseRows(signature_ids, signature_weights, len(vocabulary)),
        tags=SparseRows(tag_ids_padded, tag_weights, tag_total),
        postings=postings,
        window_low=window_low,
        window_high=window_high,
        entry_order=entry_order,
        entry_bounds=entry_bounds.astype(np.int32),
        config=config,
    )


def _tag_tables(
    stories: Sequence[StoryFeatures], config: Config
) -> tuple[IntArray, IntArray, IdArray, Float32Array, int]:
    """Shared tags that mean something: IDF-weighted, and none used on too many stories.

    Returns each kept (story, tag) pair, the padded per-story tag tables, and how many distinct
    tags were kept (their ids run from 0; that count is the padding id).
    """
    count = len(stories)
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    ids: list[int] = []
    for row, story in enumerate(stories):
        place = _place_words(story.location, story.region)
        for tag in dict.fromkeys(tag.strip().casefold() for tag in story.tags if tag.strip()):
            if place and place.issuperset(_tag_words(tag)):
                continue
            rows.append(row)
            ids.append(vocabulary.setdefault(tag, len(vocabulary)))
    tag_rows = np.array(rows, dtype=np.int32)
    tag_ids = np.array(ids, dtype=np.int32)
    frequency = np.bincount(tag_ids, minlength=len(vocabulary))
    kept = (frequency[tag_ids] >= 2) & (
        frequency[tag_ids] <= _cap(count, config.tag_max_share, config.tag_floor)
    )
    tag_rows, tag_ids = tag_rows[kept], tag_ids[kept]
    idf = np.log((count + 1) / (frequency[tag_ids] + 1)) + 1.0
    used, inverse = np.unique(tag_ids, return_inverse=True)
    tag_ids = inverse.astype(np.int32)
    slot = np.zeros(len(tag_rows), dtype=np.int32)
    if len(tag_rows):
        starts = np.searchsorted(tag_rows, np.arange(count))
        slot = (np.arange(len(tag_rows)) - starts[tag_rows]).astype(np.int32)
    width = int(slot.max(initial=-1)) + 1 or 1
    padded_ids, weights = _padded(tag_rows, slot, idf, tag_ids, (count, width))
    padded_ids[padded_ids == np.iinfo(np.int32).max] = len(used)
    return tag_rows, tag_ids, padded_ids, weights, len(used)


def candidate_pairs(index: Index, start: int, end: int) -> tuple[IntArray, IntArray]:
    """(story, candidate) pairs for stories start..end-1, sorted, without repeats or self.

    A story's candidates share a feature with it and are among the nearest in time on each side
    of that feature's posting list.
    """
    config = index.config
    entries = index.entry_order[index.entry_bounds[start] : index.entry_bounds[end]]
    entry_owner = np.repeat(
        np.arange(start, end, dtype=np.int64), np.diff(index.entry_bounds[start : end + 1])
    )
    low, high = index.window_low[entries], index.window_high[entries]
    lengths = (high - low).astype(np.int64)
    total = int(lengths.sum())
    # All windows' positions in one gather: each window's start, repeated over its length, plus
    # a running count.
    offsets = np.repeat(low - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
    keys = np.repeat(entry_owner, lengths) * len(index.day) + index.postings[offsets]
    keys.sort()
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
    owner, found = np.divmod(keys, len(index.day))
    gap = index.day[found] - index.day[owner]
    keep = (found != owner) & (np.abs(gap) <= config.window_days)
    if config.direction == "older":
        keep &= gap <= 0
    return owner[keep].astype(np.int32), found[keep].astype(np.int32)


def score_pairs(
    index: Index, owner: IntArray, found: IntArray, start: int
) -> tuple[FloatArray, FloatArray]:
    """Each pair's weighted sum of the six signals, and its evidence: the part of it that the
    two stories' tags and words give (place, desk and time are shared by unrelated stories
    too). Owners lie in start..start+block-1."""
    weights = index.config.weights
    place = index.location[owner]
    same_place = (index.location[found] == place) & (place >= 0)
    region = index.region[owner]
    same_region = (index.region[found] == region) & (region >= 0) & ~same_place
    desk = index.desk[owner]
    same_desk = (index.desk[found] == desk) & (desk >= 0)
    closeness = np.exp(-np.abs(index.day[found] - index.day[owner]) / index.config.time_scale_days)
    local = owner - start
    block = int(local.max(initial=-1)) + 1
    evidence: FloatArray = weights.tags * index.tags.cosines(
        local, found, start, block
    ) + weights.text * index.terms.cosines(local, found, start, block, specific=True)
    total: FloatArray = (
        weights.location * same_place
        + weights.region * same_region
        + weights.desk * same_desk
        + weights.time * closeness
        + evidence
    )
    return total, evidence


@dataclass(frozen=True)
class Rankings:
    """Stories' best candidates in flat arrays: those of the i-th story ranked are
    `stories[bounds[i]:bounds[i + 1]]`, best first, each with its score and evidence
    (`score_pairs`). Flat, so that a range of them crosses from a worker as a few arrays."""

    bounds: npt.NDArray[np.int64]
    stories: IntArray
    scores: Float32Array
    evidence: Float32Array

    def of(self, row: int) -> IntArray:
        """The row's ranked candidates, best first."""
        return self.stories[self.bounds[row] : self.bounds[row + 1]]

    @staticmethod
    def joined(parts: Sequence[Rankings]) -> Rankings:
        """Consecutive rankings as one."""
        sizes = [part.bounds[-1] for part in parts]
        offsets = np.cumsum([0, *sizes[:-1]])
        return Rankings(
            np.concatenate(
                [[0]]
                + [part.bounds[1:] + offset for part, offset in zip(parts, offsets, strict=True)]
            ).astype(np.int64),
            np.concatenate([part.stories for part in parts]),
            np.concatenate([part.scores for part in parts]),
            np.concatenate([part.evidence for part in parts]),
        )


def rank_block(index: Index, start: int, end: int) -> Rankings:
    """The best stories for each of start..end-1: highest score, then the newer, then by key."""
    owner, found = candidate_pairs(index, start, end)
    scores, evidence = score_pairs(index, owner, found, start)
    # Scores stay below the headroom, so one float key orders by story, then best score first;
    # exact ties fall to the precomputed newest-first order.
    headroom = sum(abs(value) for value in vars(index.config.weights).values()) + 1.0
    order = np.lexsort((index.recency[found], owner * headroom - scores))
    owner = owner[order]
    starts = np.searchsorted(owner, np.arange(start, end + 1))
    keep = (np.arange(len(owner)) - starts[owner - start]) < index.config.count + _SPARE
    kept = order[keep]
    return Rankings(
        np.searchsorted(owner[keep], np.arange(start, end + 1)).astype(np.int64),
        found[kept],
        scores[kept].astype(np.float32),
        evidence[kept].astype(np.float32),
    )


def _map_ranges(function: Callable[..., T], count: int, workers: int, *shared: Any) -> list[T]:
    return map_ranges(
        function,
        count,
        workers,
        *shared,
        parallel_from=_PARALLEL_FROM,
        range_limit=_RANGE_LIMIT,
    )


def _rank_range(index: Index, start: int, end: int) -> Rankings:
    """Rank start..end-1 in blocks small enough for the dense tables of `SparseRows.cosines`:
    a block of n stories has at most n times a vector's width columns, and no more than ids."""
    block = 256
    while (
        block > 1
        and max(
            block * min(block * rows.ids.shape[1] + 1, rows.size + 1)
            for rows in (index.terms, index.tags)
        )
        > _DENSE_BUDGET
    ):
        block //= 2
    return Rankings.joined(
        [rank_block(index, first, min(first + block, end)) for first in range(start, end, block)]
    )


def rank_all(index: Index) -> Rankings:
    """Ranked candidates for every story, its best ones' votes counted (`follow_threads`)."""
    parts = _map_ranges(_rank_range, len(index.day), index.config.workers, index)
    return follow_threads(Rankings.joined(parts), index.config)


def follow_threads(rankings: Rankings, config: Config) -> Rankings:
    """Every candidate's score raised by the votes of the story's best other candidates.

    A follow-up may share little with this story yet much with the story's best candidates: a
    story that names the defendant once is tied to the story after it by the court and the
    village, and that one to the next by the defendant. Each candidate c hears from the story's
    `follow_top` best candidates other than c itself: each voter n gives evidence(n, c), or
    nothing when c is not among n's own candidates or when the story is not sure of n itself
    (its evidence for n is below `min_evidence`). What c gets is the mean of the story's own
    evidence for it and those votes, each weighted by how sure the story is of the source (its
    evidence for the voter; for itself, its best), times `follow_weight`. Every candidate hears
    the same number of voters, so the best ones are neither held in place nor pushed down by
    having no vote of their own. Votes go only to the story's own candidates: the work is a few
    passes over flat arrays of (count + spare) x (`follow_top` + 1) entries per story. The
    evidence that `sure` reads gains the voters' part only.
    """
    top = config.follow_top
    count = len(rankings.bounds) - 1
    lengths = np.diff(rankings.bounds)
    owner = np.repeat(np.arange(count, dtype=np.int64), lengths)
    found = rankings.stories.astype(np.int64)
    evidence = rankings.evidence.astype(np.float64)
    place = np.arange(len(owner)) - rankings.bounds[owner]
    # Only a candidate the story is itself sure of votes: a chain is no stronger than its
    # first link. Were every best candidate to vote, a story tied to nothing (a river clean-up,
    # say) would take on the whole of the next cluster's evidence (the city budget's four
    # stories) through the one of them it weakly resembles.
    voters = np.flatnonzero((place <= top) & (evidence >= config.min_evidence))
    # Each voter's list, spread out: the story it votes in, the candidate, the vote's weight.
    voter = found[voters]
    spread = lengths[voter]
    entries = np.repeat(rankings.bounds[voter] - np.cumsum(spread) + spread, spread) + np.arange(
        int(spread.sum())
    )
    keys = np.repeat(owner[voters], spread) * count + found[entries]
    votes = np.repeat(evidence[voters], spread) * evidence[entries]
    voter_place = np.repeat(place[voters], spread)
    # The story's own (story, candidate) keys, sorted, so that each vote finds its candidate's
    # entry by one binary search; a candidate the story does not have gets nothing.
    own = owner * count + found
    by_key = np.argsort(own, kind="stable")
    spot = by_key[np.minimum(np.searchsorted(own[by_key], keys), len(own) - 1)]
    # The voter just below the top votes only for a top candidate, which does not vote for
    # itself: so every candidate hears `top` voters.
    counted = (own[spot] == keys) & ((voter_place < top) | (place[spot] < top))
    received = np.bincount(spot[counted], votes[counted], minlength=len(own))
    best = np.zeros(count)
    np.maximum.at(best, owner, evidence)
    in_top = place < top
    top_weight = np.bincount(owner[in_top], evidence[in_top], minlength=count)
    next_weight = np.zeros(count)
    next_weight[owner[place == top]] = evidence[place == top]
    heard = np.where(in_top, next_weight[owner] - evidence, 0.0)
    weight = np.maximum(best[owner] + top_weight[owner] + heard, 1e-9)
    mean = (best[owner] * evidence + received) / weight
    scores = rankings.scores + (config.follow_weight * mean).astype(np.float32)
    raised = rankings.evidence + (config.follow_weight * received / weight).astype(np.float32)
    # Best first again within each story; equal scores keep their first order. Scores are not
    # negative and stay below the headroom, so one float key orders by story, then score.
    headroom = float(scores.max(initial=0.0)) + 1.0
    order = np.argsort(owner * headroom - scores.astype(np.float64), kind="stable")
    return Rankings(rankings.bounds, rankings.stories[order], scores[order], raised[order])


# What a "Baca juga" of filler lists, when no story is truly related: the same place's stories
# (then the region's), the desk's newest, or the site's newest. The template names the group in
# the heading ("Berita lain dari Kota Banjarmasin", "Terbaru di Lingkungan").
PLACE, REGION, DESK, LATEST = "place", "region", "desk", "latest"


@dataclass(frozen=True)
class Picks:
    """One story's "Baca juga", as positions in the stories given to `related`.

    `related`: the stories an editor pinned, then those the ranking is sure of (`sure`). When
    there are none, `filler` lists up to `count` stories of one `group` (PLACE, REGION, DESK or
    LATEST), said to be no more than that; otherwise it is empty.
    """

    related: tuple[int, ...]
    filler: tuple[int, ...] = ()
    group: str = ""


def sure(rankings: Rankings, config: Config) -> Rankings:
    """Only the ranked stories that the evidence shows to be related, in ranking order.

    A story counts when its evidence reaches `min_evidence` and `evidence_share` of the best
    candidate's: a candidate far behind the best one is more likely another event of the same
    kind than this one's, and fewer sure links serve a reader better than five unsure ones.
    """
    count = len(rankings.bounds) - 1
    lengths = np.diff(rankings.bounds)
    owner = np.repeat(np.arange(count), lengths)
    best = np.zeros(count, dtype=np.float32)
    np.maximum.at(best, owner, rankings.evidence)
    floor = np.maximum(config.min_evidence, config.evidence_share * best)
    keep = rankings.evidence >= floor[owner]
    return Rankings(
        np.searchsorted(owner[keep], np.arange(count + 1)).astype(np.int64),
        rankings.stories[keep],
        rankings.scores[keep],
        rankings.evidence[keep],
    )


def related(
    stories: Sequence[StoryFeatures], config: Config, terms: TermTable | None = None
) -> list[Picks]:
    """For each story, its "Baca juga": pinned stories first, then those the ranking is sure of;
    when there are none, filler of one group (`Fallbacks`). `terms`: each story's terms, if
    known (`story_terms`)."""
    if not stories:
        return []
    index = build_index(stories, config, terms)
    position = {story.key: row for row, story in enumerate(stories)}
    fallbacks: Fallbacks | None = None  # made when a first story has nothing related
    rankings = sure(rank_all(index), config)
    result = []
    for row, story in enumerate(stories):
        pinned = [
            position[key]
            for key in dict.fromkeys(story.pinned)
            if key in position and position[key] != row
        ]
        chosen = set(pinned)
        rest = [other for other in rankings.of(row).tolist() if other not in chosen]
        picks = pinned + rest[: max(0, config.count - len(pinned))]
        if picks or not config.count:
            result.append(Picks(tuple(picks)))
            continue
        if fallbacks is None:
            fallbacks = Fallbacks(stories, older_only=config.direction == "older")
        group, filler = fallbacks.fill(row, config.count)
        result.append(Picks((), tuple(filler), group))
    return result


class Fallbacks:
    """Filler for a story with nothing related, all of one group, so that the heading can say
    what it is: the same place's stories (nearest in time first) when there are enough, else
    the region's (the place's first), else the desk's newest, else the site's newest. With
    `older_only`, only stories older than the one they serve.

    Each group's days are sorted once; a story walks outward from its own day, so filling one
    list costs a binary search and the stories it takes, whatever the size of the archive.
    """

    def __init__(self, stories: Sequence[StoryFeatures], *, older_only: bool) -> None:
        self.stories = stories
        self.older_only = older_only
        self.places = self._grouped(_location_of)
        self.regions = self._grouped(_region_of)
        self.desks = self._grouped(_desk_of)
        every = sorted(range(len(stories)), key=lambda row: (stories[row].day, row))
        self.every = ([stories[row].day for row in every], every)

    def _grouped(
        self, attribute: Callable[[StoryFeatures], str]
    ) -> dict[str, tuple[list[float], list[int]]]:
        members: dict[str, list[int]] = {}
        for row, story in enumerate(self.stories):
            if attribute(story):
                members.setdefault(attribute(story), []).append(row)
        groups = {}
        for name, rows in members.items():
            rows.sort(key=lambda row: (self.stories[row].day, row))
            groups[name] = ([self.stories[row].day for row in rows], rows)
        return groups

    def fill(self, row: int, wanted: int) -> tuple[str, list[int]]:
        """Up to `wanted` stories for the story at `row`, never itself, and their group."""
        story = self.stories[row]
        place = self.places.get(story.location)
        local = list(itertools.islice(self._nearest(place, story.day, {row}), wanted))
        if len(local) == wanted:
            return PLACE, local
        region = self.regions.get(story.region)
        if region is not None:
            more = self._nearest(region, story.day, {row, *local})
            found = local + list(itertools.islice(more, wanted - len(local)))
            if len(found) == wanted:
                return REGION, found
        desk = self.desks.get(story.desk)
        if desk is not None:
            found = list(itertools.islice(self._newest(desk, story.day, row), wanted))
            if len(found) == wanted:
                return DESK, found
        return LATEST, list(itertools.islice(self._newest(self.every, story.day, row), wanted))

    def _newest(self, group: tuple[list[float], list[int]], day: float, row: int) -> Iterator[int]:
        """The group's stories newest first; with `older_only`, from the last before `day`."""
        days, rows = group
        start = bisect.bisect_left(days, day) if self.older_only else len(rows)
        return (rows[place] for place in range(start - 1, -1, -1) if rows[place] != row)

    def _nearest(
        self, group: tuple[list[float], list[int]] | None, day: float, skip: set[int]
    ) -> Iterator[int]:
        """The group's stories outward from `day`: the nearer first, the newer on a tie."""
        if group is None:
            return
        days, rows = group
        high = bisect.bisect_left(days, day)
        low = high - 1
        if self.older_only:
            high = len(rows)  # nothing at or after its own time
        while low >= 0 or high < len(rows):
            if high < len(rows) and (low < 0 or days[high] - day <= day - days[low]):
                candidate, high = rows[high], high + 1
            else:
                candidate, low = rows[low], low - 1
            if candidate not in skip:
                yield candidate


def _location_of(story: StoryFeatures) -> str:
    return story.location


def _region_of(story: StoryFeatures) -> str:
    return story.region


def _desk_of(story: StoryFeatures) -> str:
    return story.desk
