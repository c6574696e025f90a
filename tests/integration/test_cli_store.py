"""The everyday commands against a real database: assess --save, log, today, history, plan
show/why, questionnaires."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import raw_answers
from tests.integration.test_cli import run, write


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    answers = write(
        tmp_path,
        raw_answers(
            weekly_km_now=20,
            longest_run_30d_km=8,
            pain_rest=1,
            pain_during_run=2,
            baseline_morning_pain=2,
        ),
    )
    env = {"RUNREHAB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    saved = run("assess", "--answers", str(answers), "--save", "--on", "2026-12-01", env=env)
    assert saved.returncode == 0, saved.stderr
    return env


def test_commands_before_any_assessment_say_to_assess_first(tmp_path: Path) -> None:
    env = {"RUNREHAB_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    result = run("today", env=env)
    assert result.returncode == 2
    assert "runrehab assess" in result.stderr


def test_a_bad_database_url_is_a_clear_error(tmp_path: Path) -> None:
    result = run("today", env={"RUNREHAB_DATABASE_URL": "mysql://x"})
    assert result.returncode == 2
    assert "RUNREHAB_DATABASE_URL" in result.stderr


def test_log_an_exercise_and_get_the_decision_at_once(env: dict[str, str]) -> None:
    args = (
        "log",
        "exercise",
        "single_leg_bridge",
        "--sets",
        "1",
        "--reps",
        "6",
        "--pain",
        "2",
        "--date",
        "2026-12-01",
        "--id",
        "phone-1",
    )
    first = run(*args, "--json", env=env)
    assert first.returncode == 0, first.stderr
    decision = json.loads(first.stdout)
    assert decision["decision"] == "progress"
    assert decision["next"][0]["reps"] == 8
    again = json.loads(run(*args, "--json", env=env).stdout)
    assert again["duplicate"] is True
    assert again["decision"] == "progress"
    human = run(*args, env=env)
    assert "Already logged" in human.stdout
    assert "Next time: Single-leg bridge: 1 x 8 reps" in human.stdout
    pain = args.index("--pain") + 1
    changed = run(*args[:pain], "6", *args[pain + 1 :], env=env)  # the same id, pain 6 not 2
    assert changed.returncode == 4
    assert "already saved with different values" in changed.stderr
    assert "try again" not in changed.stderr
    assert run(*args, "--json", env=env).returncode == 0  # the stored entry is still pain 2


def test_logging_rejects_unknown_exercises_and_bad_tests(env: dict[str, str]) -> None:
    unknown = run(
        "log", "exercise", "moonwalk", "--sets", "1", "--reps", "6", "--pain", "2", env=env
    )
    assert unknown.returncode == 2
    assert "unknown exercise 'moonwalk'" in unknown.stderr
    bad = run("log", "checkin", "--monitoring-pain", "2", "--test", "drop_lunge", env=env)
    assert bad.returncode == 2
    flag = run("log", "checkin", "--monitoring-pain", "2", "--red-flag", "tired", env=env)
    assert flag.returncode == 2


def test_a_flare_shows_in_today_plan_why_and_history(env: dict[str, str]) -> None:
    run(
        "log",
        "run",
        "--minutes",
        "40",
        "--distance",
        "6",
        "--pain-during",
        "6",
        "--pain-after",
        "5",
        "--date",
        "2026-12-02",
        env=env,
    )
    checkin = run(
        "log",
        "checkin",
        "--monitoring-pain",
        "5",
        "--soreness",
        "3",
        "--date",
        "2026-12-03",
        "--json",
        env=env,
    )
    # the sore morning after the painful run is the same flare-up: running was cut once, not twice
    decided = json.loads(checkin.stdout)
    assert decided["decision"] == "hold"
    assert "flare_same_event" in {r["rule"] for r in decided["reasons"]}
    why = run("plan", "why", "--json", env=env)
    versions = json.loads(why.stdout)
    assert [v["author"] for v in versions] == ["engine"] * len(versions)
    assert "Running pain reached 6/10" in versions[1]["reason"]
    today = run("today", "--date", "2026-12-04", "--json", env=env)
    assert today.returncode == 0
    assert all(not (s["run"] or {}).get("hills") for s in json.loads(today.stdout))
    history = run("history", env=env)
    assert "morning check-in" in history.stdout
    assert "Pain over time" in history.stdout
    shown = run("plan", "show", "--date", "2026-12-04", "--json", env=env)
    assert json.loads(shown.stdout)["sessions"]


def test_today_shows_doses_pain_limits_and_form_cues(env: dict[str, str]) -> None:
    result = run("today", "--date", "2026-12-02", env=env)  # a Wednesday: strength
    assert result.returncode == 0, result.stderr
    assert "3/10" in result.stdout
    assert "Single-leg bridge" in result.stdout


def test_questionnaires_are_scored_stored_and_trended(env: dict[str, str], tmp_path: Path) -> None:
    lefs = write(tmp_path, {f"q{i}": 3 for i in range(1, 21)}, "lefs.json")
    scored = run(
        "questionnaire", "lefs", "--answers", str(lefs), "--date", "2026-12-01", "--json", env=env
    )
    first = json.loads(scored.stdout)
    assert {k: first[k] for k in ("questionnaire", "score", "max", "provisional")} == {
        "questionnaire": "lefs",
        "score": 60,
        "max": 80,
        "provisional": False,
    }
    assert (first["mcid"], first["interpretation"]) == (9, "first")
    visa = write(
        tmp_path,
        {**{f"q{i}": 6 for i in range(1, 7)}, "q7": 7, "q8": {"branch": "B", "points": 14}},
        "visa.json",
    )
    visa_scored = json.loads(
        run(
            "questionnaire",
            "visa_h",
            "--answers",
            str(visa),
            "--date",
            "2026-12-15",
            "--json",
            env=env,
        ).stdout
    )
    assert visa_scored["score"] == 57
    assert visa_scored["provisional"] is True
    trend = json.loads(run("questionnaire", "trend", "--json", env=env).stdout)
    assert [t["questionnaire"] for t in trend] == ["lefs", "visa_h"]
    bad = write(tmp_path, {"q1": 5}, "bad.json")
    rejected = run("questionnaire", "lefs", "--answers", str(bad), env=env)
    assert rejected.returncode == 2
    assert "q2: not answered" in rejected.stderr


def test_a_lower_is_better_score_is_read_against_its_mic_in_the_cli(
    env: dict[str, str], tmp_path: Path
) -> None:
    """TSK-11 (Woby 2005): 11-44, more fear is worse, a 4-point fall matters."""
    for day, answer in (("2026-12-01", 3), ("2026-12-08", 2)):
        answers = write(tmp_path, {f"q{i}": answer for i in range(1, 12)}, f"tsk-{day}.json")
        shown = run("questionnaire", "tsk11", "--answers", str(answers), "--date", day, env=env)
        assert shown.returncode == 0, shown.stderr
    assert "22 of 11-44" in shown.stdout
    assert "-11 since the score before: better by at least the minimal important" in " ".join(
        shown.stdout.split()
    )
    trend = run("questionnaire", "trend", env=env).stdout
    assert "tsk11" in trend


def test_the_worker_sends_the_outbox_once_and_stops(env: dict[str, str]) -> None:
    result = run("worker", "--once", env=env)
    assert result.returncode == 0, result.stderr


def test_a_check_in_records_the_return_to_run_tests(env: dict[str, str]) -> None:
    logged = run(
        "log",
        "checkin",
        "--monitoring-pain",
        "2",
        "--hop-pain",
        "1",
        "--calf-raises",
        "25",
        "--test",
        "brisk_walk_30min_pain_free=yes",
        "--date",
        "2026-12-02",
        "--json",
        env=env,
    )
    assert logged.returncode == 0, logged.stderr
    assert (
        run("log", "checkin", "--monitoring-pain", "2", "--hop-pain", "12", env=env).returncode == 2
    )
