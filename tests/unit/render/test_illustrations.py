"""Exercise illustrations: one per exercise, each a small, valid, accessible and stable SVG, and a
broken data file stops loading with the key that is wrong."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from runrehab.adapters.illustration_files import default_illustrations_path, load_illustrations
from runrehab.domain.errors import KnowledgeBaseError
from runrehab.knowledge.loader import default_data_dir
from runrehab.render.illustrations import FRAMES, Illustration, IllustrationDataError, render_svg
from runrehab.render.illustrations.model import pose

SVG = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 8 * 1024


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


def _exercise_names() -> dict[str, str]:
    names = {}
    for path in sorted((default_data_dir() / "exercises").glob("*.yaml")):
        names.update({e["id"]: e["name"] for e in _read(path)["exercises"]})
    return names


EXERCISE_NAMES = _exercise_names()
EXERCISE_IDS = list(EXERCISE_NAMES)


@pytest.fixture(scope="module")
def illustrations() -> dict[str, Illustration]:
    return load_illustrations()


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    data: dict[str, Any] = _read(default_illustrations_path() / "core.yaml")
    return data


@pytest.fixture
def raw(shipped: dict[str, Any]) -> dict[str, Any]:
    """The shipped data file, parsed, to break in one place and write back."""
    return copy.deepcopy(shipped)


def _load_edited(tmp_path: Path, raw: dict[str, Any]) -> dict[str, Illustration]:
    path = tmp_path / "illustrations.yaml"
    path.write_text(yaml.dump(raw, Dumper=DUMPER), encoding="utf-8")
    return load_illustrations(path, EXERCISE_NAMES)


def test_every_exercise_in_the_exercise_files_has_an_illustration(
    illustrations: dict[str, Illustration],
) -> None:
    assert EXERCISE_IDS, "no exercises found"
    assert sorted(set(EXERCISE_IDS) - set(illustrations)) == []


@pytest.mark.parametrize("frame", FRAMES)
@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_each_illustration_is_a_small_valid_accessible_svg(
    illustrations: dict[str, Illustration], exercise_id: str, frame: str
) -> None:
    ill = illustrations[exercise_id]
    text = render_svg(ill, frame)  # type: ignore[arg-type]
    assert len(text.encode("utf-8")) < MAX_BYTES
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert len(root.get("viewBox", "").split()) == 4
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert (title.text or "").startswith(ill.name)
    assert len(desc.text or "") > 20
    assert set((root.get("aria-labelledby") or "").split()) == {title.get("id"), desc.get("id")}


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_an_svg_has_no_script_font_or_outside_reference(
    illustrations: dict[str, Illustration], exercise_id: str
) -> None:
    text = render_svg(illustrations[exercise_id], "both")
    tags = {el.tag.removeprefix(SVG) for el in ET.fromstring(text).iter()}
    assert not tags & {"script", "text", "image", "foreignObject", "style", "a"}
    assert "href" not in text
    assert re.findall(r"url\(([^)]*)\)", text) == [f"#rr-{exercise_id}-both-a"] * len(
        illustrations[exercise_id].arrows
    )


def test_both_draws_the_start_faded_and_the_moving_limbs_in_the_accent_colour(
    illustrations: dict[str, Illustration],
) -> None:
    text = render_svg(illustrations["single_leg_bridge"], "both")
    assert '<g opacity=".3">' in text
    assert 'stroke="#d1495b"><path' in text
    assert 'opacity=".3"' not in render_svg(illustrations["single_leg_bridge"], "end")


def test_rendering_is_deterministic(illustrations: dict[str, Illustration]) -> None:
    again = load_illustrations()
    for exercise_id, ill in illustrations.items():
        for frame in FRAMES:
            assert render_svg(ill, frame) == render_svg(again[exercise_id], frame)


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_no_part_of_a_figure_sinks_below_the_floor(
    illustrations: dict[str, Illustration], exercise_id: str
) -> None:
    ill = illustrations[exercise_id]
    for keyframe in (ill.start, ill.end):
        low = {
            joint: round(y, 1)
            for joint, (_, y) in pose(keyframe, ill.view, ill.facing).items()
            if y > ill.ground - 1.5
        }
        assert low == {}, f"{exercise_id}: {keyframe.description}"


def test_a_missing_joint_is_named(tmp_path: Path, raw: dict[str, Any]) -> None:
    del raw["illustrations"]["single_leg_bridge"]["start"]["thigh_l"]
    with pytest.raises(ValueError, match=r"single_leg_bridge\.start\.thigh_l: missing"):
        _load_edited(tmp_path, raw)


def test_an_unknown_exercise_id_is_named(tmp_path: Path, raw: dict[str, Any]) -> None:
    entries = raw["illustrations"]
    entries["glute_brigde"] = entries["glute_bridge"]
    with pytest.raises(ValueError, match="glute_brigde: is not the id of any exercise"):
        _load_edited(tmp_path, raw)


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        (("clamshell", "start", "thigh_x"), 10, "clamshell.start.thigh_x: unknown key"),
        (("clamshell", "start", "torso"), "left", "clamshell.start.torso: 'left' is not a number"),
        (("clamshell", "start", "anchor"), "tail", "clamshell.start.anchor: 'tail' is not a joint"),
        (("clamshell", "view"), "top", "clamshell.view: 'top' is not side or front"),
        (("clamshell", "moving"), ["wing_l"], "clamshell.moving: 'wing_l' is not a segment"),
        (("clamshell", "start", "at"), [500, 99], "clamshell.start: joint .* is outside the box"),
        (("glute_bridge", "props"), [{"band": ["knee_l", "elbow"]}], r"props\.0\.band: 'elbow'"),
        (("glute_bridge", "props"), [{"roller": [[1, 2]], "size": 3}], r"props\.0\.size: unknown"),
        (("glute_bridge", "arrows"), [{"from": "hip", "to": [1, 2]}], r"arrows\.0\.from: 'hip'"),
    ],
)
def test_broken_data_raises_a_value_error_naming_the_key(
    tmp_path: Path, raw: dict[str, Any], path: tuple[str, ...], value: object, key: str
) -> None:
    entry = raw["illustrations"]
    for part in path[:-1]:
        entry = entry[part]
    entry[path[-1]] = value
    with pytest.raises(ValueError, match=key) as caught:
        _load_edited(tmp_path, raw)
    assert isinstance(caught.value, KnowledgeBaseError)
    assert caught.value.file == "illustrations.yaml"


def test_an_unreadable_file_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "illustrations.yaml"
    path.write_text("illustrations: [\n", encoding="utf-8")
    with pytest.raises(IllustrationDataError, match=r"illustrations\.yaml: -: cannot be read"):
        load_illustrations(path)


def test_an_unknown_frame_is_refused(illustrations: dict[str, Illustration]) -> None:
    with pytest.raises(ValueError, match="frame: 'middle'"):
        render_svg(illustrations["clamshell"], "middle")  # type: ignore[arg-type]
