"""Related stories at archive scale: speed at 10k and 100k, and quality against stock Pelican.

The evaluation archive is generated: story threads (3 to 8 follow-ups on one event, same place,
overlapping tags and rare words, spread over days) mixed into a background of unrelated stories
that share places, desks and popular tags with them, including earlier stories on the same kind
of event in the same place. Quality is how many thread-mates land in each thread story's top 5.

    python -m bench related            figures at 10k and 100k
    python -m bench related --quick    10k only
    python -m bench related --tune     search the weights on one archive, check them on another
"""

from __future__ import annotations

import itertools
import resource
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from related_stories.engine import Config, StoryFeatures, Weights, build_index, rank_all, related
from related_stories.settings import DEFAULTS

SPAN_DAYS = 5 * 365
THREAD_SHARE = 0.3
SYLLABLES = [
    "ba", "ka", "ra", "sa", "ma", "na", "ta", "la", "da", "ga", "pa", "ja", "ha", "wa", "ya",
    "bi", "ki", "ri", "si", "mi", "ni", "ti", "li", "di", "gi", "pi", "ju", "hu", "wu", "yu",
    "bu", "ku", "ru", "su", "mu", "nu", "tu", "lu", "du", "gu", "pu", "ng", "an", "ang", "un",
]  # fmt: skip
# Places in falling order of how much news they make; the region is their province.
PLACES = [
    ("Kota Banjarmasin", "Kalimantan Selatan"),
    ("Kota Banjarbaru", "Kalimantan Selatan"),
    ("Kabupaten Banjar", "Kalimantan Selatan"),
    ("Kota Palangka Raya", "Kalimantan Tengah"),
    ("Kabupaten Barito Kuala", "Kalimantan Selatan"),
    ("Kabupaten Tanah Laut", "Kalimantan Selatan"),
    ("Kabupaten Kotawaringin Timur", "Kalimantan Tengah"),
    ("Kabupaten Tapin", "Kalimantan Selatan"),
    ("Kabupaten Kapuas", "Kalimantan Tengah"),
    ("Kabupaten Tabalong", "Kalimantan Selatan"),
    ("Kabupaten Hulu Sungai Tengah", "Kalimantan Selatan"),
    ("Kabupaten Pulang Pisau", "Kalimantan Tengah"),
    ("Kabupaten Tanah Bumbu", "Kalimantan Selatan"),
    ("Kabupaten Kotabaru", "Kalimantan Selatan"),
    ("Kabupaten Katingan", "Kalimantan Tengah"),
    ("Kabupaten Balangan", "Kalimantan Selatan"),
    ("Kabupaten Barito Utara", "Kalimantan Tengah"),
    ("Kabupaten Seruyan", "Kalimantan Tengah"),
    ("Kabupaten Hulu Sungai Utara", "Kalimantan Selatan"),
    ("Kabupaten Lamandau", "Kalimantan Tengah"),
]
DESKS = ["Daerah", "Politik", "Hukum", "Ekonomi", "Lingkungan", "Kesehatan", "Pendidikan",
         "Olahraga", "Budaya"]  # fmt: skip


@dataclass
class Archive:
    stories: list[StoryFeatures]
    thread_of: list[int]

    def mates(self) -> dict[int, set[int]]:
        members: dict[int, set[int]] = defaultdict(set)
        for row, thread in enumerate(self.thread_of):
            if thread >= 0:
                members[thread].add(row)
        return {row: members[t] - {row} for row, t in enumerate(self.thread_of) if t >= 0}


def _words(rng: np.random.Generator, count: int, syllables: tuple[int, int]) -> list[str]:
    made: set[str] = set()
    while len(made) < count:
        length = int(rng.integers(*syllables))
        made.add("".join(SYLLABLES[int(i)] for i in rng.integers(0, len(SYLLABLES), length)))
    return sorted(made)


def _zipf(size: int, exponent: float = 1.05) -> npt.NDArray[np.float64]:
    weights = np.asarray(1.0 / np.arange(1, size + 1) ** exponent, dtype=np.float64)
    normalised: npt.NDArray[np.float64] = weights / weights.sum()
    return normalised


