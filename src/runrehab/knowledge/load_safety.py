"""The rules that keep a runner safe whatever the condition: red flags, pause rules, advisories,
and the thresholds at which the coach's roster says a runner needs attention."""

from __future__ import annotations

from runrehab.domain import knowledge as k
from runrehab.domain.attention import REASONS, TriageRule
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge import schema
from runrehab.knowledge.load_context import LoadContext, unique


def red_flags(
    ctx: LoadContext, conditions: dict[str, k.Condition]
) -> tuple[tuple[k.RedFlag, ...], k.Rule]:
    """Every file of `red_flags/`, in file order; ids are unique across the folder."""
    flags = []
    for name in ctx.files("red_flags"):
        raw = ctx.read(name, schema.RedFlagsFile)
        for i, flag in enumerate(raw.red_flags):
            key = f"red_flags[{i}]"
            if flag.pathway is not None and flag.pathway not in conditions:
                raise ctx.fail(f"{key}.pathway", f"unknown condition '{flag.pathway}'")
            rule = ctx.rule(flag, key)
            flags.append(
                k.RedFlag(
                    rule, Verdict[flag.verdict], flag.pathway, flag.action, flag.clinician_note
                )
            )
    ctx.file = "red_flags"
    unique([f.rule.id for f in flags], "red_flags", ctx.fail)
    uncovered = ctx.read("uncovered_region.yaml", schema.UncoveredRegionFile)
    return tuple(flags), ctx.rule(uncovered.uncovered_region, "uncovered_region")


def pause_rules(ctx: LoadContext) -> tuple[k.Rule, ...]:
    """`pause_rules.yaml`: rules every condition's verdict obeys (at least PAUSE_RUNNING)."""
    raw = ctx.read("pause_rules.yaml", schema.PauseRulesFile)
    return ctx.rules(raw.pause_rules, "pause_rules")


def triage(ctx: LoadContext) -> tuple[TriageRule, ...]:
    """`triage.yaml`: the roster's attention thresholds, one per reason of `REASONS`, in order."""
    raw = ctx.read("triage.yaml", schema.TriageFile)
    rules = tuple(
        TriageRule(
            r.reason,
            r.threshold,
            r.unit,
            r.action,
            ctx.cite(r.citation, f"triage[{i}].citation") or "",
            r.evidence,
        )
        for i, r in enumerate(raw.triage)
    )
    if tuple(r.reason for r in rules) != REASONS:
        raise ctx.fail("triage", f"needs one rule per reason, in this order: {', '.join(REASONS)}")
    return rules


def advisories(ctx: LoadContext, education: dict[str, k.EducationCard]) -> tuple[k.Advisory, ...]:
    """Every file of `advisories/`: advice that joins any verdict without changing it."""
    advisories = []
    for name in ctx.files("advisories"):
        raw = ctx.read(name, schema.AdvisoriesFile)
        for i, advisory in enumerate(raw.advisories):
            key = f"advisories[{i}]"
            if advisory.verdict is not None:
                raise ctx.fail(f"{key}.verdict", "an advisory never sets a verdict")
            for card in advisory.education:
                if card not in education:
                    raise ctx.fail(f"{key}.education", f"unknown education card '{card}'")
            rule = ctx.rule(advisory, key)
            advisories.append(k.Advisory(rule, advisory.action, tuple(advisory.education)))
    ctx.file = "advisories"
    unique([a.rule.id for a in advisories], "advisories", ctx.fail)
    return tuple(advisories)
