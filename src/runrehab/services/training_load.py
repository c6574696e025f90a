"""The runner's training load, for the charts: weekly volume with pain over it, the ramp and the
spike rule as they stand today, fitness and fatigue (descriptive only), time by pace zone.

A likely run (a file that named no sport, whose pace was a run's) counts here before the runner
confirms it: leaving real load out would let the ramp and the single-run cap allow too much, the
unsafe direction. `unconfirmed` says how much of the shown load rests on such guesses, so the
page can say so next to the numbers."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from runrehab.domain.activity import PACE_BUCKET_S, RUN_SPORTS
from runrehab.domain.adaptation.reasons import reason_from
from runrehab.domain.assessment import Reason
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.load import (
    Run,
    daily,
    fitness_fatigue,
    pace_zones,
    spike,
    time_in_zones,
    two_week_ramp,
    weekly,
)
from runrehab.domain.log import CheckIn, ExerciseLog, RunLog
from runrehab.domain.pace import RaceResult, training_paces, vdot
from runrehab.domain.referral import is_referred
from runrehab.domain.units import minutes_from_s
from runrehab.render.serialize import reason_to_json
from runrehab.services.activities import ENTRY_PREFIX
from runrehab.services.ports import UnitOfWork

WEEKS = 12
DAYS = 28


def training_load(
    runner_id: str, episode_id: str, today: date, kb: KnowledgeBase, uow: UnitOfWork
) -> dict[str, Any]:
    first_monday = today - timedelta(days=today.weekday(), weeks=WEEKS - 1)
    with uow:
        imported = uow.activities.runs(runner_id, since=first_monday - timedelta(days=60))
        entries = uow.logs.entries(episode_id)
        race = uow.accounts.race(runner_id)
        guessed = uow.activities.listed(runner_id, 1000, since=first_monday, unconfirmed=True)
        status = uow.status.get(runner_id)
    referred = status is not None and is_referred(status.verdict, status.red_flag)
    runs = imported + [
        Run(e.on, e.distance_km or 0.0, e.minutes * 60)
        for e in entries
        if isinstance(e, RunLog) and not e.id.startswith(ENTRY_PREFIX)
    ]
    weeks = weekly(runs, first_monday, WEEKS)
    by_day = daily(runs)
    last_days = [today - timedelta(days=n) for n in range(DAYS - 1, -1, -1)]
    ramp = two_week_ramp(runs, today, kb.dosage.two_week_cap)
    longest = spike(runs, today + timedelta(days=1), 0.0, kb.dosage.single_run_cap)
    return {
        "weeks": [monday.isoformat() for monday, _ in weeks],
        "km": [round(v.distance_km, 1) for _, v in weeks],
        "minutes": [minutes_from_s(v.moving_s) for _, v in weeks],
        "ascent_m": [round(v.ascent_m) for _, v in weeks],
        "worst_pain": _weekly_pain(entries, first_monday),
        "days": [d.isoformat() for d in last_days],
        "daily_km": [round(by_day[d].distance_km, 2) if d in by_day else 0.0 for d in last_days],
        "daily_minutes": [
            minutes_from_s(by_day[d].moving_s) if d in by_day else 0 for d in last_days
        ],
        "ramp": asdict(ramp),
        "next_run_cap_km": None if referred else longest.cap_km,  # no run advice while referred
        "curves": [
            {"on": c.on.isoformat(), "fitness": round(c.fitness, 1), "fatigue": round(c.fatigue, 1)}
            for c in fitness_fatigue(runs, first_monday, today)
        ],
        "zones_s": _zones([r for r in imported if r.on >= first_monday], race),
        "why": reason_to_json(_dosage_reason(kb, "load_curves_descriptive"), kb),
        "unconfirmed": _unconfirmed(guessed),
    }


def _unconfirmed(guessed: list[dict[str, Any]]) -> dict[str, Any]:
    """The likely runs counted in the weeks shown that the runner has not confirmed yet."""
    runs = [a for a in guessed if a["sport"] in RUN_SPORTS]
    return {
        "runs": len(runs),
        "km": round(sum(a["distance_m"] for a in runs) / 1000, 1),
        "ids": [a["id"] for a in runs],
    }


def _dosage_reason(kb: KnowledgeBase, rule_id: str) -> Reason:
    return reason_from(next(r for r in kb.dosage.rules if r.id == rule_id))


def _weekly_pain(
    entries: list[ExerciseLog | RunLog | CheckIn], first_monday: date
) -> list[int | None]:
    worst: list[int | None] = [None] * WEEKS
    for e in entries:
        week = (e.on - first_monday).days // 7
        if 0 <= week < WEEKS:
            pain = (
                max(e.pain_during, e.pain_after)
                if isinstance(e, RunLog)
                else (e.pain if isinstance(e, ExerciseLog) else e.monitoring_pain)
            )
            worst[week] = max(worst[week] or 0, pain)
    return worst


def _zones(imported: list[Run], race: tuple[float, float, Any] | None) -> dict[str, float] | None:
    """Time by Daniels' zone over the runs shown, once a race result gives the runner's paces."""
    if race is None:
        return None
    paces = training_paces(vdot(RaceResult(race[0], race[1])))
    targets = {
        "easy": (paces.easy.fast_s_per_km + paces.easy.slow_s_per_km) / 2,
        "marathon": paces.marathon_s_per_km,
        "threshold": paces.threshold_s_per_km,
        "interval": paces.interval_s_per_km,
        "repetition": paces.repetition_s_per_km,
    }
    spent = time_in_zones((r.pace_histogram for r in imported), pace_zones(targets), PACE_BUCKET_S)
    return {name: round(s) for name, s in spent.items()}