def make_archive(count: int, seed: int) -> Archive:
    """A reproducible archive of `count` stories, about THREAD_SHARE of them in threads."""
    rng = np.random.default_rng(seed)
    vocabulary = np.array(_words(rng, 9000, (2, 5)))
    word_p = _zipf(len(vocabulary))
    tags = _words(rng, 500, (2, 4))
    tag_p = _zipf(len(tags), 1.1)
    place_p = _zipf(len(PLACES), 0.9)
    desk_p = _zipf(len(DESKS), 0.6)
    rare_words = iter(_words(rng, count * 2, (4, 7)))

    word_cdf = np.cumsum(word_p)

    def text(size: int, extra: Sequence[str] = ()) -> str:
        drawn = np.minimum(np.searchsorted(word_cdf, rng.random(size)), len(vocabulary) - 1)
        picked = list(vocabulary[drawn])
        for word in extra:
            picked.insert(int(rng.integers(0, len(picked) + 1)), word)
        return " ".join(picked)

    def pick_tags(count_range: tuple[int, int]) -> list[str]:
        size = int(rng.integers(*count_range))
        return [tags[int(i)] for i in rng.choice(len(tags), size, p=tag_p, replace=False)]

    stories: list[StoryFeatures] = []
    thread_of: list[int] = []
    thread = 0
    while len(stories) < count * THREAD_SHARE:
        place = PLACES[int(rng.choice(len(PLACES), p=place_p))]
        desk = DESKS[int(rng.choice(len(DESKS), p=desk_p))]
        event_words = [next(rare_words) for _ in range(4)]
        event_tags = pick_tags((1, 3))
        if rng.random() < 0.5:
            event_tags.append(next(rare_words))
        day = float(rng.uniform(0, SPAN_DAYS))
        for _ in range(int(rng.integers(3, 9))):
            words = [w for w in event_words if rng.random() < 0.6] or event_words[:1]
            member_tags = [t for t in event_tags if rng.random() < 0.7] or event_tags[:1]
            if rng.random() < 0.3:
                member_tags += pick_tags((1, 2))
            stories.append(
                StoryFeatures(
                    key=f"t{thread}-{len(stories)}",
                    day=day,
                    location=place[0],
                    region=place[1],
                    desk=desk if rng.random() < 0.8 else DESKS[int(rng.integers(0, len(DESKS)))],
                    tags=tuple(dict.fromkeys(member_tags)),
                    title=text(5, words[:2]),
                    summary=text(18, words[:1]),
                    body=text(220, [w for w in words for _ in range(int(rng.integers(1, 3)))]),
                )
            )
            thread_of.append(thread)
            day += float(rng.exponential(4.0)) + (60.0 if rng.random() < 0.05 else 0.0)
        # An earlier story on the same kind of event in the same place: the hard negative.
        if rng.random() < 0.5:
            stories.append(
                StoryFeatures(
                    key=f"n{thread}-{len(stories)}",
                    day=float(rng.uniform(0, SPAN_DAYS)),
                    location=place[0],
                    region=place[1],
                    desk=desk,
                    tags=tuple(event_tags[:1]),
                    title=text(7),
                    summary=text(20),
                    body=text(230),
                )
            )
            thread_of.append(-1)
        thread += 1
    while len(stories) < count:
        place = PLACES[int(rng.choice(len(PLACES), p=place_p))]
        stories.append(
            StoryFeatures(
                key=f"b{len(stories)}",
                day=float(rng.uniform(0, SPAN_DAYS)),
                location=place[0],
                region=place[1],
                desk=DESKS[int(rng.choice(len(DESKS), p=desk_p))],
                tags=tuple(pick_tags((1, 5))),
                title=text(7),
                summary=text(20),
                body=text(230),
            )
        )
        thread_of.append(-1)
    order = rng.permutation(len(stories))
    return Archive([stories[i] for i in order], [thread_of[i] for i in order])


def pelican_related_posts(
    archive: Archive, rows: Sequence[int], count: int = 5
) -> dict[int, list[int]]:
    """Stock Pelican's related_posts plugin: most shared tags, ties in newest-first tag order."""
    by_tag: dict[str, list[int]] = defaultdict(list)
    newest_first = sorted(range(len(archive.stories)), key=lambda r: -archive.stories[r].day)
    for row in newest_first:
        for tag in archive.stories[row].tags:
            by_tag[tag].append(row)
    result = {}
    for row in rows:
        shared = Counter(
            other
            for other in itertools.chain.from_iterable(by_tag[t] for t in archive.stories[row].tags)
            if other != row
        )
        result[row] = [other for other, _ in shared.most_common(count)]
    return result


