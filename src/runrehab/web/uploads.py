"""Uploaded watch files, copied to a private temporary folder (with a size limit) so the same
import path as the CLI can walk them: single files, gzipped files or an account-export zip. Each
is saved in a numbered folder under a plain name; the runner reads only the name they uploaded."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import UploadFile

from runrehab.domain.errors import InvalidInputError, Problem

MAX_UPLOAD_BYTES = 2 * 1024**3  # an account export of many years fits
CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Saved:
    """The saved uploads, and how to name each as the runner did."""

    paths: list[Path]
    folder: str
    names: dict[str, str]  # "00000/my_run.fit" (as saved, in its numbered folder): "my run.fit"

    def shown(self, text: str) -> str:
        """`text` (a file's name, or a reason that names it) with every saved file named as it
        was uploaded: no server folder, no numbered folder, no character changed for saving."""
        text = text.replace(self.folder + "/", "")
        for stored, uploaded in self.names.items():
            text = text.replace(stored, uploaded)
        return text


@contextmanager
def saved(files: list[UploadFile]) -> Iterator[Saved]:
    """The uploads as files in a folder that is deleted afterwards; InvalidInputError when the
    upload is empty or too large."""
    with tempfile.TemporaryDirectory(prefix="runrehab-upload-") as folder:
        paths, names, total = [], {}, 0
        for n, upload in enumerate(files):
            uploaded = _base(upload.filename or "upload")
            target = Path(folder) / f"{n:05d}" / _safe(uploaded)
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
            names[f"{n:05d}/{target.name}"] = uploaded
        if not paths or total == 0:
            raise InvalidInputError("upload", [Problem("files", "choose at least one file")])
        yield Saved(paths, folder, names)


def _base(name: str) -> str:
    """Only the last part of the browser's name (never a path), printable characters only."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in base if c.isprintable())[-120:] or "upload"


def _safe(name: str) -> str:
    """The name in plain characters, to save the file under."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", name) or "upload"
