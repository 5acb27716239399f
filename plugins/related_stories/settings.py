"""Every WARTA_RELATED_* setting, with its default and its check."""

from __future__ import annotations

from typing import Any

from warta.config import Setting, list_of, mapping, number, one_of, text, whole
from warta.messages import Text, t

WEIGHTS = ("location", "region", "tags", "desk", "text", "time")


def _share(value: Any) -> Text | None:
    """A number from 0 to 1 (warta.config's `number` has no upper bound)."""
    problem = number(0.0)(value)
    if problem is None and value > 1:
        return t("must be 0 to 1, not {value}", value=value)
    return problem


SETTINGS = (
    # How many stories "Baca juga" lists under each article.
    Setting("WARTA_RELATED_COUNT", 5, whole(0, 50)),
    # How much each signal adds to a candidate's score. Chosen by `python -m bench related
    # --tune` (coordinate search on a generated 10,000-story archive with known threads, checked
    # on a second archive: recall@5 0.970 and 0.971); see docs/adr/003.
    Setting(
        "WARTA_RELATED_WEIGHTS",
        {"location": 1.5, "region": 0.15, "tags": 1.0, "desk": 0.25, "text": 3.0, "time": 0.6},
        mapping(dict.fromkeys(WEIGHTS, number())),
    ),
    # Closeness in time decays as exp(-days / scale). The ranking looks only within the window;
    # a story it leaves with nothing related gets filler of one group (engine.Fallbacks: the
    # place's stories, the region's, the desk's newest or the site's), named in its heading.
    Setting("WARTA_RELATED_TIME_SCALE_DAYS", 30.0, number(0.001)),
    Setting("WARTA_RELATED_WINDOW_DAYS", 730.0, number(0.0)),
    # "both" lists older and newer stories (follow-ups matter); "older" only earlier ones.
    Setting("WARTA_RELATED_DIRECTION", "both", one_of("both", "older")),
    # A tag on more than max(floor, share x articles) stories says nothing and is ignored.
    Setting("WARTA_RELATED_TAG_MAX_SHARE", 0.02, number()),
    Setting("WARTA_RELATED_TAG_FLOOR", 25, whole(1)),
    # Text: the headline (counted twice), the summary and the body's first words, in these
    # languages' stop words removed; each story keeps its strongest terms.
    Setting("WARTA_RELATED_LANGUAGES", ["id", "en"], list_of(text(False))),
    Setting("WARTA_RELATED_BODY_WORDS", 150, whole(0)),
    # A name (two or more capitalised words in the summary or body: people, villages) counts
    # this many times as much as a word: it tells one event from another of its kind.
    Setting("WARTA_RELATED_NAME_WEIGHT", 3.0, number(0.0)),
    Setting("WARTA_RELATED_SIGNATURE_TERMS", 12, whole(1, 200)),
    # Candidates come from stories sharing the place, a tag or one of the rarest terms, the
    # nearest in time on each side of each shared feature. These bound the work per article.
    Setting("WARTA_RELATED_CANDIDATE_TERMS", 10, whole(0, 200)),
    Setting("WARTA_RELATED_RARE_TERM_MAX_SHARE", 0.01, number()),
    Setting("WARTA_RELATED_RARE_TERM_FLOOR", 30, whole(1)),
    Setting("WARTA_RELATED_NEIGHBOURS", 6, whole(1, 200)),
    # Each story's best candidates vote for their own (engine.follow_threads): a follow-up that
    # shares little with this story but much with its closest ones still ranks high.
    Setting("WARTA_RELATED_FOLLOW_TOP", 2, whole(0, 20)),
    Setting("WARTA_RELATED_FOLLOW_WEIGHT", 2.0, number(0.0)),
    # A story is listed as related only when its evidence (what shared tags and words add to its
    # score, votes included) reaches this, and this share of the best candidate's: fewer, surer
    # links rather than five. A story with none gets filler under a heading that says so
    # ("Berita lain dari Kota Banjarmasin"). Only candidates a story is sure of vote for it.
    # 0.5: on the sample site, unrelated stories share up to about 0.5 through common words;
    # 0.3 gave a box to 56% of the bench's stories of no thread, 0.5 to 42%. The share is
    # off: on the bench it cost more of the current corpus's recall than it saved wrong links
    # among look-alikes (docs/adr/003).
    Setting("WARTA_RELATED_MIN_EVIDENCE", 0.5, number(0.0)),
    Setting("WARTA_RELATED_EVIDENCE_SHARE", 0.0, _share),
    # Processes for scoring; 0 means one per core. Small sites always run in-process.
    Setting("WARTA_RELATED_WORKERS", 0, whole(0, 64)),
)

# Each setting's default by name, for code and tests that read one.
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}
