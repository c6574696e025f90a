"""Load the knowledge base from its data files into domain values, or stop with a clear error.

Every file is schema-validated (`reading.py`), then cross-referenced: every citation, exercise,
education card, condition and fact that a file names must exist, and the dosage and safety
invariants of `invariants.py` must hold. The first problem raises `KnowledgeBaseError(file, key,
reason)`; nothing half-loaded is ever returned.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from runrehab.domain import knowledge as k
from runrehab.domain.adaptation.reasons import ADAPTATION_PLACEHOLDERS, ADAPTATION_RULES
from runrehab.domain.errors import KnowledgeBaseError
from runrehab.domain.intake import FACT_NAMES, REGIONS
from runrehab.domain.questionnaires import Flag, QuestionItem, Questionnaire, Scoring
from runrehab.domain.rules import Predicate
from runrehab.domain.text import placeholders
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge import invariants, schema
from runrehab.knowledge.predicates import PredicateError, parse_predicate
from runrehab.knowledge.reading import read_model

M = TypeVar("M", bound=schema.Strict)
V = TypeVar("V")


def default_data_dir() -> Path:
    return Path(str(resources.files("runrehab.knowledge") / "data"))


def load_knowledge_base(root: Path | None = None) -> k.KnowledgeBase:
    """The knowledge base in `root`; the shipped one (no `root`) is read once per process: it
    cannot change while the process runs, and the web app, every CLI command and every test
    would otherwise parse the same YAML again."""
    if root is None:
        return _shipped()
    return _Loader(root).load()


@functools.cache
def _shipped() -> k.KnowledgeBase:
    return _Loader(default_data_dir()).load()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.citations: dict[str, k.Citation] = {}
        self.file = "-"

    def load(self) -> k.KnowledgeBase:
        manifest = self._read("manifest.yaml", schema.Manifest)
        self.citations = self._citations()
        education = self._education()
        exercises = self._exercises()
        dosage = self._dosage()
        rtr = self._read("return_to_run.yaml", schema.ReturnToRunFile)
        gates = self._gates(rtr.gates)
        protocols = self._with_maintenance(self._protocols(exercises), rtr.maintenance)
        questionnaires = self._questionnaires()
        conditions = self._conditions(protocols, education, questionnaires, gates)
        red_flags, uncovered = self._red_flags(conditions)
        advisories = self._advisories(education)
        kb = k.KnowledgeBase(
            version=manifest.version,
            citations=self.citations,
            conditions=conditions,
            red_flags=red_flags,
            uncovered_region=uncovered,
            advisories=advisories,
            exercises=exercises,
            protocols=protocols,
            education=education,
            dosage=dosage,
            adaptation=self._adaptation(),
            verdicts=self._verdicts(),
            questions=self._questions(),
            running_form_cues=tuple(manifest.running_form_cues),
            disclaimer=manifest.disclaimer,
            equipment_levels=self._equipment(),
            questionnaires=questionnaires,
            return_to_run=gates,
            default_monitoring_task=rtr.default_monitoring_task,
            pause_rules=self._pause_rules(),
        )
        for problem in invariants.check(kb):
            raise KnowledgeBaseError(problem.file, problem.key, problem.reason)
        return kb

    # -- reading -----------------------------------------------------------------------------

    def _read(self, name: str, model: type[M]) -> M:
        self.file = name
        return read_model(self.root / name, self.root, model)

    def _files(self, folder: str) -> Sequence[str]:
        names = sorted(p.name for p in (self.root / folder).glob("*.yaml"))
        if not names:
            raise KnowledgeBaseError(folder, "-", "folder has no .yaml files")
        return [f"{folder}/{name}" for name in names]

    def _fail(self, key: str, reason: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(self.file, key, reason)

    # -- shared pieces -----------------------------------------------------------------------

    def _cite(self, citation: str | None, key: str) -> str | None:
        if citation is not None and citation not in self.citations:
            raise self._fail(key, f"unknown citation '{citation}' (not in citations/)")
        return citation

    def _when(self, raw: object, key: str) -> Predicate:
        try:
            return parse_predicate(raw, key, FACT_NAMES)
        except PredicateError as exc:
            raise self._fail(exc.where, exc.reason) from None

    def _rule(
        self, raw: schema.RuleModel, key: str, allowed: Collection[str] = FACT_NAMES
    ) -> k.Rule:
        for name in placeholders(raw.says):
            if name not in allowed:
                raise self._fail(f"{key}.says", f"unknown placeholder {{{name}}}")
        return k.Rule(
            id=raw.id,
            when=self._when(raw.when, f"{key}.when"),
            says=raw.says,
            citation=self._cite(raw.citation, f"{key}.citation") or "",
            evidence=k.Evidence(raw.evidence),
            verdict=Verdict[raw.verdict] if raw.verdict else None,
            max_stage=raw.max_stage,
        )

    def _rules(self, raws: Iterable[schema.RuleModel], key: str) -> tuple[k.Rule, ...]:
        rules = tuple(self._rule(raw, f"{key}[{i}]") for i, raw in enumerate(raws))
        _unique([r.id for r in rules], key, self._fail)
        return rules

    # -- files -------------------------------------------------------------------------------

    def _merged(
        self, folder: str, model: type[M], noun: str, build: Callable[[Any, str], V]
    ) -> dict[str, V]:
        """The entries of every file of `folder` (the one list each file holds), by id; an id
        used twice, in one file or two, is an error."""
        merged: dict[str, V] = {}
        for name in self._files(folder):
            raw = self._read(name, model)
            field = next(iter(type(raw).model_fields))
            for i, entry in enumerate(getattr(raw, field)):
                key = f"{field}[{i}]"
                if entry.id in merged:
                    raise self._fail(f"{key}.id", f"duplicate {noun} id {entry.id!r}")
                merged[entry.id] = build(entry, key)
        return merged

    def _citations(self) -> dict[str, k.Citation]:
        return self._merged(
            "citations",
            schema.CitationsFile,
            "citation",
            lambda c, _: k.Citation(c.id, c.text, c.url),
        )

    def _education(self) -> dict[str, k.EducationCard]:
        return self._merged("education", schema.EducationFile, "card", self._card)

    def _card(self, card: schema.EducationModel, key: str) -> k.EducationCard:
        for j, cite in enumerate(card.citations):
            self._cite(cite, f"{key}.citations[{j}]")
        return k.EducationCard(card.id, card.title, tuple(card.body), tuple(card.citations))

    def _exercises(self) -> dict[str, k.Exercise]:
        exercises = self._merged("exercises", schema.ExercisesFile, "exercise", self._exercise)
        for ex in exercises.values():
            for variation in (ex.easier, ex.harder):
                if variation and variation.exercise and variation.exercise not in exercises:
                    self.file = "exercises"
                    raise self._fail(
                        ex.id, f"variation names unknown exercise '{variation.exercise}'"
                    )
        return exercises

    def _exercise(self, ex: schema.ExerciseModel, key: str) -> k.Exercise:
        if ex.schedulable and ex.dose is None:
            raise self._fail(f"{key}.dose", "a schedulable exercise needs a dose")
        return k.Exercise(
            id=ex.id,
            name=ex.name,
            category=ex.category,
            instructions=tuple(ex.instructions),
            cues=tuple(ex.cues),
            mistakes=tuple(ex.mistakes),
            equipment=frozenset(ex.equipment),
            loads=tuple(ex.loads),
            stages=frozenset(ex.stages),
            dose=self._dose(ex.dose, f"{key}.dose"),
            easier=_variation(ex.easier),
            harder=_variation(ex.harder),
            citation=self._cite(ex.citation, f"{key}.citation"),
            hip_flexion=ex.hip_flexion,
            timing=ex.timing,
            schedulable=ex.schedulable,
            progression=_progression(ex),
            without_weights=ex.without_weights,
        )

    def _dose(self, dose: schema.DoseModel | None, key: str) -> k.Dose:
        if dose is None:
            return k.Dose(k.Range(0, 0), None, None, None, per_side=False)
        measures = {"reps": dose.reps, "hold_s": dose.hold_s, "duration_s": dose.duration_s}
        given = [name for name, value in measures.items() if value is not None]
        if len(given) != 1:
            raise self._fail(key, f"give exactly one of reps, hold_s, duration_s (got {given})")
        ranges = {name: self._range(value, f"{key}.{name}") for name, value in measures.items()}
        return k.Dose(
            sets=self._range(dose.sets, f"{key}.sets") or k.Range(1, 1),
            reps=ranges["reps"],
            hold_s=ranges["hold_s"],
            duration_s=ranges["duration_s"],
            per_side=dose.per_side,
        )

    def _range(self, pair: tuple[int, int] | None, key: str) -> k.Range | None:
        if pair is None:
            return None
        low, high = pair
        if not 1 <= low <= high:
            raise self._fail(key, f"range must satisfy 1 <= low <= high, got [{low}, {high}]")
        return k.Range(low, high)

    def _dosage(self) -> k.Dosage:
        raw = self._read("dosage.yaml", schema.DosageFile)
        return k.Dosage(
            strength_ladder=tuple(raw.strength_ladder),
            isometric_ladder=tuple(raw.isometric_ladder),
            ladders=self._ladders(raw),
            max_sets=raw.max_sets,
            max_reps=raw.max_reps,
            exercise_pain_limit=raw.exercise_pain_limit,
            single_run_cap=raw.single_run_cap,
            weekly_increase=raw.weekly_increase,
            two_week_cap=raw.two_week_cap,
            recovery_after_weeks=raw.recovery_after_weeks,
            recovery_share=raw.recovery_share,
            shortest_run_km=raw.shortest_run_km,
            walk_run=tuple(
                k.WalkRunPhase(p.phase, p.walk_min, p.run_min, p.total_km, p.rpe)
                for p in raw.walk_run
            ),
            walk_run_repeats=raw.walk_run_repeats,
            imported_runs=k.ImportedRuns(**raw.imported_runs.model_dump()),
            assumed_easy_pace_s_per_km=raw.assumed_easy_pace_s_per_km,
            assumed_walk_run_pace_s_per_km=raw.assumed_walk_run_pace_s_per_km,
            rules=self._rules(raw.rules, "rules"),
            modifications=self._rules(raw.modifications, "modifications"),
            doms_note=raw.doms_note,
        )

    def _ladders(self, raw: schema.DosageFile) -> dict[k.Progression, k.Ladder]:
        rules = {r.id for r in raw.rules}
        for name, ladder in raw.ladders.items():
            if ladder.rule not in rules:
                raise self._fail(f"ladders.{name}.rule", f"unknown dosage rule '{ladder.rule}'")
        ladders = {
            k.Progression(name): k.Ladder(
                tuple(ladder.steps), ladder.repetition_maximum, ladder.tempo, ladder.rule
            )
            for name, ladder in raw.ladders.items()
        }
        ladders[k.Progression.REP_LADDER] = k.Ladder(
            tuple(raw.strength_ladder), False, None, "strength_max_dose"
        )
        ladders[k.Progression.ISOMETRIC] = k.Ladder(
            tuple(raw.isometric_ladder), False, None, "isometric_hold_ladder"
        )
        return ladders

    def _protocols(self, exercises: dict[str, k.Exercise]) -> dict[str, k.Protocol]:
        protocols: dict[str, k.Protocol] = {}
        for name in self._files("protocols"):
            raw = self._read(name, schema.ProtocolModel)
            if raw.id in protocols:
                raise self._fail("id", f"duplicate protocol id '{raw.id}'")
            stages = tuple(
                self._stage(stage, f"stages[{i}]", exercises) for i, stage in enumerate(raw.stages)
            )
            if [s.number for s in stages] != list(range(1, len(stages) + 1)):
                raise self._fail("stages", "stage numbers must run 1, 2, 3... in order")
            protocols[raw.id] = k.Protocol(
                id=raw.id,
                name=raw.name,
                summary=raw.summary,
                stages=stages,
                strength_days_per_week=raw.strength_days_per_week,
                citation=self._cite(raw.citation, "citation") or "",
            )
        return protocols

    def _gates(self, raws: list[schema.GateModel]) -> dict[str, k.ReturnToRunGate]:
        self.file = "return_to_run.yaml"
        _unique([g.id for g in raws], "gates", self._fail)
        return {
            g.id: k.ReturnToRunGate(
                g.id,
                g.name,
                self._rules(g.criteria, f"gates[{i}].criteria"),
                tuple(k.GateTraining(t.criterion, tuple(t.exercises), t.reps) for t in g.trains),
            )
            for i, g in enumerate(raws)
        }

    def _with_maintenance(
        self, protocols: dict[str, k.Protocol], raw: schema.MaintenanceModel
    ) -> dict[str, k.Protocol]:
        """Every rehab protocol ends with the maintenance protocol's stages: they start when
        `start_when` holds at intake, or when the last rehab stage's exit criteria are met (its
        own `advance_when`, else the shared `advance_when`)."""
        self.file = "return_to_run.yaml"
        if raw.protocol not in protocols:
            raise self._fail("maintenance.protocol", f"unknown protocol '{raw.protocol}'")
        maintenance = protocols[raw.protocol].stages
        start_when = self._when(raw.start_when, "maintenance.start_when")
        exit_rules = self._rules(raw.advance_when, "maintenance.advance_when")
        return {
            pid: p if pid == raw.protocol else _ending_with(p, maintenance, start_when, exit_rules)
            for pid, p in protocols.items()
        }

    def _stage(self, raw: schema.StageModel, key: str, exercises: dict[str, k.Exercise]) -> k.Stage:
        for i, p in enumerate(raw.prescriptions):
            if p.exercise not in exercises:
                raise self._fail(
                    f"{key}.prescriptions[{i}].exercise", f"unknown exercise '{p.exercise}'"
                )
        return k.Stage(
            number=raw.number,
            id=raw.id,
            name=raw.name,
            goal=raw.goal,
            prescriptions=tuple(
                k.Prescription(p.exercise, p.session, p.why, p.from_week) for p in raw.prescriptions
            ),
            running=k.RunPolicy(**raw.running.model_dump()),
            min_weeks=raw.min_weeks,
            start_when=self._when(raw.start_when, f"{key}.start_when"),
            advance_when=self._rules(raw.advance_when, f"{key}.advance_when"),
            pain_limit=raw.pain_limit,
            run_pain_limit=raw.pain_limit if raw.run_pain_limit is None else raw.run_pain_limit,
            citation=self._cite(raw.citation, f"{key}.citation") or "",
            evidence=k.Evidence(raw.evidence),
        )

    def _conditions(
        self,
        protocols: dict[str, k.Protocol],
        education: dict[str, k.EducationCard],
        questionnaires: dict[str, Questionnaire],
        gates: dict[str, k.ReturnToRunGate],
    ) -> dict[str, k.Condition]:
        conditions: dict[str, k.Condition] = {}
        for name in self._files("conditions"):
            raw = self._read(name, schema.ConditionModel)
            if raw.id in conditions:
                raise self._fail("id", f"duplicate condition id '{raw.id}'")
            if raw.pathway in k.PLAN_PATHWAYS and raw.protocol not in protocols:
                raise self._fail(
                    "protocol",
                    f"{raw.pathway} condition needs a known protocol, got {raw.protocol!r}",
                )
            if raw.pathway == "rehab" and raw.return_to_run_gate not in gates:
                raise self._fail(
                    "return_to_run_gate",
                    f"rehab condition needs a gate of return_to_run.yaml, "
                    f"got {raw.return_to_run_gate!r}",
                )
            for i, card in enumerate(raw.education):
                if card not in education:
                    raise self._fail(f"education[{i}]", f"unknown education card '{card}'")
            for i, wanted in enumerate(raw.questionnaires):
                if wanted not in questionnaires:
                    raise self._fail(f"questionnaires[{i}]", f"unknown questionnaire '{wanted}'")
            conditions[raw.id] = self._condition(raw)
        return conditions

    def _condition(self, raw: schema.ConditionModel) -> k.Condition:
        indicators = tuple(
            k.Indicator(self._when(ind.when, f"indicators[{i}].when"), ind.weight, ind.says)
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
            verdict_rules=self._rules(raw.verdict_rules, "verdict_rules"),
            modifications=self._rules(raw.modifications, "modifications"),
            protocol=raw.protocol,
            education=tuple(raw.education),
            recheck_days=raw.recheck_days,
            citation=self._cite(raw.citation, "citation") or "",
            questionnaires=tuple(raw.questionnaires),
            return_to_run_gate=raw.return_to_run_gate,
            monitoring_task=raw.monitoring_task,
        )

    def _red_flags(
        self, conditions: dict[str, k.Condition]
    ) -> tuple[tuple[k.RedFlag, ...], k.Rule]:
        """Every file of `red_flags/`, in file order; ids are unique across the folder."""
        flags = []
        for name in self._files("red_flags"):
            raw = self._read(name, schema.RedFlagsFile)
            for i, flag in enumerate(raw.red_flags):
                key = f"red_flags[{i}]"
                if flag.pathway is not None and flag.pathway not in conditions:
                    raise self._fail(f"{key}.pathway", f"unknown condition '{flag.pathway}'")
                rule = self._rule(flag, key)
                flags.append(
                    k.RedFlag(
                        rule, Verdict[flag.verdict], flag.pathway, flag.action, flag.clinician_note
                    )
                )
        self.file = "red_flags"
        _unique([f.rule.id for f in flags], "red_flags", self._fail)
        uncovered = self._read("uncovered_region.yaml", schema.UncoveredRegionFile)
        return tuple(flags), self._rule(uncovered.uncovered_region, "uncovered_region")

    def _pause_rules(self) -> tuple[k.Rule, ...]:
        """`pause_rules.yaml`: rules every condition's verdict obeys (at least PAUSE_RUNNING)."""
        raw = self._read("pause_rules.yaml", schema.PauseRulesFile)
        return self._rules(raw.pause_rules, "pause_rules")

    def _advisories(self, education: dict[str, k.EducationCard]) -> tuple[k.Advisory, ...]:
        """Every file of `advisories/`: advice that joins any verdict without changing it."""
        advisories = []
        for name in self._files("advisories"):
            raw = self._read(name, schema.AdvisoriesFile)
            for i, advisory in enumerate(raw.advisories):
                key = f"advisories[{i}]"
                if advisory.verdict is not None:
                    raise self._fail(f"{key}.verdict", "an advisory never sets a verdict")
                for card in advisory.education:
                    if card not in education:
                        raise self._fail(f"{key}.education", f"unknown education card '{card}'")
                rule = self._rule(advisory, key)
                advisories.append(k.Advisory(rule, advisory.action, tuple(advisory.education)))
        self.file = "advisories"
        _unique([a.rule.id for a in advisories], "advisories", self._fail)
        return tuple(advisories)

    def _adaptation(self) -> k.Adaptation:
        raw = self._read("adaptation.yaml", schema.AdaptationFile)
        rules = {}
        for i, rule in enumerate(raw.rules):
            rules[rule.id] = self._rule(rule, f"rules[{i}]", ADAPTATION_PLACEHOLDERS)
        missing = sorted(set(ADAPTATION_RULES) - set(rules))
        if missing:
            raise self._fail("rules", f"missing rules the engine gives as reasons: {missing}")
        return k.Adaptation(
            repeated_fail_count=raw.repeated_fail_count,
            repeated_fail_window=raw.repeated_fail_window,
            no_improvement_days=raw.no_improvement_days,
            baseline_window=raw.baseline_window,
            flare_run_cut=raw.flare_run_cut,
            flare_no_hills_days=raw.flare_no_hills_days,
            flare_settle_days=raw.flare_settle_days,
            load_step_kg=raw.load_step_kg,
            doms_window_days=raw.doms_window_days,
            no_improvement_min_pain=raw.no_improvement_min_pain,
            morning_trend_tolerance=raw.morning_trend_tolerance,
            rules=rules,
        )

    def _verdicts(self) -> dict[Verdict, k.VerdictText]:
        raw = self._read("verdicts.yaml", schema.VerdictsFile)
        missing = [v.name for v in Verdict if v.name not in raw.verdicts]
        if missing:
            raise self._fail("verdicts", f"missing verdicts {missing}")
        return {
            Verdict[name]: k.VerdictText(Verdict[name], t.label, t.meaning, t.today)
            for name, t in raw.verdicts.items()
        }

    def _questionnaires(self) -> dict[str, Questionnaire]:
        found = {}
        for name in self._files("questionnaires"):
            raw = self._read(name, schema.QuestionnaireModel)
            items = tuple(
                self._question_item(item, raw, f"items[{i}]") for i, item in enumerate(raw.items)
            )
            self._check_scoring(raw, items)
            found[raw.id] = Questionnaire(
                id=raw.id,
                name=raw.name,
                stem=raw.stem,
                items=items,
                max_total=raw.max_total,
                higher_is_better=raw.higher_is_better,
                provisional=raw.provisional,
                provisional_note=raw.provisional_note,
                mcid=raw.mcid,
                citation=self._cite(raw.citation, "citation") or "",
                scoring=Scoring(raw.scoring),
                min_total=raw.min_total,
                min_answered=raw.min_answered,
                every_days=raw.every_days,
                recall=raw.recall,
                mcid_citation=self._cite(raw.mcid_citation or raw.citation, "mcid_citation"),
                flags=tuple(self._flag(f, items, f"flags[{i}]") for i, f in enumerate(raw.flags)),
            )
        return found

    def _question_item(
        self, item: schema.QuestionItemModel, q: schema.QuestionnaireModel, key: str
    ) -> QuestionItem:
        labels = item.labels or q.labels
        points = tuple(item.points) or (tuple(sorted(labels)) if labels else ())
        branches = {b: tuple(p) for b, p in item.branches.items()} if item.branches else None
        if sum(bool(x) for x in (points, item.range, branches)) != 1:
            raise self._fail(key, "an item takes exactly one of points, range or branches")
        if item.labels and set(item.labels) != set(points):
            raise self._fail(key, "labels must name exactly the item's points")
        return QuestionItem(
            item.key,
            item.text,
            points,
            item.range,
            branches,
            labels,
            optional=item.optional,
            not_applicable=item.not_applicable,
            named=item.named,
        )

    def _check_scoring(
        self, raw: schema.QuestionnaireModel, items: tuple[QuestionItem, ...]
    ) -> None:
        """A sum must be able to reach its stated range; a mean or a percent of items that
        may be left out needs a minimum number of answers."""
        if raw.scoring == "sum":
            low = sum(i.range[0] if i.range else min(i.points or (0,)) for i in items)
            high = sum(i.highest for i in items)
            if (low, high) != (raw.min_total, raw.max_total):
                raise self._fail(
                    "max_total",
                    f"items add up to {low:g}-{high:g}, not {raw.min_total:g}-{raw.max_total:g}",
                )
        elif any(i.optional or i.not_applicable for i in items) and raw.min_answered is None:
            raise self._fail("min_answered", "needed when items may be left out")

    def _flag(self, raw: schema.FlagModel, items: tuple[QuestionItem, ...], key: str) -> Flag:
        by_key = {i.key: i for i in items}
        for item_key, points in raw.any_of.items():
            if item_key not in by_key or not set(points) <= set(by_key[item_key].points):
                raise self._fail(key, f"{item_key} {points} is not an item and its points")
        return Flag(raw.id, raw.text, {k: tuple(v) for k, v in raw.any_of.items()})

    def _equipment(self) -> dict[str, frozenset[str]]:
        raw = self._read("equipment.yaml", schema.EquipmentFile)
        missing = {"none", "bands", "dumbbells", "gym"} - set(raw.levels)
        if missing:
            raise self._fail("levels", f"missing levels {sorted(missing)}")
        return {level: frozenset(items) for level, items in raw.levels.items()}

    def _questions(self) -> tuple[k.QuestionGroup, ...]:
        raw = self._read("questions.yaml", schema.QuestionsFile)
        groups = []
        for i, group in enumerate(raw.groups):
            questions = []
            _known_regions(group.only_for_regions, f"groups[{i}].only_for_regions", self._fail)
            for j, q in enumerate(group.questions):
                key = f"groups[{i}].questions[{j}]"
                if q.key not in FACT_NAMES or q.key.startswith("aggravates."):
                    raise self._fail(f"{key}.key", f"unknown answer key '{q.key}'")
                _known_regions(q.only_for_regions, f"{key}.only_for_regions", self._fail)
                if q.required and q.only_for_regions:
                    raise self._fail(key, "a required question is asked in every region")
                questions.append(
                    k.Question(
                        q.key,
                        q.text,
                        q.help,
                        q.kind,
                        tuple(q.choices),
                        q.required,
                        frozenset(q.only_for_regions),
                    )
                )
            groups.append(
                k.QuestionGroup(
                    group.id,
                    group.title,
                    group.intro,
                    tuple(questions),
                    frozenset(group.only_for_regions),
                )
            )
        return tuple(groups)


