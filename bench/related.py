"""Related stories at archive scale: speed and memory at 10k and 100k, quality beside Pelican and
Hugo.

Two generated archives, each story's thread known:

- The current corpus: story threads (3 to 8 follow-ups on one event, same place, overlapping tags
  and rare words, spread over days) in a background of unrelated stories that share places,
  desks and popular tags with them, including earlier stories on the same kind of event in the
  same place. Measured as it is, and with half the stories' tags taken away.
- The look-alike archive: every thread has a twin, another event of its kind (a second trial at
  the same court, a second flood in the regency) in the same place and desk, with the same
  popular tags, starting within three days, sharing half of its distinctive words and the
  institutions' names. Only the people, the village and one specific differ, each named once or
  twice in a story, not in every paragraph.

Quality is the recall of a story's thread-mates among the five related stories it lists (and
precision@5), over every thread story; a box of filler counts as listing none. Stock Pelican's
related_posts (the pelican-related-posts package's own function) and Hugo's related content with
its default configuration (the `hugo` package's binary, over the archive written as a Hugo site)
are scored on the same stories in the same run.

Speed and memory are those of the related-stories stage alone: `related()` over the archive's
stories in a child process, whose whole process tree (the forked workers too) bench/measure.py
samples; the child loads the stories first and reports how long the stage itself took.

    python -m bench related                  quality at 10k; speed and memory at 10k and 100k
    python -m bench related --sizes 100000   speed and memory at the sizes named
    python -m bench related --quick          10k only
    python -m bench related --tune           search the weights on one archive, check them on
                                             another
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import numpy.typing as npt
from pelican.plugins.related_posts.related_posts import add_related_posts

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from related_stories.engine import (
    Config,
    StoryFeatures,
    Weights,
    build_index,
    rank_all,
    related,
    sure,
)
from related_stories.settings import DEFAULTS

from bench.measure import run

REPO = Path(__file__).resolve().parent.parent
SPAN_DAYS = 5 * 365
THREAD_SHARE = 0.3
QUALITY_SIZE = 10_000
DEFAULT_SIZES = (10_000, 100_000)
# Seeds: the current corpus as it always was; the look-alike archive is reported on seed 22
# (`--tune` searches on seed 21 and checks on 22; see docs/adr/003 for how the settings that
# came with it were chosen).
CURRENT_SEEDS = {10_000: 1, 100_000: 2}
LOOKALIKE_SEED = 22
UNTAGGED_SEED = 5
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
# Kinds of event in the look-alike archive: the desk, the popular tags, and the institutions a
# reporter names in every story of the kind from one place ({place}: its short name).
KINDS = (
    ("Hukum", ("korupsi", "sidang", "tipikor"),
     ("Pengadilan Tipikor {place}", "Kejaksaan Negeri {place}")),
    ("Lingkungan", ("banjir", "bpbd", "cuaca"), ("BPBD {place}", "Sungai {name}")),
    ("Daerah", ("kecelakaan", "lalu lintas", "polres"),
     ("Satlantas Polres {place}", "Jalan {name}")),
    ("Daerah", ("kebakaran", "damkar"), ("Damkar {place}", "Pasar {name}")),
    ("Politik", ("dprd", "anggaran", "apbd"), ("DPRD {place}", "Bappeda {place}")),
    ("Kesehatan", ("dbd", "puskesmas", "kesehatan"), ("Dinas Kesehatan {place}", "RSUD {name}")),
)  # fmt: skip
# A look-alike thread's own people, village and specific: the chance that a story names each
# (the main person nearly always), and how often it does when it does (once or twice).
OWN_NAMED = (0.9, 0.5, 0.7, 0.5)
OWN_TIMES = (1, 3)
HUGO_TEMPLATE = """{{- /* Each page's related pages, Hugo's default related configuration. */ -}}
[
{{- range $i, $page := site.RegularPages -}}
{{- if $i }},{{ end }}
[{{ $page.File.ContentBaseName | jsonify }}
{{- range first 5 (site.RegularPages.Related $page) -}}
,{{ .File.ContentBaseName | jsonify }}
{{- end -}}]
{{- end }}
]
"""
HUGO_SETTINGS = """baseURL = "https://wartabanua.example/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[outputs]
home = ["json"]
page = []
"""


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


def without_tags(archive: Archive, share: float, seed: int) -> Archive:
    """The same archive with the tags of a random `share` of its stories taken away."""
    drop = np.random.default_rng(seed).random(len(archive.stories)) < share
    stories = [
        replace(story, tags=()) if dropped else story
        for story, dropped in zip(archive.stories, drop, strict=True)
    ]
    return Archive(stories, archive.thread_of)


class _LookAlikes:
    """Draws the look-alike archive's text from one seeded generator: sentences of common
    words, headlines, people, villages, the institutions of each kind of event in each place."""

    def __init__(self, count: int, seed: int) -> None:
        rng = self.rng = np.random.default_rng(seed)
        self.vocabulary = np.array(_words(rng, 9000, (2, 5)))
        self.word_cdf = np.cumsum(_zipf(len(self.vocabulary)))
        self.tags = _words(rng, 500, (2, 4))
        self.tag_p = _zipf(len(self.tags), 1.1)
        self.place_p = _zipf(len(PLACES), 0.9)
        self.desk_p = _zipf(len(DESKS), 0.6)
        self.given = [name.capitalize() for name in _words(rng, 400, (2, 4))]
        self.family = [name.capitalize() for name in _words(rng, 300, (2, 4))]
        self.rare = iter(_words(rng, count * 3, (4, 7)))
        self.villages = {
            place: [f"Desa {name.capitalize()}" for name in _words(rng, 50, (3, 5))]
            for place, _ in PLACES
        }
        self.village_p = _zipf(50, 1.0)
        self.institutions = {
            (place, kind): [
                pattern.format(place=place.split(" ", 1)[1], name=next(self.rare).capitalize())
                for pattern in KINDS[kind][2]
            ]
            for place, _ in PLACES
            for kind in range(len(KINDS))
        }

    def place(self) -> tuple[str, str]:
        return PLACES[int(self.rng.choice(len(PLACES), p=self.place_p))]

    def person(self) -> str:
        rng = self.rng
        return (
            f"{self.given[int(rng.integers(len(self.given)))]} "
            + (self.family[int(rng.integers(len(self.family)))])
        )

    def village(self, place: str) -> str:
        return self.villages[place][int(self.rng.choice(50, p=self.village_p))]

    def drawn(self, size: int, extra: Sequence[str]) -> list[str]:
        picked = np.minimum(
            np.searchsorted(self.word_cdf, self.rng.random(size)), len(self.vocabulary) - 1
        )
        words = [str(word) for word in self.vocabulary[picked]]
        for item in extra:
            words.insert(int(self.rng.integers(0, len(words) + 1)), item)
        return words

    def sentences(self, size: int, extra: Sequence[str] = ()) -> str:
        """About `size` common words in sentences of 8 to 20, `extra` put in anywhere."""
        words = self.drawn(size, extra)
        out: list[str] = []
        start = 0
        while start < len(words):
            end = start + int(self.rng.integers(8, 21))
            sentence = " ".join(words[start:end])
            out.append(sentence[0].upper() + sentence[1:] + ".")
            start = end
        return " ".join(out)

    def headline(self, size: int, extra: Sequence[str] = ()) -> str:
        words = " ".join(self.drawn(size, extra)).split()
        return " ".join(word[0].upper() + word[1:] for word in words)

    def pick_tags(self, low: int, high: int) -> list[str]:
        size = int(self.rng.integers(low, high))
        picked = self.rng.choice(len(self.tags), size, p=self.tag_p, replace=False)
        return [self.tags[int(i)] for i in picked]

    def pair(self, first_key: int) -> list[list[StoryFeatures]]:
        """Two look-alike threads: one place, desk, kind, start and set of shared words."""
        rng = self.rng
        place, region = self.place()
        kind = int(rng.integers(len(KINDS)))
        desk, kind_tags, _ = KINDS[kind]
        shared = [next(self.rare) for _ in range(4)]
        start = float(rng.uniform(0, SPAN_DAYS))
        threads: list[list[StoryFeatures]] = []
        for twin in range(2):
            own = [self.person(), self.person(), self.village(place), next(self.rare)]
            day = start + (float(rng.uniform(0, 3)) if twin else 0.0)
            thread: list[StoryFeatures] = []
            for _ in range(int(rng.integers(3, 9))):
                words = [w for w in shared if rng.random() < 0.6] or shared[:1]
                named = [item for item, p in zip(own, OWN_NAMED, strict=True) if rng.random() < p]
                body = [w for w in words for _ in range(int(rng.integers(1, 3)))]
                body += [n for n in named for _ in range(int(rng.integers(*OWN_TIMES)))]
                body += [i for i in self.institutions[place, kind] if rng.random() < 0.7]
                title = [w.capitalize() for w in words[:2]]
                if named and rng.random() < 0.15:
                    title.append(named[0])
                summary = words[:1] + (named[:1] if rng.random() < 0.3 else [])
                thread.append(
                    StoryFeatures(
                        key=f"t{first_key + len(threads)}-{first_key}-{len(thread)}",
                        day=day,
                        location=place,
                        region=region,
                        desk=desk,
                        tags=tuple(t for t in kind_tags if rng.random() < 0.7) or kind_tags[:1],
                        title=self.headline(5, title),
                        summary=self.sentences(18, summary),
                        body=self.sentences(220, body),
                    )
                )
                day += float(rng.exponential(3.0))
            threads.append(thread)
        return threads

    def background(self, key: str) -> StoryFeatures:
        """A story of no thread, naming people, a village and, half the time, the institutions
        of a kind of event in its place."""
        rng = self.rng
        place, region = self.place()
        extra = [self.person() for _ in range(int(rng.integers(0, 3)))]
        if rng.random() < 0.5:
            extra.append(self.village(place))
        if rng.random() < 0.5:
            kind = int(rng.integers(len(KINDS)))
            desk, kind_tags, _ = KINDS[kind]
            tags = [t for t in kind_tags if rng.random() < 0.7] + self.pick_tags(0, 2)
            extra += [i for i in self.institutions[place, kind] if rng.random() < 0.7]
        else:
            desk = DESKS[int(rng.choice(len(DESKS), p=self.desk_p))]
            tags = self.pick_tags(1, 5)
        return StoryFeatures(
            key=key,
            day=float(rng.uniform(0, SPAN_DAYS)),
            location=place,
            region=region,
            desk=desk,
            tags=tuple(dict.fromkeys(tags)),
            title=self.headline(7),
            summary=self.sentences(20),
            body=self.sentences(230, extra),
        )


def make_lookalike_archive(count: int, seed: int) -> Archive:
    """A reproducible archive of `count` stories whose threads come in look-alike pairs.

    A pair shares the place, desk, popular tags, four distinctive words and the place's
    institutions for its kind of event, and starts within three days. Each thread of it has its
    own two people, village and specific word (OWN_NAMED, OWN_TIMES), placed anywhere in the
    body. Text is in sentences (capitalised first words, full stops) and headlines capitalise
    every word, as a newsroom writes them; people and villages are capitalised names. The
    background mentions people, villages and institutions too, so no name is a thread's alone
    by being a name.
    """
    draw = _LookAlikes(count, seed)
    stories: list[StoryFeatures] = []
    thread_of: list[int] = []
    thread = 0
    while len(stories) < count * THREAD_SHARE:
        for members in draw.pair(thread):
            stories.extend(members)
            thread_of.extend([thread] * len(members))
            thread += 1
    while len(stories) < count:
        stories.append(draw.background(f"b{len(stories)}"))
        thread_of.append(-1)
    order = draw.rng.permutation(len(stories))
    return Archive([stories[i] for i in order], [thread_of[i] for i in order])


def warta_related(archive: Archive, config: Config) -> list[list[int]]:
    """What Warta's box lists as related under each story (nothing when it lists filler)."""
    return [list(picks.related) for picks in related(archive.stories, config)]


