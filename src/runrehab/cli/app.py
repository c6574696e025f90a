"""`runrehab`: assess, plan, log and follow progress from the command line.

Each group of commands lives in its own module; this one wires them into one Typer app.
"""

from __future__ import annotations

import typer

from runrehab.cli import (
    activity_commands,
    assess_commands,
    import_commands,
    library_commands,
    log_commands,
    pace_commands,
    progress_commands,
    questionnaire_commands,
    serve_commands,
    worker_commands,
)

app = typer.Typer(
    help="Evidence-informed triage, rehab and return-to-run plans for injured runners.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
assess_commands.register(app)
app.add_typer(progress_commands.plan_app, name="plan")
app.add_typer(log_commands.log_app, name="log")
app.add_typer(activity_commands.activity_app, name="activity")
progress_commands.register(app)
questionnaire_commands.register(app)
library_commands.register(app)
pace_commands.register(app)
import_commands.register(app)
serve_commands.register(app)
worker_commands.register(app)


def main() -> None:
    app()
