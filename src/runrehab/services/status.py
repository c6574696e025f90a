"""Keep each runner's roster status current: computed from the engine's state after an entry,
from the spike rule after an import and from the scores after a questionnaire, each written in
the same transaction as what changed it, so a page of the roster reads no log."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from runrehab.domain.adaptation.engine import Decision
from runrehab.domain.adaptation.history import CHECK_DAYS_SHOWN
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.assessment import Assessment
from runrehab.domain.load import Run, spike
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.domain.plan import Plan
from runrehab.domain.questionnaires import Change, Questionnaire, change
from runrehab.domain.records import RunnerStatus, StoredScore

CHECKS_SHOWN = CHECK_DAYS_SHOWN  # the engine keeps these days of checks (`history`)
DAYS_KEPT = 63  # the days a bit set holds: a signed 64-bit integer in the database
WATCH_SPIKE_DAYS = 7  # an imported run over the cap counts on the roster for a week


def starting_status(
    runner_id: str, episode_id: str, assessment: Assessment, plan: Plan, now: datetime
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
        plan_from=plan.start,
        plan_days=_plan_days(plan),
        started_on=plan.start,
        condition=assessment.condition or next((c.id for c in assessment.likely_conditions), None),
    )


def _plan_days(plan: Plan) -> int:
    """The first plan's days with a session (not rest) as bits from its start: the adherence
    denominator (a plan of PLAN_WEEKS fits in DAYS_KEPT)."""
    offsets = {(s.date - plan.start).days for s in plan.sessions if s.kind != "rest"}
    return sum(1 << offset for offset in offsets if 0 <= offset < DAYS_KEPT)


def continued(status: RunnerStatus, previous: RunnerStatus | None) -> RunnerStatus:
    """A re-assessment's starting status keeps what the roster knew of the runner before it: the
    last pains, the last activity and check-in days, the questionnaire drop (the scores go on
    across the link) and a recent watch spike (nothing the new assessment decides). Adherence
    starts again with the new plan."""
    if previous is None:
        return status
    return replace(
        status,
        last_pain=previous.last_pain,
        last_morning_pain=previous.last_morning_pain,
        last_activity_on=previous.last_activity_on,
        last_checkin_on=previous.last_checkin_on,
        questionnaire_drop=previous.questionnaire_drop,
        watch_spike_on=previous.watch_spike_on,
    )


RED_FLAG_REASONS = {"refer_red_flag", "refer_red_flag_urgent"}


def after_entry(
    status: RunnerStatus, state: EngineState, entry: Entry, decision: Decision, now: datetime
) -> RunnerStatus:
    rules = {r.rule for r in decision.reasons}
    checkin = isinstance(entry, CheckIn)
    if isinstance(entry, RunLog | ExerciseLog):
        status = _with_session(status, entry.on)
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


def _with_session(status: RunnerStatus, day: date) -> RunnerStatus:
    """`day` marked in the bits of days with a session (bit 0 the latest, DAYS_KEPT kept)."""
    through = status.done_through
    if through is None or day > through:
        shift = 0 if through is None else (day - through).days
        kept = status.done_days << shift if shift < DAYS_KEPT else 0
        return replace(status, done_through=day, done_days=(kept | 1) & ((1 << DAYS_KEPT) - 1))
    age = (through - day).days
    return replace(status, done_days=status.done_days | (1 << age if age < DAYS_KEPT else 0))


def after_import(
    status: RunnerStatus,
    history: Sequence[Run],
    imported: Iterable[tuple[date, float]],
    ratio: float,
    now: datetime,
) -> RunnerStatus:
    """The latest of the `imported` (day, km) runs over the single-run cap (the engine's spike
    rule against `history`, the runner's runs of the 30 days before), so the roster flags it
    for WATCH_SPIKE_DAYS before the runner scores it (once scored, the engine flags it itself)."""
    over = [day for day, km in imported if spike(history, day, km, ratio).over]
    if not over:
        return status
    latest = max(filter(None, (status.watch_spike_on, *over)))
    return replace(status, watch_spike_on=latest, updated_at=now)


def watch_spike(status: RunnerStatus, today: date) -> bool:
    on = status.watch_spike_on
    return on is not None and today - on < timedelta(days=WATCH_SPIKE_DAYS)


def after_scores(
    status: RunnerStatus,
    scores: Iterable[StoredScore],
    questionnaires: Mapping[str, Questionnaire],
    now: datetime,
) -> RunnerStatus:
    """The most points any questionnaire's last score is worse than its previous one by at least
    the questionnaire's minimal important change (`change`: a fall where higher is better, a rise
    on a pain scale), over the runner's scores in date order; None when none got that worse."""
    last: defaultdict[str, list[float]] = defaultdict(list)
    for each in sorted(scores, key=lambda s: s.on):
        last[each.questionnaire].append(each.score)
    drops = [
        abs(v[-1] - v[-2])
        for name, v in last.items()
        if name in questionnaires and change(questionnaires[name], v) is Change.WORSE
    ]
    return replace(status, questionnaire_drop=max(drops, default=None), updated_at=now)
