"""The `runrehab` command as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from icalendar import Calendar
from typer.testing import CliRunner

from runrehab.cli.app import app
from runrehab.knowledge.loader import default_data_dir
from tests.conftest import raw_answers


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, env: dict[str, str] | None = None) -> Ran:
    """The CLI in-process (a subprocess costs seconds of imports each); an exception escaping a
    command would be a traceback for the user, so it fails the test."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120", **(env or {})})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "runrehab", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write(tmp_path: Path, data: Any, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_assess_json_has_the_promised_fields(tmp_path: Path) -> None:
    answers = write(
        tmp_path, raw_answers(weekly_km_now=20, pain_during_run=2, longest_run_30d_km=8)
    )
    result = run("assess", "--answers", str(answers), "--json", "--on", "2026-12-01")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["verdict"] == "RUN_MODIFIED"
    assert out["red_flags"] == []
    assert out["likely_conditions"][0]["id"] == "proximal_hamstring_tendinopathy"
    assert out["modifications"]
    assert out["reasons"]
    assert out["today"]
    assert out["disclaimer"]
    assert all(r["citation"]["text"] for r in out["reasons"])


def test_assess_human_output_leads_with_the_verdict(tmp_path: Path) -> None:
    answers = write(tmp_path, raw_answers(saddle_numbness=True))
    result = run("assess", "--answers", str(answers))
    assert result.returncode == 0
    assert result.stdout.index("GET MEDICAL CARE TODAY") < result.stdout.index("Why")


BAD_INPUTS = {
    "missing file": (None, "file not found"),
    "invalid JSON": ("{not json", "invalid JSON"),
    "not an object": ("[1, 2]", "expected a JSON object"),
    "unknown key": (raw_answers(shoe="x"), "shoe: unknown key"),
    "out of range": (
        raw_answers(pain_rest=12),
        "pain_rest: Input should be less than or equal to 10",
    ),
    "wrong type": (raw_answers(felt_pop="no"), "felt_pop: Input should be a valid boolean"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
@pytest.mark.parametrize("command", ["assess", "plan"])
def test_bad_input_is_a_clear_error_with_exit_code_2(
    tmp_path: Path, case: str, command: str
) -> None:
    content, message = BAD_INPUTS[case]
    path = tmp_path / "absent.json" if content is None else write(tmp_path, content)
    extra = ["--start", "2026-12-01"] if command == "plan" else []
    result = run(command, "--answers", str(path), *extra)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    answers = write(tmp_path, raw_answers(pain_rest=12, hop_pain=-1, region="elbow"))
    result = run("assess", "--answers", str(answers))
    assert result.returncode == 2
    assert "3 problem(s)" in result.stderr


def test_bad_dates_and_weeks_are_rejected(tmp_path: Path) -> None:
    answers = write(tmp_path, raw_answers())
    bad_date = run("plan", "--answers", str(answers), "--start", "01/12/2026")
    assert bad_date.returncode == 2
    assert "YYYY-MM-DD" in bad_date.stderr
    bad_weeks = run("plan", "--answers", str(answers), "--start", "2026-12-01", "--weeks", "0")
    assert bad_weeks.returncode == 2


def test_the_installed_entry_point_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    answers = write(tmp_path, raw_answers(pain_rest=12))
    result = run_process("assess", "--answers", str(answers))
    assert result.returncode == 2
    assert "pain_rest" in result.stderr
    assert "Traceback" not in result.stderr


def test_assess_without_answers_and_without_a_terminal_says_what_to_do() -> None:
    result = run_process("assess")
    assert result.returncode == 2
    assert "pass an answers file" in result.stderr


def test_plan_json_and_ics(tmp_path: Path) -> None:
    answers = write(
        tmp_path, raw_answers(weekly_km_now=20, pain_during_run=2, longest_run_30d_km=8)
    )
    profile = write(tmp_path, {"run_days": ["tue", "sat"], "equipment": "bands"}, "profile.json")
    ics = tmp_path / "plan.ics"
    result = run(
        "plan",
        "--answers",
        str(answers),
        "--profile",
        str(profile),
        "--start",
        "2026-11-30",
        "--weeks",
        "4",
        "--json",
        "--ics",
        str(ics),
    )
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert set(plan) >= {"condition", "verdict", "stages", "sessions"}
    run_session = next(s for s in plan["sessions"] if s["kind"] == "run")
    assert set(run_session["run"]) >= {
        "minutes",
        "distance_km",
        "pace",
        "terrain",
        "hills",
        "speedwork",
    }
    assert {s["date"][:10] for s in plan["sessions"] if s["kind"] == "run"} <= {
        d for d in (s["date"] for s in plan["sessions"])
    }
    item = plan["sessions"][0]["items"][0]
    assert set(item) >= {"exercise", "name", "sets", "reps", "hold_s", "pain_limit", "why"}
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == len([s for s in plan["sessions"] if s["kind"] != "rest"])
    again = run(
        "plan",
        "--answers",
        str(answers),
        "--profile",
        str(profile),
        "--start",
        "2026-11-30",
        "--weeks",
        "4",
        "--ics",
        str(ics),
    )
    assert again.returncode == 0
    assert [e["UID"] for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")] == [
        e["UID"] for e in events
    ]


def test_an_unwritable_ics_path_is_a_clear_error(tmp_path: Path) -> None:
    answers = write(tmp_path, raw_answers())
    result = run(
        "plan",
        "--answers",
        str(answers),
        "--start",
        "2026-11-30",
        "--ics",
        str(tmp_path / "no" / "such" / "dir.ics"),
    )
    assert result.returncode == 2
    assert "cannot write" in result.stderr


def test_knowledge_check_reports_a_broken_file_with_exit_code_3(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    (data / "citations" / "core.yaml").write_text("citations: [{id: x}]\n")
    result = run("knowledge", "check", "--data", str(data))
    assert result.returncode == 3
    assert "citations/core.yaml: citations.0.text" in result.stderr
    assert run("knowledge", "check").returncode == 0


def test_the_demo_runs() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    assert "RUN, WITH CHANGES" in result.stdout


def test_interactive_assess_walks_through_every_group() -> None:
    answers = ["buttock_sit_bone", "", "gradual", "60", "", "", ""]  # where, when, age, sex
    answers += ["n", "n", "y", "n"]  # injury moment
    answers += ["y", "n", "n", "n", "", ""]  # nerves and back: saddle numbness!
    answers += ["n"] * 5 + [""]  # general health
    answers += ["n"] * 5  # calf and bone: no blood-clot follow-ups for the sit bone
    answers += [""] * 7 + [""] * 6 + [""] * 8 + [""] * 4  # optional groups skipped
    result = _interview(answers)
    assert "Could it be a fracture?" not in result.output  # asked only of ankle and midfoot
    assert json.loads(result.output[result.output.index("{\n") :])["verdict"] == "REFER_URGENT"


def test_interactive_assess_asks_an_ankle_the_fracture_check_with_unsure() -> None:
    answers = ["ankle", "", "sudden", "2", "rolled_ankle", "", ""]  # where, when, age, sex
    answers += ["y", "y", "n", "n", "unsure", "n"]  # the Ottawa questions
    answers += ["n", "n", "y", "n"] + ["n"] * 4 + ["", ""]  # injury moment, nerves
    answers += ["n"] * 5 + [""] + ["n"] * 4 + [""] * 3 + ["n"]  # general health, calf and bone
    answers += [""] * 4 + [""] * 7 + [""] * 7 + [""] * 8 + [""] * 4  # optional groups skipped
    result = _interview(answers)
    assert "Could it be a fracture?" in result.output
    payload = json.loads(result.output[result.output.index("{\n") :])
    assert payload["verdict"] == "SEE_CLINICIAN"
    assert payload["red_flags"] == ["ottawa_rule_positive_or_unsure"]


def test_interactive_assess_asks_again_for_digits_that_are_not_0_to_9() -> None:
    """`²` passes `str.isdigit()` and `٦٠` passes `int()`: neither is a number typed here."""
    answers = ["²", "buttock_sit_bone", "", "gradual", "٦٠", "6e1", "60", "", "", ""]
    answers += ["n", "n", "y", "n"] + ["y", "n", "n", "n", "", ""] + ["n"] * 5 + [""]
    answers += ["n"] * 5 + [""] * 7 + [""] * 6 + [""] * 8 + [""] * 4
    result = _interview(answers)
    assert "Type a number from 1 to" in result.output
    assert result.output.count("Please type a number.") == 2
    assert json.loads(result.output[result.output.index("{\n") :])["verdict"] == "REFER_URGENT"


def _interview(answers: list[str]) -> Result:
    result = CliRunner().invoke(
        app,
        ["assess", "--json", "--interactive"],
        input="\n".join(answers) + "\n",
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    return result


def test_the_exercise_library_lists_and_explains_every_exercise() -> None:
    listing = run("exercises")
    assert listing.returncode == 0
    assert "nordic_hamstring_curl" in listing.stdout
    one = run("exercises", "nordic_hamstring_curl")
    assert one.returncode == 0
    assert all(
        part in one.stdout
        for part in ("How to do it", "Cues", "Common mistakes", "Easier", "Harder")
    )
    unknown = run("exercises", "moonwalk")
    assert unknown.returncode == 2
    assert "unknown exercise 'moonwalk'" in unknown.stderr


def test_education_cards_can_be_read() -> None:
    card = run("learn", "stretching_and_sitting")
    assert card.returncode == 0
    assert "Source:" in card.stdout
    assert run("learn", "astrology").returncode == 2
