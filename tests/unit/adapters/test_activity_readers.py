"""The watch-file readers: conformance on real files (tests/data/activity_fixtures.yaml), the
moving rule, sport names, gzip and size limits, hardened XML, and damaged files that must only
ever raise ActivityFileError."""

from __future__ import annotations

import csv
import gzip
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from runrehab.adapters.activities import (
    MAX_FILE_BYTES,
    ActivityFileError,
    read_activity,
    read_activity_file,
)
from runrehab.adapters.activities.sports import fit_sport, gpx_sport, tcx_sport
from runrehab.adapters.activities.track import Sample, heart_rate, summarise
from runrehab.domain.activity import PACE_BUCKET_S, Activity

DATA = Path(__file__).parents[2] / "data"
FILES = DATA / "activities"
TABLE: dict[str, Any] = yaml.safe_load((DATA / "activity_fixtures.yaml").read_text("utf-8"))
ROWS: list[dict[str, Any]] = TABLE["activities"]
REFUSED: list[dict[str, Any]] = TABLE["refused"]
CORE_FIELDS = {"sport", "start_time", "elapsed_s", "records", "avg_hr", "max_hr"}
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

GPX_HEAD = b'<?xml version="1.0"?>\n<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1">'
TCX_NS = b"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


@cache
def activity(file: str) -> Activity:
    return read_activity_file(FILES / file)


def _expectations() -> list[Any]:
    return [
        pytest.param(row["file"], field, spec, id=f"{row['file']}-{field}")
        for row in ROWS
        for field, spec in row["expect"].items()
    ]


# --- conformance: the table ---------------------------------------------------------------


@pytest.mark.parametrize(("file", "field", "spec"), _expectations())
def test_reader_gives_the_expected_value_for_each_fixture(
    file: str, field: str, spec: dict[str, Any]
) -> None:
    actual = getattr(activity(file), field)
    expected, tolerance = spec["value"], spec["tolerance"]
    if expected is None or (isinstance(expected, bool | str) and field != "start_time"):
        assert actual == expected
    elif field == "start_time":
        assert actual is not None
        assert actual.tzinfo is UTC
        target = datetime.fromisoformat(expected)
        assert abs((actual - target).total_seconds()) <= tolerance
    else:
        assert actual == pytest.approx(expected, abs=tolerance)


@pytest.mark.parametrize("row", REFUSED, ids=[r["file"] for r in REFUSED])
def test_a_corrupt_fixture_is_refused_with_one_clear_line(row: dict[str, Any]) -> None:
    path = FILES / row["file"]
    with pytest.raises(ActivityFileError) as caught:
        read_activity_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert row["reason"] in message


def test_the_table_names_every_activity_file_once_with_sources_and_tolerances() -> None:
    listed = [row["file"] for row in ROWS] + [row["file"] for row in REFUSED]
    on_disk = sorted(p.name for p in FILES.iterdir() if p.suffix in {".fit", ".gpx", ".tcx"})
    assert sorted(listed) == on_disk
    for row in ROWS:
        assert set(row["expect"]) >= CORE_FIELDS, row["file"]
        for field, spec in row["expect"].items():
            assert set(spec) == {"value", "tolerance", "source"}, (row["file"], field)
            assert spec["source"].strip(), (row["file"], field)
            assert spec["tolerance"] >= 0
    assert all(row["source"].strip() for row in REFUSED)


# --- conformance: the CSV truth files ------------------------------------------------------


@pytest.mark.parametrize(
    ("fit", "truth", "columns", "empty_records"),
    [
        (
            "fitparse-garmin-fenix-5-run.fit",
            "fitparse-garmin-fenix-5-run-records.csv",
            ("heart_rate", "distance"),
            0,
        ),
        (
            "fitparse-compressed-speed-distance.fit",
            "fitparse-compressed-speed-distance-records.csv",
            (" Heart Rate [bpm]", "Distance [m]"),
            1,  # fitparse's test skips one empty record that only sets the timestamp
        ),
    ],
)
def test_fit_reader_agrees_with_the_sdk_dump_of_its_records(
    fit: str, truth: str, columns: tuple[str, str], empty_records: int
) -> None:
    with (FILES / truth).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hr_column, distance_column = columns
    rates = [int(r[hr_column]) for r in rows if r[hr_column] not in ("", "null")]
    read = activity(fit)
    assert read.records == len(rows) + empty_records
    assert read.distance_m == pytest.approx(float(rows[-1][distance_column]), abs=0.05)
    assert read.max_hr is not None
    assert abs(read.max_hr - max(rates)) <= 1  # the session's peak may fall between records


