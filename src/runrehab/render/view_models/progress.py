"""Progress: this week in numbers and words, the charts' series and the events marked on them,
a sentence for each chart, questionnaire trends, and a response's score."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field

from runrehab.domain import plan as domain_plan
from runrehab.domain import records
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.render.dates import day_words
from runrehab.render.view_models.common import Object, ViewModel

WEEK = timedelta(days=7)


class Stage(ViewModel):
    number: int
    of: int
    name: str


class Trend(ViewModel):
    """A questionnaire's last score read against its minimal important change (MIC)."""

    questionnaire: str
    name: str
    mcid: float | None = Field(description="minimal important change; null where none is published")
    higher_is_better: bool
    scale: list[float] = Field(description="the lowest and highest possible scores")
    last: float
    last_on: str
    change: float | None = Field(description="last score minus the one before; null at first")
    interpretation: Literal["better", "worse", "within", "first", "unknown"] = Field(
        description="the change against the MIC, in the questionnaire's own direction"
    )
    band: list[float] | None = Field(description="the score before, +/- the MIC")
    words: str
    provisional: bool


EventKind = Literal["flare", "plan", "stage", "override"]


class ChartEvent(ViewModel):
    """Something that happened to the plan, marked on the charts' time axis."""

    date: str
    kind: EventKind = Field(
        description="flare: a flare-up's first cut (a regress decision); plan: the plan started, "
        "was re-assessed, paused or resumed, or a referral; stage: a new stage; override: a "
        "coach's change. The engine's routine dose steps are not marked"
    )
    label: str = Field(description="what happened, in words")


class PainTrend(ViewModel):
    """Morning-check pain this calendar week against last week's (one score a day, the day's
    highest), read with the engine's own tolerance for a week-on-week change."""

    this_week: float | None = Field(description="mean morning pain, 0-10; null without a check")
    last_week: float | None
    trend: Literal["better", "same", "worse", "unknown"]
    words: str


class Week(ViewModel):
    """This week, Monday to Sunday, in numbers and in words."""

    start: str = Field(description="the week's Monday")
    sessions_done: int = Field(description="days with a run plus days with strength exercises")
    sessions_planned: int = Field(description="the week's planned run and strength sessions")
    runs: int
    run_km: float
    run_minutes: int
    strength_sessions: int
    pain: PainTrend
    words: str


class ChartWords(ViewModel):
    """Each chart in a sentence: the text alternative a screen reader reads."""

    pain: str
    running: str
    strength: str
    events: str


class Progress(ViewModel):
    week: Week
    events: list[ChartEvent] = Field(description="the markers on the charts, oldest first")
    chart_words: ChartWords
    pain_limit: int
    days: list[str]
    pain_during: list[int | None]
    morning_pain: list[int | None]
    weeks: list[str]
    run_minutes: list[int]
    run_km: list[float]
    strength_volume: list[int | float]
    questionnaires: list[Object]
    trends: list[Trend]
    reassessed: list[Object]
    stage: Stage | None


class Score(ViewModel):
    questionnaire: str
    score: float
    provisional: bool


class DatedScore(Score):
    date: str


class RaisedFlag(ViewModel):
    id: str
    text: str


class Scored(Score):
    """A response just scored: its minimal important change (MIC) and the change since the
    response before, read against it in the questionnaire's own direction."""

    mcid: float | None = Field(description="minimal important change; null where none is published")
    higher_is_better: bool
    interpretation: Literal["better", "worse", "within", "first", "unknown"]
    words: str
    flags: list[RaisedFlag] = Field(description="published definitions the answers meet")


def stage_view(plan: domain_plan.Plan) -> Stage | None:
    """Where the runner is: the plan's current stage, of how many; None when none is current."""
    stage = next((s for s in plan.stages if s.status == "current"), None)
    return None if not stage else Stage(number=stage.number, of=len(plan.stages), name=stage.name)


# -- this week ----------------------------------------------------------------------------------

TRAINING = ("run", "strength")  # the sessions counted; mobility is a few minutes every day


