"""Owed e-mails that survive a dead worker: at least once, never silently lost, with the
outbox row's id as the idempotency key.

A row is claimed (a lease) before it is sent and marked sent right after. A worker that dies
between the two leaves the lease to run out: the reaper then releases the row and queues it
again. The e-mail carries a Message-ID made from the row's id, so the rare second copy (a
worker killed after the mail server took the first) is the same message, which mail servers
and mail programs recognise as one.
"""

from __future__ import annotations

import datetime
import logging
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from belong.messaging.models import Outbox
from belong.operations.recovery import reaper

logger = logging.getLogger(__name__)


def _mail_domain() -> str:
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address.rpartition("@")[2] or "belong.localhost"


def message_id(rows: list[Outbox]) -> str:
    """The same Message-ID however often the same owed e-mail is sent."""
    first = min(row.pk for row in rows)
    kind = "summary" if len(rows) > 1 or rows[0].in_summary else "outbox"
    return f"<belong-{kind}-{first}@{_mail_domain()}>"


def send(rows: list[Outbox], *, subject: str, body: str, to: str) -> None:
    """Send the e-mail owed for `rows`, with its idempotency key as Message-ID."""
    key = message_id(rows)
    EmailMessage(
        subject,
        body,
        None,
        [to],
        headers={"Message-ID": key, "X-Belong-Outbox": ",".join(str(r.pk) for r in rows)},
    ).send()


def release(rows: list[Outbox]) -> None:
    """Give back the claim on e-mails that could not be sent (the mail server refused or was
    away), so the task's retry claims and sends them again."""
    Outbox.objects.filter(pk__in=[r.pk for r in rows], sent_at__isnull=True).update(claimed_at=None)


@reaper("outbox")
def release_stale_claims(*, now: datetime.datetime | None = None) -> int:
    """E-mails claimed longer than BELONG_OUTBOX_CLAIM_TIMEOUT ago and still not sent go
    back to the queue (the daily summary picks up its own)."""
    from belong.messaging.tasks import send_outbox_email

    now = now or timezone.now()
    since = now - datetime.timedelta(seconds=settings.BELONG_OUTBOX_CLAIM_TIMEOUT)
    stale = list(
        Outbox.objects.filter(claimed_at__lt=since, sent_at__isnull=True).values_list(
            "pk", "claimed_at", "in_summary"
        )
    )
    released = 0
    for pk, claimed_at, in_summary in stale:
        with transaction.atomic():
            if not Outbox.objects.filter(pk=pk, claimed_at=claimed_at, sent_at__isnull=True).update(
                claimed_at=None
            ):
                continue
            released += 1
            if not in_summary:
                transaction.on_commit(lambda pk=pk: send_outbox_email.enqueue(pk))
    if released:
        logger.warning("%d owed e-mails were claimed but never sent; queued again", released)
    return released
