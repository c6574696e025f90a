"""Render an `Illustration` as a small, standalone, accessible SVG (pure: text in, text out).

The output has no scripts, fonts, external references or clock-dependent parts, and numbers are
rounded to one decimal: the same illustration always gives the same bytes, so files can be cached
and compared. Element ids carry the exercise id and frame, so several images can share one page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

from runrehab.render.illustrations.model import (
    BOX_H,
    BOX_W,
    HEAD_RADIUS,
    SEGMENTS,
    Arrow,
    Frame,
    Illustration,
    Point,
    Prop,
    Ref,
    pose,
)
from runrehab.render.illustrations.props import (
    ACCENT,
    INK,
    Resolve,
    draw_prop,
    fmt,
    prop_extent,
)

FADED_OPACITY = ".3"
FRAMES: tuple[Frame, ...] = ("start", "end", "both")
MARGIN = 8.0
MAX_ZOOM = 1.6
#: x, y, width, height of the shown part of the box.
Box = tuple[float, float, float, float]
#: Shoulder and hip lines, drawn with the torso when the view gives them a width.
_WIDTHS = (("hip_l", "hip_r"), ("shoulder_l", "shoulder_r"))


def render_svg(illustration: Illustration, frame: Frame = "both") -> str:
    """`start` or `end` draws that keyframe alone; `both` draws the start faded under the end, so
    one image shows the movement. The end frame's moving segments are drawn in the accent colour."""
    if frame not in FRAMES:
        raise ValueError(f"frame: {frame!r} is not one of {', '.join(FRAMES)}")
    ill = illustration
    poses = {
        "start": pose(ill.start, ill.view, ill.facing),
        "end": pose(ill.end, ill.view, ill.facing),
    }
    uid = f"rr-{ill.exercise_id}-{frame}"
    box = _fit_box(ill, poses)
    body = [_ground(ill.ground, box)]
    body += [draw_prop(p, _resolver(poses, None), ill.ground) for p in ill.props if _is_static(p)]
    if frame == "both":
        body.append(_figure(ill, poses, "start", accent=False, opacity=FADED_OPACITY))
    body.append(_figure(ill, poses, "end" if frame == "both" else frame, accent=frame != "start"))
    if frame != "end":
        body.append(_arrows(ill.arrows, poses, f"{uid}-a"))
    title, desc = _title(ill.name, frame), _description(ill, frame)
    return _document(uid, box, title, desc, "".join(body))


def _fit_box(ill: Illustration, poses: Mapping[str, Mapping[str, Point]]) -> Box:
    """The part of the 200 x 120 box to show: everything drawn in either keyframe plus a margin,
    magnified up to `MAX_ZOOM` at the box's aspect ratio, so a figure lying on the floor is not a
    thin line at the bottom of an empty picture. The same for every frame of one illustration."""
    points = [*poses["start"].values(), *poses["end"].values()]
    for frame in ("start", "end"):
        resolve = _resolver(poses, frame)
        points += [pt for p in ill.props for pt in prop_extent(p, resolve, ill.ground)]
    resolve = _resolver(poses, None)
    points += [pt for a in ill.arrows for pt in (resolve(a.start), resolve(a.end))]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, top = min(xs) - MARGIN, min(ys) - MARGIN
    width, height = max(xs) + MARGIN - left, max(ys) + MARGIN - top
    zoom = max(1.0, min(BOX_W / width, BOX_H / height, MAX_ZOOM))
    w, h = BOX_W / zoom, BOX_H / zoom
    x = min(max(left + width / 2 - w / 2, 0.0), BOX_W - w)
    y = min(max(top + height / 2 - h / 2, 0.0), BOX_H - h)
    return (round(x, 1), round(y, 1), round(w, 1), round(h, 1))


def _document(uid: str, box: Box, title: str, desc: str, body: str) -> str:
    view_box = " ".join(fmt(v) for v in box)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" '
        f'width="{BOX_W * 2}" height="{BOX_H * 2}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        f'<defs><marker id="{uid}-a" viewBox="0 0 8 8" refX="6" refY="4" markerWidth="4" '
        f'markerHeight="4" orient="auto"><path d="M0 0L8 4L0 8z" fill="{ACCENT}"/></marker></defs>'
        f'<g fill="none" stroke="{INK}" stroke-width="3" stroke-linecap="round" '
        f'stroke-linejoin="round">{body}</g></svg>\n'
    )


def _title(name: str, frame: Frame) -> str:
    return name if frame == "both" else f"{name}: {frame} position"


