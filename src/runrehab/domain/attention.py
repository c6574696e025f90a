"""Who needs the coach today, and why: the triage reasons a runner's roster facts reach.

A reason counts only once its fact reaches the threshold the knowledge base states for it
(`TriageRule`, from `triage.yaml`, each with its citation or a `project` tag), so "needs
attention" lists the few runners a coach must act on, each reason with its one action. The
reasons rank by severity in the order of `REASONS`; the score adds one power of two per reason,
so a runner's score orders by their most severe reason first, then the next (every lower reason
together weighs less than one above it), and a red flag outranks a referral."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Most severe first: a red flag or referral, failed pain checks, a run over the spike cap, a
# worsening questionnaire, no check-in for days, adherence under its threshold over 14 days.
REASONS = (
    "red_flag_or_referral",
    "failed_pain_checks",
    "run_over_spike_cap",
    "worsening_questionnaire",
    "no_checkin",
    "low_adherence",
)
# The score of each reason: every lower reason together weighs less than one reason above it.
WEIGHTS = {reason: 2 ** (len(REASONS) - i) for i, reason in enumerate(REASONS)}
RED_FLAG_WEIGHT = 2 ** (len(REASONS) + 1)  # above a referral with everything else at its worst
ADHERENCE_DAYS = 14  # adherence counts once the episode is this old: a new plan is no pattern


@dataclass(frozen=True, slots=True)
class TriageRule:
    """One reason's threshold and the one action a coach takes for it. `threshold` is in the
    unit `unit` names: failed checks among the last 7, runs over the cap, questionnaire points
    lost, days without a check-in, or the share of planned session days done (under it counts)."""

    reason: str
    threshold: float
    unit: str
    action: str
    citation: str
    evidence: str


@dataclass(frozen=True, slots=True)
class RosterFacts:
    red_flag: bool
    referred: bool
    recent_checks: tuple[bool, ...]
    last_checkin_on: date | None
    started_on: date
    adherence: float | None  # share of planned session days done in the last 14 days
    spike: bool
    questionnaire_drop: float | None  # points lost since the previous score, when it fell
    unread: int


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason reached: what happened, the threshold it reached, and what to do."""

    reason: str
    says: str
    threshold: str
    action: str


@dataclass(frozen=True, slots=True)
class Attention:
    score: int
    reasons: tuple[Reason, ...]  # most severe first

    @property
    def action(self) -> str | None:
        """The one action to take: the most severe reason's."""
        return self.reasons[0].action if self.reasons else None


def rules_by_reason(rules: tuple[TriageRule, ...]) -> dict[str, TriageRule]:
    """The rules by reason; ValueError unless there is exactly one per reason of `REASONS`."""
    found = {rule.reason: rule for rule in rules}
    if sorted(found) != sorted(REASONS) or len(rules) != len(REASONS):
        raise ValueError(f"triage needs one rule for each of {', '.join(REASONS)}")
    return found


def quiet_days(facts: RosterFacts, today: date) -> int:
    """Days since the last check-in (or since the episode started, before the first one)."""
    return (today - (facts.last_checkin_on or facts.started_on)).days


def attention(facts: RosterFacts, today: date, rules: tuple[TriageRule, ...]) -> Attention:
    """The reasons `facts` reach on `today` under `rules`, most severe first, and their score."""
    rule = rules_by_reason(rules)
    fails = sum(not passed for passed in facts.recent_checks)
    quiet = quiet_days(facts, today)
    drop = facts.questionnaire_drop or 0.0
    reached = [
        ("red_flag_or_referral", facts.red_flag or facts.referred, _urgent(facts)),
        (
            "failed_pain_checks",
            fails >= rule["failed_pain_checks"].threshold,
            f"Pain check failed {fails} of the last {len(facts.recent_checks)}",
        ),
        (
            "run_over_spike_cap",
            int(facts.spike) >= rule["run_over_spike_cap"].threshold,
            "A run more than 10% over the 30-day longest",
        ),
        (
            "worsening_questionnaire",
            drop > 0 and drop >= rule["worsening_questionnaire"].threshold,
            f"Questionnaire score {drop:g} points worse",
        ),
        ("no_checkin", quiet >= rule["no_checkin"].threshold, f"No check-in for {quiet} days"),
        (
            "low_adherence",
            facts.adherence is not None
            and (today - facts.started_on).days >= ADHERENCE_DAYS  # a whole window planned
            and facts.adherence < rule["low_adherence"].threshold,
            f"Missed planned sessions ({facts.adherence or 0:.0%} done in {ADHERENCE_DAYS} days)",
        ),
    ]
    reasons = tuple(
        Reason(name, says, _threshold(rule[name]), rule[name].action)
        for name, hit, says in reached
        if hit
    )
    score = sum(WEIGHTS[r.reason] for r in reasons) + (RED_FLAG_WEIGHT if facts.red_flag else 0)
    return Attention(score, reasons)


def _urgent(facts: RosterFacts) -> str:
    if facts.red_flag:
        return "Red flag reported"
    return "Decision: refer to a clinician"


def _threshold(rule: TriageRule) -> str:
    """The threshold as a coach reads it, e.g. "at least 2 failed checks of the last 7"."""
    word = "under" if rule.reason == "low_adherence" else "at least"
    value = f"{rule.threshold:.0%}" if rule.reason == "low_adherence" else f"{rule.threshold:g}"
    return f"{word} {value} {rule.unit}"


def failed_checks(recent_checks: tuple[bool, ...] | list[bool]) -> int:
    """The failed pain checks among the recent ones: the one standing fact the roster's SQL
    cannot read from a column of its own, so the status stores it (`runner_status.attention`)."""
    return sum(not passed for passed in recent_checks)
