"""`runrehab demo`: a sample runner with proximal hamstring tendinopathy, assessed and planned."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources

from rich.console import Console
from rich.rule import Rule

from runrehab.cli.render import render_assessment, render_plan
from runrehab.domain.assessment import assess
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.schemas.answers import parse_answers

SAMPLE = "pht_runner.json"


def run_demo(console: Console, kb: KnowledgeBase) -> None:
    raw = json.loads((resources.files("runrehab.cli") / "samples" / SAMPLE).read_text("utf-8"))
    answers = parse_answers(raw, SAMPLE)
    today = date.today()
    monday = today + timedelta(days=-today.weekday() % 7)
    console.print(Rule("runrehab demo: a runner with pain at the sit bone for 10 weeks"))
    assessment = assess(answers, kb, today)
    render_assessment(console, assessment, kb)
    console.print(Rule("The first two weeks of the plan"))
    render_plan(console, build_plan(assessment, answers, RunnerProfile(), kb, monday, 2), kb)
    console.print(Rule())
    console.print(
        "Try it yourself: [bold]runrehab assess[/bold] (interactive) or "
        f"[bold]runrehab plan --answers src/runrehab/cli/samples/{SAMPLE} "
        f"--start {monday.isoformat()} --weeks 6 --ics plan.ics[/bold]"
    )
