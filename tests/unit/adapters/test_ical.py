"""The plan as iCalendar: valid RFC 5545 (parsed back with icalendar) and stable event UIDs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from icalendar import Calendar

from runrehab.adapters.ical import plan_to_ical
from runrehab.domain.assessment import assess
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.plan import Plan
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile

START = date(2026, 11, 30)


def _plan(kb: KnowledgeBase, answers: IntakeAnswers, weeks: int = 3) -> Plan:
    return build_plan(assess(answers, kb, START), answers, RunnerProfile(), kb, START, weeks)


def _events(data: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_regenerating_the_same_plan_gives_the_same_uids(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    runner = answers(weekly_km_now=20, pain_during_run=2)
    first = plan_to_ical(_plan(kb, runner), "episode-1", datetime(2026, 11, 1, tzinfo=UTC))
    second = plan_to_ical(_plan(kb, runner), "episode-1", datetime(2026, 11, 2, tzinfo=UTC))
    uids = [str(e["UID"]) for e in _events(first)]
    assert uids == [str(e["UID"]) for e in _events(second)]
    assert len(uids) == len(set(uids))


def test_an_updated_plan_keeps_the_uid_of_each_day_and_kind(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    easier = plan_to_ical(_plan(kb, answers(weekly_km_now=20, pain_during_run=2)), "ep", stamp)
    harder = plan_to_ical(_plan(kb, answers(weekly_km_now=30, pain_during_run=1)), "ep", stamp)
    by_slot = {
        (e["DTSTART"].dt, str(e["CATEGORIES"].cats[0])): str(e["UID"]) for e in _events(easier)
    }
    for event in _events(harder):
        slot = (event["DTSTART"].dt, str(event["CATEGORIES"].cats[0]))
        assert by_slot.get(slot, str(event["UID"])) == str(event["UID"])


def test_other_episodes_get_other_uids(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    plan = _plan(kb, answers(weekly_km_now=20, pain_during_run=2))
    stamp = datetime(2026, 11, 1, tzinfo=UTC)
    a = {str(e["UID"]) for e in _events(plan_to_ical(plan, "runner-a", stamp))}
    b = {str(e["UID"]) for e in _events(plan_to_ical(plan, "runner-b", stamp))}
    assert not a & b


def test_events_are_all_day_sessions_with_doses_and_pain_limits(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    plan = _plan(kb, answers(weekly_km_now=20, pain_during_run=2), weeks=1)
    cal = Calendar.from_ical(plan_to_ical(plan, "ep", datetime(2026, 11, 1, tzinfo=UTC)))
    assert str(cal["VERSION"]) == "2.0"
    events = list(cal.walk("VEVENT"))
    assert len(events) == len([s for s in plan.sessions if s.kind != "rest"])
    run = next(e for e in events if "run" in str(e["CATEGORIES"].cats[0]))
    assert isinstance(run["DTSTART"].dt, date)
    assert not isinstance(run["DTSTART"].dt, datetime)
    assert "pain at most 3/10" in str(run["DESCRIPTION"])
    assert " km" in str(run["DESCRIPTION"])


def test_walk_run_sessions_carry_their_intervals_into_the_calendar(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    cleared = answers(weekly_km_now=0, pain_rest=1, tests={"slow_jog_pain_free": True})
    data = plan_to_ical(_plan(kb, cleared), "ep", datetime(2026, 11, 1, tzinfo=UTC))
    runs = [e for e in _events(data) if str(e["CATEGORIES"].cats[0]) == "run"]
    assert runs
    assert all("Intervals: 2 min walk / 3 min run" in str(e["DESCRIPTION"]) for e in runs[:2])


def test_a_heavy_exercise_reads_as_heavy_in_the_calendar(
    kb: KnowledgeBase, answers: Callable[..., IntakeAnswers]
) -> None:
    achilles = answers(region="achilles", weekly_km_now=30, pain_during_run=4, hop_pain=3)
    plan = _plan(kb, achilles, weeks=1)
    heavy = next(i for s in plan.sessions for i in s.items if i.repetition_maximum)
    data = plan_to_ical(plan, "ep", datetime(2026, 11, 1, tzinfo=UTC))
    described = " ".join(str(e["DESCRIPTION"]) for e in _events(data)).replace("\n ", "")
    side = " per side" if heavy.per_side else ""
    dose = f"{heavy.sets} x {heavy.reps} reps{side}, heavy ({heavy.reps}RM)"
    assert f"{heavy.name}: {dose}" in described
    assert "No weights?" in described
