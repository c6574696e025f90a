"""FIT (Garmin/ANT binary) -> Activity, with fitdecode.

CRCs are checked and a mismatch raises (fitdecode's default only warns): a damaged file is
refused, never half read. They are checked in one pass first (`fit_crc`); fitdecode checks them
itself only on a file that fails that pass, to say what is wrong. Malformed developer-field
definitions are tolerated (fitdecode falls back to raw bytes, as recommended upstream): they
concern fields this reader never uses.

Totals come from the device: the session messages' `total_distance`, `total_timer_time`,
`total_elapsed_time`, `total_ascent`, `avg_heart_rate` and `max_heart_rate`, falling back to the
laps' totals and then to the records. The sport is the session's (`sport` + `sub_sport`).

A device whose clock was never set writes timestamps as seconds since power-on (below
0x10000000): then `start_time` is None and `clock_unset` True, and durations still come out right.

Speed (a bulk import decodes thousands of hour-long files): fitdecode runs without its data
processor, whose three look-ups per field of every message only turn `date_time` fields into
datetimes (this module converts the three times it uses itself, as fitdecode would), and each
record's fields are read in one pass instead of one `get_value` scan per field.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import fitdecode
from fitdecode import processors

from runrehab.adapters.activities.errors import ActivityFileError
from runrehab.adapters.activities.fit_crc import crcs_verified
from runrehab.adapters.activities.sports import UNKNOWN, fit_sport
from runrehab.adapters.activities.track import Sample, ascent_m, heart_rate, summarise
from runrehab.domain.activity import Activity

__all__ = ["read_fit"]

_SUMMARIES = frozenset({"file_id", "session", "lap", "sport"})
_FIT_EPOCH_S: int = processors.FIT_UTC_REFERENCE  # 1989-12-31T00:00Z in Unix seconds
_FIT_DATETIME_MIN: int = processors.FIT_DATETIME_MIN  # below: seconds since power-on
_NUMBERS = (int, float)
_SAMPLE_FIELDS = frozenset({"timestamp", "distance", "heart_rate", "altitude", "enhanced_altitude"})
# What fitdecode may raise on corrupt bytes besides its own FitError (it decodes field values
# with struct and datetime and indexes its profile tables with what it reads).
_DECODE_ERRORS = (
    struct.error,
    ValueError,
    KeyError,
    IndexError,
    OverflowError,
    TypeError,
    UnicodeDecodeError,
    AssertionError,
)


@dataclass
class _Messages:
    """The summary messages in file order, and each record reduced to a sample as it is read
    (a long file has hundreds of thousands of records)."""

    file_id: list[Any] = field(default_factory=list)
    session: list[Any] = field(default_factory=list)
    lap: list[Any] = field(default_factory=list)
    sport: list[Any] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)
    first_record_time: object = None

    def add(self, frame: Any) -> None:
        if frame.name == "record":
            values = _first_values(frame, _SAMPLE_FIELDS)
            if not self.samples:
                self.first_record_time = values.get("timestamp")
            self.samples.append(_sample(values))
        elif frame.name in _SUMMARIES:
            getattr(self, frame.name).append(frame)


def read_fit(name: str, data: bytes) -> Activity:
    """The activity in a FIT file; ActivityFileError when it is damaged or not an activity."""
    messages = _decode(name, data)
    _require_activity(name, messages)
    samples = messages.samples
    figures = summarise(samples)
    start, clock_unset = _start(messages)
    avg_hr, max_hr = _heart_rate(messages.session, samples)
    return Activity(
        sport=_sport(messages),
        start_time=start,
        distance_m=_total(messages, "total_distance", _last_distance(samples)),
        timer_s=_total(messages, "total_timer_time", figures.timer_s),
        elapsed_s=_total(messages, "total_elapsed_time", figures.elapsed_s),
        records=len(samples),
        avg_hr=avg_hr,
        max_hr=max_hr,
        ascent_m=_ascent(messages.session, samples),
        laps=len(messages.lap) or int(_sum(messages.session, "num_laps") or 0),
        clock_unset=clock_unset,
        device=_device(messages.file_id),
        pace_histogram=figures.pace_histogram,
    )


def _decode(name: str, data: bytes) -> _Messages:
    messages = _Messages()
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        processor=None,
        check_crc=fitdecode.CrcCheck.DISABLED if crcs_verified(data) else fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )
    with reader:
        for frame in _frames(name, reader):
            if isinstance(frame, fitdecode.FitDataMessage):
                messages.add(frame)
    return messages


def _frames(name: str, reader: Any) -> Iterator[Any]:
    """The reader's frames; whatever decoding raises becomes an ActivityFileError (only the
    decoding: an error in this module's own code stays a bug with a traceback)."""
    frames = iter(reader)
    while True:
        try:
            frame = next(frames)
        except StopIteration:
            return
        except fitdecode.FitError as exc:
            raise ActivityFileError(name, _why(exc)) from None
        except _DECODE_ERRORS as exc:
            reason = f"FIT data could not be decoded ({type(exc).__name__}: {exc})"
            raise ActivityFileError(name, reason) from None
        yield frame


