"""`runrehab import`: files, folders and export zips; duplicates and bad files reported, the
rest stored; a JSON summary for scripts."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import raw_answers
from tests.integration.test_cli import run, write

FILES = Path(__file__).parents[1] / "data" / "activities"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A database with the default runner assessed."""
    env = {"RUNREHAB_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    answers = write(tmp_path, raw_answers(weekly_km_now=20))
    assert run("assess", "--answers", str(answers), "--save", env=env).returncode == 0
    return env


def test_an_export_and_loose_files_import_with_a_summary(
    tmp_path: Path, env: dict[str, str]
) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as z:
        z.write(FILES / "fitparse-garmin-fenix-5-run.fit", "activities/1.fit")
        z.writestr("activities/2.fit.gz", gzip.compress((FILES / "runpandas-run.fit").read_bytes()))
        z.write(FILES / "fitparse-activity-filecrc.fit", "activities/3.fit")
        z.writestr("activities/../../escape.fit", b"x")
    loose = tmp_path / "loose"
    loose.mkdir()
    shutil.copy(FILES / "tcxparser-test.tcx", loose / "a.tcx")
    shutil.copy(FILES / "fitparse-garmin-fenix-5-run.fit", loose / "again.fit")
    result = run("import", str(export), str(loose), "--json", "--workers", "2", env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {i["file"] for i in report["imported"]} == {
        "export.zip:activities/1.fit",
        "export.zip:activities/2.fit",
        str(loose / "a.tcx"),
    }
    assert report["duplicates"] == [
        {"file": str(loose / "again.fit"), "why": "this file was imported before"}
    ]
    failed = {f["file"]: f["reason"] for f in report["failed"]}
    assert "unsafe path" in failed["export.zip:activities/../../escape.fit"]
    assert (
        "CRC" in failed["export.zip:activities/3.fit"]
        or "checksum" in failed["export.zip:activities/3.fit"]
    )
    human = run("import", str(export), env=env)
    assert human.returncode == 0
    assert "Imported 0 activities" in human.stdout
    assert "this file was imported before" in human.stdout


def test_importing_for_a_runner_who_was_never_assessed_is_a_clear_error(tmp_path: Path) -> None:
    fresh = {"RUNREHAB_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    result = run("import", str(FILES / "tcxparser-test.tcx"), env=fresh)
    assert result.returncode == 2
    assert "runrehab assess" in result.stderr


def test_an_import_where_every_file_failed_exits_2_with_each_reason(
    tmp_path: Path, env: dict[str, str]
) -> None:
    broken = tmp_path / "broken.fit"
    broken.write_bytes(b"not a fit file")
    result = run("import", str(broken), env=env)
    assert result.returncode == 2
    assert str(broken) in result.stderr
    assert "not a FIT file" in result.stderr
