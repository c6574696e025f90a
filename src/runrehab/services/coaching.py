"""The coach and clinic use cases. Authorization lives here, not in templates: every coach-side
function checks the runner's grant first and answers NotFoundError without one, so a coach cannot
even learn whether a runner they may not see exists."""

from __future__ import annotations

import secrets
import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import date, timedelta
from typing import Any

from runrehab.domain.adaptation.overrides import (
    CUSTOM_SESSIONS,
    KINDS,
    Override,
    custom_exercise,
    custom_exercises,
)
from runrehab.domain.adaptation.state import CustomExercise
from runrehab.domain.attention import RosterFacts, attention
from runrehab.domain.dosing import amount
from runrehab.domain.errors import InvalidInputError, NotFoundError, Problem, ReferredError
from runrehab.domain.knowledge import KnowledgeBase, Rule
from runrehab.domain.load import Run, spike
from runrehab.domain.records import PlanVersion
from runrehab.domain.referral import (
    FiredFlag,
    assessment_flags,
    checkin_flags,
    is_referred,
    loosens,
)
from runrehab.render.serialize import rule_to_json
from runrehab.services.accounts import Account, token_hash
from runrehab.services.notifications import message_notice
from runrehab.services.ports import Clock, UnitOfWork

INVITE_VALID_FOR = timedelta(days=7)
WINDOW = timedelta(days=14)
SPARK_DAYS = 28
MAX_MESSAGE = 4000
REFERRED = (
    "Not changed: this runner's current assessment sends them to a clinician (a red flag or a "
    "referral). No one can loosen the plan until they have been seen and re-assessed. You can "
    "message them, add a note, pause running, or re-assess them once they have been seen."
)
REFERRED_WHY = "T" + REFERRED.removeprefix("Not changed: t")  # an explanation, not an error
WHILE_REFERRED = (
    "Message the runner",
    "Add a clinical note",
    "Re-assess them after they have been seen, with what the clinician found",
)


def become_coach(
    who: Account, name: str, organisation: str | None, uow: UnitOfWork, clock: Clock
) -> None:
    """A coach without an organisation, or the admin of a new one."""
    if not name.strip():
        raise InvalidInputError("coach", [Problem("name", "give the name runners will see")])
    with uow:
        org_id = None
        if organisation:
            org_id = uuid.uuid4().hex
            uow.coaching.add_organisation(org_id, organisation.strip(), clock())
        uow.coaching.add_coach(who.user_id, name.strip(), org_id, "admin" if org_id else "coach")
        uow.commit()


def require_coach(who: Account, uow: UnitOfWork) -> tuple[str, str | None, str]:
    with uow:
        coach = uow.coaching.coach(who.user_id)
    if coach is None:
        raise NotFoundError("this account is not a coach")
    return coach


def invite(who: Account, uow: UnitOfWork, clock: Clock) -> str:
    """A single-use code, valid for a week, that lets one runner grant this coach access."""
    require_coach(who, uow)
    code = secrets.token_urlsafe(9)
    with uow:
        uow.coaching.add_invite(token_hash(code), who.user_id, clock() + INVITE_VALID_FOR)
        uow.commit()
    return code


