"""The coach and clinic use cases. Authorization lives here, not in templates: every coach-side
function checks the runner's grant first and answers NotFoundError without one, so a coach cannot
even learn whether a runner they may not see exists.

access.py         becoming a coach, invites, a runner's grants and the access check
organisations.py  an organisation's admin and its coaches
messages.py       the runner-coach threads and a coach's clinical notes
rosters.py        the roster, most in need of attention first, a page at a time
runner_files.py   what a coach sees of one runner
red_flags.py      an episode's red flags with the answers behind them
plan_changes.py   a coach's change to the plan (an override): checked, stored, described
audit.py          who has seen a runner's record (recorded with each view), and consents
"""

from runrehab.services.coaching.access import (
    INVITE_VALID_FOR,
    accept,
    become_coach,
    coaches,
    invite,
    require_coach,
    revoke,
)
from runrehab.services.coaching.audit import (
    LISTED,
    TERMS_VERSION,
    my_access_log,
    organisation_access_log,
)
from runrehab.services.coaching.messages import MAX_MESSAGE, add_note, read_thread, send
from runrehab.services.coaching.organisations import (
    admin_of,
    organisation_coaches,
    remove_organisation_coach,
)
from runrehab.services.coaching.plan_changes import describe_override, override
from runrehab.services.coaching.rosters import RosterPage, cursor, roster
from runrehab.services.coaching.runner_files import runner_file

__all__ = [
    "INVITE_VALID_FOR",
    "LISTED",
    "MAX_MESSAGE",
    "TERMS_VERSION",
    "RosterPage",
    "accept",
    "add_note",
    "admin_of",
    "become_coach",
    "coaches",
    "cursor",
    "describe_override",
    "invite",
    "my_access_log",
    "organisation_access_log",
    "organisation_coaches",
    "override",
    "read_thread",
    "remove_organisation_coach",
    "require_coach",
    "revoke",
    "roster",
    "runner_file",
    "send",
]
