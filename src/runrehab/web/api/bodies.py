"""The JSON bodies /api/v1 answers with, declared as models so /openapi.json states them and
FastAPI checks every answer against them (an answer that does not match is a server error, which
the schemathesis tests catch).

Models are closed (`extra="forbid"`): a field the code adds without declaring it here fails the
tests instead of reaching clients undocumented. Where an answer passes on a large structure built
by another layer (a plan, an assessment, an export), its top level is declared field by field and
the values deeper down as objects and arrays; `HistoryEntry` alone stays open, since a log entry
carries the fields of its `type`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from runrehab.domain.knowledge import Evidence

Object = dict[str, Any]


NOTE_RULES = "for each of `notes`, the rules it quotes, in order, each with its evidence label"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Email(_Body):
    email: str


class Message(_Body):
    detail: str


class Health(_Body):
    status: Literal["ok"]


class Citation(_Body):
    id: str
    text: str
    url: str | None = None


class Reason(_Body):
    """A rule that fired: what it says, how strong the evidence is, and where it comes from."""

    rule: str
    says: str
    evidence: Evidence
    evidence_label: str = Field(
        description="what the runner reads next to the advice: Research-backed, Partly "
        "research-backed, Practice-based or Our rule"
    )
    evidence_explained: str = Field(description="what the label means, in one sentence")
    evidence_source: str | None = Field(
        description="the study in short (`Alfredson 1998`) for research-backed rules, else null"
    )
    citation: Citation | None


class Decision(_Body):
    """What the plan did with a logged entry, and why."""

    date: str
    entry: int
    decision: str
    reasons: list[Reason]
    changes: list[Object]
    next: list[Object]
    plan_version: int


class Logged(Decision):
    duplicate: bool = Field(description="true: the same entry was sent before; stored once")


class LikelyCondition(_Body):
    id: str
    name: str
    likelihood: str
    score: float
    reasons: list[str]
    reason_rules: list[Reason] = Field(
        description="the rules `reasons` quote (a red flag's words), each with its evidence label"
    )
    low_evidence: bool


class Education(_Body):
    id: str
    title: str


class Assessment(_Body):
    verdict: str
    verdict_label: str
    verdict_meaning: str
    red_flags: list[str]
    likely_conditions: list[LikelyCondition]
    condition: str | None
    start_stage: int | None
    today: str
    today_rules: list[Reason] = Field(
        description="the rules `today` quotes, in order, each with its evidence label"
    )
    actions: list[str]
    modifications: list[Reason]
    reasons: list[Reason]
    advisories: list[Reason]
    clinician_notes: list[str]
    recheck_on: str | None
    education: list[Education]
    assessed_on: str
    knowledge_version: str
    disclaimer: str


class Reassessment(Assessment):
    template_id: str | None = Field(None, description="the template saved with `save_as`")


class PlannedQuestionnaire(_Body):
    date: str
    id: str
    name: str


class PlanVersion(_Body):
    version: int
    effective_on: str
    author: str
    reason: str
    reason_rules: list[Reason] = Field(
        description="the rules `reason` quotes, in order, each with its evidence label"
    )
    stage: int | None
    changes: list[Object] | Object


class Plan(_Body):
    condition: str | None
    verdict: str
    start: str
    weeks: int
    knowledge_version: str
    notes: list[str]
    note_rules: list[list[Reason]] = Field(description=NOTE_RULES)
    education: list[Education]
    stages: list[Object]
    sessions: list[Object]
    questionnaires: list[PlannedQuestionnaire]
    return_to_run: list[Reason]
    monitoring_task: str | None
    versions: list[PlanVersion]
    paused: bool
    overrides: Overrides


class Overrides(_Body):
    """A coach's changes to the plan: those in force, and those that ended."""

    in_force: list[Object]
    ended: list[Object]


class Coach(_Body):
    id: str
    name: str


class PaceRange(_Body):
    fast_s_per_km: int
    slow_s_per_km: int
    text: str


class PaceZone(PaceRange):
    name: str
    why: str


class Pace(_Body):
    from_race: bool
    easy_pace: PaceRange | None
    vdot: float | None
    why: str
    zones: list[PaceZone]


class Today(_Body):
    date: str
    verdict: str
    verdict_label: str
    condition: str | None
    notes: list[str]
    note_rules: list[list[Reason]] = Field(description=NOTE_RULES)
    monitoring_task: str | None
    return_to_run: list[Reason]
    sessions: list[Object]
    questionnaires_due: list[Object]
    questionnaires_assigned: list[Object]
    last_decision: Decision | None
    coach_changes: list[str]
    unread_messages: int
    coaches: list[Coach]
    runs_awaiting: list[Object]
    pace: Pace


class HistoryEntry(BaseModel):
    """One log entry: the fields below, and those of its `type` (exercise, run or checkin)."""

    model_config = ConfigDict(extra="allow")
    id: str
    date: str
    type: Literal["exercise", "run", "checkin"]
    decision: Decision | None


class History(_Body):
    entries: list[HistoryEntry]


class Stage(_Body):
    number: int
    of: int
    name: str


class Trend(_Body):
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


class Progress(_Body):
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


