"""Every WARTA_RELATED_* setting, with its default and its check."""

from __future__ import annotations

from warta.config import Setting, list_of, mapping, number, one_of, text, whole

WEIGHTS = ("location", "region", "tags", "desk", "text", "time")

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
    # a story it leaves short is filled up by engine.Fallbacks (place, region, desk, newest), so
    # "Baca juga" is full whenever the site has enough other stories.
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
    Setting("WARTA_RELATED_SIGNATURE_TERMS", 12, whole(1, 200)),
    # Candidates come from stories sharing the place, a tag or one of the rarest terms, the
    # nearest in time on each side of each shared feature. These bound the work per article.
    Setting("WARTA_RELATED_CANDIDATE_TERMS", 10, whole(0, 200)),
    Setting("WARTA_RELATED_RARE_TERM_MAX_SHARE", 0.01, number()),
    Setting("WARTA_RELATED_RARE_TERM_FLOOR", 30, whole(1)),
    Setting("WARTA_RELATED_NEIGHBOURS", 6, whole(1, 200)),
    # Processes for scoring; 0 means one per core. Small sites always run in-process.
    Setting("WARTA_RELATED_WORKERS", 0, whole(0, 64)),
)

# Each setting's default by name, for code and tests that read one.
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}