def accept(runner: Account, code: str, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        coach_id = uow.coaching.use_invite(token_hash(code.strip()), runner.runner_id, clock())
        if coach_id is None:
            raise InvalidInputError(
                "invite", [Problem("code", "this code is unknown, used or expired")]
            )
        uow.coaching.grant(runner.runner_id, coach_id, clock())
        uow.commit()
    return coach_id


def revoke(runner: Account, coach_user_id: str, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        if not uow.coaching.revoke(runner.runner_id, coach_user_id, clock()):
            raise NotFoundError("no such coach with access")
        uow.commit()


def coaches(runner: Account, uow: UnitOfWork) -> list[dict[str, Any]]:
    with uow:
        return [
            {
                "coach_id": user_id,
                "name": name,
                "thread": uow.coaching.thread(runner.runner_id, user_id),
            }
            for user_id, name in uow.coaching.coaches_of(runner.runner_id)
        ]


def _check(coach: Account, runner_id: str, uow: UnitOfWork) -> None:
    if not uow.coaching.has_access(coach.user_id, runner_id):
        raise NotFoundError("no such runner")


def send(
    who: Account, runner_id: str, coach_user_id: str, body: str, uow: UnitOfWork, clock: Clock
) -> None:
    """A message in the thread of `runner_id` and `coach_user_id`; `who` must be one of the two."""
    if not body.strip() or len(body) > MAX_MESSAGE:
        raise InvalidInputError(
            "message", [Problem("body", f"write 1 to {MAX_MESSAGE} characters")]
        )
    from_coach = who.runner_id != runner_id
    with uow:
        if not uow.coaching.has_access(coach_user_id, runner_id) or (
            from_coach and who.user_id != coach_user_id
        ):
            raise NotFoundError("no such conversation")
        uow.coaching.add_message(runner_id, coach_user_id, from_coach, body.strip(), clock())
        recipient = (
            uow.coaching.email_of(runner_id)
            if from_coach
            else uow.coaching.user_email(coach_user_id)
        )
        if recipient:
            message_notice(uow, recipient, clock())
        uow.commit()


def read_thread(
    who: Account, runner_id: str, coach_user_id: str, uow: UnitOfWork, clock: Clock
) -> list[dict[str, Any]]:
    by_coach = who.runner_id != runner_id
    with uow:
        if not uow.coaching.has_access(coach_user_id, runner_id) or (
            by_coach and who.user_id != coach_user_id
        ):
            raise NotFoundError("no such conversation")
        uow.coaching.mark_read(runner_id, coach_user_id, by_coach, clock())
        thread = uow.coaching.thread(runner_id, coach_user_id)
        uow.commit()
    return thread


def add_note(coach: Account, runner_id: str, body: str, uow: UnitOfWork, clock: Clock) -> None:
    if not body.strip():
        raise InvalidInputError("note", [Problem("body", "write the note")])
    with uow:
        _check(coach, runner_id, uow)
        uow.coaching.add_note(runner_id, coach.user_id, body.strip(), clock())
        uow.commit()


def runner_file(
    coach: Account, runner_id: str, kb: KnowledgeBase, uow: UnitOfWork
) -> dict[str, Any]:
    """What a coach sees of one runner: status, notes, the red flags that fired (with the
    answers behind them) and whether the plan may be changed; the episode id for the shared
    views."""
    with uow:
        _check(coach, runner_id, uow)
        status = uow.status.get(runner_id)
        notes = uow.coaching.notes(runner_id)
        email = uow.coaching.email_of(runner_id)
        unread = uow.coaching.unread_by_runner(coach.user_id).get(runner_id, 0)
        if status is None:
            raise NotFoundError("no assessment yet")
        custom = custom_exercises(uow.coaching.overrides(status.episode_id))
        assessment = uow.episodes.assessment(status.episode_id)
        sources = uow.coaching.red_flag_sources([status.episode_id])
    referred = is_referred(status.verdict, status.red_flag)
    return {
        "runner_id": runner_id,
        "email": email,
        "episode_id": status.episode_id,
        "stage": status.stage,
        "verdict": status.verdict,
        "notes": notes,
        "unread": unread,
        "custom_exercises": [asdict(c) for c in custom.values()],
        "screen": _screen(assessment),
        "red_flags": _fired(sources[status.episode_id], kb),
        "referral": {
            "referred": referred,
            "loosening_allowed": not referred,
            "why": REFERRED_WHY if referred else None,
            "you_can": list(WHILE_REFERRED) if referred else [],
        },
    }


def _fired(source: dict[str, Any], kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every red flag of an episode, the assessment's first, then each check-in's, with the
    runner's answers behind it exactly as given."""
    a = source["assessment"]
    questions = {q.key: q.text for g in kb.questions for q in g.questions}
    fired = list(
        assessment_flags(
            a.get("red_flags", []),
            kb.red_flags,
            {r["rule"]: r["says"] for r in a.get("reasons", [])},
            _flat(source["answers"]),
            date.fromisoformat(a["assessed_on"]),
        )
    )
    checked = dict.fromkeys(questions, "Reported at a check-in")  # the question is in its answer
    for day, symptoms in source["checkins"]:
        fired += checkin_flags(day, symptoms, checked)
    rules = {f.rule.id: f.rule for f in kb.red_flags}
    return [_flag_json(f, questions) | _flag_evidence(f, rules, kb) for f in fired]


def _flag_evidence(flag: FiredFlag, rules: dict[str, Rule], kb: KnowledgeBase) -> dict[str, Any]:
    """The red-flag rule's evidence label when the flag came from the assessment (a check-in
    flag is the runner's own report, not a rule's words)."""
    if flag.source != "assessment" or flag.rule not in rules:
        return {}
    return {
        k: v for k, v in rule_to_json(rules[flag.rule], kb).items() if k not in ("says", "rule")
    }


def _flat(answers: dict[str, Any]) -> dict[str, object]:
    flat = {k: v for k, v in answers.items() if k != "tests"}
    flat.update({f"tests.{k}": v for k, v in (answers.get("tests") or {}).items()})
    return flat


def _flag_json(flag: FiredFlag, questions: dict[str, str]) -> dict[str, Any]:
    return {
        "rule": flag.rule,
        "says": flag.says,
        "on": flag.on.isoformat(),
        "source": flag.source,
        "answers": [
            {"key": k, "question": questions.get(k, k), "value": v, "answer": _said(v)}
            for k, v in flag.answers
        ],
    }


def _said(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v).replace("_", " ") for v in value)
    return str(value).replace("_", " ")


def _screen(assessment: dict[str, Any]) -> dict[str, Any]:
    """What the assessment's screen found, for the clinician: the red flags that fired, the notes
    for whoever examines the runner, and the advisories (stored before 2026.12: none)."""
    return {
        "red_flags": [r for r in assessment.get("reasons", []) if assessment.get("red_flags")],
        "clinician_notes": assessment.get("clinician_notes", []),
        "advisories": assessment.get("advisories", []),
    }


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
        row["red_flags"] = _fired(source, kb) if source else []
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


def override(
    coach: Account,
    runner_id: str,
    change: Override,
    kb: KnowledgeBase,
    uow: UnitOfWork,
    clock: Clock,
) -> int:
    """Store a coach's change to the plan as a new plan version (by the coach, with the reason);
    returns the version number. The engine replays it with the log from its date on. A change
    that can add load is refused (ReferredError) while the runner is referred: a clinician sees
    them first, whoever asks and from whichever screen."""
    if change.kind == "add_exercise":
        change = replace(change, values={**change.values, "id": f"custom-{uuid.uuid4().hex[:10]}"})
    _validate(change, kb)
    with uow:
        _check(coach, runner_id, uow)
        uow.episodes.lock_runner(runner_id)
        status = uow.status.get(runner_id)
        name = uow.coaching.coach(coach.user_id)
        if status is None or name is None:
            raise NotFoundError("no assessment yet")
        if loosens(change.kind) and is_referred(status.verdict, status.red_flag):
            raise ReferredError(REFERRED)
        added = custom_exercises(uow.coaching.overrides(status.episode_id))
        if change.kind == "remove_exercise" and change.values.get("id") not in added:
            raise InvalidInputError("override", [Problem("id", "no such exercise of your own")])
        uow.coaching.add_override(status.episode_id, coach.user_id, change, clock())
        version = uow.plans.latest_version(status.episode_id) + 1
        uow.plans.add_version(
            status.episode_id,
            PlanVersion(
                version,
                clock(),
                change.on,
                "coach",
                _describe(change, kb, name[0], added),
                status.stage,
                [dict(change.values)],
            ),
            [],
        )
        if change.kind == "stage":
            uow.status.put(replace(status, stage=int(str(change.values["stage"]))))
        uow.commit()
    return version


def _describe(
    change: Override, kb: KnowledgeBase, coach_name: str, added: dict[str, CustomExercise]
) -> str:
    if change.kind == "remove_exercise":
        what = f"{added[str(change.values['id'])].name} removed"
    else:
        what = describe_override(change, kb)
    return f"{coach_name} changed the plan: {what}, because {change.reason}"


def describe_override(change: Override, kb: KnowledgeBase) -> str:
    v = change.values
    if change.kind == "add_exercise":
        c = custom_exercise(change)
        dose = f"{c.reps} reps" if c.reps else f"{c.hold_s} s holds"
        return f"{c.name} ({c.sets} x {dose}) added to the {c.session.replace('_', '-')} sessions"
    if change.kind == "dose":
        exercise = kb.exercises[str(v["exercise"])]
        sets, measure = amount(exercise, int(str(v["step"])), kb.dosage)
        return f"{exercise.name} set to {sets} x {measure}"
    if change.kind == "swap":
        return f"{kb.exercises[str(v['from'])].name} swapped for {kb.exercises[str(v['to'])].name}"
    if change.kind == "stage":
        held = " and held there" if v.get("hold", True) else ""
        return f"stage set to {v['stage']}{held}"
    return "running paused" if change.kind == "pause_running" else "running resumed"


def _validate(change: Override, kb: KnowledgeBase) -> None:
    v, problems = change.values, []
    if change.kind not in KINDS:
        problems.append(Problem("kind", f"one of {', '.join(KINDS)}"))
    for key in {"dose": ("exercise",), "swap": ("from", "to")}.get(change.kind, ()):
        if v.get(key) not in kb.exercises:
            problems.append(Problem(key, f"unknown exercise {v.get(key)!r}"))
    if change.kind == "dose" and not (
        isinstance(v.get("step"), int) and 0 <= int(str(v["step"])) <= 9
    ):
        problems.append(Problem("step", "a whole number from 0 (the easiest) to 9"))
    if change.kind == "stage" and not (
        isinstance(v.get("stage"), int) and 1 <= int(str(v["stage"])) <= 4
    ):
        problems.append(Problem("stage", "a stage number"))
    if change.kind == "add_exercise":
        problems += _custom_problems(v)
    if not change.reason.strip():
        problems.append(Problem("reason", "say why: the runner sees it"))
    if problems:
        raise InvalidInputError("override", problems)


def _custom_problems(v: Mapping[str, object]) -> list[Problem]:
    """What is wrong with a coach's own exercise; nothing is stored unless the list is empty."""
    problems = []
    name, instructions = v.get("name"), v.get("instructions", "")
    if not isinstance(name, str) or not 1 <= len(name.strip()) <= 80:
        problems.append(Problem("name", "a name of 1 to 80 characters"))
    if not isinstance(instructions, str) or len(instructions) > 1000:
        problems.append(Problem("instructions", "at most 1,000 characters"))
    if v.get("session") not in CUSTOM_SESSIONS:
        problems.append(Problem("session", f"one of {', '.join(CUSTOM_SESSIONS)}"))
    if not _whole(v.get("sets"), 1, 10):
        problems.append(Problem("sets", "a whole number from 1 to 10"))
    reps, hold = v.get("reps"), v.get("hold_s")
    if (reps is None) == (hold is None):
        problems.append(Problem("reps", "give reps or a hold in seconds, not both"))
    elif reps is not None and not _whole(reps, 1, 50):
        problems.append(Problem("reps", "a whole number from 1 to 50"))
    elif hold is not None and not _whole(hold, 5, 300):
        problems.append(Problem("hold_s", "a whole number of seconds from 5 to 300"))
    if not isinstance(v.get("per_side", False), bool):
        problems.append(Problem("per_side", "true or false"))
    return problems


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def admin_of(who: Account, uow: UnitOfWork) -> str:
    """The organisation `who` administers, inside the caller's unit of work."""
    coach = uow.coaching.coach(who.user_id)
    if coach is None or coach[2] != "admin" or coach[1] is None:
        raise NotFoundError("no organisation that you administer")
    return coach[1]


def organisation_coaches(admin: Account, uow: UnitOfWork) -> list[dict[str, str]]:
    """An admin manages the organisation's coaches; runners' records stay with each coach's grants."""
    with uow:
        return uow.coaching.organisation_coaches(admin_of(admin, uow))


def remove_organisation_coach(admin: Account, coach_user_id: str, uow: UnitOfWork) -> None:
    with uow:
        if not uow.coaching.leave_organisation(coach_user_id, admin_of(admin, uow)):
            raise NotFoundError("no such coach in your organisation")
        uow.commit()
