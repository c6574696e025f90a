"""What a coach sees of one runner: status, notes, red flags, and whether the plan may change."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from runrehab.domain.adaptation.overrides import custom_exercises
from runrehab.domain.errors import NotFoundError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.referral import is_referred
from runrehab.services.accounts import Account
from runrehab.services.coaching.access import check_access
from runrehab.services.coaching.audit import record_view
from runrehab.services.coaching.plan_changes import REFERRED
from runrehab.services.coaching.red_flags import fired_flags
from runrehab.services.ports import Clock, UnitOfWork

REFERRED_WHY = "T" + REFERRED.removeprefix("Not changed: t")  # an explanation, not an error
WHILE_REFERRED = (
    "Message the runner",
    "Add a clinical note",
    "Re-assess them after they have been seen, with what the clinician found",
)


def runner_file(
    coach: Account, runner_id: str, kb: KnowledgeBase, uow: UnitOfWork, clock: Clock
) -> dict[str, Any]:
    """What a coach sees of one runner: status, notes, the red flags that fired (with the
    answers behind them) and whether the plan may be changed; the episode id for the shared
    views. The view is in the runner's access log, committed with the read."""
    with uow:
        check_access(coach, runner_id, uow)
        status = uow.status.get(runner_id)
        notes = uow.coaching.notes(runner_id)
        email = uow.coaching.email_of(runner_id)
        unread = uow.coaching.unread_by_runner(coach.user_id).get(runner_id, 0)
        if status is None:
            raise NotFoundError("no assessment yet")
        custom = custom_exercises(uow.coaching.overrides(status.episode_id))
        assessment = uow.episodes.assessment(status.episode_id)
        sources = uow.coaching.red_flag_sources([status.episode_id])
        record_view(coach, runner_id, "runner file", uow, clock)
        uow.commit()
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
        "red_flags": fired_flags(sources[status.episode_id], kb),
        "referral": {
            "referred": referred,
            "loosening_allowed": not referred,
            "why": REFERRED_WHY if referred else None,
            "you_can": list(WHILE_REFERRED) if referred else [],
        },
    }


def _screen(assessment: dict[str, Any]) -> dict[str, Any]:
    """What the assessment's screen found, for the clinician: the red flags that fired, the notes
    for whoever examines the runner, and the advisories (stored before 2026.12: none)."""
    return {
        "red_flags": [r for r in assessment.get("reasons", []) if assessment.get("red_flags")],
        "clinician_notes": assessment.get("clinician_notes", []),
        "advisories": assessment.get("advisories", []),
    }