def _description(ill: Illustration, frame: Frame) -> str:
    if frame == "start":
        return ill.start.description
    if frame == "end":
        return ill.end.description
    return f"From: {ill.start.description} To: {ill.end.description}"


def _ground(y: float, box: Box) -> str:
    x, w = box[0], box[2]
    return f'<path d="M{fmt(x + 4)} {fmt(y)}H{fmt(x + w - 4)}" stroke-width="1.5"/>'


def _figure(
    ill: Illustration,
    poses: Mapping[str, Mapping[str, Point]],
    frame: str,
    *,
    accent: bool,
    opacity: str | None = None,
) -> str:
    joints = poses[frame]
    moving = ill.moving if accent else frozenset()
    resolve = _resolver(poses, frame)
    parts = [draw_prop(p, resolve, ill.ground) for p in ill.props if not _is_static(p)]
    parts.append(_segments(joints, [s.name for s in SEGMENTS if s.name not in moving], INK))
    parts.append(_segments(joints, [s.name for s in SEGMENTS if s.name in moving], ACCENT))
    fade = f' opacity="{opacity}"' if opacity else ""
    return f"<g{fade}>{''.join(parts)}</g>"


def _segments(joints: Mapping[str, Point], names: Iterable[str], colour: str) -> str:
    """One path for all `names`, skipping a segment that another already drew (from the side,
    left and right limbs often coincide) and continuing a line where the next segment starts."""
    wanted = set(names)
    if not wanted:
        return ""
    lines: list[tuple[Point, Point]] = []
    head = ""
    for seg in SEGMENTS:
        if seg.name not in wanted:
            continue
        a, b = joints[seg.parent], joints[seg.child]
        if seg.name == "head":
            head = f'<circle cx="{fmt(b[0])}" cy="{fmt(b[1])}" r="{fmt(HEAD_RADIUS)}"/>'
            b = _towards(b, a, HEAD_RADIUS)
        lines.append((a, b))
        if seg.name == "torso":
            lines += [(joints[lt], joints[rt]) for lt, rt in _WIDTHS if joints[lt] != joints[rt]]
    stroke = "" if colour == INK else f' stroke="{colour}"'
    return f'<g{stroke}><path d="{_path(lines)}"/>{head}</g>'


def _path(lines: Iterable[tuple[Point, Point]]) -> str:
    parts: list[str] = []
    seen: set[tuple[str, str]] = set()
    end = ""
    for a, b in lines:
        start, stop = f"{fmt(a[0])} {fmt(a[1])}", f"{fmt(b[0])} {fmt(b[1])}"
        if (start, stop) in seen or (stop, start) in seen:
            continue
        seen.add((start, stop))
        parts.append(f"L{stop}" if start == end else f"M{start}L{stop}")
        end = stop
    return "".join(parts)


def _arrows(arrows: Iterable[Arrow], poses: Mapping[str, Mapping[str, Point]], marker: str) -> str:
    resolve = _resolver(poses, None)
    paths = [_arrow_path(resolve(a.start), resolve(a.end), a.bend) for a in arrows]
    if not paths:
        return ""
    marked = "".join(f'<path d="{d}" marker-end="url(#{marker})"/>' for d in paths)
    return f'<g stroke="{ACCENT}" stroke-width="1.5">{marked}</g>'


def _arrow_path(a: Point, b: Point, bend: float) -> str:
    """A straight or quadratic path; a positive `bend` bulges to the left of the travel."""
    start = f"M{fmt(a[0])} {fmt(a[1])}"
    if not bend:
        return f"{start}L{fmt(b[0])} {fmt(b[1])}"
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    cx = (a[0] + b[0]) / 2 + bend * dy / length
    cy = (a[1] + b[1]) / 2 - bend * dx / length
    return f"{start}Q{fmt(cx)} {fmt(cy)} {fmt(b[0])} {fmt(b[1])}"


def _is_static(prop: Prop) -> bool:
    """A prop that names no joint of the current frame is drawn once, not once per frame."""
    return all(not isinstance(ref, str) or "." in ref for ref in prop.refs)


def _resolver(poses: Mapping[str, Mapping[str, Point]], frame: str | None) -> Resolve:
    def resolve(ref: Ref) -> Point:
        if not isinstance(ref, str):
            return ref
        if "." in ref:
            named, joint = ref.split(".", 1)
            return poses[named][joint]
        if frame is None:
            raise ValueError(f"{ref!r} must name its keyframe here, e.g. 'end.{ref}'")
        return poses[frame][ref]

    return resolve


def _towards(a: Point, b: Point, distance: float) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    return (a[0] + dx * distance / length, a[1] + dy * distance / length)
