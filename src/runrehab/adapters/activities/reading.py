"""Read one watch file, whatever its format: `read_activity(name, data)`.

The format is sniffed from the content (a FIT header says ".FIT" at byte 8; XML is told apart by
its root element), and the extension only decides for content too short or damaged to sniff (a
truncated ".fit"). Gzip (`.fit.gz`, `.gpx.gz`, `.tcx.gz`, as Strava's bulk export ships them) is
unpacked transparently. Input and decompressed data are both capped at `MAX_FILE_BYTES`, so a
decompression bomb stops at the cap.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path, PurePath

from runrehab.adapters.activities.errors import ActivityFileError
from runrehab.adapters.activities.fit import read_fit
from runrehab.adapters.activities.gpx import read_gpx
from runrehab.adapters.activities.safe_xml import local_name, parse_xml
from runrehab.adapters.activities.tcx import read_tcx
from runrehab.domain.activity import Activity

__all__ = ["MAX_FILE_BYTES", "read_activity", "read_activity_file"]

MAX_FILE_BYTES = 50 * 1024 * 1024  # per file, after decompression: a year of 1 s records is ~30 MB
_GZIP_MAGIC = b"\x1f\x8b"
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # a tag, or a UTF-8/16 BOM


def read_activity(name: str, data: bytes) -> Activity:
    """The activity in `data` (the bytes of a file called `name`, used in messages and as a
    hint); ActivityFileError for anything that cannot be read."""
    _check_size(name, data, "")
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(name, data)
    if not data.strip():
        raise ActivityFileError(name, "the file is empty")
    if _is_fit(data) or (_extension(name) == ".fit" and not data.lstrip().startswith(b"<")):
        return read_fit(name, data)
    if data.lstrip().startswith(_XML_STARTS):
        return _read_xml(name, data)
    raise ActivityFileError(name, "not a FIT, GPX or TCX file")


def read_activity_file(path: Path) -> Activity:
    """`read_activity` on a file, reading no more than the size limit allows."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ActivityFileError(str(path), "no such file") from None
    except IsADirectoryError:
        raise ActivityFileError(str(path), "a directory, not a file") from None
    except OSError as exc:
        raise ActivityFileError(str(path), exc.strerror or type(exc).__name__) from None
    return read_activity(str(path), data)


def _check_size(name: str, data: bytes, what: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise ActivityFileError(
            name, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB{what}; refused"
        )


def _gunzip(name: str, data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
            content = unpacked.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ActivityFileError(name, f"damaged gzip data ({exc})") from None
    _check_size(name, content, " once decompressed")
    return content


def _is_fit(data: bytes) -> bool:
    return len(data) >= 12 and data[8:12] == b".FIT"


def _extension(name: str) -> str:
    suffixes = [s.lower() for s in PurePath(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _read_xml(name: str, data: bytes) -> Activity:
    root = parse_xml(name, data)
    kind = local_name(root)
    if kind == "gpx":
        return read_gpx(name, root)
    if kind == "TrainingCenterDatabase":
        return read_tcx(name, root)
    raise ActivityFileError(name, f"XML whose root is <{kind}>, neither GPX nor TCX")
