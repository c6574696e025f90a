"""View models shared by the pages and the API: each page's JSON twin is built from the same data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from runrehab.domain.errors import NotFoundError
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.domain.pace import RaceResult, rehab_easy_pace
from runrehab.domain.questionnaires import score
from runrehab.domain.records import StoredScore
from runrehab.render.serialize import plan_to_json, rules_in
from runrehab.render.user_agents import describe_device
from runrehab.services.accounts import Account
from runrehab.services.activities import awaiting_pain
from runrehab.services.assignments import plan_due, schedules
from runrehab.services.charts import progress_series, questionnaire_trends
from runrehab.services.continuity import (
    history_across,
    overrides_listed,
    reassessments,
    scores_across,
)
from runrehab.services.episodes import episode_of
from runrehab.services.progress import current_plan, history
from runrehab.services.sessions import of_account
from runrehab.web.state import AppState

NO_EPISODE = "no assessment yet: take the assessment first"


def devices(state: AppState, who: Account, this_session: str | None) -> list[dict[str, Any]]:
    """The account's signed-in devices, the most recently used first; times in UTC (ISO 8601)."""
    return [
        {
            "id": login.id,
            "device": describe_device(login.user_agent),
            "signed_in_at": login.created_at.isoformat(),
            "last_active_at": login.last_seen_at.isoformat(),
            "this_device": login.id == this_session,
        }
        for login in of_account(who.user_id, state.uow())
    ]


def episode_id(state: AppState, who: Account) -> str:
    found = episode_of(who.runner_id, state.uow())
    if found is None:
        raise NotFoundError(NO_EPISODE)
    return found


def pace(state: AppState, who: Account) -> dict[str, Any]:
    with state.uow() as uow:
        race = uow.accounts.race(who.runner_id)
    advice = rehab_easy_pace(RaceResult(race[0], race[1]) if race else None)
    pace_range = advice.pace_range
    return {
        "from_race": race is not None,
        "easy_pace": None
        if pace_range is None
        else {
            "fast_s_per_km": round(pace_range.fast_s_per_km),
            "slow_s_per_km": round(pace_range.slow_s_per_km),
            "text": pace_range.label(),
        },
        "vdot": None if advice.vdot is None else round(advice.vdot, 1),
        "why": advice.why,
        "zones": [
            {
                "name": zone.name,
                "fast_s_per_km": round(zone.pace_range.fast_s_per_km),
                "slow_s_per_km": round(zone.pace_range.slow_s_per_km),
                "text": zone.pace_range.label(),
                "why": zone.why,
            }
            for zone in advice.zones
        ],
    }


def today(state: AppState, who: Account, day: date) -> dict[str, Any]:
    episode = episode_id(state, who)
    plan = current_plan(episode, day, 1, state.kb, state.uow())
    data = plan_to_json(plan, state.kb)
    past = history(episode, state.uow())
    last = past.decisions.get(past.entries[-1].id) if past.entries else None
    assigned = schedules(who.runner_id, day, state.kb, state.uow())
    by_coach = {a["questionnaire"] for a in assigned}
    return {
        "date": day.isoformat(),
        "verdict": data["verdict"],
        "verdict_label": state.kb.verdicts[plan.verdict].label,
        "condition": data["condition"],
        "notes": data["notes"],
        "note_rules": data["note_rules"],
        "monitoring_task": data["monitoring_task"],
        "return_to_run": data["return_to_run"],
        "sessions": [s for s in data["sessions"] if s["date"] == day.isoformat()],
        "questionnaires_due": plan_due(  # the plan's default, unless a coach set a schedule
            who.runner_id,
            sorted({q["id"] for q in data["questionnaires"]} - by_coach),
            day,
            state.kb,
            state.uow(),
        ),
        "questionnaires_assigned": [a for a in assigned if a["due_on"]],
        "last_decision": last,
        "coach_changes": [v.reason for v in past.versions if v.author == "coach"][-3:],
        "unread_messages": _unread(state, who),
        "coaches": _coaches(state, who),
        "runs_awaiting": awaiting_pain(who.runner_id, episode, day, state.kb, state.uow()),
        "pace": pace(state, who),
    }


def plan(state: AppState, who: Account, day: date, weeks: int) -> dict[str, Any]:
    return plan_of(state, episode_id(state, who), day, weeks)


