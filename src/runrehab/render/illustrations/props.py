"""Equipment and helpers drawn beside a stick figure: one small drawing function per kind.

`PROP_KINDS` is the one list of kinds, with how many points each takes and its size parameters
(a default of None makes a parameter required); the loader validates the data file against it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from runrehab.render.illustrations.model import Point, Prop, Ref

#: The figure's colour (dark blue, high contrast on white) and the colour of what moves.
INK = "#1b2a41"
ACCENT = "#d1495b"

Resolve = Callable[[Ref], Point]
_Draw = Callable[[Sequence[Point], Mapping[str, float], float], str]

PROP_KINDS: Mapping[str, tuple[int, Mapping[str, float | None]]] = {
    "band": (2, {}),
    "rod": (2, {}),
    "roller": (1, {"r": 5.0}),
    "bench": (1, {"w": None, "h": None}),
    "partner_hands": (1, {"reach": -10.0}),
    "dumbbell": (1, {}),
    "wall": (1, {}),
    "bike": (3, {}),
    "slider": (1, {}),
    "hold": (1, {}),
}


def fmt(value: float) -> str:
    """One decimal, no trailing zero, never "-0": short, stable text for coordinates."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def draw_prop(prop: Prop, resolve: Resolve, ground: float) -> str:
    """SVG for `prop` with its points resolved; size parameters left out take their defaults."""
    names = PROP_KINDS[prop.kind][1]
    size = {name: value for name, value in zip(names, prop.size, strict=True)}
    return _DRAW[prop.kind]([resolve(ref) for ref in prop.refs], size, ground)


def prop_extent(prop: Prop, resolve: Resolve, ground: float) -> list[Point]:
    """Points that bound the drawing of `prop` (near enough to frame the picture)."""
    points = [resolve(ref) for ref in prop.refs]
    size = dict(zip(PROP_KINDS[prop.kind][1], prop.size, strict=True))
    (x, y), pad = points[0], size.get("r", 4.0)
    if prop.kind == "bench":
        points.append((x + size["w"], y + size["h"]))
    elif prop.kind == "bike":
        (sx, _), (_, cy), (bx, by) = points
        points += [(sx - 16, ground), (bx + 22, ground), (bx + 15, cy - 7), (bx + 4, by)]
    elif prop.kind == "partner_hands":
        points.append((x + size["reach"], y - 13))
    return [*points, (x - pad, y - pad), (x + pad, y + pad)]


def _line(a: Point, b: Point) -> str:
    return f"M{fmt(a[0])} {fmt(a[1])}L{fmt(b[0])} {fmt(b[1])}"


def _band(p: Sequence[Point], _: Mapping[str, float], __: float) -> str:
    return f'<path d="{_line(p[0], p[1])}" stroke-width="2" stroke-dasharray="3 2"/>'


def _rod(p: Sequence[Point], _: Mapping[str, float], __: float) -> str:
    return f'<path d="{_line(p[0], p[1])}" stroke-width="2.5"/>'


def _roller(p: Sequence[Point], size: Mapping[str, float], _: float) -> str:
    (x, y), r = p[0], size["r"]
    return f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}" stroke-width="2"/>'


def _bench(p: Sequence[Point], size: Mapping[str, float], _: float) -> str:
    """A bench or treatment table: a top `w` long at the point, on legs `h` tall."""
    (x, y), w, h = p[0], size["w"], size["h"]
    legs = f"M{fmt(x + 5)} {fmt(y + 3)}V{fmt(y + h)}M{fmt(x + w - 5)} {fmt(y + 3)}V{fmt(y + h)}"
    return (
        f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="3" rx="1" stroke-width="2"/>'
        f'<path d="{legs}" stroke-width="2"/>'
    )


def _partner_hands(p: Sequence[Point], size: Mapping[str, float], _: float) -> str:
    """A helper's hand pressing on the point, its forearm coming down from above; a negative
    `reach` brings the forearm in from the left."""
    (x, y), reach = p[0], size["reach"]
    forearm = _line((x + reach, y - 13), (x, y - 3))
    return f'<path d="{forearm}"/><circle cx="{fmt(x)}" cy="{fmt(y - 3)}" r="2.5" fill="{INK}"/>'


def _dumbbell(p: Sequence[Point], _: Mapping[str, float], __: float) -> str:
    x, y = p[0]
    bar = f"M{fmt(x - 6)} {fmt(y)}H{fmt(x + 6)}"
    plates = f"M{fmt(x - 6)} {fmt(y - 3.5)}v7M{fmt(x + 6)} {fmt(y - 3.5)}v7"
    return f'<path d="{bar}" stroke-width="2"/><path d="{plates}" stroke-width="3.5"/>'


def _wall(p: Sequence[Point], _: Mapping[str, float], ground: float) -> str:
    x, y = p[0]
    return f'<path d="M{fmt(x)} {fmt(y)}V{fmt(ground)}" stroke-width="2"/>'


def _bike(p: Sequence[Point], _: Mapping[str, float], ground: float) -> str:
    """An exercise bike from its saddle, crank centre and handlebar points: seat tube, down tube
    to the bars, a flywheel in front and a stand on the floor."""
    (sx, sy), (cx, cy), (bx, by) = p
    wheel_x, wheel_y = bx + 6, cy + 2
    frame = (
        f"M{fmt(sx - 6)} {fmt(sy)}H{fmt(sx + 5)}M{fmt(sx)} {fmt(sy)}L{fmt(cx)} {fmt(cy)}"
        f"L{fmt(bx - 3)} {fmt(by + 2)}L{fmt(bx)} {fmt(by)}h4"
        f"M{fmt(cx)} {fmt(cy)}L{fmt(wheel_x)} {fmt(wheel_y)}"
        f"M{fmt(cx)} {fmt(cy)}L{fmt(sx - 8)} {fmt(ground)}M{fmt(wheel_x)} {fmt(wheel_y)}"
        f"L{fmt(wheel_x + 10)} {fmt(ground)}M{fmt(sx - 16)} {fmt(ground)}H{fmt(wheel_x + 16)}"
    )
    flywheel = f'<circle cx="{fmt(wheel_x)}" cy="{fmt(wheel_y)}" r="9" stroke-width="1.5"/>'
    return f'<path d="{frame}" stroke-width="1.5"/>{flywheel}'


def _slider(p: Sequence[Point], _: Mapping[str, float], __: float) -> str:
    x, y = p[0]
    return (
        f'<rect x="{fmt(x - 6)}" y="{fmt(y + 2)}" width="12" height="2.5" rx="1" '
        'stroke-width="1.5"/>'
    )


def _hold(p: Sequence[Point], _: Mapping[str, float], __: float) -> str:
    """A stopwatch: the movement is a held position."""
    x, y = p[0]
    hands = f"M{fmt(x)} {fmt(y - 3)}V{fmt(y)}H{fmt(x + 2.5)}M{fmt(x)} {fmt(y - 6)}V{fmt(y - 8)}"
    return (
        f'<g stroke-width="1.5"><circle cx="{fmt(x)}" cy="{fmt(y)}" r="5"/>'
        f'<path d="{hands}M{fmt(x - 1.5)} {fmt(y - 8)}h3"/></g>'
    )


_DRAW: Mapping[str, _Draw] = {
    "band": _band,
    "rod": _rod,
    "roller": _roller,
    "bench": _bench,
    "partner_hands": _partner_hands,
    "dumbbell": _dumbbell,
    "wall": _wall,
    "bike": _bike,
    "slider": _slider,
    "hold": _hold,
}
