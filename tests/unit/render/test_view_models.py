"""The pure shapers of `render/view_models/`: domain values in, a checked view model out, so a
page and its JSON twin show the same values."""

from __future__ import annotations

from datetime import UTC, date, datetime

from runrehab.domain.log import CheckIn, ExerciseLog, RunLog
from runrehab.domain.pace import RaceResult, rehab_easy_pace
from runrehab.domain.records import LoginSession, PlanVersion
from runrehab.render.view_models.account import device_view
from runrehab.render.view_models.coaching import TimelineEvent, timeline_page, timeline_view
from runrehab.render.view_models.plan import pace_view

DAY = date(2026, 3, 2)


def test_without_a_race_the_pace_is_by_feel() -> None:
    view = pace_view(rehab_easy_pace(None), from_race=False)
    assert (view.easy_pace, view.vdot, view.zones) == (None, None, [])
    assert view.why


def test_a_race_gives_whole_seconds_and_words_for_each_zone() -> None:
    view = pace_view(rehab_easy_pace(RaceResult(5000, 25 * 60)), from_race=True)
    assert view.easy_pace is not None
    assert view.easy_pace.model_dump() == view.zones[0].model_dump(exclude={"name", "why"})
    assert all(isinstance(z.fast_s_per_km, int) and "/km" in z.text for z in view.zones)


def test_a_device_is_named_in_words_and_knows_if_it_is_this_one() -> None:
    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    login = LoginSession("s1", "u1", at, at, "")
    assert device_view(login, "s1").this_device
    assert not device_view(login, "s2").this_device
    assert device_view(login, None).signed_in_at == "2026-03-02T08:00:00+00:00"


def test_the_timeline_is_newest_first_the_latest_recorded_first_within_a_day() -> None:
    run = RunLog("r1", DAY, 20, None, 2, 1, False, False)
    check = CheckIn("c1", DAY, 1)
    version = PlanVersion(
        2, datetime(2026, 3, 3, tzinfo=UTC), date(2026, 3, 3), "coach", "Why", 1, []
    )
    note = {"created_at": "2026-03-02T09:00:00", "by": "Sam", "body": "Looks fine"}
    events = timeline_view(
        [run, check], {"r1": {"decision": "hold"}}, [version], set(), [], [note], {}
    )
    assert [e.what for e in events] == [
        "Plan v2 (coach): Why",
        "Note by Sam: Looks fine",
        "Check-in: morning 1/10",
        "Run: 20 min, pain 2/10 during, 1/10 after",
    ]
    assert events[-1].decision == "hold"


def test_the_timeline_names_exercises_in_words_never_by_their_internal_id() -> None:
    done = ExerciseLog("e1", DAY, "single_leg_bridge", 3, 10, None, 0.0, 2)
    gone = ExerciseLog("e2", DAY, "coach_ex_1", 2, None, 30, 0.0, 0)
    names = {"single_leg_bridge": "Single-leg bridge"}
    [first, second] = timeline_view([done, gone], {}, [], set(), [], [], names)
    assert first.what.startswith("A coach's exercise no longer in the plan: 2 × 30 s")
    assert second.what == "Single-leg bridge: 3 × 10 reps, pain 2/10"


def _events(*days: str) -> list[TimelineEvent]:
    return [TimelineEvent(on=d, what=f"on {d}", decision="") for d in days]


def test_a_timeline_page_is_thirty_days_from_its_latest_event_grouped_by_day() -> None:
    events = _events("2026-03-31", "2026-03-31", "2026-03-02", "2026-03-01", "2026-01-10")
    page = timeline_page(events, None)
    assert [(d.on, len(d.events)) for d in page.days] == [("2026-03-31", 2), ("2026-03-02", 1)]
    assert page.earlier == "2026-03-02"
    earlier = timeline_page(events, date.fromisoformat(page.earlier))
    assert [d.on for d in earlier.days] == [
        "2026-03-01"
    ]  # a quiet month is skipped, not shown empty
    last = timeline_page(events, date.fromisoformat(earlier.earlier or ""))
    assert [d.on for d in last.days] == ["2026-01-10"]
    assert last.earlier is None
