"""'Is it OK to run?': red-flag screen first, then the likely condition and its verdict rules.

Order is the safety contract (product principle 1): every red flag is evaluated for every region
before anything else, and when any fires the verdict is the most restrictive of them; the
condition rules are never consulted, so no running verdict can follow a red flag.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from runrehab.domain.errors import InvalidInputError, Problem
from runrehab.domain.intake import RETURN_TO_RUN_READY, IntakeAnswers
from runrehab.domain.knowledge import Condition, Evidence, KnowledgeBase, RedFlag, Rule
from runrehab.domain.rules import Facts
from runrehab.domain.text import fill
from runrehab.domain.verdicts import Verdict

LIKELY_SCORE = 4  # an indicator total at or above this reads "likely"; below it, "possible"
RED_FLAG_EDUCATION = "when_to_see_clinician"
STOPPED_EARLY = (
    "only when the answers already give a same-day red flag: answer every screening question"
)


@dataclass(frozen=True, slots=True)
class Reason:
    """A rule that fired, in plain words, with where the evidence comes from."""

    rule: str
    says: str
    citation: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class LikelyCondition:
    id: str
    name: str
    likelihood: str  # "likely" or "possible": never a diagnosis
    score: int
    reasons: tuple[str, ...]
    low_evidence: bool


@dataclass(frozen=True, slots=True)
class Assessment:
    verdict: Verdict
    red_flags: tuple[str, ...]
    likely_conditions: tuple[LikelyCondition, ...]
    condition: str | None  # the rehab condition whose plan applies, when one does
    start_stage: int | None
    today: str
    actions: tuple[str, ...]  # what to do now, most urgent first
    modifications: tuple[Reason, ...]
    reasons: tuple[Reason, ...]
    advisories: tuple[Reason, ...]  # advice that joins the verdict without changing it
    recheck_on: date | None
    education: tuple[str, ...]
    assessed_on: date
    knowledge_version: str
    disclaimer: str
    clinician_notes: tuple[str, ...] = ()  # for the examining clinician, from the fired red flags
    stage_cap: int | None = None  # the deciding rules hold the runner at or below this stage
    stage_capped_by: tuple[str, ...] = ()  # those rules' words, to say why a stage dropped


def assess(answers: IntakeAnswers, kb: KnowledgeBase, on: date) -> Assessment:
    facts = answers.facts(kb.dosage.single_run_cap)
    fired = tuple(flag for flag in kb.red_flags if flag.rule.when.holds(facts))
    likely = rank_conditions(answers.region, facts, kb, fired)
    if fired:
        result = _refer(fired, likely, facts, kb, on)
    elif answers.region not in kb.covered_regions:
        result = _uncovered(likely, facts, kb, on)
    else:
        result = _condition_verdict(kb.conditions[likely[0].id], likely, facts, kb, on)
    if answers.screen_stopped_early and result.verdict != Verdict.REFER_URGENT:
        raise InvalidInputError("answers", [Problem("screen_stopped_early", STOPPED_EARLY)])
    return _advised(result, facts, kb)


def _advised(result: Assessment, facts: Facts, kb: KnowledgeBase) -> Assessment:
    """Adds every advisory that holds: its reason, its action after the verdict's own, its cards.
    The verdict never changes, so a runner whom the evidence lets run still runs."""
    held = [a for a in kb.advisories if a.rule.when.holds(facts)]
    if not held:
        return result
    cards = (card for a in held for card in a.education)
    return replace(
        result,
        advisories=tuple(_reason(a.rule, facts) for a in held),
        actions=tuple(dict.fromkeys((*result.actions, *(a.action for a in held)))),
        education=tuple(dict.fromkeys((*result.education, *cards))),
    )


def rank_conditions(
    region: str, facts: Facts, kb: KnowledgeBase, fired: tuple[RedFlag, ...]
) -> tuple[LikelyCondition, ...]:
    """Red-flag pathways that fired first, then this region's conditions by indicator score.

    The best-scoring rehab (or prevention) condition of a covered region is always listed (it is the plan's
    basis); other candidates only with a positive score.
    """
    pathways = [
        _scored(kb.conditions[f.pathway], facts, "likely", (f.rule.says,))
        for f in fired
        if f.pathway
    ]
    candidates = sorted(
        (_scored(c, facts) for c in kb.conditions.values() if c.has_plan and region in c.regions),
        key=lambda lc: (-lc.score, lc.id),
    )
    kept = [lc for i, lc in enumerate(candidates) if i == 0 or lc.score > 0]
    ranked: dict[str, LikelyCondition] = {}
    for lc in [*pathways, *kept]:
        ranked.setdefault(lc.id, lc)
    return tuple(ranked.values())


def _scored(
    condition: Condition, facts: Facts, likelihood: str | None = None, extra: tuple[str, ...] = ()
) -> LikelyCondition:
    held = [i for i in condition.indicators if i.when.holds(facts)]
    score = sum(i.weight for i in held)
    reasons = extra + tuple(i.says for i in held if i.weight > 0)
    return LikelyCondition(
        id=condition.id,
        name=condition.name,
        likelihood=likelihood or ("likely" if score >= LIKELY_SCORE else "possible"),
        score=score,
        reasons=reasons,
        low_evidence=condition.low_evidence,
    )


def _reason(rule: Rule, facts: Facts) -> Reason:
    return Reason(rule.id, fill(rule.says, facts), rule.citation, rule.evidence)


def _refer(
    fired: tuple[RedFlag, ...],
    likely: tuple[LikelyCondition, ...],
    facts: Facts,
    kb: KnowledgeBase,
    on: date,
) -> Assessment:
    ordered = sorted(fired, key=lambda f: -f.verdict)
    verdict = ordered[0].verdict
    notes = tuple(dict.fromkeys(f.clinician_note for f in ordered if f.clinician_note))
    referral = _referral(
        verdict,
        red_flags=tuple(f.rule.id for f in ordered),
        likely=likely,
        today=kb.verdicts[verdict].today,
        actions=tuple(dict.fromkeys(f.action for f in ordered)),
        reasons=tuple(_reason(f.rule, facts) for f in ordered),
        kb=kb,
        on=on,
        education=_pathway_education(ordered, kb),
    )
    return replace(referral, clinician_notes=notes)


def _pathway_education(fired: list[RedFlag], kb: KnowledgeBase) -> tuple[str, ...]:
    """The red-flag card first, then the cards of each fired flag's pathway condition."""
    cards = [kb.conditions[f.pathway].education for f in fired if f.pathway]
    return tuple(dict.fromkeys((RED_FLAG_EDUCATION, *(c for group in cards for c in group))))


