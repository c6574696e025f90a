"""Decode many activity files on every core, in order, with a bounded number in flight.

Each file is read in a worker process (decoding is pure CPU); a file that cannot be read comes
back as a `Decoded` with its one-line reason, so one bad file never stops the rest. A plain file
on disk travels to its worker as a path and the worker reads it.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from types import MappingProxyType

from runrehab.adapters.activities.archive import Source
from runrehab.adapters.activities.errors import ActivityFileError
from runrehab.adapters.activities.reading import read_activity
from runrehab.domain.activity import Decoded

IN_FLIGHT_PER_WORKER = 8  # enough to keep the workers busy, few enough to bound memory


def decode(source: Source) -> Decoded:
    try:
        data = source.read()
    except OSError as exc:
        reason = f"{source.name}: cannot be read ({exc.strerror or exc})"
        return Decoded(source.name, "", None, reason)
    digest = hashlib.sha256(data).hexdigest()
    try:
        return Decoded(source.name, digest, read_activity(source.name, data))
    except ActivityFileError as exc:
        return Decoded(source.name, digest, None, str(exc))


def _decode_portable(source: Source) -> Decoded:
    """`decode` in a worker: a read-only mapping cannot be pickled, so it travels as a dict."""
    decoded = decode(source)
    if decoded.activity is None:
        return decoded
    histogram = dict(decoded.activity.pace_histogram)
    return replace(decoded, activity=replace(decoded.activity, pace_histogram=histogram))


def _restored(decoded: Decoded) -> Decoded:
    if decoded.activity is None:
        return decoded
    histogram = MappingProxyType(dict(decoded.activity.pace_histogram))
    return replace(decoded, activity=replace(decoded.activity, pace_histogram=histogram))


def decode_all(sources: Iterable[Source], workers: int | None = None) -> Iterator[Decoded]:
    """The decoded files in the order of `sources`; one worker means no pool at all."""
    count = workers or os.cpu_count() or 1
    if count == 1:
        yield from map(decode, sources)
        return
    with ProcessPoolExecutor(count) as pool:
        for decoded in _bounded(pool.submit, sources, count * IN_FLIGHT_PER_WORKER):
            yield _restored(decoded)


def _bounded(
    submit: Callable[[Callable[[Source], Decoded], Source], Future[Decoded]],
    sources: Iterable[Source],
    limit: int,
) -> Iterator[Decoded]:
    """`Executor.map` would read every source into memory first; this keeps `limit` in flight."""
    pending: deque[Future[Decoded]] = deque()
    for source in sources:
        pending.append(submit(_decode_portable, source))
        if len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