@dataclass(eq=False)
class _Article:
    """What stock related_posts reads of an article: its tags and desk. Hashed by identity, as
    Pelican's articles are; the plugin sets `related_posts` on it (an article that has the
    attribute beforehand is taken to list its own)."""

    key: str
    tags: tuple[str, ...]
    category: str


def pelican_related_posts(
    archive: Archive, rows: Sequence[int], count: int = 5
) -> dict[int, list[int]]:
    """Stock Pelican's related_posts, the package's own function, over the archive's stories.

    Pelican hands it the articles newest first and each tag's articles in that order; it scores
    `rows` only (the function scores every article it is given, and at 100,000 stories that
    takes minutes), with every story's tags.
    """
    newest_first = sorted(range(len(archive.stories)), key=lambda r: -archive.stories[r].day)
    articles = {
        row: _Article(story.key, story.tags, story.desk)
        for row, story in enumerate(archive.stories)
    }
    by_tag: dict[str, list[_Article]] = defaultdict(list)
    for row in newest_first:
        for tag in articles[row].tags:
            by_tag[tag].append(articles[row])
    wanted = sorted(rows, key=lambda r: -archive.stories[r].day)
    generator = SimpleNamespace(
        settings={"RELATED_POSTS_MAX": count},
        articles=[articles[row] for row in wanted],
        drafts=[],
        tags=by_tag,
    )
    add_related_posts(generator)
    position = {article.key: row for row, article in articles.items()}
    return {
        row: [position[other.key] for other in vars(generator.articles[place])["related_posts"]]
        for place, row in enumerate(wanted)
    }


