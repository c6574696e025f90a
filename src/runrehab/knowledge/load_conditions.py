"""The conditions the assessment can find, and the words of each verdict."""

from __future__ import annotations

from runrehab.domain import knowledge as k
from runrehab.domain.questionnaires import Questionnaire
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge import schema
from runrehab.knowledge.load_context import LoadContext


def conditions(
    ctx: LoadContext,
    protocols: dict[str, k.Protocol],
    education: dict[str, k.EducationCard],
    questionnaires: dict[str, Questionnaire],
    gates: dict[str, k.ReturnToRunGate],
) -> dict[str, k.Condition]:
    conditions: dict[str, k.Condition] = {}
    for name in ctx.files("conditions"):
        raw = ctx.read(name, schema.ConditionModel)
        if raw.id in conditions:
            raise ctx.fail("id", f"duplicate condition id '{raw.id}'")
        if raw.pathway in k.PLAN_PATHWAYS and raw.protocol not in protocols:
            raise ctx.fail(
                "protocol",
                f"{raw.pathway} condition needs a known protocol, got {raw.protocol!r}",
            )
        if raw.pathway == "rehab" and raw.return_to_run_gate not in gates:
            raise ctx.fail(
                "return_to_run_gate",
                f"rehab condition needs a gate of return_to_run.yaml, "
                f"got {raw.return_to_run_gate!r}",
            )
        for i, card in enumerate(raw.education):
            if card not in education:
                raise ctx.fail(f"education[{i}]", f"unknown education card '{card}'")
        for i, wanted in enumerate(raw.questionnaires):
            if wanted not in questionnaires:
                raise ctx.fail(f"questionnaires[{i}]", f"unknown questionnaire '{wanted}'")
        conditions[raw.id] = _condition(ctx, raw)
    return conditions


def _condition(ctx: LoadContext, raw: schema.ConditionModel) -> k.Condition:
    indicators = tuple(
        k.Indicator(ctx.when(ind.when, f"indicators[{i}].when"), ind.weight, ind.says)
        for i, ind in enumerate(raw.indicators)
    )
    return k.Condition(
        id=raw.id,
        name=raw.name,
        pathway=raw.pathway,
        regions=frozenset(raw.regions),
        summary=raw.summary,
        low_evidence=raw.low_evidence,
        indicators=indicators,
        verdict_rules=ctx.rules(raw.verdict_rules, "verdict_rules"),
        modifications=ctx.rules(raw.modifications, "modifications"),
        protocol=raw.protocol,
        education=tuple(raw.education),
        recheck_days=raw.recheck_days,
        citation=ctx.cite(raw.citation, "citation") or "",
        questionnaires=tuple(raw.questionnaires),
        return_to_run_gate=raw.return_to_run_gate,
        monitoring_task=raw.monitoring_task,
    )


def verdicts(ctx: LoadContext) -> dict[Verdict, k.VerdictText]:
    raw = ctx.read("verdicts.yaml", schema.VerdictsFile)
    missing = [v.name for v in Verdict if v.name not in raw.verdicts]
    if missing:
        raise ctx.fail("verdicts", f"missing verdicts {missing}")
    return {
        Verdict[name]: k.VerdictText(Verdict[name], t.label, t.meaning, t.today)
        for name, t in raw.verdicts.items()
    }
