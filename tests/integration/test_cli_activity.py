"""`runrehab activity show` as a user runs it: JSON keys and values, one-line errors, exit 2."""

from __future__ import annotations

import gzip
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runrehab.adapters.activities import MAX_FILE_BYTES
from runrehab.cli.app import app

FILES = Path(__file__).parents[1] / "data" / "activities"
KEYS = [
    "sport",
    "start_time",
    "distance_m",
    "timer_s",
    "elapsed_s",
    "records",
    "avg_hr",
    "max_hr",
    "ascent_m",
    "laps",
    "clock_unset",
    "device",
]


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str) -> Ran:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def show_json(path: Path) -> dict[str, object]:
    result = run("activity", "show", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        (
            "fitparse-garmin-fenix-5-run.fit",
            {
                "sport": "running",
                "start_time": "2017-06-11T14:34:09Z",
                "distance_m": 157.56,
                "timer_s": 56.89,
                "elapsed_s": 56.89,
                "records": 21,
                "avg_hr": 90,
                "max_hr": 112,
                "ascent_m": 2.0,
                "laps": 1,
                "clock_unset": False,
                "device": "garmin fenix5",
            },
        ),
        (
            "runpandas-garmin_connect.gpx",
            {
                "sport": "running",
                "start_time": "2018-02-21T14:30:50Z",
                "distance_m": 4.71,
                "timer_s": 2.0,
                "elapsed_s": 2.0,
                "records": 3,
                "avg_hr": 125,
                "max_hr": 130,
                "ascent_m": 0.2,
                "laps": 0,
                "clock_unset": False,
                "device": "Garmin Connect",
            },
        ),
        (
            "tcxparser-test.tcx",
            {
                "sport": "running",
                "start_time": "2012-12-26T21:29:53Z",
                "distance_m": 4686.31,
                "timer_s": 1992.78,
                "elapsed_s": 1992.0,
                "records": 384,
                "avg_hr": 157,
                "max_hr": 189,
                "ascent_m": 153.81,
                "laps": 3,
                "clock_unset": False,
                "device": "Forerunner 410 Software Version 2.20",
            },
        ),
        (
            "fitparse-compressed-speed-distance.fit",
            {"start_time": None, "clock_unset": True, "records": 755, "laps": 11},
        ),
    ],
)
def test_show_json_gives_the_summary_keys_and_values(
    file: str, expected: dict[str, object]
) -> None:
    data = show_json(FILES / file)
    assert list(data) == KEYS
    assert {key: data[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        ("fitparse-activity-filecrc.fit", "checksum mismatch"),
        ("fitparse-activity-unexpected-eof.fit", "truncated"),
        ("runpandas-malformed.tcx", "not well-formed XML"),
    ],
)
def test_a_corrupt_file_exits_2_with_one_line(file: str, reason: str) -> None:
    path = FILES / file
    result = run("activity", "show", str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {path}: ")
    assert reason in lines[0]


@pytest.mark.parametrize(
    "file",
    [
        "fitparse-garmin-fenix-5-run.fit",
        "runpandas-stopped_example.gpx",
        "runpandas-run_garmin.tcx",
    ],
)
def test_a_gzipped_copy_reads_the_same(tmp_path: Path, file: str) -> None:
    packed = tmp_path / f"{file}.gz"
    packed.write_bytes(gzip.compress((FILES / file).read_bytes()))
    assert show_json(packed) == show_json(FILES / file)


def test_an_xml_bomb_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.gpx"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&b;</name></trk></gpx>',
        encoding="utf-8",
    )
    result = run("activity", "show", str(bomb))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: {bomb}: XML with a DOCTYPE or entity declarations is refused "
        "(not needed by GPX or TCX)"
    ]


def test_an_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    huge = tmp_path / "huge.fit"
    with huge.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_FILE_BYTES + 1)
    result = run("activity", "show", str(huge))
    assert result.returncode == 2
    assert "larger than 50 MB" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("name", ["missing.fit", "folder"])
def test_a_path_that_is_not_a_readable_file_exits_2(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    result = run("activity", "show", str(tmp_path / name))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1


def test_show_without_json_is_a_readable_summary(tmp_path: Path) -> None:
    copy = tmp_path / "run.fit"
    shutil.copy(FILES / "runpandas-run.fit", copy)
    result = run("activity", "show", str(copy))
    assert result.returncode == 0, result.stderr
    for text in ("running", "2019-09-14 15:22:05 UTC", "5.84 km", "52:45", "130 average"):
        assert text in result.stdout


def test_show_says_when_the_device_clock_was_not_set() -> None:
    result = run("activity", "show", str(FILES / "fitparse-compressed-speed-distance.fit"))
    assert result.returncode == 0, result.stderr
    assert "clock was not set" in result.stdout
