"""Background work for messaging: owed e-mails, reminders after 2 days, closure after 7,
daily summaries. Tasks take ids, never objects, and are safe to run twice."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from belong.core.links import absolute_url
from belong.messaging import closure, meetings, notifications, outbox
from belong.messaging.after_silence import offer_for

LET_DOWN_KINDS = ("closure", "declined")


def _context(row) -> dict:
    conversation = row.conversation
    return {
        "row": row,
        "user": row.recipient,
        "conversation": conversation,
        "conversation_url": absolute_url(reverse("conversation", args=[conversation.pk]))
        if conversation
        else "",
        "search_url": absolute_url(reverse("search")),
        "my_posts_url": absolute_url(reverse("my_posts")),
        "settings_url": absolute_url(reverse("notification_settings")),
        "support_url": absolute_url(reverse("support_home")),
        # Suggestions and an activity nearby, for the one let down by silence or a kind no.
        "offer": offer_for(row.recipient, conversation=conversation)
        if row.kind in LET_DOWN_KINDS
        else {},
    }


def render_email(row) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(row)
        subject = render_to_string(f"messaging/email/{row.kind}_subject.txt", context)
        body = render_to_string(f"messaging/email/{row.kind}.txt", context)
    return " ".join(subject.split()), body


@task()
def send_outbox_email(outbox_id: int) -> bool:
    """Send one owed e-mail: at least once (belong/messaging/outbox.py), with its outbox id
    as Message-ID, however often this task runs."""
    row = notifications.claim_outbox(outbox_id)
    if row is None:
        return False
    subject, body = render_email(row)
    if row.recipient.email:  # citizens signed up without e-mail read it on the site
        try:
            outbox.send([row], subject=subject, body=body, to=row.recipient.email)
        except Exception:
            outbox.release([row])  # the task's retry sends it (with the same Message-ID)
            raise
    notifications.mark_sent([row])
    return True


@task()
def send_daily_summaries() -> int:
    """One e-mail per citizen who chose a daily summary and has news."""
    sent = 0
    for rows in notifications.claim_summaries().values():
        recipient = rows[0].recipient
        with translation.override(settings.LANGUAGE_CODE):
            items = []
            for row in rows:
                subject, _body = render_email(row)
                items.append((subject, _context(row)["conversation_url"]))
            context = {
                "user": recipient,
                "items": items,
                "inbox_url": absolute_url(reverse("inbox")),
                "settings_url": absolute_url(reverse("notification_settings")),
            }
            subject = render_to_string("messaging/email/summary_subject.txt", context)
            body = render_to_string("messaging/email/summary.txt", context)
        if recipient.email:
            try:
                outbox.send(rows, subject=" ".join(subject.split()), body=body, to=recipient.email)
            except Exception:
                outbox.release(rows)  # the next summary, or the task's retry, sends them
                raise
        notifications.mark_sent(rows)
        sent += 1
    return sent


@task()
def remind_unanswered() -> int:
    return len(closure.send_reminders())


@task()
def close_silent_conversations() -> int:
    return len(closure.close_silent_conversations())


@task()
def send_checkins() -> int:
    return len(meetings.send_due_checkins())
