"""The youth space over time: on an 18th birthday a citizen moves to the adult space."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from belong.accounts.models import ADULT_AGE, User, years_before
from belong.messaging.models import Conversation, ConversationStatus, Message, MessageKind
from belong.posts.models import Post, Status
from belong.safety.models import Notice, YouthTransition

ADULT_NOTE = gettext_lazy(
    "This conversation is closed because %(name)s has turned 18 and now uses the adult "
    "part of Belong. Young people and adults do not write together here. Thank you for "
    "the talk, and good luck."
)


def move_new_adults(*, now: datetime.datetime | None = None) -> list[int]:
    """Move every new adult: close their open conversations with minors with a kind note
    and pause their youth posts for their review, with a notice. Safe to run again."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    moved = []
    for user in candidates(today):
        if move_to_adult_space(user=user, now=now):
            moved.append(user.pk)
    return moved


def candidates(today: datetime.date) -> list[User]:
    cutoff = years_before(today, ADULT_AGE)
    # Turned 18 within the last year: older adults never were in the youth space here.
    year_before = years_before(today - datetime.timedelta(days=366), ADULT_AGE)
    return list(
        User.objects.filter(
            birth_date__lte=cutoff, birth_date__gt=year_before, youth_transition__isnull=True
        ).select_related("postcode")
    )


@transaction.atomic
def move_to_adult_space(*, user: User, now: datetime.datetime) -> bool:
    """Returns False when there was nothing to do or it was done before."""
    transition, created = YouthTransition.objects.get_or_create(
        user=user, defaults={"moved_at": now}
    )
    if not created:
        return False
    today = timezone.localdate(now)
    paused = Post.objects.filter(author=user, is_youth=True, status=Status.PUBLISHED).update(
        status=Status.PAUSED, updated_at=now
    )
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
    if paused or closed:
        Notice.objects.create(user=user, kind=Notice.Kind.ADULT_SPACE, created_at=now)
    return bool(paused or closed)
