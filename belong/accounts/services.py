"""Account operations: the rules for who may join, and keeping a profile up to date."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from belong.accounts.interests import interests_to_mask
from belong.accounts.models import User, age_on
from belong.places.models import Municipality, Postcode


class SignupRefused(Exception):
    """The citizen may not join; `reason` says why in a word the pages can act on."""

    def __init__(self, reason: str, municipality: Municipality | None = None):
        super().__init__(reason)
        self.reason = reason
        self.municipality = municipality


def check_may_join(
    *, birth_date: datetime.date, postcode: Postcode, today: datetime.date | None = None
) -> None:
    """Raise SignupRefused unless a citizen of this age and home may sign up."""
    today = today or timezone.localdate()
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

    from belong.safety.services import record_staff_access

    today = timezone.localdate()
    if birth_date > today or age_on(birth_date, today) < settings.BELONG_MINIMUM_AGE:
        raise ValidationError(
            _("Belong is for people aged %(age)s and over.") % {"age": settings.BELONG_MINIMUM_AGE}
        )
    old = user.birth_date
    user.birth_date = birth_date
    user.save(update_fields=["birth_date"])
    record_staff_access(
        staff=staff,
        subject=user,
        action=f"birth_date_corrected:{old}->{birth_date}",
        reason=reason[:300],
    )
    return user