# --- times and the device clock ------------------------------------------------------------


def test_a_device_whose_clock_was_not_set_gives_no_date_but_true_durations() -> None:
    read = activity("fitparse-compressed-speed-distance.fit")
    assert read.start_time is None
    assert read.clock_unset
    assert read.is_run
    assert read.elapsed_s > read.timer_s > 3000


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_every_dated_activity_starts_in_utc(row: dict[str, Any]) -> None:
    start = activity(row["file"]).start_time
    assert start is None or (start.utcoffset() is not None and start.tzinfo is UTC)


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_the_pace_histogram_uses_bucket_edges_within_sane_paces(row: dict[str, Any]) -> None:
    read = activity(row["file"])
    assert all(key % PACE_BUCKET_S == 0 and 120 <= key <= 1200 for key in read.pace_histogram)
    assert sum(read.pace_histogram.values()) <= read.elapsed_s + 1


@pytest.mark.parametrize(("pace_s_per_km", "bucket"), [(330, 330), (335, 330), (339.9, 330)])
def test_a_steady_run_lands_in_its_pace_bucket(pace_s_per_km: float, bucket: int) -> None:
    samples = [Sample(float(t), t * 1000 / pace_s_per_km) for t in range(0, 661, 5)]
    figures = summarise(samples)
    assert dict(figures.pace_histogram) == {bucket: 660.0}  # keyed by the bucket's faster edge


# --- the moving rule -----------------------------------------------------------------------


def _walk(pattern: list[tuple[float, float]], start_s: float = 0.0) -> list[Sample]:
    """Samples from (seconds, metres) steps."""
    samples, time_s, distance_m = [Sample(start_s, 0.0)], start_s, 0.0
    for step_s, step_m in pattern:
        time_s, distance_m = time_s + step_s, distance_m + step_m
        samples.append(Sample(time_s, distance_m))
    return samples


def test_a_stop_longer_than_ten_seconds_is_not_timer_time() -> None:
    running, standing = [(5.0, 15.0)] * 12, [(5.0, 0.5)] * 6
    figures = summarise(_walk(running + standing + running))
    assert figures.elapsed_s == 150
    assert figures.timer_s == 120


def test_a_slow_moment_of_ten_seconds_or_less_still_counts() -> None:
    figures = summarise(_walk([(5.0, 15.0)] * 4 + [(5.0, 1.0)] * 2 + [(5.0, 15.0)] * 4))
    assert figures.timer_s == figures.elapsed_s == 50


def test_a_gap_in_recording_is_a_pause() -> None:
    figures = summarise(_walk([(5.0, 15.0), (300.0, 900.0), (5.0, 15.0)]))
    assert figures.elapsed_s == 310
    assert figures.timer_s == 10


def test_a_segment_break_is_a_pause() -> None:
    first = [Sample(0.0, 0.0), Sample(10.0, 30.0)]
    second = [Sample(40.0, 30.0, segment=1), Sample(50.0, 60.0, segment=1)]
    assert summarise(first + second).timer_s == 20


def test_absurd_paces_stay_out_of_the_histogram() -> None:
    # 100 m in 5 s is 0:50/km (a GPS jump); 2 m in 5 s is 41:40/km (standing about)
    figures = summarise(_walk([(5.0, 100.0), (5.0, 2.0), (5.0, 15.0)]))
    assert dict(figures.pace_histogram) == {330: 5.0}


def test_heart_rate_ignores_zero_and_rounds_the_mean_half_up() -> None:
    samples = [Sample(None, None, heart_rate=hr) for hr in (0, 150, 151, None)]
    assert heart_rate(samples) == (151, 151)
    assert heart_rate([Sample(None, None)]) == (None, None)


