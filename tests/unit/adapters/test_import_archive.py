"""Walking paths and export archives: activities found (gzipped or not), everything unsafe
refused by name with the reason, other files counted, nothing extracted to disk; a plain file is
passed on by its path and decodes as its bytes would."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest

from runrehab.adapters.activities import activity_summary
from runrehab.adapters.activities.archive import MAX_FILE_BYTES, Source, Walk, sources
from runrehab.adapters.activities.decode import decode, decode_all

FIT = b"\x0e\x10" + b"fake fit bytes" * 10
FILES = Path(__file__).parents[2] / "data" / "activities"
ACTIVITY_FILES = sorted(p for p in FILES.iterdir() if p.suffix in {".fit", ".gpx", ".tcx"})


def _names(paths: list[Path]) -> tuple[list[str], Walk]:
    walk = Walk()
    return [s.name for s in sources(paths, walk)], walk


def test_an_export_zip_gives_its_activities_gunzipped_and_counts_the_rest(tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("activities/1.fit", FIT)
        z.writestr("activities/2.fit.gz", gzip.compress(FIT))
        z.writestr("activities/3.gpx", b"<gpx/>")
        z.writestr("activities.csv", b"id,name")
        z.writestr("media/photo.jpg", b"\xff\xd8")
    walk = Walk()
    found = list(sources([export], walk))
    assert [s.name for s in found] == [
        "export.zip:activities/1.fit",
        "export.zip:activities/2.fit",
        "export.zip:activities/3.gpx",
    ]
    assert found[1].data == FIT
    assert (walk.refused, walk.other_files) == ([], 2)


def test_path_tricks_and_zip_bombs_are_refused_by_name_and_the_rest_goes_on(
    tmp_path: Path,
) -> None:
    export = tmp_path / "tricky.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("../../etc/evil.fit", FIT)
        z.writestr("/abs.fit", FIT)
        z.writestr("bomb.fit", b"\0" * (8 * 1024 * 1024))
        z.writestr("ok.fit", FIT)
    names, walk = _names([export])
    assert names == ["tricky.zip:ok.fit"]
    reasons = dict(walk.refused)
    assert "unsafe path" in reasons["tricky.zip:../../etc/evil.fit"]
    assert "unsafe path" in reasons["tricky.zip:/abs.fit"]
    assert "zip bomb" in reasons["tricky.zip:bomb.fit"]


def test_a_gzip_bomb_and_a_huge_file_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.fit.gz"
    bomb.write_bytes(gzip.compress(b"\0" * (MAX_FILE_BYTES + 10)))
    huge = tmp_path / "huge.gpx"
    huge.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    names, walk = _names([bomb, huge])
    assert names == []
    assert [name for name, _ in walk.refused] == [str(bomb), str(huge)]


def test_a_folder_is_walked_and_a_broken_zip_reported(tmp_path: Path) -> None:
    (tmp_path / "runs").mkdir()
    (tmp_path / "runs" / "a.tcx").write_bytes(b"<TrainingCenterDatabase/>")
    (tmp_path / "runs" / "notes.txt").write_text("hello")
    (tmp_path / "runs" / "broken.zip").write_bytes(b"PK not really")
    names, walk = _names([tmp_path / "runs"])
    assert names == [str(tmp_path / "runs" / "a.tcx")]
    assert walk.other_files == 1
    assert walk.refused[0][0].endswith("broken.zip")
    assert "not a readable zip" in walk.refused[0][1]


def test_a_file_named_explicitly_is_tried_whatever_its_extension(tmp_path: Path) -> None:
    odd = tmp_path / "download"
    odd.write_bytes(FIT)
    names, _ = _names([odd])
    assert names == [str(odd)]


def test_plain_files_are_passed_on_by_path_and_gzipped_ones_as_their_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.fit").write_bytes(FIT)
    (tmp_path / "b.fit.gz").write_bytes(gzip.compress(FIT))
    plain, unzipped = sources([tmp_path], Walk())
    assert (plain.path, plain.data, plain.read()) == (tmp_path / "a.fit", b"", FIT)
    assert (unzipped.name, unzipped.path, unzipped.data) == (str(tmp_path / "b.fit"), None, FIT)


@pytest.mark.parametrize("path", ACTIVITY_FILES, ids=lambda p: p.name)
def test_a_file_decoded_from_its_path_is_the_same_as_from_its_bytes(path: Path) -> None:
    by_path = decode(Source(path.name, path=path))
    by_bytes = decode(Source(path.name, path.read_bytes()))
    assert by_path == by_bytes
    if by_path.activity is not None:
        assert activity_summary(by_path.activity) == activity_summary(by_bytes.activity)


def test_worker_processes_read_the_paths_they_are_sent() -> None:
    files = [Source(p.name, path=p) for p in ACTIVITY_FILES]
    assert list(decode_all(files, workers=2)) == [decode(f) for f in files]
