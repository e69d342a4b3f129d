"""Background work for activities: owed e-mails and the reminders a day and an hour before.
Tasks take ids, never objects, and are safe to run twice."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from belong.activities import emails


def render_email(row) -> tuple[str, str]:
    activity = row.activity
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": row.recipient,
            "activity": activity,
            "activity_url": settings.BELONG_BASE_URL.rstrip("/")
            + reverse("activity_detail", args=[activity.pk]),
        }
        subject = render_to_string(f"activities/email/{row.kind}_subject.txt", context)
        body = render_to_string(f"activities/email/{row.kind}.txt", context)
    return " ".join(subject.split()), body


@task()
def send_activity_email(email_id: int) -> bool:
    """Send one owed e-mail, at most once however often this task runs."""
    row = emails.claim_email(email_id)
    if row is None:
        return False
    subject, body = render_email(row)
    if row.recipient.email:  # citizens without e-mail see it on their activities page
        send_mail(subject, body, None, [row.recipient.email])
    emails.mark_email_sent(row)
    return True


@task()
def send_activity_reminders() -> int:
    return emails.send_reminders()
