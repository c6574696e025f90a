"""Keep each runner's roster status current: computed from the engine's state after an entry,
written in the same transaction as the entry itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from runrehab.domain.adaptation.engine import Decision
from runrehab.domain.adaptation.history import CHECK_DAYS_SHOWN
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.assessment import Assessment
from runrehab.domain.log import CheckIn, Entry
from runrehab.domain.records import RunnerStatus

CHECKS_SHOWN = CHECK_DAYS_SHOWN  # the engine keeps these days of checks (`history`)


def starting_status(
    runner_id: str, episode_id: str, assessment: Assessment, now: datetime
) -> RunnerStatus:
    return RunnerStatus(
        runner_id=runner_id,
        episode_id=episode_id,
        stage=assessment.start_stage,
        verdict=assessment.verdict.name,
        last_decision=None,
        red_flag=bool(assessment.red_flags),
        recent_checks=[],
        last_pain=None,
        last_morning_pain=None,
        last_activity_on=None,
        last_checkin_on=None,
        spike_flag=False,
        updated_at=now,
    )


def continued(status: RunnerStatus, previous: RunnerStatus | None) -> RunnerStatus:
    """A re-assessment's starting status keeps what the roster knew of the runner before it: the
    last pains, the last activity and check-in days (nothing the new assessment decides)."""
    if previous is None:
        return status
    return replace(
        status,
        last_pain=previous.last_pain,
        last_morning_pain=previous.last_morning_pain,
        last_activity_on=previous.last_activity_on,
        last_checkin_on=previous.last_checkin_on,
    )


RED_FLAG_REASONS = {"refer_red_flag", "refer_red_flag_urgent"}


def after_entry(
    status: RunnerStatus, state: EngineState, entry: Entry, decision: Decision, now: datetime
) -> RunnerStatus:
    rules = {r.rule for r in decision.reasons}
    checkin = isinstance(entry, CheckIn)
    pain = None if checkin else getattr(entry, "pain", None)
    if pain is None and not checkin:
        pain = max(getattr(entry, "pain_during", 0), getattr(entry, "pain_after", 0))
    return replace(
        status,
        stage=state.stage,
        verdict=_verdict_after(status.verdict, state.referred, rules),
        last_decision=decision.kind.value,
        red_flag=status.red_flag or bool(RED_FLAG_REASONS & rules),
        recent_checks=_recent_days(state.checks),
        last_pain=status.last_pain if checkin else pain,
        last_morning_pain=entry.monitoring_pain
        if isinstance(entry, CheckIn)
        else status.last_morning_pain,
        last_activity_on=max(filter(None, (status.last_activity_on, entry.on))),
        last_checkin_on=entry.on if checkin else status.last_checkin_on,
        spike_flag=status.spike_flag or "run_longer_than_cap" in rules,
        updated_at=now,
    )


def _verdict_after(verdict: str, referred: bool, rules: set[str]) -> str:
    """The engine's referral sends the runner to a clinician; a warning sign that needs care
    today makes it urgent, and an urgent one stays urgent."""
    if "refer_red_flag_urgent" in rules or verdict == "REFER_URGENT":
        return "REFER_URGENT"
    return "SEE_CLINICIAN" if referred else verdict


def _recent_days(checks: Sequence[tuple[date, bool]]) -> list[bool]:
    """One result a day for the last `CHECKS_SHOWN` days with a pain check, oldest first: False
    when any check failed that day. Days, not entries, as the engine's referral counts them (a
    painful run and a painful exercise on one day are one bad day)."""
    days: dict[date, bool] = {}
    for day, passed in reversed(checks):
        if day not in days and len(days) == CHECKS_SHOWN:
            break
        days[day] = days.get(day, True) and passed
    return [days[day] for day in sorted(days)]
