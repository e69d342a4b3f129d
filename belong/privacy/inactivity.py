"""Inactive accounts: nobody has logged in for 24 months (or signed up and never came back)
and the account gets one e-mail; at 25 months it is erased through the ordinary erasure
(tombstone included). Logging in in between removes the warning and the count starts again.
The periods are settings (`BELONG_RETENTION_INACTIVE_*_MONTHS`); staff accounts are left to
their municipality.

A citizen without an e-mail address cannot get the e-mail, so they are told ahead, while
they can be reached: on the guide staff print for them at sign-up, after every login, and on
their profile, with the date their account is kept until (`kept_until`). The erasure then
follows the same rule as for everyone (docs/privacy.md says why)."""

from __future__ import annotations

import calendar
import datetime
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce

from belong.accounts.models import User
from belong.privacy.models import InactivityWarning

logger = logging.getLogger(__name__)


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same moment `months` calendar months earlier (the month's last day if it is
    shorter: 31 March less one month is 28 or 29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def months_after(moment: datetime.datetime, months: int) -> datetime.datetime:
    return months_before(moment, -months)


def _candidates() -> QuerySet[User]:
    """Citizens' accounts still open, with the moment they were last seen."""
    return (
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .exclude(erasure_request__erased_at__isnull=False)
        .annotate(last_seen=Coalesce(F("last_login"), F("date_joined")))
    )


def warn_inactive(*, now: datetime.datetime) -> int:
    """Warn, once, every account not seen for the warning period; returns how many."""
    from belong.privacy.tasks import send_inactivity_warning

    warn_months = settings.BELONG_RETENTION_INACTIVE_WARNING_MONTHS
    erase_months = settings.BELONG_RETENTION_INACTIVE_ERASURE_MONTHS
    # A warning from before the last login no longer counts (logging in also deletes it).
    InactivityWarning.objects.filter(
        warned_at__lt=Coalesce(F("user__last_login"), F("user__date_joined"))
    ).delete()
    due = list(
        _candidates()
        .filter(Q(last_seen__lte=months_before(now, warn_months)), inactivity_warning__isnull=True)
        .order_by("pk")
    )
    for user in due:
        user_id, last_seen = user.pk, user.last_seen  # type: ignore[attr-defined]
        erase_after = max(
            months_after(last_seen, erase_months), months_after(now, erase_months - warn_months)
        )
        InactivityWarning.objects.create(user_id=user_id, warned_at=now, erase_after=erase_after)
        transaction.on_commit(partial(send_inactivity_warning.enqueue, user_id))
    logger.info("Inactive accounts: %d warned", len(due))
    return len(due)


def erase_inactive(*, now: datetime.datetime) -> int:
    """Erase every warned account whose time is up and that nobody logged in to since."""
    from belong.privacy.services import erase_account

    erase_months = settings.BELONG_RETENTION_INACTIVE_ERASURE_MONTHS
    due = list(
        _candidates()
        .filter(
            Q(last_seen__lte=months_before(now, erase_months)),
            Q(inactivity_warning__warned_at__gte=F("last_seen")),
            inactivity_warning__erase_after__lte=now,
        )
        .order_by("pk")
    )
    for user in due:
        erase_account(user=user, now=now)
    logger.info("Inactive accounts: %d erased", len(due))
    return len(due)


def kept_until(user: User) -> datetime.datetime:
    """When an account nobody logs in to again is erased: the erasure period after the last
    login (or the sign-up)."""
    last_seen = user.last_login or user.date_joined
    return months_after(last_seen, settings.BELONG_RETENTION_INACTIVE_ERASURE_MONTHS)


def forget_warning(*, user: User) -> None:
    """A login: the account is in use again."""
    InactivityWarning.objects.filter(user=user).delete()