def week_view(
    entries: Sequence[Entry], plan: domain_plan.Plan, day: date, tolerance: float
) -> Week:
    """The week of `day` (Monday to Sunday): what was done against the `plan` of that week,
    and the morning pain against last week's (`tolerance`: the engine's week-on-week margin,
    `morning_trend_tolerance`)."""
    monday = day - timedelta(days=day.weekday())
    week = [e for e in entries if monday <= e.on < monday + WEEK]
    runs = [e for e in week if isinstance(e, RunLog)]
    mobility = _mobility_only(plan)
    strength_days = {
        e.on for e in week if isinstance(e, ExerciseLog) and e.exercise not in mobility
    }
    run_days = {r.on for r in runs}
    planned = [s for s in plan.sessions if s.kind in TRAINING and monday <= s.date < monday + WEEK]
    km = round(sum(r.distance_km or 0.0 for r in runs), 1)
    minutes = sum(r.minutes for r in runs)
    pain = pain_trend(entries, monday, tolerance)
    done = len(run_days) + len(strength_days)
    return Week(
        start=monday.isoformat(),
        sessions_done=done,
        sessions_planned=len(planned),
        runs=len(run_days),
        run_km=km,
        run_minutes=minutes,
        strength_sessions=len(strength_days),
        pain=pain,
        words=f"This week: {done} of {_count(len(planned), 'session')} done, "
        f"{km:g} km run in {minutes} min, {_count(len(strength_days), 'strength session')}. "
        f"{pain.words}",
    )


def pain_trend(entries: Sequence[Entry], monday: date, tolerance: float) -> PainTrend:
    """The mean morning pain of the week from `monday` against the week before; better or worse
    only by more than `tolerance` (the same margin the engine reads a worsening week with)."""
    now = _mean_morning(entries, monday)
    before = _mean_morning(entries, monday - WEEK)
    if now is None or before is None:
        missing = "this week" if now is None else "last week"
        words = f"Pain trend: no morning check {missing} to compare with."
        return PainTrend(this_week=now, last_week=before, trend="unknown", words=words)
    trend: Literal["better", "same", "worse"] = (
        "better" if now < before - tolerance else "worse" if now > before + tolerance else "same"
    )
    said = {"better": "better", "worse": "worse", "same": "about the same"}[trend]
    words = f"Morning pain is {said}: {now:g}/10 on average this week, {before:g}/10 last week."
    return PainTrend(this_week=now, last_week=before, trend=trend, words=words)


def _mean_morning(entries: Sequence[Entry], monday: date) -> float | None:
    """The week's mean morning pain, one score a day (the day's highest, as the engine counts)."""
    daily: dict[date, int] = {}
    for e in entries:
        if isinstance(e, CheckIn) and monday <= e.on < monday + WEEK:
            daily[e.on] = max(daily.get(e.on, 0), e.monitoring_pain)
    return round(sum(daily.values()) / len(daily), 1) if daily else None


def _mobility_only(plan: domain_plan.Plan) -> set[str]:
    """Exercises the plan has only in its mobility sessions: logging one is no strength session."""
    by_kind: dict[str, set[str]] = {"mobility": set(), "other": set()}
    for s in plan.sessions:
        by_kind["mobility" if s.kind == "mobility" else "other"] |= {i.exercise for i in s.items}
    return by_kind["mobility"] - by_kind["other"]


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


# -- the events on the charts' time axis ----------------------------------------------------------


def chart_events(
    versions: Sequence[tuple[records.PlanVersion, Object | None]], stages: dict[int, str]
) -> list[ChartEvent]:
    """The plan's history as markers: its start, flare-ups, new stages, the coach's changes,
    re-assessments and pauses (`versions`: oldest first, each with the setback decision that
    made it, as `Plans.versions_across` reads them; `stages`: stage names by number). A stage
    a coach set is the coach's change; the engine's stage after it is not a new one."""
    events: list[ChartEvent] = []
    stage: int | None = None
    for index, (version, setback) in enumerate(versions):
        kind, label = _event(version, setback, stage, index == 0, stages)
        if kind is not None:
            events.append(ChartEvent(date=version.effective_on.isoformat(), kind=kind, label=label))
        stage = _stage_after(version, stage)
    return events


