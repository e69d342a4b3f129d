"""Personal data in messaging: conversations, the messages a person sent, meetings,
check-ins and e-mail settings. On erasure the other person keeps the conversation, without
the erased person's words."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from belong.accounts.projections import person_for_reader
from belong.core.personal_data import rows
from belong.messaging.models import (
    CheckIn,
    Conversation,
    ConversationStatus,
    Meeting,
    Message,
    NotificationSettings,
    Outbox,
    PushSubscription,
    Responsiveness,
)
from belong.messaging.projections import message_for_reader

PERSONAL_DATA_MODELS = [
    Conversation,
    Message,
    Meeting,
    CheckIn,
    NotificationSettings,
    Outbox,
    Responsiveness,
    PushSubscription,
]

# What the privacy notice says of this app (belong.privacy.notice).
DATA_HELD = _(
    "Your conversations, the messages you sent, meetings, check-ins after a meeting and your "
    "e-mail settings."
)
PURPOSE = _("To let you write to other people and meet them.")


def _thread(user) -> list[dict]:
    """Every message in the person's conversations as the conversation shows it to them
    (`messaging.projections`): the other person's words too, a message hidden while a
    moderator looks at it as its placeholder, an erased person as "Slettet bruger". Their
    own words are theirs in full."""
    messages = (
        Message.objects.filter(Q(conversation__starter=user) | Q(conversation__recipient=user))
        .select_related("sender", "conversation")
        .order_by("conversation_id", "created_at", "pk")
    )
    thread = []
    for message in messages:
        shown = message_for_reader(message, user)
        if shown.from_belong:
            who = "Belong"
        elif shown.sent_by_me:
            who = "me"
        else:
            who = person_for_reader(message.sender, user).display_name
        hidden = shown.hidden and not shown.sent_by_me
        thread.append(
            {
                "conversation_id": message.conversation_id,
                "post_title": message.conversation.post_title,
                "from": who,
                "kind": shown.kind,
                "body": message.body if shown.sent_by_me else shown.text,
                "hidden_by_moderation": hidden,
                "created_at": shown.created_at.isoformat(),
                "read_at": shown.read_at.isoformat() if shown.read_at else None,
            }
        )
    return thread


def export(user) -> dict:
    mine = Q(conversation__starter=user) | Q(conversation__recipient=user)
    return {
        "conversation_messages": _thread(user),
        "meetings": rows(
            Meeting.objects.filter(mine).order_by("created_at"),
            "conversation_id",
            "starts_at",
            "place",
            "status",
            "created_at",
        ),
        "conversations": rows(
            Conversation.objects.filter(Q(starter=user) | Q(recipient=user)),
            "id",
            "post_title",
            "status",
            "created_at",
        ),
        "messages_sent": rows(
            Message.objects.filter(sender=user), "conversation_id", "body", "created_at"
        ),
        "meetings_proposed": rows(
            Meeting.objects.filter(proposed_by=user), "starts_at", "place", "status"
        ),
        "checkins": rows(
            CheckIn.objects.filter(user=user), "met", "meet_again", "felt", "answered_at"
        ),
        "email_mode": rows(NotificationSettings.objects.filter(user=user), "email_mode"),
        "push_devices": rows(PushSubscription.objects.filter(user=user), "endpoint", "created_at"),
    }


def erase(user) -> None:
    Message.objects.filter(sender=user).update(body="")
    Meeting.objects.filter(proposed_by=user).update(place="")
    CheckIn.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()
    Outbox.objects.filter(recipient=user).delete()
    Responsiveness.objects.filter(user=user).delete()
    PushSubscription.objects.filter(user=user).delete()


def _delete_closed_conversations(*, now: datetime.datetime) -> int:
    cutoff = now - datetime.timedelta(days=settings.BELONG_RETENTION_CLOSED_CONVERSATION_DAYS)
    finished = [ConversationStatus.CLOSED, ConversationStatus.DECLINED]
    old = Conversation.objects.filter(status__in=finished, last_message_at__lt=cutoff)
    count = old.count()
    old.delete()
    return count


def _delete_old_outbox(*, now: datetime.datetime) -> int:
    cutoff = now - datetime.timedelta(days=settings.BELONG_RETENTION_OUTBOX_DAYS)
    return Outbox.objects.filter(created_at__lt=cutoff).delete()[0]


# What the daily retention task deletes here (belong.privacy.retention).
RETENTION = {
    "closed_conversations": _delete_closed_conversations,
    "outbox": _delete_old_outbox,
}
# The setting each rule reads, as the privacy notice shows it.
RETENTION_PERIODS = {
    "closed_conversations": (
        "BELONG_RETENTION_CLOSED_CONVERSATION_DAYS",
        _("Closed and finished conversations, counted from the last message"),
    ),
    "outbox": ("BELONG_RETENTION_OUTBOX_DAYS", _("E-mails we sent you")),
}
