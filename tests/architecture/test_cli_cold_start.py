"""`runrehab --help` starts fast because commands import their dependencies when they run: the
app imports none of the heavy stack, and making it lazy changed no command, option or help text
(`tests/data/cli_commands.json` holds them as they were, every parameter of every command)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import typer.main

from runrehab.cli.app import app

COMMANDS = Path(__file__).parents[1] / "data" / "cli_commands.json"
HEAVY = (
    "sqlalchemy",
    "alembic",
    "fastapi",
    "uvicorn",
    "fitdecode",
    "lxml",
    "yaml",
    "pydantic",
    "icalendar",
    "argon2",
    "runrehab.knowledge.loader",
    "runrehab.services",
    "runrehab.adapters",
)
SHOW_HELP = """
import json, sys
from runrehab.cli.app import app
try:
    app(["--help"])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def commands() -> dict[str, Any]:
    """Every command by its path, with its help and each parameter as `--help` describes it."""
    found: dict[str, Any] = {}

    def walk(command: click.Command, path: str) -> None:
        found[path] = {
            "help": command.help,
            "params": [
                {
                    "name": p.name,
                    "opts": p.opts + p.secondary_opts,
                    "required": p.required,
                    "default": repr(p.default),
                    "help": getattr(p, "help", None),
                }
                for p in command.params
            ],
        }
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
    return found


def test_runrehab_help_imports_none_of_the_heavy_stack() -> None:
    ran = subprocess.run(
        [sys.executable, "-c", SHOW_HELP], capture_output=True, text=True, timeout=120, check=True
    )
    assert "Usage" in ran.stdout
    imported = json.loads(ran.stderr.splitlines()[-1])
    assert [m for m in imported if m.startswith(HEAVY)] == []


def test_every_command_option_and_help_text_is_as_it_was() -> None:
    """To change the CLI on purpose, rewrite the file: `python -c "import json; from
    tests.architecture.test_cli_cold_start import COMMANDS, commands;
    COMMANDS.write_text(json.dumps(commands(), indent=1) + chr(10))"`."""
    assert commands() == json.loads(COMMANDS.read_text("utf-8"))
