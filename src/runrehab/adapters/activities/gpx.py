"""GPX 1.0/1.1 tracks -> Activity.

GPX carries positions and times, nothing the device summed: distance is the great-circle sum
between consecutive points of each `<trkseg>` (nothing across a segment break), timer time comes
from the moving rule in `track`, heart rate from the Garmin TrackPointExtension (`hr`, in any
namespace). GPX has no laps (`laps` is 0). Route points (`<rte>`) are a plan, not a record, and
are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from lxml import etree

from runrehab.adapters.activities.errors import ActivityFileError
from runrehab.adapters.activities.safe_xml import (
    child_float,
    child_text,
    local_name,
    parse_time,
    to_float,
)
from runrehab.adapters.activities.sports import gpx_sport
from runrehab.adapters.activities.track import (
    Sample,
    ascent_m,
    haversine_m,
    heart_rate,
    summarise,
)
from runrehab.domain.activity import Activity

__all__ = ["read_gpx"]

_HEART_RATE_TAGS = ("hr", "heartrate")


def read_gpx(name: str, root: etree._Element) -> Activity:
    """The activity in a parsed GPX document; ActivityFileError when it has no track points."""
    ns = {"g": etree.QName(root).namespace or ""}
    points = list(_points(root, ns))
    if not points:
        raise ActivityFileError(name, "GPX file without track points")
    samples, start = _samples(name, points, ns)
    figures = summarise(samples)
    avg_hr, max_hr = heart_rate(samples)
    last_distance = samples[-1].distance_m
    return Activity(
        sport=gpx_sport(child_text(root, "g:trk/g:type", ns)),
        start_time=start,
        distance_m=last_distance or 0.0,
        timer_s=figures.timer_s,
        elapsed_s=figures.elapsed_s,
        records=len(points),
        avg_hr=avg_hr,
        max_hr=max_hr,
        ascent_m=ascent_m(samples),
        laps=0,
        device=root.get("creator") or None,
        pace_histogram=figures.pace_histogram,
    )


def _points(root: etree._Element, ns: dict[str, str]) -> Iterator[tuple[int, etree._Element]]:
    """(segment number, trkpt) in document order; segments are numbered across tracks."""
    for segment, trkseg in enumerate(root.iterfind("g:trk/g:trkseg", ns), start=1):
        for point in trkseg.iterfind("g:trkpt", ns):
            yield segment, point


def _samples(
    name: str, points: list[tuple[int, etree._Element]], ns: dict[str, str]
) -> tuple[list[Sample], datetime | None]:
    """The samples with cumulative distance, and the first time in the track (UTC)."""
    samples: list[Sample] = []
    start: datetime | None = None
    total_m = 0.0
    previous: tuple[int, float, float] | None = None
    for segment, point in points:
        lat, lon = _coordinate(name, point, "lat", 90), _coordinate(name, point, "lon", 180)
        if previous is not None and previous[0] == segment:
            total_m += haversine_m(previous[1], previous[2], lat, lon)
        previous = (segment, lat, lon)
        time_text = child_text(point, "g:time", ns)
        moment = parse_time(name, time_text) if time_text else None
        start = start or moment
        samples.append(
            Sample(
                time_s=moment.timestamp() if moment else None,
                distance_m=total_m,
                heart_rate=_heart_rate(name, point, ns),
                altitude_m=child_float(name, point, "g:ele", ns),
                segment=segment,
            )
        )
    return samples, start


def _coordinate(name: str, point: etree._Element, attribute: str, limit: float) -> float:
    text = point.get(attribute)
    if text is None:
        raise ActivityFileError(name, f"a track point without {attribute}")
    value = to_float(name, text, attribute)
    if abs(value) > limit:
        raise ActivityFileError(name, f"{attribute} {text[:20]} is out of range")
    return value


def _heart_rate(name: str, point: etree._Element, ns: dict[str, str]) -> int | None:
    for extensions in point.iterfind("g:extensions", ns):
        for element in extensions.iter():
            text = element.text
            if local_name(element) in _HEART_RATE_TAGS and text and text.strip():
                return round(to_float(name, text, "hr"))
    return None
