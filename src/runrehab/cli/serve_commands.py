"""`runrehab serve`: the web app (what `make run` starts), optionally with the demo seeded.

It refuses to start, with one line naming the setting and exit code 2, when the settings are
unsafe for where it listens (`config.refusal`). Forwarded client addresses are believed only from
`RUNREHAB_TRUSTED_PROXIES` (uvicorn's own default would believe any local process).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from runrehab.cli.common import consoles
from runrehab.cli.errors import bad_option, user_errors

if TYPE_CHECKING:
    from runrehab.config import Settings


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Seed the demo runners first (idempotent).")
    ] = False,
) -> None:
    """Start the web app on http://HOST:PORT (migrating the database first)."""
    # Imported here: the web stack is only needed by this command.
    import uvicorn

    from runrehab.config import refusal
    from runrehab.services.demo import DEMO_LOGINS, seed_demo
    from runrehab.web.app import create_app

    out, err = consoles()
    settings = _settings(host, port, err)
    refused = refusal(settings, host)
    if refused is not None:
        raise bad_option(err, *refused)
    with user_errors(err):
        app = create_app(settings)
        state = app.state.runrehab
        if demo:
            created = seed_demo(date.today(), state.kb, state.hasher, state.uow(), state.clock)
            out.print("Demo seeded." if created else "Demo already there.")
        out.print(f"\n[bold]runrehab is running at http://{host}:{port}[/bold]")
        if demo:
            for email, password in DEMO_LOGINS:
                out.print(f"  log in as [bold]{email}[/bold] / [bold]{password}[/bold]")
        out.print("Press Ctrl+C to stop.\n")
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)


def _settings(host: str, port: int, err: Console) -> Settings:
    """The environment's settings; the address served on is the base URL of links unless
    `RUNREHAB_BASE_URL` says otherwise (behind a proxy, the address people use)."""
    from pydantic import ValidationError

    from runrehab.config import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = f"RUNREHAB_{str(first['loc'][0]).upper()}" if first["loc"] else "environment"
        reason = first["msg"].removeprefix("Value error, ").removeprefix(f"{name} ")
        raise bad_option(err, name, reason) from None
    if "base_url" in settings.model_fields_set:
        return settings
    return settings.model_copy(update={"base_url": f"http://{host}:{port}"})
