"""The coach's roster: every runner who granted access, most in need of attention first."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from runrehab.domain.attention import RosterFacts, attention
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.load import Run, spike
from runrehab.services.accounts import Account
from runrehab.services.coaching.access import require_coach
from runrehab.services.coaching.red_flags import fired_flags
from runrehab.services.ports import UnitOfWork

WINDOW = timedelta(days=14)
SPARK_DAYS = 28


def roster(coach: Account, today: date, kb: KnowledgeBase, uow: UnitOfWork) -> list[dict[str, Any]]:
    """Every runner who granted access, most in need of attention first, each with the reasons.
    A fixed number of queries whatever the roster's size."""
    require_coach(coach, uow)
    first = today - timedelta(days=SPARK_DAYS - 1)
    with uow:
        rows = uow.coaching.roster_rows(coach.user_id)
        episodes = [r["status"].episode_id for r in rows]
        unread = uow.coaching.unread_by_runner(coach.user_id)
        continued = uow.continuity.continued_by(episodes)  # a re-assessment keeps the charts
        chain = [*episodes, *continued]
        days = uow.coaching.session_days(chain, first, today)
        episode_of = {r["status"].runner_id: r["status"].episode_id for r in rows}
        imported = uow.coaching.unscored_runs(list(episode_of), first, today)
        planned = uow.coaching.planned_days(episodes, today - WINDOW + timedelta(days=1), today)
        scores = uow.coaching.questionnaire_scores(chain)
        flagged = uow.coaching.red_flag_sources(
            [r["status"].episode_id for r in rows if r["status"].red_flag]
        )
    latest = [(continued.get(e, e), day, worst, distance) for e, day, worst, distance in days]
    pain, km, _ = _activity(latest, first)
    _, _, done = _activity([d for d in days if d[0] not in continued], first)  # this plan's days
    days = latest
    scores = [(continued.get(e, e), name, on, value) for e, name, on, value in scores]
    for runner, day, distance in imported:  # not scored yet: km only, no pain, no adherence
        km[episode_of[runner]][(day - first).days // 7] += distance
    spikes = _watch_spikes(days, imported, episode_of, today, kb.dosage.single_run_cap)
    drops = _drops(scores)
    listed = [_row(r, unread, pain, km, done, planned, drops, spikes, today) for r in rows]
    for row in listed:
        condition = kb.conditions.get(row["condition"] or "")
        row["condition_name"] = condition.name if condition else None
        source = flagged.get(row["episode_id"])
        row["red_flags"] = fired_flags(source, kb) if source else []
    return sorted(listed, key=lambda row: (-row["attention"]["score"], row["email"]))


def _activity(
    days: list[tuple[str, date, int, float]], first: date
) -> tuple[dict[str, list[int | None]], dict[str, list[float]], dict[str, int]]:
    """From (episode, day, worst pain, km) rows of the SPARK_DAYS days from `first`: per episode
    the worst pain of each day (None on a day without a session), the km of each week (oldest
    first) and the number of days with a session in the last WINDOW (the adherence numerator)."""
    pain: defaultdict[str, list[int | None]] = defaultdict(lambda: [None] * SPARK_DAYS)
    km: defaultdict[str, list[float]] = defaultdict(lambda: [0.0] * (SPARK_DAYS // 7))
    done: defaultdict[str, int] = defaultdict(int)
    recent = SPARK_DAYS - WINDOW.days
    for episode, day, worst, distance in days:
        offset = (day - first).days
        before = pain[episode][offset]  # a day of a re-assessment can hold both episodes
        pain[episode][offset] = worst if before is None else max(before, worst)
        km[episode][offset // 7] += distance
        if offset >= recent:
            done[episode] += 1
    return pain, km, done


def _watch_spikes(
    days: list[tuple[str, date, int, float]],
    imported: list[tuple[str, date, float]],
    episode_of: dict[str, str],
    today: date,
    ratio: float,
) -> set[str]:
    """Episodes with a run from the watch in the last week, not scored yet, over the spike cap
    (once scored, the engine flags it itself). The look-back is the SPARK_DAYS the roster
    loads, a few days short of the rule's 30."""
    runs: defaultdict[str, list[Run]] = defaultdict(list)
    for episode, day, _, distance in days:
        if distance:
            runs[episode].append(Run(day, distance, 0.0))
    for runner, day, distance in imported:
        runs[episode_of[runner]].append(Run(day, distance, 0.0))
    return {
        episode_of[runner]
        for runner, day, distance in imported
        if today - day < timedelta(days=7)
        and spike(runs[episode_of[runner]], day, distance, ratio).over
    }


def _drops(scores: list[tuple[str, str, date, float]]) -> dict[str, float]:
    last: dict[tuple[str, str], list[float]] = defaultdict(list)
    for episode, name, _, value in scores:
        last[(episode, name)].append(value)
    drops: dict[str, float] = {}
    for (episode, _), values in last.items():
        if len(values) >= 2 and values[-1] < values[-2]:
            drops[episode] = max(drops.get(episode, 0.0), values[-2] - values[-1])
    return drops


def _row(
    r: dict[str, Any],
    unread: dict[str, int],
    pain: dict[str, list[int | None]],
    km: dict[str, list[float]],
    done: dict[str, int],
    planned: dict[str, int],
    drops: dict[str, float],
    spikes: set[str],
    today: date,
) -> dict[str, Any]:
    s = r["status"]
    adherence = (
        min(1.0, done.get(s.episode_id, 0) / planned[s.episode_id])
        if planned.get(s.episode_id)
        else None
    )
    facts = RosterFacts(
        red_flag=s.red_flag,
        referred=s.verdict == "SEE_CLINICIAN" or s.last_decision == "refer",
        recent_checks=tuple(s.recent_checks),
        last_checkin_on=s.last_checkin_on,
        started_on=r["started_on"],
        adherence=adherence,
        spike=s.spike_flag or s.episode_id in spikes,
        questionnaire_drop=drops.get(s.episode_id),
        unread=unread.get(s.runner_id, 0),
    )
    need = attention(facts, today)
    return {
        "runner_id": s.runner_id,
        "episode_id": s.episode_id,
        "email": r["email"],
        "condition": r["condition"],
        "stage": s.stage,
        "verdict": s.verdict,
        "attention": {"score": need.score, "reasons": list(need.reasons)},
        "adherence_14d": None if adherence is None else round(adherence * 100),
        "last_pain": s.last_pain,
        "last_morning_pain": s.last_morning_pain,
        "last_activity_on": s.last_activity_on.isoformat() if s.last_activity_on else None,
        "failed_checks": sum(not p for p in s.recent_checks),
        "unread": facts.unread,
        "pain_28d": pain.get(s.episode_id, [None] * SPARK_DAYS),
        "weekly_km_4w": km.get(s.episode_id, [0.0] * 4),
    }