def _event(
    v: records.PlanVersion,
    setback: Object | None,
    stage: int | None,
    first: bool,
    stages: dict[int, str],
) -> tuple[EventKind | None, str]:
    change = _change(v)
    if first:
        return "plan", v.reason
    if change.get("reassessed"):
        return "plan", f"Re-assessed by {change.get('by', '')}: {change.get('stage', '')}."
    if v.author != "engine":  # the coach's change, or the runner's pause or resume
        return ("override" if v.author == "coach" else "plan"), v.reason
    if v.stage is not None and stage is not None and v.stage != stage:
        moved = "Moved on to" if v.stage > stage else "Back to"
        return "stage", f"{moved} {stages.get(v.stage, f'Stage {v.stage}')}"
    return _setback(setback) if setback is not None else (None, "")


def _change(v: records.PlanVersion) -> Object:
    """A version's first change (a re-assessment's or a coach's change say what they were)."""
    return v.changes[0] if v.changes and isinstance(v.changes[0], dict) else {}


def _setback(decision: Object) -> tuple[EventKind | None, str]:
    """A flare-up's first cut, or a referral; a later cut of the same flare-up is no new event."""
    reasons = decision.get("reasons") or [{}]
    if any(r.get("rule") == "flare_same_event" for r in reasons):
        return None, ""
    said = _first_sentence(str(reasons[0].get("says", "")))
    if decision.get("decision") == "refer":
        return "plan", f"Referred to a clinician: {said}"
    return "flare", f"Flare-up: {said}"


def _stage_after(v: records.PlanVersion, stage: int | None) -> int | None:
    """The stage after version `v`: a coach's version keeps the stage before its change, so a
    stage the coach set is read from the change itself."""
    change = _change(v)
    if v.author == "coach" and isinstance(change.get("stage"), int):
        return int(change["stage"])
    return v.stage if v.stage is not None else stage


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + dot.strip() if dot else text


# -- each chart in a sentence -----------------------------------------------------------------------

EVENT_NAMES = {
    "flare": ("flare-up", "flare-ups"),
    "plan": ("plan change", "plan changes"),
    "stage": ("new stage", "new stages"),
    "override": ("coach's change", "coach's changes"),
}


def chart_words(series: Object, events: Sequence[ChartEvent]) -> ChartWords:
    """A sentence per chart, from the numbers the chart draws (`series` as
    `services.charts.progress_series` returns it): what a screen reader reads in its place."""
    return ChartWords(
        pain=_pain_words(
            series["days"], series["pain_during"], series["morning_pain"], series["pain_limit"]
        ),
        running=_weekly_words(series["weeks"], series["run_km"], "Km run", "No runs logged yet."),
        strength=_weekly_words(
            series["weeks"],
            series["strength_volume"],
            "Strength volume (sets x reps)",
            "No strength exercises logged yet.",
        ),
        events=_events_words(events),
    )


def _pain_words(
    days: list[str], during: list[int | None], morning: list[int | None], limit: int
) -> str:
    if not days:
        return "No pain scores logged yet."
    sessions = [p for p in during if p is not None]
    over = sum(1 for p in sessions if p > limit)
    mornings = [p for p in morning if p is not None]
    worst = (
        f"the worst pain in a session was {max(sessions)}/10, "
        f"{_count(over, 'day')} over the limit of {limit}/10"
        if sessions
        else "no sessions"
    )
    checks = (
        f"; morning checks at most {max(mornings)}/10, the last {mornings[-1]}/10"
        if mornings
        else ""
    )
    return (
        f"Pain on {_count(len(days), 'day')} logged, {day_words(days[0])} to "
        f"{day_words(days[-1])}: {worst}{checks}."
    )


def _weekly_words(weeks: list[str], values: list[Any], what: str, none: str) -> str:
    done = [(w, v) for w, v in zip(weeks, values, strict=True) if v]
    if not done:
        return none
    top_week, top = max(done, key=lambda wv: wv[1])
    last_week, last = done[-1]
    return (
        f"{what} a week: {last:g} in the week of {day_words(last_week)}, the latest; "
        f"the most, {top:g}, in the week of {day_words(top_week)}."
    )


def _events_words(events: Sequence[ChartEvent]) -> str:
    if not events:
        return "Nothing marked on the charts yet."
    counts = [(k, sum(1 for e in events if e.kind == k)) for k in EVENT_NAMES]
    said = [f"{n} {EVENT_NAMES[k][n != 1]}" for k, n in counts if n]
    return f"Marked on the charts: {', '.join(said)}."
