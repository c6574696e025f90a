"""The numbers behind the progress charts, as plain series (the web page and /api/v1/progress)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.domain.questionnaires import Change, Questionnaire, change
from runrehab.domain.records import StoredScore


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


_CHANGE_WORDS = {
    Change.BETTER: "better by at least the minimal important change",
    Change.WORSE: "worse by at least the minimal important change",
    Change.WITHIN: "within the minimal important change: no meaningful change yet",
    Change.FIRST: "the first score: the next one shows whether it changed",
    Change.UNKNOWN: "no published minimal important change to compare with",
}


def questionnaire_trends(scores: list[StoredScore], kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One line per questionnaire answered: the last score against the one before, in words,
    and the band of +/- the minimal important change around the previous score (where a change
    inside the band is not yet meaningful)."""
    names = sorted({s.questionnaire for s in scores if s.questionnaire in kb.questionnaires})
    return [
        _trend(kb.questionnaires[n], [s for s in scores if s.questionnaire == n]) for n in names
    ]


def _trend(q: Questionnaire, scores: list[StoredScore]) -> dict[str, Any]:
    values = [s.score for s in scores]
    moved = change(q, values)
    base = values[-2] if len(values) > 1 else values[-1]
    band = None if q.mcid is None else [base - q.mcid, base + q.mcid]
    delta = None if len(values) < 2 else round(values[-1] - values[-2], 1)
    direction = "higher is better" if q.higher_is_better else "lower is better"
    return {
        "questionnaire": q.id,
        "name": q.name,
        "mcid": q.mcid,
        "higher_is_better": q.higher_is_better,
        "scale": [q.min_total, q.max_total],
        "last": values[-1],
        "last_on": scores[-1].on.isoformat(),
        "change": delta,
        "interpretation": moved.value,
        "band": band,
        "words": f"{q.name}: {values[-1]:g} ({direction}"
        + (f", minimal important change {q.mcid:g}" if q.mcid is not None else "")
        + ")"
        + ("" if delta is None else f", {delta:+g} since the score before")
        + f": {_CHANGE_WORDS[moved]}.",
        "provisional": q.provisional,
    }
