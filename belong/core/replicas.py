"""Read replicas, off by default: reads go to a replica, writes to the primary, and a person
who has just written reads from the primary until the replicas have surely caught up.

"Just written" is known two ways: within the request (the router saw a write, or the request
changes something: POST and friends), and afterwards by a short-lived cookie that the
middleware sets on the response, so the page after a redirect shows the new post or message.
"""

from __future__ import annotations

import random
from contextvars import ContextVar

from django.conf import settings

PIN_COOKIE = "belong_primary"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class _RequestState:
    def __init__(self, *, primary: bool):
        self.primary = primary  # reads of this request go to the primary
        self.wrote = False  # this request wrote: keep the person on the primary a while


# None outside any request.
_state: ContextVar[_RequestState | None] = ContextVar("belong_replica_state", default=None)


class PrimaryAfterWriteRouter:
    """Outside a request (tasks, commands, the WebSocket consumers) everything stays on the
    primary: workers act on what was just written."""

    def db_for_read(self, model, **hints):
        replicas = settings.REPLICA_DATABASES
        state = _state.get()
        if not replicas or state is None or state.primary:
            return "default"
        return random.choice(replicas)  # noqa: S311 (spreading load, not a secret)

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None:
            state.primary = state.wrote = True
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class PrimaryAfterWriteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        changes = request.method not in SAFE_METHODS
        state = _RequestState(primary=changes or PIN_COOKIE in request.COOKIES)
        state.wrote = changes
        token = _state.set(state)
        try:
            response = self.get_response(request)
            if state.wrote:
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.BELONG_PRIMARY_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
            return response
        finally:
            _state.reset(token)
