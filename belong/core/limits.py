"""Rate limits shared by every app server: counted in the cache, which is Redis in production."""

from __future__ import annotations

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from belong.operations.cache import CacheUnavailable, fail_open

logger = logging.getLogger(__name__)

# Low-risk limits that let people through, with a logged warning, while Redis is gone; every
# other limit is counted in the database meanwhile (belong.operations.cache), never skipped.
FAIL_OPEN_SCOPES = frozenset({"search"})


class RateLimited(Exception):
    """Raised by `hit()`; pages show `message` politely, the API answers 429 + Retry-After."""

    def __init__(self, scope: str, retry_after: int):
        self.scope = scope
        self.retry_after = max(1, int(retry_after))
        minutes = math.ceil(self.retry_after / 60)
        if self.retry_after < 60:
            message = _("You have done this many times in a short while. Please wait a moment.")
        else:
            message = ngettext(
                "You have done this many times in a short while. "
                "Please try again in %(minutes)d minute.",
                "You have done this many times in a short while. "
                "Please try again in %(minutes)d minutes.",
                minutes,
            ) % {"minutes": minutes}
        super().__init__(message)
        self.message = message


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/m' -> (5, 60). Units: s, m, h, d, optionally with a count ('10/5m')."""
    count, _slash, period = rate.partition("/")
    digits = "".join(ch for ch in period if ch.isdigit())
    unit = period[len(digits) :] or "s"
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]
    return int(count), seconds * (int(digits) if digits else 1)


def hit(scope: str, key: str | int, rate: str | None = None, *, now: float | None = None) -> None:
    """Count one use of `scope` by `key`; raise RateLimited when the rate is passed.

    `rate` defaults to settings.BELONG_RATE_LIMITS[scope]; a missing or empty rate
    means no limit. Each key's window begins at its first use, not on the clock: a limit of
    5 an hour is 5 in any hour that starts with a use, never 10 across the turn of an hour,
    and the wait it names is the same whatever the time. The window's start and its count
    live in the cache (Redis in production), so every app server shares them.
    """
    rate = rate if rate is not None else settings.BELONG_RATE_LIMITS.get(scope)
    if not rate:
        return
    if scope in FAIL_OPEN_SCOPES:
        try:
            with fail_open():
                _count(scope, key, rate, now=now)
        except CacheUnavailable:
            logger.warning("The %s limit is not counted while Redis does not answer.", scope)
        return
    _count(scope, key, rate, now=now)


def _count(scope: str, key: str | int, rate: str, *, now: float | None) -> None:
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    start_key = f"limit:{scope}:{key}"
    start = cache.get(start_key)
    began = False
    if start is None:
        # Of two first uses at once, `add` lets one begin the window; the other counts in it.
        began = cache.add(start_key, now, timeout=period + 1)
        start = now if began else cache.get(start_key, now)
    elif now >= start + period:
        start, began = now, True
        cache.set(start_key, start, timeout=period + 1)
    count_key = f"{start_key}:{start!r}"
    if began:
        cache.set(count_key, 1, timeout=period + 1)
        count = 1
    else:
        try:
            count = cache.incr(count_key)
        except ValueError:  # the count expired a moment before its start
            count = 1 if cache.add(count_key, 1, timeout=period + 1) else cache.incr(count_key)
    if count > limit:
        raise RateLimited(scope, start + period - now)


def address_key(request) -> str:
    """The limit key of an anonymous visitor: their own address, as allauth's limits see it
    (behind our proxy the last X-Forwarded-For entry it added, not the proxy's address, which
    every visitor would otherwise share)."""
    from allauth.account.adapter import get_adapter

    return f"ip:{get_adapter(request).get_client_ip(request)}"
