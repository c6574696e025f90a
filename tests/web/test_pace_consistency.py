"""The web's /pace page and `runrehab pace` show the same easy ranges, under the same names, for
the same race: both print `domain.pace.easy_zones`; what each zone says about the other is true for
every race; and every example a form's hint gives is one its input accepts."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from runrehab.cli.app import app as cli
from runrehab.domain.errors import InvalidInputError
from runrehab.domain.pace import RaceResult, easy_pace, easy_zones, vdot
from tests.web.conftest import assessed

ZONES = ("Rehab easy", "Daniels easy")
RANGE = r"(\d+:\d{2}-\d+:\d{2}/km)"


def _web(client: TestClient, km: str, time: str) -> dict[str, str]:
    saved = client.post("/pace", data={"distance_km": km, "time": time}, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    html = client.get("/pace").text
    found = dict(re.findall(rf"<dt>([^<]+)</dt><dd><strong[^>]*>{RANGE}</strong>", html))
    api = {z["name"]: z["text"] for z in client.get("/api/v1/pace").json()["zones"]}
    assert found == api
    return found


def _cli(km: str, time: str) -> dict[str, str]:
    ran = CliRunner().invoke(
        cli, ["pace", "--distance", km, "--time", time], env={"COLUMNS": "200"}
    )
    assert ran.exit_code == 0, ran.stderr
    rows = (re.search(rf"│ ({name}) +│ +{RANGE} │", ran.stdout) for name in ZONES)
    return {row[1]: row[2] for row in rows if row}


@pytest.mark.parametrize(
    ("km", "time"),
    [
        ("1.5", "4:30"),  # the shortest race accepted
        ("1.609344", "6:00"),  # the mile
        ("5", "20:00"),
        ("10", "55:30"),
        ("21.0975", "1:45:00"),
        ("42.195", "3:10:49"),
        ("42.6", "5:59:00"),  # a GPS-long marathon, near the slowest accepted
    ],
)
def test_the_page_and_the_command_show_the_same_easy_ranges(
    client: TestClient, km: str, time: str
) -> None:
    assessed(client)
    web, command = _web(client, km, time), _cli(km, time)
    assert list(web) == list(ZONES)
    assert web == command


def test_today_quotes_the_rehab_easy_zone(client: TestClient) -> None:
    assessed(client)
    rehab = _web(client, "5", "20:00")["Rehab easy"]
    assert client.get("/api/v1/today").json()["pace"]["easy_pace"]["text"] == rehab


@settings(max_examples=300, deadline=None)
@given(
    st.floats(1500, 42_700),
    st.floats(150, 1200),  # s/km: from faster than any record to a 20:00/km walk
)
def test_rehab_easy_is_slower_at_both_ends_than_daniels_easy_as_its_words_say(
    distance_m: float, pace_s_per_km: float
) -> None:
    try:
        race = RaceResult(distance_m, distance_m / 1000 * pace_s_per_km)
    except InvalidInputError:
        return  # a race the page refuses shows no zones
    score = vdot(race)
    rehab, daniels = easy_zones(score)
    assert rehab.pace_range == easy_pace(score).slow_half()
    assert "slower at both ends than his table's E range" in rehab.why
    assert "both its ends are faster than rehab easy's" in daniels.why
    assert rehab.pace_range.fast_s_per_km >= daniels.pace_range.fast_s_per_km
    assert rehab.pace_range.slow_s_per_km >= daniels.pace_range.slow_s_per_km
    assert "Daniels' easy effort" not in rehab.why  # the printed E range is not what it halves


class _Form(HTMLParser):
    """Each input's attributes, and the hint its label gives, by the input's id."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: dict[str, dict[str, str | None]] = {}
        self.hints: dict[str, str] = {}
        self._label: str | None = None
        self._in_hint = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("id"):
            self.inputs[str(found["id"])] = found
        elif tag == "label":
            self._label = found.get("for")
        elif tag == "span" and "hint" in (found.get("class") or "").split() and self._label:
            self._in_hint = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._in_hint = False
        elif tag == "label":
            self._label = None

    def handle_data(self, data: str) -> None:
        if self._in_hint and self._label:
            self.hints[self._label] = self.hints.get(self._label, "") + data


def _accepts(attrs: dict[str, str | None], value: str) -> bool:
    """What the browser's constraint validation checks: pattern for text, min/max/step for
    numbers (step from min, or from 0)."""
    if attrs.get("type") != "number":
        pattern = attrs.get("pattern")
        return pattern is None or re.fullmatch(pattern, value) is not None
    number = Decimal(value)
    low, high = attrs.get("min"), attrs.get("max")
    if (low is not None and number < Decimal(low)) or (high is not None and number > Decimal(high)):
        return False
    step = attrs.get("step") or "1"
    if step == "any":
        return True
    base = Decimal(low) if low is not None else Decimal(0)
    return math.isclose(float((number - base) % Decimal(step)), 0.0, abs_tol=1e-9)


def test_every_example_a_pace_form_hint_gives_is_accepted_by_its_input(
    client: TestClient,
) -> None:
    assessed(client)
    form = _Form()
    form.feed(client.get("/pace").text)
    examples = {
        name: [e.strip() for e in hint.split("e.g.", 1)[1].split(",")]
        for name, hint in form.hints.items()
        if "e.g." in hint
    }
    assert set(examples) == {"distance_km", "time"}
    assert "21.0975" in examples["distance_km"]
    for name, values in examples.items():
        for value in values:
            assert _accepts(form.inputs[name], value), (name, value, form.inputs[name])


@pytest.mark.parametrize("time", ["٢٠:٠٠", "9" * 400 + ":00:00", "20:00." + "9" * 400])
def test_the_pace_form_refuses_a_time_not_in_ascii_digits_or_beyond_any_race(
    client: TestClient, time: str
) -> None:
    assessed(client)
    refused = client.post("/pace", data={"distance_km": "5", "time": time}, follow_redirects=False)
    assert refused.status_code == 422
    assert "expected mm:ss or h:mm:ss in digits 0-9" in refused.text
    assert client.get("/api/v1/pace").json()["zones"] == []
