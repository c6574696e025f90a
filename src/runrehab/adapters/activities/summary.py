"""An activity's summary as JSON-ready data: the CLI's `--json` output (and the web's JSON twin)."""

from __future__ import annotations

from datetime import UTC

from runrehab.domain.activity import Activity

__all__ = ["activity_summary"]


def activity_summary(activity: Activity) -> dict[str, object]:
    """Keys in a fixed order; times in seconds and distances in metres (rounded to 0.01),
    `start_time` ISO 8601 in UTC ("...Z") or None when the device's clock was not set."""
    start = activity.start_time
    return {
        "sport": activity.sport,
        "start_time": start.astimezone(UTC).isoformat().replace("+00:00", "Z") if start else None,
        "distance_m": round(activity.distance_m, 2),
        "timer_s": round(activity.timer_s, 2),
        "elapsed_s": round(activity.elapsed_s, 2),
        "records": activity.records,
        "avg_hr": activity.avg_hr,
        "max_hr": activity.max_hr,
        "ascent_m": None if activity.ascent_m is None else round(activity.ascent_m, 2),
        "laps": activity.laps,
        "clock_unset": activity.clock_unset,
        "device": activity.device,
    }
