"""Live delivery: the header's cached unread count and the push of a new message to
everyone watching its conversation over the channel layer."""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import transaction

from belong.accounts.models import User
from belong.messaging.models import Message

logger = logging.getLogger(__name__)

UNREAD_CACHE_SECONDS = 24 * 60 * 60


def unread_key(user_id: int) -> str:
    return f"messaging:unread:{user_id}"


def unread_count(user: User) -> int:
    """The header's unread count. Every page shows it, so it is cached and forgotten
    whenever a message reaches the user or they read one: pages keep their query budget."""
    key = unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Message.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def warm_unread_count(sender=None, *, user: User, **kwargs) -> None:
    cache.delete(unread_key(user.pk))
    unread_count(user)


def forget_unread_after_commit(user_id: int) -> None:
    transaction.on_commit(lambda: cache.delete(unread_key(user_id)))


def conversation_group(conversation_id: int) -> str:
    return f"conversation-{conversation_id}"


def push_after_commit(conversation_id: int, message_id: int, recipient_id: int) -> None:
    from belong.messaging.push import push_after_commit as web_push_after_commit

    forget_unread_after_commit(recipient_id)
    transaction.on_commit(lambda: push_message(conversation_id, message_id))
    # A device that asked for notices hears that there is a message, never what it says.
    web_push_after_commit(recipient_id)


def push_message(conversation_id: int, message_id: int) -> bool:
    """Tell everyone watching the conversation that a message is there. Never raises: when
    the channel layer (Redis) is down, the message is saved and the pages' polling shows it."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    try:
        layer = get_channel_layer()
        if layer is None:
            return False
        async_to_sync(layer.group_send)(
            conversation_group(conversation_id),
            {"type": "conversation.message", "message_id": message_id, "sent_at": time.time()},
        )
    except Exception:  # noqa: BLE001  (any layer failure: log it, polling takes over)
        logger.warning("Live delivery of message %s failed; polling will show it", message_id)
        return False
    return True
