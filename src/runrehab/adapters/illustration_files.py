"""Read the exercise illustration files (YAML beside the exercise files) into checked values.

The checking itself is pure and lives in `runrehab.render.illustrations.parse`; this module only
finds the files, reads them and names a file that cannot be read.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from runrehab.render.illustrations import (
    Illustration,
    IllustrationDataError,
    parse_illustration_file,
)


def default_illustrations_path() -> Path:
    """The folder of illustration files (one per body area, like the exercise files)."""
    return Path(str(resources.files("runrehab.knowledge") / "data" / "illustrations"))


def load_illustrations(
    path: Path | None = None, exercise_names: Mapping[str, str] | None = None
) -> dict[str, Illustration]:
    """Illustrations by exercise id, from one file or every `.yaml` file of a folder.
    `exercise_names` (id -> display name) defaults to the exercises of the shipped knowledge
    base; an illustration for any other id, or for an id already illustrated, is an error."""
    path = path or default_illustrations_path()
    names = exercise_names if exercise_names is not None else _shipped_exercise_names()
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    result: dict[str, Illustration] = {}
    for file in files:
        try:
            raw = _read_yaml(file)
        except (OSError, yaml.YAMLError) as exc:
            raise IllustrationDataError(file.name, "-", f"cannot be read: {exc}") from None
        result.update(parse_illustration_file(file.name, raw, names, result.keys()))
    return result


def _shipped_exercise_names() -> dict[str, str]:
    folder = default_illustrations_path().parent / "exercises"
    names: dict[str, str] = {}
    for file in sorted(folder.glob("*.yaml")):
        data = _read_yaml(file) or {}
        names.update({e["id"]: e["name"] for e in data.get("exercises", [])})
    return names


def _read_yaml(path: Path) -> Any:
    """Safe loading, with libyaml's parser when PyYAML has it (about seven times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
