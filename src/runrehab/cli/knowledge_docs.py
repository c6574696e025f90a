"""`runrehab knowledge docs`: the knowledge base as one Markdown document, printed, written or checked.

Exit codes: 0 printed, written or up to date; 1 the file is out of date (or missing) under
`--check`; 2 the file cannot be read or written; 3 the knowledge base does not load.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from runrehab.adapters.kb_docs import DOCS_PATH, regenerate_command, render_knowledge_base
from runrehab.cli.common import consoles
from runrehab.cli.errors import bad_option, user_errors
from runrehab.knowledge.loader import load_knowledge_base

EXIT_OUT_OF_DATE = 1
NEW_FILE_MODE = 0o644


def knowledge_docs(
    output: Annotated[
        Path | None,
        typer.Option("--output", help="Write the Markdown to this file (atomically)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help=f"Compare the --output file (default {DOCS_PATH}) with a fresh render; "
            "exit 1 if they differ.",
        ),
    ] = False,
    data: Annotated[Path | None, typer.Option("--data", help="A knowledge-base folder.")] = None,
) -> None:
    """The knowledge base as one Markdown document: conditions, rules, red flags, sources."""
    out, err = consoles()
    with user_errors(err):
        text = render_knowledge_base(load_knowledge_base(data))
    if check:
        _check(output or Path(DOCS_PATH), text, data, out, err)
    elif output is None:
        typer.echo(text, nl=False)
    else:
        _write(output, text, err)
        _say(out, f"wrote {output}")


def _check(path: Path, text: str, data: Path | None, out: Console, err: Console) -> None:
    current = _read_bytes(path, err)
    if current == text.encode("utf-8"):
        _say(out, f"{path} is up to date")
        return
    fix = regenerate_command(str(path), str(data) if data else None)
    state = "does not exist" if current is None else "is out of date"
    _say(err, f"{path} {state}: run `{fix}`")
    raise typer.Exit(EXIT_OUT_OF_DATE)


def _read_bytes(path: Path, err: Console) -> bytes | None:
    """The file's bytes, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise bad_option(err, "--output", f"cannot read {path}: {exc.strerror}") from None


def _write(path: Path, text: str, err: Console) -> None:
    try:
        _write_atomically(path, text)
    except OSError as exc:
        raise bad_option(err, "--output", f"cannot write {path}: {exc.strerror}") from None


def _write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never half of one: the text goes to a temporary
    file in the same folder (so `os.replace` is a rename on one file system), which keeps the
    old file's permissions."""
    mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _say(console: Console, line: str) -> None:
    console.print(line, highlight=False, markup=False, soft_wrap=True)
