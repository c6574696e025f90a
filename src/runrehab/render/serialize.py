"""JSON views of assessments and plans: the one shape the CLI prints (and the web API will serve).

Citations are expanded to their full reference so every reason can be checked without the
knowledge base at hand.
"""

from __future__ import annotations

from dataclasses import asdict
from types import MappingProxyType
from typing import Any

from runrehab.domain.adaptation.engine import Change, Decision
from runrehab.domain.adaptation.state import CarriedProgress, DoseState
from runrehab.domain.assessment import Assessment, LikelyCondition, Reason
from runrehab.domain.knowledge import KnowledgeBase, Rule
from runrehab.domain.plan import Item, Plan, PlannedStage, Session
from runrehab.render.evidence_labels import evidence_fields
from runrehab.render.rule_quotes import Quote, split_quotes

JSON = dict[str, Any]


def assessment_to_json(a: Assessment, kb: KnowledgeBase) -> JSON:
    text = kb.verdicts[a.verdict]
    return {
        "verdict": a.verdict.name,
        "verdict_label": text.label,
        "verdict_meaning": text.meaning,
        "red_flags": list(a.red_flags),
        "likely_conditions": [_likely(lc, kb) for lc in a.likely_conditions],
        "condition": a.condition,
        "start_stage": a.start_stage,
        "today": a.today,
        "today_rules": rules_in(a.today, kb, a.condition),
        "actions": list(a.actions),
        "modifications": [_reason(r, kb) for r in a.modifications],
        "reasons": [_reason(r, kb) for r in a.reasons],
        "advisories": [_reason(r, kb) for r in a.advisories],
        "clinician_notes": list(a.clinician_notes),
        "recheck_on": a.recheck_on.isoformat() if a.recheck_on else None,
        "education": [{"id": e, "title": kb.education[e].title} for e in a.education],
        "assessed_on": a.assessed_on.isoformat(),
        "knowledge_version": a.knowledge_version,
        "disclaimer": a.disclaimer,
    }


def plan_to_json(plan: Plan, kb: KnowledgeBase) -> JSON:
    return {
        "condition": plan.condition,
        "verdict": plan.verdict.name,
        "start": plan.start.isoformat(),
        "weeks": plan.weeks,
        "knowledge_version": plan.knowledge_version,
        "notes": list(plan.notes),
        "note_rules": [rules_in(n, kb, plan.condition) for n in plan.notes],
        "education": [{"id": e, "title": kb.education[e].title} for e in plan.education],
        "stages": [_stage(s, _protocol(plan, kb), kb) for s in plan.stages],
        "sessions": [session_to_json(s) for s in plan.sessions],
        "questionnaires": [
            {"date": day.isoformat(), "id": name, "name": kb.questionnaires[name].name}
            for day, name in plan.questionnaires
        ],
        "return_to_run": [_reason(r, kb) for r in plan.return_to_run],
        "monitoring_task": kb.monitoring_task(plan.condition),
    }


def _protocol(plan: Plan, kb: KnowledgeBase) -> str | None:
    return kb.conditions[plan.condition].protocol if plan.condition in kb.conditions else None


def _likely(lc: LikelyCondition, kb: KnowledgeBase) -> JSON:
    return {
        "id": lc.id,
        "name": lc.name,
        "likelihood": lc.likelihood,
        "score": lc.score,
        "reasons": list(lc.reasons),
        "reason_rules": [rule for r in lc.reasons for rule in rules_in(r, kb, lc.id)],
        "low_evidence": lc.low_evidence,
    }


def reason_to_json(r: Reason, kb: KnowledgeBase) -> JSON:
    return _reason(r, kb)


def _reason(r: Reason, kb: KnowledgeBase) -> JSON:
    citation = _citation(r.citation, kb)
    return {
        "rule": r.rule,
        "says": r.says,
        "evidence": r.evidence.value,
        **evidence_fields(r.evidence, citation["text"] if citation else None),
        "citation": citation,
    }


