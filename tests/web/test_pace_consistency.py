"""The web's /pace page and `runrehab pace` show the same easy ranges, under the same names, for
the same race: both print `domain.pace.easy_zones`."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from runrehab.cli.app import app as cli
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
