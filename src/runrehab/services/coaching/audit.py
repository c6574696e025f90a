"""Who has seen a runner's record: every view by someone other than the runner is recorded in
the unit of work of the read (a failed read records nothing; a shown view is never lost); the
runner reads their log, an organisation's admin the clinic's. Also the consents runners gave."""

from __future__ import annotations

from typing import Any

from runrehab.domain.records import AccessEvent, Consent
from runrehab.services.accounts import Account
from runrehab.services.coaching.organisations import admin_of
from runrehab.services.ports import Clock, UnitOfWork

# The version of the terms a runner accepts when joining a coach; raise it when the words change.
TERMS_VERSION = 1
LISTED = 50


def record_view(viewer: Account, runner_id: str, what: str, uow: UnitOfWork, clock: Clock) -> None:
    """Inside the caller's unit of work, before its commit: the view, unless it is the runner's
    own."""
    if viewer.runner_id != runner_id:
        uow.access_log.add(AccessEvent(viewer.user_id, runner_id, what, clock()))


def record_consent(runner: Account, coach_user_id: str, uow: UnitOfWork, clock: Clock) -> None:
    """Inside the caller's unit of work: the runner let the coach in under `TERMS_VERSION`."""
    uow.access_log.add_consent(Consent(runner.runner_id, coach_user_id, TERMS_VERSION, clock()))


def my_access_log(runner: Account, uow: UnitOfWork) -> dict[str, list[dict[str, Any]]]:
    """The last `LISTED` views of the runner's record, newest first, and their consents."""
    with uow:
        return {
            "views": uow.access_log.of_runner(runner.runner_id, LISTED),
            "consents": uow.access_log.consents(runner.runner_id),
        }


def organisation_access_log(admin: Account, uow: UnitOfWork) -> list[dict[str, Any]]:
    """The last `LISTED` views by the organisation's coaches; NotFoundError for anyone but its
    admin."""
    with uow:
        return uow.access_log.of_organisation(admin_of(admin, uow), LISTED)
