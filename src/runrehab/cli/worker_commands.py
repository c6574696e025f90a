"""`runrehab worker`: send the notifications outbox (the web server also runs this in a thread)."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from runrehab.cli.common import consoles, open_store, utc_now
from runrehab.cli.errors import user_errors


def register(app: typer.Typer) -> None:
    app.command("worker")(worker_command)


def worker_command(
    once: Annotated[bool, typer.Option("--once", help="Send what is due, then stop.")] = False,
    interval: Annotated[
        int, typer.Option("--interval", min=1, help="Seconds between rounds.")
    ] = 30,
) -> None:
    """Send due e-mail notifications through SMTP (RUNREHAB_SMTP_HOST), retrying failures."""
    from runrehab.adapters.mail import make_mailer
    from runrehab.config import Settings
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.services.notifications import send_due
    from runrehab.services.reminders import queue_reminders

    out, err = consoles()
    with user_errors(err):
        settings = Settings()
        store, mailer, kb = open_store(), make_mailer(settings), load_knowledge_base()
        while True:
            now = utc_now()
            if now.hour >= settings.reminder_hour_utc:
                queue_reminders(now.date(), kb, store, utc_now)
            sent, failed = send_due(mailer, store, utc_now)
            if sent or failed:
                out.print(f"sent {sent}, failed {failed} (retried later)")
            if once:
                return
            time.sleep(interval)
