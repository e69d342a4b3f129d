"""Age assurance: a login with MitID through an OpenID Connect broker (allauth's
`openid_connect` provider) brings a verified `birthdate` claim. It becomes the account's
birth date, marked verified, and the citizen cannot change it afterwards (others see "age
verified"). Used at sign-up, at every later login, and when an existing account connects
MitID from the profile. A verified date on the other side of 18 from the one the account
had moves the citizen between the youth space and the adult space
(`accounts.services.birth_date_changed`).

Higher apps add checks of their own to `SOCIAL_LOGIN_CHECKS` (the staff login with the
municipality's identity provider: belong/municipalities/staff_login.py)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.urls import reverse

from belong.accounts.models import User
from belong.accounts.services import birth_date_changed
from belong.core import clock

logger = logging.getLogger(__name__)

# fn(request, sociallogin) -> None, run before every login through another provider; one
# refuses the login by raising allauth's ImmediateHttpResponse. Filled from AppConfig.ready.
SOCIAL_LOGIN_CHECKS: list[Callable] = []
# Providers (by class id) that sign in existing accounts only, never make one.
NO_SIGNUP_PROVIDERS = {"saml"}


def verified_birth_date(sociallogin) -> datetime.date | None:
    """The birth date the age-verifying provider vouches for, or None (another provider,
    no claim, or one that is no date)."""
    account = sociallogin.account
    if account.provider != settings.BELONG_MITID_PROVIDER_ID:
        return None
    data = account.extra_data or {}
    # The signed ID token first; the userinfo answer came straight from the broker too.
    for part in ("id_token", "userinfo"):
        value = (data.get(part) or {}).get("birthdate")
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                logger.warning("The %s birthdate claim is no date", account.provider)
    return None


def mark_age_verified(user: User, *, birth_date: datetime.date, provider: str) -> None:
    user.birth_date = birth_date
    user.age_verified_at = clock.now()
    user.age_verified_by = provider


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        if sociallogin.provider.id in NO_SIGNUP_PROVIDERS:
            return False
        return super().is_open_for_signup(request, sociallogin)

    def get_signup_form_initial_data(self, sociallogin):
        initial = super().get_signup_form_initial_data(sociallogin)
        data = sociallogin.account.extra_data or {}
        claims = {**(data.get("userinfo") or {}), **(data.get("id_token") or {})}
        if claims.get("given_name"):
            initial["display_name"] = str(claims["given_name"])[:40]
        birth_date = verified_birth_date(sociallogin)
        if birth_date is not None:
            initial["birth_date"] = birth_date
        return initial

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        birth_date = verified_birth_date(sociallogin)
        if birth_date is not None:
            mark_age_verified(user, birth_date=birth_date, provider=sociallogin.account.provider)
        return user

    def pre_social_login(self, request, sociallogin):
        """A later login with MitID: the claim is the birth date."""
        for check in SOCIAL_LOGIN_CHECKS:
            check(request, sociallogin)
        if sociallogin.user.pk:
            take_verified_birth_date(sociallogin.user, sociallogin)

    def get_connect_redirect_url(self, request, socialaccount):
        # After connecting MitID (or being told it belongs to another account): the profile.
        return reverse("profile")


def take_verified_birth_date(user: User, sociallogin) -> None:
    """The verified claim becomes `user`'s birth date, and a change moves them between the
    spaces if it crosses 18."""
    birth_date = verified_birth_date(sociallogin)
    if birth_date is None:
        return
    previous = user.birth_date
    mark_age_verified(user, birth_date=birth_date, provider=sociallogin.account.provider)
    user.save(update_fields=["birth_date", "age_verified_at", "age_verified_by"])
    birth_date_changed(user=user, previous=previous)


def on_account_connected(sender, request, sociallogin, **kwargs) -> None:
    """allauth has connected MitID to the logged-in account (the profile's "connect", after
    a fresh login): the claim becomes that account's birth date."""
    take_verified_birth_date(sociallogin.user, sociallogin)
