"""`runrehab import PATH...`: runs from watch files, folders and account-export zips.

Files decode on every core while a progress bar counts them; the summary says what was imported,
what was skipped as a duplicate and why, every file that could not be read, by name, and every
file that did not say its sport: what it was taken for, why, and the command that confirms it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from runrehab.cli.common import (
    DEFAULT_RUNNER,
    JsonOption,
    RunnerOption,
    consoles,
    open_store,
    utc_now,
)
from runrehab.cli.errors import user_errors

if TYPE_CHECKING:
    from rich.progress import Progress

    from runrehab.services.activities import ImportReport

Paths = Annotated[
    list[Path],
    typer.Argument(
        help="FIT, GPX or TCX files (gzipped too), folders, or an export .zip.", exists=True
    ),
]
Workers = Annotated[
    int | None, typer.Option("--workers", min=1, help="Decoding processes; default: every core.")
]


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)


def import_command(
    paths: Paths,
    runner: RunnerOption = DEFAULT_RUNNER,
    workers: Workers = None,
    as_json: JsonOption = False,
) -> None:
    """Import runs from a watch: duplicates are skipped and bad files reported; when no file was
    imported (nor already there) each file's reason is given and the exit code is 2."""
    from runrehab.adapters.activities.archive import Walk, sources
    from runrehab.adapters.activities.decode import decode_all
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.services.activities import import_decoded
    from runrehab.services.episodes import runner_named

    out, err = consoles()
    with user_errors(err):
        store = open_store()
        runner_id = runner_named(runner, store)
        walk = Walk()
        with _progress(err, as_json) as progress:
            task = progress.add_task("Importing", total=None)
            report = import_decoded(
                runner_id,
                decode_all(sources(paths, walk), workers),
                load_knowledge_base(),
                store,
                utc_now,
                on_each=lambda _: progress.advance(task),
            )
        report.failed[:0] = walk.refused
        report.or_refused()  # nothing imported or already there: each file's reason, exit 2
        if as_json:
            print(json.dumps(report.as_json() | {"other_files": walk.other_files}, indent=2))
        else:
            _summary(out, report, walk.other_files)
            _guesses(out, report, runner)


def _progress(err: Console, quiet: bool) -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )


def _summary(out: Console, report: ImportReport, other_files: int) -> None:
    km = sum(a.distance_m for _, a in report.imported) / 1000
    out.print(
        f"Imported {len(report.imported)} activities ({km:.1f} km); "
        f"{len(report.duplicates)} duplicates skipped; {len(report.failed)} could not be read"
        + (f"; {other_files} other files ignored." if other_files else "."),
        highlight=False,
    )
    for title, rows in (
        ("Skipped as duplicates", report.duplicates),
        ("Not imported", report.failed),
    ):
        if rows:
            table = Table(title=title, show_lines=False)
            table.add_column("File", overflow="fold")
            table.add_column("Why", overflow="fold")
            for name, why in rows:
                table.add_row(name, why.removeprefix(f"{name}: "))
            out.print(table)


def _guesses(out: Console, report: ImportReport, runner: str) -> None:
    """One line for the files that named no sport, then each with its guess and the command."""
    if not report.guessed:
        return
    runs = sum(g.guess.counted_as_run for g in report.guessed)
    others = len(report.guessed) - runs
    out.print(
        f"{_files(len(report.guessed))} did not say the sport, so it was guessed from the pace: "
        + (
            f"{runs} likely run{'' if runs == 1 else 's'}, counted in the training load until "
            "you say otherwise"
            if runs
            else "no likely run"
        )
        + (f"; {others} not counted as running." if others else "."),
        highlight=False,
        soft_wrap=True,
    )
    who = "" if runner == DEFAULT_RUNNER else f" --runner {runner}"
    for g in report.guessed:
        yes = f"runrehab activity confirm {g.activity_id}{who}"
        out.print(
            f"  {g.file}: {g.guess.guess.replace('_', ' ')} ({g.guess.reason})",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        out.print(
            f"    it was a run: {yes}" if not g.guess.counted_as_run else f"    confirm: {yes}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        if g.guess.counted_as_run:
            out.print(
                f"    not a run: {yes} --not-run", highlight=False, markup=False, soft_wrap=True
            )


def _files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"
