"""`runrehab pace` as a user runs it: the JSON contract, the tables, and one-line errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from runrehab.cli.app import app

KEYS = ["1500", "mile", "5k", "10k", "half", "marathon"]
PACES = ["easy", "marathon", "threshold", "interval", "repetition"]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["pace", *args], env={"COLUMNS": "120"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> dict[str, Any]:
    code, out, err = _run(*args, "--json")
    assert code == 0, err
    loaded: dict[str, Any] = json.loads(out)
    return loaded


def test_json_has_exactly_the_promised_keys() -> None:
    out = _json("--distance", "5k", "--time", "20:00")
    assert list(out) == ["vdot", "equivalents_s", "paces_s_per_km", "riegel_s", "easy_zones"]
    assert list(out["equivalents_s"]) == KEYS
    assert list(out["riegel_s"]) == KEYS
    assert list(out["paces_s_per_km"]) == PACES


def test_a_20_minute_5k_is_vdot_49_8_with_its_equivalents_and_paces() -> None:
    out = _json("--distance", "5k", "--time", "20:00")
    equivalents, paces, riegel = out["equivalents_s"], out["paces_s_per_km"], out["riegel_s"]
    assert out["vdot"] == pytest.approx(49.8, abs=0.05)
    assert equivalents["5k"] == 1200.0
    assert equivalents["10k"] == pytest.approx(2487.9, abs=0.1)  # 41:28
    assert riegel["10k"] == pytest.approx(2501.9, abs=0.1)  # 41:42
    fast, slow = paces["easy"]
    assert 290 < fast < slow < 345  # Daniels' VDOT 50 row: 4:56-5:34/km
    assert paces["threshold"] == pytest.approx(256, abs=3)  # VDOT 50 row: 4:15/km
    assert paces["interval"] - paces["repetition"] == pytest.approx(15, abs=0.11)


def test_a_6_minute_mile_gives_the_mile_back_and_the_other_distances() -> None:
    out = _json("--distance", "mile", "--time", "6:00")
    equivalents, riegel = out["equivalents_s"], out["riegel_s"]
    assert out["vdot"] == pytest.approx(48.4, abs=0.05)
    assert equivalents["mile"] == riegel["mile"] == 360.0
    assert equivalents["1500"] < equivalents["mile"] < equivalents["5k"] < equivalents["marathon"]


def test_metres_with_their_unit_and_h_mm_ss_are_accepted() -> None:
    out = _json("--distance", "42195m", "--time", "3:10:49")
    assert out["vdot"] == pytest.approx(50, abs=0.3)  # the table's VDOT 50 marathon


@pytest.mark.parametrize("distance", ["5", "5km", "5k", "5000m", "5 KM"])
def test_a_bare_number_is_kilometres_as_in_log_run(distance: str) -> None:
    assert _json("--distance", distance, "--time", "20:00")["vdot"] == pytest.approx(49.8, abs=0.05)


def test_the_help_states_the_distance_rule() -> None:
    code, out, _ = _run("--help")
    assert code == 0
    assert "A bare number is kilometres" in " ".join(out.replace("│", " ").split())


def test_the_tables_show_vdot_equivalents_paces_and_riegel() -> None:
    code, out, _ = _run("--distance", "5k", "--time", "20:00")
    assert code == 0
    assert "5 km in 20:00: VDOT 49.8" in out
    shown = ["41:28", "41:42", "Riegel", "4:58-5:34/km", "8:00-8:57/mi", "6:52/mi"]
    shown += ["Rehab easy", "5:24-5:53/km", "Daniels easy", "Marathon (M)", "Threshold (T)"]
    shown += ["Interval (I)", "Repetition (R)"]
    assert [text for text in shown if text not in out] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--distance", "5 furlongs", "--time", "20:00"], "--distance: expected a distance"),
        (["--distance", "3000", "--time", "9:00"], "--distance: 3000 is ambiguous"),
        (["--distance", "800m", "--time", "2:00"], "--distance: 800 m is outside"),
        (["--distance", "5k", "--time", "20"], "--time: expected mm:ss or h:mm:ss"),
        (["--distance", "5", "--time", "9" * 400 + ":00:00"], "--time: expected mm:ss"),
        (["--distance", "5", "--time", "٢٠:٠٠"], "--time: expected mm:ss"),
        (["--distance", "5k", "--time", "20:75"], "--time: '20:75': minutes and seconds"),
        (["--distance", "5k", "--time", "11:00"], "--time: 11:00 for 5000 m is faster"),
        (["--distance", "x", "--time", "y"], "--distance: expected a distance"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(args: list[str], message: str) -> None:
    code, out, err = _run(*args)
    assert code == 2
    assert out == ""
    assert err.startswith(f"error: {message}")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_both_bad_fields_are_named_on_the_one_line() -> None:
    _, _, err = _run("--distance", "x", "--time", "y")
    assert err.index("--distance:") < err.index("; --time:")
