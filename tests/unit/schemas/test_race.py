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
        ("1500m", 1500),
        ("mile", 1609.344),
        ("5k", 5000),
        ("10K", 10_000),
        ("half", 21097.5),
        (" Marathon ", 42195),
        ("3000m", 3000),
        ("3000 M", 3000),
        ("5", 5000),
        ("21.0975", 21097.5),
        ("5km", 5000),
        ("5 km", 5000),
        ("3.1mi", 3.1 * 1609.344),
        (".8", 800),
    ],
)
def test_a_distance_is_a_name_a_number_with_its_unit_or_bare_kilometres(
    text: str, metres: float
) -> None:
    assert parse_distance_m(text) == pytest.approx(metres)


@pytest.mark.parametrize(
    "text",
    ["-5000", "", "ultra", "1e4", "5 miles", "0", "0km", "٥", "٥km", "5²", "9" * 400 + "m"],
)
def test_any_other_distance_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        parse_distance_m(text)
    assert _wheres(error) == ["distance"]


@pytest.mark.parametrize("text", ["1500", "3000", "21097.5", "42195"])
def test_a_bare_number_of_a_thousand_or_more_is_refused_as_ambiguous(text: str) -> None:
    with pytest.raises(InvalidInputError, match=f"ambiguous.*{text}m.*{text}km") as error:
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
        ("٢٠:٠٠", "expected mm:ss or h:mm:ss in digits 0-9"),
        ("２０:００", "expected mm:ss or h:mm:ss in digits 0-9"),
        ("9" * 400 + ":00:00", "expected mm:ss or h:mm:ss"),
        ("9" * 400 + ":00", "expected mm:ss or h:mm:ss"),
        ("20:00." + "9" * 400, "expected mm:ss or h:mm:ss"),
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
        parse_race("5 furlongs", "twenty minutes")
    assert _wheres(error) == ["distance", "time"]
    assert error.value.source == "race"


@pytest.mark.parametrize(
    ("distance", "time", "where", "reason"),
    [
        ("800m", "2:00", "distance", "between 1500 m and the marathon"),
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
