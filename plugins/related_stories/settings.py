"""Defaults for every WARTA_RELATED_* setting, merged into the site settings once per build."""

from __future__ import annotations

import copy
from typing import Any

DEFAULTS: dict[str, Any] = {
    # How many stories "Baca juga" lists under each article.
    "WARTA_RELATED_COUNT": 5,
    # How much each signal adds to a candidate's score. Chosen by `python -m bench related
    # --tune` (coordinate search on a generated 10,000-story archive with known threads, checked
    # on a second archive: recall@5 0.970 and 0.971); see docs/adr/003.
    "WARTA_RELATED_WEIGHTS": {
        "location": 1.5,
        "region": 0.15,
        "tags": 1.0,
        "desk": 0.25,
        "text": 3.0,
        "time": 0.6,
    },
    # Closeness in time decays as exp(-days / scale); candidates further apart than the window
    # are never considered.
    "WARTA_RELATED_TIME_SCALE_DAYS": 30.0,
    "WARTA_RELATED_WINDOW_DAYS": 730.0,
    # "both" lists older and newer stories (follow-ups matter); "older" only earlier ones.
    "WARTA_RELATED_DIRECTION": "both",
    # A tag on more than max(floor, share x articles) stories says nothing and is ignored.
    "WARTA_RELATED_TAG_MAX_SHARE": 0.02,
    "WARTA_RELATED_TAG_FLOOR": 25,
    # Text: the headline (counted twice), the summary and the body's first words, in these
    # languages' stop words removed; each story keeps its strongest terms.
    "WARTA_RELATED_LANGUAGES": ["id", "en"],
    "WARTA_RELATED_BODY_WORDS": 150,
    "WARTA_RELATED_SIGNATURE_TERMS": 12,
    # Candidates come from stories sharing the place, a tag or one of the rarest terms, the
    # nearest in time on each side of each shared feature. These bound the work per article.
    "WARTA_RELATED_CANDIDATE_TERMS": 10,
    "WARTA_RELATED_RARE_TERM_MAX_SHARE": 0.01,
    "WARTA_RELATED_RARE_TERM_FLOOR": 30,
    "WARTA_RELATED_NEIGHBOURS": 6,
    # Processes for scoring; 0 means one per core. Small sites always run in-process.
    "WARTA_RELATED_WORKERS": 0,
}


def merge_defaults(settings: dict[str, Any]) -> None:
    """Fill in every WARTA_RELATED_* setting the site did not set; weights merge key by key."""
    weights = {**DEFAULTS["WARTA_RELATED_WEIGHTS"], **settings.get("WARTA_RELATED_WEIGHTS", {})}
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
    settings["WARTA_RELATED_WEIGHTS"] = weights
