"""Check one parsed illustrations data file and build the `Illustration` values (pure, no I/O).

`illustrations/*.yaml` (beside the exercise files) hold, per exercise id, a view, a floor line, a
`start` and an `end` keyframe, the segments that move, props and arrows; `model.py`
says what the angles mean. Each entry is checked as it is built: an unknown exercise id, a missing
or unknown segment, a joint name that does not exist or a figure that leaves its box raises
`IllustrationDataError(file, key, reason)`, a `KnowledgeBaseError` that is also a `ValueError`.

Within a keyframe, `thigh: 40` sets both `thigh_l` and `thigh_r` (and likewise for the other
paired segments); a value is degrees, or `[degrees, scale]` for a limb pointing at the viewer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from runrehab.domain.errors import KnowledgeBaseError
from runrehab.render.illustrations.model import (
    BOX_H,
    BOX_W,
    GROUPS,
    JOINT_NAMES,
    OPTIONAL_SEGMENTS,
    SEGMENT_NAMES,
    Arrow,
    Facing,
    Illustration,
    Keyframe,
    Limb,
    Point,
    Prop,
    Ref,
    View,
    pose,
)
from runrehab.render.illustrations.props import PROP_KINDS

_KEYFRAMES = ("start", "end")
_ILLUSTRATION_KEYS = {"view", "facing", "ground", "moving", "props", "arrows", *_KEYFRAMES}
_KEYFRAME_KEYS = {"description", "anchor", "at"}
_PAIRED = ("upper_arm", "forearm", "thigh", "shin", "foot")
_VIEWS: Mapping[str, View] = {"side": "side", "front": "front"}
_FACINGS: Mapping[str, Facing] = {"right": "right", "left": "left"}


class IllustrationDataError(KnowledgeBaseError, ValueError):
    """The illustrations file is broken; the message names the file, the dotted key and why."""


class _EntryError(Exception):
    def __init__(self, key: str, reason: str) -> None:
        super().__init__(key, reason)
        self.key = key
        self.reason = reason


def parse_illustration_file(
    file_name: str,
    raw: Any,
    exercise_names: Mapping[str, str],
    already: AbstractSet[str] = frozenset(),
) -> dict[str, Illustration]:
    """Illustrations by exercise id from one parsed data file. `exercise_names` (id -> display
    name) says which ids exist; an illustration for any other id, or for an id in `already`
    (illustrated by an earlier file), raises `IllustrationDataError` naming `file_name`."""
    try:
        parsed = _parse_file(raw, exercise_names)
        for exercise_id in parsed.keys() & already:
            raise _EntryError(exercise_id, "is illustrated in another file too")
    except _EntryError as exc:
        raise IllustrationDataError(file_name, exc.key, exc.reason) from None
    return parsed


def _parse_file(raw: Any, names: Mapping[str, str]) -> dict[str, Illustration]:
    entries = _mapping(raw, "-", {"illustrations"}).get("illustrations")
    result: dict[str, Illustration] = {}
    for exercise_id, entry in _mapping(entries, "illustrations").items():
        if exercise_id not in names:
            raise _EntryError(str(exercise_id), "is not the id of any exercise")
        result[exercise_id] = _parse_illustration(exercise_id, names[exercise_id], entry)
    return result


def _parse_illustration(exercise_id: str, name: str, raw: Any) -> Illustration:
    at = exercise_id
    entry = _mapping(raw, at, _ILLUSTRATION_KEYS)
    for key in ("view", "ground", *_KEYFRAMES):
        _require(entry, key, at)
    ill = Illustration(
        exercise_id=exercise_id,
        name=name,
        view=_view(entry["view"], f"{at}.view"),
        facing=_facing(entry.get("facing", "right"), f"{at}.facing"),
        ground=_number(entry["ground"], f"{at}.ground"),
        start=_parse_keyframe(entry["start"], f"{at}.start"),
        end=_parse_keyframe(entry["end"], f"{at}.end"),
        moving=_parse_moving(entry.get("moving", []), f"{at}.moving"),
        props=tuple(
            _parse_prop(p, f"{at}.props.{i}") for i, p in enumerate(_list(entry, "props", at))
        ),
        arrows=tuple(
            _parse_arrow(a, f"{at}.arrows.{i}") for i, a in enumerate(_list(entry, "arrows", at))
        ),
    )
    _check_in_box(ill)
    return ill


def _parse_keyframe(raw: Any, at: str) -> Keyframe:
    allowed = _KEYFRAME_KEYS | set(SEGMENT_NAMES) | set(_PAIRED)
    entry = _mapping(raw, at, allowed)
    _require(entry, "at", at)
    _require(entry, "description", at)
    anchor = entry.get("anchor", "hip")
    if not isinstance(anchor, str) or anchor not in JOINT_NAMES:
        raise _EntryError(f"{at}.anchor", f"{anchor!r} is not a joint")
    description = entry["description"]
    if not isinstance(description, str) or not description.strip():
        raise _EntryError(f"{at}.description", "must be a sentence describing the position")
    return Keyframe(_parse_limbs(entry, at), anchor, _point(entry["at"], f"{at}.at"), description)


def _parse_limbs(entry: Mapping[str, Any], at: str) -> dict[str, Limb]:
    limbs: dict[str, Limb] = {}
    for name in SEGMENT_NAMES:
        key = name if name in entry else name.rsplit("_", 1)[0]
        if key in entry and key in (name, *_PAIRED):
            limbs[name] = _limb(entry[key], f"{at}.{key}")
        elif name not in OPTIONAL_SEGMENTS:
            pair = f" (or {key} for both sides)" if key in _PAIRED else ""
            raise _EntryError(f"{at}.{name}", f"missing{pair}: a keyframe gives every angle")
    return limbs


def _limb(value: Any, at: str) -> Limb:
    if isinstance(value, list):
        if len(value) != 2:
            raise _EntryError(at, "must be degrees or [degrees, scale]")
        scale = _number(value[1], at)
        if not 0 < scale <= 1.5:
            raise _EntryError(at, f"scale {scale} is outside (0, 1.5]")
        return Limb(_number(value[0], at), scale)
    return Limb(_number(value, at))


def _parse_moving(raw: Any, at: str) -> frozenset[str]:
    if not isinstance(raw, list):
        raise _EntryError(at, "must be a list of segment or limb names")
    names: set[str] = set()
    for item in raw:
        if not isinstance(item, str):
            raise _EntryError(at, f"{item!r} is not a segment or limb name")
        if item in GROUPS:
            names.update(GROUPS[item])
        elif item in SEGMENT_NAMES:
            names.add(item)
        else:
            raise _EntryError(at, f"{item!r} is not a segment or limb (e.g. thigh_r, leg_r, arm_l)")
    return frozenset(names)


def _parse_prop(raw: Any, at: str) -> Prop:
    entry = _mapping(raw, at)
    kinds = [key for key in entry if key in PROP_KINDS]
    if len(kinds) != 1:
        raise _EntryError(at, f"must name exactly one prop kind of {', '.join(PROP_KINDS)}")
    kind = kinds[0]
    count, params = PROP_KINDS[kind]
    _mapping(entry, at, {kind, *params})
    refs = entry[kind]
    if not isinstance(refs, list) or len(refs) != count:
        raise _EntryError(f"{at}.{kind}", f"must be a list of {count} joint names or points")
    size = tuple(_param(entry, name, default, f"{at}.{name}") for name, default in params.items())
    return Prop(kind, tuple(_ref(r, f"{at}.{kind}", bare=True) for r in refs), size)


def _param(entry: Mapping[str, Any], name: str, default: float | None, at: str) -> float:
    if name in entry:
        return _number(entry[name], at)
    if default is None:
        raise _EntryError(at, "missing")
    return default


def _parse_arrow(raw: Any, at: str) -> Arrow:
    entry = _mapping(raw, at, {"from", "to", "bend"})
    _require(entry, "from", at)
    _require(entry, "to", at)
    bend = _number(entry.get("bend", 0), f"{at}.bend")
    return Arrow(_ref(entry["from"], f"{at}.from"), _ref(entry["to"], f"{at}.to"), bend)


def _ref(value: Any, at: str, *, bare: bool = False) -> Ref:
    """A point, `frame.joint`, or (where `bare`) a joint of whichever frame is being drawn."""
    if not isinstance(value, str):
        return _point(value, at)
    frame, _, joint = value.rpartition(".")
    if frame not in (*_KEYFRAMES, *([""] if bare else [])) or joint not in JOINT_NAMES:
        form = (
            "a joint, 'start.<joint>' or 'end.<joint>'"
            if bare
            else "'start.<joint>' or 'end.<joint>'"
        )
        raise _EntryError(at, f"{value!r} is not a point or {form}")
    return value


def _check_in_box(ill: Illustration) -> None:
    for frame in _KEYFRAMES:
        keyframe: Keyframe = getattr(ill, frame)
        for joint, (x, y) in pose(keyframe, ill.view, ill.facing).items():
            if not (0 <= x <= BOX_W and 0 <= y <= BOX_H):
                where = f"{ill.exercise_id}.{frame}"
                raise _EntryError(where, f"joint {joint} at ({x:.0f}, {y:.0f}) is outside the box")


def _view(value: Any, at: str) -> View:
    if not isinstance(value, str) or value not in _VIEWS:
        raise _EntryError(at, f"{value!r} is not side or front")
    return _VIEWS[value]


def _facing(value: Any, at: str) -> Facing:
    if not isinstance(value, str) or value not in _FACINGS:
        raise _EntryError(at, f"{value!r} is not right or left")
    return _FACINGS[value]


def _point(value: Any, at: str) -> Point:
    if not isinstance(value, list) or len(value) != 2:
        raise _EntryError(at, "must be a point [x, y]")
    return (_number(value[0], at), _number(value[1], at))


def _number(value: Any, at: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _EntryError(at, f"{value!r} is not a number")
    return float(value)


def _mapping(value: Any, at: str, allowed: set[str] | None = None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _EntryError(at, "must be a mapping")
    unknown = sorted(str(k) for k in value if allowed is not None and k not in allowed)
    if unknown:
        raise _EntryError(f"{at}.{unknown[0]}" if at != "-" else unknown[0], "unknown key")
    return value


def _require(entry: Mapping[str, Any], key: str, at: str) -> None:
    if key not in entry:
        raise _EntryError(f"{at}.{key}", "missing")


def _list(entry: Mapping[str, Any], key: str, at: str) -> list[Any]:
    value = entry.get(key, [])
    if not isinstance(value, list):
        raise _EntryError(f"{at}.{key}", "must be a list")
    return value
