"""No rule reaches the terminal or the CLI's JSON without its evidence label: `assess` for every
clinical vignette, and a saved runner's plan, today, log, plan why and replay, each as text and
as --json (the console is wide, so each rule and its tag share a line)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from runrehab.cli.render import render_assessment
from runrehab.domain.assessment import assess
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.render.serialize import assessment_to_json
from runrehab.schemas.answers import parse_answers
from tests.conftest import raw_answers
from tests.evidence_guard import assert_cli_labelled, assert_json_labelled
from tests.integration.test_cli import run, write

VIGNETTES = Path(__file__).parents[1] / "data" / "vignettes"
WIDE = {"COLUMNS": "1000"}
DAY = date(2026, 12, 1)
FLARE = (
    ("log", "run", "--minutes", "40", "--distance", "6", "--pain-during", "6"),
    ("--pain-after", "5", "--date", "2026-12-02"),
)


@pytest.mark.parametrize("group", sorted(p.stem for p in VIGNETTES.glob("*.yaml")))
def test_assess_labels_every_rule_for_every_vignette(group: str, kb: KnowledgeBase) -> None:
    """`assess` renders as the command does, in-process (the command itself, once, below):
    a knowledge-base load per vignette would take minutes."""
    for vignette in yaml.safe_load((VIGNETTES / f"{group}.yaml").read_text()):
        result = assess(parse_answers(raw_answers(**vignette["answers"]), "t"), kb, DAY)
        console = Console(file=io.StringIO(), width=1000)
        render_assessment(console, result, kb)
        shown = console.file.getvalue()  # type: ignore[attr-defined]
        assert assert_cli_labelled(shown, kb, vignette["name"]) > 0
        assert assert_json_labelled(assessment_to_json(result, kb), vignette["name"]) > 0


def test_the_assess_command_labels_its_rules(tmp_path: Path, kb: KnowledgeBase) -> None:
    answers = str(write(tmp_path, raw_answers(weekly_km_now=20, longest_run_30d_km=8)))
    shown = run("assess", "--answers", answers, "--on", "2026-12-01", env=WIDE)
    assert shown.returncode == 0, shown.stderr
    assert assert_cli_labelled(shown.stdout, kb, "assess") > 0
    as_json = run("assess", "--answers", answers, "--on", "2026-12-01", "--json")
    assert assert_json_labelled(json.loads(as_json.stdout), "assess --json") > 0


def test_a_saved_runner_sees_every_rule_labelled(tmp_path: Path, kb: KnowledgeBase) -> None:
    env = WIDE | {"RUNREHAB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    answers = raw_answers(weekly_km_now=20, longest_run_30d_km=8, pain_during_run=2)
    saved = run(
        "assess",
        "--answers",
        str(write(tmp_path, answers)),
        "--on",
        "2026-12-01",
        "--save",
        env=env,
    )
    assert saved.returncode == 0, saved.stderr
    logged = run(*FLARE[0], *FLARE[1], env=env)
    assert assert_cli_labelled(logged.stdout, kb, "log run") > 0
    again = run(*FLARE[0], *FLARE[1], "--json", env=env)  # the stored decision, read back
    assert assert_json_labelled(json.loads(again.stdout), "log run --json") > 0
    for command, has_rules in (
        (("plan", "show"), True),
        (("plan", "why"), True),
        (("today", "--date", "2026-12-03"), False),  # a running day quotes no rule
    ):
        shown = run(*command, env=env)
        assert shown.returncode == 0, shown.stderr
        assert (assert_cli_labelled(shown.stdout, kb, " ".join(command)) > 0) is has_rules
        as_json = run(*command, "--json", env=env)
        assert_json_labelled(json.loads(as_json.stdout), " ".join(command))


def test_replay_labels_the_engine_s_reasons(tmp_path: Path, kb: KnowledgeBase) -> None:
    answers = write(tmp_path, raw_answers(weekly_km_now=20, longest_run_30d_km=8))
    entries = [
        {"type": "run", "date": "2026-12-02", "minutes": 30, "pain_during": 6, "pain_after": 5},
        {"type": "checkin", "date": "2026-12-03", "monitoring_pain": 5},
    ]
    log = write(tmp_path, "\n".join(json.dumps(e) for e in entries), "log.jsonl")
    args = ("replay", "--answers", str(answers), "--log", str(log))
    shown = run(*args, env=WIDE)
    assert shown.returncode == 0, shown.stderr
    assert assert_cli_labelled(shown.stdout, kb, "replay") > 0
    assert assert_json_labelled(json.loads(run(*args, "--json").stdout), "replay --json") > 0
