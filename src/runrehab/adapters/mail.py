"""Outgoing mail: SMTP when a host is configured, the server log in development.

Used by the web app and by the `runrehab worker` CLI command, which therefore need not import the
web stack to send the outbox."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from runrehab.config import Settings

log = logging.getLogger("runrehab.mail")


class SmtpMailer:
    def __init__(self, host: str, port: int, sender: str) -> None:
        self.host, self.port, self.sender = host, port, sender

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.send_message(message)


class LogMailer:
    """Development: the message (with its link) goes to the server's log instead."""

    def send(self, to: str, subject: str, body: str) -> None:
        log.warning("mail to %s: %s\n%s", to, subject, body)
        print(f"\n--- mail to {to}: {subject}\n{body}\n---", flush=True)


def make_mailer(settings: Settings) -> SmtpMailer | LogMailer:
    """SMTP when `RUNREHAB_SMTP_HOST` is set, else the log."""
    if settings.smtp_host:
        return SmtpMailer(settings.smtp_host, settings.smtp_port, settings.mail_from)
    return LogMailer()
