"""Account operations: the rules for who may join, and keeping a profile up to date."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from belong.accounts.interests import interests_to_mask
from belong.accounts.models import ApiToken, User, age_on
from belong.accounts.projections import OLDEST
from belong.core import clock, limits
from belong.places.models import Municipality, Postcode


class SignupRefused(Exception):
    """The citizen may not join; `reason` says why in a word the pages can act on."""

    def __init__(self, reason: str, municipality: Municipality | None = None):
        super().__init__(reason)
        self.reason = reason
        self.municipality = municipality


# What follows a changed birth date (a move between the youth space and the adult space):
# `fn(*, user, previous)`, added by the apps above accounts that act on it (adulthood, from
# AdulthoodConfig.ready), so that accounts imports none of them.
ON_NEW_BIRTH_DATE: list[Callable[..., object]] = []


def register_on_new_birth_date(fn: Callable[..., object]) -> None:
    if fn not in ON_NEW_BIRTH_DATE:
        ON_NEW_BIRTH_DATE.append(fn)


def birth_date_changed(*, user: User, previous: datetime.date | None) -> None:
    """Tell the apps that act on it that `user.birth_date` (saved) is no longer `previous`."""
    if user.birth_date == previous:
        return
    for fn in ON_NEW_BIRTH_DATE:
        fn(user=user, previous=previous)


def check_may_join(
    *, birth_date: datetime.date, postcode: Postcode, today: datetime.date | None = None
) -> None:
    """Raise SignupRefused unless a citizen of this age and home may sign up."""
    today = today or clock.today()
    if age_on(birth_date, today) < settings.BELONG_MINIMUM_AGE:
        raise SignupRefused("too_young")
    if not postcode.municipality.is_licensed(today):
        raise SignupRefused("not_licensed", postcode.municipality)


@transaction.atomic
def complete_signup(
    *,
    user: User,
    display_name: str,
    birth_date: datetime.date,
    gender: str,
    postcode: Postcode,
) -> User:
    """Store the details a new citizen gave at sign-up, after checking they may join."""
    check_may_join(birth_date=birth_date, postcode=postcode)
    user.display_name = display_name.strip()
    user.birth_date = birth_date
    user.gender = gender
    user.postcode = postcode
    user.save(update_fields=["display_name", "birth_date", "gender", "postcode"])
    return user


@transaction.atomic
def update_profile(
    *,
    user: User,
    display_name: str,
    gender: str,
    postcode: Postcode,
    about: str,
    interests: list[str],
) -> User:
    """Change what a citizen tells about themselves. The birth date is not theirs to edit."""
    user.display_name = display_name.strip()
    user.gender = gender
    user.postcode = postcode
    user.about = about.strip()
    user.interest_mask = interests_to_mask(interests)
    user.save(update_fields=["display_name", "gender", "postcode", "about", "interest_mask"])
    return user


@transaction.atomic
def correct_birth_date(*, staff: User, user: User, birth_date: datetime.date, reason: str) -> User:
    """Staff correct a birth date (citizens cannot change their own); logged."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from belong.core.access_log import record_staff_access

    if user.age_verified:
        raise ValidationError(
            _("This birth date was verified with MitID, so it cannot be changed."),
            code="verified",
        )
    today = clock.today()
    if birth_date > today or age_on(birth_date, today) < settings.BELONG_MINIMUM_AGE:
        raise ValidationError(
            _("Belong is for people aged %(age)s and over.") % {"age": settings.BELONG_MINIMUM_AGE}
        )
    if age_on(birth_date, today) > OLDEST:
        raise ValidationError(
            _("Please check the year: that would make the citizen over %(age)s years old.")
            % {"age": OLDEST},
            code="too_old",
        )
    old = user.birth_date
    user.birth_date = birth_date
    user.save(update_fields=["birth_date"])
    birth_date_changed(user=user, previous=old)
    record_staff_access(
        staff=staff,
        subject=user,
        action=f"birth_date_corrected:{old}->{birth_date}",
        reason=reason[:300],
    )
    return user


# --- Personal API keys -----------------------------------------------------------------------

API_TOKEN_PREFIX = "bl_"  # noqa: S105  (a visible marker, not a secret)
# Writing the last-used time on every request would make each API call a write.
API_TOKEN_TOUCH_EVERY = datetime.timedelta(minutes=5)
MAX_API_TOKENS = 20


def _token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a personal API key; returns the row and the token, which is never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Give the key a name, so you know it again."), code="required")
    if len(name) > 60:
        raise ValidationError(_("Keep the name short: at most 60 characters."), code="max_length")
    if ApiToken.objects.filter(user=user).count() >= MAX_API_TOKENS:
        raise ValidationError(
            _("You have %(count)d keys. Delete one you no longer use first.")
            % {"count": MAX_API_TOKENS},
            code="too_many",
        )
    limits.hit("api_token", user.pk)
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[: len(API_TOKEN_PREFIX) + 6], digest=_token_digest(raw)
    )
    return token, raw


def revoke_api_token(*, user: User, pk: int) -> None:
    """Delete one of the user's keys; another citizen's id is simply not found."""
    deleted, _rows = ApiToken.objects.filter(user=user, pk=pk).delete()
    if not deleted:
        raise Http404


def user_for_api_token(raw: str, *, now: datetime.datetime | None = None) -> User | None:
    """The active citizen a token belongs to, or None."""
    if not raw or not raw.startswith(API_TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user__postcode__municipality")
        .filter(digest=_token_digest(raw))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = now or clock.now()
    if token.last_used_at is None or now - token.last_used_at > API_TOKEN_TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
