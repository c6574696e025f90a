"""Read one YAML file and validate it against its schema, naming file, key and reason on failure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from runrehab.domain.errors import KnowledgeBaseError

M = TypeVar("M", bound=BaseModel)
# libyaml's safe loader when PyYAML was built with it (the wheels are): the same documents and
# errors as the pure-Python one, about seven times faster on the knowledge base.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_model(path: Path, root: Path, model: type[M]) -> M:
    """Parse `path` as YAML and validate it strictly (YAML lists may fill tuples, nothing else
    is coerced: `"3"` is not a number and `yes` is not a string)."""
    name = _display_name(path, root)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except FileNotFoundError:
        raise KnowledgeBaseError(name, "-", "file is missing") from None
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(name, "-", f"invalid YAML: {_yaml_reason(exc)}") from None
    except UnicodeDecodeError:
        raise KnowledgeBaseError(name, "-", "file is not UTF-8 text") from None
    try:
        return model.model_validate_json(json.dumps(raw))
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "-"
        raise KnowledgeBaseError(name, key, first["msg"]) from None


def _display_name(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _yaml_reason(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return str(problem)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
