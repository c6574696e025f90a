"""`runrehab import` says which files did not name their sport, what each was taken for and why,
and prints the command that answers for it; `runrehab activity confirm` answers, idempotently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import raw_answers
from tests.integration.test_cli import run, write

FILES = Path(__file__).parents[1] / "data" / "activities"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {"RUNREHAB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    answers = write(tmp_path, raw_answers(weekly_km_now=20))
    assert run("assess", "--answers", str(answers), "--save", env=env).returncode == 0
    return env


def _other(tmp_path: Path) -> Path:
    """A real Garmin run whose TCX says Sport="Other"."""
    path = tmp_path / "garmin.tcx"
    text = (FILES / "runpandas-run_garmin.tcx").read_text(encoding="utf-8")
    path.write_text(text.replace('Sport="Running"', 'Sport="Other"'), encoding="utf-8")
    return path


def test_the_import_summary_names_a_likely_run_and_the_command_to_confirm_it(
    tmp_path: Path, env: dict[str, str]
) -> None:
    result = run("import", str(_other(tmp_path)), str(FILES / "runpandas-nike_run.gpx"), env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert (
        "2 files did not say the sport, so it was guessed from the pace: 2 likely runs, counted "
        "in the training load until you say otherwise." in out
    )
    assert "garmin.tcx: likely run (12 of 13 moving minutes at running pace" in out
    ids = [line.split()[-1] for line in out.splitlines() if line.strip().startswith("confirm:")]
    assert len(ids) == 2
    assert f"not a run: runrehab activity confirm {ids[0]} --not-run" in out


def test_confirming_from_the_cli_twice_gives_one_answer_and_a_later_answer_wins(
    tmp_path: Path, env: dict[str, str]
) -> None:
    report = json.loads(run("import", str(_other(tmp_path)), "--json", env=env).stdout)
    [guessed] = report["guessed"]
    assert (guessed["guess"], guessed["sport"]) == ("likely_run", "running")
    for _ in range(2):
        answered = run("activity", "confirm", guessed["id"], "--not-run", "--json", env=env)
        assert answered.returncode == 0, answered.stderr
        row = json.loads(answered.stdout)
        assert (row["sport"], row["sport_confirmed"]) == ("other", True)
    human = run("activity", "confirm", guessed["id"], env=env)
    assert human.stdout.strip() == "2018-11-25, 2.15 km: a run: counted in the training load."
    unknown = run("activity", "confirm", "no-such-id", env=env)
    assert (unknown.returncode, unknown.stderr.strip()) == (2, "error: no such activity")


def test_activity_show_gives_the_guess_for_a_file_without_a_sport(tmp_path: Path) -> None:
    result = run("activity", "show", str(_other(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert "other (not in the file): likely run" in " ".join(result.stdout.split())
