"""Sport names from each format, normalised to one vocabulary: FIT's enum names ("running",
"cycling", "walking", ...), with the running sub-sports that matter for load made explicit
("trail_running", "treadmill_running"). "unknown" means the file does not say; a sport the file
names that we do not recognise keeps its own (normalised) name, so it is never taken for a run.
"""

from __future__ import annotations

import re

__all__ = ["UNKNOWN", "fit_sport", "gpx_sport", "tcx_sport"]

UNKNOWN = "unknown"

_FIT_RUNNING_SUB_SPORTS = {
    "trail": "trail_running",
    "treadmill": "treadmill_running",
    "indoor_running": "treadmill_running",
}

# GPX <type> is free text. Strava writes its activity-type codes as numbers (1 ride, 4 hike,
# 9 run, 10 walk, 16 swim); Garmin Connect and others write words.
_GPX_TYPES = {
    "1": "cycling",
    "4": "hiking",
    "9": "running",
    "10": "walking",
    "16": "swimming",
    "run": "running",
    "trail_run": "trail_running",
    "treadmill": "treadmill_running",
    "virtual_run": "treadmill_running",
    "ride": "cycling",
    "biking": "cycling",
    "bike": "cycling",
    "walk": "walking",
    "hike": "hiking",
    "swim": "swimming",
}

# TCX's schema allows Running, Biking and Other.
_TCX_SPORTS = {"running": "running", "biking": "cycling", "other": "other"}


def fit_sport(sport: object, sub_sport: object = None) -> str:
    """From a FIT session's (or sport message's) `sport` and `sub_sport` enum names; fitdecode
    gives an int for a value its profile does not know."""
    if not isinstance(sport, str) or sport == "generic":
        return UNKNOWN
    if sport == "running" and isinstance(sub_sport, str):
        return _FIT_RUNNING_SUB_SPORTS.get(sub_sport, sport)
    return sport


def gpx_sport(type_text: str | None) -> str:
    if not type_text or not _normal(type_text):
        return UNKNOWN
    key = _normal(type_text)
    return _GPX_TYPES.get(key, key)


def tcx_sport(attribute: str | None) -> str:
    if not attribute or not _normal(attribute):
        return UNKNOWN
    key = _normal(attribute)
    return _TCX_SPORTS.get(key, key)


def _normal(text: str) -> str:
    """ "Trail Run" -> "trail_run"; at most 40 characters of it."""
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")[:40]
