"""A race as typed: named or metric distances, mm:ss or h:mm:ss times, and every problem named."""

from __future__ import annotations

import pytest

from runrehab.domain.errors import InvalidInputError
from runrehab.schemas.race import parse_distance_m, parse_duration_s, parse_race


def _wheres(error: pytest.ExceptionInfo[InvalidInputError]) -> list[str]:
    return [problem.where for problem in error.value.problems]


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("1500", 1500),
        ("mile", 1609.344),
        ("5k", 5000),
        ("10K", 10_000),
        ("half", 21097.5),
        (" Marathon ", 42195),
        ("3000", 3000),
        ("21097.5", 21097.5),
    ],
)
def test_a_distance_is_a_name_or_plain_metres(text: str, metres: float) -> None:
    assert parse_distance_m(text) == pytest.approx(metres)


@pytest.mark.parametrize("text", ["5 km", "5km", "3000m", "-5000", "", "ultra", "1e4"])
def test_any_other_distance_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(InvalidInputError, match="1500, mile, 5k, 10k, half, marathon") as error:
        parse_distance_m(text)
    assert _wheres(error) == ["distance"]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("20:00", 1200),
        ("6:00", 360),
        ("4:05.3", 245.3),
        ("75:30", 4530),
        ("1:31:35", 5495),
        ("10:00:00", 36_000),
        (" 19:57 ", 1197),
    ],
)
def test_a_time_is_mm_ss_or_h_mm_ss(text: str, seconds: float) -> None:
    assert parse_duration_s(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("20", "expected mm:ss or h:mm:ss"),
        ("20:0", "expected mm:ss or h:mm:ss"),
        ("1:5:00", "expected mm:ss or h:mm:ss"),
        ("20min", "expected mm:ss or h:mm:ss"),
        ("-20:00", "expected mm:ss or h:mm:ss"),
        ("20:60", "below 60"),
        ("1:60:00", "below 60"),
        ("0:00", "longer than zero"),
    ],
)
def test_any_other_time_is_refused_saying_why(text: str, reason: str) -> None:
    with pytest.raises(InvalidInputError, match=reason) as error:
        parse_duration_s(text)
    assert _wheres(error) == ["time"]


def test_a_race_reports_both_fields_at_once() -> None:
    with pytest.raises(InvalidInputError) as error:
        parse_race("5 km", "twenty minutes")
    assert _wheres(error) == ["distance", "time"]
    assert error.value.source == "race"


@pytest.mark.parametrize(
    ("distance", "time", "where", "reason"),
    [
        ("800", "2:00", "distance", "between 1500 m and the marathon"),
        ("5k", "11:00", "time", "faster than the men's world record"),
        ("5k", "2:00:00", "time", "slower than 20:00/km"),
    ],
)
def test_a_well_typed_but_implausible_race_is_refused_by_field(
    distance: str, time: str, where: str, reason: str
) -> None:
    with pytest.raises(InvalidInputError, match=reason) as error:
        parse_race(distance, time)
    assert _wheres(error) == [where]


def test_a_good_race_parses() -> None:
    race = parse_race("5k", "20:00")
    assert (race.distance_m, race.duration_s) == (5000, 1200)
