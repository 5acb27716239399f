"""Each signal of the related-stories ranking does its job, on small hand-made sets; names,
thread following, the evidence a related story needs, and filler named for its group."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from related_stories import engine
from related_stories.engine import (
    DESK,
    LATEST,
    PLACE,
    REGION,
    Config,
    Rankings,
    StoryFeatures,
    TermTable,
    build_index,
    follow_threads,
    rank_all,
    related,
    story_terms,
    sure,
)
from related_stories.settings import DEFAULTS
from related_stories.text import names, stop_words

CONFIG = Config.from_settings({**DEFAULTS, "WARTA_RELATED_WORKERS": 1})
# The first ranking alone: each signal's own effect, before the best candidates' votes.
SIGNALS_ONLY = replace(CONFIG, follow_top=0)
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
    """What each story's box lists: its related stories, or else its filler."""
    return {key: listed for key, (listed, _) in boxes(stories, config).items()}


def boxes(
    stories: list[StoryFeatures], config: Config = CONFIG
) -> dict[str, tuple[list[str], str]]:
    """Each story's box: what it lists, and the filler's group ("" for related stories)."""
    found: dict[str, tuple[list[str], str]] = {}
    for subject, picks in zip(stories, related(stories, config), strict=True):
        listed = picks.related or picks.filler
        found[subject.key] = ([stories[i].key for i in listed], picks.group)
    return found


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
    # The tag signal itself: after it, the crowd that shares the common tag votes for the story
    # that shares it too (follow_threads), which is another matter. The ranking is compared,
    # so no evidence is asked for: a common tag alone is not enough to be listed (`sure`).
    ranked = links(stories, replace(SIGNALS_ONLY, min_evidence=0.0))["subject"]
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
    assert list(ranked.of(len(crowd))) == []  # nothing ranks it: the common tag counts for nothing
    # Its box is filler: the desk's newest (no other story from its place or region).
    assert boxes([*crowd, lonely], config)["lonely"] == (["s5", "s4", "s3", "s2", "s1"], DESK)


def test_a_story_with_nothing_related_gets_filler_of_one_named_group() -> None:
    """An October 2023 story on a site of 2026 stories: past the window, nothing is related.
    Its box is filler of one group, so that the heading can say which: the same place's
    stories when there are enough (nearest in time first), else the region's (the place's
    first), else the desk's newest, else the site's newest."""
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
    assert boxes(stories, replace(CONFIG, count=2))["lama"] == (["tempat-1", "tempat-2"], PLACE)
    assert boxes(stories, replace(CONFIG, count=3))["lama"] == (
        ["tempat-1", "tempat-2", "wilayah"], REGION,
    )  # fmt: skip
    assert boxes(stories, replace(CONFIG, count=6))["lama"] == (
        ["terbaru", "lain", "tempat-2", "rubrik", "wilayah", "tempat-1"], LATEST,
    )  # fmt: skip
    assert len(links(stories, replace(CONFIG, count=10))["lama"]) == len(stories) - 1
    # Older only: a story lists only what came before it, so the oldest lists nothing.
    older = links(stories, replace(CONFIG, count=6, direction="older"))
    assert older["lama"] == []
    assert older["tempat-1"] == ["lama"]
    assert set(older["terbaru"]) <= {key for key in links(stories) if key != "terbaru"}


def test_only_stories_with_enough_evidence_are_related() -> None:
    """Place, desk and time alone make no story related: the story with nothing else in common
    is left out, and a story with no related story at all gets filler instead."""
    fire = "Api menghanguskan dua belas rumah panggung di Kelayan; petugas pemadam datang."
    prices = "Harga beras medium di Pasar Lima naik menjadi Rp 14.000 per kilogram."
    stories = [
        story("harga-beras", 100, title="Harga Beras Naik", body=prices),
        story("harga-cabai", 101, title="Harga Cabai Naik",
              body=prices.replace("beras medium", "cabai rawit")),
        story("kebakaran", 102, title="Kebakaran di Kelayan", body=fire),
    ]  # fmt: skip
    config = replace(CONFIG, count=2)
    found = boxes(stories, config)
    assert found["harga-beras"] == (["harga-cabai"], "")
    assert found["kebakaran"] == (["harga-cabai", "harga-beras"], PLACE)
    # With no evidence asked for, the ranking lists them all as related.
    assert boxes(stories, replace(config, min_evidence=0.0))["kebakaran"][1] == ""


def test_evidence_share_keeps_only_candidates_near_the_best() -> None:
    rankings = Rankings(
        bounds=np.array([0, 3], dtype=np.int64),
        stories=np.array([1, 2, 3], dtype=np.int32),
        scores=np.array([9.0, 8.0, 7.0], dtype=np.float32),
        evidence=np.array([2.0, 1.1, 0.9], dtype=np.float32),
    )
    assert sure(rankings, replace(CONFIG, evidence_share=0.5)).of(0).tolist() == [1, 2]
    assert sure(rankings, replace(CONFIG, min_evidence=1.0)).of(0).tolist() == [1, 2]
    assert sure(rankings, CONFIG).of(0).tolist() == [1, 2, 3]


