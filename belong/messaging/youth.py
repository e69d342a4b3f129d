"""When a citizen moves between the youth space and the adult space, their open
conversations across the age line close, with a kind note to the other person: young people
and adults do not write together. On an 18th birthday the note says so; after a birth date
was verified or corrected it says in which part of Belong the citizen is now."""

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
# To a young person: the one they wrote with is an adult, whatever they said before.
IS_ADULT_NOTE = gettext_lazy(
    "This conversation is closed because %(name)s is over 18 and uses the adult part of "
    "Belong. Young people and adults do not write together here. If something in the "
    "conversation worried you, you can report it, or talk to an adult you trust."
)
# To an adult: the one they wrote with is under 18.
IS_YOUTH_NOTE = gettext_lazy(
    "This conversation is closed because %(name)s is under 18 and uses the youth part of "
    "Belong. Young people and adults do not write together here. Thank you for the talk."
)


def _note(*, youth: bool, reason: str):
    if youth:
        return IS_YOUTH_NOTE
    return ADULT_NOTE if reason == "birthday" else IS_ADULT_NOTE


def close_conversations_across_the_age_line(*, user, now, youth: bool, reason: str) -> int:
    """Close `user`'s open conversations with people on the other side of the adult age
    (`youth`: the space `user` is in now; someone of unknown age counts as an adult). A
    facilitator's conversation (`from_municipality`) is the municipality's to follow up."""
    today = timezone.localdate(now)
    closed = 0
    conversations = Conversation.objects.filter(
        Q(starter=user) | Q(recipient=user),
        status__in=[ConversationStatus.AWAITING, ConversationStatus.ANSWERED],
        from_municipality__isnull=True,
    ).select_related("starter", "recipient")
    for conversation in conversations:
        other = conversation.other(user)
        age = other.age(today)
        if (age is not None and age < ADULT_AGE) == youth:
            continue
        Conversation.objects.filter(pk=conversation.pk).update(
            status=ConversationStatus.CLOSED, closed_at=now, last_message_at=now
        )
        with translation.override(settings.LANGUAGE_CODE):
            note = str(_note(youth=youth, reason=reason) % {"name": user.display_name})
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


ON_CHANGING_SPACE = [close_conversations_across_the_age_line]