def quality(
    picks: dict[int, list[int]] | list[list[int]], mates: dict[int, set[int]]
) -> tuple[float, float]:
    """Mean precision@5 and recall of thread-mates in the top 5, over thread stories."""
    precision = recall = 0.0
    for row, others in mates.items():
        top = list(picks[row])[:5]
        hits = len(set(top) & others)
        precision += hits / 5
        recall += hits / min(5, len(others))
    return precision / len(mates), recall / len(mates)


def default_config(**changes: object) -> Config:
    settings = {**DEFAULTS, "WARTA_RELATED_WORKERS": 0}
    return replace(Config.from_settings(settings), **changes)  # type: ignore[arg-type]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(count: int, seed: int, baseline: bool) -> None:
    started = time.perf_counter()
    archive = make_archive(count, seed)
    made = time.perf_counter() - started
    mates = archive.mates()
    print(f"\n{count:,} stories ({len(mates):,} in threads), generated in {made:.1f} s")
    for workers in (1, default_config().workers):
        config = default_config(workers=workers)
        rss_before = peak_rss_mb()
        started = time.perf_counter()
        picks = related(archive.stories, config)
        elapsed = time.perf_counter() - started
        print(
            f"  warta related, {workers} process(es): {elapsed:6.2f} s  "
            f"{count / elapsed:9,.0f} stories/s  peak RSS {peak_rss_mb():,.0f} MB "
            f"(before {rss_before:,.0f} MB)"
        )
    if count <= 20_000:
        tracemalloc.start()
        related(archive.stories, default_config(workers=1))
        _, traced = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  warta related, traced peak allocation: {traced / 2**20:,.0f} MB")
    # Stock Pelican compares each story with every story sharing a tag, which at 100,000
    # stories takes minutes; both are scored on the same sample of thread stories there.
    sample = dict(list(mates.items())[:3000]) if count > 20_000 else mates
    precision, recall = quality(picks, sample)
    print(
        f"  warta related:          precision@5 {precision:.3f}  recall@5 {recall:.3f}"
        f"  (over {len(sample):,} thread stories)"
    )
    if baseline:
        started = time.perf_counter()
        stock = pelican_related_posts(archive, list(sample))
        elapsed = time.perf_counter() - started
        precision, recall = quality(stock, sample)
        print(
            f"  pelican related_posts:  precision@5 {precision:.3f}  recall@5 {recall:.3f}"
            f"  (over the same stories; {elapsed:.1f} s for them alone)"
        )


def tune(count: int = 10_000) -> None:
    """Coordinate search over the weights on one archive; report them on a second one."""
    train, check = make_archive(count, seed=11), make_archive(count, seed=12)
    mates = train.mates()
    index = build_index(train.stories, default_config())
    weights = default_config().weights

    def objective(candidate: Weights) -> float:
        index.config = replace(index.config, weights=candidate)
        ranked = rank_all(index)
        precision, recall = quality([list(r) for r in ranked], mates)
        return recall + 0.25 * precision

    best = objective(weights)
    grid = [0.0, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0]
    for _ in range(2):
        for name in ("location", "region", "tags", "desk", "text", "time"):
            for value in grid:
                candidate = replace(weights, **{name: value})
                result = objective(candidate)
                if result > best + 1e-9:
                    best, weights = result, candidate
        print(f"  after a round: {weights}  objective {best:.4f}")
    for label, archive in (("train", train), ("check", check)):
        picks = related(archive.stories, default_config(weights=weights))
        precision, recall = quality(picks, archive.mates())
        print(f"  {label}: precision@5 {precision:.3f}  recall@5 {recall:.3f}")


def main(argv: list[str]) -> None:
    if "--tune" in argv:
        tune()
        return
    measure(10_000, seed=1, baseline=True)
    if "--quick" not in argv:
        measure(100_000, seed=2, baseline=True)