def test_a_shared_rare_name_outweighs_a_shared_place() -> None:
    """Two trials at one court in one week: the story naming the same defendant, filed from
    another place, ranks above the same place's story about another defendant."""
    court = "Sidang korupsi di Pengadilan Tipikor Banjarmasin dihadiri jaksa penuntut umum."
    stories = [
        story("subject", 100, body=f"{court} Terdakwa Mahyudin Arsyad membantah dakwaan."),
        story("same-place", 101, body=f"{court} Terdakwa Zulkifli Noor membantah dakwaan."),
        story("same-name", 101, location="Kabupaten Tapin",
              body=f"{court} Terdakwa Mahyudin Arsyad menolak dakwaan."),
        *(story(f"lain-{n}", 50 + n, location="Kabupaten Tapin", body=FILLER) for n in range(6)),
    ]  # fmt: skip
    assert links(stories)["subject"][:2] == ["same-name", "same-place"]
    # When names count for nothing, the place decides.
    no_names = replace(CONFIG, name_weight=0.0)
    assert links(stories, no_names)["subject"][:2] == ["same-place", "same-name"]


def test_names_are_pairs_of_capitalised_words_outside_stop_words() -> None:
    stop = stop_words(("id", "en"))
    text = "Di Desa Sungai Rangas, kata Kepala Desa Ahmad Saputra. Sidang ditunda."
    assert names(text, stop) == [
        "desa sungai", "sungai rangas", "kepala desa", "desa ahmad", "ahmad saputra",
    ]  # fmt: skip


def test_a_follow_up_tied_through_the_best_candidate_ranks_above_a_look_alike() -> None:
    """The last story shares as much with the subject as another trial's story does, but its
    defendant is named in the subject's closest follow-up: the votes of the best candidates
    put it first (follow_threads)."""
    court = "Sidang korupsi di Pengadilan Tipikor Banjarmasin dihadiri jaksa penuntut umum."
    stories = [
        story("subject", 100, body=f"{court} Bendahara Desa Sungai Rangas diperiksa."),
        story("follow-up", 101, body=f"{court} Bendahara Desa Sungai Rangas menyebut "
              "Mahyudin Arsyad."),
        story("verdict", 103, body=f"{court} Mahyudin Arsyad divonis lima tahun."),
        story("other-trial", 103, body=f"{court} Zulkifli Noor divonis lima tahun."),
        *(story(f"lain-{n}", 50 + n, location="Kabupaten Tapin", body=FILLER) for n in range(6)),
    ]  # fmt: skip
    first = rank_all(build_index(stories, SIGNALS_ONLY))
    assert {stories[row].key for row in first.of(0)[1:3]} == {"verdict", "other-trial"}
    assert links(stories)["subject"][:2] == ["follow-up", "verdict"]
    assert follow_threads(first, replace(CONFIG, follow_top=0)).of(0).tolist() == (
        first.of(0).tolist()
    )


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
    # As the next build sees it: some stories' terms kept, in another order and among words no
    # story has any more, and those stories without words.
    keep = [n for n in reversed(range(60)) if n % 3]
    part = fresh.rows(np.array(keep, dtype=np.int64))
    kept = TermTable(["kata-lama", *part.words], part.bounds, part.ids + 1, part.counts)
    rows = np.array([keep.index(n) if n % 3 else -1 for n in range(60)], dtype=np.int64)
    wordless = [
        replace(s, title="", summary="", body="") if row >= 0 else s
        for s, row in zip(stories, rows, strict=True)
    ]
    warm_terms = story_terms(wordless, CONFIG, kept, rows)
    assert [(w, list(c)) for w, c in map(warm_terms.of, range(60))] == [
        (w, list(c)) for w, c in map(fresh.of, range(60))
    ]
    assert warm_terms.words[: len(kept.words)] == kept.words  # new words go after the kept ones
    assert len(set(warm_terms.words)) == len(warm_terms.words)
    cold, warm = build_index(stories, CONFIG), build_index(wordless, CONFIG, warm_terms)
    for name in ("postings", "window_low", "window_high", "entry_order", "entry_bounds"):
        assert getattr(cold, name).tolist() == getattr(warm, name).tolist(), name
    assert cold.terms.ids.tolist() == warm.terms.ids.tolist()
    assert cold.terms.weights.tolist() == warm.terms.weights.tolist()
    assert related(wordless, CONFIG, warm_terms) == related(stories, CONFIG)


