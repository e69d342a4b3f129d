"""On an 18th birthday the citizen's open conversations with minors close, with a kind note
to the young person: young people and adults do not write together."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from belong.accounts.models import ADULT_AGE
from belong.messaging.models import Conversation, ConversationStatus, Message, MessageKind

ADULT_NOTE = gettext_lazy(
    "This conversation is closed because %(name)s has turned 18 and now uses the adult "
    "part of Belong. Young people and adults do not write together here. Thank you for "
    "the talk, and good luck."
)


def close_conversations_with_minors(*, user, now) -> int:
    today = timezone.localdate(now)
    closed = 0
    conversations = Conversation.objects.filter(
        Q(starter=user) | Q(recipient=user),
        status__in=[ConversationStatus.AWAITING, ConversationStatus.ANSWERED],
    ).select_related("starter", "recipient")
    for conversation in conversations:
        other = conversation.other(user)
        if other.age(today) is None or other.age(today) >= ADULT_AGE:
            continue
        Conversation.objects.filter(pk=conversation.pk).update(
            status=ConversationStatus.CLOSED, closed_at=now, last_message_at=now
        )
        with translation.override(settings.LANGUAGE_CODE):
            note = str(ADULT_NOTE % {"name": user.display_name})
        Message.objects.create(
            conversation=conversation,
            sender=None,
            recipient=other,
            kind=MessageKind.ADULT,
            body=note,
            created_at=now,
        )
        closed += 1
    return closed


ON_TURNING_ADULT = [close_conversations_with_minors]
