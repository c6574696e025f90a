"""TCX (Garmin Training Center v2) -> Activity.

A TCX lap carries the device's own totals: timer time is the sum of the laps' `TotalTimeSeconds`
and distance the last trackpoint's cumulative `DistanceMeters` (what python-tcxparser and
runpandas report), else the distance between its positions, else the laps' sum. Elapsed time runs
from the first to the last trackpoint. Heart rate is computed from the trackpoints (TCX has no
session summary). Trackpoints without a position are kept (tcxreader drops them). A file with
several activities is refused rather than half read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from runrehab.adapters.activities.errors import ActivityFileError
from runrehab.adapters.activities.safe_xml import child_float, child_text, parse_time
from runrehab.adapters.activities.sports import tcx_sport
from runrehab.adapters.activities.track import (
    Sample,
    ascent_m,
    haversine_m,
    heart_rate,
    summarise,
)
from runrehab.domain.activity import Activity

__all__ = ["TCX_NAMESPACE", "read_tcx"]

TCX_NAMESPACE = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
_NS = {"t": TCX_NAMESPACE}


def read_tcx(name: str, root: etree._Element) -> Activity:
    """The activity in a parsed TCX document; ActivityFileError unless it holds exactly one."""
    activity = _the_activity(name, root)
    laps = activity.findall("t:Lap", _NS)
    points = activity.findall("t:Lap/t:Track/t:Trackpoint", _NS)
    samples = _samples(name, activity)
    figures = summarise(samples)
    avg_hr, max_hr = heart_rate(samples)
    lap_times = [child_float(name, lap, "t:TotalTimeSeconds", _NS) for lap in laps]
    return Activity(
        sport=tcx_sport(activity.get("Sport")),
        start_time=_start(name, activity),
        distance_m=_distance(name, laps, samples),
        timer_s=_sum(lap_times) if laps and None not in lap_times else figures.timer_s,
        elapsed_s=figures.elapsed_s,
        records=len(points),
        avg_hr=avg_hr,
        max_hr=max_hr,
        ascent_m=ascent_m(samples),
        laps=len(laps),
        device=child_text(activity, "t:Creator/t:Name", _NS),
        pace_histogram=figures.pace_histogram,
    )


def _the_activity(name: str, root: etree._Element) -> etree._Element:
    activities = root.findall("t:Activities/t:Activity", _NS)
    if not activities:
        raise ActivityFileError(name, "TCX file without an activity (a course or workout?)")
    if len(activities) > 1:
        raise ActivityFileError(
            name, f"TCX file with {len(activities)} activities; export them one per file"
        )
    return activities[0]


def _samples(name: str, activity: etree._Element) -> list[Sample]:
    """One sample per trackpoint; each `<Track>` is a segment (a new one follows a pause).
    Cumulative distance is the device's `DistanceMeters` when the file has it, else summed from
    positions, else unknown."""
    rows = [
        (segment, point)
        for segment, track in enumerate(activity.iterfind("t:Lap/t:Track", _NS))
        for point in track.iterfind("t:Trackpoint", _NS)
    ]
    if any(point.find("t:DistanceMeters", _NS) is not None for _, point in rows):
        distances = [child_float(name, point, "t:DistanceMeters", _NS) for _, point in rows]
    else:
        distances = _path_distances([_position(name, point) for _, point in rows])
    return [
        Sample(
            time_s=_time_s(name, point),
            distance_m=distance_m,
            heart_rate=_heart_rate(name, point),
            altitude_m=child_float(name, point, "t:AltitudeMeters", _NS),
            segment=segment,
        )
        for (segment, point), distance_m in zip(rows, distances, strict=True)
    ]


def _path_distances(positions: Sequence[tuple[float, float] | None]) -> list[float | None]:
    """Cumulative great-circle distance; unknown throughout when no trackpoint has a position."""
    if not any(positions):
        return [None] * len(positions)
    total_m, previous, cumulative = 0.0, None, []
    for position in positions:
        if position and previous:
            total_m += haversine_m(*previous, *position)
        previous = position or previous
        cumulative.append(total_m)
    return list(cumulative)


def _time_s(name: str, point: etree._Element) -> float | None:
    text = child_text(point, "t:Time", _NS)
    return parse_time(name, text).timestamp() if text else None


def _position(name: str, point: etree._Element) -> tuple[float, float] | None:
    lat = child_float(name, point, "t:Position/t:LatitudeDegrees", _NS)
    lon = child_float(name, point, "t:Position/t:LongitudeDegrees", _NS)
    return (lat, lon) if lat is not None and lon is not None else None


def _heart_rate(name: str, point: etree._Element) -> int | None:
    value = child_float(name, point, "t:HeartRateBpm/t:Value", _NS)
    return None if value is None else round(value)


def _start(name: str, activity: etree._Element) -> datetime | None:
    """The first lap's StartTime, else the first trackpoint's time, else the activity's Id."""
    lap = activity.find("t:Lap", _NS)
    candidates = (
        lap.get("StartTime") if lap is not None else None,
        activity.findtext("t:Lap/t:Track/t:Trackpoint/t:Time", namespaces=_NS),
        activity.findtext("t:Id", namespaces=_NS),
    )
    for text in candidates:
        if text and text.strip():
            return parse_time(name, text)
    return None


def _distance(name: str, laps: Sequence[etree._Element], samples: Sequence[Sample]) -> float:
    recorded = [s.distance_m for s in samples if s.distance_m is not None]
    if recorded:
        return max(recorded)
    lap_distances = [child_float(name, lap, "t:DistanceMeters", _NS) for lap in laps]
    return _sum(lap_distances)


def _sum(values: Sequence[float | None]) -> float:
    return sum(v for v in values if v is not None)
