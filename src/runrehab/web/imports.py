"""The web app's import: uploads saved, walked and decoded like the CLI's, then stored."""

from __future__ import annotations

from dataclasses import replace

from fastapi import UploadFile

from runrehab.adapters.activities.archive import Walk, sources
from runrehab.adapters.activities.decode import decode_all
from runrehab.services.activities import ImportReport, import_decoded
from runrehab.web.state import AppState
from runrehab.web.uploads import saved

SMALL = 8  # this many single files decode in the request's own process; more use every core


def import_uploads(state: AppState, runner_id: str, files: list[UploadFile]) -> ImportReport:
    """The report, every file named as uploaded; InvalidInputError (each file with its reason)
    when nothing was imported or already there."""
    with saved(files) as upload:
        walk = Walk()
        big = len(upload.paths) > SMALL or any(p.suffix.lower() == ".zip" for p in upload.paths)
        report = import_decoded(
            runner_id,
            decode_all(sources(upload.paths, walk), None if big else 1),
            state.kb,
            state.uow(),
            state.clock,
        )
    report.failed[:0] = walk.refused
    report.imported = [(upload.shown(n), a) for n, a in report.imported]
    report.duplicates = [(upload.shown(n), why) for n, why in report.duplicates]
    report.guessed = [replace(g, file=upload.shown(g.file)) for g in report.guessed]
    report.failed = [(upload.shown(n), upload.shown(why)) for n, why in report.failed]
    return report.or_refused()
