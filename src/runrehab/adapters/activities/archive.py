"""The files to import, from paths: single files, folders, and account-export zips (thousands of
activities, some gzipped, as the big platforms export them).

Nothing is extracted to disk. A plain file on disk is passed on by its path, unread, so that the
process that decodes it reads it (a bulk import then ships no file between processes); archive
members and gzipped files are passed on as their bytes, read here. An archive member is refused,
with its name and why, when its path tries to leave the archive, when it is too big, or when it
expands like a zip bomb; other members go on. Files that are not activities (photos, CSV in an
export) are counted, not reported.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_FILE_BYTES = 50 * 1024 * 1024  # one activity file, decompressed
MAX_ARCHIVE_MEMBERS = 100_000
MAX_RATIO = 200  # expanded / compressed size: real FIT/GPX compress ~5-20x, bombs ~1000x
SUFFIXES = (".fit", ".gpx", ".tcx")
_GZIP_MAGIC = b"\x1f\x8b"
_TOO_BIG = f"larger than {MAX_FILE_BYTES // 2**20} MB; skipped"


@dataclass(frozen=True, slots=True)
class Source:
    """One file to decode: its bytes (decompressed), or the path of a plain file to read."""

    name: str
    data: bytes = b""
    path: Path | None = None

    def read(self) -> bytes:
        """The file's bytes (no more than the size limit and one byte: the reader refuses it)."""
        if self.path is None:
            return self.data
        with self.path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)


@dataclass
class Walk:
    """What walking the paths found besides the sources: refusals and other files."""

    refused: list[tuple[str, str]] = field(default_factory=list)
    other_files: int = 0


def sources(paths: list[Path], walk: Walk) -> Iterator[Source]:
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _file(child, walk)
        elif path.suffix.lower() == ".zip":
            yield from _zip(path, walk)
        else:
            yield from _file(path, walk, explicit=True)


def is_activity_name(name: str) -> bool:
    lower = name.lower().removesuffix(".gz")
    return lower.endswith(SUFFIXES)


def _file(path: Path, walk: Walk, explicit: bool = False) -> Iterator[Source]:
    if path.suffix.lower() == ".zip":
        yield from _zip(path, walk)
        return
    if not is_activity_name(path.name) and not explicit:
        walk.other_files += 1
        return
    try:
        with path.open("rb") as handle:
            gzipped = handle.read(2) == _GZIP_MAGIC
            raw = handle.read(MAX_FILE_BYTES + 1) if gzipped else b""
            size = path.stat().st_size
    except OSError as exc:
        walk.refused.append((str(path), f"cannot be read ({exc.strerror or exc})"))
        return
    if gzipped:
        yield from _plain(str(path), _GZIP_MAGIC + raw, walk)
    elif size > MAX_FILE_BYTES:
        walk.refused.append((str(path), _TOO_BIG))
    else:
        yield Source(str(path), path=path)


def _zip(path: Path, walk: Walk) -> Iterator[Source]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        walk.refused.append((str(path), f"not a readable zip archive ({exc})"))
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_ARCHIVE_MEMBERS:
            walk.refused.append(
                (str(path), f"more than {MAX_ARCHIVE_MEMBERS:,} files in one archive")
            )
            return
        for member in members:
            yield from _member(archive, member, f"{path.name}:{member.filename}", walk)


def _member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, walk: Walk
) -> Iterator[Source]:
    if not is_activity_name(member.filename):
        walk.other_files += 1
        return
    problem = _unsafe(member)
    if problem:
        walk.refused.append((name, problem))
        return
    try:
        with archive.open(member) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # the declared size may lie: read no more
    except (OSError, zipfile.BadZipFile, RuntimeError, EOFError) as exc:
        walk.refused.append((name, f"cannot be extracted ({exc})"))
        return
    yield from _plain(name, raw, walk)


def _unsafe(member: zipfile.ZipInfo) -> str | None:
    parts = PurePosixPath(member.filename.replace("\\", "/")).parts
    if member.filename.startswith(("/", "\\")) or ".." in parts or ":" in member.filename:
        return "unsafe path in the archive (absolute or leaving it); skipped"
    if member.file_size > MAX_FILE_BYTES:
        return f"larger than {MAX_FILE_BYTES // 2**20} MB; skipped"
    if member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
        return "expands like a zip bomb; skipped"
    return None


def _plain(name: str, raw: bytes, walk: Walk) -> Iterator[Source]:
    """The bytes of one file, gunzipped (bounded) if they are gzip."""
    if len(raw) > MAX_FILE_BYTES:
        walk.refused.append((name, _TOO_BIG))
        return
    if raw[:2] == _GZIP_MAGIC:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as unzipped:
                raw = unzipped.read(MAX_FILE_BYTES + 1)
        except (OSError, EOFError) as exc:
            walk.refused.append((name, f"broken gzip ({exc})"))
            return
        if len(raw) > MAX_FILE_BYTES:
            walk.refused.append((name, "expands past the size limit (gzip bomb?); skipped"))
            return
        name = name.removesuffix(".gz").removesuffix(".GZ")
    yield Source(name, raw)
