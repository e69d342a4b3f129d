"""A facilitator's first warm message, written as the municipality to a citizen nobody has
answered. The conversation is marked as the municipality's on every page and e-mail, so it
never passes for a citizen's; the citizen may answer it or leave it, and it never closes.

Who may write (a facilitator there, cleared for young people before writing to a minor,
only to a citizen who agreed) is decided by `belong.support.first_response`, which calls
this function."""

from __future__ import annotations

import datetime

from django.db import transaction

from belong.accounts.models import User
from belong.core import clock
from belong.messaging.live import push_after_commit
from belong.messaging.models import Conversation, Message, MessageKind
from belong.messaging.notifications import owe_email
from belong.messaging.services import _clean_body, _excerpt
from belong.places.models import Municipality
from belong.posts.models import Post


def start_staff_conversation(
    *,
    staff: User,
    municipality: Municipality,
    citizen: User,
    post: Post | None,
    body: str,
    now: datetime.datetime | None = None,
) -> Message:
    """Write the first message of a conversation from `municipality` to `citizen`."""
    now = now or clock.now()
    body = _clean_body(body)
    with transaction.atomic():
        conversation = Conversation.objects.create(
            post=post,
            starter=staff,
            recipient=citizen,
            from_municipality=municipality,
            post_title=post.title if post is not None else "",
            post_excerpt=_excerpt(post.body) if post is not None else "",
            created_at=now,
            last_message_at=now,
        )
        message = Message.objects.create(
            conversation=conversation,
            sender=staff,
            recipient=citizen,
            kind=MessageKind.STAFF,
            body=body,
            created_at=now,
        )
        owe_email("staff_message", citizen, conversation, key_id=conversation.pk)
        push_after_commit(conversation.pk, message.pk, citizen.pk)
    return message


def staff_conversations_to(citizen_ids) -> dict[int, datetime.datetime]:
    """When each citizen last had a first message from their municipality."""
    latest: dict[int, datetime.datetime] = {}
    rows = Conversation.objects.filter(
        recipient_id__in=list(citizen_ids), from_municipality__isnull=False
    ).values_list("recipient_id", "created_at")
    for citizen_id, created_at in rows:
        if citizen_id not in latest or created_at > latest[citizen_id]:
            latest[citizen_id] = created_at
    return latest
