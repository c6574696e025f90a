"""The one-pass FIT CRC check: it agrees with fitdecode's CRC, passes whole files (chained ones
too) and leaves everything it cannot vouch for to fitdecode's own check."""

from __future__ import annotations

from pathlib import Path

import pytest
from fitdecode.utils import compute_crc

from runrehab.adapters.activities.fit_crc import crc16, crcs_verified

FILES = Path(__file__).parents[2] / "data" / "activities"
GOOD = [
    "fitparse-garmin-fenix-5-run.fit",
    "fitparse-compressed-speed-distance.fit",
    "fitparse-developer-types-sample.fit",
    "runpandas-run.fit",
]
FIT = (FILES / GOOD[0]).read_bytes()


@pytest.mark.parametrize("name", GOOD)
def test_a_whole_fit_file_with_matching_crcs_is_verified(name: str) -> None:
    data = (FILES / name).read_bytes()
    assert crc16(data[:-2]) == compute_crc(data[:-2]) == int.from_bytes(data[-2:], "little")
    assert crcs_verified(data)


def test_chained_fit_files_are_verified_each_with_its_own_crc() -> None:
    assert crcs_verified(FIT + FIT)


@pytest.mark.parametrize(
    "data",
    [
        (FILES / "fitparse-activity-filecrc.fit").read_bytes(),  # a real file with a wrong CRC
        (FILES / "fitparse-activity-unexpected-eof.fit").read_bytes(),
        FIT[:-1],  # truncated
        FIT + b"\0",  # trailing bytes
        FIT[:100] + bytes([FIT[100] ^ 1]) + FIT[101:],  # one bit changed in the data
        FIT[:12] + bytes([FIT[12] ^ 1]) + FIT[13:],  # the header's CRC changed
        b"",
        b"not a fit file at all",
    ],
    ids=["file-crc", "eof", "truncated", "trailing", "data-bit", "header-crc", "empty", "text"],
)
def test_anything_else_is_left_to_fitdecode(data: bytes) -> None:
    assert not crcs_verified(data)
