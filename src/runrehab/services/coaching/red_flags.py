"""The red flags of an episode as a coach sees them: each with the runner's answers behind it."""

from __future__ import annotations

from datetime import date
from typing import Any

from runrehab.domain.knowledge import KnowledgeBase, Rule
from runrehab.domain.referral import FiredFlag, assessment_flags, checkin_flags
from runrehab.render.serialize import rule_to_json


def fired_flags(source: dict[str, Any], kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every red flag of an episode, the assessment's first, then each check-in's, with the
    runner's answers behind it exactly as given."""
    a = source["assessment"]
    questions = {q.key: q.text for g in kb.questions for q in g.questions}
    fired = list(
        assessment_flags(
            a.get("red_flags", []),
            kb.red_flags,
            {r["rule"]: r["says"] for r in a.get("reasons", [])},
            _flat(source["answers"]),
            date.fromisoformat(a["assessed_on"]),
        )
    )
    checked = dict.fromkeys(questions, "Reported at a check-in")  # the question is in its answer
    for day, symptoms in source["checkins"]:
        fired += checkin_flags(day, symptoms, checked)
    rules = {f.rule.id: f.rule for f in kb.red_flags}
    return [_flag_json(f, questions) | _flag_evidence(f, rules, kb) for f in fired]


def _flag_evidence(flag: FiredFlag, rules: dict[str, Rule], kb: KnowledgeBase) -> dict[str, Any]:
    """The red-flag rule's evidence label when the flag came from the assessment (a check-in
    flag is the runner's own report, not a rule's words)."""
    if flag.source != "assessment" or flag.rule not in rules:
        return {}
    return {
        k: v for k, v in rule_to_json(rules[flag.rule], kb).items() if k not in ("says", "rule")
    }


def _flat(answers: dict[str, Any]) -> dict[str, object]:
    flat = {k: v for k, v in answers.items() if k != "tests"}
    flat.update({f"tests.{k}": v for k, v in (answers.get("tests") or {}).items()})
    return flat


def _flag_json(flag: FiredFlag, questions: dict[str, str]) -> dict[str, Any]:
    return {
        "rule": flag.rule,
        "says": flag.says,
        "on": flag.on.isoformat(),
        "source": flag.source,
        "answers": [
            {"key": k, "question": questions.get(k, k), "value": v, "answer": _said(v)}
            for k, v in flag.answers
        ],
    }


def _said(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v).replace("_", " ") for v in value)
    return str(value).replace("_", " ")