def plan_of(state: AppState, episode: str, day: date, weeks: int) -> dict[str, Any]:
    data = plan_to_json(current_plan(episode, day, weeks, state.kb, state.uow()), state.kb)
    versions = history_across(
        episode, state.uow()
    ).versions  # what changed before a re-assessment too
    with state.uow() as uow:
        pauses = uow.accounts.pauses(episode)
    data["versions"] = [
        {
            "version": v.version,
            "effective_on": v.effective_on.isoformat(),
            "author": v.author,
            "reason": v.reason,
            "reason_rules": rules_in(v.reason, state.kb, data["condition"]),
            "stage": v.stage,
            "changes": v.changes,
        }
        for v in versions
    ]
    data["paused"] = any(end is None for _, end, _ in pauses)
    data["overrides"] = overrides_listed(episode, state.kb, state.uow())  # in force, and ended
    return data


def progress(state: AppState, who: Account) -> dict[str, Any]:
    return progress_of(state, episode_id(state, who))


def progress_of(state: AppState, episode: str) -> dict[str, Any]:
    """The charts' numbers across re-assessments, each re-assessment marked (`reassessed`)."""
    past = history_across(episode, state.uow())
    scores = scores_across(episode, state.uow())
    series = progress_series(past.entries, scores, state.kb.dosage.exercise_pain_limit)
    series["trends"] = questionnaire_trends(scores, state.kb)
    series["reassessed"] = reassessments(past)
    plan_now = current_plan(episode, date.today(), 1, state.kb, state.uow())
    stage = next((s for s in plan_now.stages if s.status == "current"), None)
    series["stage"] = (
        None
        if not stage
        else {"number": stage.number, "of": len(plan_now.stages), "name": stage.name}
    )
    return series


def week_days(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(7)]


def _coaches(state: AppState, who: Account) -> list[dict[str, str]]:
    with state.uow() as uow:
        return [{"id": i, "name": n} for i, n in uow.coaching.coaches_of(who.runner_id)]


def _unread(state: AppState, who: Account) -> int:
    with state.uow() as uow:
        return uow.coaching.unread_for_runner(who.runner_id)


def timeline(
    state: AppState, file: dict[str, Any], thread: list[dict[str, Any]]
) -> list[dict[str, str]]:
    """Everything about a runner in one list, newest first: log entries with their decisions, plan
    versions, messages and clinical notes (the coach's view), across re-assessments."""
    past = history_across(file["episode_id"], state.uow())
    events = [
        {
            "on": e.on.isoformat(),
            "what": _entry_text(e),
            "decision": (past.decisions.get(e.id) or {}).get("decision", ""),
        }
        for e in past.entries
    ]
    marked = {m["says"] for m in reassessments(past)}
    events += [
        {
            "on": v.effective_on.isoformat(),
            "what": v.reason
            if v.reason in marked
            else f"Plan v{v.version} ({v.author}): {v.reason}",
            "decision": "re-assessed" if v.reason in marked else "",
        }
        for v in past.versions
    ]
    events += [
        {
            "on": m["sent_at"][:10],
            "what": f"Message from {'coach' if m['from_coach'] else 'runner'}: {m['body']}",
            "decision": "",
        }
        for m in thread
    ]
    events += [
        {"on": n["created_at"][:10], "what": f"Note by {n['by']}: {n['body']}", "decision": ""}
        for n in file["notes"]
    ]
    order = {id(e): i for i, e in enumerate(events)}  # within a day, the latest recorded first
    return sorted(events, key=lambda e: (e["on"], order[id(e)]), reverse=True)


def _entry_text(entry: Entry) -> str:
    if isinstance(entry, ExerciseLog):
        amount = f"{entry.reps} reps" if entry.reps else f"{entry.hold_s} s"
        return f"Exercise: {entry.exercise} {entry.sets} x {amount}, pain {entry.pain}/10"
    if isinstance(entry, RunLog):
        return f"Run: {entry.minutes} min, pain {entry.pain_during}/10 during, {entry.pain_after}/10 after"
    assert isinstance(entry, CheckIn)
    return f"Check-in: morning {entry.monitoring_pain}/10"


def scored(
    state: AppState, episode: str, name: str, answers: dict[str, Any], stored: StoredScore
) -> dict[str, Any]:
    """A response's score with its minimal important change, the change since the response
    before read against it, and any published flag it raises (OSTRC-O2 substantial problem)."""
    q = state.kb.questionnaires[name]
    [trend] = questionnaire_trends(
        [s for s in scores_across(episode, state.uow()) if s.questionnaire == name], state.kb
    )
    raised = set(score(q, answers, name).flags)
    return {
        "questionnaire": name,
        "score": stored.score,
        "provisional": stored.provisional,
        "mcid": q.mcid,
        "higher_is_better": q.higher_is_better,
        "interpretation": trend["interpretation"],
        "words": trend["words"],
        "flags": [{"id": f.id, "text": f.text} for f in q.flags if f.id in raised],
    }