def rule_to_json(rule: Rule, kb: KnowledgeBase) -> JSON:
    """A knowledge-base rule shown as such (a stage's criteria, a red flag in a coach's file)."""
    return _reason(Reason(rule.id, rule.says, rule.citation, rule.evidence), kb)


def _citation(citation_id: str | None, kb: KnowledgeBase) -> JSON | None:
    if citation_id is None:
        return None
    c = kb.citations[citation_id]
    return {"id": c.id, "text": c.text, "url": c.url}


def text_parts(text: str, kb: KnowledgeBase, condition: str | None) -> list[JSON]:
    """A free text (a plan note, a plan version's reason) as parts: `{"text": ...}` for plain
    words, a rule's JSON (`says` as quoted, with its evidence label) for each rule it quotes."""
    return [
        {"text": part} if isinstance(part, str) else _quote(part, kb)
        for part in split_quotes(text, kb, condition)
    ]


def rules_in(text: str, kb: KnowledgeBase, condition: str | None) -> list[JSON]:
    """The rules a free text quotes, in order, each with its evidence label."""
    return [_quote(p, kb) for p in split_quotes(text, kb, condition) if isinstance(p, Quote)]


def _quote(quote: Quote, kb: KnowledgeBase) -> JSON:
    return rule_to_json(quote.rule, kb) | {"says": quote.words}


def _stage(s: PlannedStage, protocol: str | None, kb: KnowledgeBase) -> JSON:
    data = asdict(s)
    data["projected_start"] = s.projected_start.isoformat() if s.projected_start else None
    data["advance_criteria"] = list(s.advance_criteria)
    data["advance_rules"] = [rule_to_json(r, kb) for r in _advance_rules(s, protocol, kb)]
    data["citation"] = _citation(s.citation, kb)
    return data


def _advance_rules(s: PlannedStage, protocol: str | None, kb: KnowledgeBase) -> tuple[Rule, ...]:
    """The rules behind a stage's `advance_criteria` (the plan keeps their words only)."""
    stages = kb.protocols[protocol].stages if protocol in kb.protocols else ()
    return next((st.advance_when for st in stages if st.id == s.id), ())


def session_to_json(s: Session) -> JSON:
    return {
        "date": s.date.isoformat(),
        "kind": s.kind,
        "stage": s.stage,
        "title": s.title,
        "why": s.why,
        "items": [_item(i) for i in s.items],
        "run": asdict(s.run) if s.run else None,
        "cues": list(s.cues),
    }


def _item(i: Item) -> JSON:
    return asdict(i)


def decision_to_json(d: Decision, kb: KnowledgeBase) -> JSON:
    return {
        "date": d.on.isoformat(),
        "entry": d.entry,
        "decision": d.kind.value,
        "reasons": [_reason(r, kb) for r in d.reasons],
        "changes": [change_to_json(c) for c in d.changes],
        "next": [change_to_json(c) for c in d.next],
        "plan_version": d.plan_version,
    }


def change_to_json(c: Change) -> JSON:
    """A decision's change, as stored with the decision and with the plan version it made."""
    return {"target": c.target, "id": c.id, **c.next}


def carried_to_json(carried: CarriedProgress | None) -> dict[str, Any] | None:
    if carried is None:
        return None
    return {
        "stage": carried.stage,
        "doses": {
            exercise: {"step": d.step, "harder": d.harder, "load_kg": d.load_kg}
            for exercise, d in carried.doses.items()
        },
    }


def carried_from_json(data: dict[str, Any] | None) -> CarriedProgress | None:
    if not data:
        return None
    doses = {
        exercise: DoseState(int(d["step"]), bool(d["harder"]), float(d["load_kg"]))
        for exercise, d in data.get("doses", {}).items()
    }
    return CarriedProgress(int(data["stage"]), MappingProxyType(doses))
