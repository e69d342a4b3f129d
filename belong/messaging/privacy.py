"""Personal data in messaging: conversations, the messages a person sent, meetings,
check-ins and e-mail settings. On erasure the other person keeps the conversation, without
the erased person's words."""

from __future__ import annotations

from django.db.models import Q

from belong.core.personal_data import rows
from belong.messaging.models import (
    CheckIn,
    Conversation,
    Meeting,
    Message,
    NotificationSettings,
    Outbox,
    Responsiveness,
)

PERSONAL_DATA_MODELS = [
    Conversation,
    Message,
    Meeting,
    CheckIn,
    NotificationSettings,
    Outbox,
    Responsiveness,
]


def export(user) -> dict:
    return {
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
        "checkins": rows(CheckIn.objects.filter(user=user), "met", "meet_again", "answered_at"),
        "email_mode": rows(NotificationSettings.objects.filter(user=user), "email_mode"),
    }


def erase(user) -> None:
    Message.objects.filter(sender=user).update(body="")
    Meeting.objects.filter(proposed_by=user).update(place="")
    CheckIn.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()
    Outbox.objects.filter(recipient=user).delete()
    Responsiveness.objects.filter(user=user).delete()
