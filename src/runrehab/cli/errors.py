"""One place that maps runrehab errors to exit codes and clear lines on stderr (no tracebacks)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from runrehab.domain.errors import (
    ConflictError,
    InvalidInputError,
    KnowledgeBaseError,
    NotFoundError,
)

EXIT_INVALID_INPUT = 2
EXIT_KNOWLEDGE_BASE = 3
EXIT_CONFLICT = 4


@contextmanager
def user_errors(stderr: Console) -> Iterator[None]:
    try:
        yield
    except InvalidInputError as exc:
        stderr.print(
            f"error: {exc.source}: {len(exc.problems)} problem(s)", highlight=False, soft_wrap=True
        )
        for problem in exc.problems:
            stderr.print(
                f"  {problem.where}: {problem.reason}",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
        raise typer.Exit(EXIT_INVALID_INPUT) from None
    except NotFoundError as exc:
        stderr.print(f"error: {exc}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID_INPUT) from None
    except ConflictError as exc:
        stderr.print(f"error: {exc}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_CONFLICT) from None
    except KnowledgeBaseError as exc:
        stderr.print(f"error: knowledge base: {exc}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_KNOWLEDGE_BASE) from None


def bad_option(stderr: Console, option: str, reason: str) -> typer.Exit:
    stderr.print(f"error: {option}: {reason}", highlight=False, markup=False, soft_wrap=True)
    return typer.Exit(EXIT_INVALID_INPUT)
