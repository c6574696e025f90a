"""The engine goes on from a state as if it had replayed the whole log: a replay cut at any day
and resumed there gives the same decisions and the same state, coach changes included. That is
what makes a stored snapshot (`services.snapshots`) safe to use instead of the log's start."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from runrehab.domain.adaptation.engine import advance, replay_with_state
from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.log import Entry
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from tests.conftest import LOGGING_RUNNER, raw_answers
from tests.followers import follower_log

KB = load_knowledge_base()
START = date(2026, 1, 20)
RUNNERS = {
    "hamstring": parse_answers({**LOGGING_RUNNER, "weekly_km_before_injury": 40}, "hamstring"),
    "achilles": parse_answers(raw_answers(region="achilles", weekly_km_now=0), "achilles"),
    "knee": parse_answers(raw_answers(region="front_of_knee", weekly_km_now=15), "knee"),
}
LOGS = {
    (name, odds): follower_log(answers, KB, START, 120, seed=len(name), flare_odds=odds)
    for name, answers in RUNNERS.items()
    for odds in (0.0, 0.01)
}
CHANGES = st.sampled_from(
    [
        ("stage", {"stage": 2}),
        ("pause_running", {}),
        ("resume_running", {}),
        ("dose", {"exercise": "single_leg_bridge", "step": 1}),
        ("swap", {"from": "single_leg_bridge", "to": "glute_bridge"}),
        (
            "add_exercise",
            {"id": "custom-1", "name": "Wall sit", "session": "strength", "sets": 2, "hold_s": 30},
        ),
    ]
)


@st.composite
def overrides(draw: st.DrawFn) -> list[Override]:
    changes = draw(st.lists(st.tuples(st.integers(0, 130), CHANGES), max_size=4))
    return [
        Override(START + timedelta(days=day), kind, values, "why", "Coach")
        for day, (kind, values) in changes
    ]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(LOGS)), st.integers(0, 130), overrides())
def test_resuming_at_any_day_is_replaying_the_whole_log(
    log: tuple[str, float], cut_day: int, changes: list[Override]
) -> None:
    first, entries = LOGS[log]
    whole, decisions = replay_with_state(first, entries, KB, changes)

    through = START + timedelta(days=cut_day)
    done = [e for e in entries if e.on <= through]
    rest = entries[len(done) :]
    state = _snapshot(first, done, changes, through)
    resumed, later = replay_with_state(
        state, rest, KB, [o for o in changes if o.on > through], len(done)
    )
    assert later == decisions[len(done) :]
    assert resumed == whole


def _snapshot(
    first: EngineState, done: list[Entry], changes: list[Override], through: date
) -> EngineState:
    """The state through `through`: its entries and the coach changes dated up to it."""
    state = advance(first, done, KB, [o for o in changes if o.on <= through])[0]
    last = done[-1].on if done else None
    due = [o for o in changes if o.on <= through and (last is None or o.on > last)]
    return replay_with_state(state, [], KB, due)[0]


def test_the_logs_keep_runners_in_their_plan() -> None:
    """The resumed logs exercise the engine's windows: runners progress, and some are never
    referred (a referred runner's log takes the short "awaiting clinician" path)."""
    finals = {
        log: replay_with_state(first, entries, KB)[0] for log, (first, entries) in LOGS.items()
    }
    assert any(not s.referred and s.stage > 1 for s in finals.values())
    assert all(len(entries) > 120 for _, entries in LOGS.values())
