"""A runner's history across re-assessments: each re-assessment starts an episode linked to the
one it continues, and these read the whole chain, so the charts, the timeline, the
questionnaires and the coach's overrides go on across it (see `episodes.start_episode`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.adaptation.reassessment import ended_text
from runrehab.domain.intake import SCREENING_KEYS
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn
from runrehab.domain.records import PlanVersion, StoredScore
from runrehab.domain.referral import loosens
from runrehab.schemas.answers import NOT_IN_TEMPLATES
from runrehab.services.episodes import describe_change
from runrehab.services.ports import UnitOfWork
from runrehab.services.progress import History

PERSONAL = frozenset({"age", "sex"})  # the runner's own facts: kept in a re-assessment's form


def history_across(episode_id: str, uow: UnitOfWork) -> History:
    """The log, its decisions and every plan version of the episode and those it continues,
    oldest first (plan versions are numbered per episode; a re-assessment's is its version 1)."""
    with uow:
        chain = uow.continuity.chain(episode_id)
        entries = [e for each in chain for e in uow.logs.entries(each)]
        decisions = {k: v for each in chain for k, v in uow.logs.decisions(each).items()}
        versions = [v for each in chain for v in uow.plans.versions(each)]
    return History(entries, decisions, versions)


def scores_across(episode_id: str, uow: UnitOfWork) -> list[StoredScore]:
    with uow:
        chain = uow.continuity.chain(episode_id)
        return [s for each in chain for s in uow.questionnaires.scores(each)]


def reassessments(versions: Sequence[PlanVersion]) -> list[dict[str, Any]]:
    """Each re-assessment among the plan `versions`: its date, who made it and what it says."""
    return [
        {"on": v.effective_on.isoformat(), "by": c.get("by", ""), "says": v.reason}
        for v in versions
        for c in v.changes[:1]
        if isinstance(c, dict) and c.get("reassessed")
    ]


def overrides_listed(
    overrides: Sequence[tuple[Override, date | None, str]], referred: bool, kb: KnowledgeBase
) -> dict[str, Any]:
    """The coach's changes to the plan still in force (across re-assessments) and those a
    re-assessment ended, each with the date and the reason (`overrides` as
    `Continuity.overrides_of` reads them; `referred`: the runner is referred now)."""
    in_force = [o for o, ended_on, _ in overrides if ended_on is None]
    return {
        "in_force": [
            _listed(o, kb) | _standing(o, in_force[i + 1 :], referred)
            for i, o in enumerate(in_force)
        ],
        "ended": [
            _listed(o, kb) | {"ended_on": on.isoformat(), "ended": ended_text(on, why)}
            for o, on, why in overrides
            if on is not None
        ],
    }


def _slot(o: Override) -> tuple[str, str]:
    """What an override sets: a later override of the same slot replaces it (running paused or
    resumed, the stage, one exercise's dose or swap, one of the coach's own exercises)."""
    if o.kind in ("pause_running", "resume_running"):
        return ("running", "")
    if o.kind in ("add_exercise", "remove_exercise"):
        return ("custom", str(o.values.get("id", "")))
    return (o.kind, str(o.values.get("exercise", o.values.get("from", ""))))


def _standing(o: Override, later: list[Override], referred: bool) -> dict[str, str]:
    """Why an override in force does not act now, if it does not: a later change of the same
    thing replaced it, or the runner is referred and nothing that adds load applies."""
    replaced = next((n for n in later if _slot(n) == _slot(o)), None)
    if replaced is not None:
        return {"not_acting": f"replaced by the change of {replaced.on.isoformat()}"}
    if referred and loosens(o.kind):
        return {
            "not_acting": "on hold: the runner is referred; it applies again only if a "
            "re-assessment after they have been seen keeps it"
        }
    return {}


def _listed(o: Override, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "on": o.on.isoformat(),
        "by": o.by,
        "kind": o.kind,
        "what": describe_change(o, kb),
        "reason": o.reason,
    }


def latest_answers(episode_id: str, today: date, uow: UnitOfWork) -> dict[str, Any]:
    """The runner's answers as they stand now, to pre-fill a re-assessment: the latest
    assessment's answers (the red-flag screening left out: it is always asked afresh), the days
    since onset counted on to today, and the self-tests and numbers of the latest check-ins."""
    with uow:
        answers, _ = uow.episodes.raw(episode_id)
        started = uow.episodes.get(episode_id).started_on
        checkins = [e for e in uow.logs.entries(episode_id) if isinstance(e, CheckIn)]
    kept = {k: v for k, v in answers.items() if k not in NOT_IN_TEMPLATES or k in PERSONAL}
    kept = {k: v for k, v in kept.items() if k not in SCREENING_KEYS}
    if isinstance(kept.get("days_since_onset"), int):
        kept["days_since_onset"] += max(0, (today - started).days)
    tests = dict(kept.get("tests") or {})
    for c in checkins:  # oldest first: the latest answer wins
        tests |= {k: v for k, v in asdict(c.tests).items() if v is not None}
        kept |= {
            k: getattr(c, k)
            for k in ("hop_pain", "single_leg_calf_raises", "pain_rest")
            if getattr(c, k) is not None
        }
    if tests:
        kept["tests"] = tests
    return kept


__all__ = [
    "history_across",
    "latest_answers",
    "overrides_listed",
    "reassessments",
    "scores_across",
]
