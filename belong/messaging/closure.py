"""Reminders and closure: no first contact dies in silence. A reminder after 2 days, a
gentle closure after 7, and the posts of an author who stays silent paused."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy

from belong.core import clock
from belong.messaging.live import push_after_commit
from belong.messaging.models import (
    Conversation,
    ConversationStatus,
    Message,
    MessageKind,
    Responsiveness,
)
from belong.messaging.notifications import owe_email
from belong.messaging.responsiveness import count_silence
from belong.posts.services import pause_posts_of

REMINDER_AFTER = datetime.timedelta(days=2)
CLOSE_AFTER = datetime.timedelta(days=7)
# An author who leaves this many first contacts in a row unanswered has their posts paused.
PAUSE_AFTER_UNANSWERED = 3


def send_reminders(*, now: datetime.datetime | None = None) -> list[int]:
    """Remind the recipients of first messages unanswered for 2 days, once each."""
    now = now or clock.now()
    due = Conversation.objects.filter(
        status=ConversationStatus.AWAITING,
        from_municipality__isnull=True,
        reminder_sent_at__isnull=True,
        created_at__lte=now - REMINDER_AFTER,
        # One about to close gets the closure, not a reminder.
        created_at__gt=now - CLOSE_AFTER,
    ).values_list("pk", "recipient_id")
    reminded = []
    for pk, recipient_id in list(due):
        with transaction.atomic():
            claimed = Conversation.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                owe_email("reminder", recipient_id, pk, key_id=pk)
                reminded.append(pk)
    return reminded


CLOSURE_NOTE = gettext_lazy(
    "We have closed this conversation because there has been no answer for a week. "
    "It is not about you: people are sometimes busy or no longer look in here. "
    "There are many others who would like company, so have a look at other posts."
)


def close_silent_conversations(*, now: datetime.datetime | None = None) -> list[int]:
    """After 7 days with no answer, close the contact and write the sender a gentle note;
    nobody waits forever. An author who leaves 3 first contacts in a row unanswered has
    their posts paused, with an e-mail that says how to show them again."""
    from django.utils import translation

    now = now or clock.now()
    # A facilitator's first warm message may be answered or left: it never closes.
    due = Conversation.objects.filter(
        status=ConversationStatus.AWAITING,
        from_municipality__isnull=True,
        created_at__lte=now - CLOSE_AFTER,
    ).values_list("pk", "starter_id", "recipient_id")
    closed = []
    for pk, starter_id, recipient_id in list(due):
        with transaction.atomic():
            claimed = Conversation.objects.filter(pk=pk, status=ConversationStatus.AWAITING).update(
                status=ConversationStatus.CLOSED, closed_at=now, last_message_at=now
            )
            if not claimed:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                note = str(CLOSURE_NOTE)
            message = Message.objects.create(
                conversation_id=pk,
                sender=None,
                recipient_id=starter_id,
                kind=MessageKind.CLOSURE,
                body=note,
                created_at=now,
            )
            owe_email("closure", starter_id, pk, key_id=pk)
            push_after_commit(pk, message.pk, starter_id)
            if count_silence(recipient_id) >= PAUSE_AFTER_UNANSWERED:
                pause_posts_of_silent_author(author_id=recipient_id, conversation_id=pk)
            closed.append(pk)
    return closed


def pause_posts_of_silent_author(*, author_id: int, conversation_id: int) -> int:
    """Pause the author's posts through the posts services (the search index follows
    them), tell the author kindly, and give them a fresh start."""
    paused = pause_posts_of(author_id=author_id)
    Responsiveness.objects.filter(user_id=author_id).update(unanswered_in_a_row=0)
    if paused:
        owe_email("posts_paused", author_id, conversation_id, key_id=conversation_id)
    return paused
