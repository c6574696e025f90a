"""`runrehab serve`: the web app (what `make run` starts), optionally with the demo seeded."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from runrehab.cli.common import consoles
from runrehab.cli.errors import user_errors


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
    import uvicorn  # noqa: PLC0415

    from runrehab.config import Settings  # noqa: PLC0415
    from runrehab.services.demo import DEMO_LOGINS, seed_demo  # noqa: PLC0415
    from runrehab.web.app import create_app  # noqa: PLC0415

    out, err = consoles()
    with user_errors(err):
        settings = Settings(base_url=f"http://{host}:{port}")
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
        uvicorn.run(app, host=host, port=port, log_level="warning")
