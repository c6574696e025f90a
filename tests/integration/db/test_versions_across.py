"""`Plans.versions_across`: the plan versions of a re-assessment chain in one statement, in chain
order, each with the decision that made it when that was a setback (what the progress charts
mark as a flare-up)."""

from __future__ import annotations

from datetime import date, timedelta

from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, ExerciseLog
from runrehab.domain.profile import RunnerProfile
from runrehab.schemas.answers import parse_answers
from runrehab.services.episodes import start_episode
from runrehab.services.progress import log_entry
from tests.conftest import LOGGING_RUNNER as RUNNER
from tests.integration.db.conftest import FakeClock

START = date(2026, 12, 1)


def test_the_chains_versions_come_in_order_with_the_setback_that_made_one(
    uow: SqlUnitOfWork, kb: KnowledgeBase, clock: FakeClock
) -> None:
    answers = parse_answers(RUNNER, "answers")
    profile = RunnerProfile(equipment="bands")
    first = start_episode("ana", answers, profile, START, kb, uow, clock).episode_id
    bridge = ExerciseLog("e1", START, "single_leg_bridge", 1, 20, None, 0.0, 2)
    log_entry(first, bridge, kb, uow, clock)  # more than prescribed, in the limit: a step up
    log_entry(first, CheckIn("c1", START + timedelta(days=1), 6), kb, uow, clock)  # a flare-up
    later = START + timedelta(days=10)
    second = start_episode("ana", answers, profile, later, kb, uow, clock).episode_id
    with uow:
        chain = uow.continuity.chain(second)
        versions = uow.plans.versions_across(chain)
    assert chain == [first, second]
    made = [(v.effective_on, v.version, (d or {}).get("decision")) for v, d in versions]
    assert made == [
        (START, 1, None),
        (START, 2, None),  # a progress is no setback: its decision is not read
        (START + timedelta(days=1), 3, "regress"),
        (later, 1, None),
    ]
