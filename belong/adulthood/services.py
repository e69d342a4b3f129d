"""The youth space over time: on an 18th birthday a citizen moves to the adult space; a
birth date verified (MitID) or corrected (staff) on the other side of 18 moves them the same
way, in either direction."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from belong.accounts.models import ADULT_AGE, User, age_on, years_before
from belong.core import clock
from belong.core.plugins import collect
from belong.safety.models import Notice, YouthTransition

# Why a citizen changes space, for the words of the notes: their 18th birthday, or a birth
# date that was verified or corrected.
BIRTHDAY = "birthday"
BIRTH_DATE = "birth_date"


def move_new_adults(*, now: datetime.datetime | None = None) -> list[int]:
    """Move every new adult: close their open conversations with minors with a kind note
    and pause their youth posts for their review, with a notice. Safe to run again."""
    now = now or clock.now()
    today = timezone.localdate(now)
    moved = []
    for user in candidates(today):
        if move_to_adult_space(user=user, now=now):
            moved.append(user.pk)
    return moved


def youth_space_bound(today: datetime.date) -> datetime.date:
    """Born after this day: under 18, or turned 18 within the last year (older adults never
    were in the youth space here, and the daily move has had its chance with the others)."""
    return years_before(today - datetime.timedelta(days=366), ADULT_AGE)


def candidates(today: datetime.date) -> list[User]:
    cutoff = years_before(today, ADULT_AGE)
    return list(
        User.objects.filter(
            birth_date__lte=cutoff,
            birth_date__gt=youth_space_bound(today),
            youth_transition__isnull=True,
        ).select_related("postcode")
    )


def _change_space(*, user: User, now: datetime.datetime, youth: bool, reason: str) -> int:
    """Each app that keeps something of the citizen's in one space moves it, in its own
    `youth.py` (`ON_CHANGING_SPACE`: functions of the user, the moment, the space the citizen
    is in now and the reason, that return how many things they changed)."""
    return sum(
        move(user=user, now=now, youth=youth, reason=reason)
        for move in collect("youth", "ON_CHANGING_SPACE")
    )


@transaction.atomic
def move_to_adult_space(*, user: User, now: datetime.datetime, reason: str = BIRTHDAY) -> bool:
    """Returns False when there was nothing to do or it was done before."""
    transition, created = YouthTransition.objects.get_or_create(
        user=user, defaults={"moved_at": now}
    )
    if not created:
        return False
    changed = _change_space(user=user, now=now, youth=False, reason=reason)
    if changed:
        kind = Notice.Kind.ADULT_SPACE if reason == BIRTHDAY else Notice.Kind.ADULT_BY_AGE
        Notice.objects.create(user=user, kind=kind, created_at=now)
    return bool(changed)


@transaction.atomic
def move_to_youth_space(*, user: User, now: datetime.datetime) -> bool:
    """The way back, for a minor whose birth date said they were an adult: their
    conversations with adults close kindly, their adult posts pause and they leave the adult
    groups, with a notice. Their 18th birthday will move them again. Returns False when
    there was nothing to do."""
    YouthTransition.objects.filter(user=user).delete()
    changed = _change_space(user=user, now=now, youth=True, reason=BIRTH_DATE)
    if changed:
        Notice.objects.create(user=user, kind=Notice.Kind.YOUTH_BY_AGE, created_at=now)
    return bool(changed)


def settle_new_birth_date(
    *, user: User, previous: datetime.date | None, now: datetime.datetime | None = None
) -> bool:
    """A citizen's birth date has changed (verified with MitID, corrected by staff): when
    it puts them on the other side of 18, they move by the same path as on an 18th
    birthday (or back into the youth space). True when anything changed."""
    now = now or clock.now()
    today = timezone.localdate(now)
    youth_now = user.birth_date is not None and age_on(user.birth_date, today) < ADULT_AGE
    if youth_now:
        was_youth = previous is not None and age_on(previous, today) < ADULT_AGE
        return False if was_youth else move_to_youth_space(user=user, now=now)
    if previous is not None and previous > youth_space_bound(today):
        return move_to_adult_space(user=user, now=now, reason=BIRTH_DATE)
    return False
