"""`runrehab knowledge docs`: the knowledge base as one Markdown document, printed, written or checked.

Exit codes: 0 printed, written or up to date; 1 the file is out of date (or missing) under
`--check`; 2 the file cannot be read or written; 3 the knowledge base does not load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from runrehab.cli.common import consoles
from runrehab.cli.errors import bad_option, user_errors
from runrehab.render.kb_docs_path import DOCS_PATH

EXIT_OUT_OF_DATE = 1


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
    from runrehab.cli.files import write_atomically
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.render.kb_docs import render_knowledge_base

    out, err = consoles()
    with user_errors(err):
        text = render_knowledge_base(load_knowledge_base(data))
    if check:
        _check(output or Path(DOCS_PATH), text, data, out, err)
    elif output is None:
        typer.echo(text, nl=False)
    else:
        write_atomically(output, text.encode("utf-8"), err, "--output")
        _say(out, f"wrote {output}")


def _check(path: Path, text: str, data: Path | None, out: Console, err: Console) -> None:
    from runrehab.render.kb_docs import regenerate_command

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


def _say(console: Console, line: str) -> None:
    console.print(line, highlight=False, markup=False, soft_wrap=True)
