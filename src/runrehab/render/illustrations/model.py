"""Stick-figure illustrations of exercises: the value types and the pose maths (pure, no I/O).

A keyframe gives one angle per body segment instead of one point per joint: limb lengths then stay
the same in every pose, and a pose reads as the movement it shows ("thigh at 45 degrees"). Angles
are degrees counter-clockwise from pointing right, as on a maths graph (90 is up, -90 is down),
even though the SVG's y axis points down. An angle may carry a length scale below 1 for a limb
that points towards the viewer (a knee lifted straight at the camera looks short).

The figure is placed by pinning one joint (`anchor`, the hip unless said otherwise) at a point of
the 200 x 120 box. In the `side` view the `_l` limbs are the far ones and the `_r` limbs the near
ones; in the `front` view the shoulders and hips get a width, `_l` on the figure's own left.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Point = tuple[float, float]
View = Literal["side", "front"]
Facing = Literal["right", "left"]
Frame = Literal["start", "end", "both"]
#: A joint of the current keyframe ("knee_r"), of a named keyframe ("end.knee_r") or a fixed point.
Ref = str | Point

BOX_W, BOX_H = 200, 120
HEAD_RADIUS = 6.0


@dataclass(frozen=True, slots=True)
class Segment:
    name: str
    parent: str
    child: str
    length: float


SEGMENTS: tuple[Segment, ...] = (
    Segment("torso", "hip", "neck", 28),
    Segment("head", "neck", "head", 9),
    *(
        seg
        for side in ("l", "r")
        for seg in (
            Segment(f"upper_arm_{side}", f"shoulder_{side}", f"elbow_{side}", 16),
            Segment(f"forearm_{side}", f"elbow_{side}", f"hand_{side}", 15),
            Segment(f"thigh_{side}", f"hip_{side}", f"knee_{side}", 25),
            Segment(f"shin_{side}", f"knee_{side}", f"ankle_{side}", 24),
            Segment(f"foot_{side}", f"ankle_{side}", f"toe_{side}", 8),
        )
    ),
)
SEGMENT_NAMES = tuple(seg.name for seg in SEGMENTS)
#: Segments a keyframe may leave out: the head follows the torso, a foot sits square to its shin.
OPTIONAL_SEGMENTS = frozenset({"head", "foot_l", "foot_r"})
#: Joints that are not the end of a segment: offset from the hip and neck by the view's widths.
ROOT_JOINTS = ("hip", "shoulder_l", "shoulder_r", "hip_l", "hip_r")
JOINT_NAMES = (*ROOT_JOINTS, *(seg.child for seg in SEGMENTS))
#: Names `moving` may use for several segments at once.
GROUPS: Mapping[str, tuple[str, ...]] = {
    f"{limb}_{side}": tuple(f"{part}_{side}" for part in parts)
    for side in ("l", "r")
    for limb, parts in (("arm", ("upper_arm", "forearm")), ("leg", ("thigh", "shin", "foot")))
}
#: Shoulder and hip widths per view: zero from the side, where left and right overlap.
WIDTHS: Mapping[View, tuple[float, float]] = {"side": (0.0, 0.0), "front": (14.0, 10.0)}


@dataclass(frozen=True, slots=True)
class Limb:
    """One segment's direction in degrees and its drawn length as a fraction of the real one."""

    degrees: float
    scale: float = 1.0


@dataclass(frozen=True, slots=True)
class Keyframe:
    limbs: Mapping[str, Limb]
    anchor: str
    at: Point
    description: str


@dataclass(frozen=True, slots=True)
class Prop:
    """Equipment or a helper drawn with the figure; `refs` and `size` mean what `kind` says."""

    kind: str
    refs: tuple[Ref, ...]
    size: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Arrow:
    """A direction of movement; `bend` pushes the middle of the arrow sideways into a curve."""

    start: Ref
    end: Ref
    bend: float = 0.0


@dataclass(frozen=True, slots=True)
class Illustration:
    exercise_id: str
    name: str
    view: View
    facing: Facing
    ground: float
    start: Keyframe
    end: Keyframe
    moving: frozenset[str]
    props: tuple[Prop, ...] = ()
    arrows: tuple[Arrow, ...] = ()


def pose(keyframe: Keyframe, view: View, facing: Facing) -> dict[str, Point]:
    """Every joint of `keyframe` as a point of the box, with `keyframe.anchor` at `keyframe.at`."""
    limbs = _with_defaults(keyframe.limbs, facing)
    joints: dict[str, Point] = {"hip": (0.0, 0.0)}
    shoulder_w, hip_w = WIDTHS[view]
    for seg in SEGMENTS:
        if seg.parent not in joints:
            width, centre = (hip_w, "hip") if seg.parent.startswith("hip") else (shoulder_w, "neck")
            joints[seg.parent] = _side_offset(joints[centre], limbs["torso"], seg.parent, width)
        limb = limbs[seg.name]
        joints[seg.child] = _step(joints[seg.parent], limb.degrees, seg.length * limb.scale)
    ax, ay = joints[keyframe.anchor]
    tx, ty = keyframe.at[0] - ax, keyframe.at[1] - ay
    return {name: (x + tx, y + ty) for name, (x, y) in joints.items()}


def _with_defaults(limbs: Mapping[str, Limb], facing: Facing) -> dict[str, Limb]:
    toes = 90.0 if facing == "right" else -90.0
    full = {"head": Limb(limbs["torso"].degrees), **limbs}
    for side in ("l", "r"):
        full.setdefault(f"foot_{side}", Limb(limbs[f"shin_{side}"].degrees + toes))
    return full


def _side_offset(centre: Point, torso: Limb, joint: str, width: float) -> Point:
    """The figure's left is a quarter turn clockwise from the way its torso points."""
    turn = -90.0 if joint.endswith("_l") else 90.0
    return _step(centre, torso.degrees + turn, width / 2)


def _step(origin: Point, degrees: float, length: float) -> Point:
    radians = math.radians(degrees)
    return (origin[0] + length * math.cos(radians), origin[1] - length * math.sin(radians))
