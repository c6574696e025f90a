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
QUIET_DAYS = 3
LOW_ADHERENCE = 0.6


def attention(facts: RosterFacts, today: date) -> Attention:
    scored: list[tuple[int, str]] = []
    if facts.red_flag:
        scored.append((RED_FLAG_WEIGHT, "Red flag reported"))
    if facts.referred:
        scored.append((80, "Decision: refer to a clinician"))
    fails = sum(not passed for passed in facts.recent_checks)
    if fails:
        scored.append(
            (10 * fails, f"Pain check failed {fails} of the last {len(facts.recent_checks)}")
        )
    if facts.spike:
        scored.append((30, "A run more than 10% over the 30-day longest"))
    if facts.questionnaire_drop:
        scored.append((25, f"Questionnaire score dropped {facts.questionnaire_drop:g} points"))
    if facts.adherence is not None and facts.adherence < LOW_ADHERENCE:
        scored.append((20, f"Missed planned sessions ({facts.adherence:.0%} done in 14 days)"))
    quiet = (today - (facts.last_checkin_on or facts.started_on)).days
    if quiet >= QUIET_DAYS:
        scored.append((min(5 * quiet, 40), f"No check-in for {quiet} days"))
    if facts.unread:
        scored.append((15, f"{facts.unread} unread message{'s' if facts.unread > 1 else ''}"))
    scored.sort(key=lambda pair: -pair[0])
    return Attention(sum(score for score, _ in scored), tuple(reason for _, reason in scored))
