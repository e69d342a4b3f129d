"""An activity's e-mails: owed in the transaction that makes them due, claimed once and
sent after it; the reminders a day and an hour before."""

from __future__ import annotations

import datetime

from django.db import transaction

from belong.activities.models import Activity, ActivityEmail, ActivityStatus, SignUp, SignUpStatus
from belong.core import clock


def owe_email(kind: str, recipient_id: int, activity: Activity, *, key: str) -> ActivityEmail:
    row, created = ActivityEmail.objects.get_or_create(
        key=f"{kind}:{activity.pk}:{key}:{recipient_id}"[:120],
        defaults={"kind": kind, "recipient_id": recipient_id, "activity": activity},
    )
    if created:
        from belong.activities.tasks import send_activity_email

        transaction.on_commit(lambda: send_activity_email.enqueue(row.pk))
    return row


def claim_email(pk: int, *, now: datetime.datetime | None = None) -> ActivityEmail | None:
    """Only the first claim wins: an e-mail is sent at most once."""
    now = now or clock.now()
    if not ActivityEmail.objects.filter(pk=pk, claimed_at__isnull=True).update(claimed_at=now):
        return None
    return ActivityEmail.objects.select_related("recipient", "activity").get(pk=pk)


def mark_email_sent(row: ActivityEmail) -> None:
    ActivityEmail.objects.filter(pk=row.pk).update(sent_at=clock.now())


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Owe a reminder a day before and an hour before to everyone with a place; each is
    owed once however often this runs."""
    now = now or clock.now()
    owed = 0
    windows = (
        ("reminded_hour_at", datetime.timedelta(hours=1), ActivityEmail.Kind.REMINDER_HOUR),
        ("reminded_day_at", datetime.timedelta(hours=24), ActivityEmail.Kind.REMINDER_DAY),
    )
    for field, ahead, kind in windows:
        due = SignUp.objects.filter(
            status=SignUpStatus.CONFIRMED,
            activity__status=ActivityStatus.SCHEDULED,
            activity__starts_at__gt=now,
            activity__starts_at__lte=now + ahead,
            **{f"{field}__isnull": True},
        ).select_related("activity")
        for signup in due:
            with transaction.atomic():
                if not SignUp.objects.filter(pk=signup.pk, **{f"{field}__isnull": True}).update(
                    **{field: now}
                ):
                    continue
                if kind == ActivityEmail.Kind.REMINDER_DAY and signup.reminded_hour_at:
                    continue  # the hour's reminder went out already; one is enough
                owe_email(kind, signup.user_id, signup.activity, key=str(signup.pk))
                owed += 1
    return owed
