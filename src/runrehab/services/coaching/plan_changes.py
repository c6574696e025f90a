"""A coach's change to a runner's plan: checked, stored as a new plan version, and described."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace

from runrehab.domain.adaptation.overrides import (
    CUSTOM_SESSIONS,
    KINDS,
    Override,
    custom_exercise,
    custom_exercises,
)
from runrehab.domain.adaptation.state import CustomExercise
from runrehab.domain.dosing import amount
from runrehab.domain.errors import InvalidInputError, NotFoundError, Problem, ReferredError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.records import PlanVersion
from runrehab.domain.referral import is_referred, loosens
from runrehab.services.accounts import Account
from runrehab.services.coaching.access import check_access
from runrehab.services.ports import Clock, UnitOfWork

REFERRED = (
    "Not changed: this runner's current assessment sends them to a clinician (a red flag or a "
    "referral). No one can loosen the plan until they have been seen and re-assessed. You can "
    "message them, add a note, pause running, or re-assess them once they have been seen."
)


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
        check_access(coach, runner_id, uow)
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