def hugo_related(archive: Archive, folder: Path) -> dict[int, list[int]]:
    """Hugo's related content with its default configuration (keywords, date and tags; no
    newer pages), over the archive written as a Hugo site: title, date, tags, desk, text."""
    content = folder / "content" / "posts"
    content.mkdir(parents=True)
    epoch = datetime(2020, 1, 1, tzinfo=UTC)
    for row, story in enumerate(archive.stories):
        front = {
            "title": story.title,
            "date": (epoch + timedelta(days=story.day)).isoformat(),
            "tags": list(story.tags),
            "categories": [story.desk],
            "params": {"location": story.location},
        }
        text = f"---\n{json.dumps(front)}\n---\n\n{story.summary}\n\n{story.body}\n"
        (content / f"s{row}.md").write_text(text, encoding="utf-8")
    (folder / "hugo.toml").write_text(HUGO_SETTINGS, encoding="utf-8")
    (folder / "layouts").mkdir()
    (folder / "layouts" / "home.json").write_text(HUGO_TEMPLATE, encoding="utf-8")
    hugo = shutil.which("hugo", path=str(Path(sys.executable).parent)) or "hugo"
    subprocess.run(  # noqa: S603 - the pinned hugo binary, our own arguments
        [hugo, "--quiet", "--source", str(folder), "--destination", str(folder / "public")],
        check=True,
        capture_output=True,
    )
    listed = json.loads((folder / "public" / "index.json").read_text(encoding="utf-8"))
    return {int(page[0][1:]): [int(other[1:]) for other in page[1:]] for page in listed}


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


