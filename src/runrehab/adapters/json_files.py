"""Read a JSON file as user input: a missing file or invalid JSON is an `InvalidInputError`."""

from __future__ import annotations

import json
from pathlib import Path

from runrehab.domain.errors import InvalidInputError, Problem

MAX_BYTES = 1_000_000  # an answers or profile file is a few hundred bytes


def read_json(path: Path) -> object:
    source = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInputError(
                source, [Problem("-", f"file is larger than {MAX_BYTES} bytes")]
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInputError(source, [Problem("-", "file not found")]) from None
    except IsADirectoryError:
        raise InvalidInputError(source, [Problem("-", "is a directory, not a file")]) from None
    except UnicodeDecodeError:
        raise InvalidInputError(source, [Problem("-", "file is not UTF-8 text")]) from None
    except PermissionError:
        raise InvalidInputError(source, [Problem("-", "permission denied")]) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InvalidInputError(source, [Problem(where, f"invalid JSON: {exc.msg}")]) from None
    if not isinstance(raw, dict):
        raise InvalidInputError(source, [Problem("-", "expected a JSON object {...}")])
    return raw