def _why(exc: Exception) -> str:
    if isinstance(exc, fitdecode.FitCRCError):
        return f"FIT checksum mismatch, the file is damaged ({exc})"
    if isinstance(exc, fitdecode.FitEOFError):
        return f"FIT file is truncated ({exc})"
    if isinstance(exc, fitdecode.FitHeaderError):
        return f"not a FIT file or its header is damaged ({exc})"
    return f"FIT data could not be decoded ({exc})"


def _require_activity(name: str, messages: _Messages) -> None:
    kind = _value(messages.file_id[0], "type") if messages.file_id else None
    if kind is not None and kind != "activity":
        raise ActivityFileError(name, f"a FIT {kind} file, not an activity")
    if not messages.session and not messages.samples:
        raise ActivityFileError(name, "FIT file without sessions or records")


def _value(message: Any, field_name: str) -> Any:
    """A field's decoded value, None when absent or invalid."""
    return message.get_value(field_name, fallback=None)


def _first_values(message: Any, names: frozenset[str]) -> dict[str, Any]:
    """The value `get_value` gives for each of `names` present in the message (the first field
    that bears the name or, for a subfield, its parent's), in one pass over its fields."""
    found: dict[str, Any] = {}
    for data in message.fields:
        if data.field is not None and data.field.name in names:
            found.setdefault(data.field.name, data.value)
        if data.parent_field is not None and data.parent_field.name in names:
            found.setdefault(data.parent_field.name, data.value)
    return found


def _sample(values: dict[str, Any]) -> Sample:
    altitude = values.get("enhanced_altitude")
    if altitude is None:
        altitude = values.get("altitude")
    return Sample(
        time_s=_seconds(values.get("timestamp")),
        distance_m=_number(values.get("distance")),
        heart_rate=_int(values.get("heart_rate")),
        altitude_m=_number(altitude),
    )


def _moment(raw: object) -> object:
    """A raw FIT `date_time` as fitdecode's default processor gives it: a UTC datetime from
    0x10000000 on, else the number as it is (seconds since the device was switched on)."""
    number = _number(raw)
    if number is not None and number >= _FIT_DATETIME_MIN:
        return datetime.fromtimestamp(_FIT_EPOCH_S + number, UTC)
    return raw


def _seconds(raw: object) -> float | None:
    """A raw FIT time as seconds: epoch seconds for a date, device seconds for a relative time."""
    number = _number(raw)
    if number is not None and number >= _FIT_DATETIME_MIN:
        return number + _FIT_EPOCH_S
    return number


def _number(value: object) -> float | None:
    # a tuple, not `int | float`: isinstance on a union is four times slower, per record field
    return float(value) if isinstance(value, _NUMBERS) and not isinstance(value, bool) else None


def _int(value: object) -> int | None:
    number = _number(value)
    return None if number is None else round(number)


def _start(messages: _Messages) -> tuple[datetime | None, bool]:
    """(start in UTC, clock_unset): the session's start_time, else the first record's time, else
    the file's creation time."""
    candidates = [_value(s, "start_time") for s in messages.session[:1]]
    candidates.append(messages.first_record_time)
    candidates += [_value(f, "time_created") for f in messages.file_id[:1]]
    for moment in map(_moment, candidates):
        if isinstance(moment, datetime):
            return moment.astimezone(UTC), False
        if _number(moment) is not None:
            return None, True  # seconds since power-on: the clock was not set
    return None, False


def _sport(messages: _Messages) -> str:
    sources = messages.session or messages.sport or messages.lap
    sports = {fit_sport(_value(m, "sport"), _value(m, "sub_sport")) for m in sources}
    if not sports:
        return UNKNOWN
    return sports.pop() if len(sports) == 1 else "multisport"


def _sum(messages: Sequence[Any], field_name: str) -> float | None:
    values = [v for v in (_number(_value(m, field_name)) for m in messages) if v is not None]
    return sum(values) if values else None


def _total(messages: _Messages, field_name: str, fallback: float) -> float:
    """The sessions' total of a field, else the laps', else the value from the records."""
    for level in (messages.session, messages.lap):
        total = _sum(level, field_name)
        if total is not None:
            return total
    return fallback


def _last_distance(samples: Sequence[Sample]) -> float:
    return max((s.distance_m for s in samples if s.distance_m is not None), default=0.0)


def _heart_rate(
    sessions: Sequence[Any], samples: Sequence[Sample]
) -> tuple[int | None, int | None]:
    """The session's own values when there is one session that has them, else the records'."""
    computed = heart_rate(samples)
    if len(sessions) != 1:
        return computed
    avg = _int(_value(sessions[0], "avg_heart_rate"))
    peak = _int(_value(sessions[0], "max_heart_rate"))
    return (avg if avg else computed[0]), (peak if peak else computed[1])


def _ascent(sessions: Sequence[Any], samples: Sequence[Sample]) -> float | None:
    total = _sum(sessions, "total_ascent")
    return total if total is not None else ascent_m(samples)


def _device(file_ids: Sequence[Any]) -> str | None:
    if not file_ids:
        return None
    maker = _value(file_ids[0], "manufacturer")
    product = _value(file_ids[0], "garmin_product") or _value(file_ids[0], "product")
    words = [str(part) for part in (maker, product) if part is not None]
    return " ".join(words) or None