# --- sport names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sport", "sub_sport", "expected"),
    [
        ("running", "generic", "running"),
        ("running", "trail", "trail_running"),
        ("running", "treadmill", "treadmill_running"),
        ("cycling", "road", "cycling"),
        ("generic", None, "unknown"),
        (254, None, "unknown"),
    ],
)
def test_fit_sports_keep_fit_enum_names(sport: object, sub_sport: object, expected: str) -> None:
    assert fit_sport(sport, sub_sport) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("running", "running"),
        ("Run", "running"),
        ("9", "running"),
        ("1", "cycling"),
        ("10", "walking"),
        ("Trail Run", "trail_running"),
        ("kayaking", "kayaking"),
        ("", "unknown"),
        (None, "unknown"),
    ],
)
def test_gpx_types_follow_strava_codes_and_words(text: str | None, expected: str) -> None:
    assert gpx_sport(text) == expected


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [("Running", "running"), ("Biking", "cycling"), ("Other", "other"), (None, "unknown")],
)
def test_tcx_sports_map_the_schema_values(attribute: str | None, expected: str) -> None:
    assert tcx_sport(attribute) == expected


# --- dispatch, gzip and size limits --------------------------------------------------------


@pytest.mark.parametrize(
    "file",
    ["fitparse-garmin-fenix-5-run.fit", "runpandas-garmin_connect.gpx", "tcxparser-test.tcx"],
)
def test_a_gzipped_file_reads_the_same(file: str) -> None:
    data = (FILES / file).read_bytes()
    assert read_activity(f"{file}.gz", gzip.compress(data)) == activity(file)


def test_content_decides_over_a_misleading_extension() -> None:
    data = (FILES / "fitparse-garmin-fenix-5-run.fit").read_bytes()
    assert read_activity("run.gpx", data) == activity("fitparse-garmin-fenix-5-run.fit")


def test_a_fit_file_too_short_to_sniff_is_reported_as_truncated() -> None:
    with pytest.raises(ActivityFileError, match=r"run\.fit: .*FIT"):
        read_activity("run.fit", b"\x0e\x10\x98")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"hello, I am a text file", "not a FIT, GPX or TCX file"),
        (b"<kml/>", "neither GPX nor TCX"),
        (b"\x1f\x8b\x08\x00garbage", "damaged gzip"),
        (gzip.compress(b"x" * 100, mtime=0)[:-12], "damaged gzip"),
    ],
)
def test_what_is_not_an_activity_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ActivityFileError, match=reason):
        read_activity("upload.gpx", data)


def test_input_over_the_size_limit_is_refused() -> None:
    with pytest.raises(ActivityFileError, match="larger than 50 MB"):
        read_activity("huge.fit", bytes(MAX_FILE_BYTES + 1))


def test_a_gzip_bomb_stops_at_the_size_limit() -> None:
    bomb = gzip.compress(bytes(MAX_FILE_BYTES + 1), compresslevel=1)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ActivityFileError, match="larger than 50 MB once decompressed"):
        read_activity("bomb.gpx.gz", bomb)


def test_a_missing_file_is_one_line() -> None:
    with pytest.raises(ActivityFileError, match="no such file"):
        read_activity_file(FILES / "nothing-here.fit")


# --- hardened XML --------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&lol3;</name></trk></gpx>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&secret;</name></trk></gpx>"""


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        EXTERNAL_ENTITY,
        BILLION_LAUGHS.decode()
        .replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
        .encode("utf-16"),
        b'<?xml version="1.0"?><!DOCTYPE gpx SYSTEM "http://127.0.0.1:9/gpx.dtd"><gpx/>',
    ],
    ids=["billion-laughs", "external-entity", "utf-16-doctype", "external-dtd"],
)
def test_xml_with_a_doctype_is_refused_outright(data: bytes) -> None:
    with pytest.raises(ActivityFileError, match="DOCTYPE"):
        read_activity("bomb.gpx", data)


def test_an_undeclared_entity_is_not_well_formed() -> None:
    with pytest.raises(ActivityFileError, match="not well-formed XML"):
        read_activity("x.gpx", GPX_HEAD + b"<trk><name>&xxe;</name></trk></gpx>")


def test_xml_nested_too_deep_is_refused() -> None:
    with pytest.raises(ActivityFileError, match="not well-formed XML"):
        read_activity("deep.gpx", GPX_HEAD + b"<a>" * 400 + b"</a>" * 400 + b"</gpx>")


# --- GPX and TCX details -------------------------------------------------------------------


def _trkpt(lat: float, time: str, extra: str = "") -> str:
    return f'<trkpt lat="{lat}" lon="0"><time>{time}</time>{extra}</trkpt>'


