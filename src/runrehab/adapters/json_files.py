"""Read a user's file: a missing file, bad encoding or invalid JSON is an `InvalidInputError`."""

from __future__ import annotations

import json
from pathlib import Path

from runrehab.domain.errors import InvalidInputError, Problem

MAX_BYTES = 50_000_000  # an answers file is a few hundred bytes; a replay log a few MB


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    source = str(path)
    try:
        if path.stat().st_size > max_bytes:
            raise InvalidInputError(
                source, [Problem("-", f"file is larger than {max_bytes} bytes")]
            )
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInputError(source, [Problem("-", "file not found")]) from None
    except IsADirectoryError:
        raise InvalidInputError(source, [Problem("-", "is a directory, not a file")]) from None
    except UnicodeDecodeError:
        raise InvalidInputError(source, [Problem("-", "file is not UTF-8 text")]) from None
    except PermissionError:
        raise InvalidInputError(source, [Problem("-", "permission denied")]) from None


def read_json(path: Path) -> object:
    """A JSON object (not a list or a scalar) from a user's file."""
    source = str(path)
    text = read_text(path)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InvalidInputError(source, [Problem(where, f"invalid JSON: {exc.msg}")]) from None
    if not isinstance(raw, dict):
        raise InvalidInputError(source, [Problem("-", "expected a JSON object {...}")])
    return raw