def test_blocks_of_any_size_rank_alike_to_the_bit(monkeypatch: pytest.MonkeyPatch) -> None:
    """`_rank_range` ranks in blocks as large as the dense tables' budget allows; each
    story's scores come out the same, bit for bit, in a block of one or of many."""
    words = ["banjir", "tanggul", "pasar", "beras", "sidang", "korupsi", "jalan", "sekolah"]
    stories = [
        story(
            f"s{n}",
            n % 13,
            tags=(f"t{n % 5}", f"u{n % 3}"),
            title=f"{words[n % 8]} {words[(n * 3) % 8]} Desa Nomor{n % 7}",
            body=f"{FILLER} {words[(n * 5) % 8]} Haji Amat{n % 4} catatan{n % 6}",
        )
        for n in range(90)
    ]
    index = build_index(stories, CONFIG)
    many = engine._rank_range(index, 0, len(stories))
    monkeypatch.setattr(engine, "_DENSE_BUDGET", 1)
    one = engine._rank_range(index, 0, len(stories))
    for name in ("bounds", "stories", "scores", "evidence"):
        assert getattr(one, name).tobytes() == getattr(many, name).tobytes(), name
    assert len(many.stories) > len(stories)  # stories have candidates to rank


BUDGET = (
    "Rapat paripurna DPRD membahas rancangan APBD 2027 senilai Rp 2,9 triliun. Badan anggaran "
    "bersama TAPD memangkas belanja gedung parkir Sudimampir dan menambah dana perbaikan jalan."
)


def test_a_story_weakly_like_one_of_a_cluster_is_not_given_the_cluster() -> None:
    """A river clean-up shares one of its four tags with one budget story. The budget stories
    are sure of each other and vote for each other; they must not vote through the clean-up's
    weak tie to one of them and make the whole budget thread its "Baca juga" (they did, before
    only the candidates a story is sure of could vote)."""
    budget = {"apbd-rancangan", "apbd-pangkas", "apbd-sahkan"}
    stories = [
        story("apbd-rancangan", 100, tags=("apbd",), title="Rancangan APBD 2027 Dibahas",
              body=BUDGET),
        story("apbd-pangkas", 101, tags=("apbd",), title="Banggar Pangkas Anggaran Gedung",
              body=BUDGET.replace("menambah dana", "menunda dana")),
        story("apbd-sahkan", 103, tags=("apbd", "dprd"), title="DPRD Sahkan APBD 2027",
              body=BUDGET + " Wali kota menandatangani persetujuan bersama."),
        story("sampah", 102, tags=("dprd", "lingkungan", "sungai", "relawan"),
              title="Dua Ton Sampah Diangkat dari Sungai",
              body="Relawan mengangkat dua ton sampah dari Sungai Kuin memakai perahu."),
        *(story(f"lain-{n}", 50 + n, location="Kabupaten Tapin", body=FILLER, tags=tags)
          for n, tags in enumerate([("lingkungan",), ("sungai",), ("relawan",), (), (), ()])),
    ]  # fmt: skip
    found = boxes(stories)
    assert found["apbd-sahkan"] == (["apbd-rancangan", "apbd-pangkas"], "")
    assert not budget & set(found["sampah"][0])
    # The tie is there, only weak: asked for less evidence, the box lists that budget story.
    assert "apbd-sahkan" in boxes(stories, replace(CONFIG, min_evidence=0.3))["sampah"][0]


def test_the_place_named_in_the_text_is_not_evidence() -> None:
    """Two unrelated stories from Kapuas share no word but "Kabupaten Kapuas", named again and
    again, and the tag "kapuas": that is what their Location says, counted once by the place
    signal, not a tie of their words or tags."""
    kapuas: dict[str, Any] = {
        "location": "Kabupaten Kapuas",
        "region": "Kalimantan Tengah",
        "tags": ("kapuas",),
    }
    stories = [
        story("pilkades", 100, title="Pilkades Serentak di 58 Desa", **kapuas,
              body="Panitia Kabupaten Kapuas menyiapkan pilkades serentak dan kotak suara. Di "
                   "Kabupaten Kapuas, pemilih antre sejak pagi; Kapuas aman."),
        story("jembatan", 101, title="Jembatan Gantung Putus", **kapuas,
              body="Jembatan gantung di Kabupaten Kapuas putus dan tiga pelajar jatuh. Dinas "
                   "Kabupaten Kapuas memeriksa kabel baja; anak-anak Kapuas menyeberang dengan "
                   "perahu."),
        *(story(f"lain-{n}", 50 + n, location="Kabupaten Tapin", body=FILLER) for n in range(6)),
    ]  # fmt: skip
    assert boxes(stories)["pilkades"][1] != ""  # filler, said to be filler
    table = story_terms(stories[:2], CONFIG)
    terms = {"pilkades": table.of(0), "jembatan": table.of(1)}
    assert not {"kapuas", "kabupaten kapuas"} & set(terms["jembatan"][0])
    assert {"jembatan", "dinas kabupaten"} <= set(terms["jembatan"][0])
