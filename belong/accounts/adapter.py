"""Belong's allauth adapter: a login a moment ago counts as having just given the password."""

from __future__ import annotations

import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records


def signed_in_recently(request) -> bool:
    """True when this session signed in (or confirmed who it is) within allauth's
    reauthentication window, with a method that allauth accepts for reauthenticating."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    at = [
        record.get("at", 0)
        for record in get_authentication_records(request, user)
        if record.get("method") in app_settings.REAUTHENTICATION_METHODS
    ]
    return bool(at) and time.time() - max(at) < app_settings.REAUTHENTICATION_TIMEOUT


class AccountAdapter(DefaultAccountAdapter):
    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # allauth asks for the password again before an authenticator is set up even when it
        # was typed a minute ago: new staff logged in and were asked at once to log in again.
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        return self.request is None or not signed_in_recently(self.request)
