"""The one exception hierarchy of runrehab.

    RunrehabError                 every error this package raises on purpose
    ├── InvalidInputError         a user's answers, profile or log failed validation
    │                             (carries every problem, each with the key it concerns)
    ├── KnowledgeBaseError        a knowledge-base data file is broken (file, key, reason)
    ├── NotFoundError             an episode, runner or record that does not exist
    ├── TooManyRequestsError      a per-account limit was reached (429, with when to retry)
    └── ConflictError             the request clashes with what is stored (409)
        ├── ConcurrentWriteError  a concurrent write won (the use case may retry)
        └── ReferredError         a change that adds load, for a runner a clinician must see first

Entry points map these in one place: the CLI to exit code 2 and one clear message per problem.
Anything else escaping is a bug and is allowed to show a traceback.
"""

from dataclasses import dataclass


class RunrehabError(Exception):
    """Base of every error raised on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where (a dotted key or a line number) and what."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class InvalidInputError(RunrehabError):
    """User input was rejected; `problems` lists every reason, not just the first."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(f"{source}: " + "; ".join(str(p) for p in problems))


class KnowledgeBaseError(RunrehabError):
    """A knowledge-base file failed validation; start-up must stop with this message."""

    def __init__(self, file: str, key: str, reason: str) -> None:
        self.file = file
        self.key = key
        self.reason = reason
        super().__init__(f"{file}: {key}: {reason}")


class NotFoundError(RunrehabError):
    """The thing asked for does not exist (for example: no episode yet; run `runrehab assess`)."""


class TooManyRequestsError(RunrehabError):
    """A per-account limit (invitations an hour) was reached; `retry_after_s` says when a new
    request would be accepted."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(message)


class ConflictError(RunrehabError):
    """The request clashes with what is stored (an email or an entry id already in use)."""


class ConcurrentWriteError(ConflictError):
    """A concurrent transaction committed first; the use case may retry."""


class ReferredError(ConflictError):
    """The runner's current episode is a referral (a red flag, or a clinician must see them
    first): no one may loosen the plan until a new assessment after the runner has been seen."""
