"""Each signal of the related-stories ranking does its job, on small hand-made sets."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from related_stories.engine import (
    Config,
    StoryFeatures,
    build_index,
    rank_all,
    related,
    story_terms,
)
from related_stories.settings import DEFAULTS

CONFIG = Config.from_settings({**DEFAULTS, "WARTA_RELATED_WORKERS": 1})
FILLER = "Pemerintah daerah menggelar rapat koordinasi bersama instansi terkait pekan ini."


def story(key: str, day: float, **fields: object) -> StoryFeatures:
    base: dict[str, object] = {
        "location": "Kota Banjarmasin",
        "region": "Kalimantan Selatan",
        "desk": "Daerah",
        "title": f"Berita {key}",
        "body": FILLER,
    }
    base.update(fields)
    return StoryFeatures(key=key, day=day, **base)  # type: ignore[arg-type]


def links(stories: list[StoryFeatures], config: Config = CONFIG) -> dict[str, list[str]]:
    picks = related(stories, config)
    return {
        s.key: [stories[i].key for i in chosen] for s, chosen in zip(stories, picks, strict=True)
    }


def test_same_place_follow_up_beats_same_tag_story_from_years_ago() -> None:
    flood = "Banjir merendam ratusan rumah di Martapura Barat setelah Sungai Martapura meluap."
    stories = [
        story("banjir-martapura", 1000, location="Kabupaten Banjar", tags=("banjir",), body=flood),
        story(
            "pengungsi-martapura",
            1003,
            location="Kabupaten Banjar",
            tags=("pengungsi",),
            body="Warga Martapura Barat mengungsi ke masjid karena banjir Sungai Martapura.",
        ),
        story(
            "banjir-lama-tabalong",
            1000 - 5 * 365,
            location="Kabupaten Tabalong",
            tags=("banjir",),
            body="Banjir melanda Tanjung saat hujan deras.",
        ),
    ]
    assert links(stories)["banjir-martapura"][0] == "pengungsi-martapura"


def test_each_signal_lifts_a_candidate_above_its_twin() -> None:
    """Two candidates identical but for one signal: the one that has it ranks first."""
    shared_words = "Jembatan gantung Desa Sungai Tabuk putus diterjang arus"
    cases: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
        "location": ({"location": "Kota Banjarmasin"}, {"location": "Kota Banjarbaru"}),
        "region": (
            {"location": "Kota Banjarbaru", "region": "Kalimantan Selatan"},
            {"location": "Kota Palangka Raya", "region": "Kalimantan Tengah"},
        ),
        "desk": ({"desk": "Daerah"}, {"desk": "Olahraga"}),
        "text": ({"body": f"{shared_words}. {FILLER}"}, {"body": FILLER}),
        "tags": ({"tags": ("jembatan-putus",)}, {"tags": ()}),
    }
    for signal, (with_it, without) in cases.items():
        stories = [
            story("subject", 100, tags=("jembatan-putus",), body=f"{shared_words}. {FILLER}"),
            story("has-signal", 101, **with_it),
            story("lacks-signal", 101, **without),
            # Keeps the tag rare but shared, so it enters the index.
            story("other", 400, tags=("jembatan-putus",), location="Kabupaten Kapuas"),
        ]
        ranked = links(stories)["subject"]
        assert ranked.index("has-signal") < ranked.index("lacks-signal"), signal


def test_closer_in_time_ranks_first() -> None:
    stories = [story("subject", 500), story("far", 300), story("near", 495)]
    assert links(stories)["subject"][:2] == ["near", "far"]


def test_rare_tag_counts_more_than_common_tag() -> None:
    common = [
        story(f"lain-{n}", 10 + n, location="Kota Banjarbaru", tags=("pemkot",)) for n in range(8)
    ]
    stories = [
        story("subject", 50, tags=("pemkot", "sasirangan")),
        story(
            "rare-shared",
            50,
            location="Kabupaten Kapuas",
            region="Kalimantan Tengah",
            tags=("sasirangan",),
        ),
        story(
            "common-shared",
            50,
            location="Kabupaten Kapuas",
            region="Kalimantan Tengah",
            tags=("pemkot",),
        ),
        *common,
    ]
    ranked = links(stories)["subject"]
    assert ranked.index("rare-shared") < ranked.index("common-shared")


def test_tag_on_too_many_stories_is_ignored() -> None:
    config = replace(CONFIG, tag_floor=3, tag_max_share=0.0)
    crowd = [story(f"s{n}", n, location="Kota Banjarbaru", tags=("berita",)) for n in range(6)]
    lonely = story(
        "lonely",
        3,
        location="Kabupaten Kapuas",
        region="Kalimantan Tengah",
        tags=("berita",),
        title="Sapi ternak hilang",
        body="Peternak melapor ke polsek.",
    )
    ranked = rank_all(build_index([*crowd, lonely], config))
    assert list(ranked[-1]) == []  # nothing ranks it: the common tag counts for nothing
    # Its "Baca juga" is the fallback's (the same desk, nearest in time first).
    assert links([*crowd, lonely], config)["lonely"] == ["s3", "s4", "s2", "s5", "s1"]


def test_a_story_far_from_every_other_still_gets_the_count() -> None:
    """An October 2023 story on a site of 2026 stories: past the window, it falls back to the
    same place, then the region, then the desk (each nearest in time first), then the newest."""
    day_2026 = 20_400.0
    stories = [
        story("lama", day_2026 - 1_100, location="Kota Banjarbaru", desk="Hukum"),
        story("tempat-1", day_2026, location="Kota Banjarbaru", desk="Ekonomi"),
        story("tempat-2", day_2026 + 30, location="Kota Banjarbaru", desk="Ekonomi"),
        story("wilayah", day_2026 + 5, location="Kabupaten Banjar", desk="Olahraga"),
        story("rubrik", day_2026 + 10, location="Kota Palangka Raya", region="Kalimantan Tengah",
              desk="Hukum"),
        story("terbaru", day_2026 + 60, location="Kota Palangka Raya", region="Kalimantan Tengah",
              desk="Budaya"),
        story("lain", day_2026 + 50, location="Kota Palangka Raya", region="Kalimantan Tengah",
              desk="Budaya"),
    ]  # fmt: skip
    config = replace(CONFIG, count=6)
    assert links(stories, config)["lama"] == [
        "tempat-1", "tempat-2", "wilayah", "rubrik", "terbaru", "lain",
    ]  # fmt: skip
    assert len(links(stories, replace(CONFIG, count=10))["lama"]) == len(stories) - 1
    # Older only: a story links only what came before it, so the oldest links nothing.
    older = links(stories, replace(config, direction="older"))
    assert older["lama"] == []
    assert older["tempat-1"] == ["lama"]
    assert sorted(older["terbaru"]) == sorted(key for key in links(stories) if key != "terbaru")


def test_pinned_stories_come_first_in_the_given_order() -> None:
    stories = [
        story("subject", 100, pinned=("old-b", "old-a")),
        story("close", 100),
        story("old-a", 10, location="Kabupaten Tapin"),
        story("old-b", 5, location="Kabupaten Tapin"),
    ]
    ranked = links(stories)["subject"]
    assert ranked[:3] == ["old-b", "old-a", "close"]


def test_never_itself_and_never_more_than_the_count() -> None:
    stories = [story(f"s{n}", n) for n in range(12)]
    for key, ranked in links(stories).items():
        assert key not in ranked
        assert len(ranked) == CONFIG.count
        assert len(set(ranked)) == len(ranked)


def test_older_only_when_asked() -> None:
    stories = [story("subject", 100), story("before", 90), story("after", 110)]
    assert set(links(stories)["subject"]) == {"before", "after"}
    assert links(stories, replace(CONFIG, direction="older"))["subject"] == ["before"]


def test_same_input_same_output_in_any_order() -> None:
    stories = [
        story(
            f"s{n}",
            n % 7,
            tags=(f"t{n % 3}",),
            location=["Kota Banjarmasin", "Kabupaten Banjar"][n % 2],
        )
        for n in range(40)
    ]
    first = links(stories)
    shuffled = stories[:]
    random.Random(3).shuffle(shuffled)  # noqa: S311 - a fixed shuffle, not a secret
    assert links(shuffled) == first
    assert links(stories) == first


def test_terms_kept_from_a_last_build_give_the_same_index_and_ranking() -> None:
    # Words differ from story to story, so signatures, rare terms and cosines all take part.
    vocabulary = [
        "banjir",
        "tanggul",
        "sungai",
        "pasar",
        "harga",
        "beras",
        "sidang",
        "korupsi",
        "anggaran",
        "jalan",
    ]
    stories = [
        story(
            f"s{n}",
            n % 11,
            tags=(f"t{n % 4}",),
            title=f"{vocabulary[n % 10]} {vocabulary[(n * 3) % 10]} nomor{n % 6}",
            body=f"{FILLER} {vocabulary[(n * 7) % 10]} {vocabulary[n % 10]} catatan{n % 5}",
        )
        for n in range(60)
    ]
    fresh = story_terms(stories, CONFIG)
    # As the next build sees it: some stories' terms kept, and those stories without words.
    known = [terms if n % 3 else None for n, terms in enumerate(fresh)]
    wordless = [
        replace(s, title="", summary="", body="") if terms is not None else s
        for s, terms in zip(stories, known, strict=True)
    ]
    kept = story_terms(wordless, CONFIG, known)
    assert [(words, list(counts)) for words, counts in kept] == [
        (words, list(counts)) for words, counts in fresh
    ]
    cold, warm = build_index(stories, CONFIG), build_index(wordless, CONFIG, kept)
    for name in ("postings", "window_low", "window_high", "entry_order", "entry_bounds"):
        assert getattr(cold, name).tolist() == getattr(warm, name).tolist(), name
    assert cold.terms.ids.tolist() == warm.terms.ids.tolist()
    assert cold.terms.weights.tolist() == warm.terms.weights.tolist()
    assert related(wordless, CONFIG, kept) == related(stories, CONFIG)
