"""The numbers behind the progress charts, as plain series (the web page and /api/v1/progress)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog


def _week(day: date) -> str:
    return (day - timedelta(days=day.weekday())).isoformat()


def progress_series(entries: list[Entry], scores: list[Any], pain_limit: int) -> dict[str, Any]:
    """Pain during sessions and next-morning pain by day (against the limit), weekly running
    minutes and km, weekly strength volume (sets x reps), questionnaire scores."""
    during: dict[str, int] = {}
    morning: dict[str, int] = {}
    run_minutes: dict[str, float] = defaultdict(float)
    run_km: dict[str, float] = defaultdict(float)
    volume: dict[str, int] = defaultdict(int)
    for e in entries:
        day = e.on.isoformat()
        if isinstance(e, CheckIn):
            morning[day] = e.monitoring_pain
            continue
        pain = e.pain if isinstance(e, ExerciseLog) else max(e.pain_during, e.pain_after)
        during[day] = max(during.get(day, 0), pain)
        if isinstance(e, RunLog):
            run_minutes[_week(e.on)] += e.minutes
            run_km[_week(e.on)] += e.distance_km or 0.0
        else:
            volume[_week(e.on)] += e.sets * (e.reps or 1)
    days = sorted(set(during) | set(morning))
    weeks = sorted(set(run_minutes) | set(volume))
    return {
        "pain_limit": pain_limit,
        "days": days,
        "pain_during": [during.get(d) for d in days],
        "morning_pain": [morning.get(d) for d in days],
        "weeks": weeks,
        "run_minutes": [round(run_minutes.get(w, 0.0)) for w in weeks],
        "run_km": [round(run_km.get(w, 0.0), 1) for w in weeks],
        "strength_volume": [volume.get(w, 0) for w in weeks],
        "questionnaires": [
            {
                "questionnaire": s.questionnaire,
                "date": s.on.isoformat(),
                "score": s.score,
                "provisional": s.provisional,
            }
            for s in scores
        ],
    }
