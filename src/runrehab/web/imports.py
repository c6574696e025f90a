"""The web app's import: uploads saved, walked and decoded like the CLI's, then stored."""

from __future__ import annotations

from dataclasses import replace

from fastapi import UploadFile

from runrehab.adapters.imports.archive import Walk, sources
from runrehab.adapters.imports.decode import decode_all
from runrehab.services.activities import ImportReport, import_decoded
from runrehab.web.state import AppState
from runrehab.web.uploads import saved, shown

SMALL = 8  # this many single files decode in the request's own process; more use every core


def import_uploads(state: AppState, runner_id: str, files: list[UploadFile]) -> ImportReport:
    with saved(files) as (paths, folder):
        walk = Walk()
        big = len(paths) > SMALL or any(p.suffix.lower() == ".zip" for p in paths)
        report = import_decoded(
            runner_id,
            decode_all(sources(paths, walk), None if big else 1),
            state.uow(),
            state.clock,
        )
    report.failed[:0] = walk.refused
    report.imported = [(shown(n, folder), a) for n, a in report.imported]
    report.duplicates = [(shown(n, folder), why) for n, why in report.duplicates]
    report.guessed = [replace(g, file=shown(g.file, folder)) for g in report.guessed]
    report.failed = [(shown(n, folder), why.replace(folder + "/", "")) for n, why in report.failed]
    return report
