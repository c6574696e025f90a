"""Uploaded watch files, copied to a private temporary folder (with a size limit) so the same
import path as the CLI can walk them: single files, gzipped files or an account-export zip."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import UploadFile

from runrehab.domain.errors import InvalidInputError, Problem

MAX_UPLOAD_BYTES = 2 * 1024**3  # an account export of many years fits
CHUNK = 1024 * 1024


@contextmanager
def saved(files: list[UploadFile]) -> Iterator[tuple[list[Path], str]]:
    """The uploads as files in a folder that is deleted afterwards, and the folder's prefix to
    strip from the names shown; InvalidInputError when the upload is empty or too large."""
    with tempfile.TemporaryDirectory(prefix="runrehab-upload-") as folder:
        paths, total = [], 0
        for n, upload in enumerate(files):
            target = Path(folder) / f"{n:05d}" / _safe(upload.filename or "upload")
            target.parent.mkdir()
            with target.open("wb") as out:
                while chunk := upload.file.read(CHUNK):
                    total += len(chunk)
                    if total > MAX_UPLOAD_BYTES:
                        raise InvalidInputError(
                            "upload",
                            [Problem("files", f"more than {MAX_UPLOAD_BYTES // 1024**3} GB")],
                        )
                    out.write(chunk)
            paths.append(target)
        if not paths or total == 0:
            raise InvalidInputError("upload", [Problem("files", "choose at least one file")])
        yield paths, folder


def shown(name: str, folder: str) -> str:
    """A file's name as the runner uploaded it."""
    return re.sub(r"^\d{5}/", "", name.removeprefix(folder + "/"))


def _safe(name: str) -> str:
    """Only the last part of the browser's name, in plain characters (never a path)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9._-]", "_", base)[-120:] or "upload"