def test_gpx_without_a_namespace_and_with_offsets_reads_in_utc() -> None:
    points = _trkpt(0, "2024-05-01T08:00:00+02:00") + _trkpt(0.01, "2024-05-01T08:05:00+02:00")
    read = read_activity("plain.gpx", f"<gpx><trk><trkseg>{points}</trkseg></trk></gpx>".encode())
    assert read.start_time == datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    assert read.distance_m == pytest.approx(1111.95, abs=0.01)  # 0.01 degree of latitude
    assert read.sport == "unknown"


def test_gpx_distance_is_not_counted_across_segments() -> None:
    first = _trkpt(0, "2024-05-01T08:00:00Z") + _trkpt(0.001, "2024-05-01T08:00:30Z")
    second = _trkpt(0.01, "2024-05-01T08:10:00Z") + _trkpt(0.011, "2024-05-01T08:10:30Z")
    body = f"<trk><trkseg>{first}</trkseg><trkseg>{second}</trkseg></trk></gpx>"
    read = read_activity("paused.gpx", GPX_HEAD + body.encode())
    assert read.distance_m == pytest.approx(2 * 111.195, abs=0.01)
    assert read.timer_s == 60
    assert read.elapsed_s == 630


@pytest.mark.parametrize(
    ("point", "reason"),
    [
        ('<trkpt lon="0"/>', "without lat"),
        ('<trkpt lat="91" lon="0"/>', "out of range"),
        ('<trkpt lat="x" lon="0"/>', "expected a number"),
        ('<trkpt lat="1" lon="0"><time>yesterday</time></trkpt>', "ISO 8601"),
    ],
)
def test_a_bad_gpx_point_names_the_problem(point: str, reason: str) -> None:
    body = f"<trk><trkseg>{point}</trkseg></trk></gpx>"
    with pytest.raises(ActivityFileError, match=reason):
        read_activity("bad.gpx", GPX_HEAD + body.encode())


def test_a_tcx_file_with_several_activities_is_refused_rather_than_half_read() -> None:
    one = b'<Activity Sport="Running"><Id>2024-05-01T08:00:00Z</Id></Activity>'
    data = b'<TrainingCenterDatabase xmlns="' + TCX_NS + b'"><Activities>' + one * 2
    with pytest.raises(ActivityFileError, match="2 activities"):
        read_activity("history.tcx", data + b"</Activities></TrainingCenterDatabase>")


def test_tcx_without_distances_measures_between_positions() -> None:
    def point(lat: float, time: str) -> str:
        return (
            f"<Trackpoint><Time>{time}</Time><Position><LatitudeDegrees>{lat}</LatitudeDegrees>"
            "<LongitudeDegrees>0</LongitudeDegrees></Position></Trackpoint>"
        )

    track = "".join(
        point(i * 0.01 / 12, f"2024-05-01T08:{i // 2:02}:{i % 2 * 30:02}Z") for i in range(13)
    )
    lap = f'<Lap StartTime="2024-05-01T08:00:00Z"><Track>{track}</Track></Lap>'
    xml = (
        f'<TrainingCenterDatabase xmlns="{TCX_NS.decode()}"><Activities>'
        f'<Activity Sport="Running">{lap}</Activity></Activities></TrainingCenterDatabase>'
    )
    read = read_activity("nodistance.tcx", xml.encode())
    assert read.distance_m == pytest.approx(1111.95, abs=0.01)
    assert read.timer_s == 360  # no lap total: the moving rule
    assert read.laps == 1


# --- damaged FIT files only ever raise ActivityFileError -----------------------------------

VALID_FIT = (FILES / "fitparse-garmin-fenix-5-run.fit").read_bytes()


@pytest.mark.slow
@PROPERTY
@given(st.integers(min_value=0, max_value=len(VALID_FIT) - 1))
def test_a_truncated_fit_file_raises_only_activity_file_error(length: int) -> None:
    with pytest.raises(ActivityFileError) as caught:
        read_activity("cut.fit", VALID_FIT[:length])
    assert "\n" not in str(caught.value)


@pytest.mark.slow
@PROPERTY
@given(st.integers(0, len(VALID_FIT) - 1), st.integers(0, 255))
def test_any_changed_byte_in_a_fit_file_is_refused(offset: int, value: int) -> None:
    assume(VALID_FIT[offset] != value)  # a CRC-16 catches every error of up to 16 bits
    data = bytearray(VALID_FIT)
    data[offset] = value
    with pytest.raises(ActivityFileError) as caught:
        read_activity("changed.fit", bytes(data))
    assert "\n" not in str(caught.value)
