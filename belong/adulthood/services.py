"""The youth space over time: on an 18th birthday a citizen moves to the adult space."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from belong.accounts.models import ADULT_AGE, User, years_before
from belong.core import clock
from belong.core.plugins import collect
from belong.safety.models import Notice, YouthTransition


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


def candidates(today: datetime.date) -> list[User]:
    cutoff = years_before(today, ADULT_AGE)
    # Turned 18 within the last year: older adults never were in the youth space here.
    year_before = years_before(today - datetime.timedelta(days=366), ADULT_AGE)
    return list(
        User.objects.filter(
            birth_date__lte=cutoff, birth_date__gt=year_before, youth_transition__isnull=True
        ).select_related("postcode")
    )


@transaction.atomic
def move_to_adult_space(*, user: User, now: datetime.datetime) -> bool:
    """Returns False when there was nothing to do or it was done before. Each app that keeps
    something of the citizen's in the youth space moves it, in its own `youth.py`
    (`ON_TURNING_ADULT`: functions of the user and the moment that return how many things
    they changed)."""
    transition, created = YouthTransition.objects.get_or_create(
        user=user, defaults={"moved_at": now}
    )
    if not created:
        return False
    changed = sum(move(user=user, now=now) for move in collect("youth", "ON_TURNING_ADULT"))
    if changed:
        Notice.objects.create(user=user, kind=Notice.Kind.ADULT_SPACE, created_at=now)
    return bool(changed)
