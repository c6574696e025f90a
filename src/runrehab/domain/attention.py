"""Who needs the coach's attention first, and why: a score from a runner's roster facts.

The weights order the reasons by clinical urgency (a red flag above a referral above failed pain
checks above quiet or missed days); they are a product choice, shown with every row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
class Attention:
    score: int
    reasons: tuple[str, ...]


# A red flag outweighs every other reason together (at most 280), so a runner with one is always
# first on the roster: red flags win on every screen, whatever else another runner has piled up.
RED_FLAG_WEIGHT = 1000
REFERRAL_WEIGHT = 80
FAILED_CHECK_WEIGHT = 10  # per day with a failed check
SPIKE_WEIGHT = 30
DROP_WEIGHT = 25
ADHERENCE_WEIGHT = 20
UNREAD_WEIGHT = 15
QUIET_DAYS = 3
QUIET_WEIGHT_PER_DAY = 5
QUIET_MOST = 40
LOW_ADHERENCE = 0.6


def quiet_weight(days: int) -> int:
    """The weight of `days` without a check-in: nothing before QUIET_DAYS, then growing by the
    day up to QUIET_MOST (the roster's SQL orders by the same function's values)."""
    return min(QUIET_WEIGHT_PER_DAY * days, QUIET_MOST) if days >= QUIET_DAYS else 0


def attention(facts: RosterFacts, today: date) -> Attention:
    scored: list[tuple[int, str]] = []
    if facts.red_flag:
        scored.append((RED_FLAG_WEIGHT, "Red flag reported"))
    if facts.referred:
        scored.append((REFERRAL_WEIGHT, "Decision: refer to a clinician"))
    fails = sum(not passed for passed in facts.recent_checks)
    if fails:
        scored.append(
            (
                FAILED_CHECK_WEIGHT * fails,
                f"Pain check failed {fails} of the last {len(facts.recent_checks)}",
            )
        )
    if facts.spike:
        scored.append((SPIKE_WEIGHT, "A run more than 10% over the 30-day longest"))
    if facts.questionnaire_drop:
        scored.append(
            (DROP_WEIGHT, f"Questionnaire score dropped {facts.questionnaire_drop:g} points")
        )
    if facts.adherence is not None and facts.adherence < LOW_ADHERENCE:
        scored.append(
            (ADHERENCE_WEIGHT, f"Missed planned sessions ({facts.adherence:.0%} done in 14 days)")
        )
    quiet = (today - (facts.last_checkin_on or facts.started_on)).days
    if quiet_weight(quiet):
        scored.append((quiet_weight(quiet), f"No check-in for {quiet} days"))
    if facts.unread:
        scored.append(
            (UNREAD_WEIGHT, f"{facts.unread} unread message{'s' if facts.unread > 1 else ''}")
        )
    scored.sort(key=lambda pair: -pair[0])
    return Attention(sum(score for score, _ in scored), tuple(reason for _, reason in scored))


def standing(
    red_flag: bool,
    referred: bool,
    recent_checks: tuple[bool, ...],
    spike: bool,
    questionnaire_drop: float | None,
) -> int:
    """The part of the score that depends neither on the day nor on the coach, stored with the
    runner's status so the roster's SQL only adds the rest (quiet days, adherence, a recent
    watch spike, unread messages): `attention` itself with those left out."""
    never = date.min
    facts = RosterFacts(
        red_flag, referred, recent_checks, never, never, None, spike, questionnaire_drop, 0
    )
    return attention(facts, never).score
