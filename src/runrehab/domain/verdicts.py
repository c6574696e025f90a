"""The five triage verdicts, ordered by how much they restrict the runner."""

from enum import IntEnum


class Verdict(IntEnum):
    """Higher value = more restrictive. `max()` of several verdicts is therefore the safe one."""

    RUN_OK = 1
    RUN_MODIFIED = 2
    PAUSE_RUNNING = 3
    SEE_CLINICIAN = 4
    REFER_URGENT = 5

    @property
    def allows_running(self) -> bool:
        return self <= Verdict.RUN_MODIFIED

    @property
    def allows_rehab(self) -> bool:
        """Home rehab is only safe once a clinician is not needed first."""
        return self <= Verdict.PAUSE_RUNNING


RUNNING_VERDICTS = frozenset(v for v in Verdict if v.allows_running)
