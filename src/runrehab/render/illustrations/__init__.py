"""Exercise illustrations as stick-figure SVGs: the checked pose values and their rendering.

- `model.py`: the value types and the pose maths (angles per segment to joint points).
- `props.py`: equipment drawn beside a figure, one drawing function per kind.
- `parse.py`: one parsed data file checked and turned into `Illustration` values.
- `svg.py`: an `Illustration` as a small, standalone, deterministic SVG.

Reading the YAML files is I/O and lives in `runrehab.adapters.illustration_files`.
"""

from __future__ import annotations

from runrehab.render.illustrations.model import Illustration
from runrehab.render.illustrations.parse import IllustrationDataError, parse_illustration_file
from runrehab.render.illustrations.svg import FRAMES, render_svg

__all__ = [
    "FRAMES",
    "Illustration",
    "IllustrationDataError",
    "parse_illustration_file",
    "render_svg",
]
