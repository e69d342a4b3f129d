"""E-mail notifications about messages: each person's e-mail mode and the outbox of owed
e-mails, claimed at most once by the sending task or the daily summary."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.messaging.models import EmailMode, NotificationSettings, Outbox


def email_mode(user: User | int) -> str:
    row = NotificationSettings.objects.filter(user_id=getattr(user, "pk", user)).first()
    return row.email_mode if row else EmailMode.INSTANT


def set_email_mode(*, user: User, mode: str) -> NotificationSettings:
    if mode not in EmailMode.values:
        raise ValidationError(_("Choose how you would like to hear from us."))
    row, _created = NotificationSettings.objects.update_or_create(
        user=user, defaults={"email_mode": mode}
    )
    return row


def owe_email(kind: str, recipient, conversation, *, key_id: int) -> Outbox | None:
    """Record, in the caller's transaction, that `recipient` is owed one e-mail about this
    event; after the commit a task sends it (or the daily summary does)."""
    recipient_id = getattr(recipient, "pk", recipient)
    mode = email_mode(recipient_id)
    if mode == EmailMode.OFF:
        return None
    row, created = Outbox.objects.get_or_create(
        key=f"{kind}:{key_id}:{recipient_id}",
        defaults={
            "kind": kind,
            "recipient_id": recipient_id,
            "conversation_id": getattr(conversation, "pk", conversation),
            "in_summary": mode == EmailMode.DAILY,
        },
    )
    if created and not row.in_summary:
        from belong.messaging.tasks import send_outbox_email

        transaction.on_commit(lambda: send_outbox_email.enqueue(row.pk))
    return row


def claim_outbox(pk: int, *, now: datetime.datetime | None = None) -> Outbox | None:
    """Claim one owed e-mail for sending. Only the first claim wins, so a retried task or a
    second worker does not send it again meanwhile. The claim is a lease: a worker that dies
    before marking it sent leaves it to run out, and belong/messaging/outbox.py queues the
    e-mail again (at least once, with the same Message-ID). Leases run on the wall clock,
    as the reaper does, not on `belong.core.clock`, which a demo may have moved."""
    now = now or timezone.now()
    if not Outbox.objects.filter(pk=pk, claimed_at__isnull=True).update(claimed_at=now):
        return None
    return Outbox.objects.select_related("recipient", "conversation").get(pk=pk)


def claim_summaries(*, now: datetime.datetime | None = None) -> dict[int, list[Outbox]]:
    """Claim every e-mail waiting for the daily summary, grouped by recipient (a lease on
    the wall clock, like `claim_outbox`)."""
    now = now or timezone.now()
    waiting = list(
        Outbox.objects.filter(in_summary=True, claimed_at__isnull=True).values_list("pk", flat=True)
    )
    claimed = []
    for pk in waiting:
        if Outbox.objects.filter(pk=pk, claimed_at__isnull=True).update(claimed_at=now):
            claimed.append(pk)
    by_recipient: dict[int, list[Outbox]] = {}
    for row in Outbox.objects.filter(pk__in=claimed).select_related("recipient", "conversation"):
        by_recipient.setdefault(row.recipient_id, []).append(row)
    return by_recipient


def mark_sent(rows: list[Outbox], *, now: datetime.datetime | None = None) -> None:
    Outbox.objects.filter(pk__in=[r.pk for r in rows]).update(sent_at=now or timezone.now())