class Exercise(_Body):
    id: str
    name: str
    category: str
    instructions: list[str]
    cues: list[str]
    mistakes: list[str]
    equipment: list[str]
    loads: list[str]
    stages: list[str]
    dose: Object
    easier: Object | None
    harder: Object | None
    citation: str | None
    hip_flexion: str
    timing: str
    schedulable: bool
    progression: str = Field(
        description="how its dose climbs: rep_ladder, heavy_slow, high_load_heel, endurance, "
        "eccentric, isometric, ramp or fixed (the steps are in docs/knowledge-base.md, Dosing)"
    )
    without_weights: str | None = Field(
        description="for a heavy exercise, what to use to make it heavy without weights"
    )
    illustration: str = Field(description="the exercise's drawing (SVG), a path on this site")


class CalendarUrl(_Body):
    url: str = Field(description="the runner's private iCalendar feed")


class Score(_Body):
    questionnaire: str
    score: float
    provisional: bool


class DatedScore(Score):
    date: str


class RaisedFlag(_Body):
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


class Reminders(_Body):
    daily: bool


class RaceResult(_Body):
    distance_m: float
    duration_s: float
    raced_on: str | None


class Export(_Body):
    """Everything stored about the account, as JSON (the CSV export has the log only)."""

    email: str
    episodes: list[Object]
    activities: list[Object]
    race_result: RaceResult | None


class Activity(_Body):
    id: str
    on: str
    sport: str
    sport_confirmed: bool
    sport_guess: str | None
    start_time: str | None
    clock_unset: bool
    distance_m: float
    timer_s: float
    avg_hr: int | None
    ascent_m: float | None
    laps: int
    source_name: str | None


class ListedActivity(Activity):
    minutes: int


class AwaitingRun(_Body):
    """A run from the watch that waits for its pain scores, with what the plan says about it."""

    id: str
    on: str
    distance_km: float
    minutes: int
    avg_hr: int | None
    sport_confirmed: bool
    hilly: bool
    speedwork: bool
    planned: str | None
    flags: list[Reason]


class Imported(_Body):
    file: str
    sport: str
    distance_m: float


class Duplicate(_Body):
    file: str
    why: str


class Failed(_Body):
    file: str
    reason: str


class Guessed(_Body):
    file: str
    id: str
    guess: str | None
    sport: str
    counted_as_run: bool
    reason: str
    distance_m: float


class ImportReport(_Body):
    """Every file in exactly one of imported, duplicates and failed; a guessed sport is said."""

    imported: list[Imported]
    duplicates: list[Duplicate]
    failed: list[Failed]
    guessed: list[Guessed]


class Ramp(_Body):
    last_2w_km: float
    previous_2w_km: float
    ratio: float | None
    over: bool


class Curve(_Body):
    on: str
    fitness: float
    fatigue: float


class Unconfirmed(_Body):
    runs: int
    km: float
    ids: list[str]


class Load(_Body):
    weeks: list[str]
    km: list[float]
    minutes: list[int]
    ascent_m: list[int | float]
    worst_pain: list[int | None]
    days: list[str]
    daily_km: list[float]
    daily_minutes: list[int]
    ramp: Ramp
    next_run_cap_km: float | None
    curves: list[Curve]
    zones_s: Object | list[Object] | None
    why: Reason
    unconfirmed: Unconfirmed


class Name(_Body):
    name: str


class Attention(_Body):
    score: int
    reasons: list[str]


class RosterRow(_Body):
    runner_id: str
    episode_id: str
    email: str
    condition: str | None
    stage: int | None
    verdict: str | None
    attention: Attention
    adherence_14d: int | None
    last_pain: int | None
    last_morning_pain: int | None
    last_activity_on: str | None
    failed_checks: int
    unread: int
    pain_28d: list[int | None]
    weekly_km_4w: list[float]
    condition_name: str | None
    red_flags: list[Object]


class Invite(_Body):
    code: str
    valid_days: int


class Note(_Body):
    body: str
    by: str
    created_at: str


class Referral(_Body):
    referred: bool
    loosening_allowed: bool
    why: str | None
    you_can: list[str]


class TimelineEvent(_Body):
    on: str
    what: str
    decision: str


class RunnerFile(_Body):
    """What a coach sees of one runner, with the plan, the charts and the timeline."""

    runner_id: str
    email: str
    episode_id: str
    stage: int | None
    verdict: str | None
    notes: list[Note]
    unread: int
    custom_exercises: list[Object]
    screen: Object
    red_flags: list[Object]
    referral: Referral
    plan: Plan
    progress: Progress
    timeline: list[TimelineEvent]


class ThreadMessage(_Body):
    from_coach: bool
    body: str
    sent_at: str
    read: bool


class Version(_Body):
    version: int = Field(description="the plan version the change made")


class CoachId(_Body):
    coach_id: str


class MyCoach(_Body):
    coach_id: str
    name: str
    thread: list[ThreadMessage]


class OrganisationCoach(_Body):
    coach_id: str
    name: str
    role: str
    email: str


class Invited(_Body):
    status: Literal["invited"] = Field(
        description="the same for every address: the invited account accepts or declines"
    )


class SentInvitation(_Body):
    """An organisation's pending invitation, by the address its admin typed."""

    invitation_id: str
    email: str
    name: str
    invited_at: str = Field(description="ISO 8601")


class Invitation(_Body):
    """An invitation to coach with an organisation, as the invited account sees it."""

    invitation_id: str
    organisation: str
    invited_by: str
    invited_at: str = Field(description="ISO 8601")


class Template(_Body):
    id: str
    name: str
    answers: Object
    created_at: str


class Id(_Body):
    id: str


class Schedule(_Body):
    questionnaire: str
    every_days: int
    due_on: str | None
    days_late: int | None
    next_on: str | None
    name: str


class CoachQuestionnaires(_Body):
    schedules: list[Schedule]
    responses: list[Object]