def claimed(picks: dict[int, list[int]] | list[list[int]], rows: Sequence[int]) -> float:
    """The share of `rows` (stories of no thread) under which a box lists stories as related
    rather than filler: every one of them is a claim the archive does not back."""
    listed = picks if isinstance(picks, dict) else dict(enumerate(picks))
    return sum(1 for row in rows if listed.get(row)) / max(1, len(rows))


def default_config(**changes: object) -> Config:
    settings = {**DEFAULTS, "WARTA_RELATED_WORKERS": 0}
    return replace(Config.from_settings(settings), **changes)  # type: ignore[arg-type]


def _figures(scores: tuple[float, float], claims: float | None = None) -> str:
    shown = f"{scores[1]:.3f} / {scores[0]:.3f}"
    return shown if claims is None else f"{shown} / {claims:.2f}"


def measure_quality(size: int) -> None:
    """Recall / precision@5 of Warta, Pelican's related_posts and Hugo on three archives."""
    print(
        f"\nQuality at {size:,} stories: recall of thread-mates in the top 5 / precision@5 /"
        " share of the stories of no thread that list any as related (filler is the honest"
        " answer for them)"
    )
    print(f"  {'archive':32} {'warta':>22} {'pelican':>22} {'hugo':>22}")
    current = make_archive(size, CURRENT_SEEDS.get(size, 1))
    archives = (
        ("current corpus", current),
        ("current corpus, half untagged", without_tags(current, 0.5, UNTAGGED_SEED)),
        ("look-alike threads", make_lookalike_archive(size, LOOKALIKE_SEED)),
    )
    config = default_config()
    for label, archive in archives:
        mates = archive.mates()
        loose = [row for row, thread in enumerate(archive.thread_of) if thread < 0]
        figures = []
        for picks in (
            warta_related(archive, config),
            pelican_related_posts(archive, [*mates, *loose]),
            _hugo(archive),
        ):
            figures.append(_figures(quality(picks, mates), claimed(picks, loose)))
        print(
            f"  {label:32} {figures[0]:>22} {figures[1]:>22} {figures[2]:>22}"
            f"   ({len(mates):,} thread stories, {len(loose):,} of none)",
            flush=True,
        )


def _hugo(archive: Archive) -> dict[int, list[int]]:
    with tempfile.TemporaryDirectory(prefix="warta-bench-hugo-") as folder:
        return hugo_related(archive, Path(folder))


