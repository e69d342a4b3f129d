"""The one clock: every rule that depends on time (expiry, reminders, closure, the 18th
birthday, limits on new accounts) reads `now()` or `today()` here, so tests, demos and
operators can move it (`belong tick --now 2026-12-08T10:00`). The machinery of delivery
stays on the wall clock: task leases and heartbeats, e-mail claims, rate-limit windows."""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_moment: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar(
    "belong_clock_moment", default=None
)


def now() -> datetime.datetime:
    """The current moment (aware), or the one the clock is set to."""
    moment = _moment.get()
    return moment if moment is not None else timezone.now()


def today() -> datetime.date:
    """Today's date where Belong runs (TIME_ZONE), as the clock has it."""
    return timezone.localdate(now())


@contextmanager
def set_to(moment: datetime.datetime) -> Iterator[datetime.datetime]:
    """Run the block as of `moment` (naive moments are read in TIME_ZONE)."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    token = _moment.set(moment)
    try:
        yield moment
    finally:
        _moment.reset(token)
