"""Whether the runner is referred now, for the notice every runner page leads with (product
principle 1: a red flag wins on every screen, not only on Today and Plan)."""

from __future__ import annotations

from typing import Any

from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.referral import REFERRAL_VERDICTS, is_referred
from runrehab.domain.verdicts import Verdict
from runrehab.services.ports import UnitOfWork


def referral_notice(runner_id: str, kb: KnowledgeBase, uow: UnitOfWork) -> dict[str, Any] | None:
    """The verdict and its label while the runner's current episode refers them to a clinician
    (at the assessment, or a warning sign or the engine later); None otherwise."""
    with uow:
        status = uow.status.get(runner_id)
    if status is None or not is_referred(status.verdict, status.red_flag):
        return None
    verdict = status.verdict if status.verdict in REFERRAL_VERDICTS else "SEE_CLINICIAN"
    return {"verdict": verdict, "label": kb.verdicts[Verdict[verdict]].label}
