"""One reading of a distance in every command, and a clear next step when nothing was saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import raw_answers
from tests.integration.test_cli import run, write


@pytest.fixture
def saved(tmp_path: Path) -> dict[str, str]:
    """A runner assessed and saved on 2026-12-01; the environment that points at their database."""
    answers = write(tmp_path, raw_answers(weekly_km_now=20, longest_run_30d_km=8))
    db = {"RUNREHAB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = run("assess", "--answers", str(answers), "--save", "--on", "2026-12-01", env=db)
    assert done.returncode == 0, done.stderr
    return db


def _flat(text: str) -> str:
    """Rich's help boxes wrap and frame text: compare words only."""
    return " ".join(text.replace("│", " ").split())


def _run_km(saved: dict[str, str], distance: str) -> float:
    args = ["log", "run", "--minutes", "30", "--pain-during", "1", "--pain-after", "1"]
    logged = run(*args, "--distance", distance, "--date", "2026-12-02", env=saved)
    assert logged.returncode == 0, logged.stderr
    shown = run("history", env=saved).stdout
    return float(shown.split(" km")[0].split(", ")[-1])


@pytest.mark.parametrize(
    ("distance", "km"), [("5", 5.0), ("5km", 5.0), ("5k", 5.0), ("5000m", 5.0), ("3.1mi", 5.0)]
)
def test_log_run_reads_a_bare_number_as_kilometres_like_pace(
    saved: dict[str, str], distance: str, km: float
) -> None:
    assert _run_km(saved, distance) == pytest.approx(km, abs=0.02)


def test_log_run_refuses_an_ambiguous_distance_naming_both_readings(
    saved: dict[str, str],
) -> None:
    args = ["log", "run", "--minutes", "30", "--pain-during", "1", "--pain-after", "1"]
    refused = run(*args, "--distance", "5000", env=saved)
    assert refused.returncode == 2
    assert "--distance: 5000 is ambiguous" in refused.stderr
    assert "for metres write 5000m, for kilometres 5000km" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize("command", [("log", "run"), ("pace",)])
def test_both_commands_state_the_same_distance_rule_in_their_help(command: tuple[str, ...]) -> None:
    shown = _flat(run(*command, "--help").stdout)
    assert "A bare number is kilometres (5, 21.1); or give the unit (5km, 3000m, 3.1mi)" in shown


def test_today_after_an_unsaved_assessment_says_to_use_save(tmp_path: Path) -> None:
    answers = write(tmp_path, raw_answers())
    env = {"RUNREHAB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    shown = run("assess", "--answers", str(answers), "--on", "2026-12-01", env=env)
    assert shown.returncode == 0, shown.stderr
    exact = f"runrehab assess --answers {answers} --save --on 2026-12-01"
    assert exact in _flat(shown.stderr)
    today = run("today", env=env)
    assert today.returncode == 2
    assert "runrehab assess --answers FILE --save" in _flat(today.stderr)
    saved = run(*exact.split()[1:], env=env)
    assert saved.returncode == 0, saved.stderr
    assert run("today", "--date", "2026-12-01", env=env).returncode == 0


def test_an_explicit_no_save_is_not_nagged(tmp_path: Path) -> None:
    answers = write(tmp_path, raw_answers())
    shown = run("assess", "--answers", str(answers), "--no-save", "--json")
    assert shown.returncode == 0
    assert "Not saved" not in shown.stderr
    json.loads(shown.stdout)
