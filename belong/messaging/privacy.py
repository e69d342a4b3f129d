"""Personal data in messaging: conversations, the messages a person sent, meetings,
check-ins and e-mail settings. On erasure the other person keeps the conversation, without
the erased person's words."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext

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


def _thread(user) -> list[dict]:
    """Every message in the person's conversations as the conversation shows it to them:
    the other person's words too, but not a message hidden while a moderator looks at it,
    nor the name of someone whose account is erased."""
    messages = (
        Message.objects.filter(Q(conversation__starter=user) | Q(conversation__recipient=user))
        .select_related("sender", "conversation")
        .order_by("conversation_id", "created_at", "pk")
    )
    thread = []
    for message in messages:
        if message.sender_id is None:
            who = "Belong"
        elif message.sender_id == user.pk:
            who = "me"
        else:
            who = message.sender.display_name or gettext("Deleted user")
        hidden = message.hidden_at is not None and message.sender_id != user.pk
        thread.append(
            {
                "conversation_id": message.conversation_id,
                "post_title": message.conversation.post_title,
                "from": who,
                "kind": message.kind,
                "body": "" if hidden else message.body,
                "hidden_by_moderation": hidden,
                "created_at": message.created_at.isoformat(),
                "read_at": message.read_at.isoformat() if message.read_at else None,
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
