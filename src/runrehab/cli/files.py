"""Writing a file the user named, so that a crash never leaves half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from rich.console import Console

from runrehab.cli.errors import bad_option

NEW_FILE_MODE = 0o644


def write_atomically(path: Path, data: bytes, stderr: Console, option: str) -> None:
    """Readers see the old file or the new one, never half of one: the bytes go to a temporary
    file in the same folder (so `os.replace` is a rename on one file system), which keeps the
    old file's permissions. A file that cannot be written is a bad `option` (exit 2)."""
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise bad_option(stderr, option, f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise bad_option(stderr, option, f"cannot write {path}: {exc.strerror}") from None
        raise