def measure_speed(size: int, folder: Path) -> None:
    """The related stage alone over `size` stories, in 1 and in every process: wall time and
    the peak memory of the whole process tree, the stories held by the process included. Away
    from the quality size, the quality of what the stage listed too, over a sample (stock
    Pelican compares each story with every story sharing a tag: minutes at 100,000)."""
    archive = make_archive(size, CURRENT_SEEDS.get(size, 1))
    stories = folder / f"stories-{size}.pickle"
    stories.write_bytes(pickle.dumps(archive.stories, protocol=pickle.HIGHEST_PROTOCOL))
    listed = folder / f"related-{size}.pickle"
    print(f"\nSpeed and memory of the related stage at {size:,} stories")
    for workers in sorted({1, default_config().workers}):
        log = folder / f"related-{size}-{workers}.log"
        measured = run(
            [
                sys.executable,
                "-m",
                "bench.related",
                "--stage",
                str(stories),
                str(workers),
                str(listed),
            ],
            cwd=REPO,
            log=log,
        )
        lines = log.read_text(encoding="utf-8").splitlines()
        if not measured.ok or not lines:
            print(f"  {workers} process(es): failed, see {log}")
            continue
        stage = json.loads(lines[-1])
        pss = "-" if measured.peak_pss is None else f"{measured.peak_pss / 2**20:,.0f} MB"
        print(
            f"  {workers} process(es): {stage['seconds']:6.2f} s  "
            f"{size / stage['seconds']:8,.0f} stories/s  peak of the process tree: "
            f"RSS {measured.peak_rss / 2**20:,.0f} MB, PSS {pss} "
            f"(stories loaded: {stage['loaded_rss'] / 2**20:,.0f} MB)",
            flush=True,
        )
    if size != QUALITY_SIZE and listed.exists():
        picks = pickle.loads(listed.read_bytes())  # noqa: S301 - our own file, just written
        sample = dict(itertools.islice(archive.mates().items(), 3000))
        warta = quality(picks, sample)
        pelican = quality(pelican_related_posts(archive, list(sample)), sample)
        print(
            f"  recall / precision@5 over {len(sample):,} thread stories: warta {_figures(warta)},"
            f" pelican related_posts {_figures(pelican)}"
        )


def stage(stories_file: Path, workers: int, listed: Path) -> None:
    """The child of `measure_speed`: load the stories, then time `related()` over them; what
    it lists as related goes to `listed`."""
    stories = pickle.loads(stories_file.read_bytes())  # noqa: S301 - our own file, just written
    with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as statm:
        loaded = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    started = time.perf_counter()
    picks = related(stories, default_config(workers=workers))
    seconds = time.perf_counter() - started
    listed.write_bytes(pickle.dumps([list(chosen.related) for chosen in picks]))
    print(json.dumps({"seconds": seconds, "loaded_rss": loaded}), flush=True)


def tune(count: int = QUALITY_SIZE) -> None:
    """Coordinate search over the weights on one archive of each kind; report them on others."""
    trains = (make_archive(count, seed=11), make_lookalike_archive(count, seed=21))
    checks = (make_archive(count, seed=12), make_lookalike_archive(count, seed=LOOKALIKE_SEED))
    config = default_config()
    indexes = [(build_index(train.stories, config), train.mates()) for train in trains]
    weights = config.weights

    def objective(candidate: Weights) -> float:
        total = 0.0
        for index, mates in indexes:
            index.config = replace(index.config, weights=candidate)
            listed = sure(rank_all(index), index.config)
            precision, recall = quality({row: list(listed.of(row)) for row in mates}, mates)
            total += recall + 0.25 * precision
        return total

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
    for label, archive in itertools.chain(
        zip(("train", "train look-alike"), trains, strict=True),
        zip(("check", "check look-alike"), checks, strict=True),
    ):
        precision, recall = quality(
            warta_related(archive, default_config(weights=weights)), archive.mates()
        )
        print(f"  {label}: precision@5 {precision:.3f}  recall@5 {recall:.3f}")


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"sizes are whole numbers, e.g. 10000: {error}") from error
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give at least one size of 1 story or more")
    return sizes


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench related", description=__doc__)
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES))
    parser.add_argument("--quick", action="store_true", help="10,000 stories only")
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--stage", nargs=3, help=argparse.SUPPRESS)
    options, unknown = parser.parse_known_args(argv)
    if unknown:
        # `python -m bench` hands every benchmark the same options; some are for the others.
        print(f"  (options for other benchmarks, ignored here: {' '.join(unknown)})")
    if options.stage:
        stage(Path(options.stage[0]), int(options.stage[1]), Path(options.stage[2]))
        return
    if options.tune:
        tune()
        return
    sizes = [QUALITY_SIZE] if options.quick else options.sizes
    if QUALITY_SIZE in sizes:
        measure_quality(QUALITY_SIZE)
    with tempfile.TemporaryDirectory(prefix="warta-bench-related-") as folder:
        for size in sizes:
            measure_speed(size, Path(folder))


if __name__ == "__main__":
    main(sys.argv[1:])