def _uncovered(
    likely: tuple[LikelyCondition, ...], facts: Facts, kb: KnowledgeBase, on: date
) -> Assessment:
    rule = kb.uncovered_region
    verdict = rule.verdict or Verdict.SEE_CLINICIAN
    return _referral(
        verdict,
        red_flags=(),
        likely=likely,
        today=f"{kb.verdicts[verdict].today} {fill(rule.says, facts)}",
        actions=(kb.verdicts[verdict].today,),
        reasons=(_reason(rule, facts),),
        kb=kb,
        on=on,
    )


def _referral(
    verdict: Verdict,
    *,
    red_flags: tuple[str, ...],
    likely: tuple[LikelyCondition, ...],
    today: str,
    actions: tuple[str, ...],
    reasons: tuple[Reason, ...],
    kb: KnowledgeBase,
    on: date,
    education: tuple[str, ...] = (RED_FLAG_EDUCATION,),
) -> Assessment:
    """A verdict that sends the runner to a clinician: no plan condition, stage or re-check."""
    return Assessment(
        verdict=verdict,
        red_flags=red_flags,
        likely_conditions=likely,
        condition=None,
        start_stage=None,
        today=today,
        actions=actions,
        modifications=(),
        reasons=reasons,
        advisories=(),
        recheck_on=None,
        education=education,
        assessed_on=on,
        knowledge_version=kb.version,
        disclaimer=kb.disclaimer,
    )


def _condition_verdict(
    condition: Condition,
    likely: tuple[LikelyCondition, ...],
    facts: Facts,
    kb: KnowledgeBase,
    on: date,
) -> Assessment:
    gate = kb.gate_for(condition.id)
    facts = {**facts, RETURN_TO_RUN_READY: gate is not None and gate.met(facts)}
    deciding = _deciding_rules(condition, facts, kb)
    verdict = _verdict_of(deciding[0])
    modifications = _modifications(condition, verdict, facts, kb)
    recheck = (
        on + timedelta(days=condition.recheck_days) if verdict == Verdict.PAUSE_RUNNING else None
    )
    today = kb.verdicts[verdict].today
    if recheck:
        today += f" Re-check on {recheck.isoformat()}."
    return Assessment(
        verdict=verdict,
        red_flags=(),
        likely_conditions=likely,
        condition=condition.id,
        start_stage=_start_stage(condition, deciding, facts, kb),
        stage_cap=min((r.max_stage for r in deciding if r.max_stage), default=None),
        stage_capped_by=tuple(_reason(r, facts).says for r in deciding if r.max_stage),
        today=today,
        actions=(today,),
        modifications=modifications,
        reasons=(*(_reason(r, facts) for r in deciding), *modifications),
        advisories=(),
        recheck_on=recheck,
        education=condition.education,
        assessed_on=on,
        knowledge_version=kb.version,
        disclaimer=kb.disclaimer,
    )


def _deciding_rules(condition: Condition, facts: Facts, kb: KnowledgeBase) -> tuple[Rule, ...]:
    """The condition's first matching verdict rule and every pause rule that holds (a limp, in
    any region), keeping the most restrictive: they decide the verdict, each is a reason, and each
    may hold back the starting stage. A pause rule never makes a verdict less restrictive."""
    rule = next(r for r in condition.verdict_rules if r.when.holds(facts))
    held = (rule, *(p for p in kb.pause_rules if p.when.holds(facts)))
    verdict = max(_verdict_of(r) for r in held)
    return tuple(r for r in held if _verdict_of(r) == verdict)


def _verdict_of(rule: Rule) -> Verdict:
    return rule.verdict or Verdict.SEE_CLINICIAN


def _modifications(
    condition: Condition, verdict: Verdict, facts: Facts, kb: KnowledgeBase
) -> tuple[Reason, ...]:
    if not verdict.allows_running:
        return ()
    specific = condition.modifications if verdict == Verdict.RUN_MODIFIED else ()
    rules = (*specific, *kb.dosage.modifications)
    return tuple(_reason(r, facts) for r in rules if r.when.holds(facts))


def _start_stage(
    condition: Condition, deciding: tuple[Rule, ...], facts: Facts, kb: KnowledgeBase
) -> int:
    """The highest stage whose entry criteria hold, held back by the deciding rules' `max_stage`."""
    assert condition.protocol is not None
    stages = kb.protocols[condition.protocol].stages
    reached = max(s.number for s in stages if s.start_when.holds(facts))
    return min([reached, *(r.max_stage for r in deciding if r.max_stage)])
