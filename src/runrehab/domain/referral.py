"""A referred runner is seen by a clinician before anyone loosens the plan (product principle 1).

A runner is referred while the current episode's verdict is SEE_CLINICIAN or REFER_URGENT (a red
flag at the assessment, a region the screen does not cover, or the engine's referral later: a red
flag reported at a check-in, failed pain checks on too many days) or a red flag was reported. The
episode stays referred until a new assessment, made after the runner has been seen, starts a new
one. Until then no one, coach or clinic staff, adds load: only a change that takes load away (pause
running, remove an exercise the coach added) is allowed, so the runner never reads "Get medical
care today" above "Your coach changed the plan: running resumed".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from runrehab.domain.adaptation.overrides import OverrideKind
from runrehab.domain.intake import DERIVED_FROM
from runrehab.domain.knowledge import RedFlag

REFERRAL_VERDICTS = frozenset({"SEE_CLINICIAN", "REFER_URGENT"})
TAKES_LOAD_AWAY: frozenset[OverrideKind] = frozenset({"pause_running", "remove_exercise"})


def is_referred(verdict: str, red_flag: bool) -> bool:
    return red_flag or verdict in REFERRAL_VERDICTS


def loosens(kind: str) -> bool:
    """Every change but pausing running and removing a coach's exercise can add load: a dose, a
    swap, a stage (up or held), resumed running, a new exercise."""
    return kind not in TAKES_LOAD_AWAY


@dataclass(frozen=True, slots=True)
class FiredFlag:
    """A red flag that fired: its rule (or the check-in symptom), what it means, when, where it
    was reported, and the runner's answers its rule reads, exactly as given (unanswered left out)."""

    rule: str
    says: str
    on: date
    source: str  # "assessment" or "check-in"
    answers: tuple[tuple[str, object], ...]


def assessment_flags(
    flag_ids: Iterable[str],
    flags: Iterable[RedFlag],
    says: Mapping[str, str],
    answers: Mapping[str, object],
    on: date,
) -> tuple[FiredFlag, ...]:
    """The flags an assessment fired, in its order; `says` is each rule's text as the runner read
    it, `answers` the stored answers flattened (`tests.NAME` keys)."""
    by_id = {f.rule.id: f for f in flags}
    return tuple(
        FiredFlag(
            rule,
            says.get(rule, by_id[rule].rule.says),
            on,
            "assessment",
            _read(by_id[rule], answers),
        )
        for rule in flag_ids
        if rule in by_id
    )


def _read(flag: RedFlag, answers: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    keys: set[str] = set()
    for fact in flag.rule.when.facts_used():
        keys.update(DERIVED_FROM.get(fact, (fact,)))
    return tuple(
        (key, answers[key]) for key in sorted(keys) if answers.get(key) not in (None, [], "")
    )


def checkin_flags(
    on: date, symptoms: Iterable[str], says: Mapping[str, str]
) -> tuple[FiredFlag, ...]:
    """The red flags a runner reported at a check-in: each symptom is its own flag and answer."""
    return tuple(
        FiredFlag(symptom, says.get(symptom, symptom), on, "check-in", ((symptom, True),))
        for symptom in sorted(symptoms)
    )
