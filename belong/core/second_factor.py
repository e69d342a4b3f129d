"""The second factor every staff page and the admin ask for: has this session passed one,
and where does a staff member go who has not."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def passed_second_factor(request: HttpRequest) -> bool:
    """True when this session was signed in with a second factor (TOTP or passkey)."""
    user = request.user
    if not is_mfa_enabled(user):
        return False
    return any(
        record.get("method") in {"mfa", "passkey"}
        for record in get_authentication_records(request, user)
    )


def second_factor_just_set_up(sender, *, request, user, authenticator, **kwargs) -> None:
    """Setting up an authenticator app or a passkey takes a code from it or a touch of it:
    the session has passed that second factor, so the staff page the member was on the way
    to opens without asking for it once more."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    if request is not None and authenticator.type in (
        Authenticator.Type.TOTP,
        Authenticator.Type.WEBAUTHN,
    ):
        record_authentication(request, user, method="mfa", type=authenticator.type)


def second_factor_redirect(request: HttpRequest, next_url: str):
    """Where a staff member goes first who has not passed a second factor in this session:
    setting up an authenticator, or confirming with it. None when they have passed one."""
    if not is_mfa_enabled(request.user):
        messages.info(
            request,
            _("Staff pages need a second factor. Please set up an authenticator app."),
        )
        return redirect("mfa_activate_totp")
    if not passed_second_factor(request):
        messages.info(
            request,
            _("Please sign in again with your second factor to open staff pages."),
        )
        query = urlencode({"next": next_url})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
    return None
