"""The one error the activity readers raise: the file, and why it cannot be read, on one line."""

from __future__ import annotations

from runrehab.domain.errors import RunrehabError


class ActivityFileError(RunrehabError):
    """A watch file that cannot be read: damaged, truncated, too large, unsafe or not an activity.

    `str(error)` is one line, "NAME: reason", fit to print as it is; line breaks in a reason (a
    parser's message, say) are folded into spaces.
    """

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = " ".join(reason.split())
        super().__init__(f"{name}: {self.reason}")