def _known_regions(
    regions: Iterable[str], key: str, fail: Callable[[str, str], KnowledgeBaseError]
) -> None:
    unknown = sorted(set(regions) - set(REGIONS))
    if unknown:
        raise fail(key, f"unknown region(s) {unknown}")


def _ending_with(
    protocol: k.Protocol,
    maintenance: tuple[k.Stage, ...],
    start_when: Predicate,
    exit_rules: tuple[k.Rule, ...],
) -> k.Protocol:
    *earlier, last = protocol.stages
    last = replace(last, advance_when=last.advance_when or exit_rules)
    first_number = len(protocol.stages) + 1
    appended = tuple(
        replace(
            stage, number=first_number + i, start_when=start_when if i == 0 else stage.start_when
        )
        for i, stage in enumerate(maintenance)
    )
    return replace(protocol, stages=(*earlier, last, *appended))


_FIXED_CATEGORIES = ("warm_up", "soft_tissue", "stretch")


def _progression(ex: schema.ExerciseModel) -> k.Progression:
    """The exercise's own progression, or its category's: the seed programme's rep ladder for
    strength work, the hold ladder for isometrics, a fixed dose for warm-up and mobility drills
    (they do not progress past their purpose), a ramp through its range for the rest."""
    if ex.progression is not None:
        return k.Progression(ex.progression)
    reps = ex.dose is not None and ex.dose.reps is not None
    if ex.category == "strength" and reps:
        return k.Progression.REP_LADDER
    if ex.category == "isometric" and ex.dose is not None and ex.dose.hold_s is not None:
        return k.Progression.ISOMETRIC
    if ex.category in _FIXED_CATEGORIES:
        return k.Progression.FIXED
    return k.Progression.RAMP


def _variation(raw: schema.VariationModel | None) -> k.Variation | None:
    return None if raw is None else k.Variation(raw.name, raw.description, raw.exercise)


def _unique(ids: Sequence[str], key: str, fail: Callable[[str, str], KnowledgeBaseError]) -> None:
    seen: set[str] = set()
    for i, item in enumerate(ids):
        if item in seen:
            raise fail(f"{key}[{i}].id", f"duplicate id '{item}'")
        seen.add(item)
