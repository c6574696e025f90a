"""A broken knowledge-base file stops start-up with file, key and reason; the shipped one loads."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from runrehab.domain.errors import KnowledgeBaseError
from runrehab.knowledge.loader import default_data_dir, load_knowledge_base


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(default_data_dir(), copy)
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1))


BROKEN: dict[str, tuple[Callable[[Path], None], str, str, str]] = {
    "invalid YAML": (
        lambda d: (d / "dosage.yaml").write_text("max_sets: [3\n"),
        "dosage.yaml",
        "-",
        "invalid YAML",
    ),
    "unknown key": (
        lambda d: _edit(d / "dosage.yaml", "max_sets: 3", "max_sets: 3\nmax_set: 4"),
        "dosage.yaml",
        "max_set",
        "Extra inputs",
    ),
    "wrong type": (
        lambda d: _edit(d / "dosage.yaml", "max_sets: 3", 'max_sets: "3"'),
        "dosage.yaml",
        "max_sets",
        "integer",
    ),
    "triage reasons out of severity order": (
        lambda d: _edit(d / "triage.yaml", "reason: no_checkin", "reason: low_adherence"),
        "triage.yaml",
        "triage",
        "in this order",
    ),
    "a triage threshold below zero": (
        lambda d: _edit(d / "triage.yaml", "threshold: 7", "threshold: -7"),
        "triage.yaml",
        "triage.4.threshold",
        "greater than or equal to 0",
    ),
    "unknown citation": (
        lambda d: _edit(
            d / "red_flags" / "core.yaml", "citation: ces_refs", "citation: nobody2099"
        ),
        "red_flags/core.yaml",
        "red_flags[0].citation",
        "unknown citation 'nobody2099'",
    ),
    "unknown fact in a rule": (
        lambda d: _edit(
            d / "red_flags" / "core.yaml",
            "{fact: saddle_numbness, is: true}",
            "{fact: saddle_numbnes, is: true}",
        ),
        "red_flags/core.yaml",
        "red_flags[0].when.any[0]",
        "unknown fact 'saddle_numbnes'",
    ),
    "unknown operator": (
        lambda d: _edit(
            d / "red_flags" / "core.yaml",
            "{fact: saddle_numbness, is: true}",
            "{fact: saddle_numbness, equals: true}",
        ),
        "red_flags/core.yaml",
        "red_flags[0].when.any[0]",
        "unknown operator 'equals'",
    ),
    "protocol names a missing exercise": (
        lambda d: _edit(
            d / "protocols" / "pht_goom_staged.yaml",
            "exercise: prone_isometric_knee_bend",
            "exercise: prone_isometric_knee_bent",
        ),
        "protocols/pht_goom_staged.yaml",
        "stages[0].prescriptions[1].exercise",
        "unknown exercise",
    ),
    "strength dose above 3 x 10": (
        lambda d: _edit(d / "exercises" / "strengthening.yaml", "reps: [6, 10]", "reps: [6, 12]"),
        "exercises",
        "single_leg_bridge.dose",
        "may not exceed 3 x 10",
    ),
    "a red flag that would allow running": (
        lambda d: _edit(
            d / "red_flags" / "nerves.yaml",
            "verdict: SEE_CLINICIAN\n    pathway: lumbar",
            "verdict: RUN_MODIFIED\n    pathway: lumbar",
        ),
        "red_flags",
        "radicular_features",
        "a red flag must refer",
    ),
    "a pause rule that would allow running": (
        lambda d: _edit(d / "pause_rules.yaml", "verdict: PAUSE_RUNNING", "verdict: RUN_OK"),
        "pause_rules.yaml",
        "pause_rules.0.verdict",
        "PAUSE_RUNNING",
    ),
    "a score term without points": (
        lambda d: _edit(
            d / "red_flags" / "lower_leg.yaml",
            "{when: {fact: previous_dvt, is: true}, points: 1}",
            "{when: {fact: previous_dvt, is: true}}",
        ),
        "red_flags/lower_leg.yaml",
        "red_flags[0].when.all[1].score[7]",
        "a score term is {when: P, points: N}",
    ),
    "a required question asked in some regions only": (
        lambda d: _edit(
            d / "questions.yaml",
            "{key: rest_pain, kind: bool, required: true,",
            "{key: rest_pain, kind: bool, required: true, only_for_regions: [shin],",
        ),
        "questions.yaml",
        "groups[4].questions[4]",
        "a required question is asked in every region",
    ),
    "a question for an unknown region": (
        lambda d: _edit(
            d / "questions.yaml",
            "only_for_regions: [shin, calf, ankle, midfoot, forefoot]",
            "only_for_regions: [shin, elbow]",
        ),
        "questions.yaml",
        "groups[9].questions[5].only_for_regions",
        "unknown region(s) ['elbow']",
    ),
    "stretching in a warm-up": (
        lambda d: _edit(
            d / "protocols" / "pht_goom_staged.yaml",
            "{exercise: hip_openers, session: warm_up",
            "{exercise: post_run_static_hamstring_stretch, session: warm_up",
        ),
        "protocols/pht_goom_staged.yaml",
        "pht_isometric.post_run_static_hamstring_stretch",
        "only ever prescribed after a run",
    ),
    "strength ladder starting too high": (
        lambda d: _edit(d / "dosage.yaml", "  - [1, 6]\n", "  - [2, 10]\n"),
        "dosage.yaml",
        "strength_ladder[0]",
        "must start at 6-8 reps x 1-2 sets",
    ),
    "missing file": (
        lambda d: (d / "verdicts.yaml").unlink(),
        "verdicts.yaml",
        "-",
        "file is missing",
    ),
    "condition without a final catch-all rule": (
        lambda d: _edit(
            d / "conditions" / "hamstring_strain.yaml",
            "  - id: hsi_protect_phase_one\n    when: always",
            "  - id: hsi_protect_phase_one\n    when: {fact: pain_rest, gte: 0}",
        ),
        "conditions/hamstring_strain.yaml",
        "verdict_rules",
        "must be 'when: always'",
    ),
    "rehab condition without a return-to-run gate": (
        lambda d: _edit(
            d / "conditions" / "hamstring_strain.yaml", "return_to_run_gate: jog_test\n", ""
        ),
        "conditions/hamstring_strain.yaml",
        "return_to_run_gate",
        "rehab condition needs a gate of return_to_run.yaml",
    ),
    "maintenance protocol that does not exist": (
        lambda d: _edit(d / "return_to_run.yaml", "protocol: prevention", "protocol: upkeep"),
        "return_to_run.yaml",
        "maintenance.protocol",
        "unknown protocol 'upkeep'",
    ),
    "the same citation id in two files": (
        lambda d: (d / "citations" / "zz_copy.yaml").write_text(
            "citations: [{id: goom2016, text: a second Goom}]\n"
        ),
        "citations/zz_copy.yaml",
        "citations[0].id",
        "duplicate citation id 'goom2016'",
    ),
    "the fracture check asked for another region": (
        lambda d: _edit(
            d / "questions.yaml", "only_for_regions: [ankle, midfoot]", "only_for_regions: [ankle]"
        ),
        "questions.yaml",
        "could_take_4_steps_right_after",
        "must be asked only for ankle, midfoot",
    ),
    "question group for an unknown answer key": (
        lambda d: _edit(d / "questions.yaml", "{key: tender_navicular,", "{key: tender_navicula,"),
        "questions.yaml",
        "groups[1].questions[5].key",
        "unknown answer key 'tender_navicula'",
    ),
    "a sum questionnaire whose items cannot reach its stated range": (
        lambda d: _edit(d / "questionnaires" / "tsk11.yaml", "min_total: 11", "min_total: 0"),
        "questionnaires/tsk11.yaml",
        "max_total",
        "items add up to 11-44, not 0-44",
    ),
    "an unknown scoring kind": (
        lambda d: _edit(d / "questionnaires" / "psfs.yaml", "scoring: mean", "scoring: median"),
        "questionnaires/psfs.yaml",
        "scoring",
        "'sum', 'mean' or 'percent'",
    ),
    "a mean over optional items without a minimum number of answers": (
        lambda d: _edit(d / "questionnaires" / "psfs.yaml", "min_answered: 3\n", ""),
        "questionnaires/psfs.yaml",
        "min_answered",
        "needed when items may be left out",
    ),
    "a flag on points the item does not have": (
        lambda d: _edit(d / "questionnaires" / "ostrc_o2.yaml", "q1: [25]", "q1: [26]"),
        "questionnaires/ostrc_o2.yaml",
        "flags[0]",
        "q1 [26] is not an item and its points",
    ),
    "item labels that do not name the item's points": (
        lambda d: _edit(
            d / "questionnaires" / "kujala.yaml",
            'labels: {5: "None", 3: "Slight or periodical"',
            'points: [5, 3, 0], labels: {5: "None", 2: "Slight or periodical"',
        ),
        "questionnaires/kujala.yaml",
        "items[0]",
        "labels must name exactly the item's points",
    ),
}


def test_the_shipped_knowledge_base_loads() -> None:
    kb = load_knowledge_base()
    assert kb.version
    assert kb.red_flags
    assert kb.exercises
    assert kb.protocols


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_a_broken_file_names_file_key_and_reason(case: str, data: Path) -> None:
    breaks, file, key, reason = BROKEN[case]
    breaks(data)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(data)
    error = caught.value
    assert (error.file, error.key) == (file, key)
    assert reason in error.reason
