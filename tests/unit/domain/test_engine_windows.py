"""The engine keeps only the windows of history its rules read (`adaptation.history`), so that a
step costs the same after three years as on the first day. Keeping everything instead must not
change a single decision or what the roster is shown."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings

from runrehab.domain.adaptation import engine
from runrehab.domain.adaptation.engine import replay_with_state
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.log import Entry
from runrehab.schemas.log import parse_jsonl
from runrehab.services.status import _recent_days
from tests.strategies import log_lines
from tests.unit.domain.test_adaptation_properties import _start
from tests.unit.domain.test_replay_from_a_snapshot import KB, LOGS


def _everything(history: Any, *_: object) -> tuple[Any, ...]:
    return tuple(history)


def _both(
    first: EngineState, entries: list[Entry], monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, Any]:
    kept = replay_with_state(first, entries, KB)
    with monkeypatch.context() as unbounded:
        for name in ("kept_checks", "kept_mornings", "kept_runs"):
            unbounded.setattr(engine, name, _everything)
        full = replay_with_state(first, entries, KB)
    return kept, full


@pytest.mark.parametrize("log", sorted(LOGS))
def test_a_follower_gets_the_same_decisions_with_the_windows_only(
    log: tuple[str, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, entries = LOGS[log]
    (state, decisions), (everything, expected) = _both(first, entries, monkeypatch)
    assert decisions == expected
    assert _recent_days(state.checks) == _recent_days(everything.checks)
    assert len(state.checks) < len(everything.checks) / 2  # the windows did drop the old


@settings(max_examples=100, deadline=None)
@given(log_lines(max_size=150))
def test_any_log_gets_the_same_decisions_with_the_windows_only(lines: list[dict[str, Any]]) -> None:
    entries = parse_jsonl("\n".join(json.dumps(line) for line in lines), "log", KB.exercises)
    with pytest.MonkeyPatch.context() as monkeypatch:
        (_, decisions), (_, expected) = _both(_start(), entries, monkeypatch)
    assert decisions == expected
